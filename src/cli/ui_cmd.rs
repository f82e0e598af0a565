//! `foyer screenshots` and `foyer staff-pin`: tools around the kiosk UI.

use std::io::BufRead;
use std::path::PathBuf;
use std::sync::Arc;

use clap::Args;

use super::{Context, UsageError};
use foyer_devices::fake::{FakePrinter, FakeRelay};
use foyer_domain::SiteKey;
use foyer_kiosk::store::Store;
use foyer_kiosk::{Kiosk, KioskSettings};

#[derive(Debug, Args)]
pub struct ScreenshotsArgs {
    /// Directory for the PNG files (created if missing).
    #[arg(long)]
    out: PathBuf,
    /// Only this page (welcome, type, details, …); default every page.
    #[arg(long)]
    page: Option<String>,
    /// Only this size, as WIDTHxHEIGHT; default 1280x800, 1024x600 and 800x1280.
    #[arg(long)]
    size: Option<String>,
    /// Only this language; default en and de.
    #[arg(long)]
    lang: Option<String>,
}

/// Renders every page at every size in English and German, off-screen,
/// against a throw-away kiosk with simulated devices (never the real ones).
pub fn screenshots(ctx: &Context, args: ScreenshotsArgs) -> anyhow::Result<()> {
    let scratch = tempfile::tempdir()?;
    let settings = KioskSettings {
        site_name: ctx.config.site.name.clone(),
        kiosk_name: ctx.config.kiosk.name.clone(),
        pulse: ctx.config.relay.pulse_secs,
    };
    let store = Store::open(&scratch.path().join("screenshots.db"))?;
    let kiosk =
        Kiosk::new(store, SiteKey::generate(), settings, Arc::new(FakePrinter::new()), Arc::new(FakeRelay::new()));
    let options = super::kiosk_cmd::ui_options(ctx)?;
    let mut pick = foyer_ui::screenshots::Selection::all();
    if let Some(page) = args.page {
        if !foyer_ui::screenshots::PAGES.contains(&page.as_str()) {
            return Err(
                UsageError(format!("--page {page:?}: not one of {}", foyer_ui::screenshots::PAGES.join(", "))).into()
            );
        }
        pick.pages = vec![page];
    }
    if let Some(size) = args.size {
        let parsed = size.split_once('x').and_then(|(w, h)| Some((w.parse().ok()?, h.parse().ok()?)));
        let Some((w, h)) = parsed.filter(|&(w, h): &(u32, u32)| (200..=4000).contains(&w) && (200..=4000).contains(&h))
        else {
            return Err(UsageError(format!("--size {size:?}: expected WIDTHxHEIGHT, e.g. 1280x800")).into());
        };
        pick.sizes = vec![(w, h)];
    }
    if let Some(lang) = args.lang {
        if !foyer_ui::language::LANGUAGES.contains(&lang.as_str()) {
            return Err(UsageError(format!("--lang {lang:?}: not one of en, de, es, fr")).into());
        }
        pick.languages = vec![lang];
    }
    let written = foyer_ui::screenshots::render_all(Arc::new(kiosk), options, &pick, &args.out)?;
    println!("wrote {} screenshots to {}", written.len(), args.out.display());
    Ok(())
}

/// Reads a PIN on standard input and prints its argon2id hash for
/// `kiosk.staff_pin_hash`.
pub fn staff_pin() -> anyhow::Result<()> {
    eprintln!("Type the new staff PIN (4 to 12 digits) and press Enter:");
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    let pin = line.trim();
    if !(4..=12).contains(&pin.len()) || !pin.chars().all(|c| c.is_ascii_digit()) {
        return Err(UsageError("the staff PIN must be 4 to 12 digits".into()).into());
    }
    let hash = foyer_ui::staff_pin::hash_pin(pin).map_err(|e| anyhow::anyhow!("cannot hash the PIN: {e}"))?;
    println!("staff_pin_hash = \"{hash}\"");
    Ok(())
}
