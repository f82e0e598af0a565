//! The real printer: status check, job rules and sending over a `Link`.
//!
//! One mutex guards the link, and a job is one `send` under it, so the idle
//! poller can never put a status query inside a job (where raster data
//! could make the printer misread it, or it could misread raster data).

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use super::encode::encode_badge;
use super::link::Link;
use super::poller::Poller;
use super::profile::{Profile, StatusSupport};
use super::status::{interpret, query};
use super::status_watch::{poll_while_alive, when_idle, StatusWatch};
use crate::badge::Logo;
use crate::{AlarmSink, BadgePrinter, DeviceError, PrintJob, PrintReport, PrinterStatus};

/// How jobs are handled, from the `[printer]` settings.
#[derive(Debug, Clone, PartialEq)]
pub struct JobOptions {
    /// A job older than this is dropped, not printed late.
    pub expiry: Duration,
    /// Draw the whole badge as raster even where native would do.
    pub force_raster: bool,
    /// Idle status polling interval for every printer that reports
    /// status (ESC/POS, label printers, IPP); `None` turns polling off.
    pub poll_interval: Option<Duration>,
}

struct Shared {
    link: Mutex<Box<dyn Link>>,
    profile: Profile,
    logo: Option<Logo>,
    options: JobOptions,
    name: String,
    watch: StatusWatch,
}

/// An ESC/POS printer on a serial line or TCP.
pub struct EscPosPrinter {
    shared: Arc<Shared>,
    _poller: Option<Poller>,
}

fn lock<T: ?Sized>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl EscPosPrinter {
    /// A printer of `profile` on `link`. Starts idle polling when the
    /// options ask for it and the profile can answer status.
    pub fn new(
        link: Box<dyn Link>,
        profile: Profile,
        logo: Option<Logo>,
        options: JobOptions,
        alarms: AlarmSink,
    ) -> Self {
        let name = format!("{} on {}", profile.name, link.describe());
        let interval = options.poll_interval.filter(|_| profile.status == StatusSupport::DleEot);
        let watch = StatusWatch::new(&name, alarms);
        let shared = Arc::new(Shared { link: Mutex::new(link), profile, logo, options, name, watch });
        let poller = poll_while_alive(&shared.name, interval, &shared, Shared::poll_once);
        Self { shared, _poller: poller }
    }
}

impl Shared {
    /// Reconnects if needed, then asks the printer (unless it cannot say).
    /// A network printer that hung up since the last job is found out by
    /// the query itself; nothing of the job was sent, so one redial is safe.
    fn check_status(&self, link: &mut dyn Link) -> Result<PrinterStatus, DeviceError> {
        match self.query_status(link) {
            Err(DeviceError::Io { .. }) if link.can_redial() => self.query_status(link),
            other => other,
        }
    }

    fn query_status(&self, link: &mut dyn Link) -> Result<PrinterStatus, DeviceError> {
        link.ensure_connected().map_err(|e| DeviceError::io(&self.name, e))?;
        if self.profile.status == StatusSupport::None {
            return Ok(PrinterStatus::Unsupported);
        }
        let timeout = Duration::from_millis(self.profile.status_timeout_ms);
        interpret(query(link, timeout)?, &self.name)
    }

    /// One idle poll. Skipped while a job holds the link.
    fn poll_once(&self) {
        let Some(mut link) = when_idle(&self.link) else { return };
        let seen = self.check_status(link.as_mut());
        drop(link);
        self.watch.record(seen.as_ref().copied(), true);
    }
}

impl BadgePrinter for EscPosPrinter {
    fn print(&self, job: &PrintJob) -> Result<PrintReport, DeviceError> {
        let s = &self.shared;
        let encoded = encode_badge(&job.badge, &s.profile, s.logo.as_ref(), s.options.force_raster)?;
        let mut link = lock(&s.link);
        // Checked after waiting for the link: a job may have queued behind
        // a slow one, and a badge printed minutes late is worse than none.
        let waited = job.queued_at.elapsed();
        if waited > s.options.expiry {
            return Err(DeviceError::JobExpired {
                waited_secs: waited.as_secs(),
                expiry_secs: s.options.expiry.as_secs(),
            });
        }
        let status = s.check_status(link.as_mut());
        // The kiosk reports a refused job itself; the poller should only
        // speak up when the state changes again.
        s.watch.record(status.as_ref().copied(), false);
        let status = status?;
        if !status.can_print() {
            return Err(DeviceError::NotReady(status));
        }
        // Sent once. If the link fails part-way the error goes to the kiosk,
        // which tells the visitor; a reprint is an explicit action.
        link.send(&encoded.bytes).map_err(|e| DeviceError::io(&s.name, e))?;
        Ok(PrintReport { bytes_sent: encoded.bytes.len(), encoding: encoded.encoding })
    }

    fn status(&self) -> Result<PrinterStatus, DeviceError> {
        let s = &self.shared;
        let mut link = lock(&s.link);
        let seen = s.check_status(link.as_mut());
        drop(link);
        s.watch.record(seen.as_ref().copied(), false);
        seen
    }

    fn describe(&self) -> String {
        self.shared.name.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{log_alarms, PrintEncoding};
    use foyer_domain::{BadgeContent, SiteKey};
    use std::time::Instant;

    /// A link that records what is sent and never answers.
    struct MuteLink(Arc<Mutex<Vec<u8>>>);

    impl Link for MuteLink {
        fn send(&mut self, bytes: &[u8]) -> std::io::Result<()> {
            lock(&self.0).extend_from_slice(bytes);
            Ok(())
        }
        fn recv(&mut self, _deadline: Instant) -> std::io::Result<Option<u8>> {
            Ok(None)
        }
        fn discard_input(&mut self) -> std::io::Result<()> {
            Ok(())
        }
        fn describe(&self) -> String {
            "mute link".into()
        }
    }

    fn printer(profile: &str) -> (EscPosPrinter, Arc<Mutex<Vec<u8>>>) {
        let sent = Arc::new(Mutex::new(Vec::new()));
        let options = JobOptions { expiry: Duration::from_secs(120), force_raster: false, poll_interval: None };
        let profile = Profile::load(profile).unwrap();
        let link = Box::new(MuteLink(Arc::clone(&sent)));
        (EscPosPrinter::new(link, profile, None, options, log_alarms()), sent)
    }

    #[test]
    fn a_printer_without_status_gets_the_job_and_no_status_request() {
        let (p, sent) = printer("generic-58mm");
        let badge = BadgeContent::sample(&SiteKey::from_bytes([1; 32]));
        assert_eq!(p.status().unwrap(), PrinterStatus::Unsupported);
        let report = p.print(&PrintJob::new(badge.clone())).unwrap();
        let expected = encode_badge(&badge, &Profile::load("generic-58mm").unwrap(), None, false).unwrap();
        assert_eq!(report.encoding, PrintEncoding::Native);
        assert_eq!(*lock(&sent), expected.bytes);
    }

    #[test]
    fn a_printer_that_should_answer_but_does_not_gets_one_request_and_no_job() {
        let (p, sent) = printer("generic-80mm");
        let badge = BadgeContent::sample(&SiteKey::from_bytes([1; 32]));
        let err = p.print(&PrintJob::new(badge)).unwrap_err();
        assert!(matches!(err, DeviceError::NotReady(PrinterStatus::NoAnswer)), "{err}");
        assert_eq!(*lock(&sent), [0x10, 0x04, 0x01]);
    }
}
