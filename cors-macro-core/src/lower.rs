//! Parsed entries → the shared [`Intake`] (rules K1–K3 live there), places being spans.

use cors_policy_core::{Intake, Raw};
use proc_macro2::Span;

use crate::errors::{Errors, Place};
use crate::parse::{Element, Entry, Invocation, Value};

/// Feeds every entry to a fresh intake; every key problem and syntax error goes to
/// `errors`, in source order.
pub(crate) fn lower(invocation: &Invocation, errors: &mut Errors) -> Intake<Place> {
    let mut intake = Intake::new(Place::from(invocation.span));
    for entry in &invocation.entries {
        match entry {
            Entry::Valid { key, value } => {
                let name = key.to_string();
                let name = name.trim_start_matches("r#");
                if let Err(violation) = intake.entry(name, key.span().into(), raw(value)) {
                    errors.push(violation);
                }
            }
            Entry::Invalid { key, error } => {
                intake.unreadable(key.as_deref());
                errors.push_syn(error.clone());
            }
        }
    }
    intake
}

/// Advice for what a policy value cannot be in `cors!`.
const LITERALS_ONLY: &str =
    "the policy is checked at compile time: its values are literals, written in place";

fn raw(value: &Value) -> Raw<Place> {
    match value {
        Value::Star(span) => Raw::Star((*span).into()),
        Value::Str(literal) => Raw::Str(literal.value(), literal.span().into()),
        Value::Bool(literal) => Raw::Bool(literal.value, literal.span.into()),
        Value::Int {
            value,
            suffix,
            span,
        } => int(value, suffix, *span),
        Value::Ident(ident) => Raw::Ident(ident.to_string(), ident.span().into()),
        Value::Path { segments, place } => Raw::Path(segments.clone(), *place),
        Value::List { items, span } => {
            Raw::List(items.iter().map(element).collect(), (*span).into())
        }
        Value::Other { found, place } => Raw::Other {
            found: found.clone(),
            help: Some(LITERALS_ONLY.to_owned()),
            at: *place,
        },
    }
}

fn element(element: &Element) -> Raw<Place> {
    match element {
        Element::Str(literal) => Raw::Str(literal.value(), literal.span().into()),
        Element::Ident(ident) => Raw::Ident(ident.to_string(), ident.span().into()),
        Element::Star(span) => Raw::Star((*span).into()),
        Element::Path { segments, place } => Raw::Path(segments.clone(), *place),
        Element::Other { found, place } => Raw::Other {
            found: found.clone(),
            help: None,
            at: *place,
        },
    }
}

/// Too large for `i64`: still a number, so the range rule (A1, S1) explains it.
fn int(value: &Result<i64, syn::Error>, suffix: &str, span: Span) -> Raw<Place> {
    Raw::Int {
        value: *value.as_ref().unwrap_or(&i64::MAX),
        suffix: suffix.to_owned(),
        at: span.into(),
    }
}
