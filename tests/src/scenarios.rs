//! The scenario table: policy × request → expected response, run unchanged against
//! every adapter. Each entry names the clause of `docs/cors-rules.md` §B it checks.

use std::fmt;

use crate::policies::{APP, PolicyName};

/// `Access-Control-Allow-Origin`.
pub const ACAO: &str = "access-control-allow-origin";
/// `Access-Control-Allow-Credentials`.
pub const ACAC: &str = "access-control-allow-credentials";
/// `Access-Control-Allow-Methods`.
pub const ACAM: &str = "access-control-allow-methods";
/// `Access-Control-Allow-Headers`.
pub const ACAH: &str = "access-control-allow-headers";
/// `Access-Control-Max-Age`.
pub const MAX_AGE: &str = "access-control-max-age";
/// `Access-Control-Allow-Private-Network`.
pub const ACAPN: &str = "access-control-allow-private-network";
/// `Access-Control-Expose-Headers`.
pub const ACEH: &str = "access-control-expose-headers";
/// Every CORS response header: a response carries exactly the expected ones.
pub const CORS_HEADERS: [&str; 7] = [ACAO, ACAC, ACAM, ACAH, MAX_AGE, ACAPN, ACEH];

/// `Access-Control-Request-Method`.
pub const ACRM: &str = "access-control-request-method";
/// `Access-Control-Request-Headers`.
pub const ACRH: &str = "access-control-request-headers";
/// `Access-Control-Request-Private-Network`.
pub const ACRPN: &str = "access-control-request-private-network";
/// `Sec-Fetch-Site`.
pub const SFS: &str = "sec-fetch-site";

/// The server's authority in the cross-origin protection rows (`Host`).
const API_HOST: &str = "api.test";

/// A `https://*.app.test` origin.
pub const SUB: &str = "https://a.b.app.test";
/// An origin no specific policy allows.
pub const EVIL: &str = "https://evil.test";

/// `Vary` of a specific-origin policy's preflight answers.
pub const PREFLIGHT_VARY: &str =
    "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";
/// `Vary` of the private-network policy's preflight answers.
pub const PRIVATE_NETWORK_VARY: &str = "Origin, Access-Control-Request-Method, \
     Access-Control-Request-Headers, Access-Control-Request-Private-Network";
/// `Vary` of the any-origin policy's preflight answers.
pub const ANY_ORIGIN_PREFLIGHT_VARY: &str =
    "Access-Control-Request-Method, Access-Control-Request-Headers";

/// A request, as every adapter's client sends it.
#[derive(Clone, Debug)]
pub struct Req {
    /// The method, byte for byte.
    pub method: &'static str,
    /// The path, or an absolute-form target.
    pub path: &'static str,
    /// Header lines in order; a name may repeat, and a value need not be UTF-8.
    pub headers: Vec<(&'static str, Vec<u8>)>,
}

impl Req {
    /// `method` on `path`, without headers.
    pub fn new(method: &'static str, path: &'static str) -> Self {
        Req {
            method,
            path,
            headers: Vec::new(),
        }
    }

    /// One more `name: value` line.
    pub fn header(mut self, name: &'static str, value: impl Into<Vec<u8>>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    fn origin(self, origin: impl Into<Vec<u8>>) -> Self {
        self.header("origin", origin)
    }

    /// `Sec-Fetch-Site: site`.
    fn site(self, site: &str) -> Self {
        self.header(SFS, site)
    }

    /// `Host: api.test`, the server of the protection rows.
    fn at_api(self) -> Self {
        self.header("host", API_HOST)
    }

    /// A WebSocket handshake's `Upgrade` (the app answers it 200, not 101: what matters
    /// is whether the handler is reached).
    fn websocket(self) -> Self {
        self.header("upgrade", "websocket")
    }

    /// A preflight from `origin` for `method`.
    fn preflight(path: &'static str, origin: &str, method: &str) -> Self {
        Req::new("OPTIONS", path)
            .origin(origin)
            .header(ACRM, method)
    }
}

/// The request line and every header line, each value [`shown`]: for a failure message
/// that stays readable whatever the request holds.
impl fmt::Display for Req {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.method, self.path)?;
        write_lines(f, &self.headers)
    }
}

/// Writes ` | name: value` for each line, the value [`shown`].
pub fn write_lines<N: AsRef<str>, V: AsRef<[u8]>>(
    f: &mut fmt::Formatter<'_>,
    lines: &[(N, V)],
) -> fmt::Result {
    for (name, value) in lines {
        write!(f, " | {}: {}", name.as_ref(), shown(value.as_ref()))?;
    }
    Ok(())
}

/// `value` for a message: bytes outside printable ASCII escaped (`\xfe`), cut after 60
/// bytes with its length.
pub fn shown(value: &[u8]) -> String {
    const KEPT: usize = 60;
    let escaped = value[..value.len().min(KEPT)].escape_ascii().to_string();
    if value.len() > KEPT {
        format!("{escaped}… ({} bytes)", value.len())
    } else {
        escaped
    }
}

/// What the response must be.
#[derive(Clone, Debug)]
pub struct Expect {
    /// The status.
    pub status: u16,
    /// How many times a handler ran (0 or 1).
    pub handler_runs: usize,
    /// Exactly the CORS response headers present, each on one line with this value;
    /// every other name of [`CORS_HEADERS`] must be absent.
    pub cors: Vec<(&'static str, String)>,
    /// Exactly the `Vary` lines, in order.
    pub vary: Vec<&'static str>,
    /// Other headers that must be present, each on one line with this value.
    pub headers: Vec<(&'static str, &'static str)>,
    /// The body, when it matters.
    pub body: Option<&'static str>,
}

impl Expect {
    /// The layer answered on its own: empty body, the handler did not run.
    fn answered(status: u16, vary: &'static str) -> Self {
        Expect {
            status,
            handler_runs: 0,
            cors: Vec::new(),
            vary: vec![vary],
            headers: Vec::new(),
            body: Some(""),
        }
    }

    /// The handler answered `status` with `body`, varying on `Origin` alone.
    fn handled(status: u16, body: &'static str) -> Self {
        Expect {
            status,
            handler_runs: 1,
            cors: Vec::new(),
            vary: vec!["Origin"],
            headers: Vec::new(),
            body: Some(body),
        }
    }

    fn cors(mut self, cors: &[(&'static str, &str)]) -> Self {
        self.cors = cors
            .iter()
            .map(|&(name, value)| (name, value.to_owned()))
            .collect();
        self
    }

    fn vary(mut self, vary: &[&'static str]) -> Self {
        self.vary = vary.to_vec();
        self
    }

    fn header(mut self, name: &'static str, value: &'static str) -> Self {
        self.headers.push((name, value));
        self
    }

    fn runs(mut self, runs: usize) -> Self {
        self.handler_runs = runs;
        self
    }

    fn any_body(mut self) -> Self {
        self.body = None;
        self
    }
}

/// One row of the table.
#[derive(Clone, Debug)]
pub struct Scenario {
    /// What it checks.
    pub name: &'static str,
    /// The policy the layer applies.
    pub policy: PolicyName,
    /// The request.
    pub request: Req,
    /// The response it must get.
    pub expect: Expect,
}

/// `Strict`'s headers on an accepted preflight from `origin`.
fn strict_preflight(origin: &str) -> Vec<(&'static str, &str)> {
    vec![
        (ACAO, origin),
        (ACAC, "true"),
        (ACAM, "PUT, DELETE, PATCH"),
        (ACAH, "content-type, x-api-key"),
        (MAX_AGE, "600"),
    ]
}

/// `Strict`'s headers on an actual response to `origin`.
fn strict_actual(origin: &str) -> Vec<(&'static str, &str)> {
    vec![(ACAO, origin), (ACAC, "true"), (ACEH, "x-total-count")]
}

/// `Protected`'s headers on an actual response to `origin`.
fn protected_actual(origin: &str) -> Vec<(&'static str, &str)> {
    vec![(ACAO, origin), (ACAC, "true"), (ACEH, "x-total-count")]
}

/// The whole table.
pub fn scenarios() -> Vec<Scenario> {
    let mut table = cors_scenarios();
    table.extend(protection_scenarios());
    table
}

/// Cross-origin protection (`cross_origin_protection: true`), one row per branch of the
/// algorithm (the crate docs of `cors-policy-core`, after Go 1.25's `CrossOriginProtection`):
/// a refusal is 403, empty body, no CORS header, `Vary: Origin`, and the handler never
/// runs.
fn protection_scenarios() -> Vec<Scenario> {
    use PolicyName::{Protected, Strict};

    let refused = || Expect::answered(403, "Origin");
    let handled = || Expect::handled(200, "ok");
    let row = |name, request, expect| Scenario {
        name,
        policy: Protected,
        request,
        expect,
    };
    let post = || Req::new("POST", "/items").at_api();
    let get = || Req::new("GET", "/items").at_api();
    vec![
        // 1. Safe methods are left alone.
        row(
            "protection: a cross-site GET reaches the handler (safe method)",
            get().origin(EVIL).site("cross-site"),
            handled(),
        ),
        row(
            "protection: a cross-site HEAD reaches the handler (safe method)",
            Req::new("HEAD", "/items")
                .at_api()
                .origin(EVIL)
                .site("cross-site"),
            handled().any_body(),
        ),
        row(
            "protection: the app's own OPTIONS from another site reaches it (safe method)",
            Req::new("OPTIONS", "/items")
                .at_api()
                .origin(EVIL)
                .site("cross-site"),
            Expect::handled(200, "options").header("allow", crate::ALLOW),
        ),
        row(
            "protection: a preflight is judged by CORS alone (refused origin: 403, preflight Vary)",
            Req::preflight("/items", EVIL, "PUT")
                .at_api()
                .site("cross-site"),
            Expect::answered(403, PREFLIGHT_VARY),
        ),
        row(
            "protection: a preflight from an allowed origin is answered as ever",
            Req::preflight("/items", APP, "PUT")
                .at_api()
                .site("cross-site"),
            Expect::answered(204, PREFLIGHT_VARY).cors(&[
                (ACAO, APP),
                (ACAC, "true"),
                (ACAM, "PUT, DELETE"),
            ]),
        ),
        row(
            "protection: lowercase `get` is not the safe `GET`: a cross-site one is refused",
            Req::new("get", "/items")
                .at_api()
                .origin(EVIL)
                .site("cross-site"),
            refused(),
        ),
        // 2. Sec-Fetch-Site: same-origin or none.
        row(
            "protection: Sec-Fetch-Site same-origin passes",
            post().origin("https://api.test").site("same-origin"),
            handled(),
        ),
        row(
            "protection: Sec-Fetch-Site same-origin passes even when Origin is not the Host's",
            post().origin(EVIL).site("same-origin"),
            handled(),
        ),
        row(
            "protection: Sec-Fetch-Site none (typed address, bookmark) passes",
            post().site("none"),
            handled(),
        ),
        // 3. Any other Sec-Fetch-Site: only an allowed origin passes.
        row(
            "protection: a cross-site POST from a refused origin is refused, handler not run",
            post().origin(EVIL).site("cross-site"),
            refused(),
        ),
        row(
            "protection: a same-site POST from a refused sibling is refused",
            post().origin("https://evil.api.test").site("same-site"),
            refused(),
        ),
        row(
            "protection: a cross-site DELETE from a refused origin is refused",
            Req::new("DELETE", "/items")
                .at_api()
                .origin(EVIL)
                .site("cross-site"),
            refused(),
        ),
        row(
            "protection: a cross-site POST from an allowed origin passes, with its CORS headers",
            post().origin(APP).site("cross-site"),
            handled().cors(&protected_actual(APP)),
        ),
        row(
            "protection: a cross-site PUT from a pattern origin passes",
            Req::new("PUT", "/items")
                .at_api()
                .origin(SUB)
                .site("cross-site"),
            handled().cors(&protected_actual(SUB)),
        ),
        row(
            "protection: Sec-Fetch-Site in odd case is not same-origin: refused origin refused",
            post().origin(EVIL).site("Same-Origin"),
            refused(),
        ),
        row(
            "protection: Sec-Fetch-Site `NONE` is not none: refused origin refused",
            post().origin(EVIL).site("NONE"),
            refused(),
        ),
        row(
            "protection: Sec-Fetch-Site in odd case from an allowed origin passes",
            post().origin(APP).site("CROSS-SITE"),
            handled().cors(&protected_actual(APP)),
        ),
        row(
            "protection: two Sec-Fetch-Site lines prove nothing: refused origin refused",
            post().origin(EVIL).site("same-origin").site("same-origin"),
            refused(),
        ),
        row(
            "protection: an empty Sec-Fetch-Site is not absent: refused origin refused",
            post().origin("http://api.test").site(""),
            refused(),
        ),
        row(
            "protection: cross-site with Origin: null is refused",
            post().origin("null").site("cross-site"),
            refused(),
        ),
        row(
            "protection: cross-site with two Origin lines is refused, even the allowed one",
            post().origin(APP).origin(APP).site("cross-site"),
            refused(),
        ),
        row(
            "protection: cross-site without Origin is refused",
            post().site("cross-site"),
            refused(),
        ),
        // 4. No Sec-Fetch-Site: Origin against Host, then the policy.
        row(
            "protection: no Sec-Fetch-Site and no Origin (curl, a server) passes",
            post(),
            handled(),
        ),
        row(
            "protection: no Sec-Fetch-Site, Origin's host is the Host: passes",
            post().origin("http://api.test"),
            handled(),
        ),
        row(
            "protection: no Sec-Fetch-Site, Origin's host:port is the Host's: passes",
            Req::new("POST", "/items")
                .header("host", "api.test:8443")
                .origin("https://api.test:8443"),
            handled(),
        ),
        row(
            "protection: no Sec-Fetch-Site, Origin on another port than the Host: refused",
            post().origin("https://api.test:8443"),
            refused(),
        ),
        row(
            "protection: no Sec-Fetch-Site, Origin in another case than the Host: refused",
            post().origin("https://API.test"),
            refused(),
        ),
        row(
            "protection: no Sec-Fetch-Site, a refused origin: refused",
            post().origin(EVIL),
            refused(),
        ),
        row(
            "protection: no Sec-Fetch-Site, an allowed origin: passes with its CORS headers",
            post().origin(APP),
            handled().cors(&protected_actual(APP)),
        ),
        row(
            "protection: no Sec-Fetch-Site, Origin: null: refused",
            post().origin("null"),
            refused(),
        ),
        row(
            "protection: no Sec-Fetch-Site, two Origin lines: refused",
            post().origin("http://api.test").origin("http://api.test"),
            refused(),
        ),
        row(
            "protection: no Sec-Fetch-Site and no Host: the server's own origin cannot be told, refused",
            Req::new("POST", "/items").origin("http://api.test"),
            refused(),
        ),
        row(
            "protection: no Sec-Fetch-Site and two Host lines: no own origin, refused",
            post().at_api().origin("http://api.test"),
            refused(),
        ),
        row(
            "protection: no Sec-Fetch-Site and no Host: an allowed origin still passes",
            Req::new("POST", "/items").origin(APP),
            handled().cors(&protected_actual(APP)),
        ),
        row(
            "protection: an absolute-form target's authority is the request's (as HTTP/2's :authority), not Host",
            Req::new("POST", "http://api.test/items")
                .header("host", "other.test")
                .origin("http://api.test"),
            handled(),
        ),
        row(
            "protection: an absolute-form target on another authority than the Origin's: refused",
            Req::new("POST", "http://other.test/items")
                .at_api()
                .origin("http://api.test"),
            refused(),
        ),
        // WebSocket handshakes, whatever their method.
        row(
            "protection: a cross-site WebSocket handshake from a refused origin is refused",
            get().websocket().origin(EVIL).site("cross-site"),
            refused(),
        ),
        row(
            "protection: a WebSocket handshake without Sec-Fetch-Site from a refused origin is refused",
            get().websocket().origin(EVIL),
            refused(),
        ),
        row(
            "protection: `Upgrade: WebSocket` in any case, in a list, is a handshake",
            get()
                .header("upgrade", "foo, WebSocket")
                .origin(EVIL)
                .site("cross-site"),
            refused(),
        ),
        row(
            "protection: a cross-site WebSocket handshake from an allowed origin passes",
            get().websocket().origin(APP).site("cross-site"),
            handled().cors(&protected_actual(APP)),
        ),
        row(
            "protection: a same-origin WebSocket handshake passes",
            get()
                .websocket()
                .origin("http://api.test")
                .site("same-origin"),
            handled(),
        ),
        row(
            "protection: an old browser's WebSocket handshake from the server's own page passes",
            get().websocket().origin("http://api.test"),
            handled(),
        ),
        row(
            "protection: `Upgrade: h2c` is not a WebSocket handshake: a GET is left alone",
            get()
                .header("upgrade", "h2c")
                .origin(EVIL)
                .site("cross-site"),
            handled(),
        ),
        // Without the key: today's behaviour.
        Scenario {
            name: "no protection: a cross-site POST from a refused origin runs the handler (CORS cannot stop it)",
            policy: Strict,
            request: post().origin(EVIL).site("cross-site"),
            expect: handled(),
        },
        Scenario {
            name: "no protection: a cross-site WebSocket handshake from a refused origin runs the handler",
            policy: Strict,
            request: get().websocket().origin(EVIL).site("cross-site"),
            expect: handled(),
        },
    ]
}

/// The CORS rows, without cross-origin protection.
fn cors_scenarios() -> Vec<Scenario> {
    use PolicyName::{AnyContinue, AnyOrigin, Continue, PrivateNet, Strict};

    let accepted = || Expect::answered(204, PREFLIGHT_VARY);
    let refused = || Expect::answered(403, PREFLIGHT_VARY);
    let long_origin = format!("https://{}.app.test", "a".repeat(600));
    let row = |name, policy, request, expect| Scenario {
        name,
        policy,
        request,
        expect,
    };

    vec![
        // Preflight, allowed.
        row(
            "preflight allowed: exact origin, canonical ACRH",
            Strict,
            Req::preflight("/items", APP, "PUT").header(ACRH, "content-type,x-api-key"),
            accepted().cors(&strict_preflight(APP)),
        ),
        row(
            "preflight allowed: pattern origin",
            Strict,
            Req::preflight("/items", SUB, "DELETE"),
            accepted().cors(&strict_preflight(SUB)),
        ),
        row(
            "preflight allowed: ACRH in any case, spaces, empty elements",
            Strict,
            Req::preflight("/items", APP, "PUT").header(ACRH, " X-API-Key ,, Content-Type\t,"),
            accepted().cors(&strict_preflight(APP)),
        ),
        row(
            "preflight allowed: ACRH on several lines is one list",
            Strict,
            Req::preflight("/items", APP, "PUT")
                .header(ACRH, "x-api-key")
                .header(ACRH, "content-type"),
            accepted().cors(&strict_preflight(APP)),
        ),
        row(
            "preflight allowed: GET, HEAD and POST always pass",
            Strict,
            Req::preflight("/items", APP, "POST"),
            accepted().cors(&strict_preflight(APP)),
        ),
        row(
            "preflight allowed: `PATCH` as listed",
            Strict,
            Req::preflight("/items", APP, "PATCH"),
            accepted().cors(&strict_preflight(APP)),
        ),
        row(
            "preflight allowed: answered before routing, even on an unknown path",
            Strict,
            Req::preflight("/missing", APP, "PUT"),
            accepted().cors(&strict_preflight(APP)),
        ),
        row(
            "preflight allowed: 4 KiB of commas in ACRH is an empty list",
            Strict,
            Req::preflight("/items", APP, "PUT").header(ACRH, ",".repeat(4 * 1024)),
            accepted().cors(&strict_preflight(APP)),
        ),
        // Preflight, refused.
        row(
            "preflight refused: origin not allowed",
            Strict,
            Req::preflight("/items", EVIL, "PUT"),
            refused(),
        ),
        row(
            "preflight refused: look-alike origin (no label boundary)",
            Strict,
            Req::preflight("/items", "https://evilapp.test", "PUT"),
            refused(),
        ),
        row(
            "preflight refused: allowed origin as a prefix",
            Strict,
            Req::preflight("/items", "https://app.test.evil.com", "PUT"),
            refused(),
        ),
        row(
            "preflight refused: origin with a trailing slash",
            Strict,
            Req::preflight("/items", "https://app.test/", "PUT"),
            refused(),
        ),
        row(
            "preflight refused: origin in another case",
            Strict,
            Req::preflight("/items", "https://APP.test", "PUT"),
            refused(),
        ),
        row(
            "preflight refused: origin over the length limit",
            Strict,
            Req::preflight("/items", &long_origin, "PUT"),
            refused(),
        ),
        row(
            "preflight refused: two Origin headers",
            Strict,
            Req::preflight("/items", APP, "PUT").origin(APP),
            refused(),
        ),
        row(
            "preflight refused: method not allowed",
            Strict,
            Req::preflight("/items", APP, "PROPFIND"),
            refused(),
        ),
        row(
            "preflight refused: lowercase `patch` is not `PATCH`",
            Strict,
            Req::preflight("/items", APP, "patch"),
            refused(),
        ),
        row(
            "preflight refused: one header of the list not allowed",
            Strict,
            Req::preflight("/items", APP, "PUT").header(ACRH, "x-api-key,x-evil"),
            refused(),
        ),
        row(
            "preflight refused: 64 KiB of commas is over the engine's ACRH limit",
            Strict,
            Req::preflight("/items", APP, "PUT").header(ACRH, ",".repeat(64 * 1024)),
            refused(),
        ),
        row(
            "preflight refused: 4 KiB of commas then a header not allowed",
            Strict,
            Req::preflight("/items", APP, "PUT")
                .header(ACRH, format!("{},x-evil", ",".repeat(4 * 1024))),
            refused(),
        ),
        row(
            "preflight refused: private network asked, not enabled",
            Strict,
            Req::preflight("/items", APP, "PUT").header(ACRPN, "true"),
            refused(),
        ),
        row(
            "preflight refused: private network on two lines (`false` then `true`), not enabled",
            Strict,
            Req::preflight("/items", APP, "PUT")
                .header(ACRPN, "false")
                .header(ACRPN, "true"),
            refused(),
        ),
        // Not preflights: the application's own OPTIONS.
        row(
            "OPTIONS without ACRM reaches the app's OPTIONS route (actual request)",
            Strict,
            Req::new("OPTIONS", "/items").origin(APP),
            Expect::handled(200, "options")
                .cors(&strict_actual(APP))
                .header("allow", crate::ALLOW),
        ),
        row(
            "OPTIONS without Origin or ACRM reaches the app",
            Strict,
            Req::new("OPTIONS", "/items"),
            Expect::handled(200, "options").header("allow", crate::ALLOW),
        ),
        row(
            "OPTIONS with ACRM but no Origin reaches the app",
            Strict,
            Req::new("OPTIONS", "/items").header(ACRM, "PUT"),
            Expect::handled(200, "options").header("allow", crate::ALLOW),
        ),
        // Actual requests.
        row(
            "actual allowed: exact origin",
            Strict,
            Req::new("GET", "/items").origin(APP),
            Expect::handled(200, "ok").cors(&strict_actual(APP)),
        ),
        row(
            "actual allowed: pattern origin, PUT",
            Strict,
            Req::new("PUT", "/items").origin(SUB),
            Expect::handled(200, "ok").cors(&strict_actual(SUB)),
        ),
        row(
            "actual allowed: HEAD",
            Strict,
            Req::new("HEAD", "/items").origin(APP),
            Expect::handled(200, "")
                .cors(&strict_actual(APP))
                .any_body(),
        ),
        row(
            "actual disallowed: handler runs, no CORS header",
            Strict,
            Req::new("PUT", "/items").origin(EVIL),
            Expect::handled(200, "ok"),
        ),
        // CORS does not cover WebSockets (SECURITY.md): the handshake is an actual GET,
        // and the layer lets it through as such. `cross_origin_protection` refuses it.
        row(
            "a WebSocket handshake from a refused origin reaches the handler",
            Strict,
            Req::new("GET", "/items")
                .origin(EVIL)
                .header("connection", "Upgrade")
                .header("upgrade", "websocket")
                .header("sec-websocket-version", "13")
                .header("sec-websocket-key", "dGhlIHNhbXBsZSBub25jZQ=="),
            Expect::handled(200, "ok"),
        ),
        row(
            "actual disallowed: two Origin headers",
            Strict,
            Req::new("GET", "/items").origin(APP).origin(APP),
            Expect::handled(200, "ok"),
        ),
        row(
            "actual disallowed: origin over the length limit",
            Strict,
            Req::new("GET", "/items").origin(long_origin),
            Expect::handled(200, "ok"),
        ),
        row(
            "no origin: no CORS header, still Vary: Origin",
            Strict,
            Req::new("GET", "/items"),
            Expect::handled(200, "ok"),
        ),
        row(
            "handler error status gets CORS headers",
            Strict,
            Req::new("GET", "/error").origin(APP),
            Expect::handled(500, "boom")
                .cors(&strict_actual(APP))
                .any_body(),
        ),
        row(
            "framework 404 gets CORS headers",
            Strict,
            Req::new("GET", "/missing").origin(APP),
            Expect::handled(404, "")
                .runs(0)
                .cors(&strict_actual(APP))
                .any_body(),
        ),
        row(
            "handler-set ACAO and ACEH replaced, each exactly once",
            Strict,
            Req::new("GET", "/acao").origin(APP),
            Expect::handled(200, "ok").cors(&strict_actual(APP)),
        ),
        row(
            "refused origin: handler-set ACAO and ACEH removed (the policy is their only source)",
            Strict,
            Req::new("GET", "/acao").origin(EVIL),
            Expect::handled(200, "ok").vary(&["Origin"]),
        ),
        row(
            "no Origin: handler-set ACAO and ACEH removed",
            Strict,
            Req::new("GET", "/acao"),
            Expect::handled(200, "ok").vary(&["Origin"]),
        ),
        // Vary merge.
        row(
            "handler Vary kept, Origin appended",
            Strict,
            Req::new("GET", "/vary/accept-encoding").origin(APP),
            Expect::handled(200, "ok")
                .cors(&strict_actual(APP))
                .vary(&["accept-encoding", "Origin"]),
        ),
        row(
            "handler Vary kept, Origin appended, without Origin too",
            Strict,
            Req::new("GET", "/vary/accept-encoding"),
            Expect::handled(200, "ok").vary(&["accept-encoding", "Origin"]),
        ),
        row(
            "handler `Vary: *` left alone",
            Strict,
            Req::new("GET", "/vary/star").origin(APP),
            Expect::handled(200, "ok")
                .cors(&strict_actual(APP))
                .vary(&["*"]),
        ),
        row(
            "handler `Vary: origin` not duplicated",
            Strict,
            Req::new("GET", "/vary/origin").origin(EVIL),
            Expect::handled(200, "ok").vary(&["origin"]),
        ),
        // Any origin.
        row(
            "any origin: actual with Origin gets `*`, no Vary",
            AnyOrigin,
            Req::new("GET", "/items").origin(EVIL),
            Expect::handled(200, "ok").cors(&[(ACAO, "*")]).vary(&[]),
        ),
        row(
            "any origin: actual without Origin gets `*` too",
            AnyOrigin,
            Req::new("GET", "/items"),
            Expect::handled(200, "ok").cors(&[(ACAO, "*")]).vary(&[]),
        ),
        row(
            "any origin: error status gets `*`",
            AnyOrigin,
            Req::new("GET", "/error").origin(EVIL),
            Expect::handled(500, "boom")
                .cors(&[(ACAO, "*")])
                .vary(&[])
                .any_body(),
        ),
        row(
            "any origin: handler `Vary: origin` untouched",
            AnyOrigin,
            Req::new("GET", "/vary/origin").origin(EVIL),
            Expect::handled(200, "ok")
                .cors(&[(ACAO, "*")])
                .vary(&["origin"]),
        ),
        // `*` methods and headers are answered with what the preflight asked (README,
        // decided behaviours): Firefox caches no `*` answer, both engines cache these.
        row(
            "any origin: a `*` lists preflight is answered with its own method and headers",
            AnyOrigin,
            Req::preflight("/items", EVIL, "PROPFIND").header(ACRH, "x-anything,x-other"),
            Expect::answered(204, ANY_ORIGIN_PREFLIGHT_VARY).cors(&[
                (ACAO, "*"),
                (ACAM, "PROPFIND"),
                (ACAH, "x-anything,x-other"),
            ]),
        ),
        row(
            "any origin: a `*` lists preflight asking no header gets no ACAH",
            AnyOrigin,
            Req::preflight("/items", EVIL, "PUT"),
            Expect::answered(204, ANY_ORIGIN_PREFLIGHT_VARY).cors(&[(ACAO, "*"), (ACAM, "PUT")]),
        ),
        row(
            "any origin: a `*` lists preflight whose ACRH names no header (`, ,`) gets no ACAH",
            AnyOrigin,
            Req::preflight("/items", EVIL, "PUT").header(ACRH, ", ,"),
            Expect::answered(204, ANY_ORIGIN_PREFLIGHT_VARY).cors(&[(ACAO, "*"), (ACAM, "PUT")]),
        ),
        row(
            "any origin: a `*` lists preflight with two ACRH lines gets ACAH `*`",
            AnyOrigin,
            Req::preflight("/items", EVIL, "PUT")
                .header(ACRH, "x-a")
                .header(ACRH, "x-b"),
            Expect::answered(204, ANY_ORIGIN_PREFLIGHT_VARY).cors(&[
                (ACAO, "*"),
                (ACAM, "PUT"),
                (ACAH, "*"),
            ]),
        ),
        row(
            "any origin: `*` never covers authorization",
            AnyOrigin,
            Req::preflight("/items", EVIL, "PUT").header(ACRH, "authorization"),
            Expect::answered(403, ANY_ORIGIN_PREFLIGHT_VARY),
        ),
        // Preflight continue.
        row(
            "preflight continue: the handler answers, with the preflight headers (no ACEH)",
            Continue,
            Req::preflight("/items", APP, "PUT").header(ACRH, "content-type"),
            Expect::handled(200, "options")
                .cors(&[(ACAO, APP), (ACAM, "PUT"), (ACAH, "content-type")])
                .vary(&[PREFLIGHT_VARY])
                .header("allow", crate::ALLOW),
        ),
        row(
            "preflight continue: handler Vary merged member by member",
            Continue,
            Req::preflight("/vary/origin", APP, "PUT"),
            Expect::handled(200, "ok")
                .cors(&[(ACAO, APP), (ACAM, "PUT"), (ACAH, "content-type")])
                .vary(&[
                    "origin",
                    "Access-Control-Request-Method",
                    "Access-Control-Request-Headers",
                ]),
        ),
        row(
            "preflight continue: a refused preflight never reaches the handler",
            Continue,
            Req::preflight("/items", EVIL, "PUT"),
            refused(),
        ),
        row(
            "preflight continue: an actual request gets ACEH as usual",
            Continue,
            Req::new("GET", "/items").origin(APP),
            Expect::handled(200, "ok").cors(&[(ACAO, APP), (ACEH, "x-total-count")]),
        ),
        // A wildcard policy's accepted preflight passed on: the values its response lists
        // are the preflight's own, taken before the request went to the handler.
        row(
            "preflight continue, `*` lists: the handler's response lists the preflight's own method and headers",
            AnyContinue,
            Req::preflight("/items", EVIL, "PROPFIND").header(ACRH, "x-anything,x-other"),
            Expect::handled(200, "options")
                .cors(&[
                    (ACAO, "*"),
                    (ACAM, "PROPFIND"),
                    (ACAH, "x-anything,x-other"),
                ])
                .vary(&[ANY_ORIGIN_PREFLIGHT_VARY])
                .header("allow", crate::ALLOW),
        ),
        row(
            "preflight continue, `*` lists: two ACRH lines get ACAH `*`",
            AnyContinue,
            Req::preflight("/items", EVIL, "PUT")
                .header(ACRH, "x-a")
                .header(ACRH, "x-b"),
            Expect::handled(200, "options")
                .cors(&[(ACAO, "*"), (ACAM, "PUT"), (ACAH, "*")])
                .vary(&[ANY_ORIGIN_PREFLIGHT_VARY])
                .header("allow", crate::ALLOW),
        ),
        // Private network access.
        row(
            "private network: asked and enabled",
            PrivateNet,
            Req::preflight("/items", APP, "PUT").header(ACRPN, "true"),
            Expect::answered(204, PRIVATE_NETWORK_VARY).cors(&[
                (ACAO, APP),
                (ACAM, "PUT"),
                (ACAPN, "true"),
            ]),
        ),
        row(
            "private network: not asked, not sent",
            PrivateNet,
            Req::preflight("/items", APP, "PUT"),
            Expect::answered(204, PRIVATE_NETWORK_VARY).cors(&[(ACAO, APP), (ACAM, "PUT")]),
        ),
        row(
            "private network: `TRUE` asks too (the value's case does not matter)",
            PrivateNet,
            Req::preflight("/items", APP, "PUT").header(ACRPN, "TRUE"),
            Expect::answered(204, PRIVATE_NETWORK_VARY).cors(&[
                (ACAO, APP),
                (ACAM, "PUT"),
                (ACAPN, "true"),
            ]),
        ),
        row(
            "private network: `false` is not a request",
            PrivateNet,
            Req::preflight("/items", APP, "PUT").header(ACRPN, "false"),
            Expect::answered(204, PRIVATE_NETWORK_VARY).cors(&[(ACAO, APP), (ACAM, "PUT")]),
        ),
        row(
            "private network: two lines (`false`, `false`) are malformed, refused even where enabled",
            PrivateNet,
            Req::preflight("/items", APP, "PUT")
                .header(ACRPN, "false")
                .header(ACRPN, "false"),
            Expect::answered(403, PRIVATE_NETWORK_VARY),
        ),
        row(
            "private network: refused origin still refused",
            PrivateNet,
            Req::preflight("/items", EVIL, "PUT").header(ACRPN, "true"),
            Expect::answered(403, PRIVATE_NETWORK_VARY),
        ),
    ]
}

/// A response, as every adapter's client saw it.
#[derive(Clone, Debug, Default)]
pub struct Outcome {
    /// The status.
    pub status: u16,
    /// Every header line, names lowercase, in the order the client gives them.
    pub headers: Vec<(String, Vec<u8>)>,
    /// The body.
    pub body: Vec<u8>,
    /// How many times a handler ran.
    pub handler_runs: usize,
}

impl Outcome {
    fn lines(&self, name: &str) -> Vec<String> {
        self.headers
            .iter()
            .filter(|(line_name, _)| line_name == name)
            .map(|(_, value)| String::from_utf8_lossy(value).into_owned())
            .collect()
    }
}

/// Every way `outcome` differs from what `scenario` expects; empty when it passes.
pub fn check(scenario: &Scenario, outcome: &Outcome) -> Vec<String> {
    let expect = &scenario.expect;
    let mut problems = Vec::new();
    let mut compare = |what: &str, expected: String, actual: String| {
        if expected != actual {
            problems.push(format!("{what}: expected {expected}, got {actual}"));
        }
    };
    compare(
        "status",
        expect.status.to_string(),
        outcome.status.to_string(),
    );
    compare(
        "handler runs",
        expect.handler_runs.to_string(),
        outcome.handler_runs.to_string(),
    );
    for name in CORS_HEADERS {
        let expected: Vec<String> = expect
            .cors
            .iter()
            .filter(|(expected_name, _)| *expected_name == name)
            .map(|(_, value)| value.clone())
            .collect();
        compare(
            name,
            format!("{expected:?}"),
            format!("{:?}", outcome.lines(name)),
        );
    }
    compare(
        "vary",
        format!("{:?}", expect.vary),
        format!("{:?}", outcome.lines("vary")),
    );
    for &(name, value) in &expect.headers {
        compare(
            name,
            format!("{:?}", [value]),
            format!("{:?}", outcome.lines(name)),
        );
    }
    if let Some(body) = expect.body {
        compare(
            "body",
            format!("{body:?}"),
            format!("{:?}", String::from_utf8_lossy(&outcome.body)),
        );
    }
    problems
}

/// The tenant table of the dynamic-origin rows: what an application's database would
/// hold. It registers origins that the rules refuse, too: a source may hold anything,
/// and the rules must still refuse those.
pub mod tenants {
    /// A registered tenant's front end.
    pub const TENANT: &str = "https://tenant.test";
    /// Registered, but plain `http`: refused with credentials (rule O13).
    pub const PLAIN: &str = "http://plain.test";
    /// Registered as written, but not a serialized origin (rule O4).
    pub const SLASHED: &str = "https://tenant.test/";
    /// Looking it up fails (the database is down for it): refused (fail closed).
    pub const FAILS: &str = "https://fails.test";
    /// Looking it up panics: refused, and the server goes on.
    pub const PANICS: &str = "https://panics.test";
    /// Looking it up never answers: refused by the timeout (the async lookup) or not
    /// registered (the synchronous predicate).
    pub const SLOW: &str = "https://slow.test";

    /// Every registered origin (`null` included: rule O10 refuses it all the same).
    pub const REGISTERED: [&str; 4] = [TENANT, PLAIN, SLASHED, "null"];

    /// The synchronous predicate over the table.
    pub fn allows(origin: &str) -> bool {
        if origin == PANICS {
            panic!("tenant lookup panicked for {origin}");
        }
        REGISTERED.contains(&origin)
    }

    /// The asynchronous lookup over the table.
    pub async fn lookup(origin: String) -> Result<bool, String> {
        match origin.as_str() {
            FAILS => Err("tenant database unavailable".to_owned()),
            SLOW => std::future::pending().await,
            _ => Ok(allows(&origin)),
        }
    }
}

/// The rows of a dynamic origin source: `Strict`'s settings (`AnyOrigin`'s in the last
/// rows) with origins from [`tenants`] instead of its own list, through the synchronous
/// predicate (`DynamicOrigins`) and the asynchronous lookup (`AsyncOrigins`, with a
/// timeout) alike. The policy's own origins are not used, and the rules refuse what the
/// table holds but a literal origin could not be.
pub fn dynamic_scenarios() -> Vec<Scenario> {
    use PolicyName::{AnyOrigin, Strict};
    use tenants::{FAILS, PANICS, PLAIN, SLASHED, SLOW, TENANT};

    let accepted = || Expect::answered(204, PREFLIGHT_VARY);
    let refused = || Expect::answered(403, PREFLIGHT_VARY);
    let row = |name, policy, request, expect| Scenario {
        name,
        policy,
        request,
        expect,
    };
    vec![
        row(
            "dynamic: preflight from a registered tenant, the policy's settings",
            Strict,
            Req::preflight("/items", TENANT, "PUT").header(ACRH, "content-type"),
            accepted().cors(&strict_preflight(TENANT)),
        ),
        row(
            "dynamic: actual request from a registered tenant",
            Strict,
            Req::new("GET", "/items").origin(TENANT),
            Expect::handled(200, "ok").cors(&strict_actual(TENANT)),
        ),
        row(
            "dynamic: the policy's own origins are not used",
            Strict,
            Req::preflight("/items", APP, "PUT"),
            refused(),
        ),
        row(
            "dynamic: an unregistered origin is refused",
            Strict,
            Req::new("GET", "/items").origin(EVIL),
            Expect::handled(200, "ok"),
        ),
        row(
            "dynamic: registered, but plain http with credentials (O13): preflight refused",
            Strict,
            Req::preflight("/items", PLAIN, "PUT"),
            refused(),
        ),
        row(
            "dynamic: registered, but plain http with credentials (O13): no CORS headers",
            Strict,
            Req::new("GET", "/items").origin(PLAIN),
            Expect::handled(200, "ok"),
        ),
        row(
            "dynamic: registered `null` is refused without the opt-in (O10)",
            Strict,
            Req::preflight("/items", "null", "PUT"),
            refused(),
        ),
        row(
            "dynamic: registered with a slash, not a serialized origin (O4)",
            Strict,
            Req::preflight("/items", SLASHED, "PUT"),
            refused(),
        ),
        row(
            "dynamic: an origin in another case is not the registered one (O5)",
            Strict,
            Req::new("GET", "/items").origin("HTTPS://TENANT.TEST"),
            Expect::handled(200, "ok"),
        ),
        row(
            "dynamic: an origin over 512 bytes never reaches the source",
            Strict,
            Req::new("GET", "/items").origin(format!("https://{}.test", "a".repeat(600))),
            Expect::handled(200, "ok"),
        ),
        row(
            "dynamic: several Origin headers never reach the source",
            Strict,
            Req::preflight("/items", TENANT, "PUT").origin(TENANT),
            refused(),
        ),
        row(
            "dynamic: a failing lookup refuses the preflight (fail closed)",
            Strict,
            Req::preflight("/items", FAILS, "PUT"),
            refused(),
        ),
        row(
            "dynamic: a failing lookup withholds CORS headers, the handler runs",
            Strict,
            Req::new("GET", "/items").origin(FAILS),
            Expect::handled(200, "ok"),
        ),
        row(
            "dynamic: a panicking lookup refuses, the server goes on",
            Strict,
            Req::preflight("/items", PANICS, "PUT"),
            refused(),
        ),
        row(
            "dynamic: a lookup that never answers is refused",
            Strict,
            Req::preflight("/items", SLOW, "PUT"),
            refused(),
        ),
        row(
            "dynamic: no Origin, no question: the handler answers",
            Strict,
            Req::new("GET", "/items"),
            Expect::handled(200, "ok"),
        ),
        row(
            "dynamic: a tenant's preflight is answered on an unknown path too",
            Strict,
            Req::preflight("/missing", TENANT, "DELETE"),
            accepted().cors(&strict_preflight(TENANT)),
        ),
        row(
            "dynamic: the handler's CORS headers are replaced for a refused origin",
            Strict,
            Req::new("GET", "/acao").origin(EVIL),
            Expect::handled(200, "ok"),
        ),
        row(
            "dynamic over `origin: *`: the tenant is echoed, never `*`",
            AnyOrigin,
            Req::new("GET", "/items").origin(TENANT),
            Expect::handled(200, "ok").cors(&[(ACAO, TENANT)]),
        ),
        row(
            "dynamic over `origin: *`: other origins are refused",
            AnyOrigin,
            Req::preflight("/items", EVIL, "PUT"),
            Expect::answered(403, PREFLIGHT_VARY),
        ),
    ]
}
