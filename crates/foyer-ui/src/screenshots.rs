//! Renders every kiosk page headlessly with the software renderer into PNG
//! files: at 1280×800, 1024×600 and 800×1280, in English and German. Used
//! for the README and to review the UI without a display; the same
//! renderer measures the full-frame time in the benchmarks.

use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Arc;

use slint::platform::software_renderer::{MinimalSoftwareWindow, PremultipliedRgbaColor, RepaintBufferType};
use slint::platform::{Platform, WindowAdapter};
use slint::{ComponentHandle, ModelRc, PhysicalSize, VecModel};

use super::{AppWindow, CheckInAdapter, CheckOutAdapter, DeviceLine, HostItem, InvitationAdapter, KioskAdapter};
use super::{StaffAdapter, VisitItem};
use foyer_kiosk::Kiosk;

/// Every page's name, as `--page` and the file names spell it.
pub const PAGES: [&str; 16] = super::page::NAMES;
/// Landscape 1280×800, small 1024×600, portrait 800×1280.
pub const SIZES: [(u32, u32); 3] = [(1280, 800), (1024, 600), (800, 1280)];

struct HeadlessPlatform {
    window: Rc<MinimalSoftwareWindow>,
}

impl Platform for HeadlessPlatform {
    fn create_window_adapter(&self) -> Result<Rc<dyn WindowAdapter>, slint::PlatformError> {
        Ok(self.window.clone())
    }
}

/// A kiosk window on an off-screen software renderer.
pub struct Headless {
    pub window: Rc<MinimalSoftwareWindow>,
    pub ui: super::KioskUi,
}

impl Headless {
    /// Installs the off-screen platform (once per process) and builds the UI.
    pub fn new(kiosk: Arc<Kiosk>, options: super::UiOptions) -> anyhow::Result<Self> {
        let window = MinimalSoftwareWindow::new(RepaintBufferType::NewBuffer);
        slint::platform::set_platform(Box::new(HeadlessPlatform { window: window.clone() }))
            .map_err(|e| anyhow::anyhow!("cannot set up headless rendering: {e}"))?;
        let ui = super::build_ui(kiosk, options)?;
        ui.window.show()?;
        Ok(Self { window, ui })
    }

    /// Draws one full frame at `w`×`h` and returns its pixels.
    pub fn render(&self, w: u32, h: u32) -> image::RgbaImage {
        self.window.set_size(PhysicalSize::new(w, h));
        slint::platform::update_timers_and_animations();
        self.window.request_redraw();
        let mut buffer = vec![PremultipliedRgbaColor::default(); (w * h) as usize];
        self.window.draw_if_needed(|renderer| {
            renderer.render(&mut buffer, w as usize);
        });
        let raw: Vec<u8> = buffer.iter().flat_map(|p| [p.red, p.green, p.blue, p.alpha]).collect();
        image::RgbaImage::from_raw(w, h, raw).expect("the buffer has w×h pixels")
    }
}

/// Which pages, sizes and languages to render.
#[derive(Debug, Clone)]
pub struct Selection {
    pub pages: Vec<String>,
    pub sizes: Vec<(u32, u32)>,
    pub languages: Vec<String>,
}

impl Selection {
    /// Every page at every size, in English and German.
    pub fn all() -> Self {
        Self {
            pages: PAGES.iter().map(|p| p.to_string()).collect(),
            sizes: SIZES.to_vec(),
            languages: vec!["en".into(), "de".into()],
        }
    }
}

/// Writes `<page>-<w>x<h>-<lang>.png` for every page, size and language chosen.
pub fn render_all(
    kiosk: Arc<Kiosk>,
    options: super::UiOptions,
    pick: &Selection,
    out: &Path,
) -> anyhow::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(out)?;
    let preview = super::preview::badge_image(&foyer_domain::BadgeContent::sample(kiosk.key()), &options);
    let shots = Headless::new(kiosk, options)?;
    fill_samples(&shots.ui.window);
    shots.ui.window.global::<CheckInAdapter>().set_badge_preview(preview);
    let mut written = Vec::new();
    for lang in &pick.languages {
        super::language::select(lang);
        shots.ui.window.global::<KioskAdapter>().set_language(lang.into());
        for &(w, h) in &pick.sizes {
            for page in &pick.pages {
                let shown = super::page::from_name(page).ok_or_else(|| anyhow::anyhow!("no page named {page:?}"))?;
                shots.ui.window.global::<KioskAdapter>().set_page(shown);
                let img = shots.render(w, h);
                let path = out.join(format!("{page}-{w}x{h}-{lang}.png"));
                img.save(&path)?;
                written.push(path);
            }
        }
    }
    Ok(written)
}

/// Sample visitor data so every page shows what a visitor would see.
fn fill_samples(w: &AppWindow) {
    let ci = w.global::<CheckInAdapter>();
    ci.set_name("Ada Lovelace".into());
    ci.set_company("Analytical Engines Ltd".into());
    ci.set_email("ada@example.org".into());
    ci.set_host_query("Hop".into());
    let hosts = vec![
        HostItem { id: 1, name: "Grace Hopper".into(), department: "Compilers".into() },
        HostItem { id: 2, name: "Hopkins, Mary".into(), department: "Facilities".into() },
    ];
    ci.set_hosts(ModelRc::new(VecModel::from(hosts)));
    ci.set_host_name("Grace Hopper".into());
    ci.set_door_open(true);
    let inv = w.global::<InvitationAdapter>();
    inv.set_code("K7M2-QX9P".into());
    inv.set_visitor_name("Katherine Johnson".into());
    inv.set_company("NASA".into());
    inv.set_host_name("Grace Hopper".into());
    let co = w.global::<CheckOutAdapter>();
    co.set_query("Ada L".into());
    co.set_goodbye_name("Ada".into());
    let visits = vec![VisitItem { id: "1".into(), name: "Ada L.".into(), detail: "Grace Hopper".into() }];
    co.set_matches(ModelRc::new(VecModel::from(visits.clone())));
    let staff = w.global::<StaffAdapter>();
    staff.set_on_site(ModelRc::new(VecModel::from(visits)));
    let lines = vec![
        DeviceLine { name: "printer".into(), status: "ready".into(), ok: true },
        DeviceLine { name: "relay".into(), status: "off".into(), ok: true },
        DeviceLine { name: "scanner".into(), status: "keyboard-wedge scanner".into(), ok: true },
        DeviceLine { name: "backoffice".into(), status: "in contact (12 s ago)".into(), ok: true },
        DeviceLine { name: "outbox".into(), status: "0 events".into(), ok: true },
    ];
    staff.set_devices(ModelRc::new(VecModel::from(lines)));
    w.global::<KioskAdapter>().set_trouble("printer".into());
}
