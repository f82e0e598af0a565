//! Every visible string of the kiosk (`@tr("…")` in ui/) has a translation
//! in every shipped language, so no page shows English in the middle of
//! German.

use std::collections::BTreeSet;
use std::path::Path;

fn slint_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            slint_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "slint") {
            out.push(path);
        }
    }
}

/// The first argument of each `@tr(` call: a string literal.
fn msgids() -> BTreeSet<String> {
    let mut files = Vec::new();
    slint_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui"), &mut files);
    let mut ids = BTreeSet::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for (i, _) in text.match_indices("@tr(\"") {
            let rest = &text[i + 5..];
            let end = rest.find('"').unwrap_or_else(|| panic!("unterminated @tr in {}", f.display()));
            ids.insert(rest[..end].to_owned());
        }
    }
    ids
}

/// msgid → msgstr of a .po file (single-line entries, as ours are).
fn catalogue(lang: &str) -> std::collections::BTreeMap<String, String> {
    let path = format!("{}/../../ui/translations/{lang}/LC_MESSAGES/foyer-ui.po", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let unquote = |s: &str| serde_json::from_str::<String>(s.trim()).unwrap_or_else(|e| panic!("{path}: {s}: {e}"));
    let mut map = std::collections::BTreeMap::new();
    let mut id = None;
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("msgid ") {
            id = Some(unquote(rest));
        } else if let Some(rest) = line.strip_prefix("msgstr ") {
            if let Some(id) = id.take().filter(|i: &String| !i.is_empty()) {
                map.insert(id, unquote(rest));
            }
        }
    }
    map
}

#[test]
fn every_visible_string_is_translated_into_every_language() {
    let ids = msgids();
    assert!(ids.len() > 50, "found only {} @tr strings; is the scan broken?", ids.len());
    for lang in ["de", "es", "fr"] {
        let cat = catalogue(lang);
        for id in &ids {
            let tr = cat.get(id).unwrap_or_else(|| panic!("{lang}: no translation for {id:?}"));
            assert!(!tr.is_empty(), "{lang}: empty translation for {id:?}");
            assert_eq!(id.matches("{}").count(), tr.matches("{}").count(), "{lang}: placeholders differ in {id:?}");
        }
    }
}
