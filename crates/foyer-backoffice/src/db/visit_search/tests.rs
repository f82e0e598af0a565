//! The list against a real database: paging, orders, filters and every text
//! plan, each checked against the same rules computed here in Rust.

use rusqlite::params;
use time::macros::date;

use super::text::{Kind, TextPlan};
use super::*;
use crate::db::{days, seed, Db};

fn db() -> (tempfile::TempDir, Db) {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&dir.path().join("bo.db")).unwrap();
    (dir, db)
}

/// A visit with the columns the list filters and sorts on.
struct Fake {
    id: String,
    name: &'static str,
    company: Option<&'static str>,
    host: &'static str,
    kind: &'static str,
    state: &'static str,
    at: Option<i64>,
}

fn insert(conn: &Connection, f: &Fake) {
    conn.execute(
        "INSERT INTO visits (id, kiosk, visitor_name, company, host_name, visitor_type, state, arrived_at, updated_at)
         VALUES (?1, 'lobby', ?2, ?3, ?4, ?5, ?6, ?7, 0)",
        params![f.id, f.name, f.company, f.host, f.kind, f.state, f.at],
    )
    .unwrap();
}

/// 90 visits with many ties: 6 arrival times, names equal but for case,
/// and every 9th visit never arrived.
fn tangle(conn: &Connection) -> Vec<Fake> {
    let names = ["ada Lovelace", "Ada Lovelace", "ADA LOVELACE", "Émile Zola", "bob", "Zoë Quinn", "O'Brien, \"Jo\""];
    let companies = [Some("Acme"), Some("ACME Ltd"), Some("Globex"), None, Some("Acmé Søn")];
    let hosts = ["Grace Hopper", "Alan Acmeson", "Grace Hopper"];
    let kinds = ["guest", "contractor", "delivery"];
    let fakes: Vec<Fake> = (0..90u32)
        .map(|i| Fake {
            id: uuid::Uuid::from_u128(u128::from(i.wrapping_mul(2_654_435_761))).to_string(),
            name: names[i as usize % names.len()],
            company: companies[i as usize % companies.len()],
            host: hosts[i as usize % hosts.len()],
            kind: kinds[i as usize % kinds.len()],
            state: if i % 9 == 0 {
                "expected"
            } else if i % 4 == 0 {
                "on_site"
            } else {
                "departed"
            },
            at: (i % 9 != 0).then(|| days::start_of(date!(2024 - 05 - 01)) + i64::from(i % 6) * 86_400),
        })
        .collect();
    fakes.iter().for_each(|f| insert(conn, f));
    fakes
}

/// The ids of `fakes` that `q` selects, in `q`'s order, by the documented rules.
fn expected(fakes: &[Fake], q: &VisitQuery) -> Vec<String> {
    let text = q.text().map(str::to_lowercase);
    let from = q.from.map(days::start_of);
    let to = q.to.map(days::end_of);
    let mut rows: Vec<&Fake> = fakes
        .iter()
        .filter(|f| {
            let hay = [Some(f.name), f.company, Some(f.host)];
            text.as_ref().is_none_or(|t| hay.iter().flatten().any(|h| h.to_lowercase().contains(t.as_str())))
                && from.is_none_or(|s| f.at.is_some_and(|at| at >= s))
                && to.is_none_or(|e| f.at.is_some_and(|at| at < e))
                && q.state.as_deref().is_none_or(|s| s == f.state)
                && q.visitor_type.as_deref().is_none_or(|t| t == f.kind)
        })
        .collect();
    match q.sort {
        VisitSort::NameAsc => {
            rows.sort_by(|a, b| (a.name.to_ascii_lowercase(), &a.id).cmp(&(b.name.to_ascii_lowercase(), &b.id)))
        }
        // Option orders None first: reversed keys put arrivals first, then ids.
        VisitSort::ArrivedAsc => rows.sort_by(|a, b| (a.at.is_none(), a.at, &a.id).cmp(&(b.at.is_none(), b.at, &b.id))),
        VisitSort::ArrivedDesc => {
            rows.sort_by(|a, b| (b.at.is_some(), b.at, &b.id).cmp(&(a.at.is_some(), a.at, &a.id)))
        }
    }
    rows.into_iter().map(|f| f.id.clone()).collect()
}

/// Every page of `q`, following the cursors through their text form.
fn walk(conn: &Connection, q: &VisitQuery, plan: Option<Kind>) -> Vec<String> {
    let mut q = q.clone();
    let mut ids = Vec::new();
    for _ in 0..1_000 {
        let page = search_planned(conn, &q, |c, t| match plan {
            Some(kind) => Ok(TextPlan::forced(kind, t)),
            None => TextPlan::choose(c, t),
        })
        .unwrap();
        assert!(page.rows.len() <= q.limit as usize);
        ids.extend(page.rows.into_iter().map(|r| r.visit.id));
        match page.next {
            Some(next) => q.after = Some(Cursor::parse(&next.encode()).unwrap()),
            None => return ids,
        }
    }
    panic!("the pages never ended");
}

#[test]
fn paging_visits_every_row_once_in_each_order_even_among_ties() {
    let (_dir, db) = db();
    db.with(|c| {
        let fakes = tangle(c);
        for sort in VisitSort::ALL {
            for limit in [1, 7, 200] {
                let q = VisitQuery { sort, limit, ..Default::default() };
                assert_eq!(walk(c, &q, None), expected(&fakes, &q), "{sort:?} by {limit}");
            }
        }
        Ok(())
    })
    .unwrap();
}

#[test]
fn every_text_plan_pages_the_same_case_insensitive_substring_matches() {
    let (_dir, db) = db();
    db.with(|c| {
        let fakes = tangle(c);
        for text in ["acme", "ACMESON", " lovelace ", "'brien, \"j", "ZOË"] {
            for sort in VisitSort::ALL {
                let q = VisitQuery { text: Some(text.into()), sort, limit: 4, ..Default::default() };
                let want = expected(&fakes, &q);
                assert!(!want.is_empty(), "{text}");
                for kind in [Kind::Drive, Kind::Probe, Kind::Scan] {
                    if kind == Kind::Scan && !text.is_ascii() {
                        continue; // never chosen: LIKE folds ASCII only
                    }
                    assert_eq!(walk(c, &q, Some(kind)), want, "{text:?} {sort:?} {kind:?}");
                }
            }
        }
        Ok(())
    })
    .unwrap();
}

#[test]
fn filters_combine_with_each_other_and_with_the_text() {
    let (_dir, db) = db();
    db.with(|c| {
        let fakes = tangle(c);
        let queries = [
            VisitQuery { state: Some("on_site".into()), ..Default::default() },
            VisitQuery { state: Some("expected".into()), sort: VisitSort::ArrivedAsc, ..Default::default() },
            VisitQuery {
                visitor_type: Some("contractor".into()),
                state: Some("departed".into()),
                ..Default::default()
            },
            VisitQuery { from: Some(date!(2024 - 05 - 02)), to: Some(date!(2024 - 05 - 03)), ..Default::default() },
            VisitQuery {
                text: Some("acme".into()),
                from: Some(date!(2024 - 05 - 03)),
                visitor_type: Some("guest".into()),
                sort: VisitSort::NameAsc,
                ..Default::default()
            },
            VisitQuery { text: Some("a".into()), to: Some(date!(2024 - 05 - 01)), ..Default::default() },
        ];
        for q in queries {
            let q = VisitQuery { limit: 5, ..q };
            let want = expected(&fakes, &q);
            assert!(!want.is_empty() && want.len() < fakes.len(), "{q:?}");
            assert_eq!(walk(c, &q, None), want, "{q:?}");
        }
        Ok(())
    })
    .unwrap();
}

#[test]
fn a_cursor_from_another_order_or_a_bad_filter_is_refused_naming_it() {
    let (_dir, db) = db();
    db.with(|c| {
        tangle(c);
        let first = search(c, &VisitQuery { limit: 2, ..Default::default() })?;
        let q = VisitQuery { sort: VisitSort::NameAsc, after: first.next, ..Default::default() };
        let refusal = |q: &VisitQuery| match search(c, q) {
            Err(DbError::Refused(m)) => m,
            other => panic!("{other:?}"),
        };
        assert!(refusal(&q).starts_with("bad page cursor"));
        assert!(refusal(&VisitQuery { state: Some("left".into()), ..Default::default() }).contains("\"left\""));
        assert!(refusal(&VisitQuery { visitor_type: Some("vip".into()), ..Default::default() }).contains("\"vip\""));
        Ok(())
    })
    .unwrap();
}

#[test]
fn a_text_rare_beyond_the_like_window_is_still_found_short_or_not() {
    let (_dir, db) = db();
    db.with(|c| {
        seed::seed_visits(c, 11_000, 3)?;
        // The two oldest visits of all: thousands of rows past the window.
        for (i, at) in [(1, 1_000), (2, 2_000)] {
            let f = Fake {
                id: uuid::Uuid::from_u128(i).to_string(),
                name: "Qx Needle",
                company: None,
                host: "Nobody",
                kind: "guest",
                state: "departed",
                at: Some(at),
            };
            insert(c, &f);
        }
        for (text, plan) in [("qX", None), ("needle", Some(Kind::Scan))] {
            let q = VisitQuery { text: Some(text.into()), ..Default::default() };
            let found: Vec<_> = walk(c, &q, plan).into_iter().map(|id| uuid::Uuid::parse_str(&id).unwrap()).collect();
            assert_eq!(found, [uuid::Uuid::from_u128(2), uuid::Uuid::from_u128(1)], "{text}");
        }
        Ok(())
    })
    .unwrap();
}

#[test]
fn by_name_a_common_state_is_read_in_name_order_and_a_rare_one_sorted() {
    let (_dir, db) = db();
    db.with(|c| {
        seed::seed_visits(c, 6_000, 5)?;
        let departed = VisitQuery { sort: VisitSort::NameAsc, state: Some("departed".into()), ..Default::default() };
        let denied = VisitQuery { state: Some("denied".into()), ..departed.clone() };
        assert!(fetch::table_for(c, &departed)?.contains("INDEXED BY"));
        assert!(!fetch::table_for(c, &denied)?.contains("INDEXED BY"));
        for q in [departed, denied] {
            let page = search(c, &q)?;
            let names: Vec<String> = page.rows.iter().map(|r| r.visitor_name.to_ascii_lowercase()).collect();
            assert!(names.is_sorted() && page.rows.iter().all(|r| Some(&r.state) == q.state.as_ref()), "{q:?}");
        }
        Ok(())
    })
    .unwrap();
}
