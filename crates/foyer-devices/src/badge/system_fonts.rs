//! The system's fonts, for characters the bundled DejaVu Sans cannot draw
//! (Chinese, Japanese, Korean, Thai…). The directory listing is read once,
//! lazily, because it opens every font file: the kiosk warms it on a
//! background thread with [`preload_system_fonts`] so the first visitor
//! with such a name does not wait. A face is memory-mapped only when it
//! draws a character of a badge, so the fonts cost address space rather
//! than RAM.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use ab_glyph::Font;
use fontdb::{Database, FaceInfo, Source, Style, ID};

use super::face::Face;
use super::fonts::Weight;

/// Colon-separated font directories that replace the system's (a test
/// that needs "no system fonts" points it at an empty directory).
pub const FONT_DIRS_ENV: &str = "FOYER_BADGE_FONT_DIRS";

/// Fallback faces found in a set of font directories.
pub struct SystemFonts {
    db: Database,
    /// Candidates per weight (regular, bold), best first, one per family.
    order: [Vec<ID>; 2],
    found: Mutex<Found>,
}

/// What has been looked up so far, so each character is searched once.
#[derive(Default)]
struct Found {
    by_char: HashMap<(char, Weight), Option<&'static Face>>,
    faces: HashMap<ID, Option<&'static Face>>,
    files: HashMap<PathBuf, &'static [u8]>,
}

/// The system's fonts (or [`FONT_DIRS_ENV`]'s), loaded on first use.
pub fn system() -> &'static SystemFonts {
    static SYSTEM: OnceLock<SystemFonts> = OnceLock::new();
    SYSTEM.get_or_init(|| {
        let mut db = Database::new();
        match std::env::var_os(FONT_DIRS_ENV) {
            Some(dirs) => std::env::split_paths(&dirs).for_each(|d| db.load_fonts_dir(d)),
            None => db.load_system_fonts(),
        }
        tracing::debug!(faces = db.len(), "badge fallback fonts listed");
        SystemFonts::new(db)
    })
}

/// Reads the system font directories now rather than on the first badge
/// that needs them; call it from a background thread at start-up.
pub fn preload_system_fonts() {
    system();
}

impl SystemFonts {
    /// The fonts in `dirs` only.
    pub fn from_dirs(dirs: &[PathBuf]) -> Self {
        let mut db = Database::new();
        dirs.iter().for_each(|d| db.load_fonts_dir(d));
        Self::new(db)
    }

    fn new(db: Database) -> Self {
        let order = [candidates(&db, 400), candidates(&db, 700)];
        Self { db, order, found: Mutex::default() }
    }

    /// How many faces the directories hold.
    pub fn len(&self) -> usize {
        self.db.len()
    }

    /// Whether the directories hold no face at all.
    pub fn is_empty(&self) -> bool {
        self.db.is_empty()
    }

    /// The best face of `weight` that has a glyph for `c`, if any has.
    pub fn face_for(&self, c: char, weight: Weight) -> Option<&'static Face> {
        let mut found = self.found.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(hit) = found.by_char.get(&(c, weight)) {
            return *hit;
        }
        let list = &self.order[weight as usize];
        let face = list.iter().find_map(|id| self.covering(&mut found, *id, c));
        found.by_char.insert((c, weight), face);
        face
    }

    /// Face `id` if it draws `c`. An unloaded face is asked through a
    /// short-lived map, so looking through a hundred fonts for a character
    /// none has leaves nothing mapped.
    fn covering(&self, found: &mut Found, id: ID, c: char) -> Option<&'static Face> {
        if let Some(face) = found.faces.get(&id) {
            return face.filter(|f| f.has_glyph(c));
        }
        let has = self.db.with_face_data(id, |data, index| {
            ab_glyph::FontRef::try_from_slice_and_index(data, index).is_ok_and(|f| f.glyph_id(c).0 != 0)
        });
        if has != Some(true) {
            return None;
        }
        let face = self.load(found, id);
        found.faces.insert(id, face);
        face
    }

    fn load(&self, found: &mut Found, id: ID) -> Option<&'static Face> {
        let info = self.db.face(id)?;
        // Only directories are loaded, so every face comes from a file.
        let path = file_of(info)?;
        let data = match found.files.get(path) {
            Some(data) => *data,
            None => {
                let file = std::fs::File::open(path).ok()?;
                // SAFETY: font packages replace files rather than rewrite
                // them in place, so the mapped bytes do not change under us.
                let map = unsafe { memmap2::Mmap::map(&file) }.ok()?;
                // Kept for the life of the process: only faces that drew a
                // badge character get here, a handful at most.
                let data: &'static [u8] = Box::leak(Box::new(map));
                found.files.insert(path.to_owned(), data);
                data
            }
        };
        let face = Face::parse(family(info).to_owned(), data, info.index)?;
        Some(Box::leak(Box::new(face)))
    }
}

fn family(info: &FaceInfo) -> &str {
    info.families.first().map_or("", |(name, _)| name.as_str())
}

/// Upright faces, one per family (the weight nearest `weight`), sans
/// families first because the bundled font is a sans, Noto's first among
/// them because they cover the most scripts in one matching design.
fn candidates(db: &Database, weight: u16) -> Vec<ID> {
    let mut best: HashMap<&str, &FaceInfo> = HashMap::new();
    let key = |f: &FaceInfo| (f.weight.0.abs_diff(weight), file_of(f).map(|p| p.to_owned()), f.index);
    for face in db.faces().filter(|f| f.style == Style::Normal) {
        let slot = best.entry(family(face)).or_insert(face);
        if key(face) < key(slot) {
            *slot = face;
        }
    }
    let mut faces: Vec<&FaceInfo> = best.into_values().collect();
    faces.sort_by_key(|f| (rank(family(f)), family(f).to_owned()));
    faces.into_iter().map(|f| f.id).collect()
}

fn rank(family: &str) -> u8 {
    let sans = family.contains("Sans") && !family.contains("Mono");
    match (sans, family.starts_with("Noto Sans")) {
        (true, true) => 0,
        (true, false) => 1,
        (false, _) => 2,
    }
}

fn file_of(info: &FaceInfo) -> Option<&std::path::Path> {
    match &info.source {
        Source::File(p) | Source::SharedFile(p, _) => Some(p),
        Source::Binary(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_directory_gives_no_fallback() {
        let dir = tempfile::tempdir().unwrap();
        let fonts = SystemFonts::from_dirs(&[dir.path().to_owned()]);
        assert!(fonts.is_empty());
        assert!(fonts.face_for('王', Weight::Regular).is_none());
    }

    #[test]
    fn sans_families_come_before_serif_and_mono_ones() {
        assert!(rank("Noto Sans Thai") < rank("DejaVu Sans"));
        assert!(rank("DejaVu Sans") < rank("Noto Serif CJK JP"));
        assert_eq!(rank("Noto Sans Mono CJK JP"), rank("Noto Serif"));
    }

    #[test]
    fn bold_text_gets_the_bold_face_of_the_family_and_a_lookup_is_kept() {
        // Debian's fonts-noto-cjk: one collection per weight.
        let fonts = SystemFonts::from_dirs(&["/usr/share/fonts/opentype/noto".into()]);
        if fonts.is_empty() {
            let why = "no fonts in /usr/share/fonts/opentype/noto (fonts-noto-cjk)";
            assert!(std::env::var("FOYER_CI_REQUIRE_FONTS").as_deref() != Ok("1"), "{why}");
            return eprintln!("skipping: {why}");
        }
        let regular = fonts.face_for('王', Weight::Regular).expect("a CJK face draws 王");
        let bold = fonts.face_for('王', Weight::Bold).expect("a bold CJK face draws 王");
        assert!(regular.family.starts_with("Noto Sans CJK"), "{}", regular.family);
        assert_eq!(regular.family, bold.family);
        assert!(!std::ptr::eq(regular, bold), "the bold collection, not the regular one");
        assert!(std::ptr::eq(fonts.face_for('王', Weight::Regular).unwrap(), regular));
        assert!(fonts.face_for('\u{E000}', Weight::Regular).is_none());
    }
}
