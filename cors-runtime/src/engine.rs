//! The sans-IO engine and the checked policy model: what the adapters are made of, for
//! writing an adapter to another framework (poem, salvo, a hand-rolled server) or a
//! policy by hand.
//!
//! Applications do not need this module: [`cors!`](crate::cors) or
//! [`Policy`](crate::Policy) and an adapter (the `tower`, `hyper` and `actix` modules)
//! are the whole job. Everything here is what those adapters use, with the same
//! guarantees: deciding never allocates, never panics, and costs time linear in the size
//! of the CORS request headers.
//!
//! # Writing an adapter for another framework
//!
//! An adapter is a middleware that, for each request:
//!
//! 1. **Reads the request head** into a [`RequestHead`]: the method, and each CORS
//!    request header as a [`HeaderField`] (absent, once with its bytes, or several
//!    times, which [`HeaderField::from_values`] tells from the header's values), with
//!    every `Access-Control-Request-Headers` line as a byte slice. Bytes, not strings: a
//!    non-UTF-8 header is refused, not an error.
//! 2. **Decides**: [`decide`]`(&policy, head)` returns a [`Decision`].
//! 3. **Carries out the action**: [`Action::Respond`]`(status)` means answer now, with that
//!    status and an empty body, without running the handler (a preflight, accepted or
//!    refused); [`Action::Forward`] means run the handler and put the headers on its
//!    response, whatever its status.
//! 4. **Sets the headers**: first remove every `Access-Control-*` header of
//!    [`CorsHeader::ALL`] the handler set (the policy is the only source of CORS
//!    headers), then set each header of [`Decision::headers`] once, with the value
//!    [`CorsHeader::value`] gives from the policy's [`Settings`]:
//!    [`HeaderValueSource::Text`] as it is, [`HeaderValueSource::EchoOrigin`] as the
//!    request's `Origin` value, and (a `*` policy's accepted preflight, which lists what
//!    it was asked for) [`HeaderValueSource::EchoRequestMethod`] as the request's
//!    `Access-Control-Request-Method`, [`HeaderValueSource::EchoRequestHeaders`] as its
//!    one `Access-Control-Request-Headers` line (several lines: the `otherwise` text).
//! 5. **Merges `Vary`**: add the members of [`Decision::vary`] that the response's
//!    `Vary` lines lack ([`Vary::missing_from`]: never duplicated, `Vary: *` left alone).
//!
//! Validate the policy's header values once, when the middleware is built (its
//! [`Settings`] are `&str`s that your framework's header type may refuse), so that
//! nothing is checked or allocated per request. Place the middleware outside routing,
//! so that preflights for paths without an `OPTIONS` route still reach it. The
//! adapters of this crate are these five steps for their frameworks; its scenario tests
//! hold all three to the runtime contract of the README, row by row, and the same rows
//! are a good test for a new adapter.
//!
//! ## Example
//!
//! A framework with its own request and response types, and a CORS middleware for it
//! over [`decide`]:
//!
//! ```
//! use cors_runtime::engine::{
//!     Action, CorsHeader, HeaderField, HeaderValueSource, RequestHead, decide,
//! };
//! use cors_runtime::{CorsPolicy, cors};
//!
//! /// The framework's request and response: header names lowercase, values bytes.
//! struct Request {
//!     method: &'static str,
//!     headers: Vec<(&'static str, Vec<u8>)>,
//! }
//! struct Response {
//!     status: u16,
//!     headers: Vec<(String, Vec<u8>)>,
//!     body: String,
//! }
//!
//! impl Request {
//!     fn values(&self, name: &'static str) -> impl Iterator<Item = &[u8]> {
//!         self.headers.iter().filter(move |(n, _)| *n == name).map(|(_, v)| v.as_slice())
//!     }
//!     fn field(&self, name: &'static str) -> HeaderField<'_> {
//!         HeaderField::from_values(self.values(name))
//!     }
//! }
//!
//! /// The middleware: the five steps.
//! fn with_cors(
//!     policy: &impl CorsPolicy,
//!     request: &Request,
//!     handler: impl FnOnce(&Request) -> Response,
//! ) -> Response {
//!     // 1. The request head.
//!     let head = RequestHead {
//!         method: request.method.as_bytes(),
//!         origin: request.field("origin"),
//!         request_method: request.field("access-control-request-method"),
//!         request_headers: request.values("access-control-request-headers"),
//!         request_private_network: request.field("access-control-request-private-network"),
//!         fetch_site: request.field("sec-fetch-site"),
//!         host: request.field("host"),
//!         upgrade: request.field("upgrade"),
//!     };
//!     // 2. The decision.
//!     let decision = decide(policy, head);
//!     // 3. The action.
//!     let mut response = match decision.action() {
//!         Action::Respond(status) => Response { status, headers: Vec::new(), body: String::new() },
//!         Action::Forward => handler(request),
//!     };
//!     // 4. The headers: the policy's only.
//!     response.headers.retain(|(name, _)| {
//!         !CorsHeader::ALL.iter().any(|header| name.eq_ignore_ascii_case(header.name()))
//!     });
//!     let settings = policy.settings();
//!     for header in decision.headers().iter() {
//!         let value = match header.value(&settings) {
//!             Some(HeaderValueSource::Text(text)) => text.as_bytes().to_vec(),
//!             Some(HeaderValueSource::EchoOrigin) => match request.field("origin") {
//!                 HeaderField::One(origin) => origin.to_vec(),
//!                 _ => continue, // never: an echoed origin is exactly one `Origin`
//!             },
//!             // A wildcard policy's preflight answer repeats what the preflight asked.
//!             Some(HeaderValueSource::EchoRequestMethod) => match request.field("access-control-request-method") {
//!                 HeaderField::One(method) => method.to_vec(),
//!                 _ => continue, // never: a preflight has exactly one
//!             },
//!             Some(HeaderValueSource::EchoRequestHeaders { otherwise }) => {
//!                 match request.field("access-control-request-headers") {
//!                     HeaderField::One(names) => names.to_vec(),
//!                     _ => otherwise.as_bytes().to_vec(),
//!                 }
//!             }
//!             None => continue, // never: a decision only asks for headers with a value
//!         };
//!         response.headers.push((header.name().to_owned(), value));
//!     }
//!     // 5. Vary, merged into the handler's.
//!     let lines: Vec<Vec<u8>> = response
//!         .headers
//!         .iter()
//!         .filter(|(name, _)| name.eq_ignore_ascii_case("vary"))
//!         .map(|(_, value)| value.clone())
//!         .collect();
//!     let missing: Vec<&str> = decision.vary().missing_from(lines.iter().map(Vec::as_slice)).collect();
//!     if !missing.is_empty() {
//!         response.headers.push(("vary".to_owned(), missing.join(", ").into_bytes()));
//!     }
//!     response
//! }
//!
//! let policy = cors! { origin: "https://app.example.com", methods: [PUT], max_age: 600 };
//! let handler = |_: &Request| Response {
//!     status: 200,
//!     headers: vec![("vary".to_owned(), b"accept-encoding".to_vec())],
//!     body: "stored".to_owned(),
//! };
//! let header = |response: &Response, name: &str| {
//!     response.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.clone())
//! };
//!
//! // A preflight for PUT is answered by the middleware; the handler does not run.
//! let preflight = Request {
//!     method: "OPTIONS",
//!     headers: vec![
//!         ("origin", b"https://app.example.com".to_vec()),
//!         ("access-control-request-method", b"PUT".to_vec()),
//!     ],
//! };
//! let answer = with_cors(&policy, &preflight, |_| unreachable!("the layer answers preflights"));
//! assert_eq!(answer.status, 204);
//! assert_eq!(header(&answer, "access-control-allow-origin"), Some(b"https://app.example.com".to_vec()));
//! assert_eq!(header(&answer, "access-control-allow-methods"), Some(b"PUT".to_vec()));
//! assert_eq!(header(&answer, "access-control-max-age"), Some(b"600".to_vec()));
//!
//! // A preflight for DELETE is refused: 403, no CORS header.
//! let refused = Request {
//!     method: "OPTIONS",
//!     headers: vec![
//!         ("origin", b"https://app.example.com".to_vec()),
//!         ("access-control-request-method", b"DELETE".to_vec()),
//!     ],
//! };
//! let answer = with_cors(&policy, &refused, |_| unreachable!("the layer answers preflights"));
//! assert_eq!(answer.status, 403);
//! assert_eq!(header(&answer, "access-control-allow-origin"), None);
//!
//! // The PUT itself runs the handler, and its response gets the origin and `Vary`.
//! let put = Request { method: "PUT", headers: vec![("origin", b"https://app.example.com".to_vec())] };
//! let answer = with_cors(&policy, &put, handler);
//! assert_eq!((answer.status, answer.body.as_str()), (200, "stored"));
//! assert_eq!(header(&answer, "access-control-allow-origin"), Some(b"https://app.example.com".to_vec()));
//! let vary: Vec<_> = answer.headers.iter().filter(|(n, _)| n == "vary").map(|(_, v)| v.clone()).collect();
//! assert_eq!(vary, [b"accept-encoding".to_vec(), b"Origin".to_vec()]);
//!
//! // Another site's request runs the handler too, but its response carries no CORS
//! // header: the browser keeps it from the page.
//! let other = Request { method: "GET", headers: vec![("origin", b"https://evil.example".to_vec())] };
//! assert_eq!(header(&with_cors(&policy, &other, handler), "access-control-allow-origin"), None);
//! ```

pub use cors_policy_core::{
    Action, CompiledPolicy, CorsHeader, Decision, Guarded, HeaderField, HeaderSet,
    HeaderValueSource, Key, MAX_ORIGIN_LEN, MAX_REQUEST_HEADERS_LEN, OriginRules, OriginVerdict,
    PolicyText, Problem, Reason, RequestHead, SHOWN_BYTES, Settings, ShownBytes, ShownField,
    ShownWord, Vary, Violation, decide, decide_with_origin_verdict,
};
