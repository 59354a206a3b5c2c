//! Errors collected across parsing, lowering and checking, reported together.

use cors_core::Problem;
use proc_macro2::{Span, TokenStream};

/// Every error of one invocation, in the order found.
#[derive(Default)]
pub(crate) struct Errors {
    combined: Option<syn::Error>,
}

impl Errors {
    pub(crate) fn push(&mut self, problem: Problem, span: Span) {
        self.push_syn(syn::Error::new(span, problem.to_string()));
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
