//! Loading into a small settings type: the file, the environment, the
//! retry as text, reshaping, and the messages of bad input.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::*;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct Sample {
    data_dir: PathBuf,
    site: Site,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct Site {
    name: String,
    pulse_secs: u64,
}

fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

fn file(dir: &Path, text: &str) -> PathBuf {
    let p = dir.join("settings.toml");
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn no_file_and_no_default_file_give_the_defaults() {
    let (s, source) = load::<Sample>(None, &[], "/nonexistent/foyer.toml").unwrap();
    assert_eq!((s.data_dir, source.as_str()), (PathBuf::new(), "defaults"));
}

#[test]
fn a_named_file_that_is_missing_is_an_error_naming_it() {
    let msg = load::<Sample>(Some(Path::new("/nonexistent/x.toml")), &[], "foyer.toml").unwrap_err().to_string();
    assert!(msg.contains("/nonexistent/x.toml") && msg.contains("cannot read"), "{msg}");
}

#[test]
fn the_environment_overrides_the_file_and_skips_variables_that_are_not_settings() {
    let dir = tempfile::tempdir().unwrap();
    let p = file(dir.path(), "data_dir = \"/srv\"\n[site]\nname = \"HQ\"\npulse_secs = 3\n");
    let vars = env(&[("FOYER_SITE__PULSE_SECS", "7"), ("FOYER_LOG", "debug"), ("FOYER_CI_X", "1"), ("HOME", "/")]);
    let (s, source) = load::<Sample>(Some(&p), &vars, "foyer.toml").unwrap();
    assert_eq!((s.site.name.as_str(), s.site.pulse_secs), ("HQ", 7));
    assert_eq!((s.data_dir, source), (PathBuf::from("/srv"), p.display().to_string()));
}

#[test]
fn a_number_from_the_environment_on_a_text_setting_is_retried_as_text() {
    let (s, _) = load::<Sample>(None, &env(&[("FOYER_SITE__NAME", "2024")]), "/nonexistent").unwrap();
    assert_eq!(s.site.name, "2024");
    let msg =
        load::<Sample>(None, &env(&[("FOYER_SITE__PULSE_SECS", "seven")]), "/nonexistent").unwrap_err().to_string();
    assert!(msg.contains("FOYER_SITE__PULSE_SECS") && msg.contains("`site.pulse_secs`"), "{msg}");
}

#[test]
fn an_unknown_key_is_named_with_its_path_and_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = file(dir.path(), "[site]\nnmae = \"HQ\"\n");
    let msg = load::<Sample>(Some(&p), &[], "foyer.toml").unwrap_err().to_string();
    assert!(msg.contains("settings.toml") && msg.contains("`site.nmae`"), "{msg}");
}

#[test]
fn a_variable_that_names_no_setting_is_refused() {
    let msg = load::<Sample>(None, &env(&[("FOYER_SITE____NAME", "x")]), "/nonexistent").unwrap_err().to_string();
    assert!(msg.contains("the environment") && msg.contains("does not name a setting"), "{msg}");
    let vars = env(&[("FOYER_DATA_DIR", "d"), ("FOYER_DATA_DIR__X", "x")]);
    let msg = load::<Sample>(None, &vars, "/nonexistent").unwrap_err().to_string();
    assert!(msg.contains("FOYER_DATA_DIR__X: `data_dir` is not a section"), "{msg}");
}

#[test]
fn taken_keys_keep_their_section_so_errors_name_it() {
    let mut table: toml::Table = "[site]\nname = \"HQ\"\nurl = 5\n".parse().unwrap();
    let taken = take_keys(&mut table, "site", &["url", "token"]);
    assert_eq!(taken.to_string().trim(), "[site]\nurl = 5");
    let (s, _) = load_with(None, &[], "/nonexistent", |_| read::<Sample>(table.clone())).unwrap();
    assert_eq!(s.site.name, "HQ");
}

#[test]
fn dropped_sections_and_keys_are_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let p = file(dir.path(), "[site]\nname = \"HQ\"\nurl = \"x\"\n[printer]\nprofile = \"y\"\n");
    let reader = |mut t: toml::Table| {
        drop_sections(&mut t, &["printer"]);
        drop_keys(&mut t, "site", &["url"]);
        read::<Sample>(t)
    };
    let (s, _) = load_with(Some(&p), &[], "foyer.toml", reader).unwrap();
    assert_eq!(s.site.name, "HQ");
}
