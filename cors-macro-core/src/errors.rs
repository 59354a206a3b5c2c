//! Errors collected across parsing, the intake and checking, reported together.

use cors_policy_core::Violation;
use proc_macro2::{Ident, Span, TokenStream, TokenTree};

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

    /// One `compile_error!` per error, each at its own span.
    pub(crate) fn to_compile_errors(&self) -> TokenStream {
        self.combined
            .as_ref()
            .map(syn::Error::to_compile_error)
            .unwrap_or_default()
    }
}
