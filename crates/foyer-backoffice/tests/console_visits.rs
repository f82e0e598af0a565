//! The admin's visit log over real HTTP: keyset pages, filters with errors
//! that name the parameter, the visit's timeline, and the CSV export
//! (streamed, formula-safe, audited).

mod backoffice_support;

use std::collections::HashSet;

use backoffice_support::console::{add_user, Desk};
use backoffice_support::{arrival, post_events, settings, Backoffice};
use foyer_backoffice::db::{audit, seed, users::Role};
use foyer_domain::events::KioskEvent;
use foyer_wire::EventBatch;
use reqwest::StatusCode;

async fn started(visits: usize) -> (Backoffice, Desk, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let bo = Backoffice::start(settings(None, None), dir.path()).await;
    backoffice_support::seed_hosts(&bo);
    bo.state.db.with(|c| seed::seed_visits(c, visits, 7)).unwrap();
    add_user(&bo, "adam", Role::Admin);
    let adam = Desk::login(&bo.url, "adam").await;
    (bo, adam, dir)
}

/// The visit ids linked from a list page, and its next page's link.
fn ids_and_next(html: &str) -> (Vec<String>, Option<String>) {
    let ids = html
        .split("href=\"/console/admin/visits/")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .filter(|s| s.len() == 36)
        .map(str::to_owned)
        .collect();
    let next = html
        .split("rel=\"next\"")
        .next()
        .and_then(|before| before.rsplit("href=\"").next())
        .filter(|_| html.contains("rel=\"next\""))
        .map(|s| s.split('"').next().unwrap().replace("&amp;", "&").replace("&#38;", "&"));
    (ids, next)
}

#[tokio::test]
async fn paging_by_keyset_shows_every_visit_once() {
    let (bo, adam, _dir) = started(230).await;
    let mut seen = HashSet::new();
    let mut path = Some("/console/admin/visits?sort=name_asc".to_owned());
    let mut pages = 0;
    while let Some(p) = path {
        let r = adam.get(&p).await;
        assert_eq!(r.status(), StatusCode::OK, "{p}");
        let (ids, next) = ids_and_next(&r.text().await.unwrap());
        for id in ids {
            assert!(seen.insert(id.clone()), "{id} shown twice");
        }
        path = next;
        pages += 1;
        assert!(pages <= 10, "too many pages");
    }
    assert_eq!(seen.len(), 230);
    assert_eq!(pages, 5, "50 per page");
    let api: serde_json::Value = adam.get("/api/v1/admin/visits?limit=10").await.json().await.unwrap();
    assert_eq!(api["rows"].as_array().unwrap().len(), 10);
    assert!(api["next"].is_string());
    bo.stop().await;
}

#[tokio::test]
async fn a_bad_filter_is_refused_naming_the_parameter() {
    let (bo, adam, _dir) = started(5).await;
    let r = adam.get("/console/admin/visits?from=yesterday").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("from"));
    let r = adam.get("/api/v1/admin/visits?state=asleep").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("asleep"));
    let r = adam.get("/api/v1/admin/visits?after=not-a-cursor").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    bo.stop().await;
}

#[tokio::test]
async fn the_export_is_csv_with_formulas_neutralised_and_is_audited() {
    let (bo, adam, _dir) = started(0).await;
    let token = bo.add_kiosk("lobby-1");
    let events = vec![arrival(2, "=HYPERLINK(\"http://evil\")"), arrival(2, "Plain, \"Quoted\" Name")];
    let body = serde_json::to_vec(&EventBatch { events }).unwrap();
    assert_eq!(post_events(&bo.url, Some(token.expose()), body).await.status(), StatusCode::OK);
    let r = adam.get("/console/admin/visits/export.csv?q=e").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    assert!(r.headers()["content-disposition"].to_str().unwrap().contains("attachment"));
    let csv = r.text().await.unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let names: Vec<String> = reader.records().map(|r| r.unwrap()[1].to_owned()).collect();
    assert!(names.contains(&"'=HYPERLINK(\"http://evil\")".to_owned()), "{names:?}");
    assert!(names.contains(&"Plain, \"Quoted\" Name".to_owned()));
    let entries = bo.state.db.with(|c| audit::list(c, &Default::default(), 20)).unwrap();
    let export = entries.iter().find(|e| e.action == "export.visits").expect("the export is audited");
    assert_eq!((export.actor.as_str(), export.detail.as_str()), ("adam", "q=e"));
    bo.stop().await;
}

#[tokio::test]
async fn a_visit_shows_its_timeline_and_the_agreement_it_accepted() {
    let (bo, adam, _dir) = started(0).await;
    let token = bo.add_kiosk("lobby-1");
    let e = arrival(2, "<script>alert(1)</script>");
    let KioskEvent::VisitArrived(v) = &e.event else { unreachable!() };
    let id = v.visit_id;
    let body = serde_json::to_vec(&EventBatch { events: vec![e] }).unwrap();
    post_events(&bo.url, Some(token.expose()), body).await;
    let html = adam.get(&format!("/console/admin/visits/{id}")).await.text().await.unwrap();
    assert!(html.contains("version 1"), "the agreement version accepted");
    assert!(html.contains("arrived"), "the timeline");
    assert!(html.contains("&#60;script&#62;") && !html.contains("<script>alert"));
    let json: serde_json::Value = adam.get(&format!("/api/v1/admin/visits/{id}")).await.json().await.unwrap();
    assert_eq!(json["timeline"][0]["what"], "arrived");
    assert_eq!(adam.get("/console/admin/visits/not-an-id").await.status(), StatusCode::NOT_FOUND);
    bo.stop().await;
}

#[tokio::test]
async fn reports_chart_visits_per_day_and_host_and_refuse_a_bad_range() {
    let (bo, adam, _dir) = started(0).await;
    let token = bo.add_kiosk("lobby-1");
    let mut late = arrival(2, "<b>Late</b> Visitor");
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    if let KioskEvent::VisitArrived(v) = &mut late.event {
        v.arrived_at = now - 60;
    }
    let body = serde_json::to_vec(&EventBatch { events: vec![late] }).unwrap();
    post_events(&bo.url, Some(token.expose()), body).await;
    let html = adam.get("/console/admin/reports").await.text().await.unwrap();
    assert!(html.contains("<svg") && html.contains("Visits per day"), "a server-side chart");
    assert!(html.contains("1 visits from"), "{html}");
    assert!(html.contains("Peak on site: <strong>1</strong>"));
    assert!(!html.contains("http://") || html.contains("http://www.w3.org/2000/svg"), "nothing from elsewhere");
    let json: serde_json::Value = adam.get("/api/v1/admin/reports").await.json().await.unwrap();
    assert_eq!(json["per_day"].as_array().unwrap().len(), 30);
    assert_eq!(json["per_host"][0][0], "Grace Hopper");
    let r = adam.get("/console/admin/reports?from=2020-01-01&to=2026-01-01").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("at most 366 days"));
    let r = adam.get("/api/v1/admin/reports?to=tomorrow").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    bo.stop().await;
}
