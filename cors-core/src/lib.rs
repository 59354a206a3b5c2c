//! The core of the `cors!` policy compiler, shared by the macro (at compile time) and
//! the runtime (per request).
//!
//! - [`CorsPolicy`] and [`Settings`]: what a policy answers.
//! - [`decide`]: the sans-IO engine, a request head in and a [`Decision`] out.
//! - [`Vary`]: the cache-poisoning guard, decided per policy.
//! - [`syntax`]: allocation-free HTTP token and list helpers.
//! - [`Intake`] and [`check`]: every compile-time rule (K1…K3, O1…P1), from values as
//!   written ([`Raw`]) to a [`CompiledPolicy`] or the full list of [`Violation`]s. The
//!   macro, the builder and serde all feed the one intake: one rule, one implementation,
//!   and each [`Rule`] variant says where it is raised.
//! - [`Spelling`]: the rules' helps worded for the source of the policy.
//!
//! # Example
//!
//! A policy read through the [`Intake`] (as the macro, the builder and serde read one),
//! then a preflight decided under the [`CompiledPolicy`]:
//!
//! ```
//! use cors_policy_core::{decide, Action, CorsHeader, HeaderField, Intake, Raw, RequestHead};
//!
//! let mut intake = Intake::new("policy");
//! intake.entry("origin", "origin", Raw::Str("https://app.example.com".into(), "origin"))?;
//! intake.entry("methods", "methods", Raw::List(vec![Raw::Ident("PUT".into(), "methods[0]")], "methods"))?;
//! let policy = intake.finish().expect("every rule passes");
//!
//! let decision = decide(&policy, RequestHead {
//!     method: b"OPTIONS",
//!     origin: HeaderField::One(b"https://app.example.com"),
//!     request_method: HeaderField::One(b"PUT"),
//!     request_headers: [],
//!     request_private_network: HeaderField::Absent,
//!     fetch_site: HeaderField::Absent,
//!     host: HeaderField::Absent,
//!     upgrade: HeaderField::Absent,
//! });
//! assert_eq!(decision.action(), Action::Respond(204));
//! assert!(decision.headers().contains(CorsHeader::AllowMethods));
//! # Ok::<(), cors_policy_core::Violation<&str>>(())
//! ```
//!
//! # The runtime contract
//!
//! - A *preflight* is `OPTIONS` with an `Origin` and an `Access-Control-Request-Method`
//!   header. Any other `OPTIONS` request is the application's and reaches its handler.
//! - An accepted preflight is answered with the policy's status (default 204) and an
//!   empty body, carrying `Access-Control-Allow-Origin` (the request's origin echoed, or
//!   `*`), `-Allow-Credentials`, `-Allow-Methods`, `-Allow-Headers`, `-Max-Age` and
//!   `-Allow-Private-Network` (only when asked for) as configured; never
//!   `-Expose-Headers`. With `preflight_continue` the handler answers instead and the
//!   headers are added to its response.
//! - A refused preflight gets 403, an empty body and no CORS header but `Vary`.
//! - Any other request from an allowed origin runs the handler; its response, whatever
//!   its status, gets `-Allow-Origin`, `-Allow-Credentials` and `-Expose-Headers`.
//!   From a refused origin, or without `Origin`, the response gets no CORS header.
//! - An origin is allowed only when the request carries exactly one `Origin` header,
//!   at most [`MAX_ORIGIN_LEN`] bytes long, that the policy matches byte for byte.
//!   An any-origin policy ignores `Origin` and sends `*` on every response.
//! - `Access-Control-Request-Method` is matched byte for byte (`GET`, `HEAD` and `POST`
//!   always pass); each element of `Access-Control-Request-Headers` (all lines, split
//!   on commas, trimmed, empty elements skipped) case-insensitively, and all must pass.
//!   A `*` header policy never covers `authorization`, which must be listed by name.
//!   Request-header lines longer than [`MAX_REQUEST_HEADERS_LEN`] in all are refused.
//! - Every response of a specific-origin policy varies on `Origin`; preflight answers
//!   also on the requested method and headers. See [`Vary`].
//!
//! # Cross-origin protection
//!
//! With [`Settings::cross_origin_protection`] (`cross_origin_protection: true`), requests
//! that CORS cannot stop (a form POST, a `no-cors` `fetch`, a WebSocket handshake: none
//! is preflighted, so each reaches the handler whatever the policy says) are refused
//! with 403 before the handler runs when they come from an origin the policy does not
//! allow and that is not the server's own.
//!
//! The algorithm follows Go 1.25's `net/http.CrossOriginProtection`, with the policy's
//! allowed origins as the trusted ones:
//!
//! 1. Only requests that can change state are judged: every method but `GET`, `HEAD`
//!    and `OPTIONS` (byte for byte, so `get` is judged), and any request carrying
//!    `Upgrade: websocket` (a handshake is a `GET`, and browsers send it from any site).
//!    Everything else, preflights included, is decided exactly as without protection.
//! 2. `Sec-Fetch-Site: same-origin` or `none` (the user typed the address, or a
//!    bookmark): the browser itself says the request is not cross-origin; it passes.
//!    Every browser has sent the header since 2023, and a page cannot set or change it.
//! 3. Any other `Sec-Fetch-Site` (`same-site`, `cross-site`, a value in another case or
//!    no browser sends, the header twice): the request passes only if the policy allows
//!    its `Origin`. Values are compared byte for byte (structured-field tokens are
//!    case-sensitive, and browsers send them lowercase): anything unexpected is treated
//!    as cross-site, the strict reading.
//! 4. No `Sec-Fetch-Site` (a browser before 2023, or not a browser):
//!    - no `Origin`: passes, as in Go: a request with neither header is same-origin or
//!      from a non-browser client (curl, a server), which CSRF is not about; browsers
//!      have sent `Origin` on cross-origin POSTs for years longer than `Sec-Fetch-Site`;
//!    - an `Origin` whose `host[:port]` is byte for byte the request's authority (`Host`,
//!      or the URI's authority, which HTTP/2 sends as `:authority`): the page is this
//!      server's own; passes. `Host` carries no scheme, so `http://api.example.com`
//!      passes on the `https` server too: an old browser on a page served over plain
//!      http of the same host. Browsers send no `Sec-Fetch-Site` to plain-http URLs, and
//!      Chromium sends none with any WebSocket handshake, so this branch decides those;
//!      HSTS closes the gap (SECURITY.md);
//!    - an `Origin` the policy allows: passes;
//!    - anything else (another host, `null`, several `Origin` headers, no `Host`):
//!      refused.
//!
//! A refusal is [`Action::Respond(403)`](Action::Respond), no CORS header, and the
//! `Vary` of any actual response of the policy ([`Vary::for_actual`]): only
//! requests that no shared cache reuses are ever refused (unsafe methods, handshakes), so
//! `Sec-Fetch-Site` and `Host` need not be added to `Vary`.
#![deny(missing_docs)]

mod check;
mod describe;
mod engine;
mod header;
mod host;
mod input;
mod intake;
mod key;
mod method;
mod model;
mod name_set;
mod origin;
mod pattern;
mod policy;
mod protection;
mod rule;
mod sent_origin;
mod shown;
mod spelling;
pub mod syntax;
mod vary;

pub use check::{check, check_in_order};
pub use describe::PolicyText;
pub use header::{HeaderEntry, SAFELISTED_RESPONSE, parse_exposed_header, parse_request_header};
pub use input::{At, ListValue, PolicyInput, Slot};
pub use intake::{Intake, Raw};
pub use key::{Key, ValueKind, duplicate_key, shown_key, suggest_key, unknown_key, wrong_kind};
pub use method::{MethodEntry, parse_method};
pub use model::{AllowHeaders, CompiledPolicy, ExposeHeaders, Methods, Origins};
pub use origin::{OriginEntry, OwnedPattern, parse_origin};
pub use pattern::{HostPattern, OriginPattern, PortPattern, is_wildcard_label_run};
pub use rule::{Problem, Related, Rule, Violation};
pub use spelling::Spelling;

pub use engine::{
    Action, CorsHeader, Decision, HeaderField, HeaderSet, HeaderValueSource, MAX_ORIGIN_LEN,
    MAX_REQUEST_HEADERS_LEN, Reason, RequestHead, decide, decide_with_origin_verdict,
};
pub use policy::{CorsPolicy, OriginVerdict, Settings};
pub use protection::Guarded;
pub use sent_origin::OriginRules;
pub use shown::{SHOWN_BYTES, ShownBytes, ShownField, ShownWord};
pub use vary::Vary;
