use super::*;
use foyer_domain::VisitorType;
use uuid::Uuid;

const NOW: i64 = 1_800_000_000;

fn summary() -> VisitSummary {
    VisitSummary {
        visit_id: Uuid::from_u128(7),
        visitor_name: "Ada Lovelace".into(),
        company: Some("Acme".into()),
        email: Some("ada@example.org".into()),
        phone: None,
        host_id: 2,
        host_name: "Grace Hopper".into(),
        visitor_type: VisitorType::Guest,
        arrived_at: NOW - 60,
        kiosk: "lobby-1".into(),
        agreement_version: Some(1),
        invitation: None,
    }
}

fn wire(event: KioskEvent) -> WireEvent {
    WireEvent { event_id: Uuid::from_u128(1), occurred_at: NOW - 60, event }
}

fn refused(event: KioskEvent) -> String {
    check(3, &wire(event), "lobby-1", NOW).unwrap_err()
}

fn arrived(change: impl FnOnce(&mut VisitSummary)) -> String {
    let mut v = summary();
    change(&mut v);
    refused(KioskEvent::VisitArrived(v))
}

#[test]
fn a_kiosks_own_events_pass() {
    let ok = [
        KioskEvent::VisitArrived(summary()),
        KioskEvent::VisitFlagged { visit: summary(), reason: "watchlist: banned".into() },
        KioskEvent::VisitApproved { visit_id: Uuid::from_u128(7), by: "staff".into() },
        KioskEvent::VisitDeparted { visit_id: Uuid::from_u128(7), departed_at: NOW, by: String::new() },
        KioskEvent::BadgePrinted { visit_id: Uuid::from_u128(7), bytes: 900, reprint: false },
        KioskEvent::DoorReleased { visit_id: None, reason: "check-in".into(), by: "kiosk".into(), seconds: 5 },
        KioskEvent::DeviceAlarm { device: "relay".into(), message: "gone".into() },
    ];
    for e in ok {
        assert_eq!(check(0, &wire(e.clone()), "lobby-1", NOW), Ok(()), "{e:?}");
    }
}

#[test]
fn bad_visitor_names_are_refused_with_the_field_named() {
    for (name, says) in [("", "required"), ("   ", "required"), ("Ada\u{0007}", "U+0007"), ("Ada\u{202E}x", "U+202E")] {
        let why = arrived(|v| v.visitor_name = name.into());
        assert!(why.contains("data.visitor_name") && why.contains(says), "{name:?}: {why}");
    }
    let why = arrived(|v| v.visitor_name = "x".repeat(900_000));
    assert!(why.contains("data.visitor_name") && why.contains("80"), "{why}");
    assert!(why.starts_with("events[3] (visit.arrived 00000000-0000-0000-0000-000000000001): "), "{why}");
}

#[test]
fn hosts_times_kiosks_and_codes_are_bounded() {
    assert!(arrived(|v| v.host_id = -1).contains("data.host_id: -1"));
    assert!(arrived(|v| v.arrived_at = i64::MAX).contains("data.arrived_at"));
    assert!(arrived(|v| v.arrived_at = 0).contains("more than 90 days before"));
    assert!(arrived(|v| v.kiosk = "lobby-2".into()).contains("data.kiosk"));
    assert!(arrived(|v| v.email = Some("not an email".into())).contains("data.contact"));
    assert!(arrived(|v| v.invitation = Some("!!!".into())).contains("data.invitation"));
    assert!(arrived(|v| v.agreement_version = Some(0)).contains("data.agreement_version"));
    let late = WireEvent { occurred_at: NOW + FUTURE_SECS + 1, ..wire(KioskEvent::VisitArrived(summary())) };
    assert!(check(0, &late, "lobby-1", NOW).unwrap_err().contains("occurred_at"));
}

#[test]
fn door_pulses_and_device_texts_are_bounded() {
    let door = |seconds| KioskEvent::DoorReleased { visit_id: None, reason: "desk".into(), by: "rita".into(), seconds };
    assert!(refused(door(u64::MAX)).contains("data.seconds"));
    assert!(refused(door(0)).contains("data.seconds"));
    let departed = KioskEvent::VisitDeparted { visit_id: Uuid::from_u128(7), departed_at: i64::MAX, by: "x".into() };
    assert!(refused(departed).contains("data.departed_at"));
    let alarm = KioskEvent::DeviceAlarm { device: "relay".into(), message: "y".repeat(501) };
    assert!(refused(alarm).contains("data.message: 501 characters"));
    let badge = KioskEvent::BadgePrinted { visit_id: Uuid::from_u128(7), bytes: 16_000_001, reprint: false };
    assert!(refused(badge).contains("data.bytes"));
}
