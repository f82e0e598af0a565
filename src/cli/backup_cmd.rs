//! `foyer backup FILE [--backoffice]`: a consistent copy of the kiosk (or
//! back-office) database, safe while the service runs. Restore: stop the
//! service, copy the file over the database (and delete its -wal / -shm
//! files), start it again.

use std::path::PathBuf;

use clap::Args;

use super::Context;

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The backup file to create (must not exist).
    file: PathBuf,
    /// Copy the back office's database instead of the kiosk's.
    #[arg(long)]
    backoffice: bool,
}

pub fn run(ctx: &Context, args: BackupArgs) -> anyhow::Result<()> {
    let source =
        if args.backoffice { ctx.config.backoffice.db_path(&ctx.config.data_dir) } else { ctx.config.kiosk_db() };
    foyer_kiosk::store::backup::backup(&source, &args.file)?;
    let bytes = std::fs::metadata(&args.file)?.len();
    println!("backed up {} to {} ({bytes} bytes, integrity ok)", source.display(), args.file.display());
    Ok(())
}
