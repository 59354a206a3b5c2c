//! [`AsyncOrigins`]: a checked policy whose origins an asynchronous lookup decides (a
//! database, a service), with every rule kept and failures refused.

use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::Poll;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;

use cors_policy_core::{CorsPolicy, HeaderField, MAX_ORIGIN_LEN, OriginVerdict, Settings};

use crate::dynamic_origins::OptIns;
use crate::{Explanation, Probe};

/// A boxed, sendable future: what one origin lookup is, once erased.
pub(crate) type Lookup = Pin<Box<dyn Future<Output = OriginVerdict> + Send>>;

/// An origin source that answers asynchronously: asked once per request (preflight or
/// not) about an origin that already passed the rules, as a serialized origin.
///
/// `Ok(true)` allows the origin, `Ok(false)` refuses it, and an `Err` refuses it too
/// (fail closed), logged with its `Display` as a `tracing` event (feature `tracing`).
/// Any `Fn(String) -> impl Future<Output = Result<bool, E>>` closure is one.
///
/// # Example
///
/// ```
/// use std::collections::HashSet;
/// use std::sync::Arc;
/// use cors_runtime::OriginLookup;
///
/// struct Tenants(Arc<HashSet<String>>);
///
/// impl OriginLookup for Tenants {
///     type Error = std::convert::Infallible;
///     fn lookup(&self, origin: String) -> impl Future<Output = Result<bool, Self::Error>> + Send + 'static {
///         let tenants = Arc::clone(&self.0);
///         async move { Ok(tenants.contains(&origin)) }
///     }
/// }
/// # let _ = Tenants(Arc::default());
/// ```
pub trait OriginLookup: Send + Sync + 'static {
    /// Why a lookup failed.
    type Error: fmt::Display;

    /// Whether `origin` is allowed.
    fn lookup(
        &self,
        origin: String,
    ) -> impl Future<Output = Result<bool, Self::Error>> + Send + 'static;
}

impl<F, Fut, E> OriginLookup for F
where
    F: Fn(String) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<bool, E>> + Send + 'static,
    E: fmt::Display,
{
    type Error = E;

    fn lookup(&self, origin: String) -> impl Future<Output = Result<bool, E>> + Send + 'static {
        self(origin)
    }
}

/// An [`OriginLookup`] with its future boxed and its failures turned into verdicts.
trait ErasedLookup: Send + Sync {
    fn start(&self, origin: String, deadline: Option<core::time::Duration>) -> Lookup;
}

impl<L: OriginLookup> ErasedLookup for L {
    fn start(&self, origin: String, deadline: Option<core::time::Duration>) -> Lookup {
        // Creating the future runs the application's code: a panic there refuses too.
        let Ok(lookup) = catch_unwind(AssertUnwindSafe(|| self.lookup(origin))) else {
            return Box::pin(core::future::ready(OriginVerdict::SourceFailed));
        };
        Box::pin(async move {
            let answer = match deadline {
                None => caught(lookup).await,
                Some(deadline) => within(deadline, lookup).await,
            };
            match answer {
                Some(Ok(true)) => OriginVerdict::Allowed,
                Some(Ok(false)) => OriginVerdict::NotAllowed,
                Some(Err(error)) => {
                    failed(&error);
                    OriginVerdict::SourceFailed
                }
                None => {
                    failed(&"the lookup panicked or timed out");
                    OriginVerdict::SourceFailed
                }
            }
        })
    }
}

/// `future`'s output, or `None` if polling it panicked (it is not polled again).
async fn caught<F: Future>(future: F) -> Option<F::Output> {
    let mut future = core::pin::pin!(future);
    core::future::poll_fn(move |cx| {
        match catch_unwind(AssertUnwindSafe(|| future.as_mut().poll(cx))) {
            Ok(Poll::Ready(output)) => Poll::Ready(Some(output)),
            Ok(Poll::Pending) => Poll::Pending,
            Err(_) => Poll::Ready(None),
        }
    })
    .await
}

/// `future`'s output, or `None` when `deadline` passes first (or it panics; so does a
/// missing tokio timer, which is caught like any panic).
#[cfg(feature = "tokio")]
async fn within<F: Future>(deadline: core::time::Duration, future: F) -> Option<F::Output> {
    // Built in the first poll, inside `caught`: without a timer, tokio panics as soon
    // as the timeout is built, not when it is polled.
    caught(async move { tokio::time::timeout(deadline, future).await })
        .await
        .and_then(Result::ok)
}

#[cfg(not(feature = "tokio"))]
async fn within<F: Future>(_: core::time::Duration, future: F) -> Option<F::Output> {
    caught(future).await
}

fn failed(error: &dyn fmt::Display) {
    #[cfg(feature = "tracing")]
    tracing::debug!(target: "cors_runtime", "CORS origin lookup failed: {error}");
    #[cfg(not(feature = "tracing"))]
    let _ = error;
}

/// The policy half of [`AsyncOrigins`]: the user's policy, with origins left to the
/// lookup (never `*`), refusing every origin when asked synchronously.
struct Awaited<P>(P);

impl<P: CorsPolicy> CorsPolicy for Awaited<P> {
    fn allows_origin(&self, _: &[u8]) -> bool {
        false
    }
    fn judge_origin(&self, _: &[u8]) -> OriginVerdict {
        // Only reached without the lookup's verdict, which the adapters never do.
        OriginVerdict::SourceFailed
    }
    fn allows_method(&self, method: &[u8]) -> bool {
        self.0.allows_method(method)
    }
    fn allows_request_header(&self, name: &[u8]) -> bool {
        self.0.allows_request_header(name)
    }
    fn settings(&self) -> Settings<'_> {
        Settings {
            any_origin: false,
            ..self.0.settings()
        }
    }
    fn static_settings(&self) -> Option<Settings<'static>> {
        self.0.static_settings().map(|settings| Settings {
            any_origin: false,
            ..settings
        })
    }
}

/// A policy (a `cors!` one, a [`Policy`](crate::Policy)…) whose allowed origins an
/// asynchronous [`OriginLookup`] decides: the multi-tenant case, where each customer
/// registers its front end's origin in a database. Served by the adapters' dynamic
/// layers (`tower::DynamicCorsLayer`, `hyper::DynamicCors`, `actix::DynamicCors`).
///
/// - **One question per request.** A preflight and the actual request that follows it
///   ask the lookup the same question (is this origin allowed?); the request waits for
///   the answer, then is decided by the engine as usual. Put a cache in the lookup (see
///   `examples/src/bin/tenants.rs`): the library does not cache, so a tenant removed
///   from the table is refused from the next request on.
/// - **The rules are kept.** The lookup is asked only about an origin that passed the
///   rules a literal origin passes ([`OriginRules::check`](crate::engine::OriginRules::check)),
///   so junk, `null` and, with credentials, plain-`http` origins never reach the
///   database and are refused with [`Reason::OriginBreaksRule`](crate::engine::Reason::OriginBreaksRule)
///   whatever it holds. The opt-ins are the builder's:
///   [`dangerously_allow_null_origin`](Self::dangerously_allow_null_origin),
///   [`dangerously_allow_insecure_origins`](Self::dangerously_allow_insecure_origins).
/// - **Fail closed.** A lookup that errors, panics or outlives
///   `timeout` (feature `tokio`) refuses the origin
///   ([`Reason::OriginSourceFailed`](crate::engine::Reason::OriginSourceFailed)); the server
///   goes on.
/// - **Cost.** A request with an `Origin` pays the rule check (a parse), one `String`
///   for the origin and one boxed future; requests without `Origin`, with several, or
///   refused by the rules do not ask the lookup and box nothing.
///
/// The policy's own origins are not used, and responses echo the origin (never `*`).
///
/// # Example
///
/// ```
/// use std::collections::HashSet;
/// use std::sync::Arc;
/// use cors_runtime::{cors, AsyncOrigins, Probe};
///
/// let tenants: Arc<HashSet<String>> = Arc::new(["https://acme.example".to_string()].into());
/// let origins = AsyncOrigins::new(
///     cors! { origin: "http://localhost:3000", methods: [PUT], credentials: true },
///     move |origin: String| {
///         let tenants = Arc::clone(&tenants);
///         async move { Ok::<_, std::convert::Infallible>(tenants.contains(&origin)) }
///     },
/// );
/// # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
/// let answer = origins.explain(&Probe::preflight("https://acme.example", "PUT")).await;
/// assert_eq!(answer.status(), Some(204));
/// let answer = origins.explain(&Probe::request("GET", "https://evil.example")).await;
/// assert_eq!(answer.reason(), "origin `https://evil.example` is not allowed");
/// # });
/// ```
#[derive(Clone)]
pub struct AsyncOrigins {
    pub(crate) policy: Arc<dyn CorsPolicy>,
    lookup: Arc<dyn ErasedLookup>,
    opt_ins: OptIns,
    deadline: Option<core::time::Duration>,
}

impl AsyncOrigins {
    /// `policy`'s settings, with origins decided by `lookup` (after the rules).
    ///
    /// The policy's own origins are not consulted: the lookup decides every origin the
    /// rules let through (a listed origin the lookup refuses is refused).
    ///
    /// ```
    /// use cors_runtime::{cors, AsyncOrigins, Probe};
    ///
    /// let origins = AsyncOrigins::new(
    ///     cors! { origin: "https://app.example.com", methods: [PUT] },
    ///     |origin: String| async move { Ok::<_, std::convert::Infallible>(origin == "https://b.example") },
    /// );
    /// # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
    /// assert!(origins.explain(&Probe::request("GET", "https://b.example")).await.is_allowed());
    /// assert!(!origins.explain(&Probe::request("GET", "https://c.example")).await.is_allowed());
    /// # });
    /// ```
    pub fn new(policy: impl CorsPolicy, lookup: impl OriginLookup) -> Self {
        AsyncOrigins {
            policy: Arc::new(Awaited(policy)),
            lookup: Arc::new(lookup),
            opt_ins: OptIns::default(),
            deadline: None,
        }
    }

    /// Refuses the origin when the lookup has not answered within `deadline` (tokio's
    /// timer: the server must run on tokio, as axum, hyper-util and actix-web do).
    ///
    /// ```
    /// use std::time::Duration;
    /// use cors_runtime::{cors, AsyncOrigins, Probe};
    ///
    /// let origins = AsyncOrigins::new(cors! { origin: "http://localhost:3000" }, |_: String| async {
    ///     tokio::time::sleep(Duration::from_secs(60)).await;
    ///     Ok::<_, std::convert::Infallible>(true)
    /// })
    /// .timeout(Duration::from_millis(10));
    /// # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
    /// let answer = origins.explain(&Probe::request("GET", "https://slow.example")).await;
    /// assert_eq!(
    ///     answer.reason(),
    ///     "origin `https://slow.example` is refused: the origin source failed (fail closed)"
    /// );
    /// # });
    /// ```
    #[cfg(feature = "tokio")]
    pub fn timeout(mut self, deadline: core::time::Duration) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// Lets the lookup allow `null` (rule O10's opt-in): as open as `*`.
    ///
    /// ```
    /// let origins = cors_runtime::AsyncOrigins::new(
    ///     cors_runtime::cors! { origin: "http://localhost:3000" },
    ///     |_: String| async { Ok::<_, std::convert::Infallible>(true) },
    /// )
    /// .dangerously_allow_null_origin(true);
    /// # let _ = origins;
    /// ```
    pub fn dangerously_allow_null_origin(mut self, on: bool) -> Self {
        self.opt_ins.null = on;
        self
    }

    /// Lets the lookup allow plain-`http` origins with credentials (rule O13's opt-in).
    ///
    /// ```
    /// let origins = cors_runtime::AsyncOrigins::new(
    ///     cors_runtime::cors! { origin: "http://localhost:3000", credentials: true },
    ///     |_: String| async { Ok::<_, std::convert::Infallible>(true) },
    /// )
    /// .dangerously_allow_insecure_origins(true);
    /// # let _ = origins;
    /// ```
    pub fn dangerously_allow_insecure_origins(mut self, on: bool) -> Self {
        self.opt_ins.insecure = on;
        self
    }

    /// What the adapters answer to `probe`, and why, after asking the lookup as they
    /// would.
    ///
    /// ```
    /// use cors_runtime::{cors, AsyncOrigins, Probe};
    ///
    /// let origins = AsyncOrigins::new(
    ///     cors! { origin: "https://app.example.com" },
    ///     |_: String| async { Err::<bool, _>(std::io::Error::other("database down")) },
    /// );
    /// # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
    /// let answer = origins.explain(&Probe::request("GET", "https://b.example")).await;
    /// assert!(!answer.is_allowed()); // a failed lookup refuses (fail closed)
    /// # });
    /// ```
    pub async fn explain(&self, probe: &Probe) -> Explanation {
        let origin = probe.origin_field();
        let verdict = match self.judge(origin) {
            Judgement::Known(verdict) => verdict,
            Judgement::Ask(lookup) => Some(lookup.await),
        };
        probe.explain_judged(&*self.policy, verdict)
    }

    /// The verdict on a request's `Origin`, or the lookup that will give it.
    pub(crate) fn judge(&self, origin: HeaderField<'_>) -> Judgement {
        let HeaderField::One(origin) = origin else {
            // No origin, or several: the engine decides without a verdict.
            return Judgement::Known(Some(OriginVerdict::NotAllowed));
        };
        if origin.len() > MAX_ORIGIN_LEN {
            return Judgement::Known(Some(OriginVerdict::NotAllowed));
        }
        if let Err(rule) = self.opt_ins.rules(&self.policy.settings()).check(origin) {
            return Judgement::Known(Some(OriginVerdict::BreaksRule(rule)));
        }
        match core::str::from_utf8(origin) {
            Ok(origin) => Judgement::Ask(self.lookup.start(origin.to_owned(), self.deadline)),
            Err(_) => Judgement::Known(Some(OriginVerdict::BreaksRule(cors_policy_core::Rule::O4))),
        }
    }
}

impl fmt::Debug for AsyncOrigins {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AsyncOrigins")
            .field("settings", &self.policy.settings())
            .field("deadline", &self.deadline)
            .finish_non_exhaustive()
    }
}

/// The verdict on a request's origin, known now or after a lookup.
pub(crate) enum Judgement {
    /// Known without asking (`None`: ask the policy, as the static path does).
    Known(Option<OriginVerdict>),
    /// Ask the lookup first.
    Ask(Lookup),
}
