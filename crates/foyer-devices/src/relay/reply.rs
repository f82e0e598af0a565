//! What a relay answers: an acknowledgement or its on/off state, matched in
//! the bytes read back. Pure, so the matching rules are tested without a port.

use super::frame::{FrameContext, FrameTemplate};

/// One expected answer of a profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// Exact bytes (hex profiles), rendered with the same values as the
    /// command so a checksum or sequence number in the reply is checked too.
    Bytes(FrameTemplate),
    /// A whole line of text (ASCII profiles), compared without case and
    /// surrounding blanks. Other lines, such as the echo of the command that
    /// Numato boards send back or a `>` prompt, are skipped.
    Line(String),
}

impl Reply {
    /// Parses a reply of a hex (`hex = true`) or ASCII profile.
    pub fn parse(text: &str, hex: bool) -> Result<Self, String> {
        if hex {
            return FrameTemplate::parse_hex(text).map(Self::Bytes);
        }
        let line = text.trim();
        if line.is_empty() || line.contains(['\r', '\n']) {
            return Err(format!("{text:?} must be one non-empty line"));
        }
        Ok(Self::Line(line.to_owned()))
    }

    fn matches(&self, received: &[u8], ctx: &FrameContext) -> bool {
        match self {
            Self::Bytes(template) => {
                let want = template.render(ctx);
                received.windows(want.len()).any(|w| w == want.as_slice())
            }
            // Only complete lines count: "OFF" must not match "OFFLINE" half read.
            Self::Line(want) => complete_lines(received).any(|l| l.trim().eq_ignore_ascii_case(want)),
        }
    }
}

fn complete_lines(received: &[u8]) -> impl Iterator<Item = String> + '_ {
    let end = received.iter().rposition(|b| matches!(b, b'\r' | b'\n')).unwrap_or(0);
    received[..end].split(|b| matches!(b, b'\r' | b'\n')).map(|l| String::from_utf8_lossy(l).into_owned())
}

/// Which of `candidates` the bytes received so far answer, if any yet.
pub fn match_reply<T: Copy>(received: &[u8], candidates: &[(T, &Reply)], ctx: &FrameContext) -> Option<T> {
    candidates.iter().find(|(_, reply)| reply.matches(received, ctx)).map(|(value, _)| *value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> FrameContext {
        FrameContext { channel: 1, pulse: None, seq: 1 }
    }

    #[test]
    fn a_hex_reply_is_found_after_an_echo_of_the_command() {
        let off = Reply::parse("FF {ch} 00", true).unwrap();
        let on = Reply::parse("FF {ch} 01", true).unwrap();
        let got = match_reply(&[0xFF, 0x01, 0x03, 0xFF, 0x01, 0x00], &[(true, &on), (false, &off)], &ctx());
        assert_eq!(got, Some(false));
        assert_eq!(match_reply(&[0xFF, 0x01], &[(true, &on), (false, &off)], &ctx()), None);
    }

    #[test]
    fn a_line_reply_skips_the_echo_and_needs_its_line_end() {
        let on = Reply::parse("on", false).unwrap();
        let off = Reply::parse("off", false).unwrap();
        let both = [(true, &on), (false, &off)];
        assert_eq!(match_reply(b"relay read 0\n\roff", &both, &ctx()), None);
        assert_eq!(match_reply(b"relay read 0\n\rOFF\n\r>", &both, &ctx()), Some(false));
        assert_eq!(match_reply(b"relay read 0\r\non\r\n", &both, &ctx()), Some(true));
    }

    #[test]
    fn a_multi_line_text_reply_is_refused() {
        assert!(Reply::parse("OK\nOK", false).is_err());
        assert!(Reply::parse("  ", false).is_err());
    }
}
