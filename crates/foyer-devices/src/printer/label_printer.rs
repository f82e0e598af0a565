//! Label printers (Brother QL, Zebra ZPL) behind `BadgePrinter`, with the
//! same job rules as the ESC/POS printer: the job is built first, dropped
//! if it waited too long, sent only after the status says the printer can
//! print, and sent once. Each family is a [`LabelDriver`]: its pure encoder
//! and its status query. Where the link carries status back, an idle
//! poller tells the desk when the printer runs out of labels or is opened,
//! before a visitor's badge fails on it.

use std::sync::{Arc, Mutex, MutexGuard};

use super::encode::EncodedJob;
use super::escpos_printer::JobOptions;
use super::link::Link;
use super::poller::Poller;
use super::status_watch::{poll_while_alive, when_idle, StatusWatch};
use crate::badge::Logo;
use crate::{AlarmSink, BadgePrinter, DeviceError, PrintJob, PrintReport, PrinterStatus};
use foyer_domain::BadgeContent;

/// What differs between label printer families.
pub trait LabelDriver: Send + Sync {
    /// The model's name ("Brother QL-820NWB").
    fn model(&self) -> &str;
    /// The complete job for one badge.
    fn encode(&self, badge: &BadgeContent, logo: Option<&Logo>) -> Result<EncodedJob, DeviceError>;
    /// Asks the printer for its state; `Unsupported` where it cannot say
    /// (a Brother on TCP 9100), `NoAnswer` when it stays silent.
    fn query_status(&self, link: &mut dyn Link) -> Result<PrinterStatus, DeviceError>;
    /// Whether `query_status` can learn anything on this link; idle
    /// polling a printer that cannot answer would only send it bytes.
    fn reports_status(&self) -> bool;
}

/// A label printer on a link.
pub struct LabelPrinter<D: LabelDriver> {
    inner: Arc<Inner<D>>,
    _poller: Option<Poller>,
}

struct Inner<D> {
    /// Held for the whole of a job, so the poller never sends between its bytes.
    link: Mutex<Box<dyn Link>>,
    driver: D,
    logo: Option<Logo>,
    options: JobOptions,
    name: String,
    watch: StatusWatch,
}

fn lock<T: ?Sized>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl<D: LabelDriver + 'static> LabelPrinter<D> {
    /// A printer driven by `driver` on `link`. Polls status while idle,
    /// every `options.poll_interval`, where the driver reports status on
    /// this link, and tells `alarms` when it changes.
    pub fn new(link: Box<dyn Link>, driver: D, logo: Option<Logo>, options: JobOptions, alarms: AlarmSink) -> Self {
        let name = format!("{} on {}", driver.model(), link.describe());
        let interval = options.poll_interval.filter(|_| driver.reports_status());
        let watch = StatusWatch::new(&name, alarms);
        let inner = Arc::new(Inner { link: Mutex::new(link), driver, logo, options, name, watch });
        let poller = poll_while_alive(&inner.name, interval, &inner, Inner::poll_once);
        Self { inner, _poller: poller }
    }
}

impl<D: LabelDriver> LabelPrinter<D> {
    /// The family's driver.
    pub fn driver(&self) -> &D {
        &self.inner.driver
    }
}

impl<D: LabelDriver> Inner<D> {
    /// Reconnects if needed and asks; one redial when a network printer
    /// hung up since the last job (nothing of a job was sent yet).
    fn check_status(&self, link: &mut dyn Link) -> Result<PrinterStatus, DeviceError> {
        let ask = |link: &mut dyn Link| {
            link.ensure_connected().map_err(|e| DeviceError::io(&self.name, e))?;
            self.driver.query_status(link)
        };
        match ask(link) {
            Err(DeviceError::Io { .. }) if link.can_redial() => ask(link),
            other => other,
        }
    }

    /// One idle poll; skipped while a job holds the link.
    fn poll_once(&self) {
        let Some(mut link) = when_idle(&self.link) else { return };
        let seen = self.check_status(link.as_mut());
        drop(link);
        self.watch.record(seen.as_ref().copied(), true);
    }
}

impl<D: LabelDriver> BadgePrinter for LabelPrinter<D> {
    fn print(&self, job: &PrintJob) -> Result<PrintReport, DeviceError> {
        let p = &self.inner;
        let encoded = p.driver.encode(&job.badge, p.logo.as_ref())?;
        let mut link = lock(&p.link);
        let waited = job.queued_at.elapsed();
        if waited > p.options.expiry {
            return Err(DeviceError::JobExpired {
                waited_secs: waited.as_secs(),
                expiry_secs: p.options.expiry.as_secs(),
            });
        }
        let status = p.check_status(link.as_mut());
        // The kiosk reports a refused job itself; the poller speaks up only
        // when the state changes again.
        p.watch.record(status.as_ref().copied(), false);
        let status = status?;
        if !status.can_print() {
            return Err(DeviceError::NotReady(status));
        }
        // Sent once; a failure part-way goes to the kiosk, and a reprint is
        // an explicit action.
        link.send(&encoded.bytes).map_err(|e| DeviceError::io(&p.name, e))?;
        Ok(PrintReport { bytes_sent: encoded.bytes.len(), encoding: encoded.encoding })
    }

    fn status(&self) -> Result<PrinterStatus, DeviceError> {
        let p = &self.inner;
        let mut link = lock(&p.link);
        let seen = p.check_status(link.as_mut());
        drop(link);
        p.watch.record(seen.as_ref().copied(), false);
        seen
    }

    fn describe(&self) -> String {
        self.inner.name.clone()
    }
}
