//! The `cors!` proc-macro. Use it through `cors_runtime::cors!`, which documents the
//! language and passes its own path (`$crate`) first, so that the expansion works
//! whatever name the user's crate gives the dependency. The compiler itself is the
//! `cors-macro-core` library.
#![deny(missing_docs)]

use proc_macro::TokenStream;

/// `cors_runtime::cors!`'s implementation: `$crate ; policy`. Not for direct use.
#[doc(hidden)]
#[proc_macro]
pub fn __cors(input: TokenStream) -> TokenStream {
    cors_macro_core::expand_invocation(input.into()).into()
}
