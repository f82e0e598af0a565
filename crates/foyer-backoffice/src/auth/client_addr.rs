//! Who is on the other end: the peer of the TCP connection, or — only when
//! that peer is one of `backoffice.trusted_proxies` — the client that the
//! proxy names in `X-Forwarded-For`, and whether the browser came over TLS
//! (`X-Forwarded-Proto`). From anyone else those headers are ignored: a
//! client could otherwise pick its own address to dodge the login throttle,
//! or claim TLS.

use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::HeaderMap;

use crate::settings::TrustedProxies;

/// The TCP peer, when the server was started with connection info (tests
/// that drive the router without a socket have none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Peer(pub Option<IpAddr>);

impl<S: Send + Sync> FromRequestParts<S> for Peer {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        Ok(Peer(parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip())))
    }
}

/// The client as far as it can be told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Client {
    pub ip: Option<IpAddr>,
    /// Whether a trusted proxy said the browser came over https.
    pub forwarded_https: bool,
    /// Whether a trusted proxy stood between the client and us.
    pub proxied: bool,
}

impl Client {
    /// Resolves the client of a request from `peer`.
    pub fn resolve(peer: Peer, headers: &HeaderMap, trusted: &TrustedProxies) -> Self {
        let peer = peer.0.map(canonical);
        // A trusted peer that forwards nothing (a local scraper, a health
        // check) is a client like any other.
        let forwarding = headers.contains_key("x-forwarded-for");
        let Some(ip) = peer.filter(|ip| trusted.contains(*ip) && forwarding) else {
            return Self { ip: peer, forwarded_https: false, proxied: false };
        };
        let forwarded_https = header(headers, "x-forwarded-proto")
            .and_then(|v| v.split(',').next().map(|p| p.trim().eq_ignore_ascii_case("https")))
            .unwrap_or(false);
        // Right to left: each trusted hop appended the address it saw; the
        // first address that is not a trusted proxy is the client.
        let mut client = ip;
        let hops = headers.get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok()).collect::<Vec<_>>();
        for hop in hops.iter().rev().flat_map(|v| v.rsplit(',')) {
            let Ok(hop) = hop.trim().parse::<IpAddr>().map(canonical) else { break };
            client = hop;
            if !trusted.contains(hop) {
                break;
            }
        }
        Self { ip: Some(client), forwarded_https, proxied: true }
    }

    /// The key the login throttle counts by: an IPv4 address, or the /64 of
    /// an IPv6 one (one subscriber usually holds a whole /64).
    pub fn throttle_key(&self) -> String {
        match self.ip {
            Some(IpAddr::V4(v4)) => v4.to_string(),
            Some(IpAddr::V6(v6)) => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
            None => "unknown".to_owned(),
        }
    }

    /// Whether the request came from this machine and no proxy forwarded it.
    pub fn is_local(&self) -> bool {
        !self.proxied && self.ip.is_some_and(|ip| ip.is_loopback())
    }
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// `::ffff:192.0.2.1` is 192.0.2.1.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn proxies(list: &[&str]) -> TrustedProxies {
        TrustedProxies::parse(&list.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap()
    }

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_static(v));
        }
        h
    }

    fn peer(s: &str) -> Peer {
        Peer(Some(s.parse().unwrap()))
    }

    #[test]
    fn forwarded_headers_from_an_untrusted_peer_are_ignored() {
        let h = headers(&[("x-forwarded-for", "198.51.100.7"), ("x-forwarded-proto", "https")]);
        let c = Client::resolve(peer("203.0.113.9"), &h, &proxies(&["10.0.0.0/8"]));
        assert_eq!(c.ip, Some("203.0.113.9".parse().unwrap()));
        assert!(!c.forwarded_https && !c.proxied);
    }

    #[test]
    fn a_trusted_proxy_names_the_client_and_the_scheme() {
        let h = headers(&[("x-forwarded-for", "198.51.100.7"), ("x-forwarded-proto", "https")]);
        let c = Client::resolve(peer("10.1.2.3"), &h, &proxies(&["10.0.0.0/8"]));
        assert_eq!(c.ip, Some("198.51.100.7".parse().unwrap()));
        assert!(c.forwarded_https && c.proxied && !c.is_local());
    }

    #[test]
    fn an_address_the_client_wrote_itself_is_not_believed() {
        // The client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the
        // address it really saw. The rightmost untrusted hop is the client.
        let h = headers(&[("x-forwarded-for", "1.2.3.4, 198.51.100.7, 10.0.0.2")]);
        let c = Client::resolve(peer("10.0.0.1"), &h, &proxies(&["10.0.0.0/8"]));
        assert_eq!(c.ip, Some("198.51.100.7".parse().unwrap()));
        let garbage = headers(&[("x-forwarded-for", "not-an-ip, 198.51.100.8")]);
        let c = Client::resolve(peer("10.0.0.1"), &garbage, &proxies(&["10.0.0.0/8"]));
        assert_eq!(c.ip, Some("198.51.100.8".parse().unwrap()));
    }

    #[test]
    fn ipv6_clients_are_throttled_by_their_64_and_mapped_ipv4_is_ipv4() {
        let a = Client::resolve(peer("2001:db8:1:2:aaaa::1"), &HeaderMap::new(), &proxies(&[]));
        let b = Client::resolve(peer("2001:db8:1:2:bbbb::9"), &HeaderMap::new(), &proxies(&[]));
        assert_eq!(a.throttle_key(), "2001:db8:1:2::/64");
        assert_eq!(a.throttle_key(), b.throttle_key());
        let mapped = Client::resolve(peer("::ffff:192.0.2.1"), &HeaderMap::new(), &proxies(&[]));
        assert_eq!(mapped.throttle_key(), "192.0.2.1");
        assert_eq!(Client::resolve(Peer(None), &HeaderMap::new(), &proxies(&[])).throttle_key(), "unknown");
    }

    #[test]
    fn loopback_is_local_only_without_a_proxy() {
        let none = proxies(&[]);
        assert!(Client::resolve(peer("127.0.0.1"), &HeaderMap::new(), &none).is_local());
        assert!(Client::resolve(peer("::1"), &HeaderMap::new(), &none).is_local());
        let h = headers(&[("x-forwarded-for", "198.51.100.7")]);
        assert!(!Client::resolve(peer("127.0.0.1"), &h, &proxies(&["127.0.0.1"])).is_local());
        let direct = Client::resolve(peer("127.0.0.1"), &HeaderMap::new(), &proxies(&["127.0.0.1"]));
        assert!(direct.is_local(), "the proxy's own address, forwarding nothing, is this machine");
        assert!(!Client::resolve(Peer(None), &HeaderMap::new(), &none).is_local());
    }
}
