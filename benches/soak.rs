//! Memory over months (issue 15): a soak of the kiosk through its real
//! pages (software renderer at 1280×800, the on-screen keyboard, the
//! simulated printer as `foyer kiosk` has it), each visitor checked in and
//! out again, once with the in-process back office (the quick start) and
//! once with a back office in another process. Prints the kiosk process's
//! PSS, anonymous memory and RSS before the first visit and every 250
//! visits, and the growth per 1,000 visits after the first 500.
//!
//! `cargo bench --bench soak`; `FOYER_BENCH_SOAK_VISITS` (default 2000)
//! and `FOYER_BENCH_SOAK_VARIANT` (`in-process`, `remote`, default both).
//! Goals: PSS ≤ 40 MB (in-process) and ≤ 32 MB (remote) after 2,000
//! visits; growth < 0.1 MB per 1,000 visits after the first 500.

mod soak_support;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use soak_support::memory::Memory;

const ROLE: &str = "FOYER_BENCH_SOAK_ROLE";
const EVERY: usize = 250;

fn main() {
    let visits: usize = std::env::var("FOYER_BENCH_SOAK_VISITS").ok().and_then(|v| v.parse().ok()).unwrap_or(2000);
    match std::env::var(ROLE).as_deref() {
        Ok("backoffice") => soak_support::roles::backoffice(),
        Ok("kiosk") => {
            let url = std::env::var("FOYER_BENCH_SOAK_URL").ok();
            let token = std::env::var("FOYER_BENCH_SOAK_TOKEN").ok();
            soak_support::roles::kiosk(visits, EVERY, url.as_deref().zip(token.as_deref()));
        }
        _ => {
            let variant = std::env::var("FOYER_BENCH_SOAK_VARIANT").unwrap_or_default();
            if variant.is_empty() || variant == "in-process" {
                report("in-process back office", &run_kiosk(&[]));
            }
            if variant.is_empty() || variant == "remote" {
                report("remote back office", &remote());
            }
        }
    }
}

/// This bench binary again, as the kiosk; its memory lines, in order.
fn run_kiosk(env: &[(&str, &str)]) -> Vec<(usize, Memory)> {
    let me = std::env::current_exe().unwrap();
    let mut child =
        Command::new(me).env(ROLE, "kiosk").envs(env.iter().copied()).stdout(Stdio::piped()).spawn().unwrap();
    let lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let samples: Vec<_> = lines.map_while(Result::ok).filter_map(|l| Memory::parse(&l)).collect();
    assert!(child.wait().unwrap().success(), "the soak's kiosk failed");
    samples
}

fn remote() -> Vec<(usize, Memory)> {
    let me = std::env::current_exe().unwrap();
    let mut bo = Command::new(me).env(ROLE, "backoffice").stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    let mut first = String::new();
    BufReader::new(bo.stdout.take().unwrap()).read_line(&mut first).unwrap();
    let (url, token) = first
        .trim()
        .strip_prefix("URL ")
        .and_then(|r| r.split_once(" TOKEN "))
        .unwrap_or_else(|| panic!("the soak's back office said {first:?}"));
    let samples = run_kiosk(&[("FOYER_BENCH_SOAK_URL", url), ("FOYER_BENCH_SOAK_TOKEN", token)]);
    drop(bo.stdin.take());
    assert!(bo.wait().unwrap().success(), "the soak's back office failed");
    samples
}

fn mb(kb: u64) -> f64 {
    kb as f64 / 1000.0
}

fn report(variant: &str, samples: &[(usize, Memory)]) {
    println!("soak, kiosk process, {variant}:");
    println!("  {:>6}  {:>9}  {:>9}  {:>9}", "visits", "PSS MB", "anon MB", "RSS MB");
    for (n, m) in samples {
        println!("  {n:>6}  {:>9.1}  {:>9.1}  {:>9.1}", mb(m.pss_kb), mb(m.anon_kb), mb(m.rss_kb));
    }
    let after_500 = samples.iter().find(|(n, _)| *n >= 500);
    if let (Some((n0, m0)), Some((n1, m1))) = (after_500, samples.last()) {
        if n1 > n0 {
            let per_1000 = |a: u64, b: u64| (mb(b) - mb(a)) * 1000.0 / (n1 - n0) as f64;
            println!(
                "  growth per 1,000 visits after visit {n0}: PSS {:+.2} MB, anonymous {:+.2} MB",
                per_1000(m0.pss_kb, m1.pss_kb),
                per_1000(m0.anon_kb, m1.anon_kb)
            );
        }
    }
}
