//! The `cors!` macro. Use it through `cors_runtime::cors`, which documents the language.
//!
//! Pipeline: [`parse`] (tokens → raw entries) → [`lower`] (→ `cors_core::PolicyInput`,
//! rules K1–K3) → `cors_core::check` (rules O1–P1) → [`expand`]. Errors from every
//! stage are collected and reported together; an invalid policy still expands to a
//! placeholder policy type, so one mistake gives one error, not a cascade.
#![deny(missing_docs)]

mod errors;
mod expand;
mod lower;
mod origin_tree;
mod parse;
mod pipeline;

use proc_macro::TokenStream;

/// Declares a CORS policy checked at compile time. See `cors_runtime::cors`.
#[proc_macro]
pub fn cors(input: TokenStream) -> TokenStream {
    pipeline::cors(input.into()).into()
}
