//! The whole `cors!` pipeline (parse → lower → check → expand) on arbitrary token
//! streams: it never panics, and what it returns is Rust (an item list, or for the
//! expression form a block), compile errors included.
//!
//! Input: text, lexed into a `proc_macro2::TokenStream` (inputs that do not lex are
//! skipped); each stream is tried as the macro's input as it is and as the body of
//! `pub struct Fuzzed { ... }`.
#![no_main]

#[path = "../../cors-macro/src/errors.rs"]
mod errors;
#[path = "../../cors-macro/src/expand.rs"]
mod expand;
#[path = "../../cors-macro/src/lower.rs"]
mod lower;
#[path = "../../cors-macro/src/origin_tree.rs"]
mod origin_tree;
#[path = "../../cors-macro/src/parse.rs"]
mod parse;
#[path = "../../cors-macro/src/pipeline.rs"]
mod pipeline;

use std::str::FromStr;

use libfuzzer_sys::fuzz_target;
use proc_macro2::TokenStream;
use quote::quote;

fn expands_to_rust(input: TokenStream) {
    let output = pipeline::cors(input.clone());
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
