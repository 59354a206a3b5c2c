//! The `cors!` pipeline's diagnostics, read from its output: which errors an invocation
//! gets (every one at once, none cascaded) and how they are emitted.
use proc_macro2::{TokenStream, TokenTree};
use quote::quote;

fn expand(input: TokenStream) -> TokenStream {
    cors_macro_core::expand_policy(&quote!(::cors_runtime), input)
}

/// The message of every `compile_error!` in `tokens`, in order.
fn errors(tokens: TokenStream) -> Vec<String> {
    fn walk(tokens: TokenStream, out: &mut Vec<String>) {
        let trees: Vec<TokenTree> = tokens.into_iter().collect();
        for (i, tree) in trees.iter().enumerate() {
            match tree {
                TokenTree::Ident(ident) if ident == "compile_error" => {
                    if let Some(TokenTree::Group(group)) = trees.get(i + 2) {
                        let lit: syn::LitStr = syn::parse2(group.stream()).expect("a string");
                        out.push(lit.value());
                    }
                }
                TokenTree::Group(group) => walk(group.stream(), out),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(tokens, &mut out);
    out
}

/// An edition-2015 crate has no `::core` (no `extern crate core;`): an error emitted as
/// `::core::compile_error!` would read "cannot find `core` in the crate root" there.
#[test]
fn errors_are_emitted_through_the_runtime_path() {
    for input in [
        quote!(origin: "https://a.example/"),
        quote!(pub struct Api { origin: "https://a.example/" }),
        quote!(pub struct Api { origin: "https://a.example" } extra),
    ] {
        let output = expand(input).to_string();
        assert!(!output.contains(":: core ::"), "{output}");
        assert!(
            output.contains("use :: cors_runtime :: __private :: compile_error ;"),
            "{output}"
        );
        assert!(!errors(expand(quote!(origin: "https://a.example/"))).is_empty());
    }
}
