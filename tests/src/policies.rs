//! The named policies of the scenario table, declared with `cors!` exactly as users
//! declare theirs: the table tests the generated matchers, not stand-ins. [`built`]
//! gives each one's runtime twin.

/// The origin every specific-origin policy allows.
pub const APP: &str = "https://app.test";

cors_runtime::cors! {
    /// `https://app.test` and `https://*.app.test`, `PUT`/`DELETE`/`PATCH`, two request
    /// headers, credentials, a max-age and one exposed header.
    pub struct Strict {
        origin: ["https://app.test", "https://*.app.test"],
        methods: [PUT, DELETE, PATCH],
        allow_headers: ["content-type", "x-api-key"],
        expose_headers: ["x-total-count"],
        credentials: true,
        max_age: 600,
    }
}

cors_runtime::cors! {
    /// `origin: *`, any method, any request header (but `authorization`, which `*` never
    /// covers), no credentials.
    pub struct AnyOrigin {
        origin: *,
        methods: *,
        allow_headers: *,
    }
}

cors_runtime::cors! {
    /// `https://app.test`, `PUT`, `content-type`, one exposed header; accepted
    /// preflights go on to the handler, which answers 200.
    pub struct Continue {
        origin: "https://app.test",
        methods: [PUT],
        allow_headers: ["content-type"],
        expose_headers: ["x-total-count"],
        preflight_continue: true,
        preflight_status: 200,
    }
}

cors_runtime::cors! {
    /// [`AnyOrigin`]'s wildcards with accepted preflights passed on to the handler: the
    /// handler's response lists what the preflight asked for, values the layer took from
    /// the request before the handler had it.
    pub struct AnyContinue {
        origin: *,
        methods: *,
        allow_headers: *,
        preflight_continue: true,
        preflight_status: 200,
    }
}

cors_runtime::cors! {
    /// `https://app.test`, `PUT`, with private network access enabled.
    pub struct PrivateNet {
        origin: "https://app.test",
        methods: [PUT],
        private_network: true,
    }
}

cors_runtime::cors! {
    /// [`Strict`]'s origins, methods and credentials with `cross_origin_protection`: the
    /// server is `api.test`.
    pub struct Protected {
        origin: ["https://app.test", "https://*.app.test"],
        methods: [PUT, DELETE],
        expose_headers: ["x-total-count"],
        credentials: true,
        cross_origin_protection: true,
    }
}

/// The named policy rebuilt at run time by `Policy::builder()` from the same keys as its
/// `cors!` above: the same table, through lookup tables instead of generated code.
pub fn built(name: PolicyName) -> cors_runtime::Policy {
    let builder = cors_runtime::Policy::builder();
    match name {
        PolicyName::Strict => builder
            .origins([APP, "https://*.app.test"])
            .methods(["PUT", "DELETE", "PATCH"])
            .allow_headers(["content-type", "x-api-key"])
            .expose_headers(["x-total-count"])
            .credentials(true)
            .max_age(600),
        PolicyName::AnyOrigin => builder.any_origin().methods(["*"]).allow_headers(["*"]),
        PolicyName::Continue => builder
            .origin(APP)
            .methods(["PUT"])
            .allow_headers(["content-type"])
            .expose_headers(["x-total-count"])
            .preflight_continue(true)
            .preflight_status(200),
        PolicyName::AnyContinue => builder
            .any_origin()
            .methods(["*"])
            .allow_headers(["*"])
            .preflight_continue(true)
            .preflight_status(200),
        PolicyName::PrivateNet => builder.origin(APP).methods(["PUT"]).private_network(true),
        PolicyName::Protected => builder
            .origins([APP, "https://*.app.test"])
            .methods(["PUT", "DELETE"])
            .expose_headers(["x-total-count"])
            .credentials(true)
            .cross_origin_protection(true),
    }
    .build()
    .expect("the named policies are valid")
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
    /// [`AnyContinue`].
    AnyContinue,
    /// [`PrivateNet`].
    PrivateNet,
    /// [`Protected`].
    Protected,
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
            $crate::PolicyName::AnyContinue => {
                let $policy = $crate::AnyContinue;
                $body
            }
            $crate::PolicyName::PrivateNet => {
                let $policy = $crate::PrivateNet;
                $body
            }
            $crate::PolicyName::Protected => {
                let $policy = $crate::Protected;
                $body
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use cors_runtime::CorsPolicy;

    #[test]
    fn the_generated_pattern_respects_label_boundaries() {
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
