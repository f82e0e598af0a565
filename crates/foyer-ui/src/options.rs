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
    /// The printer's paper, so the preview is the badge the printer gets.
    pub paper: foyer_devices::badge::Paper,
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
            paper: foyer_devices::badge::Paper { width_dots: 576, qr_module_dots: 6 },
            badge_logo: None,
            scanner: "keyboard-wedge scanner".into(),
        }
    }
}
