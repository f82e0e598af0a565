//! Visitor text in chat messages stays text. Names, companies and reasons
//! are typed by visitors at the kiosk; in Slack's mrkdwn `<!channel>` pings
//! everyone and `<http://x|y>` is a disguised link, and Teams renders
//! markdown and some HTML. We send no markup of our own, so the whole
//! message is escaped.

/// Slack mrkdwn: the three characters Slack's docs say to escape; with
/// `<` and `>` gone no mention, channel ping or link can be formed, and
/// `*bold*` stays visible as typed (harmless).
pub fn slack(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    text.chars().for_each(|c| push_html_safe(&mut out, c));
    out
}

/// Teams message-card markdown: HTML's specials become entities and every
/// markdown special is backslash-escaped, so no tag, link, emphasis,
/// heading or list can be formed.
pub fn teams(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '[' | ']' | '(' | ')' | '#' | '`' | '~' | '|' | '!' | '+' | '-' | '=' | '{' | '}'
        ) {
            out.push('\\');
        }
        push_html_safe(&mut out, c);
    }
    out
}

/// `c`, with `&`, `<` and `>` as entities (what both chats need).
fn push_html_safe(out: &mut String, c: char) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        c => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EVIL: &str = "<!channel> *bold* <http://evil|click> & co";

    #[test]
    fn slack_mentions_and_links_are_defused() {
        assert_eq!(slack(EVIL), "&lt;!channel&gt; *bold* &lt;http://evil|click&gt; &amp; co");
    }

    #[test]
    fn teams_markdown_and_html_are_defused() {
        let t = teams(EVIL);
        assert_eq!(t, "&lt;\\!channel&gt; \\*bold\\* &lt;http://evil\\|click&gt; &amp; co");
        assert_eq!(teams("[x](http://e)"), "\\[x\\]\\(http://e\\)");
        assert!(!teams("<b>x</b>").contains('<'));
    }
}
