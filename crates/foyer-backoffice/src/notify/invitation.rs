//! The invitation email to a visitor: the day, the host, the kind of visit,
//! the code as text and as a QR code the kiosk's scanner reads, and what to
//! do at the kiosk. The QR code is an inline PNG (no remote image).

use image::{GrayImage, Luma};
use qrcode::{Color, EcLevel, QrCode};
use time::macros::format_description;

use super::email::InlineImage;
use super::message::EmailBody;
use super::SendError;
use crate::db::invitation_mail::InvitationNotice;
use crate::db::notifications::Notice;
use foyer_domain::{InvitationCode, VisitorType};

/// The content id the HTML part shows the QR code by.
pub const QR_CONTENT_ID: &str = "invitation-qr@foyer";
/// The picture's side we aim for: large enough for a phone held up to a
/// scanner, small enough to sit in an email without scrolling.
const QR_TARGET_PX: u32 = 264;
/// The blank border scanners need around a QR code, in modules.
const QUIET_ZONE: u32 = 4;

/// Why the QR picture could not be made.
#[derive(Debug, thiserror::Error)]
pub enum QrImageError {
    #[error("cannot encode the QR code: {0}")]
    Qr(#[from] qrcode::types::QrError),
    #[error("cannot write the QR code as PNG: {0}")]
    Png(#[from] image::ImageError),
}

/// The code grouped for people (`K7M2-QX9P`); a stored code that somehow
/// does not parse is shown as stored rather than not at all.
fn readable(code: &str) -> String {
    InvitationCode::parse(code).map(|c| c.display()).unwrap_or_else(|_| code.to_owned())
}

fn day(inv: &InvitationNotice) -> String {
    let format = format_description!("[weekday] [day padding:none] [month repr:long] [year]");
    inv.expected_on.format(format).unwrap_or_else(|_| inv.expected_on.to_string())
}

fn purpose(t: VisitorType) -> &'static str {
    match t {
        VisitorType::Guest => "as a guest",
        VisitorType::Contractor => "as a contractor",
        VisitorType::Interview => "for an interview",
        VisitorType::Delivery => "for a delivery",
    }
}

const AT_THE_KIOSK: &str = "When you arrive, hold the QR code in this email (it is also attached) up to the \
                            scanner of the lobby kiosk, or type the code in on its screen. The kiosk checks you in \
                            and prints your visitor badge.";

/// The HTML part; askama escapes every value.
#[derive(askama::Template)]
#[template(path = "email/invitation.html")]
struct InvitationHtml<'a> {
    visitor: &'a str,
    invited: &'a str,
    content_id: &'a str,
    code: &'a str,
    at_the_kiosk: &'a str,
}

/// The email to the visitor of `n` about the invitation `inv`.
pub fn invitation_email(n: &Notice, inv: &InvitationNotice) -> Result<EmailBody, SendError> {
    let (code, day) = (readable(&inv.code), day(inv));
    let subject = format!("Your visit to {} on {day}", n.host_name);
    let invited = format!("{} has invited you to visit on {day} {}.", n.host_name, purpose(inv.visitor_type));
    let text = format!(
        "Hello {},\n\n{invited}\n\nYour invitation code: {code}\n\n{AT_THE_KIOSK}\n\n-- \nFoyer visitor management\n",
        n.visitor_name
    );
    let page = InvitationHtml {
        visitor: &n.visitor_name,
        invited: &invited,
        content_id: QR_CONTENT_ID,
        code: &code,
        at_the_kiosk: AT_THE_KIOSK,
    };
    let html = askama::Template::render(&page)
        .map_err(|source| SendError::Unsendable(format!("rendering the invitation email: {source}")))?;
    Ok(EmailBody { subject, text, html })
}

/// The QR code of `code` as a PNG: exactly that string (what the kiosk's
/// scanner classifies as an invitation), error correction M, a quiet zone,
/// black on white.
pub fn qr_png(code: &str) -> Result<Vec<u8>, QrImageError> {
    let qr = QrCode::with_error_correction_level(code.as_bytes(), EcLevel::M)?;
    let size = qr.width() as u32;
    let scale = (QR_TARGET_PX / (size + 2 * QUIET_ZONE)).max(1);
    let side = (size + 2 * QUIET_ZONE) * scale;
    let mut img = GrayImage::from_pixel(side, side, Luma([255]));
    for (i, _) in qr.to_colors().iter().enumerate().filter(|(_, c)| **c == Color::Dark) {
        let (x0, y0) = ((i as u32 % size + QUIET_ZONE) * scale, (i as u32 / size + QUIET_ZONE) * scale);
        for y in y0..y0 + scale {
            for x in x0..x0 + scale {
                img.put_pixel(x, y, Luma([0]));
            }
        }
    }
    let mut png = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)?;
    Ok(png)
}

/// The QR code as the email carries it: inline by [`QR_CONTENT_ID`] and
/// attached as `invitation-CODE.png`.
pub fn qr_image(inv: &InvitationNotice) -> Result<InlineImage, QrImageError> {
    Ok(InlineImage {
        content_id: QR_CONTENT_ID.into(),
        filename: format!("invitation-{}.png", readable(&inv.code)),
        png: qr_png(&inv.code)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use foyer_domain::scan::ScannedCode;

    fn notice(visitor_name: &str) -> (Notice, InvitationNotice) {
        let inv = InvitationNotice {
            code: "K7M2QX9P".into(),
            expected_on: time::macros::date!(2026 - 03 - 03),
            visitor_type: VisitorType::Interview,
        };
        let n = Notice {
            event: "invitation.created".into(),
            visit_id: uuid::Uuid::nil(),
            visitor_name: visitor_name.into(),
            company: None,
            host_name: "Grace Hopper".into(),
            kiosk: String::new(),
            at: 0,
            reason: None,
            invitation: Some(inv.clone()),
        };
        (n, inv)
    }

    #[test]
    fn the_email_gives_the_code_the_day_the_host_the_kind_of_visit_and_what_to_do() {
        let (n, inv) = notice("Ada Lovelace");
        let e = invitation_email(&n, &inv).unwrap();
        assert_eq!(e.subject, "Your visit to Grace Hopper on Tuesday 3 March 2026");
        assert!(e.text.starts_with("Hello Ada Lovelace,"), "{}", e.text);
        assert!(e.text.contains("Grace Hopper has invited you to visit on Tuesday 3 March 2026 for an interview."));
        assert!(e.text.contains("Your invitation code: K7M2-QX9P"), "{}", e.text);
        assert!(e.text.contains("scanner of the lobby kiosk, or type the code in"), "{}", e.text);
        assert!(e.html.contains("<strong style=\"font-family:monospace;font-size:1.4em\">K7M2-QX9P</strong>"));
        assert!(e.html.contains("<img src=\"cid:invitation-qr@foyer\""), "{}", e.html);
    }

    #[test]
    fn the_html_part_escapes_what_the_visitor_and_desk_typed_and_loads_nothing_remote() {
        let (mut n, inv) = notice("<script>alert(1)</script>");
        n.host_name = "Grace <b>Hopper</b>".into();
        let e = invitation_email(&n, &inv).unwrap();
        assert!(e.html.contains("Hello &#60;script&#62;alert(1)&#60;/script&#62;,"), "{}", e.html);
        assert!(e.html.contains("Grace &#60;b&#62;Hopper&#60;/b&#62; has invited you"), "{}", e.html);
        assert!(!e.html.contains("<script") && !e.html.contains("<b>"));
        assert!(!e.html.contains("http"), "no remote content: {}", e.html);
        // The text part is not markup: it stays as typed.
        assert!(e.text.starts_with("Hello <script>alert(1)</script>,"));
    }

    #[test]
    fn the_qr_code_scans_as_exactly_the_invitation_code() {
        let png = qr_png("K7M2QX9P").unwrap();
        let img = image::load_from_memory(&png).unwrap().to_luma8();
        assert_eq!(img.width(), img.height());
        assert!((200..=300).contains(&img.width()), "{} px", img.width());
        assert!((0..8).all(|i| img.get_pixel(i, i).0[0] == 255), "a white quiet zone");
        let mut prepared =
            rqrr::PreparedImage::prepare_from_greyscale(img.width() as usize, img.height() as usize, |x, y| {
                img.get_pixel(x as u32, y as u32).0[0]
            });
        let grids = prepared.detect_grids();
        assert_eq!(grids.len(), 1);
        let (meta, text) = grids[0].decode().unwrap();
        assert_eq!(text, "K7M2QX9P");
        assert_eq!(meta.ecc_level, 0, "rqrr numbers M as 0");
        let code = InvitationCode::parse("K7M2QX9P").unwrap();
        assert_eq!(ScannedCode::classify(&text), Ok(ScannedCode::Invitation(code)));
    }

    #[test]
    fn the_attached_picture_is_named_after_the_code() {
        let (_, inv) = notice("Ada");
        let image = qr_image(&inv).unwrap();
        assert_eq!((image.content_id.as_str(), image.filename.as_str()), (QR_CONTENT_ID, "invitation-K7M2-QX9P.png"));
        assert!(image.png.starts_with(b"\x89PNG"));
    }
}
