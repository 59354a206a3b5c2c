//! The whole `cors!` pipeline (parse → lower → check → expand) on arbitrary token
//! streams: it never panics, and what it returns is Rust (an item list, or for the
//! expression form a block), compile errors included.
//!
//! Input: text, lexed into a `proc_macro2::TokenStream` (inputs that do not lex are
//! skipped); each stream is tried as the macro's input as it is and as the body of
//! `pub struct Fuzzed { ... }`.
#![no_main]

use std::str::FromStr;

use libfuzzer_sys::fuzz_target;
use proc_macro2::TokenStream;
use quote::quote;

fn expands_to_rust(input: TokenStream) {
    let output = cors_macro_core::expand_policy(&quote!(::cors_runtime), input.clone());
    let is_items = syn::parse2::<syn::File>(output.clone()).is_ok();
    let is_expression = syn::parse2::<syn::Expr>(output.clone()).is_ok();
    assert!(
        is_items || is_expression,
        "the expansion of `{input}` is not Rust: {output}"
    );
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(tokens) = TokenStream::from_str(text) else {
        return;
    };
    expands_to_rust(tokens.clone());
    expands_to_rust(quote!(pub struct Fuzzed { #tokens }));
});
