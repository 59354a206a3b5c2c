//! The policies the browser judges, declared with `cors!` as users declare theirs.
//!
//! Page origins are plain `http` on the default port (`http://app.test`,
//! `http://a.app.test`…): both engines send every `host:80` to the page server's free port
//! (see [`crate::browser`]), so the policies can name exact origins at compile time while
//! the suite binds whatever port is free. There is no TLS in the suite, hence the
//! `dangerously_allow_insecure_origins` of [`Creds`].

cors_runtime::cors! {
    /// The credentialed policy most cases run against: an exact origin, a subdomain
    /// pattern and a port pattern; four methods (`OPTIONS` so that a page's own
    /// `fetch(u, {method: "OPTIONS"})` can pass its preflight); three request headers;
    /// one exposed header; preflights cached 600 s.
    pub struct Creds {
        origin: ["http://app.test", "http://*.app.test", "http://localhost:*"],
        methods: [PUT, DELETE, PATCH, OPTIONS],
        allow_headers: ["content-type", "x-api-key", "authorization"],
        expose_headers: ["x-total-count"],
        credentials: true,
        max_age: 600,
        // The suite's pages are plain http on `.test` hosts (there is no TLS here): with
        // credentials that is rule O13's error unless the policy opts in. A real service
        // lists https origins instead.
        dangerously_allow_insecure_origins: true,
    }
}

cors_runtime::cors! {
    /// One exact origin, no credentials, no exposed header, preflights never cached.
    pub struct Plain {
        origin: "http://app.test",
        methods: [PUT],
        allow_headers: ["content-type"],
        max_age: 0,
    }
}

cors_runtime::cors! {
    /// Everything to everyone, without credentials; no `max_age` (browsers cache 5 s).
    pub struct Open {
        origin: *,
        methods: *,
        allow_headers: *,
        expose_headers: *,
    }
}

cors_runtime::cors! {
    /// The `null` origin (sandboxed iframes) and the subdomains of `app.test`, but not
    /// `app.test` itself; no request headers.
    pub struct NullOk {
        origin: ["http://*.app.test", "null"],
        methods: [PUT],
        dangerously_allow_null_origin: true,
    }
}

cors_runtime::cors! {
    /// `http://localhost` on any port, with credentials: loopback needs no
    /// `dangerously_allow_insecure_origins` (rule O13).
    pub struct Loopback {
        origin: "http://localhost:*",
        methods: [PUT],
        credentials: true,
    }
}

cors_runtime::cors! {
    /// Accepted preflights go on to the handler, whose 200 answers them.
    pub struct Continue {
        origin: "http://app.test",
        methods: [PUT],
        allow_headers: ["content-type"],
        preflight_continue: true,
        preflight_status: 200,
    }
}

cors_runtime::cors! {
    /// [`Creds`]' origins with `cross_origin_protection`: form POSTs, `no-cors` writes
    /// and WebSocket handshakes from other sites never reach a handler.
    pub struct Guarded {
        origin: ["http://app.test", "http://*.app.test"],
        methods: [PUT, DELETE],
        credentials: true,
        dangerously_allow_insecure_origins: true,
        cross_origin_protection: true,
    }
}

cors_runtime::cors! {
    /// Any method and any header (but `authorization`) from one origin, preflights cached
    /// 600 s: the layer answers each preflight with the method and headers it asked for
    /// (README, decided behaviours), which both engines cache.
    pub struct Wild {
        origin: "http://app.test",
        methods: *,
        allow_headers: *,
        max_age: 600,
    }
}

/// The tenant table of [`tenants`]: what an application's database would hold.
/// `http://a.app.test` is not in it (though [`Creds`]' pattern allows it), `null` is
/// (and rule O10 refuses it all the same), `http://evil.test` is (the table decides).
pub const TENANT_TABLE: [&str; 3] = ["http://app.test", "http://evil.test", "null"];

/// Whether the tenant table holds `origin`.
pub fn tenant_registered(origin: &str) -> bool {
    TENANT_TABLE.contains(&origin)
}

/// [`Creds`]' settings with its origins replaced by the tenant table, through
/// `DynamicOrigins`. Plain-http `.test` origins with credentials need the insecure
/// opt-in (rule O13: there is no TLS in the suite, as for [`Creds`]); `null` gets no
/// opt-in, so the rules refuse it though the table holds it.
pub type Tenants = cors_runtime::DynamicOrigins<Creds, fn(&str) -> bool>;

/// The [`Tenants`] policy.
pub fn tenants() -> Tenants {
    cors_runtime::DynamicOrigins::new(Creds, tenant_registered as fn(&str) -> bool)
        .dangerously_allow_insecure_origins(true)
}

/// The policies by name: each runs behind each adapter on its own server.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PolicyName {
    /// [`Creds`].
    Creds,
    /// [`Plain`].
    Plain,
    /// [`Open`].
    Open,
    /// [`NullOk`].
    NullOk,
    /// [`Loopback`].
    Loopback,
    /// [`Continue`].
    Continue,
    /// [`Wild`].
    Wild,
    /// [`Guarded`].
    Guarded,
    /// [`Tenants`]: origins from a tenant table, the rules kept.
    Tenants,
}

impl PolicyName {
    /// Every policy, in the order servers are started.
    pub const ALL: [PolicyName; 9] = [
        PolicyName::Creds,
        PolicyName::Plain,
        PolicyName::Open,
        PolicyName::NullOk,
        PolicyName::Loopback,
        PolicyName::Continue,
        PolicyName::Wild,
        PolicyName::Guarded,
        PolicyName::Tenants,
    ];

    /// The key of this policy's base URL in the object the page scripts get (`apis.creds`).
    pub fn key(self) -> &'static str {
        match self {
            PolicyName::Creds => "creds",
            PolicyName::Plain => "plain",
            PolicyName::Open => "open",
            PolicyName::NullOk => "nullok",
            PolicyName::Loopback => "loopback",
            PolicyName::Continue => "continue",
            PolicyName::Wild => "wild",
            PolicyName::Guarded => "guarded",
            PolicyName::Tenants => "tenants",
        }
    }

    /// The host pages use to reach this policy's server (any name reaches loopback).
    /// `api.app.test` is same-site with the `app.test` pages, so its cookies go along
    /// with `credentials: "include"`; the loopback policy is reached as `localhost`, the
    /// same site as its `localhost` pages.
    pub fn api_host(self) -> &'static str {
        match self {
            // `localhost` is potentially trustworthy: Chromium sends it `Sec-Fetch-*`
            // headers, which plain-http `.test` names never get.
            PolicyName::Loopback | PolicyName::Guarded => "localhost",
            _ => "api.app.test",
        }
    }
}

/// Runs `$body` with `$policy` bound to the value of the named policy; each arm is
/// compiled for its own policy type.
#[macro_export]
macro_rules! with_policy {
    ($name:expr, |$policy:ident| $body:expr) => {
        match $name {
            $crate::PolicyName::Creds => {
                let $policy = $crate::policies::Creds;
                $body
            }
            $crate::PolicyName::Plain => {
                let $policy = $crate::policies::Plain;
                $body
            }
            $crate::PolicyName::Open => {
                let $policy = $crate::policies::Open;
                $body
            }
            $crate::PolicyName::NullOk => {
                let $policy = $crate::policies::NullOk;
                $body
            }
            $crate::PolicyName::Loopback => {
                let $policy = $crate::policies::Loopback;
                $body
            }
            $crate::PolicyName::Continue => {
                let $policy = $crate::policies::Continue;
                $body
            }
            $crate::PolicyName::Guarded => {
                let $policy = $crate::policies::Guarded;
                $body
            }
            $crate::PolicyName::Wild => {
                let $policy = $crate::policies::Wild;
                $body
            }
            $crate::PolicyName::Tenants => {
                let $policy = $crate::policies::tenants();
                $body
            }
        }
    };
}
