//! The three IPP operations Foyer needs, over the `ipp` crate's blocking
//! client: Get-Printer-Attributes, Print-Job, Get-Job-Attributes (and
//! Cancel-Job for a job that took too long). Every request has a timeout.

use std::io::Cursor;
use std::time::Duration;

use ::ipp::prelude::{
    DelimiterTag, IppAttribute, IppClient, IppOperationBuilder, IppPayload, IppRequestResponse, IppValue, Uri,
};

use super::capabilities::{Capabilities, REQUESTED};
use super::document::Document;
use crate::DeviceError;

/// `job-state` (RFC 8011 §5.3.7) as far as waiting for a job needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobState {
    /// Pending, held or processing: still waiting.
    Active(i32),
    Completed,
    Canceled,
    Aborted,
}

/// One printer's IPP endpoint.
pub struct IppEndpoint {
    uri: Uri,
    client: IppClient,
    name: String,
}

impl IppEndpoint {
    /// An endpoint for `uri` (`ipp://host:631/ipp/print`); `name` names it in errors.
    pub fn new(uri: &str, name: &str, timeout: Duration) -> Result<Self, DeviceError> {
        let uri: Uri = uri.parse().map_err(|e| DeviceError::Config(format!("printer URI {uri:?}: {e}")))?;
        match uri.scheme_str() {
            Some("ipp" | "http") => {}
            other => {
                return Err(DeviceError::Config(format!(
                    "printer URI {uri}: scheme {other:?} is not ipp:// (ipps:// is not supported)"
                )))
            }
        }
        let client = IppClient::builder(uri.clone()).request_timeout(timeout).build();
        Ok(Self { uri, client, name: name.to_owned() })
    }

    /// The printer URI.
    pub fn uri(&self) -> &Uri {
        &self.uri
    }

    fn send(&self, what: &str, request: IppRequestResponse) -> Result<IppRequestResponse, DeviceError> {
        let reply = self
            .client
            .send(request)
            .map_err(|e| DeviceError::Ipp { device: self.name.clone(), source: Box::new(e) })?;
        let status = reply.header().status_code();
        if !status.is_success() {
            let message = attribute(&reply, DelimiterTag::OperationAttributes, "status-message")
                .map(|m| format!(": {m}"))
                .unwrap_or_default();
            return Err(DeviceError::Protocol {
                device: self.name.clone(),
                detail: format!("{what} refused: {status}{message}"),
            });
        }
        Ok(reply)
    }

    fn parse_error(&self, e: impl std::fmt::Display) -> DeviceError {
        DeviceError::Config(format!("{}: cannot build the IPP request: {e}", self.name))
    }

    /// Get-Printer-Attributes for what Foyer reads.
    pub fn capabilities(&self) -> Result<Capabilities, DeviceError> {
        let op = IppOperationBuilder::get_printer_attributes(self.uri.clone())
            .attributes(REQUESTED)
            .build()
            .map_err(|e| self.parse_error(e))?;
        let reply = self.send("Get-Printer-Attributes", op.into())?;
        Ok(Capabilities::from_attributes(reply.attributes()))
    }

    /// Print-Job with `document`; the printer's job id.
    pub fn print_job(&self, document: Document, title: &str) -> Result<i32, DeviceError> {
        let media = IppValue::new_keyword(&document.plan.media).map_err(|e| self.parse_error(e))?;
        let op = IppOperationBuilder::print_job(self.uri.clone(), IppPayload::new(Cursor::new(document.bytes)))
            .user_name("foyer")
            .job_title(title)
            .document_format(document.plan.format.mime())
            .attribute(IppAttribute::with_name("media", media).map_err(|e| self.parse_error(e))?)
            .build()
            .map_err(|e| self.parse_error(e))?;
        let reply = self.send("Print-Job", op.into())?;
        let id = reply
            .attributes()
            .groups_of(DelimiterTag::JobAttributes)
            .find_map(|g| g.get("job-id").and_then(|a| a.value().as_integer().copied()));
        id.ok_or_else(|| DeviceError::Protocol {
            device: self.name.clone(),
            detail: "Print-Job reply has no job-id".into(),
        })
    }

    /// Get-Job-Attributes: the job's state and its reasons.
    pub fn job_state(&self, job_id: i32) -> Result<(JobState, String), DeviceError> {
        let op = IppOperationBuilder::get_job_attributes(self.uri.clone(), job_id)
            .user_name("foyer")
            .build()
            .map_err(|e| self.parse_error(e))?;
        let reply = self.send("Get-Job-Attributes", op.into())?;
        let state = job_attribute(&reply, "job-state").and_then(|v| v.as_enum().copied());
        let reasons = job_attribute(&reply, "job-state-reasons").map(|v| v.to_string()).unwrap_or_default();
        let state = match state {
            Some(9) => JobState::Completed,
            Some(7) => JobState::Canceled,
            Some(8) => JobState::Aborted,
            Some(s) => JobState::Active(s),
            None => {
                return Err(DeviceError::Protocol {
                    device: self.name.clone(),
                    detail: format!("job {job_id} has no job-state"),
                })
            }
        };
        Ok((state, reasons))
    }

    /// Cancel-Job, so a job given up on does not print late.
    pub fn cancel_job(&self, job_id: i32) -> Result<(), DeviceError> {
        let op = IppOperationBuilder::cancel_job(self.uri.clone(), job_id)
            .user_name("foyer")
            .build()
            .map_err(|e| self.parse_error(e))?;
        self.send("Cancel-Job", op.into()).map(|_| ())
    }
}

fn job_attribute<'a>(reply: &'a IppRequestResponse, name: &str) -> Option<&'a IppValue> {
    reply.attributes().groups_of(DelimiterTag::JobAttributes).find_map(|g| g.get(name)).map(|a| a.value())
}

fn attribute(reply: &IppRequestResponse, tag: DelimiterTag, name: &str) -> Option<String> {
    reply.attributes().groups_of(tag).find_map(|g| g.get(name)).map(|a| a.value().to_string())
}
