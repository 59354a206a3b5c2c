//! Errors collected across parsing, the intake and checking, reported together.

use cors_policy_core::Violation;
use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};

/// Where a value was written: the span of its first token and of its last, so that an
/// error on `Method::PUT` underlines the whole path (stable compilers cannot join spans).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Place {
    pub(crate) start: Span,
    pub(crate) end: Span,
}

impl Place {
    pub(crate) fn new(start: Span, end: Span) -> Self {
        Place { start, end }
    }

    /// An error spanning `start..end`.
    pub(crate) fn error(self, message: impl core::fmt::Display) -> syn::Error {
        syn::Error::new_spanned(self.tokens(), message)
    }

    /// `start..end` as two tokens, for `syn::Error::new_spanned`, which spans from the
    /// first token to the last.
    fn tokens(self) -> TokenStream {
        [
            TokenTree::Ident(Ident::new("start", self.start)),
            TokenTree::Ident(Ident::new("end", self.end)),
        ]
        .into_iter()
        .collect()
    }
}

impl From<Span> for Place {
    fn from(span: Span) -> Self {
        Place::new(span, span)
    }
}

/// Every error of one invocation, in the order found.
#[derive(Default)]
pub(crate) struct Errors {
    combined: Option<syn::Error>,
}

impl Errors {
    /// A rule's violation; one of two values (`*` and `credentials: true`) gets a second
    /// error at the other value.
    pub(crate) fn push(&mut self, violation: Violation<Place>) {
        let at = violation.at;
        self.push_syn(syn::Error::new_spanned(
            at.tokens(),
            violation.problem.to_string(),
        ));
        if let Some(related) = violation.related {
            self.push_syn(syn::Error::new_spanned(
                related.at.tokens(),
                related.message,
            ));
        }
    }

    pub(crate) fn push_syn(&mut self, error: syn::Error) {
        match &mut self.combined {
            Some(combined) => combined.combine(error),
            None => self.combined = Some(error),
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.combined.is_none()
    }

    /// One `compile_error!` per error, each at its own span, each in an anonymous `const`
    /// that imports `compile_error` from `private` (the runtime's `__private`): the errors
    /// name nothing else (no `::core`, which an edition-2015 crate cannot resolve), and
    /// each invocation is spanned as syn's `to_compile_error` spans its
    /// `::core::compile_error!`, from the error's first token to its last, with no token
    /// of the runtime path in it (whose `$crate` span would add "this error originates
    /// in the macro" to every error).
    pub(crate) fn to_compile_errors(&self, private: &TokenStream) -> TokenStream {
        let Some(combined) = &self.combined else {
            return TokenStream::new();
        };
        // Written last first: a macro named through a `use` is not resolved on rustc's
        // first pass, and the invocations put aside are retried from the last one, so
        // rustc reports these in the order found (the UI snapshots pin it).
        let mut invocations: Vec<TokenStream> = combined
            .clone()
            .into_iter()
            .map(|error| compile_error(&error))
            .collect();
        invocations.reverse();
        // Imported under a name no user crate defines: a single-segment macro name finds
        // a user's own `macro_rules! compile_error` first.
        let alias = alias(Span::call_site());
        quote::quote! {
            #(
                const _: () = {
                    use #private::compile_error as #alias;
                    #invocations
                };
            )*
        }
    }
}

/// The name `compile_error` is imported as.
fn alias(span: Span) -> Ident {
    Ident::new("__cors_compile_error", span)
}

/// `compile_error! { "..." }` spanned as syn spans its own: the name and `!` at the
/// error's first token, the braces and the message at its last.
fn compile_error(error: &syn::Error) -> TokenStream {
    // syn's own rendering holds the two spans: its first token is at the start, its
    // `{ "..." }` at the end.
    let rendered: Vec<TokenTree> = error.to_compile_error().into_iter().collect();
    let start = rendered
        .first()
        .map_or_else(Span::call_site, TokenTree::span);
    let end = rendered
        .last()
        .map_or_else(Span::call_site, TokenTree::span);
    let mut bang = Punct::new('!', Spacing::Alone);
    bang.set_span(start);
    let mut literal = Literal::string(&error.to_string());
    literal.set_span(end);
    let mut group = Group::new(Delimiter::Brace, TokenTree::Literal(literal).into());
    group.set_span(end);
    [
        TokenTree::Ident(alias(start)),
        TokenTree::Punct(bang),
        TokenTree::Group(group),
    ]
    .into_iter()
    .collect()
}
