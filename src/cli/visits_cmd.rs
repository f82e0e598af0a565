//! `foyer visits …`: the visit log.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Args, Subcommand};

use super::{Context, UsageError};
use foyer_kiosk::store::visit_export::{rfc3339, write_csv};
use foyer_kiosk::store::visits::{self, VisitFilter};

#[derive(Debug, Subcommand)]
pub enum VisitsCommand {
    /// List visits, newest first.
    List(FilterArgs),
    /// Export visits as CSV (RFC 4180, formula-injection safe).
    Export {
        /// CSV is the export format (the flag says so explicitly in scripts).
        #[arg(long, required = true)]
        csv: bool,
        /// Write to this file instead of standard output (written whole or not at all).
        #[arg(long)]
        out: Option<PathBuf>,
        #[command(flatten)]
        filter: FilterArgs,
    },
}

#[derive(Debug, Args)]
pub struct FilterArgs {
    /// Only visitors in the building now (on site or waiting for approval).
    #[arg(long)]
    on_site: bool,
    /// Only visits that arrived on or after this date (YYYY-MM-DD, UTC) or time (RFC 3339).
    #[arg(long)]
    since: Option<String>,
    /// At most this many visits.
    #[arg(long)]
    limit: Option<u32>,
}

impl FilterArgs {
    fn filter(&self, default_limit: Option<u32>) -> anyhow::Result<VisitFilter> {
        Ok(VisitFilter {
            present_only: self.on_site,
            arrived_since: self.since.as_deref().map(parse_since).transpose()?,
            limit: self.limit.or(default_limit),
        })
    }
}

/// A date (midnight UTC) or an RFC 3339 time, as unix seconds.
pub fn parse_since(s: &str) -> anyhow::Result<i64> {
    use time::format_description::well_known::Rfc3339;
    if let Ok(t) = time::OffsetDateTime::parse(s, &Rfc3339) {
        return Ok(t.unix_timestamp());
    }
    let date = time::Date::parse(s, time::macros::format_description!("[year]-[month]-[day]"))
        .map_err(|_| UsageError(format!("--since {s:?}: expected a date like 2026-11-23 or an RFC 3339 time")))?;
    Ok(date.midnight().assume_utc().unix_timestamp())
}

pub fn run(ctx: &Context, cmd: VisitsCommand) -> anyhow::Result<()> {
    let store = ctx.store()?;
    match cmd {
        VisitsCommand::List(f) => {
            let mut out = std::io::stdout().lock();
            for v in visits::list(store.conn(), f.filter(Some(100))?)? {
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    v.id,
                    v.state,
                    v.visitor_name,
                    v.company.as_deref().unwrap_or("-"),
                    v.host_name,
                    v.visitor_type,
                    v.arrived_at.map(rfc3339).unwrap_or_else(|| "-".into()),
                )?;
            }
        }
        VisitsCommand::Export { csv: _, out, filter } => {
            let filter = filter.filter(None)?;
            match out {
                None => {
                    write_csv(store.conn(), filter, std::io::stdout().lock())?;
                }
                Some(path) => {
                    // Written beside the target and renamed: never a half file.
                    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(".".as_ref());
                    let mut tmp = tempfile::NamedTempFile::new_in(dir)
                        .with_context(|| format!("creating a file in {}", dir.display()))?;
                    let rows = write_csv(store.conn(), filter, std::io::BufWriter::new(tmp.as_file_mut()))?;
                    tmp.as_file().sync_all()?;
                    tmp.persist(&path).with_context(|| format!("writing {}", path.display()))?;
                    eprintln!("exported {rows} visits to {}", path.display());
                }
            }
        }
    }
    Ok(())
}
