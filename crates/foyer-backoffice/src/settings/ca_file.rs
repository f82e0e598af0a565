//! `[backoffice.smtp] ca_file`: CA certificates to trust besides the
//! built-in roots, for a site whose mail relay has a certificate from a
//! private CA. The file is read and checked while the settings load, so a
//! wrong path or a file without a certificate stops the start with the key
//! and the file named, instead of failing every email later.

use std::fmt;
use std::path::{Path, PathBuf};

use rustls::pki_types::pem::{self, PemObject};
use rustls::pki_types::CertificateDer;
use serde::Deserialize;

/// Why a CA file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum CaFileError {
    #[error("cannot read {}: {source}", .path.display())]
    Unreadable { path: PathBuf, source: std::io::Error },
    #[error("{} is not a valid PEM file: {source}", .path.display())]
    BadPem { path: PathBuf, source: pem::Error },
    #[error("{} holds no certificate: expected one or more PEM blocks \"-----BEGIN CERTIFICATE-----\"", .path.display())]
    NoCertificate { path: PathBuf },
    #[error("certificate {number} in {} cannot be used as a CA: {source}", .path.display())]
    Unusable { path: PathBuf, number: usize, source: rustls::Error },
}

/// The certificates of a CA file, checked: at least one, each usable as a
/// trust anchor. Only [`CaFile::load`] builds one.
#[derive(Clone, Deserialize)]
#[serde(try_from = "PathBuf")]
pub struct CaFile {
    path: PathBuf,
    certificates: Vec<CertificateDer<'static>>,
}

impl CaFile {
    /// Reads every `CERTIFICATE` block of the PEM file at `path` (other
    /// blocks, such as a key kept in the same file, are skipped).
    pub fn load(path: impl Into<PathBuf>) -> Result<Self, CaFileError> {
        let path = path.into();
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(source) => return Err(CaFileError::Unreadable { path, source }),
        };
        let certificates = match CertificateDer::pem_slice_iter(&bytes).collect::<Result<Vec<_>, _>>() {
            Ok(certificates) => certificates,
            Err(source) => return Err(CaFileError::BadPem { path, source }),
        };
        if certificates.is_empty() {
            return Err(CaFileError::NoCertificate { path });
        }
        // The same parse lettre's rustls backend does when it adds a root,
        // done now so that a broken certificate is a configuration error.
        let mut store = rustls::RootCertStore::empty();
        for (i, der) in certificates.iter().enumerate() {
            if let Err(source) = store.add(der.clone()) {
                return Err(CaFileError::Unusable { path, number: i + 1, source });
            }
        }
        Ok(Self { path, certificates })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The certificates in DER form, in file order.
    pub fn certificates(&self) -> &[CertificateDer<'static>] {
        &self.certificates
    }
}

impl TryFrom<PathBuf> for CaFile {
    type Error = CaFileError;
    fn try_from(path: PathBuf) -> Result<Self, CaFileError> {
        Self::load(path)
    }
}

impl fmt::Debug for CaFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CaFile").field("path", &self.path).field("certificates", &self.certificates.len()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A self-signed CA certificate in PEM, made fresh (rcgen, ring).
    fn ca_pem(name: &str) -> String {
        let key = rcgen::KeyPair::generate().unwrap();
        let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
        params.distinguished_name.push(rcgen::DnType::CommonName, name);
        params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        params.self_signed(&key).unwrap().pem()
    }

    fn write(text: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ca.pem");
        std::fs::write(&path, text).unwrap();
        (dir, path)
    }

    #[test]
    fn a_file_with_two_cas_and_a_key_gives_both_certificates_in_order() {
        let (first, second) = (ca_pem("First CA"), ca_pem("Second CA"));
        let key = rcgen::KeyPair::generate().unwrap().serialize_pem();
        let (_dir, path) = write(&format!("{first}{key}{second}"));
        let ca = CaFile::load(&path).unwrap();
        assert_eq!(ca.path(), path);
        let ders: Vec<_> =
            [first, second].iter().map(|p| CertificateDer::from_pem_slice(p.as_bytes()).unwrap()).collect();
        assert_eq!(ca.certificates(), ders.as_slice());
        assert_eq!(format!("{ca:?}"), format!("CaFile {{ path: {path:?}, certificates: 2 }}"));
    }

    #[test]
    fn a_missing_file_is_refused_with_its_path() {
        let err = CaFile::load("/nonexistent/foyer-ca.pem").unwrap_err();
        assert!(matches!(err, CaFileError::Unreadable { .. }), "{err:?}");
        assert!(err.to_string().starts_with("cannot read /nonexistent/foyer-ca.pem: "), "{err}");
    }

    #[test]
    fn a_directory_is_refused_as_unreadable() {
        let dir = tempfile::tempdir().unwrap();
        let err = CaFile::load(dir.path()).unwrap_err();
        assert!(matches!(err, CaFileError::Unreadable { .. }), "{err:?}");
    }

    #[test]
    fn a_file_without_a_certificate_is_refused() {
        for text in ["", "not a certificate\n", &rcgen::KeyPair::generate().unwrap().serialize_pem()] {
            let (_dir, path) = write(text);
            let err = CaFile::load(&path).unwrap_err();
            assert!(matches!(err, CaFileError::NoCertificate { .. }), "{text:?}: {err:?}");
            let msg = err.to_string();
            assert!(msg.contains(&path.display().to_string()) && msg.contains("no certificate"), "{msg}");
        }
    }

    #[test]
    fn a_truncated_certificate_block_is_refused_as_bad_pem() {
        let pem = ca_pem("Cut CA");
        let (_dir, path) = write(&pem[..pem.len() / 2]);
        let err = CaFile::load(&path).unwrap_err();
        assert!(matches!(err, CaFileError::BadPem { .. }), "{err:?}");
        assert!(err.to_string().contains("is not a valid PEM file"), "{err}");
    }

    #[test]
    fn a_block_that_is_not_a_certificate_is_refused_by_number() {
        let good = ca_pem("Good CA");
        let (_dir, path) = write(&format!("{good}-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"));
        let err = CaFile::load(&path).unwrap_err();
        assert!(matches!(err, CaFileError::Unusable { number: 2, .. }), "{err:?}");
        assert!(err.to_string().starts_with("certificate 2 in "), "{err}");
    }
}
