//! Realistic visits in bulk, for benchmarks and tests only: never called by
//! the back office itself.
//!
//! The log it writes looks like two years of a busy lobby: varied names
//! (accents included), a few companies that come often and many that come
//! rarely, 500 hosts, mostly departed visits, some still on site, a few
//! waiting for approval, denied, expected or cancelled. Visits are inserted
//! in arrival order, as the kiosks report them. The same seed writes the
//! same rows, ids included, except that times count back from now.

use rusqlite::{params, Connection};

use super::{now_unix, DbError};

/// A visitor every 100,000th visit is called: a rare needle to search for.
pub const RARE_NAME: &str = "Ottoline Quarrington-Vázquez";

#[rustfmt::skip]
const FIRST: [&str; 40] = [
    "Ada", "José", "Zoë", "Björn", "Łukasz", "Søren", "François", "Chloé", "Anna", "Ben", "Carla", "David", "Eva",
    "Fatima", "George", "Hana", "Ivan", "Julia", "Kenji", "Lena", "Mohammed", "Nadia", "Oskar", "Priya", "Quentin",
    "Rosa", "Siobhán", "Tomás", "Ursula", "Viktor", "Wei", "Ximena", "Yusuf", "Zofia", "Álvaro", "Émilie", "Ingrid",
    "Jürgen", "Mei", "Noël",
];
#[rustfmt::skip]
const LAST: [&str; 40] = [
    "Lovelace", "Müller", "García", "O'Brien", "Nguyen", "Smith", "Kowalski", "Dubois", "Rossi", "Jensen",
    "Andersson", "Novák", "Silva", "Tanaka", "Khan", "Cohen", "Hopper", "Ødegaard", "Wójcik", "Fernández",
    "Papadopoulos", "Schmidt", "Öztürk", "Yamamoto", "Kim", "Okafor", "Mbeki", "Larsen", "Costa", "Horváth", "Dvořák",
    "Virtanen", "Murphy", "Walsh", "Chen", "Li", "Patel", "Singh", "Ivanova", "Brennan",
];
/// The first few come often (suppliers, contractors), the rest rarely.
#[rustfmt::skip]
const COMPANIES: [&str; 24] = [
    "Initech", "Globex", "Acme Ltd", "Umbrella Corp", "Smith, Jones & Co", "Müller & Söhne GmbH", "Hooli",
    "Stark Industries", "Wayne Enterprises", "\"Quoted\" Holdings", "Cyberdyne Systems", "Soylent SA",
    "Tyrell Corporation", "Wonka Industries", "Massive Dynamic", "Vandelay Industries", "Oscorp", "Pied Piper",
    "Aperture Science", "Black Mesa", "Gringotts", "Nakatomi Trading", "Sirius Cybernetics", "Veridian Dynamics",
];
const COURIERS: [&str; 4] = ["DHL", "UPS", "FedEx", "La Poste"];

const HOSTS: u64 = 500;
const TWO_YEARS: i64 = 730 * 86_400;

/// Inserts `n` visits in one transaction; deterministic from `seed`.
pub fn seed_visits(conn: &mut Connection, n: usize, seed: u64) -> Result<(), DbError> {
    // Random ids and names land all over their indexes: a big page cache
    // for the load keeps those pages in memory instead of re-reading them.
    let cache: i64 = conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
    conn.execute_batch("PRAGMA cache_size = -262144")?;
    let loaded = load(conn, n, seed);
    conn.execute_batch(&format!("PRAGMA cache_size = {cache}"))?;
    loaded
}

/// The columns written, in staging and in the log alike.
const COLUMNS: &str = "id, kiosk, visitor_name, company, email, phone, host_id, host_name, visitor_type, state,
    arrived_at, departed_at, agreement_version, invitation, flag_reason, updated_at";
/// Rows staged between moves into the log.
const BATCH: usize = 50_000;

fn load(conn: &mut Connection, n: usize, seed: u64) -> Result<(), DbError> {
    let now = now_unix();
    let mut rng = XorShift::new(seed);
    let tx = conn.transaction()?;
    // FTS5 flushes its pending terms at every statement that fires the text
    // index's trigger: row by row, that is a segment (and merges) per visit,
    // three times slower than the rest of the load. Rows are staged in a
    // temp table and moved into the log by the batch, one flush each.
    tx.execute_batch(&format!("CREATE TEMP TABLE seed_staging AS SELECT {COLUMNS} FROM visits WHERE 0"))?;
    {
        let mut stage = tx.prepare(&format!(
            "INSERT INTO temp.seed_staging ({COLUMNS})
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)"
        ))?;
        let mut flush = tx.prepare(&format!(
            "INSERT INTO visits ({COLUMNS}) SELECT {COLUMNS} FROM temp.seed_staging ORDER BY rowid"
        ))?;
        let (n_i64, step) = (n.max(1) as i64, (TWO_YEARS / n.max(1) as i64).max(1));
        for i in 0..n {
            // The last visits arrive just now, whatever the rounding of `step`.
            let slot = now - TWO_YEARS + i as i64 * TWO_YEARS / n_i64 + rng.below(step as u64) as i64;
            let v = Visit::generate(&mut rng, i, slot, now);
            let mut bytes = [0u8; 16];
            bytes[..8].copy_from_slice(&rng.next().to_le_bytes());
            bytes[8..].copy_from_slice(&rng.next().to_le_bytes());
            let id = uuid::Builder::from_random_bytes(bytes).into_uuid();
            let host = 1 + rng.below(HOSTS);
            stage.execute(params![
                id.to_string(),
                format!("lobby-{}", 1 + rng.below(3)),
                v.name,
                v.company,
                v.email,
                v.phone,
                host as i64,
                host_name(host),
                v.visitor_type,
                v.state,
                v.arrived_at,
                v.departed_at,
                v.agreement_version,
                v.invitation,
                v.flag_reason,
                v.departed_at.or(v.arrived_at).unwrap_or(slot),
            ])?;
            if (i + 1) % BATCH == 0 || i + 1 == n {
                flush.execute([])?;
                tx.execute("DELETE FROM temp.seed_staging", [])?;
            }
        }
    }
    tx.execute_batch("DROP TABLE temp.seed_staging")?;
    tx.commit()?;
    Ok(())
}

/// One generated visit.
struct Visit {
    name: String,
    company: Option<&'static str>,
    email: Option<String>,
    phone: Option<String>,
    visitor_type: &'static str,
    state: &'static str,
    arrived_at: Option<i64>,
    departed_at: Option<i64>,
    agreement_version: Option<i64>,
    invitation: Option<String>,
    flag_reason: Option<&'static str>,
}

impl Visit {
    /// Visit number `i`, due at `slot`.
    fn generate(rng: &mut XorShift, i: usize, slot: i64, now: i64) -> Self {
        let (first, last) = (FIRST[rng.below(40) as usize], LAST[rng.below(40) as usize]);
        let name = if i % 100_000 == 50_000 { RARE_NAME.to_owned() } else { format!("{first} {last}") };
        let visitor_type = match rng.below(100) {
            0..55 => "guest",
            55..75 => "contractor",
            75..85 => "interview",
            _ => "delivery",
        };
        let company = match (visitor_type, rng.below(100)) {
            ("delivery", r) => Some(COURIERS[r as usize % COURIERS.len()]),
            (_, 0..15) => None,
            // Squaring skews the pick towards the first companies.
            (_, _) => Some(COMPANIES[(rng.below(24) * rng.below(24) / 23) as usize]),
        };
        let email = rng.chance(60).then(|| format!("visitor{}@example.org", rng.below(1_000_000)));
        let phone = rng.chance(40).then(|| format!("+44 7700 9{:05}", rng.below(100_000)));
        let agreement_version = (visitor_type == "contractor" || rng.chance(70)).then(|| 1 + rng.below(3) as i64);
        let recent = now - slot < 8 * 3_600;
        let (state, arrived_at, departed_at) = match rng.below(100) {
            0..2 => ("expected", None, None),
            2 => ("cancelled", None, None),
            3 => ("denied", Some(slot), None),
            4 if recent => ("pending_approval", Some(slot), None),
            5..65 if recent => ("on_site", Some(slot), None),
            _ => ("departed", Some(slot), Some((slot + 600 + rng.below(8 * 3_600) as i64).min(now))),
        };
        Self {
            name,
            company,
            email,
            phone,
            visitor_type,
            state,
            arrived_at,
            departed_at,
            agreement_version,
            invitation: (state == "expected" || rng.chance(10)).then(|| format!("INV{:06}", rng.below(1_000_000))),
            flag_reason: matches!(state, "denied" | "pending_approval").then_some("watchlist match"),
        }
    }
}

/// Host `id`'s name: the same on every visit to that host.
fn host_name(id: u64) -> String {
    format!("{} {}", FIRST[(id * 7 % 40) as usize], LAST[(id * 13 / 7 % 40) as usize])
}

/// Marsaglia's xorshift64: enough spread for fake data, no dependency.
struct XorShift(u64);

impl XorShift {
    fn new(seed: u64) -> Self {
        // Zero is xorshift's one fixed point; mix the seed away from it.
        Self((seed ^ 0x9E37_79B9_7F4A_7C15).max(1))
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;

    fn seeded(n: usize, seed: u64) -> Vec<(String, String, String, Option<i64>)> {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("bo.db")).unwrap();
        db.with(|c| seed_visits(c, n, seed)).unwrap();
        db.with(|c| {
            let mut stmt = c.prepare("SELECT id, visitor_name, state, arrived_at FROM visits ORDER BY rowid")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
        .unwrap()
    }

    #[test]
    fn the_same_seed_writes_the_same_visits() {
        let (a, b) = (seeded(300, 7), seeded(300, 7));
        let ids = |v: &[(String, String, String, Option<i64>)]| v.iter().map(|r| r.0.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&a), ids(&b));
        assert_ne!(ids(&a), ids(&seeded(300, 8)));
    }

    #[test]
    fn the_log_is_mostly_departed_with_some_visitors_on_site_and_some_never_arrived() {
        let rows = seeded(5_000, 1);
        let count = |s: &str| rows.iter().filter(|r| r.2 == s).count();
        assert!(count("departed") > 4_500, "{}", count("departed"));
        assert!(count("expected") + count("cancelled") > 50);
        assert!(rows.iter().all(|r| (r.3.is_none()) == matches!(r.2.as_str(), "expected" | "cancelled")));
        let names: std::collections::HashSet<_> = rows.iter().map(|r| &r.1).collect();
        assert!(names.len() > 1_000 && names.iter().any(|n| !n.is_ascii()));
        let now = now_unix();
        assert!(rows.iter().filter_map(|r| r.3).all(|at| at <= now && at > now - TWO_YEARS - 86_400));
    }
}
