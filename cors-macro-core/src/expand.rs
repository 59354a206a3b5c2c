//! [`CompiledPolicy`] → a zero-sized type implementing `CorsPolicy` with constant
//! settings and matchers compiled to byte comparisons.

use cors_policy_core::{
    AllowHeaders, CompiledPolicy, CorsPolicy, HostPattern, Methods, Origins, PortPattern,
};
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

use crate::origin_tree::exact_origin_matcher;

/// A name the generated code binds (an argument, a local): one no user crate defines.
/// Hygiene does not cover constants: with a user's `const origin` in scope, an argument
/// named `origin` would be that constant as a pattern, and fail to compile.
pub(crate) fn local(name: &str) -> Ident {
    Ident::new(&format!("__cors_{name}"), Span::call_site())
}

/// `[u8]`, for calling its methods by path: `<[u8]>::len(name)`. Methods are called by
/// path, never with method-call syntax, which resolves in the user's scope, where an
/// extension trait's by-value method (say a blanket `fn matches(self, ..) -> bool`) is
/// found before an inherent `&self` one. The element type is a path too: a user's
/// `struct u8` shadows the bare name.
pub(crate) fn byte_slice(private: &TokenStream) -> TokenStream {
    quote!([#private::primitive::u8])
}

/// The `impl CorsPolicy for #name` and `Debug` blocks, inside one anonymous `const`
/// that also holds the settings, written once, with the attributes `outer` (the item's
/// `#[cfg]`s) on it. Every path starts at `private` (the runtime's `__private`), so
/// nothing depends on the user's prelude or edition.
pub(crate) fn policy_impl(
    private: &TokenStream,
    name: &Ident,
    shown: &str,
    policy: &CompiledPolicy,
    outer: &TokenStream,
) -> TokenStream {
    let allows_origin = origin_body(private, policy);
    let allows_method = method_body(private, policy);
    let allows_request_header = request_header_body(private, policy);
    let settings = settings_expr(private, policy);
    let (summary, multiline) = summary(shown, policy);
    let (summary, multiline) = (Literal::string(&summary), Literal::string(&multiline));
    let (origin, method, header, f) = (local("origin"), local("method"), local("name"), local("f"));
    // Primitive types by path: a user's `struct u8` or `struct bool` shadows the bare
    // names.
    let (bytes, boolean) = (
        quote!(#private::primitive::u8),
        quote!(#private::primitive::bool),
    );
    quote! {
        #outer
        const _: () = {
            const SETTINGS: #private::Settings<'static> = #settings;
            #[automatically_derived]
            impl #private::CorsPolicy for #name {
                #[inline]
                fn allows_origin(&self, #origin: &[#bytes]) -> #boolean {
                    #allows_origin
                }
                #[inline]
                fn allows_method(&self, #method: &[#bytes]) -> #boolean {
                    #allows_method
                }
                #[inline]
                fn allows_request_header(&self, #header: &[#bytes]) -> #boolean {
                    #allows_request_header
                }
                #[inline]
                fn settings(&self) -> #private::Settings<'_> {
                    SETTINGS
                }
                #[inline]
                fn static_settings(&self) -> #private::Option<#private::Settings<'static>> {
                    #private::Option::Some(SETTINGS)
                }
            }
            #[automatically_derived]
            impl #private::fmt::Debug for #name {
                fn fmt(&self, #f: &mut #private::fmt::Formatter<'_>) -> #private::fmt::Result {
                    #private::fmt::Formatter::write_str(
                        #f,
                        if #private::fmt::Formatter::alternate(#f) { #multiline } else { #summary },
                    )
                }
            }
        };
    }
}

/// What an invalid policy expands to: a policy type that refuses everything, so code
/// using it still type-checks and only the policy's own errors are shown; `outer` (the
/// item's `#[cfg]`s) goes on each implementation.
pub(crate) fn placeholder_impl(
    private: &TokenStream,
    name: &Ident,
    outer: &TokenStream,
) -> TokenStream {
    let f = local("f");
    let (bytes, boolean) = (
        quote!(#private::primitive::u8),
        quote!(#private::primitive::bool),
    );
    quote! {
        #outer
        #[automatically_derived]
        impl #private::CorsPolicy for #name {
            fn allows_origin(&self, _: &[#bytes]) -> #boolean { false }
            fn allows_method(&self, _: &[#bytes]) -> #boolean { false }
            fn allows_request_header(&self, _: &[#bytes]) -> #boolean { false }
            fn settings(&self) -> #private::Settings<'_> {
                #private::Settings::DEFAULT
            }
        }
        #outer
        #[automatically_derived]
        impl #private::fmt::Debug for #name {
            fn fmt(&self, #f: &mut #private::fmt::Formatter<'_>) -> #private::fmt::Result {
                #private::fmt::Formatter::write_str(#f, "InvalidCorsPolicy")
            }
        }
    }
}

fn origin_body(private: &TokenStream, policy: &CompiledPolicy) -> TokenStream {
    let origin = local("origin");
    let (exact, patterns) = match policy.origins() {
        // Never called: the engine answers `*` policies without asking.
        Origins::Any => return quote!(let _ = #origin; true),
        Origins::List { exact, patterns } => (exact, patterns),
    };
    let exact = exact_origin_matcher(private, exact);
    let patterns = patterns.iter().map(|pattern| {
        let pattern = pattern.as_pattern();
        let scheme = pattern.scheme;
        let host = match pattern.host {
            HostPattern::Exact(host) => quote!(#private::HostPattern::Exact(#host)),
            HostPattern::Subdomains(domain) => quote!(#private::HostPattern::Subdomains(#domain)),
        };
        let port = match pattern.port {
            PortPattern::Default => quote!(#private::PortPattern::Default),
            PortPattern::Exact(port) => quote!(#private::PortPattern::Exact(#port)),
            PortPattern::Any => quote!(#private::PortPattern::Any),
        };
        quote! {
            || #private::OriginPattern::matches(
                &#private::OriginPattern { scheme: #scheme, host: #host, port: #port },
                #origin,
            )
        }
    });
    quote!((#exact) #(#patterns)*)
}

fn method_body(private: &TokenStream, policy: &CompiledPolicy) -> TokenStream {
    let method = local("method");
    match policy.methods() {
        Methods::Any => quote!(#private::is_token(#method)),
        Methods::List(methods) if methods.is_empty() => quote!(let _ = #method; false),
        Methods::List(methods) => {
            let literals = methods
                .iter()
                .map(|method| Literal::byte_string(method.as_bytes()));
            // A `match`, not `matches!`: a user's own `matches!` could be in scope.
            quote! {
                match #method {
                    #(#literals)|* => true,
                    _ => false,
                }
            }
        }
    }
}

/// Canonical (lowercase) names match in one `match`; other spellings fall back to a
/// case-insensitive comparison among the names of the same length.
fn request_header_body(private: &TokenStream, policy: &CompiledPolicy) -> TokenStream {
    let header = local("name");
    let slice = byte_slice(private);
    match policy.allow_headers() {
        AllowHeaders::Any { authorization } => quote! {
            #private::is_token(#header)
                && (#authorization || !<#slice>::eq_ignore_ascii_case(#header, b"authorization"))
        },
        AllowHeaders::List(names) if names.is_empty() => quote!(let _ = #header; false),
        AllowHeaders::List(names) => {
            let literals = names
                .iter()
                .map(|name| Literal::byte_string(name.as_bytes()));
            let mut lengths: Vec<usize> = names.iter().map(String::len).collect();
            lengths.sort_unstable();
            lengths.dedup();
            let arms = lengths.iter().map(|&len| {
                let same_length = names
                    .iter()
                    .filter(|name| name.len() == len)
                    .map(|name| Literal::byte_string(name.as_bytes()));
                let len = Literal::usize_unsuffixed(len);
                quote!(#len => #(<#slice>::eq_ignore_ascii_case(#header, #same_length))||*,)
            });
            quote! {
                match #header {
                    #(#literals)|* => true,
                    _ => match <#slice>::len(#header) {
                        #(#arms)*
                        _ => false,
                    },
                }
            }
        }
    }
}

fn settings_expr(private: &TokenStream, policy: &CompiledPolicy) -> TokenStream {
    let settings = policy.settings();
    let optional = |value: Option<&str>| match value {
        Some(text) => quote!(#private::Option::Some(#text)),
        None => quote!(#private::Option::None),
    };
    let any_origin = settings.any_origin;
    let credentials = settings.credentials;
    let allow_methods = optional(settings.allow_methods);
    let allow_headers = optional(settings.allow_headers);
    let expose_headers = optional(settings.expose_headers);
    let max_age = optional(settings.max_age);
    let private_network = settings.private_network;
    let preflight_status = settings.preflight_status;
    let preflight_continue = settings.preflight_continue;
    let cross_origin_protection = settings.cross_origin_protection;
    quote! {
        #private::Settings {
            any_origin: #any_origin,
            credentials: #credentials,
            allow_methods: #allow_methods,
            allow_headers: #allow_headers,
            expose_headers: #expose_headers,
            max_age: #max_age,
            private_network: #private_network,
            preflight_status: #preflight_status,
            preflight_continue: #preflight_continue,
            cross_origin_protection: #cross_origin_protection,
        }
    }
}

/// `Name { origin: [...], ... }`, in the policy language: what `{:?}` prints, and one key
/// per line for `{:#?}`. The text is cors-policy-core's, which runtime policies print too.
fn summary(name: &str, policy: &CompiledPolicy) -> (String, String) {
    let text = policy.text(name);
    (text.to_string(), format!("{text:#}"))
}
