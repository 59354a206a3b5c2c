//! Parsed entries → the shared [`Intake`] (rules K1–K3 live there), places being spans.

use cors_policy_core::{Intake, Raw};

use crate::errors::{Errors, Place};
use crate::parse::{Element, Entry, Invocation, Value};

/// Feeds every entry to a fresh intake; every key problem and syntax error goes to
/// `errors`, in source order.
pub(crate) fn lower(invocation: &Invocation, errors: &mut Errors) -> Intake<Place> {
    let mut intake = Intake::new(Place::from(invocation.span));
    for entry in &invocation.entries {
        match entry {
            Entry::Valid { key, .. } => intake.will_give(&unraw(key)),
            Entry::Invalid { key, .. } => intake.will_give(key.as_deref().unwrap_or_default()),
        }
    }
    for entry in &invocation.entries {
        match entry {
            Entry::Valid { key, value } => {
                for violation in intake.entry_all(&unraw(key), key.span().into(), raw(value)) {
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

/// An identifier as the policy means it: `r#PUT` is the method `PUT`, `r#origin` the key
/// `origin` (a raw identifier's `r#` is Rust's, not the policy's).
fn unraw(ident: &proc_macro2::Ident) -> String {
    syn::ext::IdentExt::unraw(ident).to_string()
}

/// Advice for what a policy value cannot be in `cors!`.
const LITERALS_ONLY: &str =
    "the policy is checked at compile time: its values are literals, written in place";

fn raw(value: &Value) -> Raw<Place> {
    match value {
        Value::Star(span) => Raw::Star((*span).into()),
        Value::Str(literal) => string(literal),
        Value::Bool(literal) => Raw::Bool(literal.value, literal.span.into()),
        Value::Int {
            value,
            suffix,
            place,
        } => int(value, suffix, *place),
        Value::Ident(ident) => Raw::Ident(unraw(ident), ident.span().into()),
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
        Element::Str(literal) => string(literal),
        Element::Ident(ident) => Raw::Ident(unraw(ident), ident.span().into()),
        Element::Star(span) => Raw::Star((*span).into()),
        Element::Path { segments, place } => Raw::Path(segments.clone(), *place),
        Element::Other { found, place } => Raw::Other {
            found: found.clone(),
            help: None,
            at: *place,
        },
    }
}

/// A string literal; with a suffix (`"https://a.test"x`, which Rust accepts and
/// ignores), not a plain string: the wrong kind of value, said so (K3).
fn string(literal: &syn::LitStr) -> Raw<Place> {
    if literal.suffix().is_empty() {
        return Raw::Str(literal.value(), literal.span().into());
    }
    Raw::Other {
        found: format!("the literal `{}`", literal.token()),
        help: Some(format!(
            "remove the suffix `{}`: a policy's strings are plain",
            literal.suffix()
        )),
        at: literal.span().into(),
    }
}

fn int(value: &i64, suffix: &str, place: Place) -> Raw<Place> {
    Raw::Int {
        value: *value,
        suffix: suffix.to_owned(),
        at: place,
    }
}
