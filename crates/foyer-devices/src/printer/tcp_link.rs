//! A network printer on raw TCP (port 9100, "JetDirect").
//!
//! Network printers close idle connections, so a link built from an address
//! reconnects before the next job or status query, never within a job.

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::time::{Duration, Instant};

use super::link::{remaining, write_paced, Link, STALL_LIMIT};
use crate::DeviceError;

const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);
/// Each write waits at most this long; `write_paced` adds up the stall.
const WRITE_STEP: Duration = Duration::from_millis(200);

/// A raw TCP printer link.
pub struct TcpLink {
    stream: Option<TcpStream>,
    /// Where to reconnect; `None` for a stream handed in by the caller.
    addr: Option<SocketAddr>,
    name: String,
}

impl TcpLink {
    /// Connects to `host:port` now.
    pub fn connect(target: &str) -> Result<Self, DeviceError> {
        let mut link = Self::lazy(target)?;
        link.ensure_connected().map_err(|e| DeviceError::io(target, e))?;
        Ok(link)
    }

    /// Resolves `host:port` but dials only before the first status query or
    /// job, so a kiosk starts even while its network printer is off.
    pub fn lazy(target: &str) -> Result<Self, DeviceError> {
        let addr = target
            .to_socket_addrs()
            .map_err(|e| DeviceError::io(target, e))?
            .next()
            .ok_or_else(|| DeviceError::Config(format!("printer address {target:?} resolves to nothing")))?;
        Ok(Self { stream: None, addr: Some(addr), name: target.to_owned() })
    }

    /// Wraps a connected stream (tests, or a caller with its own dialling).
    pub fn from_stream(stream: TcpStream) -> Result<Self, DeviceError> {
        let name = stream.peer_addr().map(|a| a.to_string()).unwrap_or_else(|_| "tcp printer".into());
        let setup = stream.set_nodelay(true).and_then(|_| stream.set_write_timeout(Some(WRITE_STEP)));
        setup.map_err(|e| DeviceError::io(&name, e))?;
        Ok(Self { stream: Some(stream), addr: None, name })
    }

    fn stream(&mut self) -> io::Result<&mut TcpStream> {
        self.stream
            .as_mut()
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotConnected, "connection to the printer was lost"))
    }

    /// Forgets a connection that failed, so the next job may redial.
    fn on_error<T>(&mut self, r: io::Result<T>) -> io::Result<T> {
        if r.is_err() {
            self.stream = None;
        }
        r
    }
}

fn dial(addr: SocketAddr) -> io::Result<TcpStream> {
    let stream = TcpStream::connect_timeout(&addr, CONNECT_TIMEOUT)?;
    stream.set_nodelay(true)?;
    stream.set_write_timeout(Some(WRITE_STEP))?;
    Ok(stream)
}

impl Link for TcpLink {
    fn ensure_connected(&mut self) -> io::Result<()> {
        if self.stream.is_none() {
            if let Some(addr) = self.addr {
                self.stream = Some(dial(addr)?);
            }
        }
        Ok(())
    }

    fn can_redial(&self) -> bool {
        self.addr.is_some()
    }

    fn send(&mut self, bytes: &[u8]) -> io::Result<()> {
        let r = self.stream().and_then(|s| write_paced(bytes, STALL_LIMIT, |c| s.write(c)));
        self.on_error(r)
    }

    fn recv(&mut self, deadline: Instant) -> io::Result<Option<u8>> {
        if Instant::now() >= deadline {
            return Ok(None);
        }
        let r = self.stream().and_then(|s| {
            s.set_read_timeout(Some(remaining(deadline)))?;
            let mut byte = [0u8; 1];
            match s.read(&mut byte) {
                Ok(0) => Err(io::Error::new(io::ErrorKind::UnexpectedEof, "the printer closed the connection")),
                Ok(_) => Ok(Some(byte[0])),
                Err(e) if matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut) => Ok(None),
                Err(e) => Err(e),
            }
        });
        self.on_error(r)
    }

    fn discard_input(&mut self) -> io::Result<()> {
        let r = self.stream().and_then(|s| {
            s.set_nonblocking(true)?;
            let mut buf = [0u8; 512];
            // Bounded: a printer does not have more than a few KB to say.
            let mut result = Ok(());
            for _ in 0..64 {
                match s.read(&mut buf) {
                    Ok(0) => {
                        result = Err(io::Error::new(io::ErrorKind::UnexpectedEof, "the printer closed the connection"));
                        break;
                    }
                    Ok(_) => continue,
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                    Err(e) => {
                        result = Err(e);
                        break;
                    }
                }
            }
            s.set_nonblocking(false)?;
            result
        });
        self.on_error(r)
    }

    fn describe(&self) -> String {
        self.name.clone()
    }
}
