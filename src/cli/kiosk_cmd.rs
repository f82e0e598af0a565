//! `foyer kiosk`: the front office, with its touchscreen UI or headless.

use std::sync::Arc;
use std::time::Duration;

use clap::Args;

use super::{Context, UsageError};
use crate::ui::{build_ui, UiOptions};

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
    let kiosk = Arc::new(ctx.kiosk()?);
    let scanner = ctx.scanner()?;
    if args.headless {
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
        runtime.block_on(crate::kiosk::headless::run(kiosk.clone(), scanner, args.scan_stdin))?;
        // The kiosk (and with it the relay, which switches off when dropped)
        // ends here, not at process exit.
        drop(runtime);
        drop(kiosk);
        return Ok(());
    }
    let ui = build_ui(kiosk.clone(), ui_options(ctx)?)?;
    if let Some(scanner) = scanner {
        crate::ui::app::spawn_scanner(&ui.window, scanner);
    }
    if let Err(e) = kiosk.relay().off() {
        tracing::error!(error = %e, "could not switch the door relay off at start-up");
    }
    ui.run(args.fullscreen)?;
    drop(ui);
    drop(kiosk);
    Ok(())
}

/// The UI settings from the configuration.
pub fn ui_options(ctx: &Context) -> anyhow::Result<UiOptions> {
    let k = &ctx.config.kiosk;
    if !crate::ui::language::LANGUAGES.contains(&k.language.as_str()) {
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
    let (paper, badge_logo) = crate::devices::printer::preview_setup(&ctx.config.printer)
        .map_err(|e| UsageError(format!("[printer] in {}: {e}", ctx.config.source)))?;
    Ok(UiOptions {
        paper,
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
