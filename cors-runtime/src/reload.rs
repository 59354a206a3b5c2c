//! [`ReloadablePolicy`]: the policy a server runs, replaced while it runs.

use core::fmt;
use std::sync::Arc;

use arc_swap::ArcSwap;
use cors_policy_core::CorsPolicy;

use crate::dynamic::Snapshot;
use crate::{Explanation, InvalidPolicy, PolicyBuilder, PolicyError, Probe};

/// A handle on the policy a server runs, which can be replaced while it runs (a file
/// re-read on `SIGHUP`, a configuration watch): served by the adapters' dynamic layers
/// (`tower::DynamicCorsLayer`, `hyper::DynamicCors`, `actix::DynamicCors`), cloned
/// (a reference count) to keep one for reloading.
///
/// - **Checked first.** [`replace_with`](Self::replace_with) builds the new policy with
///   the rules of `cors!` and returns the same [`PolicyError`] as
///   [`PolicyBuilder::build`]; on an error the running policy stays.
/// - **One policy per request.** A request is decided under the policy current when it
///   starts, and its response carries that policy's headers even if a replacement
///   lands while the handler runs: no response mixes two policies.
/// - **Per request**, reading the current policy is an [`arc_swap`] `load`: no lock, no
///   reference-count bump (a thread-local debt slot, held only while the adapter's
///   `call` decides the request and answers or forwards it, never across an `.await`),
///   no allocation. A replacement prepares the new policy's header values once, then
///   swaps one pointer. (A forwarded request's response then holds the snapshot's
///   prepared header values as the static layers' responses hold theirs: by pointer
///   for a `cors!` policy, by one reference count for a runtime-built one.)
///
/// # Example
///
/// ```
/// use cors_runtime::{Policy, Probe, ReloadablePolicy};
///
/// let policy = ReloadablePolicy::new(Policy::builder().origin("https://a.example").build()?);
/// // Serve it: `DynamicCorsLayer::new(policy.clone())`; later, from a reloaded file:
/// policy.replace_with(Policy::builder().origin("https://b.example"))?;
/// assert!(policy.explain(&Probe::request("GET", "https://b.example")).is_allowed());
///
/// // An invalid replacement is refused, and the running policy stays.
/// let error = policy.replace_with(Policy::builder().origin("https://c.example/")).unwrap_err();
/// assert!(error.to_string().contains("[O4]"));
/// assert!(policy.explain(&Probe::request("GET", "https://b.example")).is_allowed());
/// # Ok::<(), cors_runtime::PolicyError>(())
/// ```
#[derive(Clone)]
pub struct ReloadablePolicy {
    current: Arc<ArcSwap<Snapshot>>,
}

impl ReloadablePolicy {
    /// A handle serving `policy` until it is replaced.
    ///
    /// ```
    /// use cors_runtime::{cors, Probe, ReloadablePolicy};
    ///
    /// let policy = ReloadablePolicy::new(cors! { origin: "https://a.example" });
    /// assert!(policy.explain(&Probe::request("GET", "https://a.example")).is_allowed());
    /// ```
    ///
    /// # Panics
    ///
    /// When a value of the policy's settings cannot be sent (only a hand-written policy;
    /// see [`InvalidPolicy`] and [`try_new`](Self::try_new)).
    pub fn new(policy: impl CorsPolicy) -> Self {
        Self::try_new(policy).unwrap_or_else(|error| panic!("invalid CORS policy: {error}"))
    }

    /// A handle serving `policy`, or why its settings cannot be sent.
    ///
    /// ```
    /// let policy = cors_runtime::ReloadablePolicy::try_new(cors_runtime::cors! { origin: "https://a.example" });
    /// assert!(policy.is_ok());
    /// ```
    pub fn try_new(policy: impl CorsPolicy) -> Result<Self, InvalidPolicy> {
        Ok(ReloadablePolicy {
            current: Arc::new(ArcSwap::from_pointee(Snapshot::new(Arc::new(policy))?)),
        })
    }

    /// Builds `builder` (every rule of `cors!`) and serves the result from the next
    /// request on; on an error, the running policy stays.
    ///
    /// With feature `serde`, a builder deserializes from TOML or JSON (unchecked; this
    /// checks it), so a reloaded file's problems are reported as the builder's.
    ///
    /// ```
    /// use cors_runtime::{Policy, ReloadablePolicy, Rule};
    ///
    /// let policy = ReloadablePolicy::new(Policy::builder().origin("https://a.example").build()?);
    /// let error = policy
    ///     .replace_with(Policy::builder().any_origin().credentials(true))
    ///     .unwrap_err();
    /// assert!(error.breaks(Rule::O3));
    /// # Ok::<(), cors_runtime::PolicyError>(())
    /// ```
    pub fn replace_with(&self, builder: PolicyBuilder) -> Result<(), PolicyError> {
        let policy = builder.build()?;
        // A checked policy's values are always sendable.
        self.replace(policy)
            .unwrap_or_else(|error| unreachable!("a checked policy is sendable: {error}"));
        Ok(())
    }

    /// Serves `policy` from the next request on (a `cors!` policy, a checked
    /// [`Policy`](crate::Policy), any [`CorsPolicy`]); on an error (a hand-written
    /// policy's unsendable value) the running policy stays.
    ///
    /// ```
    /// use cors_runtime::{cors, Probe, ReloadablePolicy};
    ///
    /// let policy = ReloadablePolicy::new(cors! { origin: "https://a.example" });
    /// policy.replace(cors! { origin: "https://b.example" })?;
    /// assert!(!policy.explain(&Probe::request("GET", "https://a.example")).is_allowed());
    /// # Ok::<(), cors_runtime::InvalidPolicy>(())
    /// ```
    pub fn replace(&self, policy: impl CorsPolicy) -> Result<(), InvalidPolicy> {
        let snapshot = Snapshot::new(Arc::new(policy))?;
        self.current.store(Arc::new(snapshot));
        Ok(())
    }

    /// The policy served now.
    ///
    /// ```
    /// use cors_runtime::{cors, CorsPolicy, ReloadablePolicy};
    ///
    /// let policy = ReloadablePolicy::new(cors! { origin: "https://a.example", max_age: 600 });
    /// assert_eq!(policy.current().settings().max_age, Some("600"));
    /// ```
    pub fn current(&self) -> Arc<dyn CorsPolicy> {
        Arc::clone(&self.current.load().policy)
    }

    /// What the policy served now answers to `probe`, and why.
    ///
    /// ```
    /// use cors_runtime::{cors, Probe, ReloadablePolicy};
    ///
    /// let policy = ReloadablePolicy::new(cors! { origin: "https://a.example" });
    /// assert!(policy.explain(&Probe::request("GET", "https://a.example")).is_allowed());
    /// ```
    pub fn explain(&self, probe: &Probe) -> Explanation {
        probe.explain(&*self.current.load().policy)
    }

    /// The current snapshot, for one request (see the type's documentation for why
    /// `load`).
    pub(crate) fn load(&self) -> arc_swap::Guard<Arc<Snapshot>> {
        self.current.load()
    }
}

impl fmt::Debug for ReloadablePolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReloadablePolicy")
            .field("settings", &self.current.load().policy.settings())
            .finish()
    }
}
