//! Native text sizes read back from the job: the `GS !` byte in force
//! when the visitor's name is printed is never smaller than the one in
//! force for the visitor-type label, on 58 mm and 80 mm paper, for short
//! and long names, and the name's lines fit the paper's columns.

use foyer_devices::printer::inspect::{parse, Op};
use foyer_devices::printer::{encode_badge, CodePage, Profile};
use foyer_devices::PrintEncoding;
use foyer_domain::{BadgeContent, SiteKey, VisitorType};

/// A `GS !` byte as (width, height) multipliers.
fn multipliers(n: u8) -> (u8, u8) {
    ((n >> 4) + 1, (n & 0x0F) + 1)
}

/// Code-page bytes back to the characters they print.
fn decode(page: CodePage, bytes: &[u8]) -> String {
    bytes.iter().map(|b| page.characters().find(|(_, p)| p == b).map_or('?', |(c, _)| c)).collect()
}

/// The size in force for each text line of the job, in print order.
fn sized_lines(ops: &[Op], page: CodePage) -> Vec<((u8, u8), String)> {
    let mut size = 0u8;
    let mut lines = Vec::new();
    for op in ops {
        match op {
            Op::Size(n) => size = *n,
            Op::Text(t) => lines.push((multipliers(size), decode(page, t))),
            _ => {}
        }
    }
    lines
}

struct Printed {
    name: (u8, u8),
    name_lines: Vec<String>,
    label: (u8, u8),
    columns: usize,
}

fn print(profile: &str, name: &str, visitor_type: VisitorType) -> Printed {
    let mut badge = BadgeContent::sample(&SiteKey::from_bytes([5; 32]));
    badge.visitor_name = name.into();
    badge.visitor_type = visitor_type;
    let profile = Profile::load(profile).unwrap();
    let job = encode_badge(&badge, &profile, None, false).unwrap();
    assert_eq!(job.encoding, PrintEncoding::Native);
    let lines = sized_lines(&parse(&job.bytes).unwrap(), profile.code_page);
    let label = lines.iter().find(|(_, l)| l == visitor_type.label()).expect("the label is printed").0;
    // The name's lines follow the label and come before the company.
    let first_word = name.split_whitespace().next().unwrap();
    let start = lines.iter().position(|(_, l)| l.starts_with(first_word)).expect("the name is printed");
    let end = lines.iter().position(|(_, l)| l == "Analytical Engines Ltd").unwrap();
    let name_size = lines[start].0;
    assert!(lines[start..end].iter().all(|(s, _)| *s == name_size), "{:?}", &lines[start..end]);
    let name_lines: Vec<String> = lines[start..end].iter().map(|(_, l)| l.clone()).collect();
    assert_eq!(name_lines.join(" "), name, "the whole name, wrapped at spaces");
    Printed { name: name_size, name_lines, label, columns: profile.columns() }
}

fn assert_name_not_smaller_and_fits(p: &Printed) {
    assert!(p.name.0 >= p.label.0 && p.name.1 >= p.label.1, "name {:?} label {:?}", p.name, p.label);
    for l in &p.name_lines {
        assert!(l.chars().count() * p.name.0 as usize <= p.columns, "{l:?} at {:?} in {}", p.name, p.columns);
    }
}

#[test]
fn a_long_name_on_58mm_is_double_height_and_guest_is_not_bigger() {
    let p = print("generic-58mm", "Anna Hohenzollern-Sigmaringen", VisitorType::Guest);
    assert_eq!(p.columns, 32);
    assert_eq!(p.name, (1, 2), "double height, normal width: 29 characters in 32 columns");
    assert_eq!(p.label, (1, 1));
    assert_name_not_smaller_and_fits(&p);
}

#[test]
fn a_long_name_on_80mm_is_double_size_on_two_lines() {
    let p = print("generic-80mm", "Anna Hohenzollern-Sigmaringen", VisitorType::Guest);
    assert_eq!(p.name, (2, 2));
    assert_eq!(p.name_lines, ["Anna", "Hohenzollern-Sigmaringen"]);
    assert_name_not_smaller_and_fits(&p);
}

#[test]
fn a_short_name_stays_triple_size_above_a_double_size_label() {
    for profile in ["generic-58mm", "generic-80mm"] {
        let p = print(profile, "Ada Lovelace", VisitorType::Guest);
        assert_eq!((p.name, p.label), ((3, 3), (2, 2)), "{profile}");
        assert_name_not_smaller_and_fits(&p);
    }
}

#[test]
fn every_name_length_and_visitor_type_keeps_the_name_largest() {
    let names = [
        "Li",
        "Grace Hopper",
        "Grace Brewster Murray Hopper",
        "Anna Hohenzollern-Sigmaringen",
        "Maria José Carreño Quiñones de la Peña",
    ];
    for profile in ["generic-58mm", "generic-80mm", "epson-tm-t20iii"] {
        for name in names {
            for t in VisitorType::ALL {
                assert_name_not_smaller_and_fits(&print(profile, name, t));
            }
        }
    }
}
