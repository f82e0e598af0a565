//! `foyer screenshots` and `foyer staff-pin`: tools around the kiosk UI.

use std::io::BufRead;
use std::path::PathBuf;
use std::sync::Arc;

use clap::Args;

use super::{Context, UsageError};
use crate::devices::fake::{FakePrinter, FakeRelay};
use crate::domain::SiteKey;
use crate::kiosk::{Kiosk, KioskSettings};
use crate::store::Store;

#[derive(Debug, Args)]
pub struct ScreenshotsArgs {
    /// Directory for the PNG files (created if missing).
    #[arg(long)]
    out: PathBuf,
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
    let written = crate::ui::screenshots::render_all(Arc::new(kiosk), options, &args.out)?;
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
    let hash = crate::ui::staff_pin::hash_pin(pin).map_err(|e| anyhow::anyhow!("cannot hash the PIN: {e}"))?;
    println!("staff_pin_hash = \"{hash}\"");
    Ok(())
}
