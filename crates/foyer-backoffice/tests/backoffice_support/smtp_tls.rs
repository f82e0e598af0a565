//! TLS for the test SMTP server: a connection that is plain until
//! STARTTLS (or encrypted from the start), and the server's handshake.

use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::sync::Arc;

use rustls::{ServerConfig, ServerConnection, StreamOwned};

/// Handshake round trips allowed before giving up (TLS 1.3 needs one or
/// two; each is also bounded by the socket's read timeout).
const MAX_HANDSHAKE_ROUNDS: usize = 16;

/// One client connection, in clear text or over TLS.
pub enum Conn {
    Plain(TcpStream),
    Tls(Box<StreamOwned<ServerConnection, TcpStream>>),
}

impl Conn {
    pub fn is_tls(&self) -> bool {
        matches!(self, Conn::Tls(_))
    }
}

/// Runs the server side of the handshake on `tcp` to its end, so that a
/// client that refuses the certificate shows up here as an error rather
/// than at the first read.
pub fn accept(mut tcp: TcpStream, config: &Arc<ServerConfig>) -> io::Result<Conn> {
    let mut tls = ServerConnection::new(config.clone()).map_err(io::Error::other)?;
    for _ in 0..MAX_HANDSHAKE_ROUNDS {
        if !tls.is_handshaking() {
            return Ok(Conn::Tls(Box::new(StreamOwned::new(tls, tcp))));
        }
        let (read, written) = tls.complete_io(&mut tcp)?;
        if read == 0 && written == 0 && tls.is_handshaking() {
            return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "the client left during the handshake"));
        }
    }
    Err(io::Error::new(io::ErrorKind::TimedOut, "the handshake did not finish"))
}

impl Read for Conn {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Conn::Plain(s) => s.read(buf),
            Conn::Tls(s) => s.read(buf),
        }
    }
}

impl Write for Conn {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Conn::Plain(s) => s.write(buf),
            Conn::Tls(s) => s.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Conn::Plain(s) => s.flush(),
            Conn::Tls(s) => s.flush(),
        }
    }
}
