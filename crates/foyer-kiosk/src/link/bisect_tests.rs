use super::*;

/// How a simulated back office answers one request of event indexes.
enum Answer {
    Stored,
    Refused,
    TooLarge,
}

/// What a drain of one batch did.
#[derive(Debug, Default)]
struct Drain {
    stored: Vec<usize>,
    held: Vec<usize>,
    requests: usize,
    /// Requests made before the first hold.
    requests_to_first_hold: Option<usize>,
    oversized: bool,
}

/// Drives a plan for `n` events against `back_office`, counting requests;
/// bounded so a plan that never finishes fails instead of hanging.
fn drain(n: usize, size: usize, mut back_office: impl FnMut(&[usize]) -> Answer) -> Drain {
    let mut plan = Plan::new(n, size);
    let mut d = Drain::default();
    for _ in 0..10_000 {
        match plan.next_step() {
            Step::Done => return d,
            Step::Hold { index, reason } => {
                assert_eq!(reason, format!("refused {index}"), "the reason of the event's own refusal");
                d.requests_to_first_hold.get_or_insert(d.requests);
                d.held.push(index);
            }
            Step::Send(range) => {
                d.requests += 1;
                let part: Vec<usize> = range.collect();
                match back_office(&part) {
                    Answer::Stored => {
                        d.stored.extend(&part);
                        plan.stored();
                    }
                    Answer::Refused => plan.refused(format!("refused {}", part[0])),
                    Answer::TooLarge => {
                        if plan.too_large().is_err() {
                            d.oversized = true;
                            return d;
                        }
                    }
                }
            }
        }
    }
    panic!("the plan did not finish in 10000 steps");
}

/// A back office that refuses any request holding one of `bad`.
fn refusing(bad: &[usize]) -> impl FnMut(&[usize]) -> Answer + '_ {
    move |part| if part.iter().any(|i| bad.contains(i)) { Answer::Refused } else { Answer::Stored }
}

fn all_but(n: usize, bad: &[usize]) -> Vec<usize> {
    (0..n).filter(|i| !bad.contains(i)).collect()
}

#[test]
fn a_good_batch_takes_one_request() {
    let d = drain(200, 200, refusing(&[]));
    assert_eq!((d.stored, d.held, d.requests), ((0..200).collect(), vec![], 1));
}

#[test]
fn one_bad_event_among_200_is_found_in_log_n_requests_wherever_it_sits() {
    // ⌈log2 200⌉ = 8 halvings, the first refusal, and at most one lone send.
    for bad in 0..200 {
        let d = drain(200, 200, refusing(&[bad]));
        assert_eq!(d.held, vec![bad]);
        assert_eq!(d.stored, all_but(200, &[bad]), "every other event once, in order (bad at {bad})");
        let to_hold = d.requests_to_first_hold.unwrap();
        assert!(to_hold <= 10, "{to_hold} requests to find event {bad}");
        assert!(d.requests <= 11, "{} requests in all for event {bad}", d.requests);
    }
}

#[test]
fn several_bad_events_are_each_held_and_the_rest_keep_their_order() {
    let bad = [0, 1, 57, 58, 120, 199];
    let d = drain(200, 200, refusing(&bad));
    assert_eq!(d.held, bad);
    assert_eq!(d.stored, all_but(200, &bad));
    assert!(d.requests <= bad.len() * 10, "{} requests", d.requests);
}

#[test]
fn a_batch_of_only_bad_events_holds_them_all() {
    let bad: Vec<usize> = (0..8).collect();
    let d = drain(8, 200, refusing(&bad));
    assert_eq!(d.held, bad);
    assert!(d.stored.is_empty());
}

#[test]
fn a_refusal_no_single_event_explains_holds_nothing() {
    // A back office that refuses batches of more than 30 events.
    let d = drain(200, 200, |part: &[usize]| if part.len() > 30 { Answer::Refused } else { Answer::Stored });
    assert!(d.held.is_empty());
    assert_eq!(d.stored, (0..200).collect::<Vec<_>>());
    assert!(d.requests <= 40, "{} requests", d.requests);
}

#[test]
fn a_body_over_the_limit_is_halved_until_it_fits() {
    let d = drain(200, 200, |part: &[usize]| if part.len() > 37 { Answer::TooLarge } else { Answer::Stored });
    assert!(d.held.is_empty() && !d.oversized);
    assert_eq!(d.stored, (0..200).collect::<Vec<_>>());
    // 200 → 100 → 50 → 25, then eight parts of 25.
    assert_eq!(d.requests, 3 + 8);
}

#[test]
fn a_single_event_over_the_limit_stops_the_batch_without_holding_it() {
    let d = drain(10, 10, |part: &[usize]| if part.contains(&4) { Answer::TooLarge } else { Answer::Stored });
    assert!(d.oversized);
    assert!(d.held.is_empty(), "too large is not refused: it waits for the limit to be fixed");
    assert_eq!(d.stored, vec![0, 1, 2, 3], "10 → 5 → 2 → 1: the parts before it are stored");
}

#[test]
fn a_bad_event_in_a_batch_over_the_limit_is_still_found() {
    let d = drain(100, 100, |part: &[usize]| match part {
        p if p.len() > 20 => Answer::TooLarge,
        p if p.contains(&66) => Answer::Refused,
        _ => Answer::Stored,
    });
    assert_eq!(d.held, vec![66]);
    assert_eq!(d.stored, all_but(100, &[66]));
}
