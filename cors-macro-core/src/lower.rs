//! Parsed entries → the shared [`Intake`] (rules K1–K3 live there), places being spans.

use cors_policy_core::{Intake, Key, Raw, ValueKind, suggest_key};

use crate::errors::{Errors, Place};
use crate::parse::{Element, Entry, Invocation, Misplaced, Value};

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
                if let Value::List { missing_commas, .. } = value {
                    for error in missing_commas {
                        errors.push_syn(error.clone());
                    }
                }
                let name = unraw(key);
                let meant = Key::from_name(&name).or_else(|| suggest_key(&name));
                for violation in intake.entry_all(&name, key.span().into(), raw(meant, value)) {
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

/// `value` for the intake; `key` is the key it is given to (or meant for), if any.
fn raw(key: Option<Key>, value: &Value) -> Raw<Place> {
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
        Value::Misplaced { shape, place } => misplaced(shape, *place),
        Value::List { items, span, .. } => Raw::List(
            items.iter().map(|item| element(key, item)).collect(),
            (*span).into(),
        ),
        Value::Literal {
            literal,
            found,
            place,
        } => other_literal(key, literal, found, *place),
        Value::Other { found, place } => Raw::Other {
            found: found.clone(),
            help: Some(LITERALS_ONLY.to_owned()),
            at: *place,
        },
    }
}

/// Something of a known shape where a literal belongs, for the intake. A macro call is
/// the macro's own to explain (a configuration has none): `cors!` reads its input before
/// the call expands, so the value is out of its reach.
fn misplaced(shape: &Misplaced, at: Place) -> Raw<Place> {
    let shown = match shape {
        Misplaced::Path(segments) => return Raw::Path(segments.clone(), at),
        Misplaced::Unquoted(text) => return Raw::Unquoted(text.clone(), at),
        Misplaced::MacroCall(shown) => shown,
    };
    Raw::Other {
        found: format!("the macro call `{shown}`"),
        help: Some(format!(
            "`cors!` reads its input before `{shown}` expands, so it sees the call, not its \
             value: write the value itself, or build the policy at run time with \
             `Policy::builder()` from the environment or a configuration"
        )),
        at,
    }
}

fn element(key: Option<Key>, element: &Element) -> Raw<Place> {
    match element {
        Element::Str(literal) => string(literal),
        Element::Ident(ident) => Raw::Ident(unraw(ident), ident.span().into()),
        Element::Star(span) => Raw::Star((*span).into()),
        Element::Misplaced { shape, place } => misplaced(shape, *place),
        Element::Int {
            value,
            suffix,
            place,
        } => int(value, suffix, *place),
        Element::List(place) => Raw::List(Vec::new(), *place),
        Element::Literal {
            literal,
            found,
            place,
        } => other_literal(key, literal, found, *place),
        Element::Other { found, place } => Raw::Other {
            found: found.clone(),
            help: None,
            at: *place,
        },
    }
}

/// A literal of another kind, as a value or a list element: the wrong kind (K3), with
/// the literal it stands for as the fix.
fn other_literal(key: Option<Key>, literal: &syn::Lit, found: &str, at: Place) -> Raw<Place> {
    Raw::Other {
        found: found.to_owned(),
        help: literal_help(key, literal),
        at,
    }
}

/// The fix for a literal of another kind given to `key`: the plain literal it stands for
/// (`b"https://a.example"` → `"https://a.example"`, `600.0` → `max_age: 600`), when it
/// is of the key's kind.
// A whole float below 1e15 is exactly an `i64`.
#[allow(clippy::cast_possible_truncation)]
fn literal_help(key: Option<Key>, literal: &syn::Lit) -> Option<String> {
    let text = match literal {
        syn::Lit::ByteStr(bytes) => String::from_utf8(bytes.value()).ok(),
        syn::Lit::CStr(c) => c.value().into_string().ok(),
        syn::Lit::Char(c) => Some(c.value().to_string()),
        syn::Lit::Byte(byte) => Some(char::from(byte.value()).to_string()),
        _ => None,
    };
    let kind = key.map(Key::kind);
    match (key, kind, literal, text) {
        (Some(key), Some(ValueKind::Integer), syn::Lit::Float(float), _) => {
            let number: f64 = float.base10_digits().parse().ok()?;
            let whole = number.fract() == 0.0 && number.abs() < 1e15;
            // Only a number the key accepts is a fix (`max_age: -600.0` gets none).
            let accepted = key
                .integer_range()
                .is_some_and(|range| range.contains(&(number as i64)));
            (whole && accepted).then(|| {
                format!(
                    "`{key}` is a whole number, written without a decimal point or suffix: write `{key}: {}`",
                    number as i64
                )
            })
        }
        (Some(key), Some(ValueKind::Integer), _, Some(text)) => {
            let number: i64 = text.parse().ok()?;
            key.integer_range()?.contains(&number).then_some(())?;
            Some(format!(
                "`{key}` is a number, not a string: write `{key}: {number}`"
            ))
        }
        (Some(key), Some(ValueKind::Bool), _, Some(text)) if text == "true" || text == "false" => {
            Some(format!(
                "`{key}` is `true` or `false`: write `{key}: {text}`"
            ))
        }
        (_, None | Some(ValueKind::List), _, Some(text)) => Some(format!(
            "a policy's strings are plain string literals: write `{text:?}`"
        )),
        _ => None,
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
