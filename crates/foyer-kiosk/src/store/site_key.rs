//! The site signing key on disk: 32 random bytes, owner-only permissions.

use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::Path;

use super::{StoreError, StoreResult};
use foyer_domain::SiteKey;

fn file_err(path: &Path, source: std::io::Error) -> StoreError {
    StoreError::File { path: path.display().to_string(), source }
}

/// Loads the key at `path`, generating it (mode 0600) when the file does
/// not exist. A file of the wrong size, or readable by others, is refused:
/// anyone with the key can forge badges.
pub fn load_or_create(path: &Path) -> StoreResult<SiteKey> {
    match std::fs::read(path) {
        Ok(bytes) => {
            let meta = std::fs::metadata(path).map_err(|e| file_err(path, e))?;
            if meta.permissions().mode() & 0o077 != 0 {
                return Err(file_err(
                    path,
                    std::io::Error::other("the site key is readable by group or others; chmod 600 it"),
                ));
            }
            let bytes: [u8; 32] = bytes.try_into().map_err(|b: Vec<u8>| {
                file_err(path, std::io::Error::other(format!("the site key must be 32 bytes, found {}", b.len())))
            })?;
            Ok(SiteKey::from_bytes(bytes))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => create(path),
        Err(e) => Err(file_err(path, e)),
    }
}

fn create(path: &Path) -> StoreResult<SiteKey> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| file_err(dir, e))?;
    }
    let key = SiteKey::generate();
    // create_new: two processes starting at once must not both write a key.
    let mut f = match std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return load_or_create(path),
        Err(e) => return Err(file_err(path, e)),
    };
    f.write_all(key.as_bytes()).and_then(|_| f.sync_all()).map_err(|e| file_err(path, e))?;
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_key_is_private_and_stable() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/site.key");
        let k1 = load_or_create(&path).unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        assert_eq!(load_or_create(&path).unwrap(), k1);
    }

    #[test]
    fn a_short_or_open_key_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("site.key");
        std::fs::write(&path, b"short").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert!(load_or_create(&path).unwrap_err().to_string().contains("32 bytes"));
        std::fs::write(&path, [0u8; 32]).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert!(load_or_create(&path).unwrap_err().to_string().contains("chmod 600"));
    }
}
