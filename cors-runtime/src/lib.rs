//! Compile-time checked CORS policies with zero-cost matchers.
//!
//! Declare a policy with [`cors!`]; every mistake the CORS protocol can reveal from its
//! literals is a compile error. The result is a zero-sized value implementing
//! [`CorsPolicy`], which the adapters plug into axum / any tower stack
//! ([`tower`], feature `tower` or `axum`), actix-web (`actix`, feature `actix-web`) and
//! raw hyper 1.x (`hyper`, feature `hyper`), with identical behaviour.
//!
//! Policies from configuration get the same checks, at start-up instead:
//! - [`Policy::builder`] builds a [`Policy`] from code, and with feature `serde` a
//!   `Policy` deserializes from TOML, JSON, YAML…; either way every `cors!` rule is
//!   applied by the same code, and a [`PolicyError`] lists every problem with the
//!   compile error's wording and the place of the value (`origin[1]`, `max_age`).
//! - [`PolicyBuilder::origins_from_env`] reads a comma-separated origin list from an
//!   environment variable.
//! - [`WithOrigins`] keeps a `cors!` policy's checked settings and takes its origins
//!   from configuration.
//!
//! To see what a policy answers to a request, and why: [`Probe`]. With feature
//! `tracing`, every refused preflight and disallowed origin is a `debug!` event naming
//! the reason.
#![deny(missing_docs)]

pub use cors_core::{
    Action, CompiledPolicy, CorsHeader, CorsPolicy, Decision, HeaderField, HeaderSet,
    HeaderValueSource, Key, MAX_ORIGIN_LEN, MAX_REQUEST_HEADERS_LEN, Problem, Reason, RequestHead,
    Rule, Settings, Vary, Violation, decide,
};

mod async_origins;
mod builder;
mod dynamic_origins;
mod error;
mod explain;
mod list;
mod location;
mod policy;
mod with_origins;

#[cfg(feature = "serde")]
mod config;

pub use async_origins::{AsyncOrigins, OriginLookup};
pub use builder::PolicyBuilder;
pub use cors_core::{OriginRules, OriginVerdict};
pub use dynamic_origins::DynamicOrigins;
pub use error::PolicyError;
pub use explain::{Explanation, Probe};
pub use location::Location;
pub use policy::Policy;
pub use with_origins::{OriginList, WithOrigins};

#[cfg(any(feature = "tower", feature = "hyper", feature = "actix-web"))]
mod adapter;
#[cfg(any(feature = "tower", feature = "hyper", feature = "actix-web"))]
pub use adapter::InvalidPolicy;

#[cfg(any(feature = "tower", feature = "hyper"))]
mod tower_hyper;

#[cfg(any(feature = "tower", feature = "hyper", feature = "actix-web"))]
mod dynamic;
#[cfg(any(feature = "tower", feature = "hyper", feature = "actix-web"))]
pub use dynamic::DynamicPolicy;
#[cfg(feature = "actix-web")]
mod actix_dynamic;
#[cfg(any(feature = "tower", feature = "hyper"))]
mod dynamic_http;
#[cfg(feature = "hyper")]
mod hyper_dynamic;
#[cfg(feature = "tower")]
mod tower_dynamic;

#[cfg(all(
    feature = "reload",
    any(feature = "tower", feature = "hyper", feature = "actix-web")
))]
mod reload;
#[cfg(all(
    feature = "reload",
    any(feature = "tower", feature = "hyper", feature = "actix-web")
))]
pub use reload::ReloadablePolicy;

#[cfg(all(
    feature = "tracing",
    any(feature = "tower", feature = "hyper", feature = "actix-web")
))]
mod trace;

#[cfg(feature = "tower")]
pub mod tower;

#[cfg(feature = "hyper")]
pub mod hyper;

#[cfg(feature = "actix-web")]
pub mod actix;

#[doc = include_str!("cors_macro.md")]
#[macro_export]
macro_rules! cors {
    // `$crate` is this crate whatever the user's crate calls it (a renamed dependency,
    // a re-export): the compiler builds every path of the expansion from it.
    ($($policy:tt)*) => {
        $crate::__private::__cors! { $crate; $($policy)* }
    };
}

/// Items the `cors!` expansion refers to. Not a public API: no semver guarantee.
///
/// The expansion names nothing else (no prelude item, no `::core`), so that it compiles
/// in any edition and under `#![no_implicit_prelude]`.
#[doc(hidden)]
pub mod __private {
    pub use core::clone::Clone;
    pub use core::cmp::{Eq, PartialEq};
    pub use core::default::Default;
    pub use core::fmt;
    pub use core::hash::Hash;
    pub use core::marker::Copy;
    pub use core::option::Option;
    pub use cors_core::syntax::is_token;
    pub use cors_core::{CorsPolicy, HostPattern, OriginPattern, PortPattern, Settings};
    pub use cors_macro::__cors;
}

/// The README's examples compile and run.
#[cfg(all(
    doctest,
    feature = "axum",
    feature = "actix-web",
    feature = "hyper",
    feature = "serde"
))]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
