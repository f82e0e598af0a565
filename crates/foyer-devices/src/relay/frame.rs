//! Frame templates: the bytes a relay profile sends, written as data.
//!
//! A hex template is a list of bytes and `{field}` placeholders
//! (`"A0 {ch} 01 {sum8}"`); an ASCII template is text with `{ch}` and
//! `{secs}` substituted as decimal (`"relay on {ch}"`). Checksums are
//! computed over the bytes before them, so a profile never spells one out.

use foyer_domain::PulseLength;

/// A value filled in when a frame is rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The relay channel (one byte, or decimal text).
    Channel,
    /// The pulse length in seconds (one byte, or decimal text).
    Secs,
    /// The pulse length in 100 ms units, two bytes little-endian (OSDP).
    Timer16,
    /// Sum of the bytes before it, modulo 256 (LCUS-1).
    Sum8,
    /// CRC-16 (polynomial 0x1021, initial 0x1D0F) of the bytes before it,
    /// little-endian (OSDP).
    Crc16,
    /// Length of the whole frame, two bytes little-endian (OSDP).
    Len16,
    /// OSDP control byte: sequence number 1–3 with the CRC flag (0x04).
    OsdpCtrl,
}

impl Field {
    fn parse(name: &str, hex: bool) -> Result<Self, String> {
        let field = match name {
            "ch" => Self::Channel,
            "secs" => Self::Secs,
            "timer16" => Self::Timer16,
            "sum8" => Self::Sum8,
            "crc16" => Self::Crc16,
            "len16" => Self::Len16,
            "osdp_ctrl" => Self::OsdpCtrl,
            other => return Err(format!("unknown placeholder {{{other}}}")),
        };
        if !hex && !matches!(field, Self::Channel | Self::Secs) {
            return Err(format!("placeholder {{{name}}} is only allowed in hex frames"));
        }
        Ok(field)
    }

    fn width(self) -> usize {
        match self {
            Self::Timer16 | Self::Crc16 | Self::Len16 => 2,
            _ => 1,
        }
    }

    /// Whether the field carries the pulse length (only the ON frame may).
    pub fn is_pulse(self) -> bool {
        matches!(self, Self::Secs | Self::Timer16)
    }
}

/// The values a frame is rendered with.
#[derive(Debug, Clone, Copy)]
pub struct FrameContext {
    /// The relay channel, as the module numbers it.
    pub channel: u8,
    /// The pulse length, for an ON frame that carries it.
    pub pulse: Option<PulseLength>,
    /// OSDP sequence number, 1–3.
    pub seq: u8,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Bytes(Vec<u8>),
    Field(Field),
}

/// A parsed frame of a profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameTemplate {
    pieces: Vec<Piece>,
    hex: bool,
}

impl FrameTemplate {
    /// Parses `"A0 {ch} 01 {sum8}"`: two hex digits or a placeholder per token.
    pub fn parse_hex(text: &str) -> Result<Self, String> {
        let mut pieces = Vec::new();
        for token in text.split_whitespace() {
            if let Some(name) = token.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
                pieces.push(Piece::Field(Field::parse(name, true)?));
            } else if token.len() == 2 && token.chars().all(|c| c.is_ascii_hexdigit()) {
                let byte = u8::from_str_radix(token, 16).map_err(|e| e.to_string())?;
                pieces.push(Piece::Bytes(vec![byte]));
            } else {
                return Err(format!("{token:?} is neither two hex digits nor a {{placeholder}}"));
            }
        }
        if pieces.is_empty() {
            return Err("the frame is empty".into());
        }
        Ok(Self { pieces, hex: true })
    }

    /// Parses ASCII text with `{ch}` / `{secs}`; `line_end` is appended.
    pub fn parse_ascii(text: &str, line_end: &str) -> Result<Self, String> {
        let mut pieces = Vec::new();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            let close = rest[open..].find('}').ok_or("a '{' without its '}'")? + open;
            pieces.push(Piece::Bytes(rest.as_bytes()[..open].to_vec()));
            pieces.push(Piece::Field(Field::parse(&rest[open + 1..close], false)?));
            rest = &rest[close + 1..];
        }
        pieces.push(Piece::Bytes(format!("{rest}{line_end}").into_bytes()));
        pieces.retain(|p| p != &Piece::Bytes(Vec::new()));
        if pieces.is_empty() {
            return Err("the frame is empty".into());
        }
        Ok(Self { pieces, hex: false })
    }

    /// The placeholders this frame uses.
    pub fn fields(&self) -> impl Iterator<Item = Field> + '_ {
        self.pieces.iter().filter_map(|p| match p {
            Piece::Field(f) => Some(*f),
            Piece::Bytes(_) => None,
        })
    }

    /// The bytes to send (or to expect) for these values.
    pub fn render(&self, ctx: &FrameContext) -> Vec<u8> {
        let total: usize = self
            .pieces
            .iter()
            .map(|p| match p {
                Piece::Bytes(b) => b.len(),
                Piece::Field(f) if self.hex => f.width(),
                Piece::Field(_) => 0,
            })
            .sum();
        let mut out = Vec::with_capacity(total);
        let secs = ctx.pulse.map_or(0, PulseLength::secs);
        for piece in &self.pieces {
            match (piece, self.hex) {
                (Piece::Bytes(b), _) => out.extend_from_slice(b),
                (Piece::Field(Field::Channel), false) => out.extend(ctx.channel.to_string().bytes()),
                (Piece::Field(_), false) => out.extend(secs.to_string().bytes()),
                (Piece::Field(f), true) => {
                    let value: u16 = match f {
                        Field::Channel => ctx.channel.into(),
                        // PulseLength is at most 30 s, so both fit.
                        Field::Secs => secs as u16,
                        Field::Timer16 => (secs * 10) as u16,
                        Field::Sum8 => (out.iter().map(|&b| u32::from(b)).sum::<u32>() & 0xFF) as u16,
                        Field::Crc16 => crc16_osdp(&out),
                        Field::Len16 => total as u16,
                        Field::OsdpCtrl => 0x04 | u16::from(ctx.seq & 0x03),
                    };
                    out.extend_from_slice(&value.to_le_bytes()[..f.width()]);
                }
            }
        }
        out
    }
}

/// CRC-16/AUG-CCITT as OSDP uses it: polynomial 0x1021, initial 0x1D0F.
pub fn crc16_osdp(bytes: &[u8]) -> u16 {
    bytes.iter().fold(0x1D0F_u16, |crc, &b| {
        (0..8).fold(crc ^ (u16::from(b) << 8), |c, _| if c & 0x8000 != 0 { (c << 1) ^ 0x1021 } else { c << 1 })
    })
}
