//! `foyer kiosk`: the front office.

use std::sync::Arc;

use clap::Args;

use super::{Context, UsageError};

#[derive(Debug, Args)]
pub struct KioskArgs {
    /// Run without a window: a print station driven by the scanner.
    #[arg(long)]
    headless: bool,
    /// With --headless: read scans from standard input, one per line (a
    /// keyboard-wedge scanner on a console, or a script).
    #[arg(long, requires = "headless")]
    scan_stdin: bool,
}

pub fn run(ctx: &Context, args: KioskArgs) -> anyhow::Result<()> {
    if !args.headless {
        return Err(
            UsageError("the touchscreen UI is not in this build yet; run `foyer kiosk --headless`".into()).into()
        );
    }
    let kiosk = Arc::new(ctx.kiosk()?);
    let scanner = ctx.scanner()?;
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    runtime.block_on(crate::kiosk::headless::run(kiosk.clone(), scanner, args.scan_stdin))?;
    // The kiosk (and with it the relay, which switches off when dropped) ends here, not at exit.
    drop(runtime);
    drop(kiosk);
    Ok(())
}
