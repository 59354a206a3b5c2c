//! The cases, as data: the page's origin, the fetch calls the page makes (JavaScript),
//! the policy, what the page must observe, and what must have reached the server.
//!
//! In the JavaScript of a step, `api` is the base URL of the case's policy server with
//! the case's own path prefix (`http://api.app.test:<port>/axum/c07`), `apis.<key>` the
//! same for another policy's server behind the same adapter (`apis.creds`), and
//! `pause(ms)` a promise that waits. Every case has its own paths, so neither the
//! preflight cache nor the HTTP cache nor a cookie carries over from one case to another;
//! the cases about those caches reuse a URL within the case on purpose.

use crate::PolicyName;
use crate::browser::Engine;

/// The page a case runs in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    /// `http://app.test`.
    App,
    /// `http://a.app.test`.
    Sub,
    /// `http://a.b.app.test`.
    Deep,
    /// `http://evil.test`.
    Evil,
    /// `http://evilapp.test`: ends like `app.test`, is not a subdomain of it.
    EvilApp,
    /// `http://app.test.evil.test`: starts like `app.test`.
    AppDotEvil,
    /// `http://localhost:<page port>`.
    Localhost,
    /// `http://localhost.evil.test`: starts like `localhost`.
    LocalhostDotEvil,
    /// `http://127.0.0.1:<page port>`: the same server as `localhost`, another origin.
    LoopbackIp,
    /// A `sandbox="allow-scripts"` iframe in `http://app.test`: an opaque origin, whose
    /// requests say `Origin: null`.
    Sandboxed,
}

impl Page {
    /// The URL the browser opens (for [`Page::Sandboxed`], the page holding the iframe).
    pub fn url(self, page_port: u16) -> String {
        let host = match self {
            Page::App | Page::Sandboxed => "app.test",
            Page::Sub => "a.app.test",
            Page::Deep => "a.b.app.test",
            Page::Evil => "evil.test",
            Page::EvilApp => "evilapp.test",
            Page::AppDotEvil => "app.test.evil.test",
            Page::LocalhostDotEvil => "localhost.evil.test",
            Page::Localhost => return format!("http://localhost:{page_port}/"),
            Page::LoopbackIp => return format!("http://127.0.0.1:{page_port}/"),
        };
        format!("http://{host}/")
    }

    /// The `Origin` its requests carry.
    pub fn origin(self, page_port: u16) -> String {
        match self {
            Page::Sandboxed => "null".to_owned(),
            page => page.url(page_port).trim_end_matches('/').to_owned(),
        }
    }
}

/// What the page observes of one step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expect {
    /// The page reads the response: its status, its body (exactly, or a prefix when the
    /// pattern ends with `*`), and these headers (`None`: `headers.get` gives `null`).
    Read {
        /// The status.
        status: u16,
        /// The body, or `prefix*`.
        body: &'static str,
        /// Headers the page reads, and what it must get.
        headers: &'static [(&'static str, Option<&'static str>)],
    },
    /// `fetch` rejects (a `TypeError`): the browser hid the response, or never sent the
    /// request.
    Blocked,
    /// An opaque response (`mode: "no-cors"`).
    Opaque,
    /// The step's promise resolves to this string (what a `WebSocket` fired first:
    /// `open` or `error`).
    Value(&'static str),
    /// Not a fetch (a pause).
    Done,
}

/// A response the page reads, with no header checked.
pub const fn read(status: u16, body: &'static str) -> Expect {
    Expect::Read {
        status,
        body,
        headers: &[],
    }
}

/// A 200 response the page reads, with `body`, and these headers.
pub const fn read_headers(
    body: &'static str,
    headers: &'static [(&'static str, Option<&'static str>)],
) -> Expect {
    Expect::Read {
        status: 200,
        body,
        headers,
    }
}

/// One thing the page does, as a JavaScript expression, and what it must observe.
#[derive(Clone, Debug)]
pub struct Step {
    /// A JavaScript expression: a `fetch(...)` (or any promise).
    pub js: &'static str,
    /// What the page observes.
    pub expect: Expect,
}

/// A step.
pub const fn step(js: &'static str, expect: Expect) -> Step {
    Step { js, expect }
}

/// A pause between steps (lets the HTTP cache finish writing an entry).
pub const PAUSE: Step = step("pause(300)", Expect::Done);

/// The `Origin` a logged request must carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeenOrigin {
    /// The page's origin.
    Page,
    /// None: a no-cors load.
    Absent,
}

/// One request that must have reached a server, as the log records it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Seen {
    /// The server's policy; `None`: the case's.
    pub policy: Option<PolicyName>,
    /// The method.
    pub method: &'static str,
    /// The last path segment.
    pub leaf: &'static str,
    /// The `Origin`.
    pub origin: SeenOrigin,
    /// `Access-Control-Request-Method`: only preflights have one.
    pub acrm: Option<&'static str>,
    /// `Access-Control-Request-Headers`.
    pub acrh: Option<&'static str>,
    /// Whether it carried a `Cookie`.
    pub cookie: bool,
    /// Its `Sec-Fetch-Site`, when the case says (cross-origin protection reads it first;
    /// Chromium sends it only to potentially trustworthy URLs: https, `localhost`).
    pub fetch_site: FetchSite,
    /// The status the server answered.
    pub status: u16,
    /// Whether a handler of the application ran.
    pub handled: bool,
}

/// The `Sec-Fetch-Site` a logged request must carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FetchSite {
    /// Whatever it is (most cases do not depend on it).
    Any,
    /// None.
    Absent,
    /// This value.
    Is(&'static str),
}

/// A preflight for `method` that the layer accepts (204, no handler).
pub const fn preflight(method: &'static str) -> Seen {
    Seen {
        policy: None,
        method: "OPTIONS",
        leaf: "items",
        origin: SeenOrigin::Page,
        acrm: Some(method),
        acrh: None,
        cookie: false,
        fetch_site: FetchSite::Any,
        status: 204,
        handled: false,
    }
}

/// A request (not a preflight) that reached the handler of `items`, which answered 200.
pub const fn request(method: &'static str) -> Seen {
    Seen {
        acrm: None,
        method,
        status: 200,
        handled: true,
        ..preflight(method)
    }
}

impl Seen {
    /// Listing these request headers (ACRH).
    pub const fn acrh(self, acrh: &'static str) -> Seen {
        Seen {
            acrh: Some(acrh),
            ..self
        }
    }

    /// Refused by the layer: 403, no handler.
    pub const fn refused(self) -> Seen {
        Seen {
            status: 403,
            handled: false,
            ..self
        }
    }

    /// To another leaf.
    pub const fn leaf(self, leaf: &'static str) -> Seen {
        Seen { leaf, ..self }
    }

    /// Answered with `status`.
    pub const fn status(self, status: u16) -> Seen {
        Seen { status, ..self }
    }

    /// Answered by the framework (its 404), not by a handler.
    pub const fn unhandled(self) -> Seen {
        Seen {
            handled: false,
            ..self
        }
    }

    /// Answered by a handler (a preflight passed on).
    pub const fn handled(self) -> Seen {
        Seen {
            handled: true,
            ..self
        }
    }

    /// Carrying a cookie.
    pub const fn cookie(self) -> Seen {
        Seen {
            cookie: true,
            ..self
        }
    }

    /// With this `Sec-Fetch-Site` (`None`: without one).
    pub const fn site(self, site: Option<&'static str>) -> Seen {
        Seen {
            fetch_site: match site {
                Some(site) => FetchSite::Is(site),
                None => FetchSite::Absent,
            },
            ..self
        }
    }

    /// Without `Origin`.
    pub const fn no_origin(self) -> Seen {
        Seen {
            origin: SeenOrigin::Absent,
            ..self
        }
    }

    /// On another policy's server.
    pub const fn on(self, policy: PolicyName) -> Seen {
        Seen {
            policy: Some(policy),
            ..self
        }
    }
}

/// One case: run in `page` against `policy`'s server behind each adapter, in each engine.
#[derive(Clone, Debug)]
pub struct Case {
    /// The rule it checks, then what it shows.
    pub name: &'static str,
    /// The policy of the server `api` points to.
    pub policy: PolicyName,
    /// Where the page is.
    pub page: Page,
    /// What the page does and observes, in order.
    pub steps: Vec<Step>,
    /// Every request of the case that reached a server, in order: nothing else may.
    pub log: Vec<Seen>,
    /// Where an engine legitimately does otherwise: its own steps and log.
    pub differs: Vec<Differs>,
}

/// An engine's own expectation for a case, and what was observed that justifies it.
#[derive(Clone, Debug)]
pub struct Differs {
    /// The engine.
    pub engine: Engine,
    /// What that engine was seen to do, and why it is allowed to.
    pub observed: &'static str,
    /// Its steps.
    pub steps: Vec<Step>,
    /// Its log.
    pub log: Vec<Seen>,
}

/// The steps and log a case expects in one engine.
#[derive(Clone, Copy, Debug)]
pub struct Script<'a> {
    /// What the page does and observes.
    pub steps: &'a [Step],
    /// What reaches the servers.
    pub log: &'a [Seen],
}

impl Case {
    /// What this case expects in `engine`.
    pub fn script(&self, engine: Engine) -> Script<'_> {
        match self.differs.iter().find(|differs| differs.engine == engine) {
            Some(differs) => Script {
                steps: &differs.steps,
                log: &differs.log,
            },
            None => Script {
                steps: &self.steps,
                log: &self.log,
            },
        }
    }

    /// In `engine` the case does and sees `(steps, log)` instead, as `observed` says.
    pub fn except_in(
        mut self,
        engine: Engine,
        observed: &'static str,
        (steps, log): Steps,
    ) -> Case {
        self.differs.push(Differs {
            engine,
            observed,
            steps,
            log,
        });
        self
    }
}

/// What a case does, and what must reach the servers.
type Steps = (Vec<Step>, Vec<Seen>);

fn case(name: &'static str, policy: PolicyName, page: Page, (steps, log): Steps) -> Case {
    Case {
        name,
        policy,
        page,
        steps,
        log,
        differs: Vec::new(),
    }
}

const GET: &str = "fetch(api + '/items')";
const PUT: &str = "fetch(api + '/items', {method: 'PUT', body: 'x'})";
const DELETE: &str = "fetch(api + '/items', {method: 'DELETE'})";
const LOGIN: &str = "fetch(api + '/login', {credentials: 'include'})";
const NO_CORS: &str = "fetch(api + '/cached', {mode: 'no-cors'})";
/// A real HTML form POSTed to `$base + '/items'` into a hidden frame, as a CSRF page
/// does; resolves when the frame has loaded the answer (which the page never reads).
macro_rules! form_post {
    ($base:literal) => {
        concat!(
            "new Promise((resolve) => {
    const frame = document.createElement('iframe');
    frame.name = 'sink' + Math.random().toString(36).slice(2);
    frame.hidden = true;
    document.body.append(frame);
    const form = document.createElement('form');
    form.method = 'post';
    form.action = ",
            $base,
            " + '/items';
    form.target = frame.name;
    const field = document.createElement('input');
    field.type = 'hidden';
    field.name = 'name';
    field.value = 'quince';
    form.append(field);
    document.body.append(form);
    frame.addEventListener('load', () => resolve(), {once: true});
    form.submit();
  })"
        )
    };
}

/// A `no-cors` POST with a `text/plain` body to `$base + '/items'`: never preflighted.
macro_rules! no_cors_post {
    ($base:literal) => {
        concat!(
            "fetch(",
            $base,
            " + '/items', {method: 'POST', mode: 'no-cors', body: 'name=quince'})"
        )
    };
}

/// Opens a WebSocket to `$base + '/ws'`; resolves to the first event: `open` or `error`.
macro_rules! websocket {
    ($base:literal) => {
        concat!(
            "new Promise((resolve) => {
    const socket = new WebSocket(",
            $base,
            ".replace(/^http/, 'ws') + '/ws');
    socket.onopen = () => { socket.close(); resolve('open'); };
    socket.onerror = () => resolve('error');
  })"
        )
    };
}

/// The [`PolicyName::Guarded`] server is reached as `localhost`, a potentially
/// trustworthy URL, so Chromium sends `Sec-Fetch-Site` (protection's step 3). The same
/// server as `api.app.test`, plain http on a `.test` name, gets none (step 4: `Origin`
/// against `Host`, then the policy).
const FORM_POST: &str = form_post!("api");
const FORM_POST_NO_SITE: &str = form_post!("api.replace('//localhost:', '//api.app.test:')");
const NO_CORS_POST: &str = no_cors_post!("api");
const NO_CORS_POST_NO_SITE: &str = no_cors_post!("api.replace('//localhost:', '//api.app.test:')");
const WEBSOCKET: &str = websocket!("api");
const GET_OK: Expect = read(200, "GET ok");
const PUT_OK: Expect = read(200, "PUT ok");
const LOGGED_IN: Expect = read(200, "logged in");

/// The page's GET reaches the handler and the page reads the answer.
fn get_read() -> Steps {
    (vec![step(GET, GET_OK)], vec![request("GET")])
}

/// The page's GET reaches the handler, but the page cannot read the answer.
fn get_hidden() -> Steps {
    (vec![step(GET, Expect::Blocked)], vec![request("GET")])
}

/// The page's PUT passes its preflight, then reaches the handler.
fn put_passes() -> Steps {
    (
        vec![step(PUT, PUT_OK)],
        vec![preflight("PUT"), request("PUT")],
    )
}

/// The page's PUT is refused at its preflight (403) and never sent.
fn put_refused() -> Steps {
    (
        vec![step(PUT, Expect::Blocked)],
        vec![preflight("PUT").refused()],
    )
}

/// Two PUTs to one URL: the preflight of the first is cached for the second.
fn two_puts_one_preflight() -> Steps {
    (
        vec![step(PUT, PUT_OK), step(PUT, PUT_OK)],
        vec![preflight("PUT"), request("PUT"), request("PUT")],
    )
}

/// The API sets its cookie, then a credentialed PUT carries it (its preflight does not).
fn login_then_put() -> Steps {
    (
        vec![
            step(LOGIN, LOGGED_IN),
            step(
                "fetch(api + '/items', {method: 'PUT', credentials: 'include'})",
                PUT_OK,
            ),
        ],
        vec![
            request("GET").leaf("login"),
            preflight("PUT"),
            request("PUT").cookie(),
        ],
    )
}

/// Every case, in run order.
pub fn cases() -> Vec<Case> {
    use Expect::{Blocked, Opaque};
    use Page::*;
    use PolicyName::*;
    vec![
        // Simple requests.
        case(
            "§B simple GET, allowed origin: the handler runs, the page reads status and body",
            Creds,
            App,
            get_read(),
        ),
        case(
            "§0 simple POST with a text/plain body: sent without a preflight",
            Creds,
            App,
            (
                vec![step(
                    "fetch(api + '/items', {method: 'POST', body: 'hello'})",
                    read(200, "POST ok"),
                )],
                vec![request("POST")],
            ),
        ),
        case(
            "§0 HEAD is a simple method: no preflight",
            Creds,
            App,
            (
                vec![step(
                    "fetch(api + '/items', {method: 'HEAD'})",
                    read(200, ""),
                )],
                vec![request("HEAD")],
            ),
        ),
        case(
            "§0 safelisted request headers (accept, accept-language, content-language) keep a GET simple",
            Creds,
            App,
            (
                vec![step(
                    "fetch(api + '/items', {headers: {'Accept': 'text/plain', 'Accept-Language': 'en', 'Content-Language': 'en'}})",
                    GET_OK,
                )],
                vec![request("GET")],
            ),
        ),
        case(
            "§B simple GET, disallowed origin evil.test: the handler runs, the page cannot read it",
            Creds,
            Evil,
            get_hidden(),
        ),
        case(
            "§0 CORS is not CSRF protection: a form POST from evil.test reaches the handler",
            Creds,
            Evil,
            (
                vec![step(
                    "fetch(api + '/items', {method: 'POST', body: new URLSearchParams({a: '1'})})",
                    Blocked,
                )],
                vec![request("POST")],
            ),
        ),
        // Preflighted requests.
        case(
            "§B preflighted PUT: the layer answers the preflight (204, no handler), then the PUT reaches the handler",
            Creds,
            App,
            put_passes(),
        ),
        case(
            "§B preflighted DELETE",
            Creds,
            App,
            (
                vec![step(DELETE, read(200, "DELETE ok"))],
                vec![preflight("DELETE"), request("DELETE")],
            ),
        ),
        case(
            "§B listed request header x-api-key: the preflight passes, the GET follows",
            Creds,
            App,
            (
                vec![step(
                    "fetch(api + '/items', {headers: {'X-Api-Key': 'k'}})",
                    GET_OK,
                )],
                vec![preflight("GET").acrh("x-api-key"), request("GET")],
            ),
        ),
        case(
            "§0 ACRH is lowercased, sorted and comma-joined: content-type,x-api-key",
            Creds,
            App,
            (
                vec![step(
                    "fetch(api + '/items', {method: 'PUT', headers: {'X-Api-Key': 'k', 'Content-Type': 'application/json'}, body: '{}'})",
                    PUT_OK,
                )],
                vec![
                    preflight("PUT").acrh("content-type,x-api-key"),
                    request("PUT"),
                ],
            ),
        ),
        case(
            "§B preflight: an unlisted header (x-other) is refused (403), the request never sent",
            Creds,
            App,
            (
                vec![step(
                    "fetch(api + '/items', {headers: {'X-Other': '1'}})",
                    Blocked,
                )],
                vec![preflight("GET").acrh("x-other").refused()],
            ),
        ),
        case(
            "§B preflight: an unlisted method (PURGE) is refused, the request never sent",
            Creds,
            App,
            (
                vec![step("fetch(api + '/items', {method: 'PURGE'})", Blocked)],
                vec![preflight("PURGE").refused()],
            ),
        ),
        case(
            "M5 method case: `patch` is sent as written (ACRM patch) and refused by a policy listing PATCH",
            Creds,
            App,
            (
                vec![step("fetch(api + '/items', {method: 'patch'})", Blocked)],
                vec![preflight("patch").refused()],
            ),
        ),
        case(
            "M5 method case: `PATCH` passes",
            Creds,
            App,
            (
                vec![step(
                    "fetch(api + '/items', {method: 'PATCH'})",
                    read(200, "PATCH ok"),
                )],
                vec![preflight("PATCH"), request("PATCH")],
            ),
        ),
        case(
            "M5 method case: `delete` is uppercased by the browser (ACRM DELETE) and passes",
            Creds,
            App,
            (
                vec![step(
                    "fetch(api + '/items', {method: 'delete'})",
                    read(200, "DELETE ok"),
                )],
                vec![preflight("DELETE"), request("DELETE")],
            ),
        ),
        case(
            "§0 JSON content type is not safelisted: the POST is preflighted, content-type listed",
            Creds,
            App,
            (
                vec![step(
                    "fetch(api + '/items', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: '{}'})",
                    read(200, "POST ok"),
                )],
                vec![preflight("POST").acrh("content-type"), request("POST")],
            ),
        ),
        case(
            "§0 a safelisted header over 128 bytes is preflighted: a long accept (not listed) is never sent",
            Creds,
            App,
            (
                vec![step(
                    "fetch(api + '/items', {headers: {'Accept': 'a'.repeat(200)}})",
                    Blocked,
                )],
                vec![preflight("GET").acrh("accept").refused()],
            ),
        ),
        case(
            "§B preflight from a disallowed origin (evil.test): 403, the PUT never sent",
            Creds,
            Evil,
            put_refused(),
        ),
        case(
            "§B authorization listed by name: the preflight passes",
            Creds,
            App,
            (
                vec![step(
                    "fetch(api + '/items', {headers: {'Authorization': 'Bearer t'}})",
                    GET_OK,
                )],
                vec![preflight("GET").acrh("authorization"), request("GET")],
            ),
        ),
        // Credentials, with real cookies: `api.app.test` is same-site with `app.test`,
        // so its (SameSite=Lax by default) cookie goes along with `credentials: 'include'`.
        case(
            "§B credentials: true: the API's cookie goes along cross-origin, the page reads the answer",
            Creds,
            App,
            (
                vec![
                    step(LOGIN, LOGGED_IN),
                    step(
                        "fetch(api + '/whoami', {credentials: 'include'})",
                        read(200, "sid=*"),
                    ),
                ],
                vec![
                    request("GET").leaf("login"),
                    request("GET").leaf("whoami").cookie(),
                ],
            ),
        ),
        case(
            "§0 credentials: the preflight carries no cookie, the PUT that follows does",
            Creds,
            App,
            login_then_put(),
        ),
        case(
            "§B credentials: 'omit' sends no cookie; the page reads the answer",
            Creds,
            App,
            (
                vec![
                    step(LOGIN, LOGGED_IN),
                    step(
                        "fetch(api + '/whoami', {credentials: 'omit'})",
                        read(200, "no cookie"),
                    ),
                ],
                vec![request("GET").leaf("login"), request("GET").leaf("whoami")],
            ),
        ),
        // Response headers.
        case(
            "§B expose_headers: the page reads x-total-count, not x-secret; safelisted content-language always",
            Creds,
            App,
            (
                vec![step(
                    GET,
                    read_headers(
                        "GET ok",
                        &[
                            ("x-total-count", Some("42")),
                            ("x-secret", None),
                            ("content-language", Some("en")),
                        ],
                    ),
                )],
                vec![request("GET")],
            ),
        ),
        case(
            "§B a failing handler's 500 is readable through CORS",
            Creds,
            App,
            (
                vec![step("fetch(api + '/error')", read(500, "boom"))],
                vec![request("GET").leaf("error").status(500)],
            ),
        ),
        case(
            "§B the framework's 404 fallback (no handler) is readable through CORS",
            Creds,
            App,
            (
                vec![step("fetch(api + '/missing')", read(404, "*"))],
                vec![request("GET").leaf("missing").status(404).unhandled()],
            ),
        ),
        case(
            "§B a handler's 401 is readable through CORS",
            Creds,
            App,
            (
                vec![step("fetch(api + '/denied')", read(401, "denied"))],
                vec![request("GET").leaf("denied").status(401)],
            ),
        ),
        case(
            "§B the handler's own ACAO and ACEH are replaced by the policy's",
            Creds,
            App,
            (
                vec![step(
                    "fetch(api + '/acao')",
                    read_headers(
                        "GET ok",
                        &[("x-total-count", Some("42")), ("x-secret", None)],
                    ),
                )],
                vec![request("GET").leaf("acao")],
            ),
        ),
        case(
            "§B a refused origin: the handler's own CORS headers are removed (its `ACAO: http://evil.test` does not let evil.test read)",
            Creds,
            Evil,
            (
                vec![step("fetch(api + '/acao')", Blocked)],
                vec![request("GET").leaf("acao")],
            ),
        ),
        // The preflight cache.
        case(
            "A1 max_age 600 honoured: two PUTs, one preflight",
            Creds,
            App,
            two_puts_one_preflight(),
        ),
        case(
            "§B ACAM is the whole method list: a cached PUT preflight covers a DELETE to the same URL",
            Creds,
            App,
            (
                vec![step(PUT, PUT_OK), step(DELETE, read(200, "DELETE ok"))],
                vec![preflight("PUT"), request("PUT"), request("DELETE")],
            ),
        ),
        case(
            "§B ACAH is the whole header list: a cached preflight covers a later listed header",
            Creds,
            App,
            (
                vec![
                    step(
                        "fetch(api + '/items', {method: 'PUT', headers: {'Content-Type': 'application/json'}, body: '{}'})",
                        PUT_OK,
                    ),
                    step(
                        "fetch(api + '/items', {method: 'PUT', headers: {'X-Api-Key': 'k'}})",
                        PUT_OK,
                    ),
                ],
                vec![
                    preflight("PUT").acrh("content-type"),
                    request("PUT"),
                    request("PUT"),
                ],
            ),
        ),
        case(
            "§0 the preflight cache is keyed by URL: the same PUT to another URL is preflighted again",
            Creds,
            App,
            (
                vec![
                    step(
                        "fetch(api + '/items?n=1', {method: 'PUT', body: 'x'})",
                        PUT_OK,
                    ),
                    step(
                        "fetch(api + '/items?n=2', {method: 'PUT', body: 'x'})",
                        PUT_OK,
                    ),
                ],
                vec![
                    preflight("PUT"),
                    request("PUT"),
                    preflight("PUT"),
                    request("PUT"),
                ],
            ),
        ),
        // The null origin.
        case(
            "O10 the null origin (sandboxed iframe) is refused by a policy that does not list it",
            Creds,
            Sandboxed,
            put_refused(),
        ),
        case(
            "O10 a simple GET from the null origin reaches the handler; the iframe cannot read it",
            Creds,
            Sandboxed,
            get_hidden(),
        ),
        // Patterns against look-alike hosts.
        case(
            "O12 `http://*.app.test` allows a.app.test",
            Creds,
            Sub,
            put_passes(),
        ),
        case(
            "O12 `*.` is one or more labels: a.b.app.test allowed",
            Creds,
            Deep,
            put_passes(),
        ),
        case(
            "O12 subdomain pattern vs look-alike evilapp.test: refused",
            Creds,
            EvilApp,
            put_refused(),
        ),
        case(
            "O12 subdomain pattern vs look-alike app.test.evil.test: refused",
            Creds,
            AppDotEvil,
            put_refused(),
        ),
        // The page's own OPTIONS.
        case(
            "§B the page's own OPTIONS is preflighted (ACRM OPTIONS), then reaches the application's OPTIONS handler",
            Creds,
            App,
            (
                vec![step(
                    "fetch(api + '/items', {method: 'OPTIONS'})",
                    read(200, "OPTIONS ok"),
                )],
                vec![preflight("OPTIONS"), request("OPTIONS")],
            ),
        ),
        // The HTTP cache.
        case(
            "§B Vary: Origin: a response cached from a no-Origin load serves another one, never a CORS fetch",
            Creds,
            App,
            (
                vec![
                    step(NO_CORS, Opaque),
                    PAUSE,
                    step(NO_CORS, Opaque),
                    step("fetch(api + '/cached')", read(200, "cached")),
                ],
                vec![
                    request("GET").leaf("cached").no_origin(),
                    request("GET").leaf("cached"),
                ],
            ),
        ),
        // A policy without credentials, with `max_age: 0` and no exposed header.
        case(
            "A1 max_age 0: every PUT is preflighted",
            Plain,
            App,
            (
                vec![step(PUT, PUT_OK), step(PUT, PUT_OK)],
                vec![
                    preflight("PUT"),
                    request("PUT"),
                    preflight("PUT"),
                    request("PUT"),
                ],
            ),
        ),
        case(
            "§B no expose_headers: x-total-count reads null, content-language (safelisted) reads",
            Plain,
            App,
            (
                vec![step(
                    GET,
                    read_headers(
                        "GET ok",
                        &[("x-total-count", None), ("content-language", Some("en"))],
                    ),
                )],
                vec![request("GET")],
            ),
        ),
        case(
            "§B a credentialed GET, policy without credentials: sent with the cookie, the page cannot read it",
            Plain,
            App,
            (
                vec![
                    step(
                        "fetch(apis.creds + '/login', {credentials: 'include'})",
                        LOGGED_IN,
                    ),
                    step("fetch(api + '/whoami', {credentials: 'include'})", Blocked),
                ],
                vec![
                    request("GET").leaf("login").on(Creds),
                    request("GET").leaf("whoami").cookie(),
                ],
            ),
        ),
        case(
            "§B a credentialed PUT, policy without credentials: the preflight is answered (204) but fails in the browser (no ACAC); the PUT never sent",
            Plain,
            App,
            (
                vec![step(
                    "fetch(api + '/items', {method: 'PUT', credentials: 'include'})",
                    Blocked,
                )],
                vec![preflight("PUT")],
            ),
        ),
        case(
            "§B the page's own OPTIONS, OPTIONS not listed: refused at the preflight, the handler never reached",
            Plain,
            App,
            (
                vec![step("fetch(api + '/items', {method: 'OPTIONS'})", Blocked)],
                vec![preflight("OPTIONS").refused()],
            ),
        ),
        case(
            "§B exact origin: a subdomain of the listed origin (a.app.test) is refused",
            Plain,
            Sub,
            put_refused(),
        ),
        // Origin `*`, without credentials.
        case(
            "O3 origin `*`: any origin (evil.test) reads the answer",
            Open,
            Evil,
            get_read(),
        ),
        case(
            "§B origin `*` (ACAO *) lets the null origin read too",
            Open,
            Sandboxed,
            get_read(),
        ),
        case(
            "H4 allow_headers `*` without credentials covers any header (x-anything)",
            Open,
            App,
            (
                vec![step(
                    "fetch(api + '/items', {headers: {'X-Anything': '1'}})",
                    GET_OK,
                )],
                vec![preflight("GET").acrh("x-anything"), request("GET")],
            ),
        ),
        case(
            "§B allow_headers `*` never covers authorization: the server refuses the preflight",
            Open,
            App,
            (
                vec![step(
                    "fetch(api + '/items', {headers: {'Authorization': 'Bearer t'}})",
                    Blocked,
                )],
                vec![preflight("GET").acrh("authorization").refused()],
            ),
        ),
        case(
            "M3 methods `*` without credentials allows PROPFIND",
            Open,
            App,
            (
                vec![step(
                    "fetch(api + '/items', {method: 'PROPFIND'})",
                    read(200, "PROPFIND ok"),
                )],
                vec![preflight("PROPFIND"), request("PROPFIND")],
            ),
        ),
        case(
            "O3 origin `*` with credentials: 'include': the handler runs, the browser refuses ACAO *",
            Open,
            App,
            (
                vec![step(
                    "fetch(api + '/items', {credentials: 'include'})",
                    Blocked,
                )],
                vec![request("GET")],
            ),
        ),
        case(
            "E3 expose_headers `*` without credentials: the page reads x-total-count and x-secret",
            Open,
            App,
            (
                vec![step(
                    GET,
                    read_headers(
                        "GET ok",
                        &[("x-total-count", Some("42")), ("x-secret", Some("s3cret"))],
                    ),
                )],
                vec![request("GET")],
            ),
        ),
        case(
            "A1 no max_age: the browser caches the preflight 5 s (two PUTs, one preflight)",
            Open,
            App,
            two_puts_one_preflight(),
        ),
        case(
            "§B origin `*` needs no Vary: the response cached from a no-Origin load (ACAO *) serves the CORS fetch",
            Open,
            App,
            (
                vec![
                    step(NO_CORS, Opaque),
                    PAUSE,
                    step("fetch(api + '/cached')", read(200, "cached")),
                ],
                vec![request("GET").leaf("cached").no_origin()],
            ),
        ),
        // `methods: *` and `allow_headers: *` with a max-age. Answered `*`, Chromium
        // cached the preflight and Firefox preflighted every request again (measured
        // with this case before the layer echoed: four requests in Firefox, three in
        // Chromium); answered with the requested method and headers, both cache it.
        case(
            "A1/M3/H4 `*` methods and headers with max_age 600: two PUTs with x-anything, one preflight in both engines",
            Wild,
            App,
            (
                vec![
                    step(
                        "fetch(api + '/items', {method: 'PUT', headers: {'X-Anything': '1'}})",
                        PUT_OK,
                    ),
                    step(
                        "fetch(api + '/items', {method: 'PUT', headers: {'X-Anything': '2'}})",
                        PUT_OK,
                    ),
                ],
                vec![
                    preflight("PUT").acrh("x-anything"),
                    request("PUT"),
                    request("PUT"),
                ],
            ),
        ),
        case(
            "§B a `*` answer lists what was asked: a cached PUT preflight does not cover a DELETE to the same URL",
            Wild,
            App,
            (
                vec![step(PUT, PUT_OK), step(DELETE, read(200, "DELETE ok"))],
                vec![
                    preflight("PUT"),
                    request("PUT"),
                    preflight("DELETE"),
                    request("DELETE"),
                ],
            ),
        ),
        // The null origin allowed on purpose; a pattern without its apex.
        case(
            "O10 dangerously_allow_null_origin: the sandboxed iframe's PUT passes",
            NullOk,
            Sandboxed,
            put_passes(),
        ),
        case(
            "O12 `http://*.app.test` never matches app.test itself",
            NullOk,
            App,
            put_refused(),
        ),
        case(
            "§0 a JSON POST is preflighted; content-type not listed: never sent",
            NullOk,
            Sub,
            (
                vec![step(
                    "fetch(api + '/items', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: '{}'})",
                    Blocked,
                )],
                vec![preflight("POST").acrh("content-type").refused()],
            ),
        ),
        // Loopback: any port, credentials without the insecure-origins opt-in.
        case(
            "O12/O13 `http://localhost:*` with credentials: a page on any port, cookies included",
            Loopback,
            Localhost,
            login_then_put(),
        ),
        case(
            "O12 port pattern vs look-alike localhost.evil.test: refused",
            Loopback,
            LocalhostDotEvil,
            put_refused(),
        ),
        case(
            "§B origins match byte for byte: http://127.0.0.1:<port> is not `http://localhost:*`",
            Loopback,
            LoopbackIp,
            put_refused(),
        ),
        // Preflights passed on to the application.
        case(
            "§B preflight_continue: the handler answers the accepted preflight (200), then the PUT",
            Continue,
            App,
            (
                vec![step(PUT, PUT_OK)],
                vec![preflight("PUT").status(200).handled(), request("PUT")],
            ),
        ),
        case(
            "§B preflight_continue: a refused preflight never reaches the handler",
            Continue,
            App,
            (
                vec![step(
                    "fetch(api + '/items', {headers: {'X-Api-Key': 'k'}})",
                    Blocked,
                )],
                vec![preflight("GET").acrh("x-api-key").refused()],
            ),
        ),
        // Cross-origin protection: what CORS cannot stop, refused before the handler.
        case(
            "C cross_origin_protection: a form POST from evil.test (Sec-Fetch-Site cross-site) never reaches the handler (403)",
            Guarded,
            Evil,
            (
                vec![step(FORM_POST, Expect::Done)],
                vec![request("POST").site(Some("cross-site")).refused()],
            ),
        ),
        case(
            "C cross_origin_protection: the same form POST from app.test runs the handler",
            Guarded,
            App,
            (
                vec![step(FORM_POST, Expect::Done)],
                vec![request("POST").site(Some("cross-site"))],
            ),
        ),
        case(
            "C cross_origin_protection: a form POST from evil.test without Sec-Fetch-Site (plain http): Origin is not Host, refused",
            Guarded,
            Evil,
            (
                vec![step(FORM_POST_NO_SITE, Expect::Done)],
                vec![request("POST").site(None).refused()],
            ),
        ),
        case(
            "C cross_origin_protection: the same form POST from app.test without Sec-Fetch-Site: allowed origin, runs",
            Guarded,
            App,
            (
                vec![step(FORM_POST_NO_SITE, Expect::Done)],
                vec![request("POST").site(None)],
            ),
        ),
        case(
            "C cross_origin_protection: a no-cors POST from evil.test never reaches the handler (403)",
            Guarded,
            Evil,
            (
                vec![step(NO_CORS_POST, Opaque)],
                vec![request("POST").site(Some("cross-site")).refused()],
            ),
        ),
        case(
            "C cross_origin_protection: a no-cors POST from evil.test without Sec-Fetch-Site is refused too",
            Guarded,
            Evil,
            (
                vec![step(NO_CORS_POST_NO_SITE, Opaque)],
                vec![request("POST").site(None).refused()],
            ),
        ),
        case(
            "C without cross_origin_protection: the no-cors POST from evil.test runs the handler",
            Creds,
            Evil,
            (
                vec![step(no_cors_post!("api"), Opaque)],
                vec![request("POST")],
            ),
        ),
        // Chromium sends no Sec-Fetch-Site with a WebSocket handshake, even to
        // `localhost` (Origin against Host, then the policy, decides); Firefox sends
        // `cross-site` (the policy decides). The outcome is the same.
        case(
            "C cross_origin_protection: a WebSocket from evil.test is refused (403, no open)",
            Guarded,
            Evil,
            (
                vec![step(WEBSOCKET, Expect::Value("error"))],
                vec![request("GET").leaf("ws").site(None).refused()],
            ),
        )
        .except_in(
            Engine::Firefox,
            "Firefox sends Sec-Fetch-Site: cross-site with the handshake; refused all the same",
            (
                vec![step(WEBSOCKET, Expect::Value("error"))],
                vec![request("GET").leaf("ws").site(Some("cross-site")).refused()],
            ),
        ),
        case(
            "C cross_origin_protection: a WebSocket from app.test opens",
            Guarded,
            App,
            (
                vec![step(WEBSOCKET, Expect::Value("open"))],
                vec![request("GET").leaf("ws").site(None).status(101)],
            ),
        )
        .except_in(
            Engine::Firefox,
            "Firefox sends Sec-Fetch-Site: cross-site with the handshake; the allowed origin passes",
            (
                vec![step(WEBSOCKET, Expect::Value("open"))],
                vec![request("GET").leaf("ws").site(Some("cross-site")).status(101)],
            ),
        ),
        case(
            "C without cross_origin_protection: a WebSocket from evil.test opens (no CORS for WebSockets)",
            Creds,
            Evil,
            (
                vec![step(websocket!("api"), Expect::Value("open"))],
                vec![request("GET").leaf("ws").status(101)],
            ),
        ),
        // Origins from the application's tenant table (`DynamicOrigins`), the rules kept.
        case(
            "O13 opt-in, tenant table: a registered origin's credentialed PUT passes, cookies included",
            Tenants,
            App,
            login_then_put(),
        ),
        case(
            "§B tenant table: the table, not the policy's own list, decides (a.app.test is not registered)",
            Tenants,
            Sub,
            put_refused(),
        ),
        case(
            "§B tenant table: evil.test is registered, so its PUT passes (the table decides)",
            Tenants,
            Evil,
            put_passes(),
        ),
        case(
            "O10 tenant table: `null` is registered, but without the opt-in the rules refuse it",
            Tenants,
            Sandboxed,
            put_refused(),
        ),
    ]
}
