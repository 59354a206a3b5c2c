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
use crate::adapter::prepared::PreparedHeaders;
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
pub(crate) enum Begin<'p, H: HeaderMap> {
    /// Decided now: carry it out with the snapshot's prepared headers
    /// ([`Held::prepared`]).
    Now(Outcome<H>, Held<'p, H>),
    /// Ask the origin lookup, then decide under this runtime (the snapshot the request
    /// started with) with its verdict. Counted: it is held across the lookup's wait.
    Wait(Lookup, Shared<CorsState<Arc<dyn CorsPolicy>, H>>),
}

/// The snapshot a request was decided under, held (not cloned: no reference count is
/// bumped) while the adapter carries the decision out in the same call.
pub(crate) struct Held<'p, H: HeaderMap> {
    snapshot: Loaded<'p>,
    pick: Pick<H>,
}

/// A snapshot as the policy holds it: loaded from a reloadable policy (an arc-swap
/// guard), or the one snapshot of an [`AsyncOrigins`] policy.
enum Loaded<'p> {
    #[cfg(feature = "reload")]
    Current(arc_swap::Guard<Arc<Snapshot>>),
    Fixed(&'p Snapshot),
}

impl<H: HeaderMap> Held<'_, H> {
    /// The prepared headers of the adapter family's runtime in the snapshot.
    // Without `reload`, one arm is left: still a `match`, so that both builds read alike.
    #[cfg_attr(not(feature = "reload"), allow(clippy::infallible_destructuring_match))]
    pub(crate) fn prepared(&self) -> &PreparedHeaders<H> {
        let snapshot: &Snapshot = match &self.snapshot {
            #[cfg(feature = "reload")]
            Loaded::Current(guard) => guard,
            Loaded::Fixed(snapshot) => snapshot,
        };
        &(self.pick)(snapshot).prepared
    }
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
///
#[cfg_attr(
    feature = "reload",
    doc = "[`ReloadablePolicy`]: crate::ReloadablePolicy"
)]
#[cfg_attr(
    not(feature = "reload"),
    doc = "[`ReloadablePolicy`]: crate::DynamicPolicy"
)]
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
    /// reference count; held only while the request is decided and carried out in the
    /// adapter's `call`, as arc-swap's `load` wants), then decides at once or returns
    /// the origin lookup to wait for.
    pub(crate) fn begin<H: HeaderMap>(
        &self,
        pick: Pick<H>,
        method: &[u8],
        authority: Option<&[u8]>,
        request: &H,
    ) -> Begin<'_, H> {
        match &self.kind {
            #[cfg(feature = "reload")]
            Kind::Reload(handle) => {
                let snapshot = handle.load();
                let outcome = pick(&snapshot).start(method, authority, request);
                Begin::Now(
                    outcome,
                    Held {
                        snapshot: Loaded::Current(snapshot),
                        pick,
                    },
                )
            }
            Kind::Async { snapshot, origins } => {
                let runtime = pick(snapshot);
                match origins.judge(runtime.origin_of(request)) {
                    Judgement::Known(verdict) => Begin::Now(
                        runtime.start_judged(method, authority, request, verdict),
                        Held {
                            snapshot: Loaded::Fixed(snapshot),
                            pick,
                        },
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

#[cfg(all(test, feature = "reload", any(feature = "tower", feature = "hyper")))]
mod tests {
    use super::*;

    fn request_from(origin: &'static str) -> http::HeaderMap {
        let mut request = http::HeaderMap::new();
        request.insert("origin", http::HeaderValue::from_static(origin));
        request
    }

    /// README, "Reload without restart": reading the current policy per request is an
    /// arc-swap `load`, with no reference count bumped. Deciding holds the loaded
    /// snapshot, never a counted clone of its state; for a `cors!` policy (interned,
    /// `'static` prepared headers) a forwarded request's pending headers hold no count
    /// either.
    #[test]
    fn deciding_under_a_reloadable_policy_bumps_no_reference_count() {
        let reload = ReloadablePolicy::new(crate::cors! { origin: "https://app.test" });
        let dynamic = DynamicPolicy::from(reload.clone());
        let snapshot = reload.load();
        let Shared::Counted(state) = &snapshot.http else {
            panic!("a snapshot's state is counted");
        };
        let before = Arc::strong_count(state);
        let request = request_from("https://app.test");
        let Begin::Now(outcome, held) =
            dynamic.begin(|snapshot| &snapshot.http, b"GET", None, &request)
        else {
            panic!("a reloadable policy decides at once");
        };
        assert_eq!(Arc::strong_count(state), before, "the decision's hold");
        let Outcome::Forward(pending) = &outcome else {
            panic!("an actual request is forwarded");
        };
        assert!(matches!(pending.prepared, Shared::Static(_)));
        drop((outcome, held));
        assert_eq!(Arc::strong_count(state), before);
    }
}
