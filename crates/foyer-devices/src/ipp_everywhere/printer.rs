//! An IPP Everywhere printer behind `BadgePrinter`, with the job rules of
//! the others: the printer's state is read first and a printer that
//! cannot print gets nothing; an expired job is dropped; the job is sent
//! once, then followed until the printer says it is completed, aborted or
//! canceled, for at most the profile's job timeout (then it is canceled,
//! so it cannot print late).

use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::capabilities::Capabilities;
use super::client::{IppEndpoint, JobState};
use super::document::{encode, plan, ENCODING};
use super::profile::IppProfile;
use super::reasons::printer_status;
use crate::badge::Logo;
use crate::printer::JobOptions;
use crate::{BadgePrinter, DeviceError, PrintJob, PrintReport, PrinterStatus};

/// Waits between job-state polls: short at first (a label prints in
/// well under a second), then no more often than every 200 ms.
const FIRST_POLL: Duration = Duration::from_millis(10);
const LAST_POLL: Duration = Duration::from_millis(200);

/// A printer reached at an `ipp://` URI.
pub struct IppPrinter {
    endpoint: IppEndpoint,
    profile: IppProfile,
    media: String,
    logo: Option<Logo>,
    options: JobOptions,
    name: String,
    /// One job at a time, so two jobs never wait on each other's state.
    busy: Mutex<()>,
}

impl IppPrinter {
    /// The printer at `uri`; `media` (the config's) overrides the profile's.
    pub fn new(
        uri: &str,
        profile: IppProfile,
        media: Option<String>,
        logo: Option<Logo>,
        options: JobOptions,
    ) -> Result<Self, DeviceError> {
        let name = format!("{} at {uri}", profile.name);
        let endpoint = IppEndpoint::new(uri, &name, Duration::from_millis(profile.request_timeout_ms))?;
        let media = media.unwrap_or_else(|| profile.media.clone());
        super::media::MediaSize::parse(&media).map_err(|why| DeviceError::Config(format!("[printer] media: {why}")))?;
        Ok(Self { endpoint, profile, media, logo, options, name, busy: Mutex::new(()) })
    }

    /// The media the badge is laid out on.
    pub fn media(&self) -> &str {
        &self.media
    }

    /// Everything the printer said about itself (for `doctor` and the CLI:
    /// media loaded, formats, resolutions, raw state reasons).
    pub fn capabilities(&self) -> Result<Capabilities, DeviceError> {
        self.endpoint.capabilities()
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
        let _busy = self.busy.lock().unwrap_or_else(|e| e.into_inner());
        self.expired(job)?;
        let caps = self.endpoint.capabilities()?;
        let status = printer_status(&caps);
        if !status.can_print() {
            return Err(DeviceError::NotReady(status));
        }
        let plan = plan(&self.profile, &self.media, &caps)?;
        let document = encode(&job.badge, &self.profile, &plan, self.logo.as_ref())?;
        self.expired(job)?;
        let bytes_sent = document.bytes.len();
        // Sent once; from here a failure is reported, never retried.
        let job_id = self.endpoint.print_job(document, &format!("Foyer badge {}", job.badge.visit_id))?;
        self.wait_for(job_id)?;
        Ok(PrintReport { bytes_sent, encoding: ENCODING })
    }

    fn status(&self) -> Result<PrinterStatus, DeviceError> {
        Ok(printer_status(&self.endpoint.capabilities()?))
    }

    fn describe(&self) -> String {
        self.name.clone()
    }
}
