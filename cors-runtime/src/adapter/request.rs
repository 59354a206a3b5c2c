//! The per-request step: read what the engine needs of the request, decide, and say what
//! the adapter must do: answer now ([`Answer`]) or run the handler and complete its
//! response later ([`PendingHeaders`]).
//!
//! The decision comes in two shapes. [`Decided`] borrows the request: a forwarded
//! request's [`Forward`] is a few bytes, and the adapter turns it into its
//! [`PendingHeaders`] ([`Forward::pending`], cloning the echoed values) where its
//! response future is built, before the request moves on to the handler. [`Outcome`]
//! owns everything, for adapters that decide inside a scope the request outlives (a
//! reloadable policy's snapshot) or keep one path for every request (actix).

use cors_policy_core::{
    Action, CorsHeader, CorsPolicy, HeaderField, HeaderSet, OriginVerdict, RequestHead, Vary,
    decide, decide_with_origin_verdict,
};

use super::header_map::{HeaderMap, Lines};
use super::prepared::{CorsState, PreparedRef, RequestNames, Shared};

/// What to do with a request, borrowing the values its response echoes.
pub(crate) enum Decided<'r, H: HeaderMap> {
    /// Answer now, without the handler.
    Answer(Answer<H>),
    /// Run the handler, once what its response needs is taken from the request.
    Forward(Forward<'r, H>),
}

/// The CORS headers a forwarded request earned, the values they echo still in the
/// request.
///
/// 16 bytes on purpose: the 144-byte [`PendingHeaders`] in their place was copied
/// whole, twice, on its way into the response future (measured at `b8ba609`: 43 to 83
/// instructions less on each actual request through tower with a `cors!` policy, 30 to
/// 79 with a builder policy). The pending headers are built from them where the future
/// is, after the handler's call.
pub(crate) struct Forward<'r, H: HeaderMap> {
    headers: HeaderSet,
    vary: Vary,
    /// The request's `Origin`, when `Access-Control-Allow-Origin` echoes it.
    origin: Option<&'r H::Value>,
    /// Whether the response lists the request's method or headers too (a wildcard
    /// policy's preflight, passed on to the handler).
    echoes_request: bool,
}

impl<H: HeaderMap> Forward<'_, H> {
    /// The headers the handler's response will get, the values they echo cloned from
    /// `request` (the map the decision was made on).
    #[inline(always)]
    pub(crate) fn pending(self, prepared: PreparedRef<H>, request: &H) -> PendingHeaders<H> {
        match self.detach() {
            Ok(detached) => detached.pending(prepared),
            Err(forward) => forward.pending_echoing_request(prepared, request),
        }
    }

    /// What outlives the request, when the response echoes its origin at most: the
    /// origin cloned. Else (a wildcard policy's preflight passed on) the forward
    /// itself, for [`Forward::pending`].
    ///
    /// An adapter detaches before the request moves on and builds the pending headers
    /// after, where its response future is: in that order they are written in place
    /// (measured: 37 to 40 instructions a request less than building them first).
    #[inline(always)]
    pub(crate) fn detach(self) -> Result<Detached<H>, Self> {
        if self.echoes_request {
            return Err(self);
        }
        Ok(Detached {
            headers: self.headers,
            vary: self.vary,
            origin: self.origin.cloned(),
        })
    }

    /// [`Forward::pending`] when the response echoes the request's method or headers:
    /// out of line, so that the usual path builds its empty echo slots as constants.
    #[cold]
    #[inline(never)]
    fn pending_echoing_request(self, prepared: PreparedRef<H>, request: &H) -> PendingHeaders<H> {
        let echoes = Echoes::of(&prepared.request, request, self.origin, true);
        PendingHeaders {
            prepared,
            headers: self.headers,
            vary: self.vary,
            echoes,
        }
    }
}

/// A [`Forward`] that echoes the request's origin at most, taken from the request.
pub(crate) struct Detached<H: HeaderMap> {
    headers: HeaderSet,
    vary: Vary,
    origin: Option<H::Value>,
}

impl<H: HeaderMap> Detached<H> {
    /// The headers the handler's response will get.
    #[inline(always)]
    pub(crate) fn pending(self, prepared: PreparedRef<H>) -> PendingHeaders<H> {
        PendingHeaders {
            prepared,
            headers: self.headers,
            vary: self.vary,
            echoes: Echoes {
                origin: self.origin,
                request_method: None,
                request_headers: None,
            },
        }
    }
}

/// What to do with a request, owning everything.
pub(crate) enum Outcome<H: HeaderMap> {
    /// Answer now, without the handler: write the [`Answer`] into a map (the
    /// request's own, which has room) and send it with its status.
    Answer(Answer<H>),
    /// Run the handler; complete its response with [`PendingHeaders::complete`].
    Forward(PendingHeaders<H>),
}

/// The layer's own answer (an accepted or refused preflight).
pub(crate) struct Answer<H: HeaderMap> {
    /// The status: 403 for a refusal, else the policy's preflight status (checked in
    /// 200..=299 when the layer was built).
    pub(crate) status: u16,
    pub(crate) headers: HeaderSet,
    pub(crate) vary: Vary,
    /// The request values the answer echoes.
    pub(crate) echoes: Echoes<H>,
}

/// The request's own values a response echoes, cloned at decision time (a clone of a
/// request's value is a reference-count bump on the request's own buffer, or free for
/// a static one). One field per echoing [`ValueSource`](super::prepared::ValueSource).
pub(crate) struct Echoes<H: HeaderMap> {
    /// `Origin`, when `Access-Control-Allow-Origin` echoes it.
    pub(crate) origin: Option<H::Value>,
    /// `Access-Control-Request-Method`, when a wildcard policy's answer lists it.
    pub(crate) request_method: Option<H::Value>,
    /// The one `Access-Control-Request-Headers` line, when a wildcard policy's answer
    /// lists it.
    pub(crate) request_headers: Option<H::Value>,
}

impl<H: HeaderMap> Echoes<H> {
    /// The values a response echoes, cloned from `request`: `origin` (already looked
    /// up), and with `echoes_request` the request's method and its one
    /// `Access-Control-Request-Headers` line.
    #[inline(always)]
    fn of(
        names: &RequestNames<H>,
        request: &H,
        origin: Option<&H::Value>,
        echoes_request: bool,
    ) -> Self {
        let origin = origin.cloned();
        if !echoes_request {
            return Echoes {
                origin,
                request_method: None,
                request_headers: None,
            };
        }
        let request_headers = match request.field_and_first(&names.request_headers) {
            (HeaderField::One(_), first) => first.cloned(),
            _ => None,
        };
        Echoes {
            origin,
            request_method: request.field_and_first(&names.request_method).1.cloned(),
            request_headers,
        }
    }
}

impl<H: HeaderMap> Clone for Echoes<H> {
    fn clone(&self) -> Self {
        Echoes {
            origin: self.origin.clone(),
            request_method: self.request_method.clone(),
            request_headers: self.request_headers.clone(),
        }
    }
}

/// The CORS headers a forwarded request earned, held by its response future until the
/// handler's response comes.
pub(crate) struct PendingHeaders<H: HeaderMap> {
    pub(crate) prepared: PreparedRef<H>,
    pub(crate) headers: HeaderSet,
    pub(crate) vary: Vary,
    /// The request values the response echoes: cloned before the request moves on (the
    /// handler may consume it, and the decision was made on these very values).
    pub(crate) echoes: Echoes<H>,
}

impl<H: HeaderMap> Clone for PendingHeaders<H> {
    fn clone(&self) -> Self {
        PendingHeaders {
            prepared: self.prepared.clone(),
            headers: self.headers,
            vary: self.vary,
            echoes: self.echoes.clone(),
        }
    }
}

/// The `Access-Control-Request-Headers` lines of a request, looked up only for `OPTIONS`,
/// and only when the engine first asks for one.
pub(crate) struct RequestHeadersLines<'r, H: HeaderMap> {
    /// Where to look them up, until then.
    unread: Option<Lines<'r, H>>,
    values: Option<H::Values<'r>>,
}

impl<'r, H: HeaderMap> Iterator for RequestHeadersLines<'r, H> {
    type Item = &'r [u8];

    #[inline]
    fn next(&mut self) -> Option<&'r [u8]> {
        if let Some(lines) = self.unread.take() {
            self.values = Some(lines.into_iter());
        }
        self.values.as_mut()?.next()
    }
}

/// Reads what the engine needs of a request from its method, its URI's authority (when
/// the request target or HTTP/2's `:authority` has one) and header map: the one place
/// where request headers become a [`RequestHead`]. Returns the `Origin` value too, for
/// an echo. Only an `OPTIONS` request can be a preflight: for any other method the
/// engine never reads the preflight headers, so they are not even looked up. An adapter
/// that has told `OPTIONS` from the other methods already passes `may_be_preflight`
/// false for the others: a constant, which leaves the preflight lookups out of the code.
/// Cross-origin protection reads `Upgrade`, and then `Sec-Fetch-Site` and `Host` only
/// for a request it judges (the engine's own rule, [`cors_policy_core::Guarded::of`], says
/// which); with `protection` off ([`PolicyFacts::protection`](super::prepared::PolicyFacts::protection)) none of them is looked up.
#[inline(always)]
pub(crate) fn read_head<'h, 'r: 'h, H: HeaderMap>(
    names: &'h RequestNames<H>,
    protection: bool,
    may_be_preflight: bool,
    method: &'r [u8],
    authority: Option<&'r [u8]>,
    request: &'r H,
) -> (
    RequestHead<'h, RequestHeadersLines<'h, H>>,
    Option<&'r H::Value>,
) {
    let (origin, origin_value) = request.field_and_first(&names.origin);
    let options = may_be_preflight && method == b"OPTIONS";
    let preflight_field = |name: &H::Name| {
        if options {
            HeaderField::from_values(request.values(name))
        } else {
            HeaderField::Absent
        }
    };
    let upgrade = if protection {
        HeaderField::from_values(request.values(&names.upgrade))
    } else {
        HeaderField::Absent
    };
    let judged = protection && cors_policy_core::Guarded::of(method, upgrade).is_some();
    let protection_field = |name: &H::Name| {
        if judged {
            HeaderField::from_values(request.values(name))
        } else {
            HeaderField::Absent
        }
    };
    let head = RequestHead {
        method,
        origin,
        request_method: preflight_field(&names.request_method),
        request_headers: RequestHeadersLines {
            unread: options.then_some(Lines(request, &names.request_headers)),
            values: None,
        },
        request_private_network: if options {
            request.seldom_field(&names.request_private_network)
        } else {
            HeaderField::Absent
        },
        fetch_site: protection_field(&names.fetch_site),
        host: match authority {
            Some(authority) if judged => HeaderField::One(authority),
            _ => protection_field(&names.host),
        },
        upgrade,
    };
    (head, origin_value)
}

/// Decides what to do with a request under `state`'s policy (loaded once, at the start
/// of the request, and held by its response future to the end).
#[inline(always)]
pub(crate) fn begin<P: CorsPolicy, H: HeaderMap>(
    state: &Shared<CorsState<P, H>>,
    method: &[u8],
    authority: Option<&[u8]>,
    request: &H,
) -> Outcome<H> {
    begin_judged(state, method, authority, request, None)
}

/// [`begin`], with the verdict on the request's origin already known when it is `Some`
/// (an origin source asked first, asynchronously, before deciding: `AsyncOrigins`).
/// `None` asks the policy, as `begin` does.
#[inline(always)]
pub(crate) fn begin_judged<P: CorsPolicy, H: HeaderMap>(
    state: &Shared<CorsState<P, H>>,
    method: &[u8],
    authority: Option<&[u8]>,
    request: &H,
    verdict: Option<OriginVerdict>,
) -> Outcome<H> {
    match decide_request(state, true, method, authority, request, verdict) {
        Decided::Answer(answer) => Outcome::Answer(answer),
        Decided::Forward(forward) => {
            Outcome::Forward(forward.pending(state.prepared_ref(), request))
        }
    }
}

/// Decides what to do with a request, as [`begin_judged`] does, borrowing the values
/// a forwarded request's response echoes. `may_be_preflight` is as [`read_head`] takes
/// it: false only when the method is known not to be `OPTIONS`.
#[inline(always)]
pub(crate) fn decide_request<'r, P: CorsPolicy, H: HeaderMap>(
    state: &Shared<CorsState<P, H>>,
    may_be_preflight: bool,
    method: &'r [u8],
    authority: Option<&'r [u8]>,
    request: &'r H,
    verdict: Option<OriginVerdict>,
) -> Decided<'r, H> {
    let prepared = &state.prepared;
    // Each fact read where it is used: a builder policy's flags are then loaded only
    // when needed (measured: 6 to 28 instructions less than reading all three first).
    let (head, origin_value) = read_head(
        &prepared.request,
        prepared.facts(&state.policy).protection,
        may_be_preflight,
        method,
        authority,
        request,
    );
    #[cfg(feature = "tracing")]
    let origin = head.origin;
    let decision = match verdict {
        None => decide(&state.policy, head),
        Some(verdict) => decide_with_origin_verdict(&state.policy, head, verdict),
    };
    #[cfg(feature = "tracing")]
    crate::trace::refusal(method, origin, &decision);
    let headers = decision.headers();
    let vary = decision.vary();
    let origin = if headers.contains(CorsHeader::AllowOrigin)
        && prepared.facts(&state.policy).echoes_origin
    {
        origin_value
    } else {
        None
    };
    // A wildcard policy's accepted preflight lists what it asked for: the values are the
    // request's own. Any other decision echoes the origin at most.
    let echoes_request = prepared.facts(&state.policy).echoes_request
        && (headers.contains(CorsHeader::AllowMethods)
            || headers.contains(CorsHeader::AllowHeaders));
    match decision.action() {
        Action::Forward => Decided::Forward(Forward {
            headers,
            vary,
            origin,
            echoes_request,
        }),
        Action::Respond(status) => Decided::Answer(Answer {
            status,
            headers,
            vary,
            echoes: Echoes::of(&prepared.request, request, origin, echoes_request),
        }),
    }
}

impl<P: CorsPolicy, H: HeaderMap> Shared<CorsState<P, H>> {
    /// [`begin`] as a method, for the dynamic layers (a reloadable policy's snapshot).
    #[cfg_attr(not(feature = "reload"), allow(dead_code))]
    pub(crate) fn start(&self, method: &[u8], authority: Option<&[u8]>, request: &H) -> Outcome<H> {
        begin(self, method, authority, request)
    }

    /// [`begin_judged`] as a method, for the dynamic layers.
    pub(crate) fn start_judged(
        &self,
        method: &[u8],
        authority: Option<&[u8]>,
        request: &H,
        verdict: Option<OriginVerdict>,
    ) -> Outcome<H> {
        begin_judged(self, method, authority, request, verdict)
    }

    /// The request's `Origin` header, counted (what an origin source is asked about).
    pub(crate) fn origin_of<'a>(&self, request: &'a H) -> HeaderField<'a> {
        request.field_and_first(&self.prepared.request.origin).0
    }
}
