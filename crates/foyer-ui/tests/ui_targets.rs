//! Every touch target is at least 48 px each way on every page, at the two
//! screen sizes kiosks have (1280×800 and the 7-inch 1024×600), and text
//! fields show the end of what the on-screen keyboard typed, however long.

mod ui_support;

use foyer_ui::{page, KioskAdapter, Page};
use i_slint_backend_testing::{AccessibleRole, ElementHandle, ElementQuery};
use slint::{ComponentHandle, LogicalSize};

use ui_support::{start, Harness};

const SIZES: [(f32, f32); 2] = [(1280.0, 800.0), (1024.0, 600.0)];
const MIN: f32 = 48.0;

/// The buttons and text fields shown now that are smaller than 48 px.
fn small_targets(h: &Harness) -> Vec<String> {
    small_targets_of(h).1
}

/// How many targets are shown, and those smaller than 48 px.
fn small_targets_of(h: &Harness) -> (usize, Vec<String>) {
    let mut shown = 0;
    let roles = [AccessibleRole::Button, AccessibleRole::TextInput];
    let mut small = Vec::new();
    for role in roles {
        let found = ElementQuery::from_root(&h.ui.window).match_descendants().match_accessible_role(role);
        for el in found.find_all() {
            let size = el.size();
            // Zero-sized: laid out away (a page's hidden part), not a target.
            if size.width == 0.0 || size.height == 0.0 || el.computed_opacity() == 0.0 {
                continue;
            }
            shown += 1;
            if size.width < MIN || size.height < MIN {
                let label = el.accessible_label().unwrap_or_default();
                small.push(format!("{label:?} {role:?} {}×{}", size.width, size.height));
            }
        }
    }
    (shown, small)
}

fn at_size(h: &Harness, (w, h_): (f32, f32)) {
    h.ui.window.window().set_size(LogicalSize::new(w, h_));
}

#[test]
fn every_target_on_every_page_is_at_least_48_px_at_both_sizes() {
    let h = start();
    let (mut failures, mut checked) = (Vec::new(), 0);
    for size in SIZES {
        at_size(&h, size);
        for shown in page::ALL {
            h.ui.window.global::<KioskAdapter>().set_page(shown);
            let (count, small) = small_targets_of(&h);
            checked += count;
            for t in small {
                failures.push(format!("{}×{} {}: {t}", size.0, size.1, page::name(shown)));
            }
        }
    }
    assert!(failures.is_empty(), "targets under 48 px:\n{}", failures.join("\n"));
    // The keyboard alone has some 40 keys a size: the search found them.
    assert!(checked > 100, "only {checked} targets found; is the search broken?");
}

#[test]
fn the_host_list_and_the_keyboards_keep_48_px_when_filled() {
    let h = start();
    let mut failures = Vec::new();
    for size in SIZES {
        at_size(&h, size);
        h.ui.window.global::<KioskAdapter>().set_page(Page::Welcome);
        h.press("Check in");
        h.press("Visiting someone");
        h.type_on_keyboard("Ada");
        failures.extend(small_targets(&h).into_iter().map(|t| format!("{size:?} details: {t}")));
        h.press("Next");
        h.type_on_keyboard("gra");
        assert!(h.shows("Grace Hopper — Compilers"), "the host list is filled");
        failures.extend(small_targets(&h).into_iter().map(|t| format!("{size:?} host: {t}")));
        h.press("Cancel");
    }
    assert!(failures.is_empty(), "targets under 48 px:\n{}", failures.join("\n"));
}

#[test]
fn a_long_name_typed_on_the_keyboard_shows_its_end() {
    let h = start();
    at_size(&h, (1024.0, 600.0));
    h.press("Check in");
    h.press("Visiting someone");
    let name = "Anna Maria Hohenzollern Sigmaringen Wittelsbach von Habsburg Lothringen";
    h.type_on_keyboard(name);
    // One frame: the event loop runs the field's change handler.
    i_slint_backend_testing::mock_elapsed_time(std::time::Duration::from_millis(16));
    let field = ElementHandle::find_by_accessible_label(&h.ui.window, "Full name")
        .find(|e| e.accessible_role() == Some(AccessibleRole::TextInput))
        .expect("the name field");
    assert_eq!(field.accessible_value().as_deref(), Some(name));
    // The text is wider than its box, so it is scrolled: its start is
    // left of the field's label (where the box starts) and its end, where
    // the caret is, on the screen.
    let label = ElementHandle::find_by_accessible_label(&h.ui.window, "Full name")
        .find(|e| e.accessible_role() == Some(AccessibleRole::Text))
        .expect("the name field's label");
    let (x, w) = (field.absolute_position().x, field.size().width);
    assert!(w > 600.0, "the text is longer than the box: {w} px");
    assert!(x < label.absolute_position().x, "the start is scrolled out: text at {x}");
    assert!(x + w <= 1024.0, "the end is on the screen: it ends at {}", x + w);
}
