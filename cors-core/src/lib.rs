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
mod origin;
mod pattern;
mod policy;
mod rule;
mod sent_origin;
mod spelling;
pub mod syntax;
mod vary;

pub use check::{check, check_in_order};
pub use describe::PolicyText;
pub use header::{HeaderEntry, SAFELISTED_RESPONSE, parse_exposed_header, parse_request_header};
pub use input::{At, ListValue, PolicyInput, Slot};
pub use intake::{Intake, Raw};
pub use key::{Key, ValueKind, duplicate_key, suggest_key, unknown_key, wrong_kind};
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
pub use sent_origin::OriginRules;
pub use vary::Vary;
