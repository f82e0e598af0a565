//! One relay channel spoken to through its profile: switch on, switch off
//! until confirmed, read the state. No timing of pulses here (see
//! `serial_relay`), so each exchange can be tested on its own.

use std::time::{Duration, Instant};

use super::frame::FrameContext;
use super::link::RelayPort;
use super::profile::RelayProfile;
use super::reply::{match_reply, Reply};
use crate::{DeviceError, RelayState};
use foyer_domain::PulseLength;

/// Pause between two OFF attempts: long enough for a module that is
/// re-enumerating on USB, short enough to keep the door-open time small.
const OFF_RETRY_PAUSE: Duration = Duration::from_millis(200);

/// A relay channel and the port it is reached through.
pub struct RelayDriver {
    profile: RelayProfile,
    port: RelayPort,
    channel: u8,
    /// Last OSDP sequence number used (1–3; a peripheral treats a repeated
    /// number as a retransmission and would not act on it again).
    seq: u8,
}

impl RelayDriver {
    /// A driver for `channel` (checked against the profile).
    pub fn new(profile: RelayProfile, port: RelayPort, channel: u8) -> Result<Self, DeviceError> {
        let channel = profile.check_channel(channel)?;
        Ok(Self { profile, port, channel, seq: 0 })
    }

    /// The profile this driver speaks.
    pub fn profile(&self) -> &RelayProfile {
        &self.profile
    }

    /// "KMTronic USB relay channel 1 on /dev/ttyUSB0".
    pub fn describe(&self) -> String {
        format!("{} channel {} on {}", self.profile.name, self.channel, self.port.name())
    }

    fn next_ctx(&mut self, pulse: Option<PulseLength>) -> FrameContext {
        self.seq = self.seq % 3 + 1;
        FrameContext { channel: self.channel, pulse, seq: self.seq }
    }

    /// Sends a frame and waits for the profile's acknowledgement, if any.
    fn command(&mut self, frame: Vec<u8>, ctx: &FrameContext, what: &'static str) -> Result<(), DeviceError> {
        self.port.send(&frame)?;
        let Some(ack) = self.profile.ack.clone() else {
            return Ok(());
        };
        self.await_reply(&[((), &ack)], ctx, what)
    }

    fn await_reply<T: Copy>(
        &mut self,
        candidates: &[(T, &Reply)],
        ctx: &FrameContext,
        what: &'static str,
    ) -> Result<T, DeviceError> {
        let deadline = Instant::now() + self.profile.reply_timeout;
        let mut received = Vec::new();
        self.port.read_until(&mut received, deadline, |r| match_reply(r, candidates, ctx).is_some())?;
        if let Some(value) = match_reply(&received, candidates, ctx) {
            return Ok(value);
        }
        let device = self.describe();
        if received.is_empty() {
            return Err(DeviceError::Timeout { device, what });
        }
        Err(DeviceError::Protocol { device, detail: format!("to {what} it answered {}", show_bytes(&received)) })
    }

    /// Switches on; a device-timed module is told the pulse length.
    pub fn on(&mut self, hold: PulseLength) -> Result<(), DeviceError> {
        let ctx = self.next_ctx(Some(hold));
        let frame = self.profile.on_frame(&ctx);
        self.command(frame, &ctx, "the ON command")
    }

    /// Sends OFF once and confirms it where the module can confirm.
    fn off_once(&mut self) -> Result<(), DeviceError> {
        let ctx = self.next_ctx(None);
        let frame = self.profile.off_frame(&ctx);
        self.command(frame, &ctx, "the OFF command")?;
        match self.state()? {
            RelayState::On => Err(DeviceError::Protocol {
                device: self.describe(),
                detail: "it still reports ON after the OFF command".into(),
            }),
            RelayState::Off | RelayState::Unknown => Ok(()),
        }
    }

    /// Sends OFF until it is confirmed, up to the profile's attempts; the
    /// error of the last attempt is returned when none succeeded.
    pub fn off_confirmed(&mut self) -> Result<(), DeviceError> {
        let mut attempt = 1;
        loop {
            match self.off_once() {
                Ok(()) => return Ok(()),
                Err(e) if attempt >= self.profile.off_attempts => return Err(e),
                Err(e) => {
                    tracing::warn!(relay = %self.describe(), attempt, "OFF not confirmed, retrying: {e}")
                }
            }
            attempt += 1;
            std::thread::sleep(OFF_RETRY_PAUSE);
        }
    }

    /// Asks the module for its state; `Unknown` when it has no status query.
    pub fn state(&mut self) -> Result<RelayState, DeviceError> {
        let Some(status) = self.profile.status.clone() else {
            return Ok(RelayState::Unknown);
        };
        let ctx = self.next_ctx(None);
        self.port.send(&status.query.render(&ctx))?;
        let candidates = [(RelayState::On, &status.on), (RelayState::Off, &status.off)];
        self.await_reply(&candidates, &ctx, "the status query")
    }
}

fn show_bytes(bytes: &[u8]) -> String {
    let hex: Vec<String> = bytes.iter().take(32).map(|b| format!("{b:02X}")).collect();
    let more = if bytes.len() > 32 { " …" } else { "" };
    format!("{}{more} ({:?})", hex.join(" "), String::from_utf8_lossy(&bytes[..bytes.len().min(32)]))
}
