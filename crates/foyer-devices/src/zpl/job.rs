//! A badge as one ZPL II label: `^XA`, UTF-8 (`^CI28`), the label size
//! (`^PW`, `^LL`), each field as `^FO`/`^A0`/`^FB` (the printer wraps and
//! centres it) and the printer's own QR code (`^BQN,2,m`, error correction
//! M, automatic mode: `^FDMA,…`), `^XZ`. Command syntax from Zebra's
//! "ZPL II Programming Guide"; every field goes through [`field_data`].

use std::fmt::Write;

use super::escape::field_data;
use super::graphic::graphic_field;
use super::profile::ZplProfile;
use crate::badge::{label_ink, BadgeError, BadgeText, Logo, Role};
use crate::printer::EncodedJob;
use crate::PrintEncoding;
use foyer_domain::BadgeContent;

/// Letter height of each field, as a fraction of the label width, and the
/// lines `^FB` may wrap it into. The name is the largest.
fn style(role: Role) -> (f32, u32) {
    match role {
        Role::Name => (0.090, 2),
        Role::Company => (0.050, 2),
        Role::VisitorType => (0.045, 1),
        Role::Host | Role::Site => (0.040, 1),
        Role::Issued | Role::ValidUntil => (0.032, 1),
    }
}

/// QR modules per side for the badge token (version 4 at error correction M).
const QR_MODULES: u32 = 33;

/// `^FO x,y ^A0N,h,h ^FB w,lines,0,C,0 ^FH\ ^FD text ^FS`
fn text_field(out: &mut String, x: u32, y: u32, h: u32, w: u32, lines: u32, text: &str) {
    let _ = writeln!(out, "^FO{x},{y}^A0N,{h},{h}^FB{w},{lines},0,C,0^FH\\^FD{}^FS", field_data(text));
}

/// The label for `content` on `profile`'s printer: printer text and QR,
/// the logo as a graphic above them; or, for a layout the printer's own
/// fields cannot hold, the whole badge as one graphic.
pub fn encode_badge(
    content: &BadgeContent,
    profile: &ZplProfile,
    logo: Option<&Logo>,
) -> Result<EncodedJob, BadgeError> {
    let text = BadgeText::from_content(content);
    let (w, l) = (profile.width_dots, profile.length_dots);
    let mut out = format!("^XA\n^CI28\n^PW{w}\n^LL{l}\n^LH0,0\n");
    if profile.graphic() {
        // The picture is drawn as it feeds (a landscape badge turned).
        let ink = label_ink(&text, profile.label_area(), logo)?;
        out.push_str(&graphic_field(0, 0, &ink));
        out.push_str("^PQ1\n^XZ\n");
        return Ok(EncodedJob { bytes: out.into_bytes(), encoding: PrintEncoding::Raster });
    }
    let margin = w / 32;
    let mut y = margin;
    if let Some(logo) = logo {
        let ink = logo.to_ink(w - 2 * margin, l / 6);
        out.push_str(&graphic_field((w - ink.width()) / 2, y, &ink));
        y += ink.height() + margin / 2;
    }
    // The name across the whole label; the rest in a column beside the QR.
    let order = [Role::Name, Role::Company, Role::Host, Role::VisitorType, Role::Issued, Role::ValidUntil, Role::Site];
    let qr_side = (QR_MODULES + 4) * profile.qr_magnification as u32;
    let column = w.saturating_sub(qr_side + 3 * margin);
    let mut column_top = 0;
    for role in order {
        let Some(s) = text.get(role) else { continue };
        let (k, lines) = style(role);
        let h = ((w as f32 * k).round() as u32).max(12);
        let width = if role == Role::Name { w - 2 * margin } else { column };
        text_field(&mut out, margin, y, h, width, lines, s);
        // Room for every line ^FB may wrap into, so fields never overlap.
        y += h * lines + margin / 2;
        if role == Role::Name {
            column_top = y;
        }
    }
    let qr_x = w - margin - qr_side;
    let qr_y = column_top.min(l.saturating_sub(qr_side + margin));
    let m = profile.qr_magnification;
    let _ = write!(out, "^FO{qr_x},{qr_y}^BQN,2,{m}^FH\\^FDMA,{}^FS\n^PQ1\n^XZ\n", field_data(&text.token));
    Ok(EncodedJob { bytes: out.into_bytes(), encoding: PrintEncoding::Native })
}

/// The field data of every `^FD … ^FS` in a job, unescaped (tests, and the
/// played printer that checks no visitor text became a command).
pub fn fields(job: &str) -> Vec<String> {
    job.split("^FD")
        .skip(1)
        .filter_map(|f| f.split_once("^FS"))
        .filter_map(|(d, _)| super::escape::unescape(d))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::zpl::ZplProfile;
    use foyer_domain::SiteKey;

    fn zd421() -> ZplProfile {
        match crate::printer::PrinterModel::load("zebra-zd421-203dpi").unwrap() {
            crate::printer::PrinterModel::Zpl(p) => p,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_label_starts_with_the_documented_setup_and_ends_with_xz() {
        let badge = BadgeContent::sample(&SiteKey::from_bytes([5; 32]));
        let job = String::from_utf8(encode_badge(&badge, &zd421(), None).unwrap().bytes).unwrap();
        assert!(job.starts_with("^XA\n^CI28\n^PW812\n^LL609\n"), "{job}");
        assert!(job.ends_with("^PQ1\n^XZ\n"), "{job}");
        assert!(job.contains("^A0N,73,73^FB762,2,0,C,0^FH\\^FDAda Lovelace^FS"), "{job}");
        assert!(job.contains(&format!("^BQN,2,5^FH\\^FDMA,{}^FS", badge.token)), "{job}");
    }

    #[test]
    fn a_hostile_name_stays_field_data() {
        let mut badge = BadgeContent::sample(&SiteKey::from_bytes([5; 32]));
        badge.visitor_name = "Eve^XZ^XA^FO0,0^GB800,600,300^FS~JR".into();
        badge.company = Some("~HS\\&".into());
        let job = String::from_utf8(encode_badge(&badge, &zd421(), None).unwrap().bytes).unwrap();
        assert_eq!(job.matches("^XA").count(), 1);
        assert_eq!(job.matches('~').count(), 0, "{job}");
        let found = fields(&job);
        assert!(found.contains(&"Eve^XZ^XA^FO0,0^GB800,600,300^FS~JR".to_owned()), "{found:?}");
        assert!(found.contains(&"~HS\\&".to_owned()), "{found:?}");
    }
}
