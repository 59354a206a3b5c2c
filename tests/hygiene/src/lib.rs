//! `cors!` in a crate that does everything a user crate may do to break generated code
//! (in the style of thiserror's `tests/test_lints.rs` and maud's
//! `tests/absolute_paths.rs`): edition 2018, the dependency renamed to `cors`, no
//! implicit prelude (so even the extern prelude is gone: `::cors::cors!`), std names shadowed by local items, a local `matches!` that fails if
//! called, and lints that reject needless qualification, missing docs and every clippy
//! pedantic finding (CI's clippy step runs with `-D warnings`).
#![no_implicit_prelude]
#![deny(unused_qualifications, missing_docs, unused_results)]
#![deny(clippy::pedantic)]

/// A `matches!` of the user's own: the expansion must never call it.
#[allow(unused_macros)]
macro_rules! matches {
    ($($anything:tt)*) => {
        ::core::compile_error!("the expansion called the user's `matches!`")
    };
}

/// Shadows of prelude and std names the expansion might otherwise reach for.
#[allow(dead_code, non_camel_case_types)]
mod shadows {
    pub(crate) struct Option;
    pub(crate) struct Some;
    pub(crate) struct None;
    pub(crate) struct Result;
    pub(crate) struct Ok;
    pub(crate) struct Err;
    pub(crate) trait Clone {}
    pub(crate) trait Copy {}
    pub(crate) trait Default {}
    pub(crate) trait Debug {}
    pub(crate) trait TryFrom {}
    pub(crate) mod core {}
    pub(crate) mod std {}
    pub(crate) mod cors_runtime {}
    // Primitive types, which any item of the same name shadows.
    pub(crate) struct u8;
    pub(crate) struct bool;
    pub(crate) struct usize;
    pub(crate) struct str;
}
#[allow(unused_imports)]
use shadows::*;

/// Lowercase constants named as the expansion's arguments and locals might be: hygiene
/// does not cover constants, so a generated `origin` argument would be this constant as
/// a pattern.
#[allow(dead_code, non_upper_case_globals)]
mod constants {
    pub(crate) const origin: i32 = 0;
    pub(crate) const method: i32 = 0;
    pub(crate) const name: i32 = 0;
    pub(crate) const o: i32 = 0;
    pub(crate) const f: i32 = 0;
    pub(crate) const bytes: i32 = 0;
    pub(crate) const SETTINGS: i32 = 0;
}
#[allow(unused_imports)]
use constants::*;

/// An extension trait of the user's own, with a blanket impl and by-value methods named
/// like the methods the expansion calls: method-call syntax resolves in the user's
/// scope, and a by-value trait method is found before a `&self` inherent one, so a call
/// written `pattern.matches(origin)` would be this `true` (every origin allowed) and
/// `f.alternate()` a borrow error. The expansion calls every method by its path.
#[allow(dead_code)]
mod extension {
    pub(crate) trait Everything: ::core::marker::Sized {
        fn matches(self, _: &[u8]) -> bool {
            true
        }
        fn alternate(self) -> bool {
            true
        }
        fn write_str(self, _: &str) -> ::core::fmt::Result {
            ::core::result::Result::Ok(())
        }
        fn eq_ignore_ascii_case(self, _: &[u8]) -> bool {
            true
        }
        fn len(self) -> usize {
            0
        }
        fn first_chunk<const N: usize>(self) -> ::core::option::Option<&'static [u8; N]> {
            ::core::option::Option::None
        }
    }
    impl<T> Everything for T {}
}
#[allow(unused_imports)]
use extension::Everything as _;

::cors::cors! {
    /// Exact origins (a decision tree over their bytes), patterns, methods, headers.
    pub struct AppCors {
        origin: [
            "https://app.example.com",
            "https://admin.example.com",
            "https://www.example.org",
            "https://*.preview.example.com",
            "http://localhost:*",
        ],
        methods: [GET, PUT, DELETE, "PROPFIND"],
        allow_headers: ["content-type", "x-api-key", "authorization"],
        expose_headers: ["x-total-count"],
        credentials: true,
        max_age: 600,
        preflight_status: 200,
    }
}

::cors::cors! {
    /// A public API: every wildcard.
    pub struct PublicCors {
        origin: *,
        methods: *,
        allow_headers: *,
        expose_headers: *,
    }
}

::cors::cors! {
    /// Nothing but one origin.
    pub struct MinimalCors {
        origin: "https://app.example.com",
    }
}

/// The expression form, inside a function of this crate.
#[must_use]
pub fn expression_policy() -> impl ::cors::CorsPolicy + ::core::fmt::Debug {
    ::cors::cors! {
        origin: ["https://a.example", "https://b.example", "https://c.example"],
        methods: [PATCH],
        private_network: true,
    }
}

#[cfg(test)]
mod tests {
    use super::{expression_policy, AppCors, MinimalCors, PublicCors};
    use ::cors::CorsPolicy;

    #[test]
    fn the_policies_decide_as_written() {
        ::std::assert!(AppCors.allows_origin(b"https://admin.example.com"));
        ::std::assert!(AppCors.allows_origin(b"https://pr-1.preview.example.com"));
        ::std::assert!(AppCors.allows_origin(b"http://localhost:5173"));
        ::std::assert!(!AppCors.allows_origin(b"https://evil.example.com"));
        ::std::assert!(AppCors.allows_method(b"PROPFIND"));
        ::std::assert!(!AppCors.allows_method(b"PATCH"));
        ::std::assert!(AppCors.allows_request_header(b"X-Api-Key"));
        ::std::assert!(!AppCors.allows_request_header(b"x-other"));
        ::std::assert_eq!(
            AppCors.settings().max_age,
            ::core::option::Option::Some("600")
        );
        ::std::assert!(AppCors.static_settings().is_some());
        ::std::assert!(PublicCors.settings().any_origin);
        ::std::assert!(PublicCors.allows_method(b"PURGE"));
        ::std::assert!(MinimalCors.allows_origin(b"https://app.example.com"));
        let policy = expression_policy();
        ::std::assert!(policy.allows_origin(b"https://c.example"));
        ::std::assert!(policy.allows_method(b"PATCH"));
        ::std::assert_eq!(
            ::std::format!("{MinimalCors:?}"),
            "MinimalCors { origin: [\"https://app.example.com\"] }"
        );
    }
}
