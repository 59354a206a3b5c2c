//! The named policies of the scenario table, written by hand until `cors!` can write
//! them. Each is a zero-sized [`CorsPolicy`], as `cors!` will generate.

use cors_runtime::{CorsPolicy, Settings};

/// The origin every specific-origin policy allows.
pub const APP: &str = "https://app.test";

/// `https://app.test` and `https://*.app.test`, `PUT`/`DELETE`/`PATCH`, two request
/// headers, credentials, a max-age and one exposed header.
#[derive(Clone, Copy, Debug, Default)]
pub struct Strict;

impl CorsPolicy for Strict {
    fn allows_origin(&self, origin: &[u8]) -> bool {
        origin == APP.as_bytes() || is_subdomain(origin, b"https://", b".app.test")
    }
    fn allows_method(&self, method: &[u8]) -> bool {
        matches!(method, b"PUT" | b"DELETE" | b"PATCH")
    }
    fn allows_request_header(&self, name: &[u8]) -> bool {
        name.eq_ignore_ascii_case(b"content-type") || name.eq_ignore_ascii_case(b"x-api-key")
    }
    fn settings(&self) -> Settings<'_> {
        Settings {
            credentials: true,
            allow_methods: Some("PUT, DELETE, PATCH"),
            allow_headers: Some("content-type, x-api-key"),
            expose_headers: Some("x-total-count"),
            max_age: Some("600"),
            ..Settings::DEFAULT
        }
    }
}

/// `origin: *`, any method, any request header (but `authorization`, which `*` never
/// covers), no credentials.
#[derive(Clone, Copy, Debug, Default)]
pub struct AnyOrigin;

impl CorsPolicy for AnyOrigin {
    fn allows_origin(&self, _: &[u8]) -> bool {
        true
    }
    fn allows_method(&self, _: &[u8]) -> bool {
        true
    }
    fn allows_request_header(&self, name: &[u8]) -> bool {
        !name.eq_ignore_ascii_case(b"authorization")
    }
    fn settings(&self) -> Settings<'_> {
        Settings {
            any_origin: true,
            allow_methods: Some("*"),
            allow_headers: Some("*"),
            ..Settings::DEFAULT
        }
    }
}

/// `https://app.test`, `PUT`, `content-type`, one exposed header; accepted preflights go
/// on to the handler.
#[derive(Clone, Copy, Debug, Default)]
pub struct Continue;

impl CorsPolicy for Continue {
    fn allows_origin(&self, origin: &[u8]) -> bool {
        origin == APP.as_bytes()
    }
    fn allows_method(&self, method: &[u8]) -> bool {
        method == b"PUT"
    }
    fn allows_request_header(&self, name: &[u8]) -> bool {
        name.eq_ignore_ascii_case(b"content-type")
    }
    fn settings(&self) -> Settings<'_> {
        Settings {
            allow_methods: Some("PUT"),
            allow_headers: Some("content-type"),
            expose_headers: Some("x-total-count"),
            preflight_continue: true,
            preflight_status: 200,
            ..Settings::DEFAULT
        }
    }
}

/// `https://app.test`, `PUT`, with private network access enabled.
#[derive(Clone, Copy, Debug, Default)]
pub struct PrivateNet;

impl CorsPolicy for PrivateNet {
    fn allows_origin(&self, origin: &[u8]) -> bool {
        origin == APP.as_bytes()
    }
    fn allows_method(&self, method: &[u8]) -> bool {
        method == b"PUT"
    }
    fn allows_request_header(&self, _: &[u8]) -> bool {
        false
    }
    fn settings(&self) -> Settings<'_> {
        Settings {
            allow_methods: Some("PUT"),
            private_network: true,
            ..Settings::DEFAULT
        }
    }
}

/// `scheme` + one or more lowercase host labels + `suffix` (which starts with a dot,
/// so that the match stops at a label boundary), no port: what `cors!` compiles
/// `https://*.app.test` to.
fn is_subdomain(origin: &[u8], scheme: &[u8], suffix: &[u8]) -> bool {
    let Some(labels) = origin
        .strip_prefix(scheme)
        .and_then(|rest| rest.strip_suffix(suffix))
    else {
        return false;
    };
    !labels.is_empty()
        && labels.split(|&byte| byte == b'.').all(|label| {
            !label.is_empty()
                && label
                    .iter()
                    .all(|&byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'-')
        })
}

/// The policies by name, for a table of scenarios.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PolicyName {
    /// [`Strict`].
    Strict,
    /// [`AnyOrigin`].
    AnyOrigin,
    /// [`Continue`].
    Continue,
    /// [`PrivateNet`].
    PrivateNet,
}

/// Runs `$body` with `$policy` bound to the value of the named policy (each arm is
/// compiled for its own type, so generic adapters see the concrete policy).
#[macro_export]
macro_rules! with_policy {
    ($name:expr, |$policy:ident| $body:expr) => {
        match $name {
            $crate::PolicyName::Strict => {
                let $policy = $crate::Strict;
                $body
            }
            $crate::PolicyName::AnyOrigin => {
                let $policy = $crate::AnyOrigin;
                $body
            }
            $crate::PolicyName::Continue => {
                let $policy = $crate::Continue;
                $body
            }
            $crate::PolicyName::PrivateNet => {
                let $policy = $crate::PrivateNet;
                $body
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hand_written_pattern_respects_label_boundaries() {
        for good in [
            "https://a.app.test",
            "https://a.b.app.test",
            "https://x-1.app.test",
        ] {
            assert!(Strict.allows_origin(good.as_bytes()), "{good}");
        }
        for bad in [
            "https://app.test.evil.com",
            "https://evilapp.test",
            "https://.app.test",
            "https://a..app.test",
            "http://a.app.test",
            "https://a.app.test:8443",
            "https://A.app.test",
            "https://a/.app.test",
            "https://app.test/",
        ] {
            assert!(!Strict.allows_origin(bad.as_bytes()), "{bad}");
        }
    }
}
