//! The signals that stop a kiosk: SIGTERM (systemd), SIGINT (Ctrl-C) and
//! SIGHUP (the terminal or session went away). Each is handled, so the
//! kiosk stops as it should (relay off, store closed) and exits 0, instead
//! of dying with the signal's default action.

use tokio::signal::unix::{signal, Signal, SignalKind};

/// Handlers installed for the stop signals.
pub struct StopSignals {
    term: Signal,
    int: Signal,
    hup: Signal,
}

impl StopSignals {
    /// Installs the handlers; from here on the signals no longer kill the
    /// process. Must run inside the tokio runtime.
    pub fn install() -> std::io::Result<Self> {
        Ok(Self {
            term: signal(SignalKind::terminate())?,
            int: signal(SignalKind::interrupt())?,
            hup: signal(SignalKind::hangup())?,
        })
    }

    /// Waits for the first stop signal and logs it.
    pub async fn recv(mut self) {
        let name = tokio::select! {
            _ = self.term.recv() => "SIGTERM",
            _ = self.int.recv() => "SIGINT",
            _ = self.hup.recv() => "SIGHUP",
        };
        tracing::info!(signal = name, "stopping the kiosk");
    }
}
