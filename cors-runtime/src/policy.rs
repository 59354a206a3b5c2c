//! [`Policy`]: a policy built at run time, checked by the same rules as `cors!`.

use core::fmt;
use std::sync::Arc;

use cors_policy_core::{CompiledPolicy, CorsPolicy, Settings};

use crate::PolicyBuilder;

/// A CORS policy built at run time, from code ([`Policy::builder`]) or configuration
/// (`Deserialize`, feature `serde`), and checked by exactly the rules `cors!` applies at
/// compile time: only the moment of the check differs.
///
/// It plugs into every adapter like a `cors!` policy. The lists are compiled into lookup
/// tables once, when it is built (exact origins sorted for a binary search, patterns
/// pre-split, header values pre-joined), so deciding a request allocates nothing. A
/// `cors!` policy is still faster: its matchers are generated code.
///
/// Cloning is a reference count.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "axum")] {
/// use axum::{Router, routing::put};
/// use cors_runtime::{Policy, tower::CorsLayer};
///
/// let policy = Policy::builder()
///     .origin("https://app.example.com")
///     .methods(["PUT"])
///     .build()?;
/// let app: Router = Router::new()
///     .route("/items/{id}", put(|| async { "stored" }))
///     .layer(CorsLayer::new(policy));
/// # let _ = app;
/// # }
/// # Ok::<(), cors_runtime::PolicyError>(())
/// ```
///
/// `{:?}` prints the policy in its own language, as `cors!` types do, and `{:#?}` one key
/// per line:
///
/// ```
/// let policy = cors_runtime::Policy::builder()
///     .origins(["https://app.example.com", "https://*.example.org"])
///     .methods(["put", "DELETE"])
///     .credentials(true)
///     .build()?;
/// assert_eq!(
///     format!("{policy:?}"),
///     r#"Policy { origin: ["https://app.example.com", "https://*.example.org"], methods: [PUT, DELETE], credentials: true }"#
/// );
/// # Ok::<(), cors_runtime::PolicyError>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Policy {
    compiled: Arc<CompiledPolicy>,
}

impl Policy {
    /// Starts a policy with no key set.
    ///
    /// ```
    /// let policy = cors_runtime::Policy::builder().any_origin().build();
    /// assert!(policy.is_ok());
    /// ```
    pub fn builder() -> PolicyBuilder {
        PolicyBuilder::new()
    }

    pub(crate) fn new(compiled: CompiledPolicy) -> Self {
        Policy {
            compiled: Arc::new(compiled),
        }
    }

    /// The checked policy: its origins, methods and headers as normalized by the rules
    /// (methods uppercased where browsers do, header names lowercased, safelisted
    /// exposed headers dropped).
    ///
    /// ```
    /// use cors_runtime::Policy;
    ///
    /// let policy = Policy::builder().origin("https://a.example").max_age(600).build()?;
    /// assert_eq!(policy.compiled().max_age(), Some(600));
    /// # Ok::<(), cors_runtime::PolicyError>(())
    /// ```
    pub fn compiled(&self) -> &CompiledPolicy {
        &self.compiled
    }
}

impl fmt::Debug for Policy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.compiled.text("Policy");
        if f.alternate() {
            write!(f, "{text:#}")
        } else {
            write!(f, "{text}")
        }
    }
}

impl CorsPolicy for Policy {
    #[inline]
    fn allows_origin(&self, origin: &[u8]) -> bool {
        self.compiled.allows_origin(origin)
    }

    #[inline]
    fn allows_method(&self, method: &[u8]) -> bool {
        self.compiled.allows_method(method)
    }

    #[inline]
    fn allows_request_header(&self, name: &[u8]) -> bool {
        self.compiled.allows_request_header(name)
    }

    #[inline]
    fn settings(&self) -> Settings<'_> {
        self.compiled.settings()
    }
}
