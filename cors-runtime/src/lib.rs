//! Compile-time checked CORS policies with zero-cost matchers.
//!
//! Declare a policy with [`cors!`]; every mistake the CORS protocol can reveal from its
//! literals is a compile error. The result is a zero-sized value implementing
//! [`CorsPolicy`], which the adapters plug into axum / any tower stack
//! ([`tower`], feature `tower` or `axum`), actix-web (`actix`, feature `actix-web`) and
//! raw hyper 1.x (`hyper`, feature `hyper`), with identical behaviour.
#![deny(missing_docs)]

pub use cors_core::{
    Action, CorsHeader, CorsPolicy, Decision, HeaderField, HeaderSet, HeaderValueSource,
    MAX_ORIGIN_LEN, MAX_REQUEST_HEADERS_LEN, Reason, RequestHead, Settings, Vary, decide,
};

#[cfg(any(feature = "tower", feature = "hyper", feature = "actix-web"))]
mod apply;
#[cfg(any(feature = "tower", feature = "hyper", feature = "actix-web"))]
pub use apply::InvalidPolicy;

#[cfg(any(feature = "tower", feature = "hyper"))]
mod http1;

#[cfg(feature = "tower")]
pub mod tower;

#[cfg(feature = "hyper")]
pub mod hyper;

#[cfg(feature = "actix-web")]
pub mod actix;

#[doc = include_str!("cors_macro.md")]
#[doc(inline)]
pub use cors_macro::cors;

/// Items the `cors!` expansion refers to. Not a public API: no semver guarantee.
#[doc(hidden)]
pub mod __private {
    pub use cors_core::syntax::is_token;
    pub use cors_core::{CorsPolicy, HostPattern, OriginPattern, PortPattern, Settings};
}

/// The README's examples compile and run.
#[cfg(all(doctest, feature = "axum"))]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
