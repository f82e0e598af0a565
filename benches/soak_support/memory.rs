//! The process's own memory as the kernel accounts it: PSS (what the
//! issue's targets are in), anonymous memory (what a leak grows) and RSS,
//! from `/proc/self/smaps_rollup`.

#[derive(Debug, Clone, Copy)]
pub struct Memory {
    pub pss_kb: u64,
    pub anon_kb: u64,
    pub rss_kb: u64,
}

impl Memory {
    pub fn now() -> Self {
        let text = std::fs::read_to_string("/proc/self/smaps_rollup").expect("/proc/self/smaps_rollup (Linux only)");
        let field = |name: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(name).and_then(|v| v.trim().strip_suffix("kB")))
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or_else(|| panic!("no {name} line in smaps_rollup"))
        };
        Self { pss_kb: field("Pss:"), anon_kb: field("Anonymous:"), rss_kb: field("Rss:") }
    }

    /// One line a parent process parses back (`visits=… pss_kb=…`).
    pub fn line(&self, visits: usize) -> String {
        format!("SOAK visits={visits} pss_kb={} anon_kb={} rss_kb={}", self.pss_kb, self.anon_kb, self.rss_kb)
    }

    pub fn parse(line: &str) -> Option<(usize, Self)> {
        let rest = line.strip_prefix("SOAK ")?;
        let mut visits = None;
        let (mut pss_kb, mut anon_kb, mut rss_kb) = (None, None, None);
        for pair in rest.split_whitespace() {
            let (k, v) = pair.split_once('=')?;
            let v: u64 = v.parse().ok()?;
            match k {
                "visits" => visits = Some(v as usize),
                "pss_kb" => pss_kb = Some(v),
                "anon_kb" => anon_kb = Some(v),
                "rss_kb" => rss_kb = Some(v),
                _ => return None,
            }
        }
        Some((visits?, Self { pss_kb: pss_kb?, anon_kb: anon_kb?, rss_kb: rss_kb? }))
    }
}
