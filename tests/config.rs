//! Settings: defaults, file, environment, and the messages of bad input.

use std::path::Path;

use foyer::config::{Config, DeviceMode};

fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

fn write(dir: &Path, text: &str) -> std::path::PathBuf {
    let p = dir.join("foyer.toml");
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn with_no_file_the_defaults_run_simulated() {
    let c = Config::load_with_env(Some(Path::new("/nonexistent/none.toml")), &[]);
    assert!(c.unwrap_err().to_string().contains("/nonexistent/none.toml"));
    let dir = tempfile::tempdir().unwrap();
    std::env::set_current_dir(dir.path()).unwrap();
    let c = Config::load_with_env(None, &[]).unwrap();
    assert_eq!(c.devices, DeviceMode::Simulated);
    assert_eq!(c.data_dir, Path::new("foyer-data"));
    assert_eq!(c.relay.pulse_secs.secs(), 5);
    assert_eq!(c.source, "defaults");
}

#[test]
fn a_file_sets_values_and_the_environment_overrides_them() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "data_dir = \"/var/lib/foyer\"\n[site]\nname = \"HQ\"\n[relay]\npulse_secs = 8\n");
    let c = Config::load_with_env(Some(&p), &env(&[("FOYER_SITE__NAME", "Annex"), ("FOYER_LOG", "debug")])).unwrap();
    assert_eq!(c.site.name, "Annex");
    assert_eq!(c.relay.pulse_secs.secs(), 8);
    assert_eq!(c.data_dir, Path::new("/var/lib/foyer"));
}

#[test]
fn a_wrong_type_names_the_key_and_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "[relay]\npulse_secs = \"five\"\n");
    let msg = Config::load_with_env(Some(&p), &[]).unwrap_err().to_string();
    assert!(msg.contains("relay.pulse_secs") && msg.contains("foyer.toml"), "{msg}");
}

#[test]
fn an_unknown_key_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "[site]\nnmae = \"HQ\"\n");
    let msg = Config::load_with_env(Some(&p), &[]).unwrap_err().to_string();
    assert!(msg.contains("nmae"), "{msg}");
}

#[test]
fn an_out_of_range_pulse_from_the_environment_names_the_variable() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "");
    let msg = Config::load_with_env(Some(&p), &env(&[("FOYER_RELAY__PULSE_SECS", "45")])).unwrap_err().to_string();
    assert!(
        msg.contains("FOYER_RELAY__PULSE_SECS") && msg.contains("relay.pulse_secs") && msg.contains("1–30"),
        "{msg}"
    );
}

#[test]
fn broken_toml_names_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "[site\nname = 1\n");
    let msg = Config::load_with_env(Some(&p), &[]).unwrap_err().to_string();
    assert!(msg.contains("foyer.toml") && msg.contains("line 1"), "{msg}");
}

#[test]
fn an_unknown_device_mode_lists_the_choices() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "devices = \"real\"\n");
    let msg = Config::load_with_env(Some(&p), &[]).unwrap_err().to_string();
    assert!(msg.contains("devices") && msg.contains("simulated"), "{msg}");
}

#[test]
fn a_numeric_secret_from_the_environment_stays_text() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "");
    let c = Config::load_with_env(
        Some(&p),
        &env(&[("FOYER_BACKOFFICE__SMTP__PASSWORD", "123456"), ("FOYER_SITE__NAME", "2024")]),
    )
    .unwrap();
    assert_eq!(c.backoffice.smtp.password.expose(), "123456");
    assert_eq!(c.site.name, "2024");
    // A number where a number belongs still is one, and a bad one still fails.
    let c = Config::load_with_env(Some(&p), &env(&[("FOYER_RELAY__PULSE_SECS", "7")])).unwrap();
    assert_eq!(c.relay.pulse_secs.secs(), 7);
    assert!(Config::load_with_env(Some(&p), &env(&[("FOYER_RELAY__PULSE_SECS", "seven")])).is_err());
}

#[test]
fn a_ca_file_that_cannot_be_used_names_the_key_the_setting_source_and_the_ca_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "[backoffice.smtp]\nca_file = \"/nonexistent/relay-ca.pem\"\n");
    let msg = Config::load_with_env(Some(&p), &[]).unwrap_err().to_string();
    assert!(msg.contains("foyer.toml") && msg.contains("backoffice.smtp.ca_file"), "{msg}");
    assert!(msg.contains("cannot read /nonexistent/relay-ca.pem"), "{msg}");

    // The generic FOYER_* override reaches it, and the error names the variable.
    let p = write(dir.path(), "");
    let empty = dir.path().join("empty.pem");
    std::fs::write(&empty, "").unwrap();
    let var = ("FOYER_BACKOFFICE__SMTP__CA_FILE", empty.to_str().unwrap());
    let msg = Config::load_with_env(Some(&p), &env(&[var])).unwrap_err().to_string();
    assert!(msg.contains("FOYER_BACKOFFICE__SMTP__CA_FILE") && msg.contains("backoffice.smtp.ca_file"), "{msg}");
    assert!(msg.contains(&format!("{} holds no certificate", empty.display())), "{msg}");
}

#[test]
fn a_ca_file_from_the_environment_is_loaded() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "");
    let key = rcgen::KeyPair::generate().unwrap();
    let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    let ca = dir.path().join("relay-ca.pem");
    std::fs::write(&ca, params.self_signed(&key).unwrap().pem()).unwrap();
    let c =
        Config::load_with_env(Some(&p), &env(&[("FOYER_BACKOFFICE__SMTP__CA_FILE", ca.to_str().unwrap())])).unwrap();
    let loaded = c.backoffice.smtp.ca_file.expect("the CA file is loaded");
    assert_eq!((loaded.path(), loaded.certificates().len()), (ca.as_path(), 1));
}
