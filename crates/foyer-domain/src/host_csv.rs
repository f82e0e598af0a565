//! The hosts directory as CSV (`name,email,phone,department`): every row is
//! validated before anything is stored, and a bad row names its line.

use std::collections::HashMap;

use super::host::NewHost;

/// The columns, in this order, with a header row.
pub const HEADER: [&str; 4] = ["name", "email", "phone", "department"];

/// A CSV that cannot be imported; names the line and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct CsvError {
    pub line: u64,
    pub message: String,
}

/// Parses and validates the whole file.
pub fn parse_hosts(text: &str) -> Result<Vec<NewHost>, CsvError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text); // Excel writes a BOM
    let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(true).from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| CsvError { line: 1, message: e.to_string() })?
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect::<Vec<_>>();
    if headers != HEADER {
        return Err(CsvError {
            line: 1,
            message: format!("the header must be {:?}, found {:?}", HEADER.join(","), headers.join(",")),
        });
    }
    let mut hosts = Vec::new();
    let mut emails: HashMap<String, u64> = HashMap::new();
    for record in reader.records() {
        let record = record.map_err(|e| CsvError {
            line: e.position().map_or(0, |p| p.line()),
            message: format!("not valid CSV: {e}"),
        })?;
        let line = record.position().map_or(0, |p| p.line());
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if record.len() != HEADER.len() {
            return Err(CsvError {
                line,
                message: format!("expected {} fields ({}), found {}", HEADER.len(), HEADER.join(","), record.len()),
            });
        }
        let field = |i: usize| Some(&record[i]).filter(|s| !s.trim().is_empty());
        let host = NewHost::parse(&record[0], field(1), field(2), field(3))
            .map_err(|e| CsvError { line, message: e.to_string() })?;
        if let Some(email) = &host.email {
            let key = email.as_str().to_ascii_lowercase();
            if let Some(first) = emails.insert(key, line) {
                return Err(CsvError { line, message: format!("email {} is also on line {first}", email.as_str()) });
            }
        }
        hosts.push(host);
    }
    Ok(hosts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_good_file_parses_every_row() {
        let csv = "name,email,phone,department\nGrace Hopper,grace@example.org,,Navy\n\"Babbage, Charles\",,+44 20 7946 0958,\n";
        let hosts = parse_hosts(csv).unwrap();
        assert_eq!(hosts.len(), 2);
        assert_eq!(hosts[1].name, "Babbage, Charles");
    }

    #[test]
    fn a_broken_row_names_its_line() {
        let csv = "name,email,phone,department\nGrace,grace@example.org,,\nAlan,not-an-email,,\n";
        let err = parse_hosts(csv).unwrap_err();
        assert_eq!(err.line, 3);
        assert!(err.message.contains("email"), "{err}");
    }

    #[test]
    fn a_row_with_missing_fields_is_refused() {
        let err = parse_hosts("name,email,phone,department\nGrace,grace@example.org\n").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.contains("expected 4 fields"));
    }

    #[test]
    fn a_wrong_header_and_duplicate_emails_are_refused() {
        assert_eq!(parse_hosts("who,mail\nx,y\n").unwrap_err().line, 1);
        let dup = "name,email,phone,department\nA,a@example.org,,\nB,A@example.org,,\n";
        assert!(parse_hosts(dup).unwrap_err().message.contains("also on line 2"));
    }

    #[test]
    fn a_control_character_in_a_name_is_refused() {
        let err = parse_hosts("name,email,phone,department\n\"Evil\u{1b}[2J\",,,\n").unwrap_err();
        assert_eq!(err.line, 2);
    }
}
