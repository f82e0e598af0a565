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
    foyer::devices::printer::preview_setup(&c.printer).unwrap();
    foyer::devices::relay::load_profile(&c.relay.profile).unwrap();
}
