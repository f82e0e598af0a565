//! Label printers (Brother QL, Zebra ZPL) behind `BadgePrinter`, with the
//! same job rules as the ESC/POS printer: the job is built first, dropped
//! if it waited too long, sent only after the status says the printer can
//! print, and sent once. Each family is a [`LabelDriver`]: its pure encoder
//! and its status query.

use std::sync::{Mutex, MutexGuard};

use super::encode::EncodedJob;
use super::escpos_printer::JobOptions;
use super::link::Link;
use crate::badge::Logo;
use crate::{BadgePrinter, DeviceError, PrintJob, PrintReport, PrinterStatus};
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
}

/// A label printer on a link.
pub struct LabelPrinter<D: LabelDriver> {
    link: Mutex<Box<dyn Link>>,
    driver: D,
    logo: Option<Logo>,
    options: JobOptions,
    name: String,
}

fn lock<T: ?Sized>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl<D: LabelDriver> LabelPrinter<D> {
    /// A printer driven by `driver` on `link`.
    pub fn new(link: Box<dyn Link>, driver: D, logo: Option<Logo>, options: JobOptions) -> Self {
        let name = format!("{} on {}", driver.model(), link.describe());
        Self { link: Mutex::new(link), driver, logo, options, name }
    }

    /// The family's driver.
    pub fn driver(&self) -> &D {
        &self.driver
    }

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
}

impl<D: LabelDriver> BadgePrinter for LabelPrinter<D> {
    fn print(&self, job: &PrintJob) -> Result<PrintReport, DeviceError> {
        let encoded = self.driver.encode(&job.badge, self.logo.as_ref())?;
        let mut link = lock(&self.link);
        let waited = job.queued_at.elapsed();
        if waited > self.options.expiry {
            return Err(DeviceError::JobExpired {
                waited_secs: waited.as_secs(),
                expiry_secs: self.options.expiry.as_secs(),
            });
        }
        let status = self.check_status(link.as_mut())?;
        if !status.can_print() {
            return Err(DeviceError::NotReady(status));
        }
        // Sent once; a failure part-way goes to the kiosk, and a reprint is
        // an explicit action.
        link.send(&encoded.bytes).map_err(|e| DeviceError::io(&self.name, e))?;
        Ok(PrintReport { bytes_sent: encoded.bytes.len(), encoding: encoded.encoding })
    }

    fn status(&self) -> Result<PrinterStatus, DeviceError> {
        let mut link = lock(&self.link);
        self.check_status(link.as_mut())
    }

    fn describe(&self) -> String {
        self.name.clone()
    }
}
