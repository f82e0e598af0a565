//! `Authorization: Bearer <token>`, as RFC 9110 and RFC 6750 define it: the
//! scheme name is case-insensitive (`bearer`, `BEARER` work), one or more
//! spaces separate it from the token. Kiosks, API tokens and the metrics
//! scraper all read their token here, so they cannot disagree.

use axum::http::header::AUTHORIZATION;
use axum::http::HeaderMap;

/// The bearer token of the request, if it sends one that is not blank.
pub fn token(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, rest) = value.trim_start().split_once(' ')?;
    let token = rest.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then(|| token.to_owned())
}

/// Compares two secrets without stopping at the first difference, so the
/// response time does not tell how much of a guess was right.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len() && !b.is_empty() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn with(value: &'static str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(AUTHORIZATION, HeaderValue::from_static(value));
        h
    }

    #[test]
    fn the_scheme_is_case_insensitive_and_spaces_are_tolerated() {
        for v in ["Bearer fyk_1", "bearer fyk_1", "BEARER   fyk_1", "  Bearer fyk_1  "] {
            assert_eq!(token(&with(v)).as_deref(), Some("fyk_1"), "{v:?}");
        }
    }

    #[test]
    fn other_schemes_and_blank_tokens_are_no_token() {
        for v in ["Basic YTpi", "Bearer ", "Bearer", "Bearerfyk_1", "Token fyk_1"] {
            assert_eq!(token(&with(v)), None, "{v:?}");
        }
        assert_eq!(token(&HeaderMap::new()), None);
    }

    #[test]
    fn secrets_compare_equal_only_when_identical_and_non_empty() {
        assert!(same_secret("abc", "abc"));
        assert!(!same_secret("abd", "abc"));
        assert!(!same_secret("ab", "abc"));
        assert!(!same_secret("", ""));
    }
}
