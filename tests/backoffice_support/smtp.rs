//! A real SMTP server on loopback, started by the test: it speaks the
//! protocol (RFC 5321: EHLO, MAIL, RCPT, DATA with dot-unstuffing, RSET,
//! NOOP, QUIT) on its own threads, keeps every message it accepts and can
//! refuse chosen recipients with a 451.
//!
//! Written here rather than taken from a crate: the embeddable SMTP server
//! crates pull in a TLS stack (aws-lc or OpenSSL) that needs system build
//! tools a fresh machine does not have.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One accepted message.
#[derive(Debug, Clone)]
pub struct Mail {
    pub from: String,
    pub to: Vec<String>,
    pub data: String,
    pub at: Instant,
}

#[derive(Clone)]
struct Shared {
    mails: Arc<Mutex<Vec<Mail>>>,
    refuse: Arc<Vec<String>>,
    refused: Arc<AtomicUsize>,
}

/// The running server; its threads live until the test process ends.
pub struct SmtpServer {
    pub port: u16,
    shared: Shared,
}

impl SmtpServer {
    /// Starts on 127.0.0.1:0, refusing (451) mail to the `refuse` addresses.
    pub fn start(refuse: &[&str]) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let shared = Shared {
            mails: Arc::default(),
            refuse: Arc::new(refuse.iter().map(|s| s.to_string()).collect()),
            refused: Arc::default(),
        };
        let s = shared.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let s = s.clone();
                std::thread::spawn(move || {
                    let _ = session(stream, &s);
                });
            }
        });
        Self { port, shared }
    }

    pub fn mails(&self) -> Vec<Mail> {
        self.shared.mails.lock().unwrap().clone()
    }

    /// How many recipients were refused.
    pub fn refused(&self) -> usize {
        self.shared.refused.load(Ordering::SeqCst)
    }
}

/// The address inside `MAIL FROM:<a>` / `RCPT TO:<a>`.
fn address(arg: &str) -> String {
    let start = arg.find('<').map_or(0, |i| i + 1);
    let end = arg[start..].find('>').map_or(arg.len(), |i| start + i);
    arg[start..end].to_owned()
}

fn session(stream: TcpStream, s: &Shared) -> std::io::Result<()> {
    // Bounded: an idle client is dropped after a minute.
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    let mut out = stream.try_clone()?;
    let mut lines = BufReader::new(stream);
    out.write_all(b"220 smtp.test ESMTP ready\r\n")?;
    let (mut from, mut to) = (String::new(), Vec::new());
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let cmd = line.trim_end();
        let verb = cmd.split(' ').next().unwrap_or("").to_ascii_uppercase();
        let reply: &[u8] = match verb.as_str() {
            "EHLO" => b"250-smtp.test\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n",
            "HELO" | "NOOP" => b"250 OK\r\n",
            "MAIL" => {
                from = address(&cmd[4..]);
                to.clear();
                b"250 OK\r\n"
            }
            "RCPT" => {
                let rcpt = address(&cmd[4..]);
                if s.refuse.contains(&rcpt) {
                    s.refused.fetch_add(1, Ordering::SeqCst);
                    b"451 4.3.0 mailbox temporarily unavailable\r\n"
                } else {
                    to.push(rcpt);
                    b"250 OK\r\n"
                }
            }
            "DATA" if to.is_empty() => b"554 no valid recipients\r\n",
            "DATA" => {
                out.write_all(b"354 end data with <CR><LF>.<CR><LF>\r\n")?;
                let mut data = String::new();
                loop {
                    line.clear();
                    if lines.read_line(&mut line)? == 0 {
                        return Ok(());
                    }
                    if line == ".\r\n" || line == ".\n" {
                        break;
                    }
                    data.push_str(line.strip_prefix('.').unwrap_or(&line));
                }
                let mail = Mail { from: from.clone(), to: std::mem::take(&mut to), data, at: Instant::now() };
                s.mails.lock().unwrap().push(mail);
                b"250 OK queued\r\n"
            }
            "RSET" => {
                to.clear();
                b"250 OK\r\n"
            }
            "QUIT" => {
                out.write_all(b"221 bye\r\n")?;
                return Ok(());
            }
            _ => b"502 command not implemented\r\n",
        };
        out.write_all(reply)?;
    }
}
