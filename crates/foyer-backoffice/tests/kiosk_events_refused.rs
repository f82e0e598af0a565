//! The back office trusts no kiosk, over real HTTP: malformed events are
//! refused with 422 naming the event and the field, the visit lifecycle is
//! enforced, and a kiosk may change only its own visits (or those a desk
//! command sent it), anything else being 403 and audited. A refused batch
//! stores nothing.

mod backoffice_support;

use backoffice_support::{arrival, post_events, settings, Backoffice};
use foyer_backoffice::db::{audit, now_unix};
use foyer_domain::events::KioskEvent;
use foyer_wire::{CommandKind, ErrorBody, EventBatch, WireEvent};
use reqwest::StatusCode;
use uuid::Uuid;

fn body(events: Vec<WireEvent>) -> String {
    serde_json::to_string(&EventBatch { events }).unwrap()
}

fn event(event: KioskEvent) -> WireEvent {
    WireEvent { event_id: Uuid::new_v4(), occurred_at: now_unix(), event }
}

fn arrival_at(kiosk: &str, name: &str) -> WireEvent {
    let mut e = arrival(2, name);
    if let KioskEvent::VisitArrived(v) = &mut e.event {
        v.kiosk = kiosk.into();
    }
    e
}

fn visit_of(e: &WireEvent) -> Uuid {
    e.event.visit_id().unwrap()
}

/// A change that spoils an arrival's summary.
type Change = Box<dyn Fn(&mut foyer_domain::events::VisitSummary)>;

async fn refusal(r: reqwest::Response, status: StatusCode) -> ErrorBody {
    assert_eq!(r.status(), status);
    r.json().await.unwrap()
}

fn state_of(bo: &Backoffice, visit: Uuid) -> String {
    bo.state
        .db
        .with(|c| Ok(c.query_row("SELECT state FROM visits WHERE id = ?1", [visit.to_string()], |r| r.get(0))?))
        .unwrap()
}

#[tokio::test]
async fn each_bad_event_shape_is_refused_naming_its_field_and_nothing_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let bo = Backoffice::start(settings(None, None), dir.path()).await;
    backoffice_support::seed_hosts(&bo);
    let token = bo.add_kiosk("lobby-1");
    let shapes: Vec<(&str, Change)> = vec![
        ("data.visitor_name", Box::new(|v| v.visitor_name = String::new())),
        ("data.visitor_name", Box::new(|v| v.visitor_name = "   ".into())),
        ("data.visitor_name", Box::new(|v| v.visitor_name = "x".repeat(900_000))),
        ("data.visitor_name", Box::new(|v| v.visitor_name = "Ada\u{0008}\u{001b}[2J".into())),
        ("data.host_id", Box::new(|v| v.host_id = -1)),
        ("data.arrived_at", Box::new(|v| v.arrived_at = i64::MAX)),
        ("data.kiosk", Box::new(|v| v.kiosk = "lobby-9".into())),
    ];
    for (field, change) in shapes {
        let good = arrival(2, "Ada Lovelace");
        let mut bad = arrival(2, "Ada Lovelace");
        if let KioskEvent::VisitArrived(v) = &mut bad.event {
            change(v);
        }
        let r = post_events(&bo.url, Some(token.expose()), body(vec![good, bad.clone()])).await;
        let e = refusal(r, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(e.refused_event, Some(bad.event_id), "{}", e.error);
        assert!(e.error.starts_with("events[1] (visit.arrived") && e.error.contains(field), "{field}: {}", e.error);
    }
    // A host id the directory does not know: the visit log, the desk and
    // the notifications would have nobody to name.
    let mut stranger = arrival(999, "Ada Lovelace");
    if let KioskEvent::VisitArrived(v) = &mut stranger.event {
        v.host_name = "Grace Hopper".into();
    }
    let r = post_events(&bo.url, Some(token.expose()), body(vec![arrival(2, "Ada Lovelace"), stranger.clone()])).await;
    let e = refusal(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(e.refused_event, Some(stranger.event_id), "{}", e.error);
    assert!(e.error.contains("data.host_id: host 999 is not in the back office's directory"), "{}", e.error);
    let door =
        event(KioskEvent::DoorReleased { visit_id: None, reason: "x".into(), by: "k".into(), seconds: u64::MAX });
    let r = post_events(&bo.url, Some(token.expose()), body(vec![door])).await;
    assert!(refusal(r, StatusCode::UNPROCESSABLE_ENTITY).await.error.contains("data.seconds"));
    assert_eq!(bo.count("SELECT count(*) FROM events"), 0, "a refused batch stores nothing, not even its good events");
    assert_eq!(bo.count("SELECT count(*) FROM visits"), 0);
    bo.stop().await;
}

#[tokio::test]
async fn a_kiosk_changes_only_its_own_visits_or_those_a_command_sent_it() {
    let dir = tempfile::tempdir().unwrap();
    let bo = Backoffice::start(settings(None, None), dir.path()).await;
    backoffice_support::seed_hosts(&bo);
    let (one, two) = (bo.add_kiosk("lobby-1"), bo.add_kiosk("lobby-2"));
    let ada = arrival_at("lobby-1", "Ada Lovelace");
    let visit = visit_of(&ada);
    assert_eq!(post_events(&bo.url, Some(one.expose()), body(vec![ada])).await.status(), StatusCode::OK);

    let deny = event(KioskEvent::VisitDenied { visit_id: visit, by: "kiosk:lobby-2".into() });
    let r = post_events(&bo.url, Some(two.expose()), body(vec![deny.clone()])).await;
    let e = refusal(r, StatusCode::FORBIDDEN).await;
    assert_eq!(e.refused_event, Some(deny.event_id));
    assert!(e.error.contains("kiosk lobby-2 may not change visit") && e.error.contains("lobby-1"), "{}", e.error);
    assert_eq!(state_of(&bo, visit), "on_site", "lobby-1's visit is untouched");
    let entries = bo.state.db.with(|c| audit::list(c, &Default::default(), 10)).unwrap();
    let audited = entries.iter().find(|e| e.action == "kiosk.out_of_scope").expect("the attempt is audited");
    assert_eq!((audited.actor.as_str(), audited.target.as_deref()), ("kiosk:lobby-2", Some("lobby-2")));

    // The desk sends lobby-2 to check Ada out: now it may.
    bo.state.issue_command("lobby-2", "rita", CommandKind::CheckOut { visit_id: visit }).await.unwrap();
    let out = event(KioskEvent::VisitDeparted { visit_id: visit, departed_at: now_unix(), by: "desk:rita".into() });
    assert_eq!(post_events(&bo.url, Some(two.expose()), body(vec![out])).await.status(), StatusCode::OK);
    assert_eq!(state_of(&bo, visit), "departed");
    bo.stop().await;
}

#[tokio::test]
async fn the_visit_lifecycle_is_enforced_and_a_repeated_step_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let bo = Backoffice::start(settings(None, Some("desk@example.org")), dir.path()).await;
    backoffice_support::seed_hosts(&bo);
    let token = bo.add_kiosk("lobby-1");
    let ada = arrival_at("lobby-1", "Ada Lovelace");
    let visit = visit_of(&ada);
    let departed = || event(KioskEvent::VisitDeparted { visit_id: visit, departed_at: now_unix(), by: "k".into() });
    assert_eq!(post_events(&bo.url, Some(token.expose()), body(vec![ada.clone(), departed()])).await.status(), 200);
    let notices = bo.count("SELECT count(*) FROM notifications");

    // The same arrival under a new event id would bring Ada back on site.
    let again = WireEvent { event_id: Uuid::new_v4(), ..ada };
    let e =
        refusal(post_events(&bo.url, Some(token.expose()), body(vec![again])).await, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(e.await.error.contains("already exists (departed)"));
    assert_eq!(state_of(&bo, visit), "departed");
    assert_eq!(bo.count("SELECT count(*) FROM notifications"), notices, "the host is not told again");

    let approve = event(KioskEvent::VisitApproved { visit_id: visit, by: "k".into() });
    let e = refusal(
        post_events(&bo.url, Some(token.expose()), body(vec![approve])).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    );
    assert!(e.await.error.contains("cannot be approved"));
    // A departure the desk or another path recorded first: stored, no change.
    assert_eq!(post_events(&bo.url, Some(token.expose()), body(vec![departed()])).await.status(), 200);
    assert_eq!(state_of(&bo, visit), "departed");
    bo.stop().await;
}

#[tokio::test]
async fn the_host_name_comes_from_the_directory_not_the_event() {
    let dir = tempfile::tempdir().unwrap();
    let bo = Backoffice::start(settings(None, None), dir.path()).await;
    backoffice_support::seed_hosts(&bo);
    let token = bo.add_kiosk("lobby-1");
    let mut forged = arrival(2, "Ada Lovelace");
    if let KioskEvent::VisitArrived(v) = &mut forged.event {
        v.host_name = "The CEO".into();
    }
    let visit = visit_of(&forged);
    assert_eq!(post_events(&bo.url, Some(token.expose()), body(vec![forged])).await.status(), StatusCode::OK);
    let host: String = bo
        .state
        .db
        .with(|c| Ok(c.query_row("SELECT host_name FROM visits WHERE id = ?1", [visit.to_string()], |r| r.get(0))?))
        .unwrap();
    assert_eq!(host, "Grace Hopper", "host 2 of the directory");
    bo.stop().await;
}

#[tokio::test]
async fn a_used_invitation_is_withdrawn_from_every_other_kiosks_sync() {
    use foyer_backoffice::db::directory::{self, InvitationRequest};
    let dir = tempfile::tempdir().unwrap();
    let bo = Backoffice::start(settings(None, None), dir.path()).await;
    backoffice_support::seed_hosts(&bo);
    let (one, two) = (bo.add_kiosk("lobby-1"), bo.add_kiosk("lobby-2"));
    let request = InvitationRequest {
        visitor_name: "Ada Lovelace".into(),
        company: None,
        email: None,
        host_id: 2,
        visitor_type: foyer_domain::VisitorType::Guest,
        expected_on: time::OffsetDateTime::now_utc().date(),
    };
    let (code, visit) = bo.state.db.with(|c| directory::invite(c, &request)).unwrap();
    let sync = |token: String, since: i64| {
        let url = format!("{}/api/v1/sync?since={since}", bo.url);
        async move {
            let r = backoffice_support::http().get(url).bearer_auth(token).send().await.unwrap();
            r.json::<foyer_wire::SyncResponse>().await.unwrap()
        }
    };
    let before = sync(two.expose().to_owned(), 0).await;
    assert!(before.invitations.iter().any(|i| i.code == code.as_str() && !i.cancelled), "offered before its use");

    let mut used = arrival_at("lobby-1", "Ada Lovelace");
    if let KioskEvent::VisitArrived(v) = &mut used.event {
        (v.visit_id, v.invitation) = (visit, Some(code.as_str().to_owned()));
    }
    assert_eq!(post_events(&bo.url, Some(one.expose()), body(vec![used])).await.status(), StatusCode::OK);
    let after = sync(two.expose().to_owned(), before.version).await;
    let tomb = after.invitations.iter().find(|i| i.code == code.as_str()).expect("the change reaches lobby-2");
    assert!(tomb.cancelled, "a used invitation goes out as cancelled");
    let fresh = sync(two.expose().to_owned(), 0).await;
    assert!(fresh.invitations.iter().all(|i| i.code != code.as_str() || i.cancelled));
    bo.stop().await;
}
