//! The checked policy: what the macro expands from, and itself a working
//! [`CorsPolicy`] (lookup tables instead of generated code).

use crate::header::SAFELISTED_RESPONSE;
use crate::name_set::{NameSet, SortedNameSet};
use crate::origin::OwnedPattern;
use crate::policy::{CorsPolicy, Settings};
use crate::syntax::is_token;

/// The allowed origins.
///
/// # Example
///
/// ```
/// use cors_policy_core::{Intake, Origins, Raw};
///
/// let origins = ["https://b.example.com", "https://*.example.net", "https://a.example.com"];
/// let mut intake = Intake::new(());
/// intake.entry("origin", (), Raw::List(origins.map(|o| Raw::Str(o.into(), ())).into(), ()))?;
/// let policy = intake.finish().unwrap();
/// let Origins::List { exact, patterns } = policy.origins() else { unreachable!() };
/// assert_eq!(exact, &["https://a.example.com", "https://b.example.com"]); // sorted
/// assert_eq!(patterns[0].to_string(), "https://*.example.net");
/// # Ok::<(), cors_policy_core::Violation<()>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Origins {
    /// `*`.
    Any,
    /// Listed origins.
    List {
        /// Exact origins (`null` included when opted in), sorted, without duplicates.
        exact: Vec<String>,
        /// Patterns, in source order.
        patterns: Vec<OwnedPattern>,
    },
}

/// The methods a preflight may ask for (besides `GET`, `HEAD`, `POST`).
///
/// # Example
///
/// ```
/// use cors_policy_core::{Intake, Methods, Raw};
///
/// let mut intake = Intake::new(());
/// intake.entry("origin", (), Raw::Str("https://app.example.com".into(), ()))?;
/// intake.entry("methods", (), Raw::List(vec![Raw::Str("delete".into(), ()), Raw::Ident("PROPFIND".into(), ())], ()))?;
/// let policy = intake.finish().unwrap();
/// // As browsers send them: `fetch` uppercases `delete`.
/// assert_eq!(policy.methods(), &Methods::List(vec!["DELETE".into(), "PROPFIND".into()]));
/// # Ok::<(), cors_policy_core::Violation<()>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Methods {
    /// `*`.
    Any,
    /// These, normalized, in source order.
    List(Vec<String>),
}

/// The request headers a preflight may ask for.
///
/// # Example
///
/// ```
/// use cors_policy_core::{AllowHeaders, CorsPolicy, Intake, Raw};
///
/// let mut intake = Intake::new(());
/// intake.entry("origin", (), Raw::Str("https://app.example.com".into(), ()))?;
/// intake.entry("allow_headers", (), Raw::List(vec![Raw::Star(()), Raw::Str("Authorization".into(), ())], ()))?;
/// let policy = intake.finish().unwrap();
/// assert_eq!(policy.allow_headers(), &AllowHeaders::Any { authorization: true });
/// assert!(policy.allows_request_header(b"authorization"));
/// # Ok::<(), cors_policy_core::Violation<()>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum AllowHeaders {
    /// `*`, which never covers `authorization` unless it is listed beside it.
    Any {
        /// `authorization` was listed beside `*`.
        authorization: bool,
    },
    /// These, lowercase, in source order.
    List(Vec<String>),
}

/// The response headers exposed to pages.
///
/// # Example
///
/// ```
/// use cors_policy_core::{ExposeHeaders, Intake, Raw};
///
/// let mut intake = Intake::new(());
/// intake.entry("origin", (), Raw::Str("https://app.example.com".into(), ()))?;
/// intake.entry("expose_headers", (), Raw::List(vec![Raw::Str("X-Total-Count".into(), ()), Raw::Str("content-type".into(), ())], ()))?;
/// let policy = intake.finish().unwrap();
/// // Lowercase, and without `content-type`, which every page can read anyway.
/// assert_eq!(policy.expose_headers(), &ExposeHeaders::List(vec!["x-total-count".into()]));
/// # Ok::<(), cors_policy_core::Violation<()>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ExposeHeaders {
    /// `*`.
    Any,
    /// These, lowercase, in source order; the safelisted ones are left out (always
    /// readable, nothing to send).
    List(Vec<String>),
}

/// A policy that passed every rule.
///
/// Built by [`check`](crate::check). It implements [`CorsPolicy`] directly, so a policy
/// checked at run time works with every adapter; the `cors!` macro instead generates
/// code from it.
///
/// # Example
///
/// ```
/// use cors_policy_core::{CorsPolicy, Intake, Raw};
///
/// let mut intake = Intake::new(());
/// intake.entry("origin", (), Raw::Str("https://*.example.com".into(), ()))?;
/// intake.entry("max_age", (), Raw::Int { value: 600, suffix: String::new(), at: () })?;
/// let policy = intake.finish().unwrap();
/// assert!(policy.allows_origin(b"https://app.example.com"));
/// assert!(!policy.allows_origin(b"https://example.com.evil.test"));
/// assert_eq!(policy.settings().max_age, Some("600"));
/// # Ok::<(), cors_policy_core::Violation<()>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CompiledPolicy {
    parts: Parts,
    texts: HeaderTexts,
    lookups: Lookups,
}

/// The lists a request is looked up in, keyed for the lookup ([`NameSet`], [`SortedNameSet`]); empty for
/// a `*` list, which is not looked up.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Lookups {
    /// The exact origins (empty for `*`).
    origins: SortedNameSet,
    methods: NameSet,
    request_headers: NameSet,
}

/// The constant header values, computed once.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct HeaderTexts {
    allow_methods: Option<String>,
    allow_headers: Option<String>,
    expose_headers: Option<String>,
    max_age: Option<String>,
}

/// The parts of a [`CompiledPolicy`], as the checks produce them.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Parts {
    pub(crate) origins: Origins,
    pub(crate) methods: Methods,
    pub(crate) allow_headers: AllowHeaders,
    pub(crate) expose_headers: ExposeHeaders,
    pub(crate) credentials: bool,
    pub(crate) max_age: Option<u32>,
    pub(crate) private_network: bool,
    pub(crate) preflight_status: u16,
    pub(crate) preflight_continue: bool,
    pub(crate) cross_origin_protection: bool,
    /// The `dangerously_*` opt-ins as written, so that the policy's text
    /// ([`PolicyText`](crate::PolicyText)) compiles again.
    pub(crate) opt_ins: OptIns,
}

/// The `dangerously_*` keys set to `true`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub(crate) struct OptIns {
    pub(crate) null_origin: bool,
    pub(crate) insecure_origins: bool,
}

fn join(names: &[String]) -> Option<String> {
    if names.is_empty() {
        None
    } else {
        Some(names.join(", "))
    }
}

impl CompiledPolicy {
    pub(crate) fn new(mut parts: Parts) -> Self {
        if let ExposeHeaders::List(names) = &mut parts.expose_headers {
            names.retain(|name| !SAFELISTED_RESPONSE.contains(&name.as_str()));
        }
        if let Origins::List { exact, .. } = &mut parts.origins {
            exact.sort();
            exact.dedup();
        }
        let texts = HeaderTexts {
            allow_methods: match &parts.methods {
                Methods::Any => Some("*".to_string()),
                Methods::List(methods) => join(methods),
            },
            allow_headers: match &parts.allow_headers {
                AllowHeaders::Any {
                    authorization: false,
                } => Some("*".to_string()),
                AllowHeaders::Any {
                    authorization: true,
                } => Some("*, authorization".to_string()),
                AllowHeaders::List(names) => join(names),
            },
            expose_headers: match &parts.expose_headers {
                ExposeHeaders::Any => Some("*".to_string()),
                ExposeHeaders::List(names) => join(names),
            },
            max_age: parts.max_age.map(|seconds| seconds.to_string()),
        };
        let lookups = Lookups {
            origins: match &parts.origins {
                Origins::Any => SortedNameSet::default(),
                Origins::List { exact, .. } => SortedNameSet::new(exact.iter().map(String::as_str)),
            },
            methods: match &parts.methods {
                Methods::Any => NameSet::default(),
                Methods::List(methods) => NameSet::new(methods.iter().map(String::as_str)),
            },
            request_headers: match &parts.allow_headers {
                AllowHeaders::Any { .. } => NameSet::default(),
                AllowHeaders::List(names) => NameSet::new(names.iter().map(String::as_str)),
            },
        };
        CompiledPolicy {
            parts,
            texts,
            lookups,
        }
    }

    /// The allowed origins.
    ///
    /// ```
    /// use cors_policy_core::{Intake, Origins, Raw};
    ///
    /// let mut intake = Intake::new(());
    /// intake.entry("origin", (), Raw::Star(()))?;
    /// assert_eq!(intake.finish().unwrap().origins(), &Origins::Any);
    /// # Ok::<(), cors_policy_core::Violation<()>>(())
    /// ```
    pub fn origins(&self) -> &Origins {
        &self.parts.origins
    }

    /// The allowed methods.
    ///
    /// ```
    /// use cors_policy_core::{Intake, Methods, Raw};
    ///
    /// let mut intake = Intake::new(());
    /// intake.entry("origin", (), Raw::Str("https://app.example.com".into(), ()))?;
    /// // Without `methods`, only `GET`, `HEAD` and `POST`, which are always allowed.
    /// assert_eq!(intake.finish().unwrap().methods(), &Methods::List(vec![]));
    /// # Ok::<(), cors_policy_core::Violation<()>>(())
    /// ```
    pub fn methods(&self) -> &Methods {
        &self.parts.methods
    }

    /// The allowed request headers.
    ///
    /// ```
    /// use cors_policy_core::{AllowHeaders, Intake, Raw};
    ///
    /// let mut intake = Intake::new(());
    /// intake.entry("origin", (), Raw::Str("https://app.example.com".into(), ()))?;
    /// intake.entry("allow_headers", (), Raw::List(vec![Raw::Str("X-Api-Key".into(), ())], ()))?;
    /// assert_eq!(intake.finish().unwrap().allow_headers(), &AllowHeaders::List(vec!["x-api-key".into()]));
    /// # Ok::<(), cors_policy_core::Violation<()>>(())
    /// ```
    pub fn allow_headers(&self) -> &AllowHeaders {
        &self.parts.allow_headers
    }

    /// The exposed response headers.
    ///
    /// ```
    /// use cors_policy_core::{ExposeHeaders, Intake, Raw};
    ///
    /// let mut intake = Intake::new(());
    /// intake.entry("origin", (), Raw::Str("https://app.example.com".into(), ()))?;
    /// intake.entry("expose_headers", (), Raw::Star(()))?;
    /// assert_eq!(intake.finish().unwrap().expose_headers(), &ExposeHeaders::Any);
    /// # Ok::<(), cors_policy_core::Violation<()>>(())
    /// ```
    pub fn expose_headers(&self) -> &ExposeHeaders {
        &self.parts.expose_headers
    }

    /// `max_age` in seconds, if set.
    ///
    /// ```
    /// use cors_policy_core::{Intake, Raw};
    ///
    /// let mut intake = Intake::new(());
    /// intake.entry("origin", (), Raw::Str("https://app.example.com".into(), ()))?;
    /// assert_eq!(intake.finish().unwrap().max_age(), None);
    /// intake.entry("max_age", (), Raw::Int { value: 7200, suffix: String::new(), at: () })?;
    /// assert_eq!(intake.finish().unwrap().max_age(), Some(7200));
    /// # Ok::<(), cors_policy_core::Violation<()>>(())
    /// ```
    pub fn max_age(&self) -> Option<u32> {
        self.parts.max_age
    }

    pub(crate) fn opt_ins(&self) -> OptIns {
        self.parts.opt_ins
    }
}

impl CorsPolicy for CompiledPolicy {
    fn allows_origin(&self, origin: &[u8]) -> bool {
        match &self.parts.origins {
            Origins::Any => true,
            Origins::List { patterns, .. } => {
                self.lookups.origins.contains(origin)
                    || patterns
                        .iter()
                        .any(|pattern| pattern.as_pattern().matches(origin))
            }
        }
    }

    #[inline]
    fn allows_method(&self, method: &[u8]) -> bool {
        match &self.parts.methods {
            Methods::Any => is_token(method),
            // Methods are case-sensitive.
            Methods::List(_) => self.lookups.methods.contains(method),
        }
    }

    #[inline]
    fn allows_request_header(&self, name: &[u8]) -> bool {
        match &self.parts.allow_headers {
            AllowHeaders::Any { authorization } => {
                is_token(name) && (*authorization || !name.eq_ignore_ascii_case(b"authorization"))
            }
            AllowHeaders::List(_) => self.lookups.request_headers.contains_ignoring_case(name),
        }
    }

    #[inline]
    fn settings(&self) -> Settings<'_> {
        Settings {
            any_origin: matches!(self.parts.origins, Origins::Any),
            credentials: self.parts.credentials,
            allow_methods: self.texts.allow_methods.as_deref(),
            allow_headers: self.texts.allow_headers.as_deref(),
            expose_headers: self.texts.expose_headers.as_deref(),
            max_age: self.texts.max_age.as_deref(),
            private_network: self.parts.private_network,
            preflight_status: self.parts.preflight_status,
            preflight_continue: self.parts.preflight_continue,
            cross_origin_protection: self.parts.cross_origin_protection,
        }
    }
}
