//! The kiosk without a window (a print station): scans from a serial
//! scanner or from standard input (a keyboard-wedge scanner on a console)
//! check visitors in by invitation and out by badge. Stops cleanly when
//! told to (the binary's signal handling), switching the door relay off.

use std::io::BufRead;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::mpsc;

use super::{Actor, Kiosk, KioskError};
use foyer_devices::Scanner;
use foyer_domain::scan::ScannedCode;

/// How long one scanner read waits before checking for shutdown.
const SCAN_POLL: Duration = Duration::from_millis(250);

/// Runs until `stop` completes (the caller's signal handling: SIGTERM,
/// SIGINT, SIGHUP), then shuts the kiosk down.
pub async fn run(
    kiosk: Arc<Kiosk>,
    scanner: Option<Box<dyn Scanner>>,
    scan_stdin: bool,
    stop: impl std::future::Future<Output = ()>,
) -> anyhow::Result<()> {
    if let Err(e) = kiosk.relay().off() {
        tracing::error!(error = %e, "could not switch the door relay off at start-up");
    }
    let (tx, mut rx) = mpsc::channel::<String>(16);
    let stopping = Arc::new(std::sync::atomic::AtomicBool::new(false));
    if let Some(scanner) = scanner {
        spawn_scanner(scanner, tx.clone(), stopping.clone());
    }
    if scan_stdin {
        spawn_stdin(tx.clone());
    }
    drop(tx);
    tracing::info!(kiosk = %kiosk.settings().kiosk_name, printer = %kiosk.printer().describe(),
        relay = %kiosk.relay().describe(), "kiosk running headless");
    tokio::pin!(stop);
    loop {
        tokio::select! {
            _ = &mut stop => break,
            scan = rx.recv() => match scan {
                Some(code) => {
                    let k = kiosk.clone();
                    // Printing and the relay block: keep them off the async threads.
                    let line = tokio::task::spawn_blocking(move || handle_scan(&k, &code)).await?;
                    println!("{line}");
                }
                // No input left (stdin closed, no scanner): wait for the signal.
                None => {
                    (&mut stop).await;
                    break;
                }
            },
        }
    }
    stopping.store(true, std::sync::atomic::Ordering::Relaxed);
    kiosk.shutdown();
    Ok(())
}

/// Acts on one scan and says what happened, in one line.
pub fn handle_scan(kiosk: &Kiosk, raw: &str) -> String {
    let result = match ScannedCode::classify(raw) {
        Err(e) => Err(KioskError::from(e)),
        Ok(ScannedCode::Badge(token)) => kiosk
            .check_out_by_token(&token, &Actor::Visitor)
            .map(|v| format!("checked out: {} ({})", v.visitor_name, v.id)),
        Ok(ScannedCode::Invitation(code)) => {
            kiosk.check_in_invited(&print_station_arrival(code.as_str()), &Actor::Visitor).map(|o| match &o.admission {
                Some(a) if a.print.is_printed() => format!("checked in: {} ({})", o.visit.visitor_name, o.visit.id),
                Some(_) => format!("checked in, badge not printed, see reception: {}", o.visit.visitor_name),
                None => format!("waiting for approval: {}", o.visit.visitor_name),
            })
        }
    };
    match result {
        Ok(line) => line,
        Err(KioskError::AgreementRequired { .. }) => {
            "refused: this visitor must accept the visitor agreement at a touchscreen kiosk or at reception".into()
        }
        Err(e) => format!("refused: {e}"),
    }
}

fn spawn_scanner(mut scanner: Box<dyn Scanner>, tx: mpsc::Sender<String>, stop: Arc<std::sync::atomic::AtomicBool>) {
    std::thread::spawn(move || {
        while !stop.load(std::sync::atomic::Ordering::Relaxed) {
            match scanner.next_scan(SCAN_POLL) {
                Ok(Some(code)) => {
                    if tx.blocking_send(code).is_err() {
                        break;
                    }
                }
                Ok(None) => {}
                Err(e) => {
                    tracing::warn!(error = %e, "scan refused");
                    // A device error may repeat at once (port gone): do not spin.
                    std::thread::sleep(SCAN_POLL);
                }
            }
        }
    });
}

fn spawn_stdin(tx: mpsc::Sender<String>) {
    std::thread::spawn(move || {
        for line in std::io::stdin().lock().lines() {
            let Ok(line) = line else { break };
            if line.trim().is_empty() {
                continue;
            }
            if tx.blocking_send(line).is_err() {
                break;
            }
        }
    });
}

/// A print station has no screen to accept an agreement or choose a
/// language on: the visit is checked in on the site's terms, in English.
fn print_station_arrival(code: &str) -> crate::InvitedArrival {
    crate::InvitedArrival {
        code: code.to_owned(),
        agreement_version: None,
        language: foyer_domain::Language::default(),
    }
}
