//! [`DynamicPolicy`]: what the adapters' dynamic layers serve, a [`ReloadablePolicy`]
//! or [`AsyncOrigins`], and the two steps they add to a request: load the policy
//! snapshot when the request starts, and ask the origin lookup before deciding.

use core::fmt;
use std::sync::Arc;

use cors_policy_core::CorsPolicy;

use crate::AsyncOrigins;
use crate::InvalidPolicy;
#[cfg(feature = "reload")]
use crate::ReloadablePolicy;
use crate::adapter::header_map::HeaderMap;
use crate::adapter::{CorsState, Outcome, Shared};
use crate::async_origins::{Judgement, Lookup};

/// A type-erased policy with its headers prepared for every enabled adapter: one
/// version of a policy, as a request sees it from start to finish.
pub(crate) struct Snapshot {
    #[cfg_attr(not(feature = "reload"), allow(dead_code))]
    pub(crate) policy: Arc<dyn CorsPolicy>,
    #[cfg(any(feature = "tower", feature = "hyper"))]
    pub(crate) http: crate::tower_hyper::HttpState<Arc<dyn CorsPolicy>>,
    #[cfg(feature = "actix-web")]
    pub(crate) actix: crate::actix::ActixState<Arc<dyn CorsPolicy>>,
}

impl Snapshot {
    /// Prepares `policy`'s headers, or says why they cannot be sent.
    pub(crate) fn new(policy: Arc<dyn CorsPolicy>) -> Result<Self, InvalidPolicy> {
        Ok(Snapshot {
            #[cfg(any(feature = "tower", feature = "hyper"))]
            http: Shared::try_new(Arc::clone(&policy))?,
            #[cfg(feature = "actix-web")]
            actix: Shared::try_new(Arc::clone(&policy))?,
            policy,
        })
    }
}

/// The prepared runtime of one adapter family in a [`Snapshot`].
/// The panic of a dynamic layer's response future polled again after the handler's
/// `call` panicked while it waited for an origin lookup.
pub(crate) const AFTER_PANIC: &str = "CORS response future polled after its handler panicked";

pub(crate) type Pick<H> = fn(&Snapshot) -> &Shared<CorsState<Arc<dyn CorsPolicy>, H>>;

/// What a dynamic layer does with a request.
pub(crate) enum Begin<H: HeaderMap> {
    /// Decided now: carry it out.
    Now(Outcome<H>, Shared<CorsState<Arc<dyn CorsPolicy>, H>>),
    /// Ask the origin lookup, then decide under this runtime (the snapshot the request
    /// started with) with its verdict.
    Wait(Lookup, Shared<CorsState<Arc<dyn CorsPolicy>, H>>),
}

/// A policy that the adapters' dynamic layers serve: a [`ReloadablePolicy`] (replaced
/// while the server runs) or [`AsyncOrigins`] (origins from an asynchronous lookup).
///
/// Made with `From`; the layers take `impl Into<DynamicPolicy>`. The two do not combine
/// yet: an `AsyncOrigins` policy's settings are fixed when it is made (a lookup may of
/// course read origins that change), and a `ReloadablePolicy` may hold a
/// [`DynamicOrigins`](crate::DynamicOrigins) (a synchronous source) but not an
/// `AsyncOrigins`.
///
/// # Example
///
/// ```
/// # #[cfg(all(feature = "tower", feature = "reload"))] {
/// use cors_runtime::{cors, ReloadablePolicy, tower::DynamicCorsLayer};
///
/// let policy = ReloadablePolicy::new(cors! { origin: "https://app.example.com" });
/// let layer = DynamicCorsLayer::new(policy.clone());
/// # let _ = layer;
/// # }
/// ```
#[derive(Clone)]
pub struct DynamicPolicy {
    kind: Kind,
}

#[derive(Clone)]
enum Kind {
    #[cfg(feature = "reload")]
    Reload(ReloadablePolicy),
    Async {
        snapshot: Arc<Snapshot>,
        origins: AsyncOrigins,
    },
}

#[cfg(feature = "reload")]
impl From<ReloadablePolicy> for DynamicPolicy {
    fn from(handle: ReloadablePolicy) -> Self {
        DynamicPolicy {
            kind: Kind::Reload(handle),
        }
    }
}

impl From<AsyncOrigins> for DynamicPolicy {
    /// # Panics
    ///
    /// When a value of the policy's settings cannot be sent (only a hand-written policy;
    /// see [`InvalidPolicy`]), as `CorsLayer::new` does.
    fn from(origins: AsyncOrigins) -> Self {
        let snapshot = Snapshot::new(Arc::clone(&origins.policy))
            .unwrap_or_else(|error| panic!("invalid CORS policy: {error}"));
        DynamicPolicy {
            kind: Kind::Async {
                snapshot: Arc::new(snapshot),
                origins,
            },
        }
    }
}

impl DynamicPolicy {
    /// Starts a request: loads the current snapshot (a reloadable policy: no lock, no
    /// reference count; kept only while deciding, as arc-swap's `load` wants), then
    /// decides at once or returns the origin lookup to wait for.
    pub(crate) fn begin<H: HeaderMap>(
        &self,
        pick: Pick<H>,
        method: &[u8],
        authority: Option<&[u8]>,
        request: &H,
    ) -> Begin<H> {
        match &self.kind {
            #[cfg(feature = "reload")]
            Kind::Reload(handle) => {
                let snapshot = handle.load();
                let state = pick(&snapshot);
                Begin::Now(state.start(method, authority, request), state.clone())
            }
            Kind::Async { snapshot, origins } => {
                let runtime = pick(snapshot);
                match origins.judge(runtime.origin_of(request)) {
                    Judgement::Known(verdict) => Begin::Now(
                        runtime.start_judged(method, authority, request, verdict),
                        runtime.clone(),
                    ),
                    Judgement::Ask(lookup) => Begin::Wait(lookup, runtime.clone()),
                }
            }
        }
    }
}

impl fmt::Debug for DynamicPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            #[cfg(feature = "reload")]
            Kind::Reload(handle) => f.debug_tuple("DynamicPolicy").field(handle).finish(),
            Kind::Async { origins, .. } => f.debug_tuple("DynamicPolicy").field(origins).finish(),
        }
    }
}
