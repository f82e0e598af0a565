//! One client session of the test SMTP server: the greeting, then the
//! command dialogue; after STARTTLS a new dialogue over TLS that, as RFC
//! 3207 says, forgets everything said before (the client must EHLO again).

use std::io::{self, BufRead, BufReader, Write};
use std::net::TcpStream;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use data_encoding::BASE64;

use super::smtp::{Login, Mail, Security, Shared};
use super::smtp_tls::{accept, Conn};

/// Commands one dialogue takes before the server hangs up, and lines one
/// message may have: far above what a test sends, but a bound.
const MAX_COMMANDS: usize = 1_000_000;
const MAX_DATA_LINES: usize = 100_000;

/// How a dialogue ended.
enum Next {
    End,
    /// The client asked for TLS and was told to go ahead.
    StartTls(TcpStream),
}

/// Serves one connection until the client quits or goes away.
pub(super) fn run(tcp: TcpStream, s: &Shared) -> io::Result<()> {
    // Bounded: an idle client is dropped after a minute.
    tcp.set_read_timeout(Some(Duration::from_secs(60)))?;
    let mut conn = match &s.options.security {
        Security::ImplicitTls(config) => handshake(tcp, config, s)?,
        _ => Conn::Plain(tcp),
    };
    conn.write_all(b"220 smtp.test ESMTP ready\r\n")?;
    // At most two dialogues: STARTTLS is refused once TLS is on.
    for _ in 0..2 {
        match dialogue(BufReader::new(conn), s)? {
            Next::End => return Ok(()),
            Next::StartTls(tcp) => {
                let Security::Starttls(config) = &s.options.security else { unreachable!("STARTTLS not offered") };
                conn = handshake(tcp, config, s)?;
            }
        }
    }
    Ok(())
}

fn handshake(tcp: TcpStream, config: &std::sync::Arc<rustls::ServerConfig>, s: &Shared) -> io::Result<Conn> {
    accept(tcp, config).inspect_err(|_| {
        s.tls_failures.fetch_add(1, Ordering::SeqCst);
    })
}

fn dialogue(mut lines: BufReader<Conn>, s: &Shared) -> io::Result<Next> {
    let over_tls = lines.get_ref().is_tls();
    let (mut greeted, mut user) = (false, None::<String>);
    let (mut from, mut to) = (String::new(), Vec::new());
    let mut line = String::new();
    for _ in 0..MAX_COMMANDS {
        line.clear();
        if lines.read_line(&mut line)? == 0 {
            return Ok(Next::End);
        }
        let cmd = line.trim_end().to_owned();
        let verb = cmd.split(' ').next().unwrap_or("").to_ascii_uppercase();
        s.commands.lock().unwrap().push(verb.clone());
        let reply: String = match verb.as_str() {
            "EHLO" => {
                greeted = true;
                ehlo_answer(s, over_tls)
            }
            "HELO" | "NOOP" => "250 OK".into(),
            "STARTTLS" if over_tls => "503 5.5.1 TLS is already on".into(),
            "STARTTLS" if !matches!(s.options.security, Security::Starttls(_)) => "502 5.5.1 not offered".into(),
            "STARTTLS" => {
                send(&mut lines, "220 2.0.0 go ahead with TLS")?;
                // Anything the client sent after STARTTLS in clear text
                // would be injected into the TLS session: refuse it.
                if !lines.buffer().is_empty() {
                    return Err(io::Error::other("clear text pipelined after STARTTLS"));
                }
                let Conn::Plain(tcp) = lines.into_inner() else { unreachable!("checked not over TLS") };
                return Ok(Next::StartTls(tcp));
            }
            "AUTH" | "MAIL" if !greeted => "503 5.5.1 say EHLO first".into(),
            "AUTH" if !over_tls => "538 5.7.11 encryption required for AUTH".into(),
            "AUTH" => match authenticate(&cmd, &mut lines, s)? {
                Some(login) => {
                    user = Some(login.user.clone());
                    s.logins.lock().unwrap().push(login);
                    "235 2.7.0 authenticated".into()
                }
                None => "501 5.5.4 cannot read the credentials".into(),
            },
            "MAIL" => {
                from = address(&cmd[4..]);
                to.clear();
                "250 OK".into()
            }
            "RCPT" => {
                let rcpt = address(&cmd[4..]);
                if s.options.refuse.contains(&rcpt) {
                    s.refused.fetch_add(1, Ordering::SeqCst);
                    "451 4.3.0 mailbox temporarily unavailable".into()
                } else {
                    to.push(rcpt);
                    "250 OK".into()
                }
            }
            "DATA" if to.is_empty() => "554 no valid recipients".into(),
            "DATA" => {
                send(&mut lines, "354 end data with <CR><LF>.<CR><LF>")?;
                let Some(data) = read_data(&mut lines)? else { return Ok(Next::End) };
                let (from, to) = (from.clone(), std::mem::take(&mut to));
                let mail = Mail { from, to, data, at: Instant::now(), over_tls, user: user.clone() };
                s.mails.lock().unwrap().push(mail);
                "250 OK queued".into()
            }
            "RSET" => {
                to.clear();
                "250 OK".into()
            }
            "QUIT" => {
                send(&mut lines, "221 bye")?;
                return Ok(Next::End);
            }
            _ => "502 command not implemented".into(),
        };
        send(&mut lines, &reply)?;
    }
    send(&mut lines, "421 4.7.0 too many commands")?;
    Ok(Next::End)
}

/// The EHLO answer: STARTTLS only where it may be used, AUTH only over TLS.
fn ehlo_answer(s: &Shared, over_tls: bool) -> String {
    let mut lines = vec!["smtp.test".to_owned(), "8BITMIME".into()];
    if !over_tls && matches!(s.options.security, Security::Starttls(_)) {
        lines.push("STARTTLS".into());
    }
    if over_tls && !s.options.auth.is_empty() {
        lines.push(format!("AUTH {}", s.options.auth));
    }
    lines.push("SMTPUTF8".into());
    let last = lines.len() - 1;
    let joined: Vec<String> =
        lines.iter().enumerate().map(|(i, l)| format!("250{}{l}", if i == last { ' ' } else { '-' })).collect();
    joined.join("\r\n")
}

/// The AUTH exchange for an offered mechanism; `None` when the client's
/// answers cannot be decoded or the mechanism is not offered.
fn authenticate(cmd: &str, lines: &mut BufReader<Conn>, s: &Shared) -> io::Result<Option<Login>> {
    let mut args = cmd.split(' ').skip(1);
    let mechanism = args.next().unwrap_or("").to_ascii_uppercase();
    if !s.options.auth.split(' ').any(|m| m == mechanism) {
        return Ok(None);
    }
    let mut ask = |challenge: &str| -> io::Result<Option<String>> {
        send(lines, &format!("334 {challenge}"))?;
        let mut answer = String::new();
        if lines.read_line(&mut answer)? == 0 {
            return Ok(None);
        }
        Ok(decode(answer.trim_end()))
    };
    let login = match mechanism.as_str() {
        "PLAIN" => {
            let response = match args.next() {
                Some(initial) => decode(initial),
                None => ask("")?,
            };
            // authzid NUL authcid NUL passwd (RFC 4616)
            response.and_then(|r| {
                let mut parts = r.splitn(3, '\0').skip(1);
                Some((parts.next()?.to_owned(), parts.next()?.to_owned()))
            })
        }
        _ => {
            let user = ask(&BASE64.encode(b"Username:"))?;
            let password = ask(&BASE64.encode(b"Password:"))?;
            user.zip(password)
        }
    };
    Ok(login.map(|(user, password)| Login { mechanism, user, password }))
}

fn decode(b64: &str) -> Option<String> {
    String::from_utf8(BASE64.decode(b64.as_bytes()).ok()?).ok()
}

/// The message after DATA, dot-unstuffed; `None` if the client left.
fn read_data(lines: &mut BufReader<Conn>) -> io::Result<Option<String>> {
    let (mut data, mut line) = (String::new(), String::new());
    for _ in 0..MAX_DATA_LINES {
        line.clear();
        if lines.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        if line == ".\r\n" || line == ".\n" {
            return Ok(Some(data));
        }
        data.push_str(line.strip_prefix('.').unwrap_or(&line));
    }
    Err(io::Error::other("message too long for the test server"))
}

/// One write per reply: a reply sent in two writes (text, then CRLF) makes
/// Nagle's algorithm hold the CRLF until the client's delayed ACK, ~40 ms a
/// reply, which the notification-latency bench would count as ours.
fn send(lines: &mut BufReader<Conn>, reply: &str) -> io::Result<()> {
    let out = lines.get_mut();
    out.write_all(format!("{reply}\r\n").as_bytes())?;
    out.flush()
}

/// The address inside `MAIL FROM:<a>` / `RCPT TO:<a>`.
fn address(arg: &str) -> String {
    let start = arg.find('<').map_or(0, |i| i + 1);
    let end = arg[start..].find('>').map_or(arg.len(), |i| start + i);
    arg[start..end].to_owned()
}
