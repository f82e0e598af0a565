//! The simulated printer: writes each badge as `<visit id>.bin` (the exact
//! ESC/POS or Brother job a real printer would get; `.zpl` for Zebra) and
//! `<visit id>.png` (the preview)
//! into `<data dir>/prints/`, keeping the newest 200 badges
//! (`printer.keep_prints`). The default, so a kiosk runs on a laptop and an
//! installer can inspect a job before wiring a printer.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::any_job::{encode_for, job_extension, preview_for};
use super::escpos_printer::JobOptions;
use super::model::PrinterModel;
use super::profile::Profile;
use crate::badge::Logo;
use crate::{BadgePrinter, DeviceError, PrintJob, PrintReport, PrinterStatus};

/// A printer that writes job files.
pub struct FilePrinter {
    dir: PathBuf,
    profile: PrinterModel,
    logo: Option<Logo>,
    options: JobOptions,
    /// Badges whose files are kept (`kept_prints`).
    keep: usize,
    /// One job at a time, as on a real printer.
    busy: Mutex<()>,
}

impl FilePrinter {
    /// Writes into `<data_dir>/prints/`, created on first use.
    pub fn new(data_dir: &Path, profile: Profile, logo: Option<Logo>, options: JobOptions) -> Self {
        Self::for_model(data_dir, PrinterModel::EscPos(profile), logo, options)
    }

    /// A simulated printer of any family (`.zpl` job files for Zebra).
    pub fn for_model(data_dir: &Path, profile: PrinterModel, logo: Option<Logo>, options: JobOptions) -> Self {
        let keep = super::kept_prints::DEFAULT_KEPT;
        Self { dir: data_dir.join("prints"), profile, logo, options, keep, busy: Mutex::new(()) }
    }

    /// Keeps the files of the newest `keep` badges (at least one).
    pub fn keeping(mut self, keep: usize) -> Self {
        self.keep = keep.max(1);
        self
    }

    /// Where the files of a visit's badge go: (`.bin`, `.png`).
    pub fn paths_for(&self, visit_id: uuid::Uuid) -> (PathBuf, PathBuf) {
        let ext = job_extension(&self.profile);
        (self.dir.join(format!("{visit_id}.{ext}")), self.dir.join(format!("{visit_id}.png")))
    }
}

impl BadgePrinter for FilePrinter {
    fn print(&self, job: &PrintJob) -> Result<PrintReport, DeviceError> {
        let _busy = self.busy.lock().unwrap_or_else(|e| e.into_inner());
        let waited = job.queued_at.elapsed();
        if waited > self.options.expiry {
            return Err(DeviceError::JobExpired {
                waited_secs: waited.as_secs(),
                expiry_secs: self.options.expiry.as_secs(),
            });
        }
        let encoded = encode_for(&self.profile, &job.badge, self.logo.as_ref(), self.options.force_raster)?;
        let png = preview_for(&self.profile, &job.badge, self.logo.as_ref())?;
        let io = |path: &Path| {
            let shown = path.display().to_string();
            move |e| DeviceError::io(shown, e)
        };
        std::fs::create_dir_all(&self.dir).map_err(io(&self.dir))?;
        let (bin, preview) = self.paths_for(job.badge.visit_id);
        std::fs::write(&bin, &encoded.bytes).map_err(io(&bin))?;
        std::fs::write(&preview, png).map_err(io(&preview))?;
        // The badge is printed; a failed clean-up is for the log only.
        if let Err(e) = super::kept_prints::prune(&self.dir, self.keep) {
            tracing::warn!(dir = %self.dir.display(), error = %e, "could not remove old simulated prints");
        }
        Ok(PrintReport { bytes_sent: encoded.bytes.len(), encoding: encoded.encoding })
    }

    fn status(&self) -> Result<PrinterStatus, DeviceError> {
        Ok(PrinterStatus::Ready)
    }

    fn describe(&self) -> String {
        format!("simulated {} writing to {}", self.profile.name(), self.dir.display())
    }
}
