//! The simulated printer's output stays bounded: a kiosk left in simulated
//! mode for months would otherwise fill its disk with one job and one PNG
//! per badge. Only the newest badges' files are kept; files that are not a
//! badge's (`<visit id>.<ext>`) are never touched.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// How many badges' files the simulated printer keeps by default.
pub const DEFAULT_KEPT: usize = 200;

/// Removes the files of all but the newest `keep` badges in `dir`, newest
/// by the time their files were written. Returns how many badges went.
pub fn prune(dir: &Path, keep: usize) -> io::Result<usize> {
    let mut badges: HashMap<uuid::Uuid, (SystemTime, Vec<PathBuf>)> = HashMap::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let Some(visit) = badge_of(&path) else { continue };
        // A file removed meanwhile (another pruning) is simply not counted.
        let Ok(written) = entry.metadata().and_then(|m| m.modified()) else { continue };
        let (newest, files) = badges.entry(visit).or_insert((written, Vec::new()));
        *newest = (*newest).max(written);
        files.push(path);
    }
    if badges.len() <= keep {
        return Ok(0);
    }
    let mut by_age: Vec<_> = badges.into_values().collect();
    by_age.sort_by_key(|b| std::cmp::Reverse(b.0));
    let mut removed = 0;
    for (_, files) in by_age.into_iter().skip(keep) {
        for f in files {
            match std::fs::remove_file(&f) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
        }
        removed += 1;
    }
    Ok(removed)
}

/// The visit whose badge a file is: `<uuid>.bin`, `.zpl`, `.png` …
fn badge_of(path: &Path) -> Option<uuid::Uuid> {
    path.extension()?;
    uuid::Uuid::parse_str(path.file_stem()?.to_str()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn badge(dir: &Path, n: u128, age_secs: u64) -> uuid::Uuid {
        let id = uuid::Uuid::from_u128(n);
        let when = SystemTime::now() - std::time::Duration::from_secs(age_secs);
        for ext in ["bin", "png"] {
            let path = dir.join(format!("{id}.{ext}"));
            std::fs::write(&path, b"x").unwrap();
            std::fs::File::options().write(true).open(&path).unwrap().set_modified(when).unwrap();
        }
        id
    }

    #[test]
    fn only_the_newest_badges_stay_and_other_files_are_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let ids: Vec<_> = (0..5).map(|n| badge(dir.path(), n, 100 - n as u64 * 10)).collect();
        std::fs::write(dir.path().join("notes.txt"), b"installer's").unwrap();
        assert_eq!(prune(dir.path(), 3).unwrap(), 2);
        for (i, id) in ids.iter().enumerate() {
            let kept = dir.path().join(format!("{id}.png")).exists();
            assert_eq!(kept, i >= 2, "badge {i}");
            assert_eq!(dir.path().join(format!("{id}.bin")).exists(), kept, "job and preview go together");
        }
        assert!(dir.path().join("notes.txt").exists());
        assert_eq!(prune(dir.path(), 3).unwrap(), 0, "nothing more to do");
    }
}
