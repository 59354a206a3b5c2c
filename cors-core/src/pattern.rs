//! Origin patterns: `https://*.example.com` and `http://localhost:*`, matched with
//! prefix/suffix byte comparisons that respect label and port boundaries.

use core::fmt;

/// The host part of a pattern.
///
/// # Example
///
/// ```
/// use cors_policy_core::{HostPattern, OriginPattern, PortPattern};
///
/// let exact = OriginPattern { scheme: "https", host: HostPattern::Exact("example.com"), port: PortPattern::Default };
/// let under = OriginPattern { host: HostPattern::Subdomains("example.com"), ..exact };
/// assert!(exact.matches(b"https://example.com") && !under.matches(b"https://example.com"));
/// assert!(under.matches(b"https://api.example.com") && !exact.matches(b"https://api.example.com"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HostPattern<'a> {
    /// Exactly this host.
    Exact(&'a str),
    /// One or more labels, then this domain (`*.example.com` holds `example.com`);
    /// never the domain itself.
    Subdomains(&'a str),
}

/// The port part of a pattern.
///
/// # Example
///
/// ```
/// use cors_policy_core::{HostPattern, OriginPattern, PortPattern};
///
/// let default = OriginPattern { scheme: "http", host: HostPattern::Exact("localhost"), port: PortPattern::Default };
/// let exact = OriginPattern { port: PortPattern::Exact(3000), ..default };
/// assert!(default.matches(b"http://localhost") && !default.matches(b"http://localhost:3000"));
/// assert!(exact.matches(b"http://localhost:3000") && !exact.matches(b"http://localhost:3001"));
/// assert_eq!(exact.to_string(), "http://localhost:3000");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PortPattern {
    /// No port: the scheme's default.
    Default,
    /// Exactly this (non-default) port.
    Exact(u16),
    /// Any port, and the default one (no port at all).
    Any,
}

/// A compiled origin pattern. The `cors!` expansion builds these as constants and calls
/// [`matches`](OriginPattern::matches), which inlines to a handful of comparisons.
///
/// # Example
///
/// ```
/// use cors_policy_core::{HostPattern, OriginPattern, PortPattern};
///
/// const SUBDOMAINS: OriginPattern<'static> = OriginPattern {
///     scheme: "https",
///     host: HostPattern::Subdomains("example.com"),
///     port: PortPattern::Default,
/// };
/// assert!(SUBDOMAINS.matches(b"https://a.b.example.com"));
/// assert!(!SUBDOMAINS.matches(b"https://example.com"));
/// assert!(!SUBDOMAINS.matches(b"https://evilexample.com"));
/// assert!(!SUBDOMAINS.matches(b"https://example.com.evil.com"));
/// assert!(!SUBDOMAINS.matches(b"https://a.example.com:8443"));
///
/// const ANY_PORT: OriginPattern<'static> = OriginPattern {
///     scheme: "http",
///     host: HostPattern::Exact("localhost"),
///     port: PortPattern::Any,
/// };
/// assert!(ANY_PORT.matches(b"http://localhost:5173"));
/// assert!(ANY_PORT.matches(b"http://localhost"));
/// assert!(!ANY_PORT.matches(b"http://localhost.evil.com"));
/// assert!(!ANY_PORT.matches(b"http://localhost:0"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct OriginPattern<'a> {
    /// The scheme, lowercase, without `://`.
    pub scheme: &'a str,
    /// The host.
    pub host: HostPattern<'a>,
    /// The port.
    pub port: PortPattern,
}

impl OriginPattern<'_> {
    /// Whether a request's `Origin` bytes match. Linear in `origin.len()`, no allocation.
    #[inline]
    pub fn matches(&self, origin: &[u8]) -> bool {
        let Some(rest) = strip_prefix(origin, self.scheme.as_bytes()) else {
            return false;
        };
        let Some(authority) = rest.strip_prefix(b"://") else {
            return false;
        };
        let host = match self.port {
            PortPattern::Default => authority,
            PortPattern::Exact(port) => match split_port(authority) {
                Some((host, digits)) if parse_port(digits) == Some(port) => host,
                _ => return false,
            },
            PortPattern::Any => match split_port(authority) {
                Some((host, digits)) if parse_port(digits).is_some() => host,
                Some(_) => return false,
                None => authority,
            },
        };
        match self.host {
            HostPattern::Exact(exact) => {
                host.len() == exact.len() && same_bytes(host, exact.as_bytes())
            }
            HostPattern::Subdomains(domain) => strip_suffix(host, domain.as_bytes())
                .and_then(|labels| labels.strip_suffix(b"."))
                .is_some_and(is_wildcard_label_run),
        }
    }

    /// Whether every origin this pattern matches is also matched by `wider`.
    ///
    /// ```
    /// use cors_policy_core::{HostPattern, OriginPattern, PortPattern};
    /// let wide = OriginPattern { scheme: "https", host: HostPattern::Subdomains("example.com"), port: PortPattern::Any };
    /// let narrow = OriginPattern { scheme: "https", host: HostPattern::Subdomains("api.example.com"), port: PortPattern::Default };
    /// assert!(narrow.is_covered_by(&wide));
    /// assert!(!wide.is_covered_by(&narrow));
    /// ```
    pub fn is_covered_by(&self, wider: &OriginPattern<'_>) -> bool {
        let port_covered = match (self.port, wider.port) {
            (_, PortPattern::Any) => true,
            (PortPattern::Any, _) => false,
            (mine, theirs) => mine == theirs,
        };
        let host_covered = match (self.host, wider.host) {
            (HostPattern::Exact(mine), HostPattern::Exact(theirs)) => mine == theirs,
            (HostPattern::Subdomains(_), HostPattern::Exact(_)) => false,
            (HostPattern::Exact(mine), HostPattern::Subdomains(domain))
            | (HostPattern::Subdomains(mine), HostPattern::Subdomains(domain)) => {
                is_subdomain_or_same(mine, domain, self.host == HostPattern::Subdomains(mine))
            }
        };
        self.scheme == wider.scheme && port_covered && host_covered
    }
}

/// `host` lies under `*.domain`: a strict subdomain whose labels before `domain` are
/// what `*` stands for ([`is_wildcard_label_run`], the matcher's own rule: `a_b` or `-a`
/// are not), or (for a subdomain pattern) the same domain.
fn is_subdomain_or_same(host: &str, domain: &str, same_is_enough: bool) -> bool {
    (same_is_enough && host == domain)
        || host
            .strip_suffix(domain)
            .and_then(|labels| labels.strip_suffix('.'))
            .is_some_and(|labels| is_wildcard_label_run(labels.as_bytes()))
}

impl fmt::Display for OriginPattern<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}://", self.scheme)?;
        match self.host {
            HostPattern::Exact(host) => f.write_str(host)?,
            HostPattern::Subdomains(domain) => write!(f, "*.{domain}")?,
        }
        match self.port {
            PortPattern::Default => Ok(()),
            PortPattern::Exact(port) => write!(f, ":{port}"),
            PortPattern::Any => f.write_str(":*"),
        }
    }
}

/// `bytes` without `prefix`, when it starts with it.
#[inline(always)]
fn strip_prefix<'b>(bytes: &'b [u8], prefix: &[u8]) -> Option<&'b [u8]> {
    let (head, rest) = bytes.split_at_checked(prefix.len())?;
    same_bytes(head, prefix).then_some(rest)
}

/// `bytes` without `suffix`, when it ends with it.
#[inline(always)]
fn strip_suffix<'b>(bytes: &'b [u8], suffix: &[u8]) -> Option<&'b [u8]> {
    let (rest, tail) = bytes.split_at_checked(bytes.len().checked_sub(suffix.len())?)?;
    same_bytes(tail, suffix).then_some(rest)
}

/// Whether two slices of the same length hold the same bytes. A pattern's scheme and
/// domain are short: from 4 to 16 bytes they are compared as two overlapping words
/// each, which is what the compiler makes of `==` with a constant (the `cors!`
/// expansion's patterns); a runtime policy's pattern, whose length is not a constant,
/// would otherwise call `memcmp` for each (about 20 instructions apiece, measured).
#[inline(always)]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    debug_assert_eq!(a.len(), b.len());
    if (8..=16).contains(&b.len()) {
        if let (Some(a_head), Some(a_tail), Some(b_head), Some(b_tail)) = (
            a.first_chunk::<8>(),
            a.last_chunk::<8>(),
            b.first_chunk::<8>(),
            b.last_chunk::<8>(),
        ) {
            return a_head == b_head && a_tail == b_tail;
        }
    } else if (4..8).contains(&b.len())
        && let (Some(a_head), Some(a_tail), Some(b_head), Some(b_tail)) = (
            a.first_chunk::<4>(),
            a.last_chunk::<4>(),
            b.first_chunk::<4>(),
            b.last_chunk::<4>(),
        )
    {
        return a_head == b_head && a_tail == b_tail;
    }
    a == b
}

/// Splits `host:port` at the last colon when what follows it has no `]` (so a bare
/// IPv6 literal is never split inside its brackets).
fn split_port(authority: &[u8]) -> Option<(&[u8], &[u8])> {
    let colon = authority.iter().rposition(|&byte| byte == b':')?;
    let (host, digits) = (&authority[..colon], &authority[colon + 1..]);
    if digits.contains(&b']') {
        None
    } else {
        Some((host, digits))
    }
}

/// A serialized port: 1..=65535 in decimal without leading zeros.
fn parse_port(digits: &[u8]) -> Option<u16> {
    if digits.is_empty() || digits.len() > 5 || digits[0] == b'0' {
        return None;
    }
    let mut value: u32 = 0;
    for &digit in digits {
        if !digit.is_ascii_digit() {
            return None;
        }
        value = value * 10 + u32::from(digit - b'0');
    }
    u16::try_from(value).ok()
}

/// What the `*` of `*.example.com` stands for: one or more dot-separated LDH labels
/// (RFC 952/1123 host names, as browsers serialize them): lowercase letters, digits
/// and `-`, neither first nor last, 1 to 63 bytes each. `_`, a leading or trailing
/// `-`, uppercase and empty labels are never matched by `*`, though an exact origin
/// may list them. Both the `cors!` expansion and runtime policies match through
/// [`OriginPattern::matches`], so this is the one definition.
///
/// ```
/// use cors_policy_core::{HostPattern, OriginPattern, PortPattern};
///
/// let pattern = OriginPattern { scheme: "https", host: HostPattern::Subdomains("app.test"), port: PortPattern::Default };
/// assert!(pattern.matches(b"https://a-b.app.test"));
/// assert!(pattern.matches(b"https://xn--bcher-kva.app.test"));
/// for outside in ["https://-a.app.test", "https://a-.app.test", "https://a_b.app.test"] {
///     assert!(!pattern.matches(outside.as_bytes()), "{outside}");
/// }
/// ```
pub fn is_wildcard_label_run(labels: &[u8]) -> bool {
    !labels.is_empty() && labels.split(|&byte| byte == b'.').all(is_ldh_label)
}

/// One LDH label: `[a-z0-9]`, or `[a-z0-9][a-z0-9-]{0,61}[a-z0-9]`.
fn is_ldh_label(label: &[u8]) -> bool {
    match label {
        [] => false,
        [first, .., last] if *first == b'-' || *last == b'-' => false,
        [only] if *only == b'-' => false,
        _ => {
            label.len() <= 63
                && label
                    .iter()
                    .all(|&byte| matches!(byte, b'a'..=b'z' | b'0'..=b'9' | b'-'))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word comparisons agree with the standard library's, at every length and for
    /// a difference at every position.
    #[test]
    fn short_comparisons_agree_with_the_standard_ones() {
        let text: Vec<u8> = (0..40).map(|i| b'a' + (i % 26) as u8).collect();
        for len in 0..=text.len() {
            let piece = &text[..len];
            let mut others = vec![piece.to_vec()];
            for position in 0..len {
                let mut other = piece.to_vec();
                other[position] = b'-';
                others.push(other);
            }
            for other in &others {
                assert_eq!(same_bytes(piece, other), piece == &other[..], "{len}");
                let longer = [other.as_slice(), b"://x"].concat();
                assert_eq!(strip_prefix(&longer, piece), longer.strip_prefix(piece));
                let longer = [b"x.", other.as_slice()].concat();
                assert_eq!(strip_suffix(&longer, piece), longer.strip_suffix(piece));
            }
            let shorter = &piece[..len.saturating_sub(1)];
            assert_eq!(strip_prefix(shorter, piece), shorter.strip_prefix(piece));
            assert_eq!(strip_suffix(shorter, piece), shorter.strip_suffix(piece));
        }
    }

    const SUB: OriginPattern<'static> = OriginPattern {
        scheme: "https",
        host: HostPattern::Subdomains("example.com"),
        port: PortPattern::Default,
    };

    /// O14 calls an entry covered only when the pattern matches everything it allows:
    /// hosts the pattern's `*` never stands for are not covered, however they end.
    #[test]
    fn o14_covered_means_matched_by_the_pattern() {
        let exact = |host| OriginPattern {
            scheme: "https",
            host: HostPattern::Exact(host),
            port: PortPattern::Default,
        };
        let under = |domain| OriginPattern {
            scheme: "https",
            host: HostPattern::Subdomains(domain),
            port: PortPattern::Default,
        };
        for host in [
            "a.example.com",
            "a.b.example.com",
            "xn--bcher-kva.example.com",
        ] {
            assert!(exact(host).is_covered_by(&SUB), "{host}");
            assert!(SUB.matches(format!("https://{host}").as_bytes()));
        }
        for host in [
            "a_b.example.com",
            "-a.example.com",
            "a-.example.com",
            "example.com",
        ] {
            assert!(!exact(host).is_covered_by(&SUB), "{host}");
            assert!(!SUB.matches(format!("https://{host}").as_bytes()));
        }
        assert!(under("a.example.com").is_covered_by(&SUB));
        assert!(under("example.com").is_covered_by(&SUB));
        assert!(!under("a_b.example.com").is_covered_by(&SUB));
    }

    #[test]
    fn o12_subdomain_pattern_respects_label_boundaries() {
        for good in [
            "https://a.example.com",
            "https://a-b.c.example.com",
            "https://0.example.com",
            "https://a--b.example.com",
            "https://xn--bcher-kva.example.com",
        ] {
            assert!(SUB.matches(good.as_bytes()), "{good}");
        }
        let long = format!("https://{}.example.com", "a".repeat(64));
        let longest = format!("https://{}.example.com", "a".repeat(63));
        assert!(SUB.matches(longest.as_bytes()));
        for bad in [
            long.as_str(),
            // Not LDH labels: a `*` never stands for them.
            "https://x_y.example.com",
            "https://-a.example.com",
            "https://a-.example.com",
            "https://-.example.com",
            "https://b.-a.example.com",
            "https://a-.b.example.com",
            "https://example.com",
            "https://.example.com",
            "https://a..example.com",
            "https://evilexample.com",
            "https://example.com.evil.com",
            "https://a.example.com.",
            "https://A.example.com",
            "http://a.example.com",
            "https://a.example.com:443",
            "https://a.example.com:8443",
            "https://user@a.example.com",
            "https://evil.com/.example.com",
            "https://evil.com:.example.com",
            "https//a.example.com",
            "",
        ] {
            assert!(!SUB.matches(bad.as_bytes()), "{bad}");
        }
    }

    #[test]
    fn o12_port_pattern_checks_the_port() {
        let any = OriginPattern {
            scheme: "http",
            host: HostPattern::Exact("localhost"),
            port: PortPattern::Any,
        };
        for good in [
            "http://localhost",
            "http://localhost:1",
            "http://localhost:65535",
        ] {
            assert!(any.matches(good.as_bytes()), "{good}");
        }
        for bad in [
            "http://localhost:",
            "http://localhost:0",
            "http://localhost:08080",
            "http://localhost:65536",
            "http://localhost:999999",
            "http://localhost:80a",
            "http://localhost.evil.com:80",
            "http://localhostx:80",
            "http://127.0.0.1:80",
        ] {
            assert!(!any.matches(bad.as_bytes()), "{bad}");
        }
        let ipv6 = OriginPattern {
            scheme: "http",
            host: HostPattern::Exact("[::1]"),
            port: PortPattern::Any,
        };
        assert!(ipv6.matches(b"http://[::1]:3000"));
        assert!(ipv6.matches(b"http://[::1]"));
        assert!(!ipv6.matches(b"http://[::2]"));
    }

    #[test]
    fn exact_port_on_subdomains() {
        let pattern = OriginPattern {
            scheme: "https",
            host: HostPattern::Subdomains("example.com"),
            port: PortPattern::Exact(8443),
        };
        assert!(pattern.matches(b"https://a.example.com:8443"));
        assert!(!pattern.matches(b"https://a.example.com"));
        assert!(!pattern.matches(b"https://a.example.com:8444"));
    }

    #[test]
    fn display_round_trips_the_source_form() {
        assert_eq!(SUB.to_string(), "https://*.example.com");
    }

    #[test]
    fn o14_coverage() {
        let exact = |host| OriginPattern {
            scheme: "https",
            host: HostPattern::Exact(host),
            port: PortPattern::Default,
        };
        assert!(exact("a.example.com").is_covered_by(&SUB));
        assert!(!exact("example.com").is_covered_by(&SUB));
        assert!(!exact("badexample.com").is_covered_by(&SUB));
        assert!(SUB.is_covered_by(&SUB));
    }
}
