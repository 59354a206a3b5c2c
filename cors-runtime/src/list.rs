//! Filling the list keys (`origin`, `methods`, `allow_headers`, `expose_headers`) of a
//! runtime configuration entry by entry, each entry with its place.

use cors_policy_core::{At, Key, ListValue, Problem, wrong_kind};

use crate::Location;

/// Appends `values` to the list key `key`, placing each at `key[n]`, where `n` counts the
/// entries given for that key so far, a file's one-string `origin = "…"` (placed at the
/// key) included; entries from an environment variable are counted apart, under the
/// variable's name.
pub(crate) fn push_entries<I>(slot: &mut Option<ListValue<Location>>, key: Key, values: I)
where
    I: IntoIterator,
    I::Item: Into<String>,
{
    let items = items_of(slot, Location::key(key));
    // Counted once per call, not per entry: a list of thousands builds in linear time.
    let given = items
        .iter()
        .filter(|item| !matches!(&item.at, Location::EnvEntry(..)))
        .count();
    for (index, value) in (given..).zip(values) {
        items.push(At::new(value.into(), Location::entry(key.name(), index)));
    }
}

/// Appends the comma-separated entries of the environment variable `var` to `slot`,
/// placing each at `$var[n]`. Entries are trimmed and empty ones skipped, so
/// `"https://a.example, https://b.example,"` is two origins. An unset variable adds
/// nothing, but still counts as the key being given: a policy whose only origins come
/// from it is then reported as having an empty `origin` (rule O1) at `$var`.
///
/// A value that is not UTF-8 cannot hold an origin: that is the problem returned.
pub(crate) fn push_env(
    slot: &mut Option<ListValue<Location>>,
    key: Key,
    var: &str,
) -> Option<(Problem, Location)> {
    let text = match std::env::var(var) {
        Ok(text) => text,
        Err(std::env::VarError::NotPresent) => String::new(),
        Err(std::env::VarError::NotUnicode(_)) => {
            return Some((
                wrong_kind(key, "a value that is not valid UTF-8"),
                Location::Env(var.to_owned()),
            ));
        }
    };
    let items = items_of(slot, Location::Env(var.to_owned()));
    let entries = text
        .split(',')
        .map(str::trim)
        .filter(|entry| !entry.is_empty());
    for (index, entry) in entries.enumerate() {
        items.push(At::new(
            entry.to_owned(),
            Location::EnvEntry(var.to_owned(), index),
        ));
    }
    None
}

/// The entries of `slot`, creating the list (placed at `at`) when the key was not given
/// yet. A bare `*` (only a configuration file writes one) becomes the entry `*`, which
/// the rules treat the same.
fn items_of(
    slot: &mut Option<ListValue<Location>>,
    at: Location,
) -> &mut Vec<At<String, Location>> {
    let list = match slot.take() {
        None => ListValue::List {
            items: Vec::new(),
            at,
        },
        Some(ListValue::Any(at)) => ListValue::List {
            items: vec![At::new("*".to_owned(), at.clone())],
            at,
        },
        Some(list) => list,
    };
    match slot.insert(list) {
        ListValue::List { items, .. } => items,
        ListValue::Any(_) => unreachable!("a bare `*` was turned into a list above"),
    }
}
