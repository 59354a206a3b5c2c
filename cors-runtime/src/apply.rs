//! Carrying out a [`Decision`](cors_core::Decision) on a framework's header maps, written
//! once for every adapter.
//!
//! The tower and hyper adapters use the `http` 1.x header map, actix-web its own map over
//! `http` 0.2 types; both implement the tiny [`HeaderMap`] trait below, and everything
//! else (reading the request, preparing constant values, setting CORS headers, merging
//! `Vary`, the response future's state machine) lives here.

use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, ready};
use std::sync::Arc;

use cors_core::{
    Action, CorsHeader, CorsPolicy, HeaderField, HeaderSet, HeaderValueSource, RequestHead,
    Settings, Vary, decide,
};

/// A framework's header map, reduced to what CORS needs.
pub(crate) trait HeaderMap {
    /// A header name.
    type Name;
    /// A header value; cloning a value made by [`shared_value`](HeaderMap::shared_value)
    /// or taken from a request must not allocate.
    type Value: Clone;
    /// The values of one header, as bytes.
    type Values<'a>: Iterator<Item = &'a [u8]>
    where
        Self: 'a;

    /// A name known to be valid: the CORS header names.
    fn name(name: &'static str) -> Self::Name;
    /// A value known to be valid: the `Vary` members of the engine.
    fn static_value(value: &'static str) -> Self::Value;
    /// A value built once whose clones are reference-count bumps, or `None` when `text`
    /// is not a valid header value.
    fn shared_value(text: &str) -> Option<Self::Value>;
    /// A static value (clones are free), or `None` when `text` is not a valid header
    /// value.
    fn checked_static_value(text: &'static str) -> Option<Self::Value>;
    /// Every value of `name`, in order.
    fn values<'a>(&'a self, name: &Self::Name) -> Self::Values<'a>;
    /// The values of `name` counted as a [`HeaderField`], and the first of them, from
    /// one lookup (the engine judges the `Origin` bytes; an echo clones that value).
    fn field_and_first(&self, name: &Self::Name) -> (HeaderField<'_>, Option<&Self::Value>);
    /// Sets `name` to `value` alone, replacing every value it had.
    fn replace(&mut self, name: &Self::Name, value: Self::Value);
    /// Adds a line for `name`, keeping the others.
    fn append(&mut self, name: &Self::Name, value: Self::Value);
    /// Removes every line of `name`.
    fn remove_all(&mut self, name: &Self::Name);
    /// Whether any header name starts with `access-control-` (one pass over the names:
    /// cheaper than looking up each CORS name when, as usual, there is none).
    fn has_cors_header(&self) -> bool;
}

/// Every line of one header of a map; `Copy`, so it can be iterated more than once
/// (which [`Vary::missing_from`] does).
struct Lines<'a, H: HeaderMap>(&'a H, &'a H::Name);

impl<H: HeaderMap> Clone for Lines<'_, H> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<H: HeaderMap> Copy for Lines<'_, H> {}

impl<'a, H: HeaderMap> IntoIterator for Lines<'a, H> {
    type Item = &'a [u8];
    type IntoIter = H::Values<'a>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.values(self.1)
    }
}

/// A hand-written [`CorsPolicy`] whose settings cannot be sent: returned by the
/// adapters' `try_new`. `cors!` and runtime-checked policies never produce one.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "tower")] {
/// use cors_runtime::{CorsPolicy, Settings, tower::CorsLayer};
///
/// struct Broken;
/// impl CorsPolicy for Broken {
///     fn allows_origin(&self, _: &[u8]) -> bool { false }
///     fn allows_method(&self, _: &[u8]) -> bool { false }
///     fn allows_request_header(&self, _: &[u8]) -> bool { false }
///     fn settings(&self) -> Settings<'_> {
///         Settings { max_age: Some("600\n"), ..Settings::DEFAULT }
///     }
/// }
///
/// let error = CorsLayer::try_new(Broken).unwrap_err();
/// assert_eq!(
///     error.to_string(),
///     "the policy's access-control-max-age value \"600\\n\" is not a valid header value"
/// );
/// # }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InvalidPolicy {
    /// A constant value holds bytes a header value cannot.
    Value(CorsHeader, String),
    /// The preflight status is not a success status.
    Status(u16),
}

impl fmt::Display for InvalidPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InvalidPolicy::Value(header, text) => write!(
                f,
                "the policy's {} value {text:?} is not a valid header value",
                header.name()
            ),
            InvalidPolicy::Status(status) => write!(
                f,
                "the policy's preflight status {status} is not in 200..=299"
            ),
        }
    }
}

impl std::error::Error for InvalidPolicy {}

/// Where one CORS header's value comes from, ready to use.
enum Source<V> {
    /// A constant of the policy, built once.
    Constant(V),
    /// The request's own `Origin` value.
    EchoOrigin,
    /// The preflight's own `Access-Control-Request-Method` value.
    EchoRequestMethod,
    /// The preflight's own `Access-Control-Request-Headers` line when it has one line,
    /// else this constant (the policy's `*`).
    EchoRequestHeaders(V),
}

/// Every name and constant value a policy's responses use, built once per layer so that
/// a request only clones them (reference-count bumps, no allocation).
pub(crate) struct Prepared<H: HeaderMap> {
    /// Response header names, in [`CorsHeader::ALL`] order.
    names: [H::Name; CorsHeader::ALL.len()],
    /// Whether a preflight answer echoes the request's method or headers (a wildcard
    /// policy), so that their values are taken from the request.
    echoes_request: bool,
    /// Their values, same order; `None` when the policy has no value for the header.
    values: [Option<Source<H::Value>>; CorsHeader::ALL.len()],
    vary: H::Name,
    /// The policy's `Vary` values and members, validated once: building a header value
    /// from text checks every byte, which per request would cost more than the rest of
    /// the CORS work.
    vary_values: Vec<(&'static str, H::Value)>,
    origin: H::Name,
    request_method: H::Name,
    request_headers: H::Name,
    request_private_network: H::Name,
    /// The policy has cross-origin protection on: only then are the three headers below
    /// looked up.
    protection: bool,
    fetch_site: H::Name,
    host: H::Name,
    upgrade: H::Name,
}

impl<H: HeaderMap> Prepared<H> {
    /// `static_settings`: the same settings when they are `'static` (see
    /// [`CorsPolicy::static_settings`]); their values become static header values, which
    /// clone for free, instead of one shared reference-counted copy each.
    fn new(
        settings: &Settings<'_>,
        static_settings: Option<Settings<'static>>,
    ) -> Result<Self, InvalidPolicy> {
        if !(200..=299).contains(&settings.preflight_status) {
            return Err(InvalidPolicy::Status(settings.preflight_status));
        }
        let mut values = CorsHeader::ALL.map(|_| None);
        for (slot, header) in values.iter_mut().zip(CorsHeader::ALL) {
            let static_text =
                static_settings
                    .as_ref()
                    .and_then(|settings| match header.value(settings) {
                        Some(HeaderValueSource::Text(text)) => Some(text),
                        _ => None,
                    });
            *slot = match header.value(settings) {
                None => None,
                Some(HeaderValueSource::EchoOrigin) => Some(Source::EchoOrigin),
                Some(HeaderValueSource::EchoRequestMethod) => Some(Source::EchoRequestMethod),
                Some(HeaderValueSource::EchoRequestHeaders { otherwise }) => {
                    match H::shared_value(otherwise) {
                        Some(value) => Some(Source::EchoRequestHeaders(value)),
                        None => return Err(InvalidPolicy::Value(header, otherwise.to_owned())),
                    }
                }
                Some(HeaderValueSource::Text(text)) => {
                    let value = match static_text {
                        Some(text) => H::checked_static_value(text),
                        None => H::shared_value(text),
                    };
                    match value {
                        Some(value) => Some(Source::Constant(value)),
                        None => return Err(InvalidPolicy::Value(header, text.to_owned())),
                    }
                }
            };
        }
        let echoes_request = values.iter().any(|value| {
            matches!(
                value,
                Some(Source::EchoRequestMethod | Source::EchoRequestHeaders(_))
            )
        });
        Ok(Prepared {
            names: CorsHeader::ALL.map(|header| H::name(header.name())),
            echoes_request,
            values,
            vary: H::name("vary"),
            vary_values: [Vary::for_actual(settings), Vary::for_preflight(settings)]
                .into_iter()
                .flat_map(|vary| {
                    vary.value()
                        .into_iter()
                        .chain(vary.members().iter().copied())
                })
                .map(|text| (text, H::static_value(text)))
                .collect(),
            origin: H::name("origin"),
            request_method: H::name("access-control-request-method"),
            request_headers: H::name("access-control-request-headers"),
            request_private_network: H::name("access-control-request-private-network"),
            protection: settings.cross_origin_protection,
            fetch_site: H::name("sec-fetch-site"),
            host: H::name("host"),
            upgrade: H::name("upgrade"),
        })
    }
}

impl<H: HeaderMap> Prepared<H> {
    /// The prepared header value of one of the policy's `Vary` texts.
    fn vary_value(&self, text: &'static str) -> H::Value {
        self.vary_values
            .iter()
            .find(|(prepared, _)| core::ptr::eq(*prepared, text) || *prepared == text)
            .map_or_else(|| H::static_value(text), |(_, value)| value.clone())
    }
}

/// A policy and its prepared headers: the state every adapter shares between requests.
pub(crate) struct Runtime<P, H: HeaderMap> {
    policy: P,
    prepared: Arc<Prepared<H>>,
}

impl<P: CorsPolicy, H: HeaderMap> Runtime<P, H> {
    /// Prepares `policy`'s headers, or says why they cannot be sent.
    pub(crate) fn try_new(policy: P) -> Result<Self, InvalidPolicy> {
        let prepared = Prepared::new(&policy.settings(), policy.static_settings())?;
        Ok(Runtime {
            policy,
            prepared: Arc::new(prepared),
        })
    }

    /// Prepares `policy`'s headers.
    ///
    /// # Panics
    ///
    /// When the policy's settings cannot be sent (see [`InvalidPolicy`]): a programming
    /// error of a hand-written policy, caught when the layer is built, never per request.
    pub(crate) fn new(policy: P) -> Self {
        Self::try_new(policy).unwrap_or_else(|error| panic!("invalid CORS policy: {error}"))
    }

    /// Decides what to do with a request, from its method, its URI's authority (when the
    /// request target or HTTP/2's `:authority` has one) and its headers.
    pub(crate) fn start(&self, method: &[u8], authority: Option<&[u8]>, request: &H) -> Start<H> {
        self.start_judged(method, authority, request, None)
    }

    /// The request's `Origin` header, counted (what an origin source is asked about).
    pub(crate) fn origin_of<'a>(&self, request: &'a H) -> HeaderField<'a> {
        request.field_and_first(&self.prepared.origin).0
    }

    /// [`start`](Runtime::start), with the verdict on the request's origin already known
    /// when it is `Some` (an origin source asked first, asynchronously): the entry point
    /// of `AsyncOrigins`. `None` asks the policy, as `start` does.
    pub(crate) fn start_judged(
        &self,
        method: &[u8],
        authority: Option<&[u8]>,
        request: &H,
        verdict: Option<cors_core::OriginVerdict>,
    ) -> Start<H> {
        let prepared = &*self.prepared;
        let field = |name: &H::Name| HeaderField::from_values(request.values(name));
        let (origin, first_origin) = request.field_and_first(&prepared.origin);
        // Only an OPTIONS request can be a preflight: for any other method the engine
        // never reads the preflight headers, so they are not even looked up.
        let options = method == b"OPTIONS";
        let preflight_field = |name: &H::Name| {
            if options {
                field(name)
            } else {
                HeaderField::Absent
            }
        };
        // Cross-origin protection reads `Upgrade`, and then `Sec-Fetch-Site` and `Host`
        // only for a request it judges (the engine's own rule says which); without the
        // key none of them is looked up.
        let upgrade = if prepared.protection {
            field(&prepared.upgrade)
        } else {
            HeaderField::Absent
        };
        let judged = prepared.protection && cors_core::Guarded::of(method, upgrade).is_some();
        let protection_field = |name: &H::Name| {
            if judged {
                field(name)
            } else {
                HeaderField::Absent
            }
        };
        let head = RequestHead {
            method,
            origin,
            request_method: preflight_field(&prepared.request_method),
            request_headers: options
                .then_some(Lines(request, &prepared.request_headers))
                .into_iter()
                .flatten(),
            request_private_network: preflight_field(&prepared.request_private_network),
            fetch_site: protection_field(&prepared.fetch_site),
            host: match authority {
                Some(authority) if judged => HeaderField::One(authority),
                _ => protection_field(&prepared.host),
            },
            upgrade,
        };
        let decision = match verdict {
            None => decide(&self.policy, head),
            Some(verdict) => cors_core::decide_with_origin_verdict(&self.policy, head, verdict),
        };
        #[cfg(feature = "tracing")]
        crate::trace::refusal(method, origin, &decision);
        let headers = decision.headers();
        let echoes = headers.contains(CorsHeader::AllowOrigin)
            && matches!(
                prepared.values.get(CorsHeader::AllowOrigin.index()),
                Some(Some(Source::EchoOrigin))
            );
        // A wildcard policy's accepted preflight lists what it asked for: the values
        // are the request's own (clones of its header values, which do not allocate).
        let echo_request = prepared.echoes_request
            && (headers.contains(CorsHeader::AllowMethods)
                || headers.contains(CorsHeader::AllowHeaders));
        let request_method = echo_request
            .then(|| request.field_and_first(&prepared.request_method).1.cloned())
            .flatten();
        let request_headers = echo_request
            .then(
                || match request.field_and_first(&prepared.request_headers) {
                    (HeaderField::One(_), first) => first.cloned(),
                    _ => None,
                },
            )
            .flatten();
        let finish = Finish {
            prepared: Arc::clone(&self.prepared),
            headers,
            vary: decision.vary(),
            // Cloned before the request moves on: the handler may consume it, and the
            // decision was made on this very value.
            origin: echoes.then(|| first_origin.cloned()).flatten(),
            request_method,
            request_headers,
        };
        match decision.action() {
            Action::Respond(status) => Start::Respond(status, finish),
            Action::Forward => Start::Forward(finish),
        }
    }
}

impl<P: CorsPolicy, H: HeaderMap> fmt::Debug for Runtime<P, H> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Runtime")
            .field("settings", &self.policy.settings())
            .finish_non_exhaustive()
    }
}

/// What to do with a request.
pub(crate) enum Start<H: HeaderMap> {
    /// Answer now with this status and an empty body; then [`Finish::own_response`].
    Respond(u16, Finish<H>),
    /// Run the handler; then [`Finish::handler_response`].
    Forward(Finish<H>),
}

/// The headers a decision asks for, ready to be set on the response.
pub(crate) struct Finish<H: HeaderMap> {
    prepared: Arc<Prepared<H>>,
    headers: HeaderSet,
    vary: Vary,
    origin: Option<H::Value>,
    /// The preflight's `Access-Control-Request-Method`, when the answer echoes it.
    request_method: Option<H::Value>,
    /// The preflight's one `Access-Control-Request-Headers` line, when the answer
    /// echoes it.
    request_headers: Option<H::Value>,
}

impl<H: HeaderMap> Clone for Finish<H> {
    fn clone(&self) -> Self {
        Finish {
            prepared: Arc::clone(&self.prepared),
            headers: self.headers,
            vary: self.vary,
            origin: self.origin.clone(),
            request_method: self.request_method.clone(),
            request_headers: self.request_headers.clone(),
        }
    }
}

impl<H: HeaderMap> Finish<H> {
    /// Completes a response that has no `Vary` yet (the layer's own, or a handler's
    /// without one): the members go on one line.
    pub(crate) fn own_response(self, map: &mut H) {
        if let Some(vary) = self.vary.value() {
            map.replace(&self.prepared.vary, self.prepared.vary_value(vary));
        }
        self.set_cors_headers(map, false);
    }

    /// Completes a handler's response: its `Vary` lines are kept and only the missing
    /// members are appended, one line each (never duplicated, `Vary: *` left alone).
    pub(crate) fn handler_response(self, map: &mut H) {
        let prepared = &*self.prepared;
        let strip = map.has_cors_header();
        if map.values(&prepared.vary).next().is_none() {
            // Nothing to merge with: one line, as on the layer's own responses (a
            // header map stores a second line of a name in a separate allocation).
            if let Some(vary) = self.vary.value() {
                map.replace(&prepared.vary, prepared.vary_value(vary));
            }
            return self.set_cors_headers(map, strip);
        }
        // One member per round, so that the lines are not borrowed while appending;
        // each round adds a member the next one finds present. Bounded all the same.
        for _ in self.vary.members() {
            let Some(member) = self.vary.missing_from(Lines(map, &prepared.vary)).next() else {
                break;
            };
            map.append(&prepared.vary, prepared.vary_value(member));
        }
        self.set_cors_headers(map, strip);
    }

    /// Makes the seven CORS response headers exactly what the decision says: each one it
    /// asks for once, with the policy's value; every other one removed, whatever the
    /// handler set. The policy is the only source of CORS headers, so a handler (or a
    /// proxied upstream) that sets its own cannot widen it for a refused origin.
    ///
    /// `strip`: the map may hold CORS headers of its own (a handler's response that has
    /// some); the layer's own responses and most handlers' have none.
    fn set_cors_headers(self, map: &mut H, strip: bool) {
        let mut origin = self.origin;
        let mut request_method = self.request_method;
        let mut request_headers = self.request_headers;
        let prepared = &*self.prepared;
        for header in CorsHeader::ALL {
            let wanted = self.headers.contains(header);
            if !wanted && !strip {
                continue;
            }
            let index = header.index();
            let Some(name) = prepared.names.get(index) else {
                continue;
            };
            let value = match prepared.values.get(index) {
                _ if !wanted => None,
                Some(Some(Source::Constant(value))) => Some(value.clone()),
                Some(Some(Source::EchoOrigin)) => origin.take(),
                Some(Some(Source::EchoRequestMethod)) => request_method.take(),
                Some(Some(Source::EchoRequestHeaders(otherwise))) => {
                    Some(request_headers.take().unwrap_or_else(|| otherwise.clone()))
                }
                _ => None,
            };
            match value {
                Some(value) => map.replace(name, value),
                None => map.remove_all(name),
            }
        }
    }
}

pin_project_lite::pin_project! {
    /// The state of a response future: answered at once, or waiting for the handler.
    #[project = ReplyProj]
    pub(crate) enum Reply<F, R, H: HeaderMap> {
        /// The layer's own response; taken when polled.
        Now { response: Option<R> },
        /// The handler's future, and what its response needs.
        Later { #[pin] inner: F, finish: Option<Finish<H>> },
    }
}

impl<F: Future, R, H: HeaderMap> Reply<F, R, H> {
    /// Polls to completion; `complete` turns the handler's output into the response.
    ///
    /// # Panics
    ///
    /// When polled after completion, like most futures.
    pub(crate) fn poll_with<E>(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        complete: impl FnOnce(F::Output, Finish<H>) -> Result<R, E>,
    ) -> Poll<Result<R, E>> {
        const DONE: &str = "CORS response future polled after completion";
        match self.project() {
            ReplyProj::Now { response } => Poll::Ready(Ok(response.take().expect(DONE))),
            ReplyProj::Later { inner, finish } => {
                let output = ready!(inner.poll(cx));
                Poll::Ready(complete(output, finish.take().expect(DONE)))
            }
        }
    }
}

#[cfg(all(test, any(feature = "tower", feature = "hyper")))]
mod tests {
    use http::header::HeaderValue;

    use super::*;

    /// `https://app.test`, `PUT`, with a value for every CORS header but the methods.
    struct Policy(Settings<'static>);

    impl CorsPolicy for Policy {
        fn allows_origin(&self, origin: &[u8]) -> bool {
            origin == b"https://app.test"
        }
        fn allows_method(&self, method: &[u8]) -> bool {
            method == b"PUT"
        }
        fn allows_request_header(&self, _: &[u8]) -> bool {
            true
        }
        fn settings(&self) -> Settings<'_> {
            self.0
        }
    }

    const SETTINGS: Settings<'static> = Settings {
        credentials: true,
        expose_headers: Some("x-total"),
        ..Settings::DEFAULT
    };

    fn request(lines: &[(&'static str, &'static str)]) -> http::HeaderMap {
        let mut map = http::HeaderMap::new();
        for &(name, value) in lines {
            map.append(name, HeaderValue::from_static(value));
        }
        map
    }

    fn lines<'a>(map: &'a http::HeaderMap, name: &str) -> Vec<&'a str> {
        map.get_all(name)
            .iter()
            .map(|value| value.to_str().unwrap_or("<bytes>"))
            .collect()
    }

    fn forward(
        runtime: &Runtime<Policy, http::HeaderMap>,
        method: &[u8],
        request: &http::HeaderMap,
    ) -> Finish<http::HeaderMap> {
        match runtime.start(method, None, request) {
            Start::Forward(finish) => finish,
            Start::Respond(status, _) => panic!("answered {status}"),
        }
    }

    #[test]
    fn vary_members_are_found_across_lines_and_lists() {
        let runtime = Runtime::new(Policy(SETTINGS));
        let finish = forward(
            &runtime,
            b"GET",
            &request(&[("origin", "https://app.test")]),
        );
        let mut response = request(&[("vary", "accept"), ("vary", "Accept-Encoding, ORIGIN")]);
        finish.handler_response(&mut response);
        assert_eq!(
            lines(&response, "vary"),
            ["accept", "Accept-Encoding, ORIGIN"]
        );
    }

    #[test]
    fn only_missing_vary_members_are_appended() {
        let runtime = Runtime::new(Policy(Settings {
            preflight_continue: true,
            ..SETTINGS
        }));
        let preflight = request(&[
            ("origin", "https://app.test"),
            ("access-control-request-method", "PUT"),
        ]);
        let finish = forward(&runtime, b"OPTIONS", &preflight);
        let mut response = request(&[("vary", "accept, access-control-request-method")]);
        finish.handler_response(&mut response);
        assert_eq!(
            lines(&response, "vary"),
            [
                "accept, access-control-request-method",
                "Origin",
                "Access-Control-Request-Headers"
            ]
        );
    }

    #[test]
    fn every_handler_line_of_a_cors_header_is_replaced_by_one() {
        let runtime = Runtime::new(Policy(SETTINGS));
        let finish = forward(
            &runtime,
            b"GET",
            &request(&[("origin", "https://app.test")]),
        );
        let mut response = request(&[
            ("access-control-allow-origin", "*"),
            ("access-control-allow-origin", "https://evil.test"),
            ("access-control-allow-credentials", "false"),
        ]);
        finish.handler_response(&mut response);
        assert_eq!(
            lines(&response, "access-control-allow-origin"),
            ["https://app.test"]
        );
        assert_eq!(
            lines(&response, "access-control-allow-credentials"),
            ["true"]
        );
        assert_eq!(
            lines(&response, "access-control-expose-headers"),
            ["x-total"]
        );
    }

    #[test]
    fn the_echoed_origin_is_the_requests_own_value() {
        let runtime = Runtime::new(Policy(SETTINGS));
        let request = request(&[("origin", "https://app.test")]);
        let finish = forward(&runtime, b"GET", &request);
        let mut response = http::HeaderMap::new();
        finish.own_response(&mut response);
        let echoed = response
            .get("access-control-allow-origin")
            .map(HeaderValue::as_bytes);
        let sent = request.get("origin").map(HeaderValue::as_bytes);
        // The same bytes in memory: a clone, not a copy.
        assert_eq!(echoed.map(<[u8]>::as_ptr), sent.map(<[u8]>::as_ptr));
    }

    #[test]
    #[should_panic(
        expected = "access-control-expose-headers value \"x-a\\nx-b\" is not a valid header value"
    )]
    fn an_unsendable_value_is_refused_when_the_layer_is_built() {
        let _ = Runtime::<_, http::HeaderMap>::new(Policy(Settings {
            expose_headers: Some("x-a\nx-b"),
            ..SETTINGS
        }));
    }

    #[test]
    #[should_panic(expected = "preflight status 302 is not in 200..=299")]
    fn a_redirect_preflight_status_is_refused_when_the_layer_is_built() {
        let _ = Runtime::<_, http::HeaderMap>::new(Policy(Settings {
            preflight_status: 302,
            ..SETTINGS
        }));
    }
}
