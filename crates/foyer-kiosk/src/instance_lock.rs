//! One kiosk process per data directory. Two kiosks on one directory would
//! share a database, an outbox and the devices, and each would switch the
//! other's door relay off; the second is refused instead, by a lock file
//! held (flock) for the life of the process, so a crash releases it.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

/// The lock file's name inside the data directory.
pub const LOCK_FILE: &str = "kiosk.lock";

/// Held while the kiosk runs; dropping it releases the directory.
#[derive(Debug)]
pub struct InstanceLock {
    _file: File,
    path: PathBuf,
}

/// Why the kiosk may not start on this directory.
#[derive(Debug, thiserror::Error)]
pub enum InstanceLockError {
    #[error("another kiosk is already running on the data directory {} ({holder}); stop it first (e.g. `systemctl stop foyer-kiosk`) or give this one its own data_dir", dir.display())]
    Held { dir: PathBuf, holder: String },
    #[error("cannot use the lock file {}: {source}", path.display())]
    File {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl InstanceLock {
    /// Takes the lock of `data_dir` (creating the directory), or says who holds it.
    pub fn acquire(data_dir: &Path) -> Result<Self, InstanceLockError> {
        let path = data_dir.join(LOCK_FILE);
        let io = |source| InstanceLockError::File { path: path.clone(), source };
        std::fs::create_dir_all(data_dir).map_err(io)?;
        let mut file =
            OpenOptions::new().read(true).write(true).create(true).truncate(false).open(&path).map_err(io)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                let mut text = String::new();
                let _ = file.read_to_string(&mut text);
                let holder = match text.trim().parse::<u32>() {
                    Ok(pid) => format!("process {pid}"),
                    Err(_) => "a process that has not written its id yet".to_owned(),
                };
                return Err(InstanceLockError::Held { dir: data_dir.to_owned(), holder });
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(io(e)),
        }
        // Ours now: say who holds it, for the next one to be refused.
        file.set_len(0).and_then(|()| file.rewind()).map_err(io)?;
        writeln!(file, "{}", std::process::id()).and_then(|()| file.flush()).map_err(io)?;
        Ok(Self { _file: file, path })
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_the_same_directory_is_refused_and_names_the_holder() {
        let dir = tempfile::tempdir().unwrap();
        let first = InstanceLock::acquire(dir.path()).unwrap();
        let err = InstanceLock::acquire(dir.path()).unwrap_err().to_string();
        assert!(err.contains(&dir.path().display().to_string()), "{err}");
        assert!(err.contains(&format!("process {}", std::process::id())), "{err}");
        drop(first);
        InstanceLock::acquire(dir.path()).expect("released when dropped");
    }

    #[test]
    fn another_directory_has_its_own_lock() {
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let _first = InstanceLock::acquire(a.path()).unwrap();
        InstanceLock::acquire(b.path()).unwrap();
    }
}
