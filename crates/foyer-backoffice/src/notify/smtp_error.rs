//! SMTP failures in words the desk can act on. lettre reports a refused
//! server certificate as "Connection error: invalid peer certificate:
//! UnknownIssuer", which reads like a network fault; such a failure gets
//! its own variant that says the certificate is not trusted and what to do.

use std::error::Error;

use rustls::CertificateError;

use super::SendError;

/// The longest chain of sources followed (lettre's is three deep).
const MAX_DEPTH: usize = 8;

impl From<lettre::transport::smtp::Error> for SendError {
    fn from(e: lettre::transport::smtp::Error) -> Self {
        match refused_certificate(&e) {
            Some(reason) => SendError::UntrustedCertificate { reason, source: e },
            None => SendError::Smtp(e),
        }
    }
}

/// Why the TLS handshake refused the server's certificate, if that is what
/// `e` (or an error it wraps) says.
fn refused_certificate(e: &(dyn Error + 'static)) -> Option<CertificateError> {
    let mut next = Some(e);
    for _ in 0..MAX_DEPTH {
        let err = next?;
        if let Some(reason) = as_certificate_error(err) {
            return Some(reason);
        }
        // tokio-rustls hands rustls's error over inside an io::Error, whose
        // `source()` skips the error it wraps: look at that one directly.
        let wrapped = err.downcast_ref::<std::io::Error>().and_then(|io| io.get_ref());
        if let Some(reason) = wrapped.and_then(|inner| as_certificate_error(inner)) {
            return Some(reason);
        }
        next = err.source();
    }
    None
}

fn as_certificate_error(e: &(dyn Error + 'static)) -> Option<CertificateError> {
    match e.downcast_ref::<rustls::Error>() {
        Some(rustls::Error::InvalidCertificate(reason)) => Some(reason.clone()),
        _ => None,
    }
}

/// What to check, for the reasons an admin can fix in the settings.
pub(super) fn hint(reason: &CertificateError) -> &'static str {
    match reason {
        CertificateError::UnknownIssuer => {
            " (no trusted CA signed it; if the relay uses a private CA, set backoffice.smtp.ca_file to that CA's PEM file)"
        }
        CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => {
            " (backoffice.smtp.host must be a name the certificate is for)"
        }
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An error that wraps another, as lettre's does.
    #[derive(Debug)]
    struct Wrapper(Box<dyn Error + Send + Sync>);
    impl std::fmt::Display for Wrapper {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "Connection error: {}", self.0)
        }
    }
    impl Error for Wrapper {
        fn source(&self) -> Option<&(dyn Error + 'static)> {
            Some(&*self.0)
        }
    }

    fn handshake_error(e: rustls::Error) -> Wrapper {
        Wrapper(Box::new(std::io::Error::new(std::io::ErrorKind::InvalidData, e)))
    }

    #[test]
    fn an_unknown_issuer_inside_an_io_error_is_found() {
        let e = handshake_error(rustls::Error::InvalidCertificate(CertificateError::UnknownIssuer));
        assert_eq!(refused_certificate(&e), Some(CertificateError::UnknownIssuer));
        assert!(hint(&CertificateError::UnknownIssuer).contains("backoffice.smtp.ca_file"));
    }

    #[test]
    fn other_tls_and_io_failures_are_not_certificate_failures() {
        let e = handshake_error(rustls::Error::AlertReceived(rustls::AlertDescription::HandshakeFailure));
        assert_eq!(refused_certificate(&e), None);
        let e = Wrapper(Box::new(std::io::Error::from(std::io::ErrorKind::ConnectionReset)));
        assert_eq!(refused_certificate(&e), None);
    }

    #[test]
    fn an_expired_certificate_is_found_but_gets_no_ca_file_hint() {
        let e = handshake_error(rustls::Error::InvalidCertificate(CertificateError::Expired));
        assert_eq!(refused_certificate(&e), Some(CertificateError::Expired));
        assert_eq!(hint(&CertificateError::Expired), "");
    }
}
