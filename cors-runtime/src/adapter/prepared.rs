//! Everything about a policy's responses that does not depend on the request, built
//! once per layer: header names, constant values, `Vary` lines; and how a layer's
//! services and response futures hold it.
//!
//! A `cors!` policy is a zero-sized type with `'static` settings: its prepared headers
//! are built once per program (per policy type and header-map type) and referenced as
//! `&'static`, so requests copy a pointer and never touch a reference count (so are a
//! `cors!` policy's behind `Box<dyn CorsPolicy>`: `'static` settings are interned). Any
//! other policy (built at run time, deserialized, `WithOrigins`) has its state in one
//! `Arc` and its prepared headers in another: a response future that waits for the
//! handler holds a clone of the second, one shared write per request (measured in
//! BENCHMARKS.md, multi-threaded scenario).

use core::any::Any;
use core::ops::Deref;
use std::sync::{Arc, Mutex};

use cors_policy_core::{CorsHeader, CorsPolicy, HeaderValueSource, Settings, Vary};

use super::header_map::{HeaderMap, TRUE};
use super::invalid::InvalidPolicy;

/// Where one CORS header's value comes from, ready to use. One variant per
/// [`HeaderValueSource`]: a value echoed from the request is one more variant here, read
/// in `request.rs`, written in `response.rs`.
pub(crate) enum ValueSource<V> {
    /// A constant of the policy, built once.
    Constant(V),
    /// [`TRUE`], sent as the map's constant [`HeaderMap::TRUE`].
    True,
    /// The request's own `Origin` value.
    EchoOrigin,
    /// The preflight's own `Access-Control-Request-Method` value.
    EchoRequestMethod,
    /// The preflight's own `Access-Control-Request-Headers` line when it has one line,
    /// else this constant (the policy's `*`).
    EchoRequestHeaders(V),
}

/// One `Vary` the engine can ask for, as prepared header values.
pub(crate) struct PreparedVary<H: HeaderMap> {
    pub(crate) vary: Vary,
    /// The whole value on one line, for a response without `Vary`.
    pub(crate) whole: Option<H::Value>,
    /// Each member alone, for merging into a handler's `Vary` lines; in
    /// [`Vary::members`] order.
    pub(crate) members: Vec<H::Value>,
}

impl<H: HeaderMap> PreparedVary<H> {
    fn new(vary: Vary) -> Self {
        let value = |text| H::static_value(text).expect("the engine's Vary texts are valid");
        PreparedVary {
            vary,
            whole: vary.value().map(value),
            members: vary.members().iter().map(|&member| value(member)).collect(),
        }
    }
}

/// A CORS response header's name and where its value comes from (`None`: the policy
/// has no value for it).
pub(crate) type ResponseHeader<H> = (
    <H as HeaderMap>::Name,
    Option<ValueSource<<H as HeaderMap>::Value>>,
);

/// The request headers the layer reads, as names of the map. The last three are looked
/// up only with cross-origin protection on ([`PolicyFacts::protection`]).
pub(crate) struct RequestNames<H: HeaderMap> {
    pub(crate) origin: H::Name,
    pub(crate) request_method: H::Name,
    pub(crate) request_headers: H::Name,
    pub(crate) request_private_network: H::Name,
    pub(crate) fetch_site: H::Name,
    pub(crate) host: H::Name,
    pub(crate) upgrade: H::Name,
}

/// Every name and constant value a policy's responses use, so that a request only
/// clones them: static values for `cors!` policies (free), reference-counted ones
/// otherwise (no allocation either).
pub(crate) struct PreparedHeaders<H: HeaderMap> {
    /// Response header names and where their values come from, in [`CorsHeader::ALL`]
    /// order; `None` when the policy has no value for the header.
    pub(crate) headers: [ResponseHeader<H>; CorsHeader::ALL.len()],
    pub(crate) vary_name: H::Name,
    /// The `Vary` of actual responses, then of preflights.
    pub(crate) vary: [PreparedVary<H>; 2],
    pub(crate) request: RequestNames<H>,
    /// What the per-request step asks of the policy before deciding.
    facts: PolicyFacts,
    /// The settings these were built from, when `'static` (the interning key).
    static_settings: Option<Settings<'static>>,
}

impl<H: HeaderMap> PreparedHeaders<H> {
    /// `static_settings`: the same settings when they are `'static` (see
    /// [`CorsPolicy::static_settings`]); their values become static header values, which
    /// clone for free, instead of one shared reference-counted copy each.
    pub(crate) fn new(
        settings: &Settings<'_>,
        static_settings: Option<Settings<'static>>,
    ) -> Result<Self, InvalidPolicy> {
        if !(200..=299).contains(&settings.preflight_status) {
            return Err(InvalidPolicy::Status(settings.preflight_status));
        }
        let mut headers = CorsHeader::ALL.map(|header| (H::name(header.name()), None));
        for ((_, slot), header) in headers.iter_mut().zip(CorsHeader::ALL) {
            let static_text =
                static_settings
                    .as_ref()
                    .and_then(|settings| match header.value(settings) {
                        Some(HeaderValueSource::Text(text)) => Some(text),
                        _ => None,
                    });
            *slot = match header.value(settings) {
                None => None,
                Some(HeaderValueSource::EchoOrigin) => Some(ValueSource::EchoOrigin),
                Some(HeaderValueSource::EchoRequestMethod) => Some(ValueSource::EchoRequestMethod),
                Some(HeaderValueSource::EchoRequestHeaders { otherwise }) => {
                    match H::shared_value(otherwise) {
                        Some(value) => Some(ValueSource::EchoRequestHeaders(value)),
                        None => return Err(InvalidPolicy::Value(header, otherwise.to_owned())),
                    }
                }
                Some(HeaderValueSource::Text(TRUE)) => Some(ValueSource::True),
                Some(HeaderValueSource::Text(text)) => {
                    let value = static_text
                        .and_then(H::static_value)
                        .or_else(|| H::shared_value(text));
                    match value {
                        Some(value) => Some(ValueSource::Constant(value)),
                        None => return Err(InvalidPolicy::Value(header, text.to_owned())),
                    }
                }
            };
        }
        Ok(PreparedHeaders {
            facts: PolicyFacts::of(settings),
            headers,
            vary_name: H::name("vary"),
            vary: [
                PreparedVary::new(Vary::for_actual(settings)),
                PreparedVary::new(Vary::for_preflight(settings)),
            ],
            request: RequestNames {
                origin: H::name("origin"),
                request_method: H::name("access-control-request-method"),
                request_headers: H::name("access-control-request-headers"),
                request_private_network: H::name("access-control-request-private-network"),
                fetch_site: H::name("sec-fetch-site"),
                host: H::name("host"),
                upgrade: H::name("upgrade"),
            },
            static_settings,
        })
    }

    /// The prepared form of a `Vary` the engine asked for (always one of the policy's
    /// two; `None` would mean a new kind of decision, whose `Vary` is then built from
    /// its static text per request).
    pub(crate) fn vary(&self, vary: Vary) -> Option<&PreparedVary<H>> {
        // A `Vary` is one byte: comparing is cheap.
        self.vary.iter().find(|prepared| prepared.vary == vary)
    }

    /// [`PolicyFacts`] of `policy` (these are its prepared headers). For a policy of a
    /// zero-sized type with `'static` settings (a `cors!` policy) they are constants, so
    /// its requests carry no code for what the policy never does: without cross-origin
    /// protection no method text, `Upgrade` lookup or flag read; without wildcard lists
    /// no code for their echoes. Measured (callgrind, two checkouts, the step then
    /// inlined in the service), protection alone: 16 to 23 instructions less on each
    /// actual request through tower, 10 to 14 on each preflight; the echo flags as well:
    /// 9 to 15 more on actual requests and 37 to 54 on preflights. For any other policy
    /// they are the prepared flags (no call, even for a `dyn` policy).
    #[inline(always)]
    pub(crate) fn facts<P: CorsPolicy>(&self, policy: &P) -> PolicyFacts {
        if size_of::<P>() == 0
            && let Some(settings) = policy.static_settings()
        {
            return PolicyFacts::of(&settings);
        }
        self.facts
    }
}

/// What the per-request step asks of a policy before deciding, read from its settings:
/// one reading, for the prepared headers and for the constants of a `cors!` policy.
#[derive(Clone, Copy, Debug)]
pub(crate) struct PolicyFacts {
    /// Cross-origin protection is on: only then are `Upgrade`, `Sec-Fetch-Site` and
    /// `Host` looked up.
    pub(crate) protection: bool,
    /// `Access-Control-Allow-Origin` echoes the request's `Origin`.
    pub(crate) echoes_origin: bool,
    /// A preflight answer echoes the request's method or headers (a wildcard policy), so
    /// that their values are taken from the request.
    pub(crate) echoes_request: bool,
}

impl PolicyFacts {
    #[inline(always)]
    fn of(settings: &Settings<'_>) -> Self {
        PolicyFacts {
            protection: settings.cross_origin_protection,
            echoes_origin: matches!(
                CorsHeader::AllowOrigin.value(settings),
                Some(HeaderValueSource::EchoOrigin)
            ),
            echoes_request: matches!(
                CorsHeader::AllowMethods.value(settings),
                Some(HeaderValueSource::EchoRequestMethod)
            ) || matches!(
                CorsHeader::AllowHeaders.value(settings),
                Some(HeaderValueSource::EchoRequestHeaders { .. })
            ),
        }
    }
}

/// A policy and its prepared headers: what a layer's services share.
pub(crate) struct CorsState<P, H: HeaderMap> {
    /// Built once per program when the policy's settings are `'static` (a `cors!`
    /// policy, also behind `Box<dyn CorsPolicy>` or `Arc<dyn CorsPolicy>`): response
    /// futures then copy a pointer. Reference counted otherwise.
    pub(crate) prepared: PreparedRef<H>,
    pub(crate) policy: P,
}

impl<P: CorsPolicy, H: HeaderMap> core::fmt::Debug for CorsState<P, H> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("CorsState")
            .field("settings", &self.policy.settings())
            .finish_non_exhaustive()
    }
}

/// A [`CorsState`] held by a layer, its services and (through [`PreparedRef`]) its
/// response futures: a `'static` reference for `cors!` policies, an `Arc` otherwise.
pub(crate) enum Shared<T: ?Sized + 'static> {
    /// Built once per program; copying it writes no shared memory.
    Static(&'static T),
    /// Reference counted.
    Counted(Arc<T>),
}

impl<T: ?Sized> Clone for Shared<T> {
    fn clone(&self) -> Self {
        match self {
            Shared::Static(state) => Shared::Static(state),
            Shared::Counted(state) => Shared::Counted(Arc::clone(state)),
        }
    }
}

impl<T: ?Sized> Deref for Shared<T> {
    type Target = T;

    fn deref(&self) -> &T {
        match self {
            Shared::Static(state) => state,
            Shared::Counted(state) => state,
        }
    }
}

/// A response future's hold on the prepared headers (its type names no policy): a
/// pointer copy for `'static` settings, a reference count otherwise (for a reloadable
/// policy: the headers of the snapshot the request started with, kept until its
/// response is finished).
pub(crate) type PreparedRef<H> = Shared<PreparedHeaders<H>>;

impl<P: CorsPolicy, H: HeaderMap> Shared<CorsState<P, H>> {
    /// Prepares `policy`'s headers, or says why they cannot be sent.
    pub(crate) fn try_new(policy: P) -> Result<Self, InvalidPolicy> {
        let static_settings = policy.static_settings();
        // The engine decides from `settings` and the headers are prepared from
        // `static_settings`: a hand-written policy whose two differ would send headers
        // that disagree with its decisions.
        if static_settings.is_some_and(|settings| settings != policy.settings()) {
            return Err(InvalidPolicy::StaticSettings);
        }
        if size_of::<P>() == 0 && static_settings.is_some() {
            return interned(policy, static_settings).map(Shared::Static);
        }
        Ok(Shared::Counted(Arc::new(CorsState {
            prepared: prepare(&policy)?,
            policy,
        })))
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

    /// The hold a response future keeps on the prepared headers.
    pub(crate) fn prepared_ref(&self) -> PreparedRef<H> {
        self.prepared.clone()
    }
}

/// `policy`'s prepared headers: interned when its settings are `'static`, else its own.
fn prepare<P: CorsPolicy, H: HeaderMap>(policy: &P) -> Result<PreparedRef<H>, InvalidPolicy>
where
    PreparedHeaders<H>: Send + Sync,
{
    match policy.static_settings() {
        Some(settings) => interned_prepared(settings).map(Shared::Static),
        None => PreparedHeaders::new(&policy.settings(), None)
            .map(|prepared| Shared::Counted(Arc::new(prepared))),
    }
}

/// States of zero-sized policies with `'static` settings (`cors!` policies), built once
/// per policy type and header-map type and never freed: their number is bounded by the
/// program's policy types. Looked up only when a layer is built.
static INTERNED: Mutex<Vec<&'static (dyn Any + Send + Sync)>> = Mutex::new(Vec::new());

fn interned<P: CorsPolicy, H: HeaderMap>(
    policy: P,
    static_settings: Option<Settings<'static>>,
) -> Result<&'static CorsState<P, H>, InvalidPolicy> {
    // A poisoned lock still holds a valid list: entries are pushed whole.
    let mut all = INTERNED
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let found = all.iter().find_map(|entry| {
        (**entry)
            .downcast_ref::<CorsState<P, H>>()
            // A zero-sized type's settings depend on its type alone; compared anyway.
            .filter(|state| state.prepared.static_settings == static_settings)
    });
    if let Some(state) = found {
        return Ok(state);
    }
    let state: &'static CorsState<P, H> = Box::leak(Box::new(CorsState {
        prepared: prepare(&policy)?,
        policy,
    }));
    all.push(state);
    Ok(state)
}

/// Prepared headers for `'static` settings, built once per distinct settings and
/// header-map type and never freed: `'static` settings are the constants of the
/// program's `cors!` policies, so their number is bounded by the program's policies.
/// Looked up only when a layer is built.
static INTERNED_PREPARED: Mutex<Vec<&'static (dyn Any + Send + Sync)>> = Mutex::new(Vec::new());

fn interned_prepared<H: HeaderMap>(
    settings: Settings<'static>,
) -> Result<&'static PreparedHeaders<H>, InvalidPolicy>
where
    PreparedHeaders<H>: Send + Sync,
{
    // A poisoned lock still holds a valid list: entries are pushed whole.
    let mut all = INTERNED_PREPARED
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let found = all.iter().find_map(|entry| {
        (**entry)
            .downcast_ref::<PreparedHeaders<H>>()
            .filter(|prepared| prepared.static_settings == Some(settings))
    });
    if let Some(prepared) = found {
        return Ok(prepared);
    }
    let prepared: &'static PreparedHeaders<H> =
        Box::leak(Box::new(PreparedHeaders::new(&settings, Some(settings))?));
    all.push(prepared);
    Ok(prepared)
}
