//! `foyer doctor`: checks an installation and prints one line per check.

use std::path::Path;

use crate::config::Config;
use crate::doctor::{local_checks, Check, Level};

/// Runs every check; fails (exit 1) when any check fails.
pub fn run(config_path: Option<&Path>) -> anyhow::Result<()> {
    let checks = match Config::load(config_path) {
        Ok(config) => {
            let mut checks = local_checks(&config);
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
            checks.extend(runtime.block_on(crate::doctor::remote_checks(&config)));
            checks
        }
        Err(e) => vec![Check::fail("config", e.to_string(), "fix the setting named above")],
    };
    for check in &checks {
        println!("{check}");
    }
    let failed = checks.iter().filter(|c| c.level == Level::Fail).count();
    let warned = checks.iter().filter(|c| c.level == Level::Warn).count();
    if failed > 0 {
        anyhow::bail!("{failed} of {} checks failed ({warned} warnings)", checks.len());
    }
    println!("all {} checks passed ({warned} warnings)", checks.len());
    Ok(())
}
