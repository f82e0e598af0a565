//! An IPP Everywhere printer behind `BadgePrinter`, with the job rules of
//! the others: the printer's state is read first and a printer that
//! cannot print gets nothing; an expired job is dropped; the job is sent
//! once, then followed until the printer says it is completed, aborted or
//! canceled, for at most the profile's job timeout (then it is canceled,
//! so it cannot print late). Watched, it also reads the printer's state
//! while idle and tells the desk when it changes.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::capabilities::Capabilities;
use super::client::{IppEndpoint, JobState};
use super::document::{encode, plan, ENCODING};
use super::profile::IppProfile;
use super::reasons::printer_status;
use crate::badge::Logo;
use crate::printer::poller::Poller;
use crate::printer::status_watch::{poll_while_alive, when_idle, StatusWatch};
use crate::printer::JobOptions;
use crate::{log_alarms, AlarmSink, BadgePrinter, DeviceError, PrintJob, PrintReport, PrinterStatus};

/// Waits between job-state polls: short at first (a label prints in
/// well under a second), then no more often than every 200 ms.
const FIRST_POLL: Duration = Duration::from_millis(10);
const LAST_POLL: Duration = Duration::from_millis(200);

/// A printer reached at an `ipp://` URI.
pub struct IppPrinter {
    inner: Arc<Inner>,
    _poller: Option<Poller>,
}

struct Inner {
    endpoint: IppEndpoint,
    profile: IppProfile,
    media: String,
    logo: Option<Logo>,
    options: JobOptions,
    name: String,
    /// One job at a time, so two jobs never wait on each other's state;
    /// the idle poller leaves the printer alone while it is held.
    busy: Mutex<()>,
    watch: StatusWatch,
}

impl IppPrinter {
    /// The printer at `uri`; `media` (the config's) overrides the profile's.
    /// No idle polling, whatever `options` say: for one-shot tools (doctor,
    /// the CLI) that end before a poll would be due; the kiosk uses
    /// [`IppPrinter::watched`].
    pub fn new(
        uri: &str,
        profile: IppProfile,
        media: Option<String>,
        logo: Option<Logo>,
        options: JobOptions,
    ) -> Result<Self, DeviceError> {
        Ok(Self { inner: Arc::new(Inner::new(uri, profile, media, logo, options, log_alarms())?), _poller: None })
    }

    /// As [`IppPrinter::new`], and reads the printer's state every
    /// `options.poll_interval` while no job is in hand, telling `alarms`
    /// when it changes (an empty tray, an open cover, a paused queue).
    pub fn watched(
        uri: &str,
        profile: IppProfile,
        media: Option<String>,
        logo: Option<Logo>,
        options: JobOptions,
        alarms: AlarmSink,
    ) -> Result<Self, DeviceError> {
        let inner = Arc::new(Inner::new(uri, profile, media, logo, options, alarms)?);
        let poller = poll_while_alive(&inner.name, inner.options.poll_interval, &inner, Inner::poll_once);
        Ok(Self { inner, _poller: poller })
    }

    /// The media the badge is laid out on.
    pub fn media(&self) -> &str {
        &self.inner.media
    }

    /// Everything the printer said about itself (for `doctor` and the CLI:
    /// media loaded, formats, resolutions, raw state reasons).
    pub fn capabilities(&self) -> Result<Capabilities, DeviceError> {
        self.inner.endpoint.capabilities()
    }
}

impl Inner {
    fn new(
        uri: &str,
        profile: IppProfile,
        media: Option<String>,
        logo: Option<Logo>,
        options: JobOptions,
        alarms: AlarmSink,
    ) -> Result<Self, DeviceError> {
        let name = format!("{} at {uri}", profile.name);
        let endpoint = IppEndpoint::new(uri, &name, Duration::from_millis(profile.request_timeout_ms))?;
        let media = media.unwrap_or_else(|| profile.media.clone());
        super::media::MediaSize::parse(&media).map_err(|why| DeviceError::Config(format!("[printer] media: {why}")))?;
        let watch = StatusWatch::new(&name, alarms);
        Ok(Self { endpoint, profile, media, logo, options, name, busy: Mutex::new(()), watch })
    }

    fn status(&self) -> Result<PrinterStatus, DeviceError> {
        Ok(printer_status(&self.endpoint.capabilities()?))
    }

    /// One idle poll; skipped while a job is being sent or followed.
    fn poll_once(&self) {
        let Some(busy) = when_idle(&self.busy) else { return };
        let seen = self.status();
        drop(busy);
        self.watch.record(seen.as_ref().copied(), true);
    }

    fn expired(&self, job: &PrintJob) -> Result<(), DeviceError> {
        let waited = job.queued_at.elapsed();
        if waited > self.options.expiry {
            return Err(DeviceError::JobExpired {
                waited_secs: waited.as_secs(),
                expiry_secs: self.options.expiry.as_secs(),
            });
        }
        Ok(())
    }

    /// Polls the job until it ends or the job timeout passes.
    fn wait_for(&self, job_id: i32) -> Result<(), DeviceError> {
        let deadline = Instant::now() + Duration::from_millis(self.profile.job_timeout_ms);
        let mut pause = FIRST_POLL;
        // Bounded in count too: the deadline alone would do, but a clock
        // that jumps must not make this spin.
        let max_polls = self.profile.job_timeout_ms / FIRST_POLL.as_millis() as u64 + 1;
        for _ in 0..max_polls {
            let (state, reasons) = self.endpoint.job_state(job_id)?;
            let ended = |how: &str| {
                // Say why where the printer can: its state now, else the job's reasons.
                match self.endpoint.capabilities().map(|c| printer_status(&c)) {
                    Ok(s) if !s.can_print() => DeviceError::NotReady(s),
                    _ => DeviceError::Protocol {
                        device: self.name.clone(),
                        detail: format!("job {job_id} {how}: {reasons}"),
                    },
                }
            };
            match state {
                JobState::Completed => return Ok(()),
                JobState::Aborted => return Err(ended("aborted")),
                JobState::Canceled => return Err(ended("was canceled")),
                JobState::Active(_) if Instant::now() >= deadline => break,
                JobState::Active(_) => {}
            }
            std::thread::sleep(pause.min(deadline.saturating_duration_since(Instant::now())));
            pause = (pause * 2).min(LAST_POLL);
        }
        if let Err(e) = self.endpoint.cancel_job(job_id) {
            tracing::warn!(printer = %self.name, job_id, error = %e, "could not cancel a job that timed out");
        }
        Err(DeviceError::Timeout { device: self.name.clone(), what: "the print job (canceled)" })
    }
}

impl BadgePrinter for IppPrinter {
    fn print(&self, job: &PrintJob) -> Result<PrintReport, DeviceError> {
        let p = &self.inner;
        let _busy = p.busy.lock().unwrap_or_else(|e| e.into_inner());
        p.expired(job)?;
        let caps = p.endpoint.capabilities();
        // The kiosk reports a refused job itself; the poller speaks up only
        // when the state changes again.
        p.watch.record(caps.as_ref().map(printer_status), false);
        let caps = caps?;
        let status = printer_status(&caps);
        if !status.can_print() {
            return Err(DeviceError::NotReady(status));
        }
        let plan = plan(&p.profile, &p.media, &caps)?;
        let document = encode(&job.badge, &p.profile, &plan, p.logo.as_ref())?;
        p.expired(job)?;
        let bytes_sent = document.bytes.len();
        // Sent once; from here a failure is reported, never retried.
        let job_id = p.endpoint.print_job(document, &format!("Foyer badge {}", job.badge.visit_id))?;
        p.wait_for(job_id)?;
        Ok(PrintReport { bytes_sent, encoding: ENCODING })
    }

    fn status(&self) -> Result<PrinterStatus, DeviceError> {
        let seen = self.inner.status();
        self.inner.watch.record(seen.as_ref().copied(), false);
        seen
    }

    fn describe(&self) -> String {
        self.inner.name.clone()
    }
}
