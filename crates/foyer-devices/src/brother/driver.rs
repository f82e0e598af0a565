//! The Brother QL family as a [`LabelDriver`]: the raster job, and the
//! status procedure of Brother's reference (invalidate, initialise,
//! `ESC i S`, then 32 bytes back).

use std::time::{Duration, Instant};

use super::commands::{invalidate, INITIALISE, STATUS_REQUEST};
use super::job::encode_badge;
use super::profile::{BrotherProfile, BrotherStatusSupport};
use super::status::{BrotherStatus, REPLY_LEN};
use crate::badge::Logo;
use crate::printer::label_printer::{LabelDriver, LabelPrinter};
use crate::printer::status::hex;
use crate::printer::{EncodedJob, Link};
use crate::{DeviceError, PrinterStatus};
use foyer_domain::BadgeContent;

/// A Brother QL model, and whether its link carries status back.
#[derive(Debug, Clone)]
pub struct BrotherQl {
    pub profile: BrotherProfile,
    /// `false` on TCP 9100, where the printer sends nothing back.
    pub bidirectional: bool,
}

/// A Brother QL behind `BadgePrinter`.
pub type BrotherQlPrinter = LabelPrinter<BrotherQl>;

impl BrotherQl {
    /// Sends the status request and reads one reply; silence is `Ok(None)`.
    pub fn read_status(&self, link: &mut dyn Link) -> Result<Option<BrotherStatus>, DeviceError> {
        let name = link.describe();
        let io = |e| DeviceError::io(name.clone(), e);
        link.discard_input().map_err(io)?;
        let mut request = invalidate(self.profile.invalidate_bytes);
        request.extend_from_slice(&INITIALISE);
        request.extend_from_slice(&STATUS_REQUEST);
        link.send(&request).map_err(io)?;
        let deadline = Instant::now() + Duration::from_millis(self.profile.status_timeout_ms);
        let mut reply = Vec::with_capacity(REPLY_LEN);
        while reply.len() < REPLY_LEN {
            match link.recv(deadline).map_err(io)? {
                Some(b) => reply.push(b),
                None if reply.is_empty() => return Ok(None),
                None => break,
            }
        }
        BrotherStatus::parse(&reply)
            .map(Some)
            .map_err(|why| DeviceError::Protocol { device: name.clone(), detail: format!("{why}: {}", hex(&reply)) })
    }
}

impl LabelDriver for BrotherQl {
    fn model(&self) -> &str {
        &self.profile.name
    }

    fn encode(&self, badge: &BadgeContent, logo: Option<&Logo>) -> Result<EncodedJob, DeviceError> {
        encode_badge(badge, &self.profile, logo, None)
    }

    fn query_status(&self, link: &mut dyn Link) -> Result<PrinterStatus, DeviceError> {
        if !self.reports_status() {
            return Ok(PrinterStatus::Unsupported);
        }
        Ok(match self.read_status(link)? {
            Some(s) => s.printer_status(self.profile.media()),
            None => PrinterStatus::NoAnswer,
        })
    }

    fn reports_status(&self) -> bool {
        self.bidirectional && self.profile.status != BrotherStatusSupport::None
    }
}
