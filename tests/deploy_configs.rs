//! The example configurations in deploy/config load as they are, and set
//! what their comments say.

use std::path::Path;

use foyer::config::{Config, DeviceMode};

#[test]
fn the_example_kiosk_config_loads_and_names_real_devices() {
    let c = Config::load_with_env(Some(Path::new("deploy/config/kiosk.toml")), &[]).unwrap();
    assert_eq!(c.devices, DeviceMode::Hardware);
    assert_eq!(c.data_dir, Path::new("/var/lib/foyer"));
    assert_eq!(c.relay.profile, "lcus-1");
    assert_eq!(c.relay.port.as_deref(), Some(Path::new("/dev/foyer-relay")));
    assert_eq!(c.scanner.port.as_deref(), Some(Path::new("/dev/foyer-scanner")));
    assert_eq!(c.printer.profile, "epson-tm-t20iii");
    assert!(c.printer.check().is_ok());
    // The built-in profiles it names exist.
    foyer_devices::printer::preview_setup(&c.printer).unwrap();
    foyer_devices::relay::load_profile(&c.relay.profile).unwrap();
}

#[test]
fn the_example_kiosk_config_reports_to_a_back_office() {
    let c = Config::load_with_env(Some(Path::new("deploy/config/kiosk.toml")), &[]).unwrap();
    assert_eq!(c.link.url, "https://foyer.example.org");
    assert_eq!(c.link.sync_interval_secs, 30);
}

#[test]
fn the_example_backoffice_config_loads_with_secrets_from_the_environment() {
    let env = [("FOYER_BACKOFFICE__SMTP__PASSWORD".to_string(), "s3cret".to_string())];
    let c = Config::load_with_env(Some(Path::new("deploy/config/backoffice.toml")), &env).unwrap();
    let bo = &c.backoffice;
    assert_eq!(bo.listen.to_string(), "127.0.0.1:8080");
    assert_eq!(bo.smtp.host, "smtp.example.org");
    assert_eq!(bo.smtp.tls, foyer_backoffice::settings::TlsMode::Starttls);
    assert_eq!(bo.smtp.password.expose(), "s3cret");
    assert_eq!(bo.reception_email.as_deref(), Some("reception@example.org"));
    assert!(!format!("{c:?}").contains("s3cret"), "secrets stay out of debug output");
}
