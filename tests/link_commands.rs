//! Desk commands: delivered on every poll until acknowledged, run once at
//! the kiosk even when the acknowledgement is lost.

#[path = "../crates/foyer-backoffice/tests/backoffice_support/mod.rs"]
mod backoffice_support;
mod common;

use std::sync::Arc;
use std::time::Duration;

use backoffice_support::{eventually, seed_hosts, settings, Backoffice};
use foyer_backoffice::db::commands;
use foyer_devices::fake::{FakePrinter, FakeRelay};
use foyer_domain::VisitorType;
use foyer_kiosk::link::commands::run_once;
use foyer_kiosk::link::{run_link, LinkSettings};
use foyer_kiosk::store::audit;
use foyer_wire::{Command, CommandAck, CommandKind, CommandList, DeskCheckIn};

const WAIT: Duration = Duration::from_secs(30);

async fn poll(bo: &Backoffice, token: &str) -> CommandList {
    backoffice_support::http()
        .get(format!("{}/api/v1/commands?wait=0", bo.url))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

async fn ack(bo: &Backoffice, token: &str, id: i64) -> u16 {
    let body = CommandAck { ok: true, message: "door released for 3 s".into() };
    let r = backoffice_support::http()
        .post(format!("{}/api/v1/commands/{id}/ack", bo.url))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    r.status().as_u16()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_command_is_delivered_until_acknowledged_and_only_to_its_kiosk() {
    let dir = tempfile::tempdir().unwrap();
    let bo = Backoffice::start(settings(None, None), dir.path()).await;
    // The hosts of the kiosk's fixture, under the same ids.
    backoffice_support::seed_hosts(&bo);
    let lobby = bo.add_kiosk("lobby-1");
    let other = bo.add_kiosk("lobby-2");
    let id = bo.state.issue_command("lobby-1", "ana", CommandKind::ReleaseDoor).await.unwrap();
    for _ in 0..2 {
        let list = poll(&bo, lobby.expose()).await;
        assert_eq!(list.commands.iter().map(|c| c.id).collect::<Vec<_>>(), [id]);
        assert_eq!(list.commands[0].issued_by, "ana");
    }
    assert!(poll(&bo, other.expose()).await.commands.is_empty());
    assert_eq!(ack(&bo, other.expose(), id).await, 404, "another kiosk cannot ack it");
    assert_eq!(ack(&bo, lobby.expose(), id).await, 204);
    assert_eq!(ack(&bo, lobby.expose(), id).await, 204, "a repeated ack is harmless");
    assert!(poll(&bo, lobby.expose()).await.commands.is_empty());
    let status = bo.state.db.with(|c| commands::status(c, id)).unwrap().unwrap();
    assert_eq!((status.ok, status.message.as_deref()), (Some(true), Some("door released for 3 s")));
    assert!(bo.state.issue_command("lobby-9", "ana", CommandKind::ReleaseDoor).await.is_err());
    bo.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_poll_returns_as_soon_as_a_command_is_queued() {
    let dir = tempfile::tempdir().unwrap();
    let bo = Backoffice::start(settings(None, None), dir.path()).await;
    // The hosts of the kiosk's fixture, under the same ids.
    backoffice_support::seed_hosts(&bo);
    let token = bo.add_kiosk("lobby-1");
    let url = format!("{}/api/v1/commands?wait=20", bo.url);
    let t = token.expose().to_owned();
    let started = std::time::Instant::now();
    let waiting = tokio::spawn(async move {
        backoffice_support::http().get(url).bearer_auth(t).send().await.unwrap().json::<CommandList>().await.unwrap()
    });
    tokio::time::sleep(Duration::from_millis(200)).await;
    bo.state.issue_command("lobby-1", "ana", CommandKind::CheckOutEveryone).await.unwrap();
    let list = waiting.await.unwrap();
    assert_eq!(list.commands.len(), 1);
    assert!(started.elapsed() < Duration::from_secs(5), "the poll waited {:?}", started.elapsed());
    bo.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_desk_command_runs_once_even_when_its_ack_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let bo = Backoffice::start(settings(None, None), dir.path()).await;
    seed_hosts(&bo);
    let token = bo.add_kiosk("lobby-1");
    let db = dir.path().join("kiosk.db");
    let (printer, relay) = (FakePrinter::new(), FakeRelay::new());
    let kiosk = Arc::new(common::open_kiosk(&db, printer.clone(), relay.clone()));
    let start_link = |token: foyer_domain::Secret| {
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let handle = tokio::spawn(run_link(kiosk.clone(), LinkSettings::new(bo.url.clone(), token), async move {
            let _ = stopped.await;
        }));
        (stop, handle)
    };
    let (stop, link) = start_link(token.clone());
    let door = bo.state.issue_command("lobby-1", "ana", CommandKind::ReleaseDoor).await.unwrap();
    let desk = DeskCheckIn {
        name: "Ada Lovelace".into(),
        company: Some("Analytical Engines".into()),
        email: None,
        phone: None,
        host_id: 2,
        visitor_type: VisitorType::Delivery,
        agreement_version: None,
    };
    let checkin = bo.state.issue_command("lobby-1", "ana", CommandKind::CheckIn(desk)).await.unwrap();
    let acked = |id| bo.state.db.with(move |c| commands::status(c, id)).unwrap().unwrap().acked_at.is_some();
    eventually(WAIT, "both commands acknowledged", || acked(door) && acked(checkin)).await;
    let status = bo.state.db.with(move |c| commands::status(c, checkin)).unwrap().unwrap();
    assert_eq!(status.ok, Some(true), "{:?}", status.message);
    assert!(status.message.unwrap().contains("Ada Lovelace checked in"));
    assert_eq!(printer.printed().len(), 1, "the desk check-in printed its badge");
    assert_eq!(relay.pulses().len(), 2, "the door command and the check-in each opened the door once");
    let audited = audit::recent(kiosk.store().conn(), None, 50).unwrap();
    assert!(audited.iter().any(|e| e.actor == "desk:ana" && e.action == "door.released"));
    let _ = stop.send(());
    link.await.unwrap().unwrap();

    // The acks are lost: the back office delivers both commands again.
    bo.state.db.with(|c| Ok(c.execute("UPDATE commands SET acked_at = NULL", [])?)).unwrap();
    let (stop, link) = start_link(token);
    eventually(WAIT, "both commands acknowledged again", || acked(door) && acked(checkin)).await;
    assert_eq!(relay.pulses().len(), 2, "nothing ran twice");
    assert_eq!(printer.printed().len(), 1);
    let _ = stop.send(());
    link.await.unwrap().unwrap();
    bo.stop().await;
}

#[test]
fn a_command_interrupted_half_way_is_not_run_again() {
    let dir = tempfile::tempdir().unwrap();
    let relay = FakeRelay::new();
    let kiosk = common::open_kiosk(&dir.path().join("k.db"), FakePrinter::new(), relay.clone());
    let command = Command { id: 9, issued_by: "ana".into(), created_at: 0, command: CommandKind::ReleaseDoor };
    // A start recorded without an outcome: the kiosk died while running it.
    foyer_kiosk::store::link_state::begin_command(kiosk.store().conn(), 9, "release_door").unwrap();
    let ack = run_once(&kiosk, &command).unwrap();
    assert!(!ack.ok);
    assert!(ack.message.contains("not run again"));
    assert!(relay.pulses().is_empty());
}
