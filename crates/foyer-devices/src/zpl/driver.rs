//! The Zebra ZPL family as a [`LabelDriver`]: the ZPL label, and `~HS`
//! read until its three strings arrived (or the time is up).

use std::time::{Duration, Instant};

use super::host_status::{strings, HostStatus, HOST_STATUS};
use super::job::encode_badge;
use super::profile::{ZplProfile, ZplStatusSupport};
use crate::badge::Logo;
use crate::printer::label_printer::{LabelDriver, LabelPrinter};
use crate::printer::status::hex;
use crate::printer::{EncodedJob, Link};
use crate::{DeviceError, PrinterStatus};
use foyer_domain::BadgeContent;

/// Longer replies than this are not a Zebra answering `~HS`.
const MAX_REPLY: usize = 512;

/// A ZPL printer model.
#[derive(Debug, Clone)]
pub struct Zpl {
    pub profile: ZplProfile,
}

/// A Zebra behind `BadgePrinter`.
pub type ZplPrinter = LabelPrinter<Zpl>;

impl Zpl {
    /// Sends `~HS` and reads the reply; silence is `Ok(None)`.
    pub fn read_status(&self, link: &mut dyn Link) -> Result<Option<HostStatus>, DeviceError> {
        let name = link.describe();
        let io = |e| DeviceError::io(name.clone(), e);
        link.discard_input().map_err(io)?;
        link.send(HOST_STATUS).map_err(io)?;
        let deadline = Instant::now() + Duration::from_millis(self.profile.status_timeout_ms);
        let mut reply = Vec::new();
        while strings(&reply).len() < 3 && reply.len() < MAX_REPLY {
            match link.recv(deadline).map_err(io)? {
                Some(b) => reply.push(b),
                None => break,
            }
        }
        if reply.is_empty() {
            return Ok(None);
        }
        HostStatus::parse(&reply)
            .map(Some)
            .map_err(|why| DeviceError::Protocol { device: name.clone(), detail: format!("{why}: {}", hex(&reply)) })
    }
}

impl LabelDriver for Zpl {
    fn model(&self) -> &str {
        &self.profile.name
    }

    fn encode(&self, badge: &BadgeContent, logo: Option<&Logo>) -> Result<EncodedJob, DeviceError> {
        encode_badge(badge, &self.profile, logo)
            .map_err(|e| DeviceError::Config(format!("badge for visit {}: {e}", badge.visit_id)))
    }

    fn query_status(&self, link: &mut dyn Link) -> Result<PrinterStatus, DeviceError> {
        if !self.reports_status() {
            return Ok(PrinterStatus::Unsupported);
        }
        Ok(match self.read_status(link)? {
            Some(s) => s.printer_status(),
            None => PrinterStatus::NoAnswer,
        })
    }

    fn reports_status(&self) -> bool {
        self.profile.status != ZplStatusSupport::None
    }
}
