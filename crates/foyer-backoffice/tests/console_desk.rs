//! The receptionist desk over real HTTP: the live lobby, overrides that
//! become kiosk commands, manual check-in, invitations, the evacuation
//! list, and escaping of what visitors type.

mod backoffice_support;

use std::time::{Duration, Instant};

use backoffice_support::console::{add_user, Desk};
use backoffice_support::{arrival, post_events, seed_hosts, settings, Backoffice};
use foyer_backoffice::db::{audit, commands, users::Role};
use foyer_domain::events::KioskEvent;
use foyer_wire::{CommandKind, EventBatch, WireEvent};
use reqwest::StatusCode;

struct Site {
    bo: Backoffice,
    token: String,
    _dir: tempfile::TempDir,
}

async fn site() -> Site {
    let dir = tempfile::tempdir().unwrap();
    let bo = Backoffice::start(settings(None, None), dir.path()).await;
    seed_hosts(&bo);
    add_user(&bo, "rita", Role::Receptionist);
    let token = bo.add_kiosk("lobby-1").expose().to_owned();
    Site { bo, token, _dir: dir }
}

impl Site {
    async fn send(&self, events: Vec<WireEvent>) {
        let body = serde_json::to_vec(&EventBatch { events }).unwrap();
        let r = post_events(&self.bo.url, Some(&self.token), body).await;
        assert_eq!(r.status(), StatusCode::OK);
    }

    fn flagged(&self, name: &str) -> (uuid::Uuid, WireEvent) {
        let mut e = arrival(2, name);
        let KioskEvent::VisitArrived(v) = e.event else { unreachable!() };
        let id = v.visit_id;
        e.event = KioskEvent::VisitFlagged { visit: v, reason: "watchlist: similar name".into() };
        (id, e)
    }

    fn open_commands(&self) -> Vec<CommandKind> {
        let list = self.bo.state.db.with(|c| commands::pending(c, "lobby-1", 0, 100)).unwrap();
        list.into_iter().map(|c| c.command).collect()
    }
}

#[tokio::test]
async fn an_arrival_shows_in_the_lobby_with_the_visitors_name_escaped() {
    let s = site().await;
    s.send(vec![arrival(2, "<script>alert(1)</script>")]).await;
    let rita = Desk::login(&s.bo.url, "rita").await;
    let html = rita.get("/console/desk").await.text().await.unwrap();
    assert!(html.contains("&#60;script&#62;alert(1)&#60;/script&#62;"), "the name is shown as text");
    assert!(!html.contains("<script>alert(1)"), "the name never becomes markup");
    s.bo.stop().await;
}

#[tokio::test]
async fn approving_a_flagged_visitor_queues_the_kiosk_command_and_audits_the_user() {
    let s = site().await;
    let (id, e) = s.flagged("Mallory Example");
    s.send(vec![e]).await;
    let rita = Desk::login(&s.bo.url, "rita").await;
    assert!(rita.get("/console/desk").await.text().await.unwrap().contains("Approve Mallory Example"));
    let r = rita.post_form("/console/desk/actions", &[("action", "approve"), ("visit_id", &id.to_string())]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(s.open_commands(), vec![CommandKind::Approve { visit_id: id }]);
    let entries = s.bo.state.db.with(|c| audit::list(c, &Default::default(), 10)).unwrap();
    let approve = entries.iter().find(|e| e.action == "override.approve").expect("audited");
    assert_eq!((approve.actor.as_str(), approve.target.as_deref()), ("rita", Some(id.to_string().as_str())));
    s.bo.stop().await;
}

#[tokio::test]
async fn an_override_that_does_not_fit_the_visit_is_refused_with_a_reason_and_queues_nothing() {
    let s = site().await;
    let e = arrival(2, "Ada Lovelace");
    let KioskEvent::VisitArrived(v) = &e.event else { unreachable!() };
    let id = v.visit_id;
    s.send(vec![e]).await;
    let rita = Desk::login(&s.bo.url, "rita").await;
    let r = rita.post_form("/console/desk/actions", &[("action", "approve"), ("visit_id", &id.to_string())]).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(r.text().await.unwrap().contains("Ada Lovelace cannot be approved: the visit is on site"));
    let r = rita.post_form("/console/desk/actions", &[("action", "launch"), ("visit_id", &id.to_string())]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(s.open_commands().is_empty());
    // The same through the JSON API, with the session and its CSRF header.
    let r = rita.post_json("/api/v1/desk/actions", &serde_json::json!({"action": "check_out", "visit_id": id})).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(s.open_commands(), vec![CommandKind::CheckOut { visit_id: id }]);
    s.bo.stop().await;
}

#[tokio::test]
async fn the_lobby_updates_live_when_a_kiosk_checks_someone_in() {
    let s = site().await;
    let rita = Desk::login(&s.bo.url, "rita").await;
    let mut live = rita.get("/console/desk/live").await;
    assert_eq!(live.status(), StatusCode::OK);
    assert!(live.headers()["content-type"].to_str().unwrap().starts_with("text/event-stream"));
    let mut seen = String::new();
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut sent = false;
    while !seen.contains("Zelda Newcomer") {
        assert!(Instant::now() < deadline, "no live update with the new visitor; got {seen}");
        let chunk = tokio::time::timeout(Duration::from_secs(10), live.chunk()).await.unwrap().unwrap().unwrap();
        seen.push_str(&String::from_utf8_lossy(&chunk));
        if !sent && seen.contains("event: lobby") {
            s.send(vec![arrival(1, "Zelda Newcomer")]).await;
            sent = true;
        }
    }
    drop(live);
    s.bo.stop().await;
}

#[tokio::test]
async fn a_manual_check_in_asks_the_kiosk_to_print_and_a_bad_name_is_named() {
    let s = site().await;
    let rita = Desk::login(&s.bo.url, "rita").await;
    let form = rita.get("/console/desk/check-in").await.text().await.unwrap();
    assert!(form.contains("Grace Hopper (Compilers)") && form.contains("lobby-1"));
    let fields = |name: &'static str| {
        vec![("name", name), ("host_id", "2"), ("visitor_type", "guest"), ("kiosk", "lobby-1"), ("email", "")]
    };
    let r = rita.post_form("/console/desk/check-in", &fields("   ")).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().to_lowercase().contains("name"));
    assert!(s.open_commands().is_empty(), "nothing queued for a bad form");
    let r = rita.post_form("/console/desk/check-in", &fields("Walk In")).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    match s.open_commands().as_slice() {
        [CommandKind::CheckIn(v)] => assert_eq!((v.name.as_str(), v.host_id), ("Walk In", 2)),
        other => panic!("expected one check-in command, got {other:?}"),
    }
    s.bo.stop().await;
}

#[tokio::test]
async fn an_invitation_is_listed_as_expected_today_and_a_bad_date_is_refused() {
    let s = site().await;
    let rita = Desk::login(&s.bo.url, "rita").await;
    let today = time::OffsetDateTime::now_utc().date().to_string();
    let bad =
        [("visitor_name", "Ivy Invited"), ("host_id", "1"), ("visitor_type", "guest"), ("expected_on", "someday")];
    let r = rita.post_form("/console/desk/invitations", &bad).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("expected date"));
    let good = [("visitor_name", "Ivy Invited"), ("host_id", "1"), ("visitor_type", "guest"), ("expected_on", &today)];
    let r = rita.post_form("/console/desk/invitations", &good).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let lobby = rita.get("/console/desk").await.text().await.unwrap();
    assert!(lobby.contains("Expected today (1)") && lobby.contains("Ivy Invited"));
    let upcoming: serde_json::Value = rita.get("/api/v1/desk/invitations").await.json().await.unwrap();
    assert_eq!(upcoming[0]["visitor_name"], "Ivy Invited");
    s.bo.stop().await;
}

#[tokio::test]
async fn the_evacuation_list_groups_everyone_on_site_by_host() {
    let s = site().await;
    s.send(vec![arrival(2, "Bea One"), arrival(2, "Cal Two"), arrival(1, "Dee Three")]).await;
    let rita = Desk::login(&s.bo.url, "rita").await;
    let html = rita.get("/console/desk/evacuation").await.text().await.unwrap();
    assert!(html.contains("3 on site"));
    // Grouped by the directory's host names, whatever name the event carried.
    assert!(html.contains("Grace Hopper (2)") && html.contains("Charles Babbage (1)"), "{html}");
    let json: serde_json::Value = rita.get("/api/v1/desk/evacuation").await.json().await.unwrap();
    assert_eq!(json.as_array().unwrap().len(), 3);
    s.bo.stop().await;
}
