//! What a notification says, per channel: an email (plain text and HTML, no
//! tracking pixel, no remote image), Slack and Teams webhook JSON, and the
//! generic JSON body.

use serde_json::{json, Value};
use time::OffsetDateTime;

use crate::db::notifications::Notice;

/// An email's subject and parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailBody {
    pub subject: String,
    pub text: String,
    pub html: String,
}

fn visitor(n: &Notice) -> String {
    match n.company.as_deref().filter(|c| !c.is_empty()) {
        Some(c) => format!("{} from {c}", n.visitor_name),
        None => n.visitor_name.clone(),
    }
}

fn clock(unix: i64) -> String {
    OffsetDateTime::from_unix_timestamp(unix)
        .map(|t| format!("{:02}:{:02} UTC", t.hour(), t.minute()))
        .unwrap_or_else(|_| "just now".into())
}

/// The one-line message, as chat shows it. `for_reception` names the host,
/// since reception is told on the host's behalf.
pub fn headline(n: &Notice, for_reception: bool) -> String {
    match (n.event.as_str(), for_reception) {
        ("visit.flagged", _) => format!("Approval needed: {} is waiting at {}", visitor(n), n.kiosk),
        (_, true) => format!("{} is here to see {}", visitor(n), n.host_name),
        _ => format!("{} is here to see you", visitor(n)),
    }
}

fn detail(n: &Notice) -> String {
    match &n.reason {
        Some(reason) => format!(
            "{} checked in at {} for {} at {} and was flagged ({reason}). Approve or deny at the desk.",
            visitor(n),
            n.kiosk,
            n.host_name,
            clock(n.at)
        ),
        None => format!("{} checked in at {} at {} and is waiting in the lobby.", visitor(n), n.kiosk, clock(n.at)),
    }
}

/// The HTML part of a host's email; askama escapes every value (visitor
/// input is never markup).
#[derive(askama::Template)]
#[template(path = "email/host_notice.html")]
struct HostNoticeHtml<'a> {
    greeting: &'a str,
    subject: &'a str,
    detail: &'a str,
}

/// The email to the host (or to reception on the host's behalf).
pub fn email(n: &Notice, for_reception: bool) -> Result<EmailBody, super::SendError> {
    let subject = headline(n, for_reception);
    let greeting = if for_reception { "Hello,".to_owned() } else { format!("Hello {},", n.host_name) };
    let text = format!("{greeting}\n\n{}\n\n-- \nFoyer visitor management\n", detail(n));
    let detail = detail(n);
    let html = askama::Template::render(&HostNoticeHtml { greeting: &greeting, subject: &subject, detail: &detail })
        .map_err(|source| super::SendError::Unsendable(format!("rendering the email: {source}")))?;
    Ok(EmailBody { subject, text, html })
}

/// A Slack incoming-webhook message.
pub fn slack(n: &Notice) -> Value {
    json!({ "text": super::chat_markup::slack(&format!("{}. {}", headline(n, false), detail(n))) })
}

/// A Microsoft Teams message card.
pub fn teams(n: &Notice) -> Value {
    json!({
        "@type": "MessageCard",
        "@context": "https://schema.org/extensions",
        "summary": headline(n, false),
        "themeColor": "0076D7",
        "title": super::chat_markup::teams(&headline(n, false)),
        "text": super::chat_markup::teams(&detail(n)),
    })
}

/// The generic webhook body: the facts, for a program to act on.
pub fn generic(n: &Notice) -> Value {
    json!({
        "event": n.event,
        "visit_id": n.visit_id,
        "visitor_name": n.visitor_name,
        "company": n.company,
        "host_name": n.host_name,
        "kiosk": n.kiosk,
        "at": n.at,
        "reason": n.reason,
        "message": headline(n, false),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notice(company: Option<&str>) -> Notice {
        Notice {
            event: "visit.arrived".into(),
            visit_id: uuid::Uuid::nil(),
            visitor_name: "Ada <b>Lovelace</b>".into(),
            company: company.map(Into::into),
            host_name: "Grace Hopper".into(),
            kiosk: "lobby-1".into(),
            at: 3600,
            reason: None,
            invitation: None,
        }
    }

    #[test]
    fn the_subject_names_the_visitor_and_company() {
        let e = email(&notice(Some("Analytical Engines")), false).unwrap();
        assert_eq!(e.subject, "Ada <b>Lovelace</b> from Analytical Engines is here to see you");
        assert!(e.text.starts_with("Hello Grace Hopper,"));
        assert!(e.text.contains("at 01:00 UTC"));
        assert_eq!(email(&notice(None), false).unwrap().subject, "Ada <b>Lovelace</b> is here to see you");
    }

    #[test]
    fn the_html_part_escapes_visitor_input_and_loads_nothing() {
        let e = email(&notice(None), false).unwrap();
        assert!(e.html.contains("Ada &#60;b&#62;Lovelace&#60;/b&#62;"), "{}", e.html);
        assert!(!e.html.contains("<b>"));
        assert!(!e.html.contains("<img") && !e.html.contains("http"));
    }

    #[test]
    fn a_script_in_the_visitors_name_is_text_in_the_html_part() {
        let mut n = notice(None);
        n.visitor_name = "<script>alert(1)</script>".into();
        let e = email(&n, false).unwrap();
        assert!(e.html.contains("&#60;script&#62;alert(1)&#60;/script&#62;"), "{}", e.html);
        assert!(!e.html.contains("<script"), "{}", e.html);
    }

    #[test]
    fn reception_is_told_whom_the_visitor_came_for() {
        assert_eq!(headline(&notice(None), true), "Ada <b>Lovelace</b> is here to see Grace Hopper");
    }

    #[test]
    fn visitor_markup_is_escaped_in_slack_and_teams_bodies() {
        let mut n = notice(Some("Evil & co"));
        n.visitor_name = "<!channel> *bold* <http://evil|click>".into();
        let s = slack(&n)["text"].as_str().unwrap().to_owned();
        assert!(s.starts_with("&lt;!channel&gt; *bold* &lt;http://evil|click&gt; from Evil &amp; co is here"), "{s}");
        assert!(!s.contains('<') && !s.contains('>'), "{s}");
        let t = teams(&n);
        for field in ["title", "text"] {
            let v = t[field].as_str().unwrap();
            assert!(v.contains("&lt;\\!channel&gt; \\*bold\\*") && !v.contains('<'), "{field}: {v}");
        }
    }

    #[test]
    fn chat_bodies_have_their_formats() {
        assert!(slack(&notice(None))["text"].as_str().unwrap().contains("is here to see you"));
        assert_eq!(teams(&notice(None))["@type"], "MessageCard");
        assert_eq!(generic(&notice(None))["host_name"], "Grace Hopper");
    }
}
