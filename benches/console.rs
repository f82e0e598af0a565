//! Speed targets of the desk and admin console (issue 7), with 1,000,000
//! visits in the back-office database, measured as server time: the request
//! goes through the whole router (guard, handler, query, template) in
//! process, with no socket, so the figures exclude the network.
//! - the visit-log search page (first page, a text search, a deep page);
//! - the lobby page;
//! - the CSV export of every row (the body drained).
//!
//! Criterion reports medians; the p95 of each page is printed from a
//! separate run of 200 requests. `FOYER_BENCH_VISITS` shrinks the log.

use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use criterion::{criterion_group, criterion_main, Criterion};
use foyer_backoffice::db::users::Role;
use foyer_backoffice::db::{api_tokens, seed, users, Db};
use foyer_backoffice::{router, AppState, BackofficeSettings};
use http_body_util::BodyExt;
use tower::ServiceExt;

struct Site {
    _dir: tempfile::TempDir,
    app: axum::Router,
    token: String,
}

fn site() -> Site {
    let n = std::env::var("FOYER_BENCH_VISITS").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&dir.path().join("backoffice.db")).unwrap();
    let started = Instant::now();
    db.with(|c| seed::seed_visits(c, n, 42)).unwrap();
    eprintln!("seeded {n} visits in {:.1} s", started.elapsed().as_secs_f64());
    // Measure a back office as it runs, not the loading connection: fold the
    // load's WAL into the file and open it afresh, as a restart would (the
    // loader's temp table and its page-cache state are not the server's).
    db.with(|c| Ok(c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?)).unwrap();
    drop(db);
    let db = Db::open(&dir.path().join("backoffice.db")).unwrap();
    let token = db
        .with(|c| {
            let id = users::add(c, "bench", Role::Admin, "bench password 123")?;
            Ok(api_tokens::create(c, id, "bench")?.1)
        })
        .unwrap();
    let app = router(AppState::new(db, BackofficeSettings::default()));
    Site { _dir: dir, app, token: token.expose().to_owned() }
}

/// Sends one request and reads the whole body, chunk by chunk as a client
/// on a socket would (not gathered into one buffer: for the 170 MB export
/// that copying would be the client's cost, not the server's).
async fn get(site: &Site, path: &str) -> usize {
    let request =
        Request::get(path).header("authorization", format!("Bearer {}", site.token)).body(Body::empty()).unwrap();
    let response = site.app.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    let mut body = response.into_body();
    let mut bytes = 0;
    while let Some(frame) = body.frame().await {
        bytes += frame.unwrap().data_ref().map_or(0, |d| d.len());
    }
    bytes
}

fn p95(rt: &tokio::runtime::Runtime, site: &Site, what: &str, path: &str) {
    let mut samples: Vec<Duration> = (0..200)
        .map(|_| {
            let t = Instant::now();
            rt.block_on(get(site, path));
            t.elapsed()
        })
        .collect();
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    eprintln!("{what}: p50 {:.2} ms, p95 {:.2} ms (200 requests)", ms(samples[99]), ms(samples[189]));
}

fn console(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let site = rt.block_on(async { site() });
    // A cursor deep in the log: follow the JSON API's `next` 20 pages in.
    let deep = rt.block_on(async {
        let mut path = "/api/v1/admin/visits?limit=500".to_owned();
        for _ in 0..20 {
            let request = Request::get(&path)
                .header("authorization", format!("Bearer {}", site.token))
                .body(Body::empty())
                .unwrap();
            let body = site.app.clone().oneshot(request).await.unwrap().into_body().collect().await.unwrap();
            let page: serde_json::Value = serde_json::from_slice(&body.to_bytes()).unwrap();
            let next = page["next"].as_str().expect("a next page").to_owned();
            path = format!("/api/v1/admin/visits?limit=500&after={next}");
        }
        path.replace("/api/v1/admin/visits?limit=500&", "/console/admin/visits?")
    });
    let pages = [
        ("visit log, first page", "/console/admin/visits".to_owned()),
        ("visit log, text search", "/console/admin/visits?q=son".to_owned()),
        (
            "visit log, company + state + dates",
            "/console/admin/visits?q=Acme&state=departed&from=2025-06-01&to=2025-12-31".to_owned(),
        ),
        ("visit log, 10,001st row on", deep),
        ("lobby page", "/console/desk".to_owned()),
    ];
    for (what, path) in &pages {
        p95(&rt, &site, what, path);
    }
    let mut group = c.benchmark_group("console");
    group.sample_size(30).measurement_time(Duration::from_secs(10));
    for (what, path) in &pages {
        group.bench_function(*what, |b| b.iter(|| rt.block_on(get(&site, path))));
    }
    group.finish();
    let mut export = c.benchmark_group("console export");
    export.sample_size(10).measurement_time(Duration::from_secs(40));
    export.bench_function("CSV of every visit", |b| {
        b.iter(|| rt.block_on(get(&site, "/console/admin/visits/export.csv")));
    });
    export.finish();
}

criterion_group!(benches, console);
criterion_main!(benches);
