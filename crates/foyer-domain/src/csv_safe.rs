//! Protection of exported CSV cells against formula injection.

/// Neutralises a cell that a spreadsheet would run as a formula: one that
/// starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading
/// apostrophe (OWASP's advice), so `=HYPERLINK(…)` typed as a visitor name
/// shows as text.
pub fn neutralise_cell(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_get_an_apostrophe() {
        for cell in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralise_cell(cell), format!("'{cell}"));
        }
    }

    #[test]
    fn ordinary_cells_are_untouched() {
        for cell in ["Ada", "", "1-2", "a=b"] {
            assert_eq!(neutralise_cell(cell), cell);
        }
    }
}
