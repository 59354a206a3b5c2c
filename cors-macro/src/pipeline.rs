//! The whole pipeline over `proc_macro2` tokens, so that it can run outside a compiler
//! (the fuzz target includes this crate's modules and calls [`cors`]).

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::errors::Errors;
use crate::parse::Invocation;
use crate::{expand, lower};

/// Tokens of a `cors!` invocation → the policy's code, or its errors and a placeholder.
/// Never panics, whatever the tokens.
pub(crate) fn cors(input: TokenStream) -> TokenStream {
    let invocation = match syn::parse2::<Invocation>(input) {
        Ok(invocation) => invocation,
        Err(error) => return error.to_compile_error(),
    };
    let mut errors = Errors::default();
    let lowered = lower::lower(&invocation, &mut errors);
    let compiled = match cors_core::check(&lowered.input) {
        Ok(policy) => Some(policy),
        Err(violations) => {
            // An `origin` the user wrote but that could not be read is reported where it
            // stands; saying it is also missing would be a cascade.
            let origin_reported = lowered.input.origin.is_none()
                && lowered.attempted.contains(&cors_core::Key::Origin);
            for violation in violations {
                if !(origin_reported && violation.rule() == cors_core::Rule::O1) {
                    errors.push(violation.problem, violation.at);
                }
            }
            None
        }
    };
    let compiled = compiled.filter(|_| errors.is_empty());
    expand(&invocation, compiled.as_ref(), &errors)
}

/// The item or expression, with the real policy, or with the placeholder and the errors.
fn expand(
    invocation: &Invocation,
    policy: Option<&cors_core::CompiledPolicy>,
    errors: &Errors,
) -> TokenStream {
    let name = match &invocation.item {
        Some(item) => item.ident.clone(),
        None => Ident::new("__CorsPolicy", Span::mixed_site()),
    };
    let body = match policy {
        Some(policy) => expand::policy_impl(&name, policy),
        None => placeholder_impl(&name),
    };
    let compile_errors = errors.to_compile_errors();
    let derives = quote!(#[derive(::core::clone::Clone, ::core::marker::Copy, ::core::default::Default, ::core::cmp::PartialEq, ::core::cmp::Eq, ::core::hash::Hash)]);
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

/// What an invalid policy expands to: a policy type that refuses everything, so code
/// using it still type-checks and only the policy's own errors are shown.
fn placeholder_impl(name: &Ident) -> TokenStream {
    quote! {
        impl ::cors_runtime::__private::CorsPolicy for #name {
            fn allows_origin(&self, _: &[u8]) -> bool { false }
            fn allows_method(&self, _: &[u8]) -> bool { false }
            fn allows_request_header(&self, _: &[u8]) -> bool { false }
            fn settings(&self) -> ::cors_runtime::__private::Settings<'_> {
                ::cors_runtime::__private::Settings::DEFAULT
            }
        }
        impl ::core::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str("InvalidCorsPolicy")
            }
        }
    }
}
