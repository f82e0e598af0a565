//! Visitor text as ZPL field data that can never be a command.
//!
//! Every field is sent with `^FH\`, so `\hh` is a hex byte. `^` and `~`
//! (the command prefixes), `\` itself and every control character are
//! written as the hex of their UTF-8 bytes (`^CI28`); everything else is
//! plain UTF-8. So the printer never sees a `^` or `~` that came from a
//! visitor: the only ones in a job are Foyer's own.

/// `s` escaped for a field started with `^FH\`.
pub fn field_data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '^' | '~' | '\\') || c.is_control() {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("\\{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Undoes [`field_data`] (tests and the played printer read jobs back).
pub fn unescape(s: &str) -> Option<String> {
    let mut bytes = Vec::with_capacity(s.len());
    let mut it = s.bytes();
    while let Some(b) = it.next() {
        if b == b'\\' {
            let hex = [it.next()?, it.next()?];
            bytes.push(u8::from_str_radix(std::str::from_utf8(&hex).ok()?, 16).ok()?);
        } else {
            bytes.push(b);
        }
    }
    String::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_prefixes_and_the_escape_character_become_hex() {
        // ^ = 5E, ~ = 7E, \ = 5C (ASCII).
        assert_eq!(field_data("a^XZ~JR\\b"), "a\\5EXZ\\7EJR\\5Cb");
        assert_eq!(field_data("x\u{7}"), "x\\07");
    }

    #[test]
    fn other_text_is_plain_utf8_and_round_trips() {
        assert_eq!(field_data("Zoë Øster 山田"), "Zoë Øster 山田");
        for s in ["^XA^FO0,0^FDpwn^FS^XZ", "~HS~JA", "Zoë \\& ^"] {
            let e = field_data(s);
            assert!(!e.contains('^') && !e.contains('~'), "{e}");
            assert_eq!(unescape(&e).as_deref(), Some(s));
        }
    }
}
