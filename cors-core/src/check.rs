//! From [`PolicyInput`] to [`CompiledPolicy`]: the list-level rules (O1–O3, O10, O13,
//! O14, M3, M4, H4, H5, E3, E5, A1, S1, P1) here, each entry's own rules in its parser
//! (origin.rs, host.rs, method.rs, header.rs); every [`Rule`] variant names where it is
//! raised. All violations are collected so the user sees them together.

use std::collections::{HashMap, HashSet};
use std::hash::Hash;

use crate::header::{HeaderEntry, parse_exposed_header, parse_request_header};
use crate::input::{At, ListValue, PolicyInput};
use crate::key::Key;
use crate::method::{MethodEntry, parse_method};
use crate::model::{AllowHeaders, CompiledPolicy, ExposeHeaders, Methods, OptIns, Origins, Parts};
use crate::origin::{OriginEntry, OwnedPattern, parse_origin, passing_fix};
use crate::rule::{Problem, Rule, Violation};

/// Checks a policy against every rule.
///
/// Returns the compiled policy, or every violation found, one per offending value (a
/// value with several problems reports the first), ordered by key in documentation
/// order ([`Key::ALL`]) and within a list key by entry. [`check_in_order`] orders the
/// keys as they were written instead.
///
/// # Example
///
/// ```
/// use cors_policy_core::{check, At, ListValue, PolicyInput, Rule};
///
/// let mut input = PolicyInput::new(());
/// input.origin = Some(ListValue::Any(()));
/// input.credentials = Some(At::new(true, ()));
/// let errors = check(&input).unwrap_err();
/// assert_eq!(errors.len(), 1);
/// assert_eq!(errors[0].rule(), Rule::O3);
/// ```
pub fn check<L: Clone>(input: &PolicyInput<L>) -> Result<CompiledPolicy, Vec<Violation<L>>> {
    check_in_order(input, Key::ALL)
}

/// [`check`], with the violations ordered by key as `order` lists them (the order the
/// keys were written in; keys not in it come last, in documentation order), then by
/// entry within a list key.
///
/// ```
/// use cors_policy_core::{check_in_order, At, Key, PolicyInput, Rule};
///
/// let mut input = PolicyInput::new(());
/// input.max_age = Some(At::new(-1, ()));
/// let errors = check_in_order(&input, &[Key::MaxAge, Key::Origin]).unwrap_err();
/// let rules: Vec<Rule> = errors.iter().map(|v| v.rule()).collect();
/// assert_eq!(rules, [Rule::A1, Rule::O1]);
/// ```
pub fn check_in_order<L: Clone>(
    input: &PolicyInput<L>,
    order: &[Key],
) -> Result<CompiledPolicy, Vec<Violation<L>>> {
    let mut cx = Context {
        violations: Vec::new(),
        key: Key::Origin,
    };
    // The `credentials: true` that rules some values out, with its place.
    let credentials_at = input.credentials.as_ref().filter(|flag| flag.value);
    let credentials = credentials_at.is_some();
    let origins = check_origins(&mut cx, input, credentials_at);
    cx.key = Key::Methods;
    let methods = check_methods(&mut cx, input.methods.as_ref(), credentials_at);
    cx.key = Key::AllowHeaders;
    let allow_headers = check_allow_headers(&mut cx, input.allow_headers.as_ref(), credentials_at);
    cx.key = Key::ExposeHeaders;
    let expose_headers =
        check_expose_headers(&mut cx, input.expose_headers.as_ref(), credentials_at);
    cx.key = Key::MaxAge;
    let max_age = check_max_age(&mut cx, input.max_age.as_ref());
    cx.key = Key::PreflightStatus;
    let preflight_status = check_preflight_status(&mut cx, input.preflight_status.as_ref());
    cx.key = Key::PrivateNetwork;
    check_private_network(&mut cx, input, &origins);
    check_cross_origin_protection(&mut cx, input, &origins);
    let parts = Parts {
        origins,
        methods,
        allow_headers,
        expose_headers,
        credentials,
        max_age,
        private_network: flag(&input.private_network),
        preflight_status,
        preflight_continue: flag(&input.preflight_continue),
        cross_origin_protection: flag(&input.cross_origin_protection),
        opt_ins: OptIns {
            null_origin: flag(&input.dangerously_allow_null_origin),
            insecure_origins: flag(&input.dangerously_allow_insecure_origins),
        },
    };
    if cx.violations.is_empty() {
        return Ok(CompiledPolicy::new(parts));
    }
    let rank = |key: Key| {
        order
            .iter()
            .position(|written| *written == key)
            .unwrap_or_else(|| order.len() + Key::ALL.iter().position(|k| *k == key).unwrap_or(0))
    };
    cx.violations
        .sort_by_key(|(key, index, _)| (rank(*key), *index));
    Err(cx
        .violations
        .into_iter()
        .map(|(_, _, violation)| violation)
        .collect())
}

/// The violations found so far, each tagged with the key and entry it concerns, so that
/// they can be put in the order the policy was written in.
struct Context<L> {
    violations: Vec<(Key, usize, Violation<L>)>,
    /// The key being checked.
    key: Key,
}

impl<L: Clone> Context<L> {
    /// A problem with the current key's value as a whole (or its first entry).
    fn report(&mut self, problem: Problem, at: &L) {
        self.report_entry(problem, at, 0);
    }

    /// A problem with entry `index` of the current key.
    fn report_entry(&mut self, problem: Problem, at: &L, index: usize) {
        self.violations
            .push((self.key, index, problem.at(at.clone())));
    }

    /// A `*` that `credentials: true` rules out: reported at both.
    fn report_with_credentials<T>(
        &mut self,
        problem: Problem,
        any: &Item<T, L>,
        credentials: &At<bool, L>,
        key: &str,
    ) {
        let rule = problem.rule;
        let violation = problem.at(any.at.clone()).related(
            credentials.at.clone(),
            format!("`credentials: true` is set here, which rules out the `*` of `{key}` [{rule}]"),
        );
        self.violations.push((self.key, any.index, violation));
    }
}

fn flag<L>(value: &Option<At<bool, L>>) -> bool {
    value.as_ref().is_some_and(|flag| flag.value)
}

/// One parsed entry of a list key, with its place and its index in the list.
struct Item<T, L> {
    value: T,
    at: L,
    index: usize,
}

/// A list key's entries, with `*` as an entry: a bare `*` is a one-entry list.
fn entries<L: Clone>(value: &ListValue<L>) -> Vec<At<&str, L>> {
    match value {
        ListValue::Any(at) => vec![At::new("*", at.clone())],
        ListValue::List { items, .. } => items
            .iter()
            .map(|item| At::new(item.value.as_str(), item.at.clone()))
            .collect(),
    }
}

/// Parses every entry with `parse`, reporting the failures; keeps the successes with
/// their places.
fn parse_entries<L: Clone, T>(
    cx: &mut Context<L>,
    value: &ListValue<L>,
    parse: impl Fn(&str) -> Result<T, Problem>,
) -> Vec<Item<T, L>> {
    entries(value)
        .into_iter()
        .enumerate()
        .filter_map(|(index, entry)| match parse(entry.value) {
            Ok(value) => Some(Item {
                value,
                at: entry.at,
                index,
            }),
            Err(problem) => {
                cx.report_entry(problem, &entry.at, index);
                None
            }
        })
        .collect()
}

/// Reports every entry equal (by `key`) to an earlier one (one pass, a set of the keys
/// seen: building a policy stays linear in the length of its lists).
fn report_duplicates<L: Clone, T, K: Eq + Hash>(
    cx: &mut Context<L>,
    entries: &[Item<T, L>],
    key: impl Fn(&T) -> Option<K>,
    problem: impl Fn(&T) -> Problem,
) {
    let mut seen = HashSet::with_capacity(entries.len());
    for entry in entries {
        let Some(this) = key(&entry.value) else {
            continue;
        };
        if !seen.insert(this) {
            cx.report_entry(problem(&entry.value), &entry.at, entry.index);
        }
    }
}

/// `values` without repeats, in first-seen order.
fn first_of_each<T: Clone + Eq + Hash>(values: impl IntoIterator<Item = T>) -> Vec<T> {
    let mut seen = HashSet::new();
    values
        .into_iter()
        .filter(|value| seen.insert(value.clone()))
        .collect()
}

// --- origin --------------------------------------------------------------------------

fn check_origins<L: Clone>(
    cx: &mut Context<L>,
    input: &PolicyInput<L>,
    credentials_at: Option<&At<bool, L>>,
) -> Origins {
    let credentials = credentials_at.is_some();
    let Some(value) = &input.origin else {
        cx.report(
            Problem::new(Rule::O1, "missing `origin`: a policy must say which origins it allows")
                .help("add `origin: [\"https://app.example.com\"]` (or `origin: *` for a public API without credentials)"),
            &input.at,
        );
        return Origins::List {
            exact: Vec::new(),
            patterns: Vec::new(),
        };
    };
    if let ListValue::List { items, at } = value
        && items.is_empty()
    {
        cx.report(
            Problem::new(
                Rule::O1,
                "`origin` is empty: this policy would refuse every cross-origin request",
            )
            // A `key: value` snippet, so that each source gets its own words (for an
            // environment variable, `CORS_ORIGINS=https://app.example.com`).
            .help("list at least one origin, such as `origin: [\"https://app.example.com\"]`"),
            at,
        );
    }
    let parsed = parse_entries(cx, value, parse_origin);
    let any = parsed.iter().find(|entry| entry.value == OriginEntry::Any);
    if let Some(any) = any {
        // A second `*` is a duplicate (O14), as for methods and headers; O2 is for a `*`
        // beside other origins.
        report_duplicates(
            cx,
            &parsed,
            |entry| (*entry == OriginEntry::Any).then_some(()),
            |_| listed_twice(Rule::O14),
        );
        check_any_origin_alone(cx, &parsed, any);
        check_any_origin_without_credentials(cx, any, credentials_at);
        return Origins::Any;
    }
    check_null_origin(cx, &parsed, input);
    check_insecure_origins(cx, &parsed, input, credentials);
    check_duplicate_origins(cx, &parsed);
    let mut exact = Vec::new();
    let mut patterns = Vec::new();
    for entry in parsed {
        match entry.value {
            OriginEntry::Null => exact.push("null".to_string()),
            OriginEntry::Exact(pattern) => exact.push(pattern.to_string()),
            OriginEntry::Pattern(pattern) => patterns.push(pattern),
            OriginEntry::Any => {}
        }
    }
    Origins::List { exact, patterns }
}

/// O2: reported at the first `*` when an origin that is not `*` is beside it.
fn check_any_origin_alone<L: Clone>(
    cx: &mut Context<L>,
    parsed: &[Item<OriginEntry, L>],
    any: &Item<OriginEntry, L>,
) {
    if parsed.iter().any(|entry| entry.value != OriginEntry::Any) {
        cx.report_entry(
            Problem::new(
                Rule::O2,
                "`*` allows every origin: it cannot be mixed with other origins",
            )
            .help("write `origin: *` alone, or list the origins without `*`"),
            &any.at,
            any.index,
        );
    }
}

/// O3.
fn check_any_origin_without_credentials<L: Clone>(
    cx: &mut Context<L>,
    any: &Item<OriginEntry, L>,
    credentials: Option<&At<bool, L>>,
) {
    if let Some(credentials) = credentials {
        cx.report_with_credentials(
            Problem::new(Rule::O3, "`*` cannot be used with `credentials: true`: browsers refuse it, and reflecting any origin instead would let every site act as the user")
                .help("list the origins that may send credentials"),
            any,
            credentials,
            "origin",
        );
    }
}

/// O10.
fn check_null_origin<L: Clone>(
    cx: &mut Context<L>,
    parsed: &[Item<OriginEntry, L>],
    input: &PolicyInput<L>,
) {
    if flag(&input.dangerously_allow_null_origin) {
        return;
    }
    for entry in parsed
        .iter()
        .filter(|entry| entry.value == OriginEntry::Null)
    {
        cx.report_entry(
            Problem::new(Rule::O10, "the `null` origin is sent by sandboxed iframes, `data:` and `file:` pages and redirects: any site can produce it, so allowing it is as open as `*`")
                .help("remove it, or add `dangerously_allow_null_origin: true` if you accept that"),
            &entry.at, entry.index,
        );
    }
}

/// O13.
fn check_insecure_origins<L: Clone>(
    cx: &mut Context<L>,
    parsed: &[Item<OriginEntry, L>],
    input: &PolicyInput<L>,
    credentials: bool,
) {
    if !credentials || flag(&input.dangerously_allow_insecure_origins) {
        return;
    }
    for entry in parsed {
        let (OriginEntry::Exact(pattern) | OriginEntry::Pattern(pattern)) = &entry.value else {
            continue;
        };
        if pattern.scheme == "http" && !pattern.is_loopback() {
            // The https twin, made to pass every rule (`http://a.example:443` would be
            // `https://a.example:443`, an explicit default port).
            let secure = passing_fix(format!("https{}", &pattern.to_string()["http".len()..]));
            let help = match secure {
                Some(secure) => {
                    format!("write `{secure}`, or add `dangerously_allow_insecure_origins: true`")
                }
                None => "add `dangerously_allow_insecure_origins: true`".to_string(),
            };
            cx.report_entry(
                Problem::new(Rule::O13, format!("`{pattern}` is plain http: with credentials, anyone on the network path can impersonate it and act as the user"))
                    .help(help),
                &entry.at, entry.index,
            );
        }
    }
}

/// O14: an entry equal to an earlier one is listed twice; otherwise an origin or pattern
/// that another pattern of the list covers is reported with the first such pattern.
///
/// Linear in the list (a policy may list thousands of origins): duplicates are found
/// with a set, and a covering pattern is looked up by scheme and domain, for the entry's
/// host and each of its parent domains, among the first occurrence of each pattern
/// (a later copy covers exactly what the first does, and is listed after it).
fn check_duplicate_origins<L: Clone>(cx: &mut Context<L>, parsed: &[Item<OriginEntry, L>]) {
    fn pattern_of(entry: &OriginEntry) -> Option<&OwnedPattern> {
        match entry {
            OriginEntry::Exact(pattern) | OriginEntry::Pattern(pattern) => Some(pattern),
            _ => None,
        }
    }
    // (scheme, domain) → the patterns on it, each once, with its first position.
    let mut patterns: HashMap<(&str, &str), Vec<(usize, &OwnedPattern)>> = HashMap::new();
    let mut seen_patterns = HashSet::new();
    for (j, entry) in parsed.iter().enumerate() {
        if let OriginEntry::Pattern(pattern) = &entry.value
            && seen_patterns.insert(pattern)
        {
            patterns
                .entry((pattern.scheme.as_str(), pattern.host.as_str()))
                .or_default()
                .push((j, pattern));
        }
    }
    let mut seen = HashSet::with_capacity(parsed.len());
    for entry in parsed {
        if !seen.insert(&entry.value) {
            let shown = pattern_of(&entry.value).map_or("null".to_string(), |p| p.to_string());
            cx.report_entry(
                Problem::new(Rule::O14, format!("`{shown}` is listed twice")).help("remove one"),
                &entry.at,
                entry.index,
            );
            continue;
        }
        let Some(mine) = pattern_of(&entry.value) else {
            continue;
        };
        // The host and each parent domain: the only domains a covering pattern can have.
        let domains = core::iter::once(mine.host.as_str()).chain(
            mine.host
                .match_indices('.')
                .map(|(dot, _)| &mine.host[dot + 1..]),
        );
        let wider = domains
            .filter_map(|domain| patterns.get(&(mine.scheme.as_str(), domain)))
            .flatten()
            .filter(|(_, theirs)| {
                *theirs != mine && mine.as_pattern().is_covered_by(&theirs.as_pattern())
            })
            .min_by_key(|(j, _)| *j)
            .map(|(_, theirs)| *theirs);
        if let Some(wider) = wider {
            cx.report_entry(
                Problem::new(
                    Rule::O14,
                    format!("`{mine}` is already covered by `{wider}`"),
                )
                .help("remove it"),
                &entry.at,
                entry.index,
            );
        }
    }
}

// --- methods -------------------------------------------------------------------------

fn check_methods<L: Clone>(
    cx: &mut Context<L>,
    value: Option<&ListValue<L>>,
    credentials: Option<&At<bool, L>>,
) -> Methods {
    let Some(value) = value else {
        return Methods::List(Vec::new());
    };
    let parsed = parse_entries(cx, value, parse_method);
    report_duplicates(
        cx,
        &parsed,
        |entry| Some(entry.clone()),
        |entry| match entry {
            MethodEntry::Method(name) => {
                Problem::new(Rule::M4, format!("method `{name}` is listed twice"))
                    .help("remove one")
            }
            MethodEntry::Any => listed_twice(Rule::M4),
        },
    );
    if let Some(any) = parsed.iter().find(|entry| entry.value == MethodEntry::Any) {
        check_wildcard_alone(
            cx,
            &parsed,
            any,
            Rule::M4,
            |entry| *entry == MethodEntry::Any,
            "every method",
            "write `*` alone, or list the methods without `*`",
        );
        check_wildcard_without_credentials(
            cx,
            any,
            credentials,
            Rule::M3,
            "methods",
            "the methods",
        );
        return Methods::Any;
    }
    Methods::List(first_of_each(parsed.into_iter().filter_map(
        |entry| match entry.value {
            MethodEntry::Method(name) => Some(name),
            MethodEntry::Any => None,
        },
    )))
}

/// O14 / M4 / H5 / E5, for a second `*`.
fn listed_twice(rule: Rule) -> Problem {
    Problem::new(rule, "`*` is listed twice").help("remove one")
}

/// M4 / H5 / E5, the redundant case: a `*` beside entries it already covers
/// (`is_exempt` lets through a repeated `*`, reported as a duplicate, and the one entry
/// that adds something, `authorization` beside a `*` of request headers). Worded apart
/// from a duplicate: the entries differ, but the `*` makes them pointless.
fn check_wildcard_alone<L: Clone, T>(
    cx: &mut Context<L>,
    parsed: &[Item<T, L>],
    any: &Item<T, L>,
    rule: Rule,
    is_exempt: impl Fn(&T) -> bool,
    covers: &str,
    help: &str,
) {
    if parsed.iter().any(|entry| !is_exempt(&entry.value)) {
        cx.report_entry(
            Problem::new(
                rule,
                format!("`*` already allows {covers}: the other entries are redundant"),
            )
            .help(help),
            &any.at,
            any.index,
        );
    }
}

/// M3 / H4 / E3: reported at the `*` and at `credentials: true`.
fn check_wildcard_without_credentials<L: Clone, T>(
    cx: &mut Context<L>,
    any: &Item<T, L>,
    credentials: Option<&At<bool, L>>,
    rule: Rule,
    key: &str,
    fix: &str,
) {
    if let Some(credentials) = credentials {
        cx.report_with_credentials(
            Problem::new(rule, format!("`*` {key} cannot be used with `credentials: true`: browsers read it as a literal `*`, not a wildcard"))
                .help(format!("list {fix} by name")),
            any,
            credentials,
            key,
        );
    }
}

// --- request headers -----------------------------------------------------------------

fn check_allow_headers<L: Clone>(
    cx: &mut Context<L>,
    value: Option<&ListValue<L>>,
    credentials: Option<&At<bool, L>>,
) -> AllowHeaders {
    let Some(value) = value else {
        return AllowHeaders::List(Vec::new());
    };
    let parsed = parse_entries(cx, value, parse_request_header);
    let names = checked_names(cx, &parsed, Rule::H5);
    let is_authorization =
        |entry: &HeaderEntry| *entry == HeaderEntry::Name("authorization".into());
    if let Some(any) = parsed.iter().find(|entry| entry.value == HeaderEntry::Any) {
        check_wildcard_alone(
            cx,
            &parsed,
            any,
            Rule::H5,
            |entry| *entry == HeaderEntry::Any || is_authorization(entry),
            "every request header but `authorization` (which it never covers)",
            "write `*` alone (or `[\"*\", \"authorization\"]`), or list the headers without `*`",
        );
        check_wildcard_without_credentials(
            cx,
            any,
            credentials,
            Rule::H4,
            "allow_headers",
            "the headers",
        );
        return AllowHeaders::Any {
            authorization: parsed.iter().any(|entry| is_authorization(&entry.value)),
        };
    }
    AllowHeaders::List(names)
}

/// H5 / E5: reports duplicates (a repeated `*` included), returns the names once each.
fn checked_names<L: Clone>(
    cx: &mut Context<L>,
    parsed: &[Item<HeaderEntry, L>],
    rule: Rule,
) -> Vec<String> {
    report_duplicates(
        cx,
        parsed,
        |entry| Some(entry.clone()),
        |entry| match entry {
            HeaderEntry::Name(name) => Problem::new(
                rule,
                format!("header `{name}` is listed twice (names are case-insensitive)"),
            )
            .help("remove one"),
            HeaderEntry::Any => listed_twice(rule),
        },
    );
    first_of_each(parsed.iter().filter_map(|entry| match &entry.value {
        HeaderEntry::Name(name) => Some(name.clone()),
        HeaderEntry::Any => None,
    }))
}

// --- exposed headers -----------------------------------------------------------------

fn check_expose_headers<L: Clone>(
    cx: &mut Context<L>,
    value: Option<&ListValue<L>>,
    credentials: Option<&At<bool, L>>,
) -> ExposeHeaders {
    let Some(value) = value else {
        return ExposeHeaders::List(Vec::new());
    };
    let parsed = parse_entries(cx, value, parse_exposed_header);
    let names = checked_names(cx, &parsed, Rule::E5);
    if let Some(any) = parsed.iter().find(|entry| entry.value == HeaderEntry::Any) {
        check_wildcard_alone(
            cx,
            &parsed,
            any,
            Rule::E5,
            |entry| *entry == HeaderEntry::Any,
            "every response header",
            "write `*` alone, or list the headers without `*`",
        );
        check_wildcard_without_credentials(
            cx,
            any,
            credentials,
            Rule::E3,
            "expose_headers",
            "the headers",
        );
        return ExposeHeaders::Any;
    }
    ExposeHeaders::List(names)
}

// --- numbers -------------------------------------------------------------------------

/// A1.
fn check_max_age<L: Clone>(cx: &mut Context<L>, value: Option<&At<i64, L>>) -> Option<u32> {
    let value = value?;
    let accepted = Key::MaxAge
        .integer_range()
        .is_some_and(|range| range.contains(&value.value));
    match u32::try_from(value.value) {
        Ok(seconds) if accepted => Some(seconds),
        _ => {
            let problem = if value.value < 0 {
                Problem::new(Rule::A1, format!("`max_age: {}` is negative", value.value))
                    .help("use `0` to have every request preflighted, or a number of seconds")
            } else {
                Problem::new(Rule::A1, format!("`max_age: {}` is above 86400 seconds (24 h), which no browser honours (Chromium caps at 7200, Firefox at 86400)", value.value))
                    .help("write `max_age: 7200` or less")
            };
            cx.report(problem, &value.at);
            None
        }
    }
}

/// S1.
fn check_preflight_status<L: Clone>(cx: &mut Context<L>, value: Option<&At<i64, L>>) -> u16 {
    let Some(value) = value else { return 204 };
    let accepted = Key::PreflightStatus
        .integer_range()
        .is_some_and(|range| range.contains(&value.value));
    match u16::try_from(value.value) {
        Ok(status) if accepted => status,
        _ => {
            cx.report(
                Problem::new(Rule::S1, format!("`preflight_status: {}` would fail every preflight: browsers require a status from 200 to 299", value.value))
                    .help("write `204` (the default) or `200`"),
                &value.at,
            );
            204
        }
    }
}

/// P1.
fn check_private_network<L: Clone>(cx: &mut Context<L>, input: &PolicyInput<L>, origins: &Origins) {
    let Some(private_network) = input.private_network.as_ref().filter(|flag| flag.value) else {
        return;
    };
    if *origins == Origins::Any {
        cx.report(
            Problem::new(Rule::P1, "`private_network: true` with origin `*` would let any website reach this private-network server")
                .help("list the origins that may reach it"),
            &private_network.at,
        );
    }
}

/// C1, C2: protection trusts exactly the origins the policy allows, so it protects
/// nothing when every site can produce an allowed origin.
fn check_cross_origin_protection<L: Clone>(
    cx: &mut Context<L>,
    input: &PolicyInput<L>,
    origins: &Origins,
) {
    let Some(protection) = input
        .cross_origin_protection
        .as_ref()
        .filter(|flag| flag.value)
    else {
        return;
    };
    match origins {
        Origins::Any => cx.report(
            Problem::new(Rule::C1, "`cross_origin_protection: true` with origin `*` protects nothing: it lets through every origin the policy allows, and `*` allows them all")
                .help("list the origins that may send state-changing requests, or remove `cross_origin_protection`"),
            &protection.at,
        ),
        Origins::List { exact, .. }
            if flag(&input.dangerously_allow_null_origin)
                && exact.iter().any(|origin| origin == "null") =>
        {
            cx.report(
            Problem::new(Rule::C2, "`cross_origin_protection: true` with the `null` origin allowed protects nothing: any site can send `Origin: null` from a sandboxed iframe, and it would be let through")
                .help("remove `\"null\"` from `origin`, or remove `cross_origin_protection`"),
            &protection.at,
        )
        }
        Origins::List { .. } => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(items: &[&str]) -> Option<ListValue<usize>> {
        Some(ListValue::List {
            items: items
                .iter()
                .enumerate()
                .map(|(i, s)| At::new(s.to_string(), i))
                .collect(),
            at: 99,
        })
    }

    fn with_origins(items: &[&str]) -> PolicyInput<usize> {
        PolicyInput {
            origin: list(items),
            ..PolicyInput::new(100)
        }
    }

    fn rules(input: &PolicyInput<usize>) -> Vec<(Rule, usize)> {
        check(input)
            .err()
            .unwrap_or_default()
            .iter()
            .map(|v| (v.rule(), v.at))
            .collect()
    }

    #[test]
    fn o1_missing_or_empty() {
        assert_eq!(rules(&PolicyInput::new(100)), [(Rule::O1, 100)]);
        assert_eq!(rules(&with_origins(&[])), [(Rule::O1, 99)]);
    }

    #[test]
    fn o2_o3_wildcard() {
        assert_eq!(
            rules(&with_origins(&["https://a.com", "*"])),
            [(Rule::O2, 1)]
        );
        // A `*` listed twice is a duplicate at the second one (O14, worded as M4/H5/E5
        // word it), not a `*` mixed with other origins; beside another origin, both.
        let input = with_origins(&["*", "*"]);
        assert_eq!(rules(&input), [(Rule::O14, 1)]);
        assert_eq!(
            check(&input).unwrap_err()[0].problem.to_string(),
            "`*` is listed twice [O14]\n= help: remove one"
        );
        assert_eq!(
            rules(&with_origins(&["*", "https://a.com", "*"])),
            [(Rule::O2, 0), (Rule::O14, 2)]
        );
        let mut input = with_origins(&["*"]);
        input.credentials = Some(At::new(true, 7));
        assert_eq!(rules(&input), [(Rule::O3, 0)]);
        let related = check(&input).unwrap_err()[0].related.clone().unwrap();
        assert_eq!(related.at, 7);
    }

    #[test]
    fn o10_null_needs_the_opt_in() {
        assert_eq!(rules(&with_origins(&["null"])), [(Rule::O10, 0)]);
        let mut input = with_origins(&["null"]);
        input.dangerously_allow_null_origin = Some(At::new(true, 5));
        let policy = check(&input).unwrap();
        assert_eq!(
            policy.origins(),
            &Origins::List {
                exact: vec!["null".into()],
                patterns: vec![]
            }
        );
    }

    #[test]
    fn o13_credentials_need_https_or_loopback() {
        let mut input = with_origins(&[
            "http://app.example.com",
            "http://localhost:3000",
            "http://127.0.0.1:*",
            "https://a.com",
        ]);
        input.credentials = Some(At::new(true, 7));
        assert_eq!(rules(&input), [(Rule::O13, 0)]);
        input.dangerously_allow_insecure_origins = Some(At::new(true, 8));
        assert_eq!(rules(&input), []);
        input.credentials = None;
        input.dangerously_allow_insecure_origins = None;
        assert_eq!(rules(&input), []);
    }

    #[test]
    fn o14_duplicates_and_covered() {
        assert_eq!(
            rules(&with_origins(&["https://a.com", "https://a.com"])),
            [(Rule::O14, 1)]
        );
        assert_eq!(
            rules(&with_origins(&[
                "https://x.example.com",
                "https://*.example.com",
                "https://*.a.example.com"
            ])),
            [(Rule::O14, 0), (Rule::O14, 2)]
        );
        assert_eq!(
            rules(&with_origins(&[
                "http://localhost:3000",
                "http://localhost:*"
            ])),
            [(Rule::O14, 0)]
        );
        assert_eq!(
            rules(&with_origins(&[
                "https://example.com",
                "https://*.example.com"
            ])),
            []
        );
    }

    /// O14 in a long list: duplicates and covered entries far apart are reported at the
    /// right entry, with the same words, in list order (found in linear time: no test
    /// measures it, 20 000 entries took 9 s when every pair was compared).
    #[test]
    fn o14_in_a_long_list_reports_each_entry_at_its_place() {
        let mut origins: Vec<String> = (0..20_000)
            .map(|i| format!("https://t{i}.example.com"))
            .collect();
        assert_eq!(rules(&with_origins(&refs(&origins))), []);
        origins[19_000] = "https://t3.example.com".into();
        origins[19_999] = "https://*.t7.example.com".into();
        origins.push("https://a.t7.example.com".into());
        origins.push("https://*.t7.example.com".into());
        let input = with_origins(&refs(&origins));
        assert_eq!(
            rules(&input),
            [
                (Rule::O14, 19_000),
                (Rule::O14, 20_000),
                (Rule::O14, 20_001)
            ]
        );
        let messages: Vec<String> = check(&input)
            .unwrap_err()
            .iter()
            .map(|v| v.problem.message.clone())
            .collect();
        assert_eq!(
            messages,
            [
                "`https://t3.example.com` is listed twice",
                "`https://a.t7.example.com` is already covered by `https://*.t7.example.com`",
                "`https://*.t7.example.com` is listed twice",
            ]
        );
        // The first covering pattern in list order is named, whichever domain it is on.
        let input = with_origins(&[
            "https://a.b.example.com",
            "https://*.example.com",
            "https://*.b.example.com:*",
            "https://*.b.example.com",
        ]);
        let messages: Vec<String> = check(&input)
            .unwrap_err()
            .iter()
            .map(|v| v.problem.message.clone())
            .collect();
        assert_eq!(
            messages,
            [
                "`https://a.b.example.com` is already covered by `https://*.example.com`",
                "`https://*.b.example.com` is already covered by `https://*.example.com`",
            ]
        );
    }

    fn refs(origins: &[String]) -> Vec<&str> {
        origins.iter().map(String::as_str).collect()
    }

    #[test]
    fn all_errors_are_reported_together() {
        let mut input = with_origins(&["https://a.com/", "HTTP://b.com", "https://c.com"]);
        input.methods = list(&["patch", "TRACE"]);
        input.max_age = Some(At::new(100_000, 50));
        assert_eq!(
            rules(&input),
            [
                (Rule::O4, 0),
                (Rule::O5, 1),
                (Rule::M5, 0),
                (Rule::M2, 1),
                (Rule::A1, 50)
            ]
        );
    }

    #[test]
    fn m3_m4_methods() {
        let mut input = with_origins(&["https://a.com"]);
        input.methods = list(&["GET", "get", "PUT"]);
        assert_eq!(rules(&input), [(Rule::M4, 1)]);
        input.methods = Some(ListValue::Any(3));
        input.credentials = Some(At::new(true, 7));
        assert_eq!(rules(&input), [(Rule::M3, 3)]);
        input.methods = list(&["*", "PUT"]);
        input.credentials = None;
        assert_eq!(rules(&input), [(Rule::M4, 0)]);
        input.methods = list(&["*", "PUT", "*"]);
        assert_eq!(rules(&input), [(Rule::M4, 0), (Rule::M4, 2)]);
    }

    #[test]
    fn h4_h5_request_headers() {
        let mut input = with_origins(&["https://a.com"]);
        input.allow_headers = list(&["X-A", "x-a"]);
        assert_eq!(rules(&input), [(Rule::H5, 1)]);
        input.allow_headers = list(&["*", "authorization"]);
        let policy = check(&input).unwrap();
        assert_eq!(
            policy.allow_headers(),
            &AllowHeaders::Any {
                authorization: true
            }
        );
        input.allow_headers = list(&["*", "x-a"]);
        assert_eq!(rules(&input), [(Rule::H5, 0)]);
        // Duplicates are duplicates, with or without `*`.
        input.allow_headers = list(&["authorization", "*", "authorization"]);
        assert_eq!(rules(&input), [(Rule::H5, 2)]);
        input.allow_headers = list(&["*", "*"]);
        assert_eq!(rules(&input), [(Rule::H5, 1)]);
        input.allow_headers = Some(ListValue::Any(4));
        input.credentials = Some(At::new(true, 7));
        assert_eq!(rules(&input), [(Rule::H4, 4)]);
    }

    #[test]
    fn e3_e5_exposed_headers_and_safelisted() {
        let mut input = with_origins(&["https://a.com"]);
        input.expose_headers = list(&["content-type", "x-total", "X-Total"]);
        assert_eq!(rules(&input), [(Rule::E5, 2)]);
        input.expose_headers = list(&["content-type", "x-total"]);
        let policy = check(&input).unwrap();
        assert_eq!(
            policy.expose_headers(),
            &ExposeHeaders::List(vec!["x-total".into()])
        );
        input.expose_headers = list(&["x-total", "*", "X-Total"]);
        assert_eq!(rules(&input), [(Rule::E5, 1), (Rule::E5, 2)]);
        input.expose_headers = Some(ListValue::Any(4));
        input.credentials = Some(At::new(true, 7));
        assert_eq!(rules(&input), [(Rule::E3, 4)]);
        let related = check(&input).unwrap_err()[0].related.clone().unwrap();
        assert_eq!(related.at, 7);
    }

    #[test]
    fn c1_c2_protection_needs_origins_a_site_cannot_forge() {
        let mut input = with_origins(&["*"]);
        input.cross_origin_protection = Some(At::new(true, 9));
        assert_eq!(rules(&input), [(Rule::C1, 9)]);
        let mut input = with_origins(&["https://a.com", "null"]);
        input.dangerously_allow_null_origin = Some(At::new(true, 5));
        input.cross_origin_protection = Some(At::new(true, 9));
        assert_eq!(rules(&input), [(Rule::C2, 9)]);
        // Without the opt-in, `null` is O10's alone: one problem, one report.
        input.dangerously_allow_null_origin = None;
        assert_eq!(rules(&input), [(Rule::O10, 1)]);
        input.cross_origin_protection = Some(At::new(false, 9));
        input.origin = list(&["*"]);
        assert_eq!(rules(&input), []);
        let mut input = with_origins(&["https://a.com", "https://*.b.com"]);
        input.cross_origin_protection = Some(At::new(true, 9));
        let policy = check(&input).unwrap();
        assert!(crate::CorsPolicy::settings(&policy).cross_origin_protection);
    }

    #[test]
    fn a1_s1_p1() {
        let mut input = with_origins(&["*"]);
        input.max_age = Some(At::new(-1, 1));
        input.preflight_status = Some(At::new(301, 2));
        input.private_network = Some(At::new(true, 3));
        assert_eq!(rules(&input), [(Rule::A1, 1), (Rule::P1, 3), (Rule::S1, 2)]);
        input.max_age = Some(At::new(0, 1));
        input.preflight_status = Some(At::new(200, 2));
        input.private_network = None;
        let policy = check(&input).unwrap();
        assert_eq!(policy.max_age(), Some(0));
    }
}
