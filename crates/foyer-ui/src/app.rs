//! Builds the kiosk window and wires every adapter to the kiosk.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use slint::{ComponentHandle, Timer};

use super::context::{Latest, UiContext};
use super::draft::Draft;
use super::idle::IdleReset;
use super::options::UiOptions;
use super::reads::ScreenReads;
use super::staff_pin::PinGate;
use super::{AppWindow, KioskAdapter};
use foyer_devices::scanner::WedgeInput;
use foyer_kiosk::Kiosk;

/// The window and the timers that must live as long as it.
pub struct KioskUi {
    pub window: AppWindow,
    pub context: Rc<UiContext>,
    _clock: Timer,
}

/// Creates the window and wires it to the kiosk.
pub fn build_ui(kiosk: Arc<Kiosk>, options: UiOptions) -> Result<KioskUi, slint::PlatformError> {
    // The badge's fallback fonts are listed once, opening every font file;
    // done now, the details page's check of the first visitor's name (and
    // the first badge) need not wait for it.
    let preload = std::thread::Builder::new().name("foyer-fonts".into());
    if let Err(e) = preload.spawn(foyer_devices::badge::preload_system_fonts) {
        tracing::warn!(error = %e, "fonts not preloaded; the first name checked lists them");
    }
    let window = AppWindow::new()?;
    let adapter = window.global::<KioskAdapter>();
    adapter.set_site_name(kiosk.settings().site_name.clone().into());
    if let Some(logo) = options.logo.as_ref().and_then(|p| slint::Image::load_from_path(p).ok()) {
        adapter.set_logo(logo);
    }
    adapter.set_language(options.default_language.clone().into());
    super::language::select(&options.default_language);
    // The screens read through their own connection, so the store's lock
    // (held by the forwarder and by commits) never stalls them.
    let unreadable = |e: &dyn std::fmt::Display| {
        slint::PlatformError::Other(format!("cannot start the screens' reader of the kiosk database: {e}"))
    };
    let reader = kiosk.reader().map_err(|e| unreadable(&e))?;
    let reads = ScreenReads::start(reader).map_err(|e| unreadable(&e))?;
    let context = Rc::new(UiContext {
        idle: IdleReset::new(&window, options.idle_timeout, &options.default_language),
        reads,
        host_searches: Latest::default(),
        visit_searches: Latest::default(),
        wedge: RefCell::new(WedgeInput::default()),
        notice_timer: Rc::default(),
        pin: RefCell::new(PinGate::new(options.staff_pin_hash.clone())),
        draft: RefCell::new(Draft::default()),
        kiosk,
        options,
    });
    super::idle::wire(&window, &context);
    super::language::wire(&window, &context);
    super::check_in_adapter::wire(&window, &context);
    super::host_search::wire(&window, &context);
    super::agreement_adapter::wire(&window, &context);
    super::invitation_adapter::wire(&window, &context);
    super::check_out_adapter::wire(&window, &context);
    super::scan_adapter::wire(&window, &context);
    super::staff_adapter::wire(&window, &context);
    let clock = super::clock::start(&window);
    Ok(KioskUi { window, context, _clock: clock })
}

impl KioskUi {
    /// Shows the window and runs the event loop until it closes.
    pub fn run(&self, fullscreen: bool) -> Result<(), slint::PlatformError> {
        self.window.window().set_fullscreen(fullscreen);
        self.window.run()
    }
}

/// Feeds a serial scanner's scans into the UI, as if typed on the welcome page.
pub fn spawn_scanner(window: &AppWindow, mut scanner: Box<dyn foyer_devices::Scanner>) {
    let weak = window.as_weak();
    std::thread::spawn(move || loop {
        match scanner.next_scan(Duration::from_millis(500)) {
            Ok(Some(code)) => {
                let posted =
                    weak.upgrade_in_event_loop(move |w| w.global::<KioskAdapter>().invoke_scanned(code.into()));
                if posted.is_err() {
                    break; // the window is gone
                }
            }
            Ok(None) => {}
            Err(e) => {
                tracing::warn!(error = %e, "scan refused");
                std::thread::sleep(Duration::from_millis(500));
            }
        }
    });
}
