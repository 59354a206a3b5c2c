//! The whole pipeline over `proc_macro2` tokens: parse → intake (K1–K3) → check (every
//! other rule) → expand. It runs outside a compiler too (the fuzz target, the expansion
//! snapshots), and never panics, whatever the tokens.

use proc_macro2::{Ident, Span, TokenStream, TokenTree};
use quote::quote;

use crate::errors::Errors;
use crate::expand;
use crate::lower;
use crate::parse::Invocation;

/// What `cors_runtime::cors!` hands the proc-macro: the path of the runtime crate
/// (`$crate`, so that a renamed or re-exported dependency works), `;`, then the policy.
///
/// ```
/// let output = cors_macro_core::expand_invocation(quote::quote!(::cors_runtime; origin: "https://a.example")).to_string();
/// assert!(output.contains(":: cors_runtime :: __private :: CorsPolicy"), "{output}");
/// ```
pub fn expand_invocation(input: TokenStream) -> TokenStream {
    let mut trees = input.into_iter();
    let mut runtime = TokenStream::new();
    loop {
        match trees.next() {
            Some(TokenTree::Punct(punct)) if punct.as_char() == ';' => break,
            Some(tree) => runtime.extend([tree]),
            None => {
                return syn::Error::new(
                    Span::call_site(),
                    "this macro is internal: use `cors_runtime::cors!`",
                )
                .to_compile_error();
            }
        }
    }
    expand_policy(&runtime, trees.collect())
}

/// The tokens of a `cors!` invocation → the policy's code, or its errors and a
/// placeholder; `runtime` is the path of the runtime crate (`::cors_runtime`, `$crate`).
///
/// ```
/// let output = cors_macro_core::expand_policy(
///     &quote::quote!(::cors_runtime),
///     quote::quote!(origin: "https://a.example/"),
/// );
/// assert!(output.to_string().contains("compile_error"));
/// ```
pub fn expand_policy(runtime: &TokenStream, input: TokenStream) -> TokenStream {
    let invocation = match syn::parse2::<Invocation>(input) {
        Ok(invocation) => invocation,
        Err(error) => return error.to_compile_error(),
    };
    let mut errors = Errors::default();
    let intake = lower::lower(&invocation, &mut errors);
    let compiled = match intake.finish() {
        Ok(policy) => Some(policy),
        Err(violations) => {
            for violation in violations {
                errors.push(violation);
            }
            None
        }
    };
    let compiled = compiled.filter(|_| errors.is_empty());
    let private = quote!(#runtime::__private);
    expand(&private, &invocation, compiled.as_ref(), &errors)
}

/// The item or expression, with the real policy, or with the placeholder and the errors.
fn expand(
    private: &TokenStream,
    invocation: &Invocation,
    policy: Option<&cors_policy_core::CompiledPolicy>,
    errors: &Errors,
) -> TokenStream {
    let name = match &invocation.item {
        Some(item) => item.ident.clone(),
        None => Ident::new("__CorsPolicy", Span::mixed_site()),
    };
    let body = match policy {
        Some(policy) => expand::policy_impl(private, &name, policy),
        None => expand::placeholder_impl(private, &name),
    };
    let compile_errors = errors.to_compile_errors();
    let derives = quote! {
        #[derive(
            #private::Clone,
            #private::Copy,
            #private::Default,
            #private::PartialEq,
            #private::Eq,
            #private::Hash
        )]
    };
    match &invocation.item {
        Some(item) => {
            let attrs = &item.attrs;
            let vis = &item.vis;
            quote! {
                #compile_errors
                #(#attrs)*
                #derives
                #vis struct #name;
                #body
            }
        }
        None => quote! {
            {
                #compile_errors
                #derives
                struct #name;
                #body
                #name
            }
        },
    }
}
