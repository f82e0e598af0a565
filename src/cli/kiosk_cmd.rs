//! `foyer kiosk`: the front office, with its touchscreen UI or headless.

use std::sync::Arc;
use std::time::Duration;

use clap::Args;

use super::stop_signals::StopSignals;
use super::{Context, UsageError};
use foyer_kiosk::instance_lock::InstanceLock;
use foyer_ui::{build_ui, UiOptions};

#[derive(Debug, Args)]
pub struct KioskArgs {
    /// Run without a window: a print station driven by the scanner.
    #[arg(long)]
    headless: bool,
    /// With --headless: read scans from standard input, one per line (a
    /// keyboard-wedge scanner on a console, or a script).
    #[arg(long, requires = "headless")]
    scan_stdin: bool,
    /// Fill the screen (the lobby kiosk); without it, a window.
    #[arg(long, conflicts_with = "headless")]
    fullscreen: bool,
}

pub fn run(ctx: &Context, args: KioskArgs) -> anyhow::Result<()> {
    // Before any device is opened: a second kiosk must not touch the relay.
    let _lock = InstanceLock::acquire(&ctx.config.data_dir)?;
    // Before the runtime, the link and the UI start their threads.
    crate::heap_arenas::limit_for_kiosk();
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    let signals = {
        let _in_runtime = runtime.enter();
        StopSignals::install()?
    };
    let kiosk = Arc::new(ctx.kiosk()?);
    let scanner = ctx.scanner()?;
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let link = runtime.spawn(link_to_backoffice(ctx, kiosk.clone(), stopped));
    if args.headless {
        runtime.block_on(foyer_kiosk::headless::run(kiosk.clone(), scanner, args.scan_stdin, signals.recv()))?;
    } else {
        // A stop signal ends the event loop as closing the window does.
        let quit = runtime.spawn(async move {
            signals.recv().await;
            let _ = slint::invoke_from_event_loop(|| {
                let _ = slint::quit_event_loop();
            });
        });
        let shown = run_ui(ctx, &kiosk, scanner, args.fullscreen);
        quit.abort();
        kiosk.shutdown();
        shown?;
    }
    let _ = stop.send(true);
    let _ = runtime.block_on(link);
    // The kiosk (and with it the relay, which switches off when dropped)
    // ends here, not at process exit.
    drop(runtime);
    drop(kiosk);
    Ok(())
}

/// Sends the outbox, syncs the directory and runs desk commands until
/// `stopped`; with no back-office URL, runs the back office in this
/// process. A failure here never stops the kiosk: it works offline.
fn link_to_backoffice(
    ctx: &Context,
    kiosk: Arc<foyer_kiosk::Kiosk>,
    mut stopped: tokio::sync::watch::Receiver<bool>,
) -> impl std::future::Future<Output = ()> + Send + 'static {
    let settings = ctx.config.backoffice.clone();
    let link = ctx.config.link.clone();
    let data_dir = ctx.config.data_dir.clone();
    async move {
        let shutdown = async move {
            let _ = stopped.wait_for(|s| *s).await;
        };
        if let Err(e) = crate::embedded::run_with_backoffice(kiosk, &link, &settings, &data_dir, shutdown).await {
            tracing::error!(error = format!("{e:#}"), "no link to the back office; the kiosk keeps working offline");
        }
    }
}

fn run_ui(
    ctx: &Context,
    kiosk: &Arc<foyer_kiosk::Kiosk>,
    scanner: Option<Box<dyn foyer_devices::Scanner>>,
    fullscreen: bool,
) -> anyhow::Result<()> {
    let ui = build_ui(kiosk.clone(), ui_options(ctx)?)?;
    if let Some(scanner) = scanner {
        foyer_ui::app::spawn_scanner(&ui.window, scanner);
    }
    if let Err(e) = kiosk.relay().off() {
        tracing::error!(error = %e, "could not switch the door relay off at start-up");
    }
    ui.run(fullscreen)?;
    Ok(())
}

/// The UI settings from the configuration.
pub fn ui_options(ctx: &Context) -> anyhow::Result<UiOptions> {
    let k = &ctx.config.kiosk;
    if !foyer_ui::language::LANGUAGES.contains(&k.language.as_str()) {
        return Err(UsageError(format!(
            "`kiosk.language` in {}: {:?} is not one of en, de, es, fr",
            ctx.config.source, k.language
        ))
        .into());
    }
    if !(5..=3600).contains(&k.idle_timeout_secs) {
        return Err(UsageError(format!(
            "`kiosk.idle_timeout_secs` in {}: {} is outside 5–3600",
            ctx.config.source, k.idle_timeout_secs
        ))
        .into());
    }
    let (printer, badge_logo) = foyer_devices::printer::preview_setup(&ctx.config.printer)
        .map_err(|e| UsageError(format!("[printer] in {}: {e}", ctx.config.source)))?;
    Ok(UiOptions {
        printer,
        badge_logo,
        idle_timeout: Duration::from_secs(k.idle_timeout_secs),
        default_language: k.language.clone(),
        staff_pin_hash: k.staff_pin_hash.clone(),
        show_directory: k.show_directory,
        logo: k.logo.clone(),
        scanner: match (&ctx.config.devices, &ctx.config.scanner.port) {
            (crate::config::DeviceMode::Hardware, Some(port)) => format!("serial scanner on {}", port.display()),
            _ => "keyboard-wedge scanner".into(),
        },
    })
}
