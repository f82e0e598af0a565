//! What the kiosk UI is configured with, beyond the kiosk itself.

use std::time::Duration;

/// What the UI needs beyond the kiosk.
#[derive(Clone)]
pub struct UiOptions {
    /// Back to the welcome page after this long without a touch.
    pub idle_timeout: Duration,
    /// The site's language, restored on idle (en, de, es, fr).
    pub default_language: String,
    /// The staff PIN's argon2id hash; staff mode is off without one.
    pub staff_pin_hash: Option<String>,
    /// Show the hosts directory before three letters are typed.
    pub show_directory: bool,
    /// Optional site logo (PNG) for the welcome page.
    pub logo: Option<std::path::PathBuf>,
    /// The printer's profile, so the preview is the badge the printer gets
    /// (a receipt, or the label as it reads).
    pub printer: foyer_devices::printer::PrinterModel,
    /// The logo printed on badges, if any.
    pub badge_logo: Option<foyer_devices::badge::Logo>,
    /// What reads badges, for the staff screen ("serial scanner on …").
    pub scanner: String,
}

impl Default for UiOptions {
    fn default() -> Self {
        Self {
            idle_timeout: Duration::from_secs(30),
            default_language: "en".into(),
            staff_pin_hash: None,
            show_directory: false,
            logo: None,
            printer: foyer_devices::printer::PrinterModel::load("generic-80mm").expect("a built-in profile"),
            badge_logo: None,
            scanner: "keyboard-wedge scanner".into(),
        }
    }
}
