//! Shared set-up for the end-to-end tests: the kiosk helpers of
//! foyer-kiosk's tests, and a runner of the `foyer` binary.
#![allow(dead_code)]

use std::path::Path;

#[path = "../../crates/foyer-kiosk/tests/common/mod.rs"]
mod kiosk;
#[allow(unused_imports)]
pub use kiosk::*;

/// Runs the `foyer` binary in `dir` as an operator would, with no config
/// file or data dir leaking in from the environment.
pub fn foyer_in(dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_foyer"))
        .args(args)
        .current_dir(dir)
        .env("FOYER_LOG", "warn")
        .env_remove("FOYER_CONFIG")
        .env_remove("FOYER_DATA_DIR")
        .output()
        .unwrap()
}

/// [`foyer_in`] for a command that must succeed: its standard output.
pub fn foyer_ok(dir: &Path, args: &[&str]) -> String {
    let out = foyer_in(dir, args);
    assert!(out.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}
