//! The origin rules applied to a request's `Origin` bytes: what an origin that the
//! application allows at run time (from a database, a predicate) must still pass.
//!
//! A literal origin in a policy is checked once, by [`parse_origin`] and the list rules;
//! an origin from a source is checked here, per request, by the same [`parse_origin`]
//! and the same flags, before it can be echoed. One rule, one implementation.

use crate::engine::MAX_ORIGIN_LEN;
use crate::origin::{OriginEntry, parse_origin};
use crate::rule::Rule;

/// The flags of a policy that decide which origins may be allowed at all: the same
/// ones that the compile-time rules O10, O13 and C2 read.
///
/// # Example
///
/// ```
/// use cors_policy_core::{OriginRules, Rule};
///
/// let rules = OriginRules { credentials: true, ..OriginRules::DEFAULT };
/// assert_eq!(rules.check(b"https://tenant.example"), Ok(()));
/// assert_eq!(rules.check(b"http://tenant.example"), Err(Rule::O13));
/// assert_eq!(rules.check(b"null"), Err(Rule::O10));
/// assert_eq!(rules.check(b"https://tenant.example/"), Err(Rule::O4));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct OriginRules {
    /// The policy sends credentials: plain-`http` origins that are not loopback break
    /// rule O13 unless [`allow_insecure`](OriginRules::allow_insecure).
    pub credentials: bool,
    /// `dangerously_allow_null_origin`: `null` may be allowed (rule O10).
    pub allow_null: bool,
    /// `dangerously_allow_insecure_origins`: plain `http` with credentials (rule O13).
    pub allow_insecure: bool,
    /// `cross_origin_protection`: the allowed origins are the trusted ones, so `null`
    /// is never allowed, whatever [`allow_null`](OriginRules::allow_null) says (rule C2).
    pub cross_origin_protection: bool,
}

impl OriginRules {
    /// No credentials, no dangerous opt-in.
    pub const DEFAULT: OriginRules = OriginRules {
        credentials: false,
        allow_null: false,
        allow_insecure: false,
        cross_origin_protection: false,
    };

    /// Whether `origin`, a request's `Origin` value, could be allowed: `Ok` when it is
    /// an origin a policy could list literally, else the rule it breaks.
    ///
    /// - longer than [`MAX_ORIGIN_LEN`] bytes, not UTF-8, `*` or a pattern: O4 (not a
    ///   serialized origin);
    /// - every check of [`parse_origin`] (O4–O9, O11, O12), and the value must be the
    ///   origin's serialization byte for byte;
    /// - `null` without [`allow_null`](OriginRules::allow_null): O10; with it, under
    ///   [`cross_origin_protection`](OriginRules::cross_origin_protection): C2;
    /// - plain `http`, not loopback, with credentials and without
    ///   [`allow_insecure`](OriginRules::allow_insecure): O13.
    ///
    /// Linear in the origin's length (at most [`MAX_ORIGIN_LEN`] bytes are read); it
    /// allocates (parsing builds the origin's parts), which is why the adapters' static
    /// path never calls it.
    ///
    /// ```
    /// use cors_policy_core::{OriginRules, Rule};
    ///
    /// let rules = OriginRules::DEFAULT;
    /// assert_eq!(rules.check(b"http://localhost:3000"), Ok(()));
    /// assert_eq!(rules.check(b"HTTPS://app.example"), Err(Rule::O5));
    /// assert_eq!(rules.check(b"https://app.example:443"), Err(Rule::O6));
    /// assert_eq!(rules.check(b"https://*.example.com"), Err(Rule::O4));
    /// assert_eq!(rules.check(b"file://host"), Err(Rule::O11));
    /// ```
    pub fn check(&self, origin: &[u8]) -> Result<(), Rule> {
        if origin.len() > MAX_ORIGIN_LEN {
            return Err(Rule::O4);
        }
        let text = core::str::from_utf8(origin).map_err(|_| Rule::O4)?;
        match parse_origin(text).map_err(|problem| problem.rule)? {
            OriginEntry::Null if !self.allow_null => Err(Rule::O10),
            OriginEntry::Null if self.cross_origin_protection => Err(Rule::C2),
            OriginEntry::Null => Ok(()),
            // A request never sends `*` or a pattern: not a serialized origin.
            OriginEntry::Any | OriginEntry::Pattern(_) => Err(Rule::O4),
            OriginEntry::Exact(origin) => {
                if origin.to_string() != text {
                    return Err(Rule::O4);
                }
                if self.credentials
                    && !self.allow_insecure
                    && origin.scheme == "http"
                    && !origin.is_loopback()
                {
                    return Err(Rule::O13);
                }
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_origin_rule_applies_to_the_request_bytes() {
        let rules = OriginRules::DEFAULT;
        for (origin, rule) in [
            (&b""[..], Rule::O4),
            (b"app.example", Rule::O4),
            (b"https://app.example/", Rule::O4),
            (b"https://user@app.example", Rule::O4),
            (b" https://app.example", Rule::O4),
            (b"*", Rule::O4),
            (b"http://localhost:*", Rule::O4),
            (b"https://App.example", Rule::O5),
            (b"http://app.example:80", Rule::O6),
            (b"http://app.example:080", Rule::O7),
            (b"http://app.example:0", Rule::O7),
            (b"https://b\xc3\xbccher.example", Rule::O8),
            (b"http://127.1", Rule::O9),
            (b"http://[0:0:0:0:0:0:0:1]", Rule::O9),
            (b"null", Rule::O10),
            (b"NULL", Rule::O5),
            (b"file://x", Rule::O11),
            (b"https://a*.example", Rule::O12),
            (b"https://\xff.example", Rule::O4),
        ] {
            assert_eq!(rules.check(origin), Err(rule), "{origin:?}");
        }
    }

    #[test]
    fn longer_than_the_cap_is_refused_before_parsing() {
        let mut origin = b"https://".to_vec();
        origin.resize(MAX_ORIGIN_LEN + 1, b'a');
        assert_eq!(OriginRules::DEFAULT.check(&origin), Err(Rule::O4));
    }

    #[test]
    fn opt_ins_and_credentials() {
        let credentials = OriginRules {
            credentials: true,
            ..OriginRules::DEFAULT
        };
        assert_eq!(credentials.check(b"http://tenant.example"), Err(Rule::O13));
        assert_eq!(credentials.check(b"http://localhost:8080"), Ok(()));
        assert_eq!(credentials.check(b"http://[::1]:8080"), Ok(()));
        assert_eq!(credentials.check(b"https://tenant.example"), Ok(()));
        let insecure = OriginRules {
            allow_insecure: true,
            ..credentials
        };
        assert_eq!(insecure.check(b"http://tenant.example"), Ok(()));
        assert_eq!(OriginRules::DEFAULT.check(b"http://tenant.example"), Ok(()));
        let null = OriginRules {
            allow_null: true,
            ..OriginRules::DEFAULT
        };
        assert_eq!(null.check(b"null"), Ok(()));
        let protected = OriginRules {
            cross_origin_protection: true,
            ..null
        };
        assert_eq!(protected.check(b"null"), Err(Rule::C2));
        let protected_without_opt_in = OriginRules {
            cross_origin_protection: true,
            ..OriginRules::DEFAULT
        };
        assert_eq!(protected_without_opt_in.check(b"null"), Err(Rule::O10));
    }

    #[test]
    fn canonical_forms_pass() {
        for origin in [
            &b"https://app.example.com"[..],
            b"http://127.0.0.1:3000",
            b"http://[::1]:3000",
            b"https://xn--bcher-kva.example",
            b"chrome-extension://abcdefghijklmnop",
        ] {
            assert_eq!(OriginRules::DEFAULT.check(origin), Ok(()), "{origin:?}");
        }
    }
}
