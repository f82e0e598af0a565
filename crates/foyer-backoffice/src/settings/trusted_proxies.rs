//! `backoffice.trusted_proxies`: the addresses (or CIDR ranges) of the
//! reverse proxies in front of the back office. Only a connection from one
//! of them may say who the client is and whether it came over TLS.

use std::net::IpAddr;

use serde::Deserialize;

/// A list of addresses and ranges, empty by default (trust no one).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(try_from = "Vec<String>")]
pub struct TrustedProxies(Vec<Range>);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Range {
    net: IpAddr,
    prefix: u8,
}

impl TrustedProxies {
    /// Parses `192.0.2.1`, `10.0.0.0/8`, `::1`, `fd00::/8`; the error
    /// names the entry that is not one.
    pub fn parse(entries: &[String]) -> Result<Self, String> {
        entries.iter().map(|e| parse_range(e.trim())).collect::<Result<Vec<_>, _>>().map(Self)
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|r| r.contains(ip))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl TryFrom<Vec<String>> for TrustedProxies {
    type Error = String;

    fn try_from(entries: Vec<String>) -> Result<Self, String> {
        Self::parse(&entries)
    }
}

fn parse_range(entry: &str) -> Result<Range, String> {
    let bad = |why: &str| format!("trusted proxy {entry:?} is not an IP address or CIDR range: {why}");
    let (addr, prefix) = match entry.split_once('/') {
        Some((a, p)) => (a, Some(p)),
        None => (entry, None),
    };
    let net: IpAddr = addr.parse().map_err(|_| bad("the address does not parse"))?;
    let max = if net.is_ipv4() { 32 } else { 128 };
    let prefix = match prefix {
        Some(p) => {
            p.parse::<u8>().ok().filter(|p| *p <= max).ok_or_else(|| bad(&format!("the prefix must be 0 to {max}")))?
        }
        None => max,
    };
    let range = Range { net, prefix };
    if mask(net, prefix) != bits(net) {
        return Err(bad("the address has bits set beyond the prefix"));
    }
    Ok(range)
}

impl Range {
    fn contains(&self, ip: IpAddr) -> bool {
        self.net.is_ipv4() == ip.is_ipv4() && mask(ip, self.prefix) == bits(self.net)
    }
}

/// The address as a 128-bit number (IPv4 in the low 32 bits).
fn bits(ip: IpAddr) -> u128 {
    match ip {
        IpAddr::V4(v4) => u32::from(v4) as u128,
        IpAddr::V6(v6) => u128::from(v6),
    }
}

fn mask(ip: IpAddr, prefix: u8) -> u128 {
    let width = if ip.is_ipv4() { 32 } else { 128 };
    let host_bits = u32::from(width - prefix);
    let keep = if host_bits >= 128 { 0 } else { u128::MAX << host_bits };
    bits(ip) & keep
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(entries: &[&str]) -> Result<TrustedProxies, String> {
        TrustedProxies::parse(&entries.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn addresses_and_ranges_of_both_families_match() {
        let t = list(&["127.0.0.1", "10.0.0.0/8", "fd00::/8", "::1"]).unwrap();
        for yes in ["127.0.0.1", "10.255.0.1", "fd12::5", "::1"] {
            assert!(t.contains(ip(yes)), "{yes}");
        }
        for no in ["127.0.0.2", "11.0.0.1", "fe80::1", "::2"] {
            assert!(!t.contains(ip(no)), "{no}");
        }
        assert!(list(&["0.0.0.0/0"]).unwrap().contains(ip("203.0.113.1")));
        assert!(!list(&["0.0.0.0/0"]).unwrap().contains(ip("::1")), "an IPv4 range holds no IPv6 address");
        assert!(TrustedProxies::default().is_empty() && !TrustedProxies::default().contains(ip("127.0.0.1")));
    }

    #[test]
    fn a_bad_entry_is_named() {
        for bad in ["proxy.local", "10.0.0.0/33", "10.0.0.1/8", "::1/129", "10.0.0.0/x", ""] {
            let e = list(&["127.0.0.1", bad]).unwrap_err();
            assert!(e.contains(&format!("{bad:?}")), "{e}");
        }
    }

    #[test]
    fn it_reads_from_the_settings_file() {
        #[derive(Deserialize)]
        struct S {
            trusted_proxies: TrustedProxies,
        }
        let s: S = toml::from_str("trusted_proxies = [\"10.0.0.0/8\"]").unwrap();
        assert!(s.trusted_proxies.contains(ip("10.9.9.9")));
        let e = toml::from_str::<S>("trusted_proxies = [\"10.0.0.0/99\"]").err().unwrap().to_string();
        assert!(e.contains("10.0.0.0/99"), "{e}");
    }
}
