//! The per-request step: read what the engine needs of the request, decide, and say what
//! the adapter must do: answer now ([`Answer`]) or run the handler and complete its
//! response later ([`PendingHeaders`]).

use cors_policy_core::{
    Action, CorsHeader, CorsPolicy, Decision, HeaderField, HeaderSet, OriginVerdict, RequestHead,
    Vary, decide, decide_with_origin_verdict,
};

use super::header_map::{HeaderMap, Lines};
use super::prepared::{CorsState, PreparedRef, RequestNames, Shared};

/// What to do with a request.
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
    /// Nothing echoed.
    const NONE: Self = Echoes {
        origin: None,
        request_method: None,
        request_headers: None,
    };
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

/// The `Access-Control-Request-Headers` lines of a request, looked up only for `OPTIONS`.
pub(crate) type RequestHeadersLines<'r, H> =
    core::iter::Flatten<core::option::IntoIter<Lines<'r, H>>>;

/// Reads what the engine needs of a request from its method, its URI's authority (when
/// the request target or HTTP/2's `:authority` has one) and header map: the one place
/// where request headers become a [`RequestHead`]. Returns the `Origin` value too, for
/// an echo. Only an `OPTIONS` request can be a preflight: for any other method the
/// engine never reads the preflight headers, so they are not even looked up.
/// Cross-origin protection reads `Upgrade`, and then `Sec-Fetch-Site` and `Host` only
/// for a request it judges (the engine's own rule, [`cors_policy_core::Guarded::of`], says
/// which); without the key none of them is looked up.
#[inline(always)]
pub(crate) fn read_head<'r, H: HeaderMap>(
    names: &'r RequestNames<H>,
    method: &'r [u8],
    authority: Option<&'r [u8]>,
    request: &'r H,
) -> (
    RequestHead<'r, RequestHeadersLines<'r, H>>,
    Option<&'r H::Value>,
) {
    let (origin, origin_value) = request.field_and_first(&names.origin);
    let options = method == b"OPTIONS";
    let preflight_field = |name: &H::Name| {
        if options {
            HeaderField::from_values(request.values(name))
        } else {
            HeaderField::Absent
        }
    };
    let upgrade = if names.protection {
        HeaderField::from_values(request.values(&names.upgrade))
    } else {
        HeaderField::Absent
    };
    let judged = names.protection && cors_policy_core::Guarded::of(method, upgrade).is_some();
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
        request_headers: options
            .then_some(Lines(request, &names.request_headers))
            .into_iter()
            .flatten(),
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
    let (head, origin_value) = read_head(&state.prepared.request, method, authority, request);
    #[cfg(feature = "tracing")]
    let origin = head.origin;
    let decision = match verdict {
        None => decide(&state.policy, head),
        Some(verdict) => decide_with_origin_verdict(&state.policy, head, verdict),
    };
    #[cfg(feature = "tracing")]
    crate::trace::refusal(method, origin, &decision);
    outcome(state, &decision, origin_value, request)
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

/// Turns a decision into what the adapter does.
#[inline(always)]
pub(crate) fn outcome<P: CorsPolicy, H: HeaderMap>(
    state: &Shared<CorsState<P, H>>,
    decision: &Decision<'_>,
    origin_value: Option<&H::Value>,
    request: &H,
) -> Outcome<H> {
    let headers = decision.headers();
    let prepared = &state.prepared;
    // Each path below builds its outcome where it is, with constant empty echo slots.
    // Through one function shared by the paths, LLVM merges them back into one that
    // builds every slot on its way and copies them all (measured: 25 to 50 instructions
    // a request, 86 on preflights); a macro keeps one text and separate paths.
    macro_rules! carry {
        ($echoes:expr) => {
            match decision.action() {
                Action::Respond(status) => Outcome::Answer(Answer {
                    status,
                    headers,
                    vary: decision.vary(),
                    echoes: $echoes,
                }),
                Action::Forward => Outcome::Forward(PendingHeaders {
                    prepared: state.prepared_ref(),
                    headers,
                    vary: decision.vary(),
                    echoes: $echoes,
                }),
            }
        };
    }
    if headers.is_empty() {
        // No CORS header, so nothing echoed: the usual refused or origin-less request.
        return carry!(Echoes::NONE);
    }
    let origin = if headers.contains(CorsHeader::AllowOrigin) && prepared.echoes_origin() {
        origin_value.cloned()
    } else {
        None
    };
    // A wildcard policy's accepted preflight lists what it asked for: the values are the
    // request's own. Any other decision echoes the origin at most.
    let echo_request = prepared.echoes_request
        && (headers.contains(CorsHeader::AllowMethods)
            || headers.contains(CorsHeader::AllowHeaders));
    if !echo_request {
        return carry!(Echoes {
            origin,
            ..Echoes::NONE
        });
    }
    let names = &prepared.request;
    let request_method = request.field_and_first(&names.request_method).1.cloned();
    let request_headers = match request.field_and_first(&names.request_headers) {
        (HeaderField::One(_), first) => first.cloned(),
        _ => None,
    };
    carry!(Echoes {
        origin,
        request_method,
        request_headers,
    })
}
