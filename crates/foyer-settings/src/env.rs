//! `FOYER_*` variables written into the settings table before it is read.

use crate::ConfigError;

/// Variables with the FOYER_ prefix that are not settings.
const NOT_SETTINGS: &[&str] = &["FOYER_CONFIG", "FOYER_LOG"];
const NOT_SETTINGS_PREFIXES: &[&str] = &["FOYER_TEST_", "FOYER_BENCH_", "FOYER_CI_"];

/// A setting the environment overrode: its dotted key path and the variable.
pub(crate) struct Override {
    pub key: String,
    pub var: String,
}

/// Writes `FOYER_*` variables into the table; returns each override so
/// errors can say where a bad value came from.
pub(crate) fn apply_env(table: &mut toml::Table, env: &[(String, String)]) -> Result<Vec<Override>, ConfigError> {
    let mut applied = Vec::new();
    for (var, raw) in env {
        let Some(rest) = var.strip_prefix("FOYER_") else { continue };
        if NOT_SETTINGS.contains(&var.as_str()) || NOT_SETTINGS_PREFIXES.iter().any(|p| var.starts_with(p)) {
            continue;
        }
        let path: Vec<String> = rest.split("__").map(|s| s.to_ascii_lowercase()).collect();
        if path.iter().any(String::is_empty) {
            return Err(ConfigError {
                source_name: "the environment".into(),
                message: format!("{var} does not name a setting"),
            });
        }
        let mut node = &mut *table;
        for section in &path[..path.len() - 1] {
            let entry = node.entry(section.clone()).or_insert_with(|| toml::Value::Table(toml::Table::new()));
            node = entry.as_table_mut().ok_or_else(|| ConfigError {
                source_name: "the environment".into(),
                message: format!("{var}: `{section}` is not a section"),
            })?;
        }
        node.insert(path[path.len() - 1].clone(), toml_value(raw));
        applied.push(Override { key: path.join("."), var: var.clone() });
    }
    Ok(applied)
}

/// The variable's text as a TOML value when it reads as one, else a string.
fn toml_value(raw: &str) -> toml::Value {
    format!("v = {raw}")
        .parse::<toml::Table>()
        .ok()
        .and_then(|mut t| t.remove("v"))
        .unwrap_or_else(|| toml::Value::String(raw.to_owned()))
}

/// Replaces the value at a dotted key path; false when the path is not there.
pub(crate) fn set_path(table: &mut toml::Table, key: &str, value: toml::Value) -> bool {
    let mut parts: Vec<&str> = key.split('.').collect();
    let Some(last) = parts.pop() else { return false };
    let mut node = table;
    for part in parts {
        match node.get_mut(part).and_then(toml::Value::as_table_mut) {
            Some(t) => node = t,
            None => return false,
        }
    }
    node.insert(last.to_owned(), value).is_some()
}
