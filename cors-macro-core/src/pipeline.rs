//! The whole pipeline over `proc_macro2` tokens: parse → intake (K1–K3) → check (every
//! other rule) → expand. It runs outside a compiler too (the fuzz target, the expansion
//! snapshots), and never panics, whatever the tokens.

use proc_macro2::{Ident, Span, TokenStream, TokenTree};
use quote::quote;
use syn::parse::ParseStream;
use syn::punctuated::Punctuated;
use syn::{Attribute, Meta, Token};

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
    let private = quote!(#runtime::__private);
    let mut errors = Errors::default();
    let invocation = match syn::parse2::<Invocation>(input) {
        Ok(invocation) => invocation,
        Err(error) => {
            errors.push_syn(error);
            return errors.to_compile_errors(&private);
        }
    };
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
    let mut invocation = invocation;
    if let Some(item) = &mut invocation.item {
        item.attrs = without_given_derives(core::mem::take(&mut item.attrs), &mut errors);
    }
    let compiled = compiled.filter(|_| errors.is_empty());
    expand(&private, &invocation, compiled.as_ref(), &errors)
}

/// The traits the expansion derives or implements for a policy type.
const GIVEN_TRAITS: [&str; 7] = [
    "Clone",
    "Copy",
    "Default",
    "PartialEq",
    "Eq",
    "Hash",
    "Debug",
];

/// The item's attributes, less the `#[derive(...)]` entries naming a trait the expansion
/// already gives the type, `#[cfg_attr(..., derive(...))]` included: each would be a
/// second implementation (rustc's E0119, on code the user never wrote), so each is said
/// here, on its name, and left out.
fn without_given_derives(attrs: Vec<Attribute>, errors: &mut Errors) -> Vec<Attribute> {
    attrs
        .into_iter()
        .flat_map(|attr| match without_given(&attr.meta, errors) {
            Kept::Same => vec![attr],
            Kept::Gone => Vec::new(),
            // The other derives stay, written again without the given ones.
            Kept::Rewritten(meta) => {
                syn::parse::Parser::parse2(Attribute::parse_outer, quote!(#[#meta]))
                    .unwrap_or_default()
            }
        })
        .collect()
}

/// What is left of an attribute once the given traits are out of its derives.
enum Kept {
    Same,
    Gone,
    Rewritten(TokenStream),
}

fn without_given(meta: &Meta, errors: &mut Errors) -> Kept {
    let Meta::List(list) = meta else {
        return Kept::Same;
    };
    if list.path.is_ident("derive") {
        let Ok(paths) = list.parse_args_with(Punctuated::<syn::Path, Token![,]>::parse_terminated)
        else {
            // Not a list of paths: rustc says what is wrong with it.
            return Kept::Same;
        };
        let (given, kept): (Vec<_>, Vec<_>) = paths.into_iter().partition(|path| {
            path.segments
                .last()
                .is_some_and(|last| GIVEN_TRAITS.iter().any(|name| last.ident == name))
        });
        for path in &given {
            errors.push_syn(syn::Error::new_spanned(
                path,
                format!(
                    "`cors!` already gives the policy type `{}` (it gives it {}): remove it from this `derive`",
                    path.segments.last().map(|last| last.ident.to_string()).unwrap_or_default(),
                    GIVEN_TRAITS.join(", ")
                ),
            ));
        }
        let path = &list.path;
        return match (given.is_empty(), kept.is_empty()) {
            (true, _) => Kept::Same,
            (false, true) => Kept::Gone,
            (false, false) => Kept::Rewritten(quote!(#path(#(#kept),*))),
        };
    }
    if list.path.is_ident("cfg_attr") {
        let Ok((predicate, inner)) = list.parse_args_with(cfg_attr_args) else {
            return Kept::Same;
        };
        let mut changed = false;
        let mut left = Vec::new();
        for meta in &inner {
            match without_given(meta, errors) {
                Kept::Same => left.push(quote!(#meta)),
                Kept::Gone => changed = true,
                Kept::Rewritten(tokens) => {
                    changed = true;
                    left.push(tokens);
                }
            }
        }
        let path = &list.path;
        return match (changed, left.is_empty()) {
            (false, _) => Kept::Same,
            (true, true) => Kept::Gone,
            (true, false) => Kept::Rewritten(quote!(#path(#predicate, #(#left),*))),
        };
    }
    Kept::Same
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
    // What `{:?}` names: the item as declared (`r#Match` is `Match`), or `CorsPolicy`
    // for the expression form's unnamed type.
    let shown = match &invocation.item {
        Some(item) => syn::ext::IdentExt::unraw(&item.ident).to_string(),
        None => "CorsPolicy".to_owned(),
    };
    // The item's `#[cfg]`s go on its implementations too (a type left out takes them
    // with it), and its own `#[deprecated]` is not a warning in code the user never wrote.
    let outer = match &invocation.item {
        Some(item) => {
            let cfgs = item.attrs.iter().filter_map(only_cfg);
            quote!(#(#cfgs)* #[allow(deprecated)])
        }
        None => TokenStream::new(),
    };
    let body = match policy {
        Some(policy) => expand::policy_impl(private, &name, &shown, policy, &outer),
        None => expand::placeholder_impl(private, &name, &outer),
    };
    let compile_errors = errors.to_compile_errors(private);
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

/// An attribute's configuration part: a `#[cfg(...)]` as it is, the `cfg`s inside a
/// `#[cfg_attr(predicate, ...)]` under the same predicate; `None` when it has none (a
/// `cfg_attr` adding a `derive` or a lint level belongs to the type alone).
fn only_cfg(attr: &Attribute) -> Option<TokenStream> {
    let meta = cfg_part(&attr.meta)?;
    Some(quote!(#[#meta]))
}

/// `cfg(...)`, or `cfg_attr(predicate, ...)` holding only its `cfg` parts, as tokens.
fn cfg_part(meta: &Meta) -> Option<TokenStream> {
    if meta.path().is_ident("cfg") {
        return Some(quote!(#meta));
    }
    let Meta::List(list) = meta else {
        return None;
    };
    if !list.path.is_ident("cfg_attr") {
        return None;
    }
    let (predicate, inner) = list.parse_args_with(cfg_attr_args).ok()?;
    let inner: Vec<TokenStream> = inner.iter().filter_map(cfg_part).collect();
    if inner.is_empty() {
        return None;
    }
    let path = &list.path;
    Some(quote!(#path(#predicate, #(#inner),*)))
}

/// `predicate, attr, attr...`: the arguments of `cfg_attr`.
fn cfg_attr_args(input: ParseStream<'_>) -> syn::Result<(Meta, Punctuated<Meta, Token![,]>)> {
    let predicate: Meta = input.parse()?;
    input.parse::<Token![,]>()?;
    Ok((predicate, Punctuated::parse_terminated(input)?))
}
