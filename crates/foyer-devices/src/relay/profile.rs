//! A relay module described as data: the TOML schema of
//! `hardware/relays/*.toml` and its validation at start-up.

use std::time::Duration;

use serde::Deserialize;

use super::frame::{Field, FrameContext, FrameTemplate};
use super::reply::Reply;
use crate::DeviceError;

/// The TOML file as written; checked and turned into a [`RelayProfile`].
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProfile {
    name: String,
    #[serde(default = "default_baud")]
    baud: u32,
    encoding: Encoding,
    /// Appended to every ASCII frame; ignored by hex profiles.
    #[serde(default)]
    line_end: String,
    channels: Channels,
    #[serde(default)]
    device_timed: bool,
    on: String,
    off: String,
    ack: Option<String>,
    status: Option<RawStatus>,
    #[serde(default = "default_reply_timeout_ms")]
    reply_timeout_ms: u64,
    #[serde(default = "default_off_attempts")]
    off_attempts: u32,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Encoding {
    Hex,
    Ascii,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Channels {
    first: u8,
    count: u8,
    default: u8,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStatus {
    query: String,
    on: String,
    off: String,
}

fn default_baud() -> u32 {
    9600
}
fn default_reply_timeout_ms() -> u64 {
    300
}
fn default_off_attempts() -> u32 {
    3
}

/// Deserialises with the path of the offending key kept, since toml's own
/// message for a wrong type does not name the key.
fn parse_raw(text: &str, source: &str) -> Result<RawProfile, DeviceError> {
    let describe = |e: &toml::de::Error, path: String| {
        let line = e.span().map(|s| text[..s.start].lines().count().max(1));
        let at = line.map(|l| format!(" (line {l})")).unwrap_or_default();
        let field = if path == "." { String::new() } else { format!(" field `{path}`:") };
        DeviceError::Config(format!("relay profile {source}{at}:{field} {}", e.message().trim()))
    };
    let de = toml::Deserializer::parse(text).map_err(|e| describe(&e, ".".into()))?;
    serde_path_to_error::deserialize(de).map_err(|e| describe(e.inner(), e.path().to_string()))
}

/// How to ask a relay for its state and read the answer.
#[derive(Debug, Clone)]
pub struct StatusQuery {
    /// The question sent.
    pub query: FrameTemplate,
    /// The answer meaning ON.
    pub on: Reply,
    /// The answer meaning OFF.
    pub off: Reply,
}

/// A checked relay profile.
#[derive(Debug, Clone)]
pub struct RelayProfile {
    /// Human name for logs ("KMTronic USB relay").
    pub name: String,
    /// Line speed; 8N1 without flow control is assumed.
    pub baud: u32,
    /// Lowest and highest channel the module has, as its protocol numbers them.
    pub channels: std::ops::RangeInclusive<u8>,
    /// The channel used when the settings name none.
    pub default_channel: u8,
    /// The module ends the pulse itself (the ON frame carries the time).
    pub device_timed: bool,
    /// Switches the channel on.
    pub on: FrameTemplate,
    /// Switches the channel off.
    pub off: FrameTemplate,
    /// Answer expected after ON and OFF frames, where the module sends one.
    pub ack: Option<Reply>,
    /// How to read the state, where the module can tell.
    pub status: Option<StatusQuery>,
    /// How long to wait for an answer.
    pub reply_timeout: Duration,
    /// How many times OFF is sent before an alarm is raised.
    pub off_attempts: u32,
}

impl RelayProfile {
    /// Parses and checks a profile; `source` (a file name) starts every
    /// error message so the installer knows which file and field to fix.
    pub fn from_toml(text: &str, source: &str) -> Result<Self, DeviceError> {
        let fail =
            |field: &str, why: String| DeviceError::Config(format!("relay profile {source}: field `{field}`: {why}"));
        let raw = parse_raw(text, source)?;
        let hex = matches!(raw.encoding, Encoding::Hex);
        let frame = |field: &str, text: &str| {
            if hex { FrameTemplate::parse_hex(text) } else { FrameTemplate::parse_ascii(text, &raw.line_end) }
                .map_err(|why| fail(field, why))
        };
        let reply = |field: &str, text: &str| Reply::parse(text, hex).map_err(|why| fail(field, why));
        let on = frame("on", &raw.on)?;
        let off = frame("off", &raw.off)?;
        let ack = raw.ack.as_deref().map(|a| reply("ack", a)).transpose()?;
        let status = match &raw.status {
            Some(s) => Some(StatusQuery {
                query: frame("status.query", &s.query)?,
                on: reply("status.on", &s.on)?,
                off: reply("status.off", &s.off)?,
            }),
            None => None,
        };
        let carries_time = on.fields().any(Field::is_pulse);
        if raw.device_timed && !carries_time {
            return Err(fail("on", "device_timed is set, but the frame has no {secs} or {timer16}".into()));
        }
        if off.fields().any(Field::is_pulse) {
            return Err(fail("off", "an OFF frame cannot carry the pulse time".into()));
        }
        let c = &raw.channels;
        let last = c.first.checked_add(c.count.saturating_sub(1)).filter(|_| c.count > 0);
        let Some(last) = last else {
            return Err(fail("channels.count", format!("{} channels from {} is not possible", c.count, c.first)));
        };
        if !(c.first..=last).contains(&c.default) {
            return Err(fail("channels.default", format!("{} is not in {}–{last}", c.default, c.first)));
        }
        if raw.off_attempts == 0 || raw.reply_timeout_ms == 0 {
            return Err(fail("off_attempts / reply_timeout_ms", "must be at least 1".into()));
        }
        Ok(Self {
            name: raw.name,
            baud: raw.baud,
            channels: c.first..=last,
            default_channel: c.default,
            device_timed: raw.device_timed,
            on,
            off,
            ack,
            status,
            reply_timeout: Duration::from_millis(raw.reply_timeout_ms),
            off_attempts: raw.off_attempts,
        })
    }

    /// The ON frame for a pulse of `ctx.pulse`.
    pub fn on_frame(&self, ctx: &FrameContext) -> Vec<u8> {
        self.on.render(ctx)
    }

    /// The OFF frame.
    pub fn off_frame(&self, ctx: &FrameContext) -> Vec<u8> {
        self.off.render(ctx)
    }

    /// The status query, where the module has one.
    pub fn status_frame(&self, ctx: &FrameContext) -> Option<Vec<u8>> {
        self.status.as_ref().map(|s| s.query.render(ctx))
    }

    /// Checks a configured channel against the module's channels.
    pub fn check_channel(&self, channel: u8) -> Result<u8, DeviceError> {
        if self.channels.contains(&channel) {
            return Ok(channel);
        }
        Err(DeviceError::Config(format!(
            "relay channel {channel} does not exist on a {}: it has channels {}–{}",
            self.name,
            self.channels.start(),
            self.channels.end()
        )))
    }
}
