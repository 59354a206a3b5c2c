//! Raw entries → [`PolicyInput`] with spans, applying the key rules K1–K3.

use cors_core::{
    At, Key, ListValue, PolicyInput, Problem, ValueKind, duplicate_key, unknown_key, wrong_kind,
};
use proc_macro2::Span;

use crate::errors::Errors;
use crate::parse::{Element, Entry, Invocation, Value};

/// The policy as written, and the keys the user tried to give (even where the attempt
/// failed: a typo, a wrong value), so that a failed attempt is not also "missing".
pub(crate) struct Lowered {
    pub(crate) input: PolicyInput<Span>,
    pub(crate) attempted: Vec<Key>,
}

/// Builds the checked-by-key input; every key problem goes to `errors`.
pub(crate) fn lower(invocation: &Invocation, errors: &mut Errors) -> Lowered {
    let mut input = PolicyInput::new(invocation.span);
    let mut attempted: Vec<Key> = Vec::new();
    let mut seen: Vec<Key> = Vec::new();
    for entry in &invocation.entries {
        let (ident, value) = match entry {
            Entry::Valid { key, value } => (key, value),
            Entry::Invalid { key, error } => {
                attempted.extend(key.as_deref().and_then(Key::from_name));
                errors.push_syn(error.clone());
                continue;
            }
        };
        let name = ident.to_string();
        let Some(key) = Key::from_name(name.trim_start_matches("r#")) else {
            attempted.extend(cors_core::suggest_key(&name));
            errors.push(unknown_key(&name), ident.span());
            continue;
        };
        attempted.push(key);
        if seen.contains(&key) {
            errors.push(duplicate_key(key), ident.span());
            continue;
        }
        seen.push(key);
        let lowered = match key.kind() {
            ValueKind::List => list_value(key, value).map(|list| set_list(&mut input, key, list)),
            ValueKind::Bool => bool_value(key, value).map(|flag| set_bool(&mut input, key, flag)),
            ValueKind::Integer => {
                int_value(key, value).map(|number| set_int(&mut input, key, number))
            }
        };
        if let Err((problem, span)) = lowered {
            errors.push(problem, span);
        }
    }
    Lowered { input, attempted }
}

type Lowering<T> = Result<T, (Problem, Span)>;

fn list_value(key: Key, value: &Value) -> Lowering<ListValue<Span>> {
    let accepts_idents = key == Key::Methods;
    match value {
        Value::Star(span) => Ok(ListValue::Any(*span)),
        Value::Str(literal) => Ok(ListValue::List {
            items: vec![At::new(literal.value(), literal.span())],
            at: literal.span(),
        }),
        Value::Ident(ident) if accepts_idents => Ok(ListValue::List {
            items: vec![At::new(ident.to_string(), ident.span())],
            at: ident.span(),
        }),
        Value::List { items, span } => {
            let items = items
                .iter()
                .map(|element| list_element(key, element))
                .collect::<Lowering<Vec<_>>>()?;
            Ok(ListValue::List { items, at: *span })
        }
        other => Err(mismatch(key, other)),
    }
}

fn list_element(key: Key, element: &Element) -> Lowering<At<String, Span>> {
    match element {
        Element::Str(literal) => Ok(At::new(literal.value(), literal.span())),
        Element::Star(span) => Ok(At::new("*".to_string(), *span)),
        Element::Ident(ident) if key == Key::Methods => {
            Ok(At::new(ident.to_string(), ident.span()))
        }
        Element::Ident(ident) => {
            let problem = wrong_kind(key, &format!("the identifier `{ident}`")).help(format!(
                "write it as a string: `\"{}\"`",
                ident.to_string().replace('_', "-")
            ));
            Err((problem, ident.span()))
        }
        Element::Other { found, span } => Err((wrong_kind(key, found), *span)),
    }
}

fn bool_value(key: Key, value: &Value) -> Lowering<At<bool, Span>> {
    match value {
        Value::Bool(literal) => Ok(At::new(literal.value, literal.span)),
        other => Err(mismatch(key, other)),
    }
}

fn int_value(key: Key, value: &Value) -> Lowering<At<i64, Span>> {
    match value {
        // Too large for i64: still a number, so the range rule (A1, S1) explains it.
        Value::Int { value, span } => Ok(At::new(*value.as_ref().unwrap_or(&i64::MAX), *span)),
        other => Err(mismatch(key, other)),
    }
}

/// K3, naming what was found.
fn mismatch(key: Key, value: &Value) -> (Problem, Span) {
    let (found, span) = match value {
        Value::Star(span) => ("`*`".to_string(), *span),
        Value::List { span, .. } => ("a list".to_string(), *span),
        Value::Str(literal) => (format!("the string {:?}", literal.value()), literal.span()),
        Value::Bool(literal) => (format!("`{}`", literal.value), literal.span),
        Value::Int { span, .. } => ("a number".to_string(), *span),
        Value::Ident(ident) => (format!("`{ident}`"), ident.span()),
        Value::Other { found, span } => (found.clone(), *span),
    };
    let mut problem = wrong_kind(key, &found);
    if let (Value::Str(literal), ValueKind::Integer | ValueKind::Bool) = (value, key.kind()) {
        problem = problem.help(format!("remove the quotes: `{key}: {}`", literal.value()));
    } else if let (Value::Ident(ident), ValueKind::List) = (value, key.kind()) {
        problem = problem.help(format!("write a list: `{key}: [{ident}]`"));
    } else if let Value::Other { .. } = value {
        problem = problem.help(
            "the policy is checked at compile time: its values are literals, written in place",
        );
    }
    (problem, span)
}

fn set_list(input: &mut PolicyInput<Span>, key: Key, list: ListValue<Span>) {
    let slot = match key {
        Key::Origin => &mut input.origin,
        Key::Methods => &mut input.methods,
        Key::AllowHeaders => &mut input.allow_headers,
        Key::ExposeHeaders => &mut input.expose_headers,
        _ => unreachable!("{key} is not a list key"),
    };
    *slot = Some(list);
}

fn set_bool(input: &mut PolicyInput<Span>, key: Key, flag: At<bool, Span>) {
    let slot = match key {
        Key::Credentials => &mut input.credentials,
        Key::PrivateNetwork => &mut input.private_network,
        Key::PreflightContinue => &mut input.preflight_continue,
        Key::DangerouslyAllowNullOrigin => &mut input.dangerously_allow_null_origin,
        Key::DangerouslyAllowInsecureOrigins => &mut input.dangerously_allow_insecure_origins,
        Key::CrossOriginProtection => &mut input.cross_origin_protection,
        _ => unreachable!("{key} is not a bool key"),
    };
    *slot = Some(flag);
}

fn set_int(input: &mut PolicyInput<Span>, key: Key, number: At<i64, Span>) {
    let slot = match key {
        Key::MaxAge => &mut input.max_age,
        Key::PreflightStatus => &mut input.preflight_status,
        _ => unreachable!("{key} is not an integer key"),
    };
    *slot = Some(number);
}
