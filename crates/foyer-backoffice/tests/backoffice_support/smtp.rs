//! A real SMTP server on loopback, started by the test: it speaks the
//! protocol (RFC 5321: EHLO, MAIL, RCPT, DATA with dot-unstuffing, RSET,
//! NOOP, QUIT) on its own threads, keeps every message it accepts and can
//! refuse chosen recipients with a 451. It can also run over TLS, either
//! upgraded with STARTTLS (RFC 3207) or from the first byte, and take AUTH
//! PLAIN/LOGIN (RFC 4954) once TLS is on, recording the credentials.
//!
//! Written here rather than taken from a crate: the embeddable SMTP server
//! crates pull in a TLS stack (aws-lc or OpenSSL) that needs system build
//! tools a fresh machine does not have; this one uses rustls with ring.

use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use rustls::ServerConfig;

/// One accepted message.
#[derive(Debug, Clone)]
pub struct Mail {
    pub from: String,
    pub to: Vec<String>,
    pub data: String,
    pub at: Instant,
    /// Whether the session was encrypted when the message came in.
    pub over_tls: bool,
    /// The user the session had authenticated as, if any.
    pub user: Option<String>,
}

/// One completed AUTH exchange (only possible over TLS).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Login {
    pub mechanism: String,
    pub user: String,
    pub password: String,
}

/// How clients reach the server.
#[derive(Clone, Default)]
pub enum Security {
    /// Clear text, and no STARTTLS in the EHLO answer.
    #[default]
    Plain,
    /// Clear text until the client sends STARTTLS (offered in EHLO).
    Starttls(Arc<ServerConfig>),
    /// The TLS handshake comes before the greeting.
    ImplicitTls(Arc<ServerConfig>),
}

/// What the server does.
#[derive(Clone, Default)]
pub struct Options {
    /// Recipients refused with a 451.
    pub refuse: Vec<String>,
    pub security: Security,
    /// SASL mechanisms offered once the session is encrypted, e.g.
    /// `"PLAIN LOGIN"`; empty: no AUTH.
    pub auth: &'static str,
}

pub(super) struct Shared {
    pub options: Options,
    pub mails: Mutex<Vec<Mail>>,
    pub logins: Mutex<Vec<Login>>,
    /// Every command verb received, in order, over all sessions.
    pub commands: Mutex<Vec<String>>,
    pub refused: AtomicUsize,
    pub tls_failures: AtomicUsize,
}

/// The running server; its threads live until the test process ends.
pub struct SmtpServer {
    pub port: u16,
    shared: Arc<Shared>,
}

impl SmtpServer {
    /// Starts on 127.0.0.1:0 in clear text, refusing (451) mail to the
    /// `refuse` addresses.
    pub fn start(refuse: &[&str]) -> Self {
        Self::start_with(Options { refuse: refuse.iter().map(|s| s.to_string()).collect(), ..Options::default() })
    }

    /// Starts on 127.0.0.1:0 as `options` say.
    pub fn start_with(options: Options) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let shared = Arc::new(Shared {
            options,
            mails: Mutex::default(),
            logins: Mutex::default(),
            commands: Mutex::default(),
            refused: AtomicUsize::default(),
            tls_failures: AtomicUsize::default(),
        });
        let s = shared.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let s = s.clone();
                std::thread::spawn(move || {
                    let _ = super::smtp_session::run(stream, &s);
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

    /// The AUTH exchanges that completed, in order.
    pub fn logins(&self) -> Vec<Login> {
        self.shared.logins.lock().unwrap().clone()
    }

    /// Every command verb received (`EHLO`, `STARTTLS`, `AUTH`, `MAIL` …).
    pub fn commands(&self) -> Vec<String> {
        self.shared.commands.lock().unwrap().clone()
    }

    /// TLS handshakes that failed (a client that refused the certificate).
    pub fn tls_failures(&self) -> usize {
        self.shared.tls_failures.load(Ordering::SeqCst)
    }
}
