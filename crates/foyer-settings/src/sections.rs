//! Reshaping the table before it is read, for files that two binaries
//! share: one `[backoffice]` section holds both the service's keys and the
//! kiosk's keys for reaching it, and a combined file has sections only one
//! binary knows.

/// Moves `keys` out of `[section]` into a table of their own, still under
/// `section`, so a bad one is named `section.key` when it is read.
pub fn take_keys(table: &mut toml::Table, section: &str, keys: &[&str]) -> toml::Table {
    let mut taken = toml::Table::new();
    if let Some(found) = table.get_mut(section).and_then(toml::Value::as_table_mut) {
        for key in keys {
            if let Some(v) = found.remove(*key) {
                taken.insert((*key).to_owned(), v);
            }
        }
    }
    let mut keyed = toml::Table::new();
    keyed.insert(section.to_owned(), toml::Value::Table(taken));
    keyed
}

/// Removes `keys` from `[section]`: another binary's keys, read there.
pub fn drop_keys(table: &mut toml::Table, section: &str, keys: &[&str]) {
    take_keys(table, section, keys);
}

/// Removes whole top-level sections (or keys) another binary reads.
pub fn drop_sections(table: &mut toml::Table, sections: &[&str]) {
    for section in sections {
        table.remove(*section);
    }
}

/// What only the kiosk reads in a combined file: its top-level sections
/// (and the `devices` key). `[site]` is among them: the name printed on
/// badges and the key that signs them are the kiosk's; the back office
/// keeps neither.
pub const KIOSK_SECTIONS: [&str; 6] = ["devices", "site", "kiosk", "printer", "relay", "scanner"];

/// The kiosk's keys of `[backoffice]`: how it reaches the service. One
/// section for "the back office" as installers think of it; each binary
/// reads its own keys of it.
pub const KIOSK_LINK_KEYS: [&str; 3] = ["url", "token", "sync_interval_secs"];
