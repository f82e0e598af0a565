//! Group commit for event batches: batches that arrive while one is being
//! written are stored together in the next transaction, so several kiosks
//! (or a kiosk catching up) share one fsync instead of queueing for one
//! each. Every batch still gets its own answer, and a batch is only
//! acknowledged after the commit that holds it.

use std::sync::mpsc;

use tokio::sync::oneshot;

use super::ingest::{apply_batch, apply_in, Applied};
use super::{now_ms, Db, DbError};
use crate::notify::plan::Routing;
use foyer_wire::WireEvent;

/// The most batches one transaction takes.
const MAX_GROUP: usize = 32;

struct Job {
    kiosk: String,
    events: Vec<WireEvent>,
    routing: Routing,
    reply: oneshot::Sender<Result<Applied, DbError>>,
}

/// The writer of event batches: one thread, ends when the last handle goes.
#[derive(Clone)]
pub struct Ingestor {
    jobs: mpsc::Sender<Job>,
}

impl Ingestor {
    pub fn start(db: Db) -> Self {
        let (jobs, queue) = mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name("foyer-ingest".into())
            .spawn(move || write_groups(&db, &queue))
            .expect("the system cannot start a thread");
        Self { jobs }
    }

    /// Stores one batch; returns once it is committed.
    pub async fn ingest(&self, kiosk: String, events: Vec<WireEvent>, routing: Routing) -> Result<Applied, DbError> {
        let (reply, answer) = oneshot::channel();
        self.jobs
            .send(Job { kiosk, events, routing, reply })
            .map_err(|_| DbError::Corrupt("the ingest thread stopped".into()))?;
        answer.await.map_err(|_| DbError::Corrupt("the ingest thread stopped".into()))?
    }
}

fn write_groups(db: &Db, queue: &mpsc::Receiver<Job>) {
    while let Ok(first) = queue.recv() {
        let mut group = vec![first];
        while group.len() < MAX_GROUP {
            match queue.try_recv() {
                Ok(job) => group.push(job),
                Err(_) => break,
            }
        }
        let now = now_ms();
        let together = db.with(|c| {
            let tx = c.transaction()?;
            let results = group
                .iter()
                .map(|j| apply_in(&tx, &j.kiosk, &j.events, &j.routing, now))
                .collect::<Result<Vec<_>, _>>()?;
            tx.commit()?;
            Ok(results)
        });
        match together {
            Ok(results) => {
                for (job, result) in group.into_iter().zip(results) {
                    let _ = job.reply.send(Ok(result));
                }
            }
            // One batch's failure must not fail the others: each alone.
            Err(_) => {
                for job in group {
                    let alone = db.with(|c| apply_batch(c, &job.kiosk, &job.events, &job.routing, now));
                    let _ = job.reply.send(alone);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use foyer_domain::events::KioskEvent;

    fn alarm(n: u8) -> WireEvent {
        let event = KioskEvent::DeviceAlarm { device: format!("relay {n}"), message: "gone".into() };
        WireEvent { event_id: uuid::Uuid::from_bytes([n; 16]), occurred_at: 0, event }
    }

    #[tokio::test]
    async fn batches_written_together_are_each_answered_and_applied_once() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("b.db")).unwrap();
        let ingestor = Ingestor::start(db.clone());
        let (a, b, c) = tokio::join!(
            ingestor.ingest("k1".into(), vec![alarm(1), alarm(2)], Routing::default()),
            ingestor.ingest("k2".into(), vec![alarm(2), alarm(3)], Routing::default()),
            ingestor.ingest("k1".into(), vec![alarm(1)], Routing::default()),
        );
        let acks = [a.unwrap().0, b.unwrap().0, c.unwrap().0];
        assert_eq!(acks.iter().map(|a| a.accepted).sum::<usize>(), 3);
        assert_eq!(acks.iter().map(|a| a.duplicates).sum::<usize>(), 2);
        let stored: i64 = db.with(|c| Ok(c.query_row("SELECT count(*) FROM events", [], |r| r.get(0))?)).unwrap();
        assert_eq!(stored, 3);
    }
}
