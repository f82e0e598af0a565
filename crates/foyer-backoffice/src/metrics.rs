//! Prometheus metrics in the text exposition format, kept by hand: a few
//! counters and two histograms do not need a metrics framework.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Duration;

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 12] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0];

/// A latency histogram with fixed buckets.
#[derive(Default)]
pub struct Histogram {
    counts: [AtomicU64; BUCKETS.len()],
    count: AtomicU64,
    sum_micros: AtomicU64,
}

impl Histogram {
    pub fn observe(&self, d: Duration) {
        let secs = d.as_secs_f64();
        if let Some(i) = BUCKETS.iter().position(|b| secs <= *b) {
            self.counts[i].fetch_add(1, Ordering::Relaxed);
        }
        self.count.fetch_add(1, Ordering::Relaxed);
        self.sum_micros.fetch_add(d.as_micros() as u64, Ordering::Relaxed);
    }

    fn render(&self, out: &mut String, name: &str, labels: &str) {
        let sep = if labels.is_empty() { "" } else { "," };
        let mut cumulative = 0;
        for (bound, c) in BUCKETS.iter().zip(&self.counts) {
            cumulative += c.load(Ordering::Relaxed);
            let _ = writeln!(out, "{name}_bucket{{{labels}{sep}le=\"{bound}\"}} {cumulative}");
        }
        let count = self.count.load(Ordering::Relaxed);
        let _ = writeln!(out, "{name}_bucket{{{labels}{sep}le=\"+Inf\"}} {count}");
        let sum = self.sum_micros.load(Ordering::Relaxed) as f64 / 1e6;
        let braces = if labels.is_empty() { String::new() } else { format!("{{{labels}}}") };
        let _ = writeln!(out, "{name}_sum{braces} {sum}\n{name}_count{braces} {count}");
    }
}

/// Everything the back office counts.
#[derive(Default)]
pub struct Metrics {
    events: Mutex<BTreeMap<&'static str, u64>>,
    duplicates: AtomicU64,
    rejected: AtomicU64,
    notifications: Mutex<BTreeMap<(String, &'static str), u64>>,
    logins: Mutex<BTreeMap<&'static str, u64>>,
    /// Time to store and apply one event batch.
    pub ingest: Histogram,
    /// Time from an event's receipt to its notification being delivered.
    pub delivery: Histogram,
}

/// Gauges read from the database when scraped.
pub struct Gauges {
    pub notification_queue: i64,
    pub open_commands: i64,
}

impl Metrics {
    pub fn events_applied(&self, kinds: &[&'static str], duplicates: usize) {
        let mut map = self.events.lock().unwrap_or_else(|e| e.into_inner());
        for k in kinds {
            *map.entry(k).or_default() += 1;
        }
        self.duplicates.fetch_add(duplicates as u64, Ordering::Relaxed);
    }

    pub fn batch_rejected(&self) {
        self.rejected.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts one delivery outcome (`sent`, `retry`, `failed`) of a channel.
    pub fn notification(&self, channel: &str, outcome: &'static str) {
        let mut map = self.notifications.lock().unwrap_or_else(|e| e.into_inner());
        *map.entry((channel.to_owned(), outcome)).or_default() += 1;
    }

    /// Counts one console login outcome (`ok`, `failed`, `delayed`, `busy`).
    pub fn login(&self, outcome: &'static str) {
        *self.logins.lock().unwrap_or_else(|e| e.into_inner()).entry(outcome).or_default() += 1;
    }

    /// The exposition text.
    pub fn render(&self, gauges: &Gauges) -> String {
        let mut out = String::with_capacity(4096);
        out.push_str("# HELP foyer_events_received_total Kiosk events stored and applied, by type.\n");
        out.push_str("# TYPE foyer_events_received_total counter\n");
        for (kind, n) in self.events.lock().unwrap_or_else(|e| e.into_inner()).iter() {
            let _ = writeln!(out, "foyer_events_received_total{{type=\"{kind}\"}} {n}");
        }
        let dup = self.duplicates.load(Ordering::Relaxed);
        let rej = self.rejected.load(Ordering::Relaxed);
        let _ = writeln!(out, "# HELP foyer_events_duplicate_total Events received again and not applied twice.");
        let _ = writeln!(out, "# TYPE foyer_events_duplicate_total counter\nfoyer_events_duplicate_total {dup}");
        let _ = writeln!(out, "# HELP foyer_event_batches_rejected_total Event batches refused with a 4xx.");
        let _ = writeln!(
            out,
            "# TYPE foyer_event_batches_rejected_total counter\nfoyer_event_batches_rejected_total {rej}"
        );
        out.push_str("# HELP foyer_notifications_total Notification delivery attempts by channel and outcome.\n");
        out.push_str("# TYPE foyer_notifications_total counter\n");
        for ((channel, outcome), n) in self.notifications.lock().unwrap_or_else(|e| e.into_inner()).iter() {
            let _ = writeln!(out, "foyer_notifications_total{{channel=\"{channel}\",outcome=\"{outcome}\"}} {n}");
        }
        let _ = writeln!(out, "# HELP foyer_notification_queue_length Notifications waiting to be sent.");
        let _ = writeln!(out, "# TYPE foyer_notification_queue_length gauge");
        let _ = writeln!(out, "foyer_notification_queue_length {}", gauges.notification_queue);
        let _ = writeln!(out, "# HELP foyer_commands_open Desk commands not yet acknowledged by their kiosk.");
        let _ = writeln!(out, "# TYPE foyer_commands_open gauge\nfoyer_commands_open {}", gauges.open_commands);
        out.push_str(
            "# HELP foyer_logins_total Console login attempts by outcome (delayed, busy: refused unchecked).\n",
        );
        out.push_str("# TYPE foyer_logins_total counter\n");
        for (outcome, n) in self.logins.lock().unwrap_or_else(|e| e.into_inner()).iter() {
            let _ = writeln!(out, "foyer_logins_total{{outcome=\"{outcome}\"}} {n}");
        }
        out.push_str("# HELP foyer_ingest_seconds Time to store and apply one event batch.\n");
        out.push_str("# TYPE foyer_ingest_seconds histogram\n");
        self.ingest.render(&mut out, "foyer_ingest_seconds", "");
        out.push_str("# HELP foyer_notification_delivery_seconds Time from an event's receipt to its delivery.\n");
        out.push_str("# TYPE foyer_notification_delivery_seconds histogram\n");
        self.delivery.render(&mut out, "foyer_notification_delivery_seconds", "");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_histogram_counts_cumulatively() {
        let m = Metrics::default();
        m.ingest.observe(Duration::from_micros(500));
        m.ingest.observe(Duration::from_millis(30));
        m.login("delayed");
        m.login("delayed");
        let text = m.render(&Gauges { notification_queue: 2, open_commands: 0 });
        assert!(text.contains("foyer_ingest_seconds_bucket{le=\"0.001\"} 1\n"), "{text}");
        assert!(text.contains("foyer_ingest_seconds_bucket{le=\"0.05\"} 2\n"));
        assert!(text.contains("foyer_ingest_seconds_count 2\n"));
        assert!(text.contains("foyer_notification_queue_length 2\n"));
        assert!(text.contains("foyer_logins_total{outcome=\"delayed\"} 2\n"), "{text}");
    }
}
