//! Badge fields as printer text: which character size each field gets and
//! how it wraps at the printer's columns.
//!
//! The visitor's name is what a receptionist looks for across the lobby,
//! so it is sized first, as large as the paper's columns allow, and every
//! other field (the visitor-type label included) is kept smaller than it.
//! Before this, a long name on 58 mm paper fell to single size while
//! "GUEST" stayed double.

use super::codepage::CodePage;
use super::escpos_buffer::EscposBuffer;
use crate::badge::wrap::fit;
use crate::badge::{BadgeText, Role};
use crate::DeviceError;

/// A `GS !` character size: width and height multipliers, 1–8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CharSize {
    pub width: u8,
    pub height: u8,
}

const fn size(width: u8, height: u8) -> CharSize {
    CharSize { width, height }
}

/// Normal size.
pub const NORMAL: CharSize = size(1, 1);

/// The name's sizes, largest first. The last is double height at normal
/// width: a name too long for double width still stands out, and it
/// needs no more columns than normal text, so any name can take it.
const NAME_SIZES: [CharSize; 3] = [size(3, 3), size(2, 2), size(1, 2)];
/// The name may wrap onto this many lines before it is made smaller.
const NAME_LINES: usize = 2;
/// The visitor type's sizes before the cap below the name.
const TYPE_SIZES: [CharSize; 2] = [size(2, 2), NORMAL];

/// How each field of one badge is printed: the sizes the name fits at
/// decide the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NativeSizes {
    columns: usize,
    name: CharSize,
}

impl NativeSizes {
    /// Sizes for `text` on paper of `columns` normal-size characters.
    pub fn for_badge(text: &BadgeText, columns: usize) -> Self {
        let name = text.get(Role::Name).unwrap_or_default();
        let (name, _) = fit_columns(name, &NAME_SIZES, NAME_LINES, columns);
        Self { columns, name }
    }

    /// The size the name prints at.
    pub fn name(&self) -> CharSize {
        self.name
    }

    /// Sizes `role` may take, largest first, and whether it is bold.
    fn style(&self, role: Role) -> (Vec<CharSize>, bool, usize) {
        match role {
            Role::Name => (vec![self.name], true, NAME_LINES),
            // Shorter than the name, so never the larger word on the badge.
            Role::VisitorType => {
                let below: Vec<CharSize> = TYPE_SIZES
                    .into_iter()
                    .filter(|s| s.height < self.name.height && s.width <= self.name.width)
                    .collect();
                (if below.is_empty() { vec![NORMAL] } else { below }, true, 1)
            }
            Role::Site => (vec![NORMAL], true, 2),
            _ => (vec![NORMAL], false, 2),
        }
    }

    /// One field as centred code-page text, wrapped at the columns so the
    /// printer never breaks a word itself.
    pub fn print(&self, job: &mut EscposBuffer, role: Role, line: &str, page: CodePage) -> Result<(), DeviceError> {
        let (sizes, bold, max_lines) = self.style(role);
        let (size, lines) = fit_columns(line, &sizes, max_lines, self.columns);
        job.align_centre(true)?.bold(bold)?.size(size.width, size.height)?;
        for l in &lines {
            let encoded = page
                .encode(l)
                .map_err(|c| DeviceError::Config(format!("character {c:?} is not in code page {page:?}")))?;
            job.text_line(&encoded)?;
        }
        job.size(1, 1)?.bold(false)?;
        Ok(())
    }
}

/// The largest of `sizes` at which `text` takes at most `max_lines` of
/// `columns` without splitting a word (font A: every character one column
/// per width step).
fn fit_columns(text: &str, sizes: &[CharSize], max_lines: usize, columns: usize) -> (CharSize, Vec<String>) {
    fit(text, sizes, max_lines, columns as f32, |s, t| (s.width as usize * t.chars().count()) as f32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name_size(name: &str, columns: usize) -> CharSize {
        fit_columns(name, &NAME_SIZES, NAME_LINES, columns).0
    }

    #[test]
    fn a_short_name_is_triple_and_a_long_one_shrinks_but_stays_double_height() {
        assert_eq!(name_size("Ada Lovelace", 48), size(3, 3));
        assert_eq!(name_size("Ada Lovelace", 32), size(3, 3), "on two lines");
        assert_eq!(name_size("Grace Brewster Murray Hopper", 32), size(2, 2));
        assert_eq!(name_size("Anna Hohenzollern-Sigmaringen", 48), size(2, 2));
        assert_eq!(name_size("Anna Hohenzollern-Sigmaringen", 32), size(1, 2));
    }

    #[test]
    fn the_visitor_type_is_always_shorter_than_the_name() {
        for name in NAME_SIZES {
            let sizes = NativeSizes { columns: 32, name };
            let (types, _, _) = sizes.style(Role::VisitorType);
            assert!(types.iter().all(|t| t.height < name.height && t.width <= name.width), "{name:?}: {types:?}");
        }
    }
}
