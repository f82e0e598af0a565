//! What the back office's answer to an event batch means for the forwarder.
//! Only a refusal of the batch's content may end with an event held back;
//! every other failure says nothing about the events, so the same events go
//! again later and none is set aside for a fault of the network or the setup.

use reqwest::StatusCode;

use super::client::LinkError;
use foyer_wire::BatchAck;

/// The forwarder's reading of one answer.
#[derive(Debug)]
pub enum Verdict {
    /// Every event of the batch is stored.
    Accepted,
    /// 400 or 422 from the back office itself: at least one event of the
    /// batch is malformed, of a type it does not know, or refused by the
    /// visit's state; or a 403 that names an event this kiosk may not send
    /// (a visit of another kiosk). Carries the status and the message.
    Refused(String),
    /// 413: the body is over the limit; send fewer events at once.
    TooLarge(LinkError),
    /// 401, or a 403 naming no event: the kiosk's token is wrong or revoked. Retrying cannot
    /// help until the installer fixes it, but the events are not at fault.
    Unauthorized(LinkError),
    /// Unreachable, 5xx, 408, 429, or anything unexpected: try again later.
    Transient(LinkError),
}

/// Reads the answer to `POST /api/v1/events`.
pub fn classify(answer: Result<BatchAck, LinkError>) -> Verdict {
    let error = match answer {
        Ok(_) => return Verdict::Accepted,
        Err(e) => e,
    };
    let LinkError::Status { status, body, explained, refused_event } = &error else {
        return Verdict::Transient(error);
    };
    match *status {
        StatusCode::FORBIDDEN if *explained && refused_event.is_some() => Verdict::Refused(format!("{status}: {body}")),
        // A 400 without the back office's error body comes from something in
        // between (a proxy); holding events back for it would set aside
        // every event one by one, so it counts as a passing fault.
        StatusCode::BAD_REQUEST | StatusCode::UNPROCESSABLE_ENTITY if *explained => {
            Verdict::Refused(format!("{status}: {body}"))
        }
        StatusCode::PAYLOAD_TOO_LARGE => Verdict::TooLarge(error),
        _ if is_token_refused(&error) => Verdict::Unauthorized(error),
        _ => Verdict::Transient(error),
    }
}

/// The back office refuses the kiosk's token (401, or 403 naming no event).
pub fn is_token_refused(error: &LinkError) -> bool {
    match error {
        LinkError::Status { status, refused_event, .. } => {
            *status == StatusCode::UNAUTHORIZED || (*status == StatusCode::FORBIDDEN && refused_event.is_none())
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(code: u16, body: &str, explained: bool) -> Verdict {
        let status = StatusCode::from_u16(code).unwrap();
        classify(Err(LinkError::Status { status, body: body.into(), explained, refused_event: None }))
    }

    #[test]
    fn a_stored_batch_is_accepted() {
        assert!(matches!(classify(Ok(BatchAck { accepted: 2, duplicates: 1 })), Verdict::Accepted));
    }

    #[test]
    fn the_back_offices_400_and_422_refuse_events_with_its_message() {
        let Verdict::Refused(reason) = answer(422, "unknown variant `visit.teleported`", true) else { panic!() };
        assert_eq!(reason, "422 Unprocessable Entity: unknown variant `visit.teleported`");
        assert!(matches!(answer(400, "expected value at line 1", true), Verdict::Refused(r) if r.starts_with("400")));
    }

    #[test]
    fn a_400_from_a_proxy_in_between_refuses_no_event() {
        assert!(matches!(answer(400, "<html>400 Bad Request</html>", false), Verdict::Transient(_)));
        assert!(matches!(answer(422, "", false), Verdict::Transient(_)));
    }

    #[test]
    fn a_body_over_the_limit_means_send_fewer() {
        assert!(matches!(answer(413, "length limit exceeded", false), Verdict::TooLarge(_)));
        assert!(matches!(answer(413, "the body is over 1048576 bytes", true), Verdict::TooLarge(_)));
    }

    #[test]
    fn a_wrong_or_revoked_token_never_blames_the_events() {
        assert!(matches!(answer(401, "a valid kiosk bearer token is required", true), Verdict::Unauthorized(_)));
        assert!(matches!(answer(403, "forbidden", false), Verdict::Unauthorized(_)));
    }

    #[test]
    fn server_faults_timeouts_and_throttling_are_passing() {
        for code in [500, 502, 503, 504, 408, 429, 404] {
            assert!(matches!(answer(code, "x", true), Verdict::Transient(_)), "{code}");
        }
    }

    #[tokio::test]
    async fn an_unreachable_back_office_is_passing() {
        // A port that was free a moment ago: nothing listens there.
        let addr = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
        let client =
            super::super::BackofficeClient::new(&format!("http://{addr}"), foyer_domain::Secret::new("t")).unwrap();
        let answer = client.post_events(&[]).await;
        assert!(matches!(classify(answer), Verdict::Transient(LinkError::Http(_))));
    }

    #[test]
    fn a_403_naming_an_event_refuses_that_event_not_the_token() {
        let status = StatusCode::FORBIDDEN;
        let body = "kiosk lobby-2 may not change visit …".to_owned();
        let refused_event = Some(uuid::Uuid::from_u128(9));
        let named = LinkError::Status { status, body: body.clone(), explained: true, refused_event };
        assert!(!is_token_refused(&named));
        let Verdict::Refused(reason) = classify(Err(named)) else { panic!() };
        assert!(reason.starts_with("403 Forbidden: kiosk lobby-2"), "{reason}");
        let unnamed = LinkError::Status { status, body, explained: true, refused_event: None };
        assert!(matches!(classify(Err(unnamed)), Verdict::Unauthorized(_)));
    }
}
