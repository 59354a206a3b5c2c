//! One intake for every source of a policy: the `cors!` macro, `PolicyBuilder` and
//! serde all hand over their values as written ([`Raw`]); the intake applies the key
//! rules (K1–K3), puts each value in its [`PolicyInput`] slot, and
//! [`finish`](Intake::finish) checks the whole policy (every other rule), leaving out
//! the "missing `origin`" that a key written but unreadable would otherwise cascade into.
//!
//! Adding a key touches the key table ([`Key`]), the input model ([`PolicyInput`] and its
//! [`slot`](PolicyInput::slot)) and the key's rule in `check`; every source reads it
//! through here.

use crate::check::check_in_order;
use crate::input::{At, ListValue, PolicyInput, Slot};
use crate::key::{Key, ValueKind, duplicate_key, suggest_key, unknown_key, wrong_kind};
use crate::model::CompiledPolicy;
use crate::rule::{Problem, Rule, Violation};

/// A value as its source wrote it, with its place, before any rule.
///
/// The macro produces every variant; a configuration format has no identifiers, paths
/// or suffixed numbers, and describes what else it found with [`Raw::Other`].
///
/// # Example
///
/// A configuration file's `origin = ["https://app.example.com"]` and `credentials = "yes"`:
///
/// ```
/// use cors_policy_core::{Intake, Raw, Rule};
///
/// let origins = Raw::List(vec![Raw::Str("https://app.example.com".into(), "cors.origin[0]")], "cors.origin");
/// assert_eq!(*origins.at(), "cors.origin");
/// let mut intake = Intake::new("cors");
/// intake.entry("origin", "cors.origin", origins)?;
/// let flag = Raw::Str("yes".into(), "cors.credentials");
/// assert_eq!(intake.entry("credentials", "cors.credentials", flag).unwrap_err().rule(), Rule::K3);
/// # Ok::<(), cors_policy_core::Violation<&str>>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum Raw<L> {
    /// A bare `*`.
    Star(L),
    /// A string.
    Str(String, L),
    /// `true` or `false`.
    Bool(bool, L),
    /// An integer (one beyond `i64` clamped to its bounds, so that the range rules A1
    /// and S1 explain it), and what was written right after its digits (`ms` in `600ms`,
    /// `u8` in `600u8`; empty when nothing).
    Int {
        /// The number.
        value: i64,
        /// The suffix, or `""`.
        suffix: String,
        /// Where.
        at: L,
    },
    /// A bare identifier (`PUT`, `APP_ORIGIN`): only `methods` takes them.
    Ident(String, L),
    /// A path (`Method::PUT`, `header::CONTENT_TYPE`), by segment: never a value.
    Path(Vec<String>, L),
    /// Names joined by `-` and written without quotes (`content-type` in `cors!`), as
    /// written: never a value (a name is a string).
    Unquoted(String, L),
    /// A list.
    List(Vec<Raw<L>>, L),
    /// Anything else, in words (`a map`, `` `null` ``, `the floating-point number
    /// `1.5``), with the source's own advice when it has one.
    Other {
        /// What it is.
        found: String,
        /// How to write it instead.
        help: Option<String>,
        /// Where.
        at: L,
    },
}

impl<L> Raw<L> {
    /// Where the value is.
    pub fn at(&self) -> &L {
        match self {
            Raw::Star(at)
            | Raw::Str(_, at)
            | Raw::Bool(_, at)
            | Raw::Int { at, .. }
            | Raw::Ident(_, at)
            | Raw::Path(_, at)
            | Raw::Unquoted(_, at)
            | Raw::List(_, at)
            | Raw::Other { at, .. } => at,
        }
    }

    /// What it is, in words, for "expected X, found Y".
    fn found(&self) -> String {
        match self {
            Raw::Star(_) => "`*`".to_owned(),
            Raw::Str(text, _) => format!("the string {text:?}"),
            Raw::Bool(value, _) => format!("`{value}`"),
            Raw::Int { suffix, .. } if suffix.is_empty() => "a number".to_owned(),
            Raw::Int { value, suffix, .. } => format!("`{value}{suffix}`"),
            Raw::Ident(name, _) => format!("the identifier `{name}`"),
            Raw::Path(segments, _) => format!("the path `{}`", segments.join("::")),
            Raw::Unquoted(text, _) => format!("`{text}`"),
            Raw::List(..) => "a list".to_owned(),
            Raw::Other { found, .. } => found.clone(),
        }
    }
}

/// A policy being read: values placed as they come, problems returned as they are found.
///
/// # Example
///
/// ```
/// use cors_policy_core::{Intake, Raw, Rule};
///
/// let mut intake = Intake::new("policy");
/// intake.entry("origin", "origin", Raw::Str("https://app.example.com".into(), "origin[0]"))?;
/// let problem = intake
///     .entry("max_age", "max_age", Raw::Int { value: 10, suffix: "m".into(), at: "max_age" })
///     .unwrap_err();
/// assert_eq!(problem.rule(), Rule::K3);
/// assert_eq!(
///     problem.problem.help.as_deref(),
///     Some("`max_age` is a plain number of seconds, without a unit: `10m` is `max_age: 600`")
/// );
/// assert!(intake.finish().is_ok());
/// # Ok::<(), cors_policy_core::Violation<&str>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Intake<L> {
    input: PolicyInput<L>,
    /// Keys in the order they were first given: the order of the errors.
    order: Vec<Key>,
    /// Keys given by [`entry`](Intake::entry): a second one is a K2 duplicate.
    entered: Vec<Key>,
    /// Keys written that could not be read (a typo, a value of the wrong kind, a syntax
    /// error): already reported, so not also "missing".
    attempted: Vec<Key>,
    /// Keys the source will give later ([`will_give`](Intake::will_give)).
    announced: Vec<Key>,
}

impl<L: Clone> Intake<L> {
    /// Nothing read yet; `at` is the whole policy (where a missing `origin` is placed).
    pub fn new(at: L) -> Self {
        Intake {
            input: PolicyInput::new(at),
            order: Vec::new(),
            entered: Vec::new(),
            attempted: Vec::new(),
            announced: Vec::new(),
        }
    }

    /// Says that the source gives `name` later on (the macro reads the whole invocation,
    /// and serde the whole map, before their entries): a typo's value is not checked as
    /// that key, which has its own. A builder's later calls cannot be known: its typos
    /// (only from a file) are judged on the keys given so far.
    ///
    /// ```
    /// use cors_policy_core::{Intake, Raw};
    ///
    /// let mut intake = Intake::new(());
    /// intake.will_give("origin");
    /// // Only K1: the `origin` given next is the one checked.
    /// assert_eq!(intake.entry_all("orign", (), Raw::Str("https://a.example/".into(), ())).len(), 1);
    /// intake.entry("origin", (), Raw::Str("https://b.example".into(), ()))?;
    /// assert!(intake.finish().is_ok());
    /// # Ok::<(), cors_policy_core::Violation<()>>(())
    /// ```
    pub fn will_give(&mut self, name: &str) {
        self.announced.extend(Key::from_name(name));
    }

    /// The values read so far.
    ///
    /// ```
    /// let intake = cors_policy_core::Intake::new(());
    /// assert!(intake.input().origin.is_none());
    /// ```
    pub fn input(&self) -> &PolicyInput<L> {
        &self.input
    }

    /// `name: value` as written: rules K1 (unknown key, placed at `name_at`), K2 (given
    /// twice) and K3 (value of the wrong kind, placed at the value), then the value goes
    /// to its slot. Returns the first problem; [`entry_all`](Intake::entry_all) returns
    /// them all.
    ///
    /// ```
    /// use cors_policy_core::{Intake, Raw, Rule};
    ///
    /// let mut intake = Intake::new(0);
    /// let problem = intake.entry("orign", 1, Raw::Bool(true, 2)).unwrap_err();
    /// assert_eq!((problem.rule(), problem.at), (Rule::K1, 1));
    /// // The typo meant `origin`: it is not also reported as missing.
    /// assert!(intake.finish().unwrap_err().is_empty());
    /// ```
    pub fn entry(&mut self, name: &str, name_at: L, value: Raw<L>) -> Result<(), Violation<L>> {
        first(self.entry_all(name, name_at, value))
    }

    /// [`entry`](Intake::entry), with every problem of the entry: each wrong element of
    /// a list (K3), not only the first; the list keeps its right elements, which
    /// [`finish`](Intake::finish) still checks.
    ///
    /// ```
    /// use cors_policy_core::{Intake, Raw, Rule};
    ///
    /// let mut intake = Intake::new(());
    /// intake.entry("origin", (), Raw::Str("https://app.example.com".into(), ()))?;
    /// let list = Raw::List(vec![Raw::Bool(true, ()), Raw::Str("cookie".into(), ()), Raw::Bool(false, ())], ());
    /// let problems = intake.entry_all("allow_headers", (), list);
    /// assert_eq!(problems.iter().map(|v| v.rule()).collect::<Vec<_>>(), [Rule::K3, Rule::K3]);
    /// // The right element is still checked: `cookie` is H2.
    /// assert_eq!(intake.finish().unwrap_err()[0].rule(), Rule::H2);
    /// # Ok::<(), cors_policy_core::Violation<()>>(())
    /// ```
    pub fn entry_all(&mut self, name: &str, name_at: L, value: Raw<L>) -> Vec<Violation<L>> {
        let Some(key) = Key::from_name(name) else {
            return self.unknown(name, name_at, value);
        };
        if self.entered.contains(&key) {
            return vec![duplicate_key(key).at(name_at)];
        }
        self.entered.push(key);
        self.set_all(key, value)
    }

    /// K1 for `name`; its value is checked as the key suggested, unless that key has a
    /// value of its own, given or to come: once the typo is fixed, that value is what
    /// the rules will read, so its problems are said now rather than one fix later.
    ///
    /// ```
    /// use cors_policy_core::{Intake, Raw, Rule};
    ///
    /// let mut intake = Intake::new(());
    /// let problems = intake.entry_all("orign", (), Raw::Str("https://a.example/".into(), ()));
    /// assert_eq!(problems[0].rule(), Rule::K1);
    /// assert_eq!(intake.finish().unwrap_err()[0].rule(), Rule::O4);
    /// ```
    fn unknown(&mut self, name: &str, name_at: L, value: Raw<L>) -> Vec<Violation<L>> {
        let mut problems = vec![self.unknown_key(name).at(name_at)];
        if let Some(meant) = suggest_key(name) {
            self.attempted.push(meant);
            let has_own = self.order.contains(&meant) || self.announced.contains(&meant);
            if !has_own {
                problems.extend(self.set_all(meant, value));
            }
        }
        problems
    }

    /// K1's problem, whose help never suggests a key written elsewhere in the policy
    /// (given, or to come): following it would be K2.
    ///
    /// ```
    /// use cors_policy_core::{Intake, Raw};
    ///
    /// let mut intake = Intake::new(());
    /// intake.entry("origin", (), Raw::Str("https://a.example".into(), ()))?;
    /// let k1 = intake.entry("origins", (), Raw::Star(())).unwrap_err();
    /// let help = k1.problem.help.unwrap();
    /// assert!(help.starts_with("`origin` is given already; the keys are: origin, methods, "), "{help}");
    /// # Ok::<(), cors_policy_core::Violation<()>>(())
    /// ```
    fn unknown_key(&self, name: &str) -> Problem {
        match suggest_key(name) {
            // Every key, as when there is no suggestion: a source read in order (a
            // file's map) may give the others later.
            Some(meant) if self.written(meant) => {
                let all: Vec<&str> = Key::ALL.iter().map(|key| key.name()).collect();
                unknown_key(name).help(format!(
                    "`{meant}` is given already; the keys are: {}",
                    all.join(", ")
                ))
            }
            _ => unknown_key(name),
        }
    }

    /// `key` is written by the source: given, or announced.
    fn written(&self, key: Key) -> bool {
        self.entered.contains(&key) || self.announced.contains(&key)
    }

    /// Sets `key` (replacing an earlier value: no K2), checking the kind (K3).
    ///
    /// ```
    /// use cors_policy_core::{Intake, Key, Raw};
    ///
    /// let mut intake = Intake::new(());
    /// intake.set(Key::MaxAge, Raw::Int { value: 60, suffix: String::new(), at: () })?;
    /// intake.set(Key::MaxAge, Raw::Int { value: 600, suffix: String::new(), at: () })?;
    /// assert_eq!(intake.input().max_age.as_ref().map(|v| v.value), Some(600));
    /// # Ok::<(), cors_policy_core::Violation<()>>(())
    /// ```
    pub fn set(&mut self, key: Key, value: Raw<L>) -> Result<(), Violation<L>> {
        first(self.set_all(key, value))
    }

    /// [`set`](Intake::set), with every problem: each wrong element of a list, as
    /// [`entry_all`](Intake::entry_all).
    pub fn set_all(&mut self, key: Key, value: Raw<L>) -> Vec<Violation<L>> {
        self.given(key);
        let problems = match self.input.slot(key) {
            Slot::List(slot) => {
                let (list, problems) = list_value(key, value);
                if list.is_some() {
                    *slot = list;
                }
                problems
            }
            Slot::Bool(slot) => match bool_value(key, value) {
                Ok(flag) => {
                    *slot = Some(flag);
                    Vec::new()
                }
                Err(problem) => vec![problem],
            },
            Slot::Integer(slot) => match int_value(key, value) {
                Ok(number) => {
                    *slot = Some(number);
                    Vec::new()
                }
                Err(problem) => vec![problem],
            },
        };
        if !problems.is_empty() {
            self.attempted.push(key);
        }
        problems
            .into_iter()
            .map(|(problem, at)| problem.at(at))
            .collect()
    }

    /// The slot of `key`, for a source that fills it itself (a builder appending to a
    /// list): the key counts as given.
    ///
    /// ```
    /// use cors_policy_core::{At, Intake, Key, ListValue, Slot};
    ///
    /// let mut intake = Intake::new(());
    /// if let Slot::List(slot) = intake.slot(Key::Origin) {
    ///     *slot = Some(ListValue::List { items: vec![At::new("*".into(), ())], at: () });
    /// }
    /// assert!(intake.finish().is_ok());
    /// ```
    pub fn slot(&mut self, key: Key) -> Slot<'_, L> {
        self.given(key);
        self.input.slot(key)
    }

    /// An entry the source could not read (its own syntax error, already reported),
    /// with the key's name if it got that far: the key is not also reported missing.
    ///
    /// ```
    /// use cors_policy_core::{Intake, Rule};
    ///
    /// let mut intake: Intake<()> = Intake::new(());
    /// intake.unreadable(Some("origin"));
    /// assert!(intake.finish().unwrap_err().iter().all(|v| v.rule() != Rule::O1));
    /// ```
    pub fn unreadable(&mut self, name: Option<&str>) {
        if let Some(name) = name {
            self.attempted
                .extend(Key::from_name(name).or_else(|| suggest_key(name)));
        }
    }

    /// Checks the policy with every rule; violations are ordered by key as the keys were
    /// first given, then by entry. Leaves out the cascade of a key that was written but
    /// could not be read, so the list can be empty: the source holds that key's error.
    ///
    /// ```
    /// use cors_policy_core::{Intake, Raw, Rule};
    ///
    /// let mut intake = Intake::new(());
    /// intake.entry("max_age", (), Raw::Int { value: -1, suffix: String::new(), at: () })?;
    /// let rules: Vec<Rule> = intake.finish().unwrap_err().iter().map(|v| v.rule()).collect();
    /// assert_eq!(rules, [Rule::A1, Rule::O1]);
    /// # Ok::<(), cors_policy_core::Violation<()>>(())
    /// ```
    pub fn finish(&self) -> Result<CompiledPolicy, Vec<Violation<L>>> {
        let cascade = self.input.origin.is_none() && self.attempted.contains(&Key::Origin);
        check_in_order(&self.input, &self.order).map_err(|violations| {
            violations
                .into_iter()
                .filter(|violation| !(cascade && violation.rule() == Rule::O1))
                .collect()
        })
    }

    fn given(&mut self, key: Key) {
        if !self.order.contains(&key) {
            self.order.push(key);
        }
    }
}

type Lowering<T, L> = Result<T, (Problem, L)>;

/// The first of `problems`, for the one-problem API.
fn first<L>(problems: Vec<Violation<L>>) -> Result<(), Violation<L>> {
    problems.into_iter().next().map_or(Ok(()), Err)
}

/// A list key's value, and a problem for each wrong element (or for the whole value).
/// The right elements are kept, so that the rules still check them; a list of nothing
/// but wrong elements is no value at all, not an empty list (whose rule, O1, would only
/// repeat them).
fn list_value<L: Clone>(key: Key, value: Raw<L>) -> (Option<ListValue<L>>, Vec<(Problem, L)>) {
    match value {
        Raw::Star(at) => (Some(ListValue::Any(at)), Vec::new()),
        Raw::Str(text, at) => (
            Some(ListValue::List {
                items: vec![At::new(text, at.clone())],
                at,
            }),
            Vec::new(),
        ),
        Raw::Ident(name, at) if key == Key::Methods => (
            Some(ListValue::List {
                items: vec![At::new(name, at.clone())],
                at,
            }),
            Vec::new(),
        ),
        Raw::List(elements, at) => {
            let written = elements.len();
            let (mut items, mut problems) = (Vec::new(), Vec::new());
            for element in elements {
                match list_element(key, element) {
                    Ok(item) => items.push(item),
                    Err(problem) => problems.push(problem),
                }
            }
            let list = (written == 0 || !items.is_empty()).then_some(ListValue::List { items, at });
            (list, problems)
        }
        other => (None, vec![mismatch(key, &other)]),
    }
}

fn list_element<L: Clone>(key: Key, element: Raw<L>) -> Lowering<At<String, L>, L> {
    match element {
        Raw::Str(text, at) => Ok(At::new(text, at)),
        Raw::Star(at) => Ok(At::new("*".to_owned(), at)),
        Raw::Ident(name, at) if key == Key::Methods => Ok(At::new(name, at)),
        Raw::Ident(name, at) if is_constant_name(&name) || key == Key::Origin => Err((
            wrong_kind(key, &format!("the identifier `{name}`")).help(named_value_help(key, &name)),
            at,
        )),
        Raw::Ident(name, at) => Err((
            wrong_kind(key, &format!("the identifier `{name}`"))
                .help(as_string_help(&header_name(&name))),
            at,
        )),
        other => {
            let (problem, at) = mismatch(key, &other);
            Err((problem, at))
        }
    }
}

fn bool_value<L: Clone>(key: Key, value: Raw<L>) -> Lowering<At<bool, L>, L> {
    match value {
        Raw::Bool(flag, at) => Ok(At::new(flag, at)),
        other => Err(mismatch(key, &other)),
    }
}

fn int_value<L: Clone>(key: Key, value: Raw<L>) -> Lowering<At<i64, L>, L> {
    match value {
        Raw::Int { value, suffix, at } if suffix.is_empty() => Ok(At::new(value, at)),
        other => Err(mismatch(key, &other)),
    }
}

/// K3, naming what was found, with the fix when there is an obvious one.
fn mismatch<L: Clone>(key: Key, value: &Raw<L>) -> (Problem, L) {
    let problem = wrong_kind(key, &value.found());
    let help = match (value, key.kind()) {
        (Raw::Int { value, suffix, .. }, ValueKind::Integer) => {
            Some(suffix_help(key, *value, suffix))
        }
        (Raw::Str(text, _), ValueKind::Integer) => match split_number(text) {
            Some((number, "")) => Some(match outside_range(key, number) {
                Some(range) => format!("remove the quotes; {range}"),
                None => format!("remove the quotes: `{key}: {number}`"),
            }),
            Some((number, suffix)) => Some(suffix_help(key, number, suffix)),
            None => None,
        },
        (Raw::Str(text, _), ValueKind::Bool) if text == "true" || text == "false" => {
            Some(format!("remove the quotes: `{key}: {text}`"))
        }
        (Raw::Ident(name, _), _) => Some(named_value_help(key, name)),
        (Raw::Path(segments, _), _) => Some(named_value_help(
            key,
            segments.last().map_or("", String::as_str),
        )),
        (Raw::Unquoted(text, _), _) => Some(as_string_help(text)),
        (Raw::Other { help, .. }, _) => help.clone(),
        _ => None,
    };
    let problem = match help {
        Some(help) => problem.help(help),
        None => problem,
    };
    (problem, value.at().clone())
}

/// `600ms` → `(600, "ms")`; `"600"` → `(600, "")`; `None` when it does not start with
/// an integer.
fn split_number(text: &str) -> Option<(i64, &str)> {
    let digits_end = text
        .char_indices()
        .find(|&(i, c)| !(c.is_ascii_digit() || (i == 0 && c == '-')))
        .map_or(text.len(), |(i, _)| i);
    let (digits, suffix) = text.split_at(digits_end);
    let number = digits.parse().ok()?;
    suffix
        .chars()
        .all(|c| c.is_ascii_alphanumeric())
        .then_some((number, suffix))
}

/// What the unit of a numeric key is, for a number written with a suffix.
/// What `key` accepts, when it does not accept `number` (A1, S1): said instead of a
/// fix that would be an error itself.
fn outside_range(key: Key, number: i64) -> Option<String> {
    let range = key.integer_range()?;
    (!range.contains(&number)).then(|| {
        format!(
            "`{key}` accepts {} to {}, not {number}",
            range.start(),
            range.end()
        )
    })
}

fn suffix_help(key: Key, value: i64, suffix: &str) -> String {
    if key != Key::MaxAge {
        return match outside_range(key, value) {
            Some(range) => format!("`{key}` is a plain number, without a suffix; {range}"),
            None => format!("`{key}` is a plain number, without a suffix: write `{key}: {value}`"),
        };
    }
    let per_unit = match suffix {
        "s" | "sec" | "secs" | "second" | "seconds" => Some(1),
        "m" | "min" | "mins" | "minute" | "minutes" => Some(60),
        "h" | "hr" | "hrs" | "hour" | "hours" => Some(3600),
        "d" | "day" | "days" => Some(86400),
        "w" | "wk" | "wks" | "week" | "weeks" => Some(604_800),
        _ => None,
    };
    let lead = "`max_age` is a plain number of seconds";
    let seconds = per_unit.and_then(|per_unit| value.checked_mul(per_unit));
    // Whole seconds, rounded up, for milliseconds.
    let ms_seconds = value.div_euclid(1000) + i64::from(value.rem_euclid(1000) != 0);
    let in_seconds = match (seconds, suffix) {
        (Some(seconds), _) => seconds,
        (None, "ms") => ms_seconds,
        (None, _) => value,
    };
    // A value in seconds that `max_age` refuses: what it accepts, not a fix.
    if let Some(range) = outside_range(key, in_seconds) {
        return if in_seconds == value {
            format!("{lead}, without a suffix; {range}")
        } else {
            format!(
                "{lead}, without a unit: `{value}{suffix}` is {in_seconds} seconds, and {range}"
            )
        };
    }
    match (per_unit, seconds) {
        (Some(_), Some(seconds)) => {
            format!("{lead}, without a unit: `{value}{suffix}` is `max_age: {seconds}`")
        }
        _ if suffix == "ms" => {
            format!(
                "{lead}, without a unit: `{value}ms` is not a whole number of seconds; write `max_age: {ms_seconds}` or more"
            )
        }
        _ if is_integer_type(suffix) || matches!(suffix, "f32" | "f64") => {
            format!("{lead}, without a type suffix: write `max_age: {value}`")
        }
        // A unit this help does not know: the number alone may be far from what was
        // meant (a year is not one second), so no fix.
        _ => format!(
            "{lead}, without a suffix: `{suffix}` is no unit of `max_age`; write the seconds, such as `max_age: 600` for ten minutes"
        ),
    }
}

fn is_integer_type(suffix: &str) -> bool {
    matches!(
        suffix,
        "u8" | "u16"
            | "u32"
            | "u64"
            | "u128"
            | "usize"
            | "i8"
            | "i16"
            | "i32"
            | "i64"
            | "i128"
            | "isize"
    )
}

/// `APP_ORIGIN`, `CONTENT_TYPE`: the name of a constant, not a header name typed bare.
fn is_constant_name(name: &str) -> bool {
    name.bytes().any(|b| b.is_ascii_uppercase())
}

/// `CONTENT_TYPE`, `content_type` → `content-type`.
/// The fix for a name written without quotes: `text`, quoted.
fn as_string_help(text: &str) -> String {
    format!("write it as a string: `\"{text}\"`")
}

fn header_name(name: &str) -> String {
    name.to_ascii_lowercase().replace('_', "-")
}

/// For a name (an identifier or the last segment of a path) where a literal belongs:
/// the literal to write in place, and where values that live in code or configuration go.
fn named_value_help(key: Key, name: &str) -> String {
    let lead = "`cors!` reads values written in place, not constants or variables";
    let runtime = "; for values that live in constants, variables or configuration, build the policy at run time with `Policy::builder()`";
    match key {
        Key::Origin => format!(
            "{lead}: write the origin itself, as in `\"https://app.example.com\"`{runtime} (or keep this policy and take its origins from configuration with `WithOrigins`)"
        ),
        Key::Methods => format!("{lead}: write the method itself, `{name}`{runtime}"),
        Key::AllowHeaders | Key::ExposeHeaders => format!(
            "{lead}: write the header name as a string, `\"{}\"`{runtime}",
            header_name(name)
        ),
        _ => match key.kind() {
            ValueKind::Bool => format!("{lead}: write `true` or `false`{runtime}"),
            _ => format!("{lead}: write the number itself{runtime}"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn int(value: i64, suffix: &str) -> Raw<()> {
        Raw::Int {
            value,
            suffix: suffix.to_owned(),
            at: (),
        }
    }

    fn help(key: &str, value: Raw<()>) -> (Rule, String) {
        let violation = Intake::new(()).entry(key, (), value).unwrap_err();
        (violation.rule(), violation.problem.help.unwrap_or_default())
    }

    #[test]
    fn k3_numbers_with_a_suffix_say_the_unit() {
        assert_eq!(
            help("max_age", int(600, "ms")),
            (
                Rule::K3,
                "`max_age` is a plain number of seconds, without a unit: `600ms` is not a whole number of seconds; write `max_age: 1` or more".to_owned()
            )
        );
        assert_eq!(
            help("max_age", int(1, "h")).1,
            "`max_age` is a plain number of seconds, without a unit: `1h` is `max_age: 3600`"
        );
        assert_eq!(
            help("max_age", int(600, "s")).1,
            "`max_age` is a plain number of seconds, without a unit: `600s` is `max_age: 600`"
        );
        assert_eq!(
            help("max_age", int(600, "u8")).1,
            "`max_age` is a plain number of seconds, without a type suffix: write `max_age: 600`"
        );
        assert_eq!(
            help("preflight_status", int(200, "u16")).1,
            "`preflight_status` is a plain number, without a suffix: write `preflight_status: 200`"
        );
        // A configuration's string gets the same advice.
        assert_eq!(
            help("max_age", Raw::Str("10m".into(), ())).1,
            "`max_age` is a plain number of seconds, without a unit: `10m` is `max_age: 600`"
        );
        assert_eq!(
            help("max_age", Raw::Str("600".into(), ())).1,
            "remove the quotes: `max_age: 600`"
        );
        assert_eq!(help("credentials", Raw::Str("yes".into(), ())).1, "");
        // A week is seconds the key refuses; an unknown unit gets no number as its fix.
        assert_eq!(
            help("max_age", int(1, "w")).1,
            "`max_age` is a plain number of seconds, without a unit: `1w` is 604800 seconds, and `max_age` accepts 0 to 86400, not 604800"
        );
        assert_eq!(
            help("max_age", int(1, "y")).1,
            "`max_age` is a plain number of seconds, without a suffix: `y` is no unit of `max_age`; write the seconds, such as `max_age: 600` for ten minutes"
        );
    }

    /// A number the key refuses (A1, S1) is never given as the fix: what the key
    /// accepts is said instead.
    #[test]
    fn k3_suggests_no_number_its_key_refuses() {
        assert_eq!(
            help("max_age", int(2, "d")).1,
            "`max_age` is a plain number of seconds, without a unit: `2d` is 172800 seconds, and `max_age` accepts 0 to 86400, not 172800"
        );
        assert_eq!(
            help("max_age", int(-5, "s")).1,
            "`max_age` is a plain number of seconds, without a suffix; `max_age` accepts 0 to 86400, not -5"
        );
        assert_eq!(
            help("max_age", Raw::Str("100000".into(), ())).1,
            "remove the quotes; `max_age` accepts 0 to 86400, not 100000"
        );
        assert_eq!(
            help("preflight_status", int(400, "u16")).1,
            "`preflight_status` is a plain number, without a suffix; `preflight_status` accepts 200 to 299, not 400"
        );
        for (key, value) in [
            ("max_age", int(100_000, "u32")),
            ("max_age", int(200_000_000, "ms")),
            ("preflight_status", Raw::Str("400".into(), ())),
        ] {
            let text = help(key, value).1;
            assert!(!text.contains(&format!("`{key}: ")), "{text}");
        }
    }

    #[test]
    fn k3_names_point_to_literals_and_the_builder() {
        let (rule, text) = help("origin", Raw::Ident("APP_ORIGIN".into(), ()));
        assert_eq!(rule, Rule::K3);
        assert!(text.contains("`\"https://app.example.com\"`"), "{text}");
        assert!(text.contains("`Policy::builder()`") && text.contains("`WithOrigins`"));
        assert!(!text.contains("APP-ORIGIN"));
        let list = Raw::List(
            vec![Raw::Path(vec!["header".into(), "CONTENT_TYPE".into()], ())],
            (),
        );
        assert!(help("allow_headers", list).1.contains("`\"content-type\"`"));
        let list = Raw::List(vec![Raw::Path(vec!["Method".into(), "PUT".into()], ())], ());
        assert!(
            help("methods", list)
                .1
                .contains("write the method itself, `PUT`")
        );
    }

    #[test]
    fn k3_an_unquoted_name_is_shown_as_written_and_quoted_as_the_fix() {
        for (key, value) in [
            (
                "allow_headers",
                Raw::List(vec![Raw::Unquoted("Content-Type".into(), ())], ()),
            ),
            ("expose_headers", Raw::Unquoted("Content-Type".into(), ())),
        ] {
            let problem = Intake::new(()).entry(key, (), value).unwrap_err().problem;
            assert_eq!(problem.rule, Rule::K3);
            // As written: not lowercased, unlike an identifier's `content_type` fix.
            assert!(
                problem.message.ends_with("found `Content-Type`"),
                "{}",
                problem.message
            );
            assert_eq!(
                problem.help.as_deref(),
                Some("write it as a string: `\"Content-Type\"`")
            );
        }
    }

    #[test]
    fn every_key_has_a_slot_of_its_kind() {
        let mut input = PolicyInput::new(());
        for &key in Key::ALL {
            let kind = match input.slot(key) {
                Slot::List(_) => ValueKind::List,
                Slot::Bool(_) => ValueKind::Bool,
                Slot::Integer(_) => ValueKind::Integer,
            };
            assert_eq!(kind, key.kind(), "{key}");
        }
    }
}
