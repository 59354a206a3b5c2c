//! `Deserialize` for [`Policy`], [`PolicyBuilder`] and [`OriginList`] (feature `serde`):
//! a configuration file is read into the same [`PolicyInput`](cors_core::PolicyInput)
//! the macro fills, with the same key rules (K1–K3), then checked by the same `check`.
//!
//! The value of each key is read as whatever the format holds (`deserialize_any`), so that
//! a value of the wrong kind is a K3 problem naming the key, as in `cors!`, rather than the
//! format's own type error. Formats that are not self-describing (bincode, postcard)
//! cannot hold a policy.

use std::fmt;

use cors_core::{At, Key, ListValue, Problem, ValueKind, duplicate_key, unknown_key, wrong_kind};
use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::{Location, OriginList, Policy, PolicyBuilder};

/// Any value of a self-describing format, as far as a policy cares.
enum Raw {
    Str(String),
    Bool(bool),
    /// An integer; one beyond `i64` is clamped, so that the range rules (A1, S1) explain
    /// it, as `cors!` does with a literal too large for `i64`.
    Int(i64),
    /// A number with a fraction or exponent.
    Float(f64),
    List(Vec<Raw>),
    Map,
    Null,
}

impl Raw {
    /// What was written, in the words of the macro's K3 messages where it has the same
    /// kind of value ("the string \"600\"", "a number", "a list").
    fn found(&self) -> String {
        match self {
            Raw::Str(text) => format!("the string {text:?}"),
            Raw::Bool(value) => format!("`{value}`"),
            Raw::Int(_) => "a number".to_owned(),
            Raw::Float(number) => format!("the floating-point number `{number:?}`"),
            Raw::List(_) => "a list".to_owned(),
            Raw::Map => "a map".to_owned(),
            Raw::Null => "`null`".to_owned(),
        }
    }
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string, a boolean, a number or a list")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Raw, E> {
        Ok(Raw::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Raw, E> {
        Ok(Raw::Int(value))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Raw, E> {
        Ok(Raw::Int(i64::try_from(value).unwrap_or(i64::MAX)))
    }

    fn visit_i128<E>(self, value: i128) -> Result<Raw, E> {
        Ok(Raw::Int(clamp(value)))
    }

    fn visit_u128<E>(self, value: u128) -> Result<Raw, E> {
        Ok(Raw::Int(i64::try_from(value).unwrap_or(i64::MAX)))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Raw, E> {
        // A format without big integers (JSON by default) reads `99999999999999999999999`
        // as a float: beyond `i64`, a whole number is an integer too large, as above.
        let beyond = value.fract() == 0.0 && !(i64::MIN as f64..i64::MAX as f64).contains(&value);
        Ok(if beyond {
            Raw::Int(if value > 0.0 { i64::MAX } else { i64::MIN })
        } else {
            Raw::Float(value)
        })
    }

    fn visit_str<E>(self, value: &str) -> Result<Raw, E> {
        Ok(Raw::Str(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Raw, E> {
        Ok(Raw::Str(value))
    }

    fn visit_unit<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }

    fn visit_none<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Raw, D::Error> {
        Raw::deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Raw, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Raw::List(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Raw::Map)
    }
}

fn clamp(value: i128) -> i64 {
    i64::try_from(value).unwrap_or(if value > 0 { i64::MAX } else { i64::MIN })
}

type Lowering<T> = Result<T, (Problem, Location)>;

/// A list key's value: a string (a list of one), a list of strings, or `"*"` (any).
fn list_value(key: Key, raw: Raw) -> Lowering<ListValue<Location>> {
    let at = Location::key(key);
    match raw {
        Raw::Str(text) if text == "*" => Ok(ListValue::Any(at)),
        Raw::Str(text) => Ok(ListValue::List {
            items: vec![At::new(text, at.clone())],
            at,
        }),
        Raw::List(elements) => {
            let items = elements
                .into_iter()
                .enumerate()
                .map(|(index, element)| {
                    let at = Location::entry(key.name(), index);
                    match element {
                        Raw::Str(text) => Ok(At::new(text, at)),
                        other => Err((wrong_kind(key, &other.found()), at)),
                    }
                })
                .collect::<Lowering<Vec<_>>>()?;
            Ok(ListValue::List { items, at })
        }
        other => Err(mismatch(key, &other)),
    }
}

fn bool_value(key: Key, raw: Raw) -> Lowering<At<bool, Location>> {
    match raw {
        Raw::Bool(value) => Ok(At::new(value, Location::key(key))),
        other => Err(mismatch(key, &other)),
    }
}

fn int_value(key: Key, raw: Raw) -> Lowering<At<i64, Location>> {
    match raw {
        Raw::Int(value) => Ok(At::new(value, Location::key(key))),
        other => Err(mismatch(key, &other)),
    }
}

/// K3 at the key, with the macro's fix for a quoted scalar (the twin-rule table keeps
/// the wording the same as `cors!`'s).
fn mismatch(key: Key, raw: &Raw) -> (Problem, Location) {
    let mut problem = wrong_kind(key, &raw.found());
    if let (Raw::Str(text), ValueKind::Integer | ValueKind::Bool) = (raw, key.kind()) {
        problem = problem.help(format!("remove the quotes: `{key}: {text}`"));
    }
    (problem, Location::key(key))
}

/// Sets `key` of `builder` from `raw`.
fn set(builder: &mut PolicyBuilder, key: Key, raw: Raw) -> Lowering<()> {
    let input = &mut builder.input;
    match key {
        Key::Origin => input.origin = Some(list_value(key, raw)?),
        Key::Methods => input.methods = Some(list_value(key, raw)?),
        Key::AllowHeaders => input.allow_headers = Some(list_value(key, raw)?),
        Key::ExposeHeaders => input.expose_headers = Some(list_value(key, raw)?),
        Key::Credentials => input.credentials = Some(bool_value(key, raw)?),
        Key::MaxAge => input.max_age = Some(int_value(key, raw)?),
        Key::PrivateNetwork => input.private_network = Some(bool_value(key, raw)?),
        Key::PreflightStatus => input.preflight_status = Some(int_value(key, raw)?),
        Key::PreflightContinue => input.preflight_continue = Some(bool_value(key, raw)?),
        Key::DangerouslyAllowNullOrigin => {
            input.dangerously_allow_null_origin = Some(bool_value(key, raw)?);
        }
        Key::DangerouslyAllowInsecureOrigins => {
            input.dangerously_allow_insecure_origins = Some(bool_value(key, raw)?);
        }
        Key::CrossOriginProtection => {
            input.cross_origin_protection = Some(bool_value(key, raw)?);
        }
    }
    Ok(())
}

/// Reads a policy table or object without checking it: key problems (K1–K3) are kept
/// for [`PolicyBuilder::build`], which reports them first, then every rule's.
///
/// ```
/// use cors_runtime::{PolicyBuilder, Rule};
///
/// let builder: PolicyBuilder = serde_json::from_str(r#"{ "orign": "https://a.example" }"#)?;
/// let error = builder.build().unwrap_err();
/// assert_eq!(error.violations().len(), 1); // K1 only: `origin` is not "missing" on top
/// assert_eq!(error.violations()[0].rule(), Rule::K1);
/// assert_eq!(error.violations()[0].problem.help.as_deref(), Some("did you mean `origin`?"));
/// # Ok::<(), serde_json::Error>(())
/// ```
impl<'de> Deserialize<'de> for PolicyBuilder {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(BuilderVisitor)
    }
}

struct BuilderVisitor;

impl<'de> Visitor<'de> for BuilderVisitor {
    type Value = PolicyBuilder;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a CORS policy: a map of keys such as `origin`, `methods`, `credentials`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<PolicyBuilder, A::Error> {
        let mut builder = PolicyBuilder::new();
        let mut seen: Vec<Key> = Vec::new();
        while let Some(name) = map.next_key::<String>()? {
            let raw: Raw = map.next_value()?;
            let Some(key) = Key::from_name(&name) else {
                builder.origin_attempted |= cors_core::suggest_key(&name) == Some(Key::Origin);
                builder
                    .problems
                    .push(unknown_key(&name).at(Location::Key(name.into())));
                continue;
            };
            builder.origin_attempted |= key == Key::Origin;
            if seen.contains(&key) {
                builder
                    .problems
                    .push(duplicate_key(key).at(Location::key(key)));
                continue;
            }
            seen.push(key);
            if let Err((problem, at)) = set(&mut builder, key, raw) {
                builder.problems.push(problem.at(at));
            }
        }
        Ok(builder)
    }
}

/// Reads and checks a policy: any problem is the deserializer's error, whose text is the
/// whole [`PolicyError`](crate::PolicyError) (every problem, each with its place).
///
/// Keys are the `cors!` keys; `origin` takes a string, a list of strings, or `"*"`;
/// `methods`, `allow_headers` and `expose_headers` a list of strings or `"*"`.
///
/// ```
/// use cors_runtime::{CorsPolicy, Policy};
///
/// let policy: Policy = toml::from_str(r#"
///     origin = ["https://app.example.com", "https://*.example.org"]
///     methods = ["PUT", "DELETE"]
///     allow_headers = ["content-type"]
///     credentials = true
///     max_age = 600
/// "#)?;
/// assert!(policy.allows_origin(b"https://eu.example.org"));
///
/// let error = serde_json::from_str::<Policy>(r#"{ "origin": "*", "credentials": true }"#).unwrap_err();
/// assert!(error.to_string().starts_with(
///     "invalid CORS policy (1 error)\norigin: `*` cannot be used with `credentials: true`"
/// ));
/// # Ok::<(), toml::de::Error>(())
/// ```
impl<'de> Deserialize<'de> for Policy {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        PolicyBuilder::deserialize(deserializer)?
            .build()
            .map_err(de::Error::custom)
    }
}

/// Reads origins for [`WithOrigins`](crate::WithOrigins): what `origin` takes (a string, a
/// list of strings, or `"*"`), placed as `origin[n]` in errors. Checked by
/// `WithOrigins::new`.
///
/// ```
/// use cors_runtime::{cors, OriginList, Rule, WithOrigins};
///
/// let origins: OriginList = serde_json::from_str(r#"["https://app.example.com"]"#)?;
/// let policy = WithOrigins::new(cors! { origin: "http://localhost:3000" }, origins);
/// assert!(policy.is_ok());
///
/// let origins: OriginList = serde_json::from_str("42")?;
/// let error = WithOrigins::new(cors! { origin: "http://localhost:3000" }, origins).unwrap_err();
/// assert_eq!(error.violations()[0].rule(), Rule::K3);
/// # Ok::<(), serde_json::Error>(())
/// ```
impl<'de> Deserialize<'de> for OriginList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut origins = OriginList::new();
        match list_value(Key::Origin, Raw::deserialize(deserializer)?) {
            Ok(list) => origins.builder.input.origin = Some(list),
            Err((problem, at)) => {
                origins.builder.origin_attempted = true;
                origins.builder.problems.push(problem.at(at));
            }
        }
        Ok(origins)
    }
}
