//! The back office's settings from the example files, a combined file, the
//! environment, and the messages of bad input.

use std::path::{Path, PathBuf};

use super::ServerConfig;

/// Unit tests run in the crate's directory; the examples are at the root.
const EXAMPLES: &str = "../../deploy/config";

fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

fn file(dir: &Path, text: &str) -> PathBuf {
    let p = dir.join("foyer.toml");
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn the_example_backoffice_config_loads_with_its_secret_from_the_environment() {
    let path = Path::new(EXAMPLES).join("backoffice.toml");
    let c = ServerConfig::load_with_env(Some(&path), &env(&[("FOYER_BACKOFFICE__SMTP__PASSWORD", "s3cret")])).unwrap();
    assert_eq!(c.data_dir, Path::new("/var/lib/foyer"));
    assert_eq!(c.backoffice.listen.to_string(), "127.0.0.1:8080");
    assert_eq!(c.backoffice.db_path(&c.data_dir), Path::new("/var/lib/foyer/backoffice.db"));
    assert_eq!(c.backoffice.smtp.password.expose(), "s3cret");
    assert_eq!(c.source, path.display().to_string());
    assert!(!format!("{c:?}").contains("s3cret"), "secrets stay out of debug output");
}

#[test]
fn the_example_kiosk_config_loads_too_skipping_what_is_the_kiosks() {
    let c = ServerConfig::load_with_env(Some(&Path::new(EXAMPLES).join("kiosk.toml")), &[]).unwrap();
    assert_eq!(c.data_dir, Path::new("/var/lib/foyer"));
}

#[test]
fn a_combined_file_skips_the_kiosk_sections_and_the_kiosk_keys_of_backoffice() {
    let dir = tempfile::tempdir().unwrap();
    let p = file(
        dir.path(),
        "data_dir = \"d\"\ndevices = \"hardware\"\n[site]\nname = \"HQ\"\n[kiosk]\nname = \"lobby\"\n\
         [printer]\nprofile = \"x\"\n[relay]\nprofile = \"y\"\n[scanner]\n\
         [backoffice]\nlisten = \"127.0.0.1:9090\"\nurl = \"https://bo\"\ntoken = \"fyk_x\"\nsync_interval_secs = 5\n",
    );
    let c = ServerConfig::load_with_env(Some(&p), &env(&[("FOYER_BACKOFFICE__TOKEN", "7")])).unwrap();
    assert_eq!((c.data_dir.as_path(), c.backoffice.listen.port()), (Path::new("d"), 9090));
}

#[test]
fn an_unknown_key_of_backoffice_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let p = file(dir.path(), "[backoffice]\nlisen = \"127.0.0.1:1\"\n");
    let msg = ServerConfig::load_with_env(Some(&p), &[]).unwrap_err().to_string();
    assert!(msg.contains("foyer.toml") && msg.contains("`backoffice.lisen`"), "{msg}");
}

#[test]
fn an_unknown_top_level_key_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let p = file(dir.path(), "data_dri = \"x\"\n");
    let msg = ServerConfig::load_with_env(Some(&p), &[]).unwrap_err().to_string();
    assert!(msg.contains("data_dri"), "{msg}");
}

#[test]
fn a_bad_value_from_the_environment_names_the_variable_and_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let p = file(dir.path(), "");
    let msg = ServerConfig::load_with_env(Some(&p), &env(&[("FOYER_BACKOFFICE__LISTEN", "nowhere")])).unwrap_err();
    let msg = msg.to_string();
    assert!(msg.contains("FOYER_BACKOFFICE__LISTEN") && msg.contains("`backoffice.listen`"), "{msg}");
}

#[test]
fn with_no_file_the_defaults_match_the_foyer_binarys() {
    let c = ServerConfig::load_with_env(None, &env(&[("FOYER_DATA_DIR", "/srv/foyer")])).unwrap();
    assert_eq!(c.data_dir, Path::new("/srv/foyer"));
    assert_eq!(c.source, "defaults", "no foyer.toml in the crate's directory");
    assert_eq!(ServerConfig::default().data_dir, Path::new("foyer-data"));
}
