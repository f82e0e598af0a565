//! `foyer backup FILE`: a consistent copy of the kiosk database, safe while
//! the kiosk runs. Restore: stop the service, copy the file over
//! `<data_dir>/kiosk.db` (and delete kiosk.db-wal / -shm), start it again.

use std::path::PathBuf;

use clap::Args;

use super::Context;

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The backup file to create (must not exist).
    file: PathBuf,
}

pub fn run(ctx: &Context, args: BackupArgs) -> anyhow::Result<()> {
    let source = ctx.config.kiosk_db();
    crate::store::backup::backup(&source, &args.file)?;
    let bytes = std::fs::metadata(&args.file)?.len();
    println!("backed up {} to {} ({bytes} bytes, integrity ok)", source.display(), args.file.display());
    Ok(())
}
