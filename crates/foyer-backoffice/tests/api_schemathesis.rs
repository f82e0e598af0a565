//! schemathesis, the OpenAPI fuzzer, against the real back office on
//! 127.0.0.1: every operation of `/api/openapi.json`, all checks, a bounded
//! number of examples, once with a kiosk token (the kiosk operations) and
//! once with an admin API token (the desk, admin and ops operations). Any
//! failure fails the test, with schemathesis's report.
//!
//! schemathesis comes from a Python venv: `FOYER_TEST_SCHEMATHESIS` names its
//! `schemathesis` executable, else `.ci/venv/bin/schemathesis` (made by
//! `.ci/run`). Without it the test says so and passes, unless
//! `FOYER_CI_REQUIRE_SCHEMATHESIS=1`, as in CI.

mod backoffice_support;

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use backoffice_support::{seed_hosts, settings, Backoffice};
use foyer_backoffice::db::api_tokens;
use foyer_backoffice::db::users::{self, Role};

/// Examples per operation and phase: enough to reach every documented
/// status, few enough that both runs take a minute or two on two cores.
const MAX_EXAMPLES: &str = "25";
/// A fixed seed, so a failure CI finds is found again by hand
/// (`FOYER_TEST_SCHEMATHESIS_SEED` tries another).
const SEED: &str = "20261203";

fn schemathesis() -> Option<PathBuf> {
    let path = match std::env::var_os("FOYER_TEST_SCHEMATHESIS") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../.ci/venv/bin/schemathesis"),
    };
    if path.exists() {
        return Some(path);
    }
    assert!(
        std::env::var("FOYER_CI_REQUIRE_SCHEMATHESIS").as_deref() != Ok("1"),
        "schemathesis is required here but {} does not exist (.ci/run makes it)",
        path.display()
    );
    eprintln!("skipped: no schemathesis at {} (set FOYER_TEST_SCHEMATHESIS or run .ci/run)", path.display());
    None
}

/// Runs schemathesis on the operations `filter` selects with `token`;
/// returns its exit status and output.
fn fuzz(st: &PathBuf, url: &str, token: &str, filter: &[&str], report: &std::path::Path) -> (bool, String) {
    let config = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/schemathesis/schemathesis.toml");
    let seed = std::env::var("FOYER_TEST_SCHEMATHESIS_SEED").unwrap_or_else(|_| SEED.to_owned());
    // schemathesis keeps a `.schemathesis` cache in its working directory:
    // the report's, not the crate's.
    std::fs::create_dir_all(report).expect("report directory");
    let out = Command::new(st)
        .current_dir(report)
        .arg("--config-file")
        .arg(config)
        .arg("run")
        .arg(format!("{url}/api/openapi.json"))
        .args(["--url", url, "--checks", "all", "--max-examples", MAX_EXAMPLES, "--seed", &seed])
        // One worker: hypothesis describes strategies by parsing source with
        // `ast.parse`, and CPython 3.11's AST recursion counter is shared by
        // threads, so two workers parsing at once fail at random with
        // "SystemError: AST constructor recursion depth mismatch"
        // (python/cpython#106905); seen here on a run that passed before.
        .args(["--workers", "1", "--request-timeout", "30", "--no-color"])
        .args(["--suppress-health-check", "too_slow"])
        .arg("--header")
        .arg(format!("Authorization: Bearer {token}"))
        .args(filter)
        .arg("--report-dir")
        .arg(report)
        .env("SCHEMATHESIS_TELEMETRY", "false")
        .env("NO_COLOR", "1")
        .output()
        .expect("schemathesis runs");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.success(), text)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn schemathesis_finds_no_failure_in_any_operation() {
    let Some(st) = schemathesis() else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut s = settings(None, None);
    // A poll that finds no command answers after a second, not 25.
    s.command_wait_secs = 1;
    let bo = Backoffice::start(s, dir.path()).await;
    seed_hosts(&bo);
    let kiosk = bo.add_kiosk("lobby-1");
    let admin = bo.state.db.with(|c| users::add(c, "adam", Role::Admin, "long enough pw")).unwrap();
    let api = bo.state.db.with(|c| api_tokens::create(c, admin, "schemathesis")).unwrap().1;

    let url = bo.url.clone();
    let report = dir.path().join("report");
    let (kiosk_token, api_token) = (kiosk.expose().to_owned(), api.expose().to_owned());
    let runs = tokio::task::spawn_blocking(move || {
        let kiosk_run = fuzz(&st, &url, &kiosk_token, &["--include-tag", "kiosk"], &report.join("kiosk"));
        let console_run = fuzz(&st, &url, &api_token, &["--exclude-tag", "kiosk"], &report.join("console"));
        (kiosk_run, console_run)
    });
    let ((kiosk_ok, kiosk_out), (console_ok, console_out)) =
        tokio::time::timeout(Duration::from_secs(900), runs).await.expect("schemathesis ends").unwrap();
    println!("--- kiosk token ---\n{kiosk_out}\n--- admin API token ---\n{console_out}");
    assert!(kiosk_ok, "schemathesis found failures with the kiosk token:\n{kiosk_out}");
    assert!(console_ok, "schemathesis found failures with the admin API token:\n{console_out}");
    // The run stayed signed in to the end: its token cannot revoke itself
    // nor its admin disable himself, whatever the fuzzer sent.
    let r = backoffice_support::http()
        .get(format!("{}/api/v1/admin/users", bo.url))
        .bearer_auth(api.expose())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "the admin API token no longer works after the run");
    bo.stop().await;
}
