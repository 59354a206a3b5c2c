//! `Deserialize` for [`Policy`], [`PolicyBuilder`] and [`OriginList`] (feature `serde`):
//! a configuration file is read into the same [`PolicyInput`](cors_policy_core::PolicyInput)
//! the macro fills, with the same key rules (K1–K3), then checked by the same `check`.
//!
//! The value of each key is read as whatever the format holds (`deserialize_any`), so that
//! a value of the wrong kind is a K3 problem naming the key, as in `cors!`, rather than the
//! format's own type error. Formats that are not self-describing (bincode, postcard)
//! cannot hold a policy.

use std::borrow::Cow;
use std::fmt;

use cors_policy_core::{Key, Spelling, ValueKind, suggest_key};
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
    /// A TOML date or time (`max_age = 00:10:00`), as written.
    DateTime(String),
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
            Raw::DateTime(text) => format!("the date or time `{}`", text.escape_debug()),
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
        // A format without big integers (JSON by default) reads an integer beyond `u64`
        // (`99999999999999999999999`) or below `i64` as a float: a whole number there is
        // an integer too large, as above. Any other float was written as one (`1e19`):
        // K3, as in `cors!`.
        let beyond = value.fract() == 0.0 && !(i64::MIN as f64..u64::MAX as f64).contains(&value);
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
        // `toml` hands a date or time over as a map of one private key, its value the
        // text: said as what was written, not as a map.
        // A key of any kind (a format's map need not have string keys), read as a value.
        let first = map.next_key::<Raw>()?;
        if matches!(&first, Some(Raw::Str(name)) if name == "$__toml_private_datetime") {
            let text: String = map.next_value()?;
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            return Ok(Raw::DateTime(text));
        }
        if first.is_some() {
            map.next_value::<IgnoredAny>()?;
        }
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Raw::Map)
    }
}

fn clamp(value: i128) -> i64 {
    i64::try_from(value).unwrap_or(if value > 0 { i64::MAX } else { i64::MIN })
}

impl Raw {
    /// The value of `key` for the shared intake, placed at `name` (the key as written,
    /// and list entries at `name[n]`). A `"*"` is a list key's bare `*`; inside a list it
    /// is an entry like any other.
    fn into_intake(
        self,
        name: Cow<'static, str>,
        key: Option<Key>,
    ) -> cors_policy_core::Raw<Location> {
        let at = Location::Key(name.clone());
        let list_key = key.is_some_and(|key| key.kind() == ValueKind::List);
        match self {
            Raw::Str(text) if text == "*" && list_key => cors_policy_core::Raw::Star(at),
            Raw::List(items) => cors_policy_core::Raw::List(
                items
                    .into_iter()
                    .enumerate()
                    .map(|(index, item)| item.into_intake_at(Location::entry(name.clone(), index)))
                    .collect(),
                at,
            ),
            other => other.into_intake_at(at),
        }
    }

    /// One value at `at`; a list inside a list is refused by the intake as "a list".
    fn into_intake_at(self, at: Location) -> cors_policy_core::Raw<Location> {
        match self {
            Raw::Str(text) => cors_policy_core::Raw::Str(text, at),
            Raw::Bool(value) => cors_policy_core::Raw::Bool(value, at),
            Raw::Int(value) => cors_policy_core::Raw::Int {
                value,
                suffix: String::new(),
                at,
            },
            Raw::List(_) => cors_policy_core::Raw::List(Vec::new(), at),
            other => cors_policy_core::Raw::Other {
                found: other.found(),
                help: None,
                at,
            },
        }
    }
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
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
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
        builder.spelling = Spelling::Config;
        // Read whole first, so that the intake knows every key the file gives (as the
        // macro tells it): a mistyped key is not checked as, nor told to become, a key
        // given later in the file.
        let mut entries: Vec<(String, Raw)> = Vec::new();
        while let Some(name) = map.next_key::<String>()? {
            entries.push((name, map.next_value()?));
        }
        for (name, _) in &entries {
            builder.intake.will_give(name);
        }
        for (name, raw) in entries {
            // An unknown key's value is read as the key it suggests (the intake checks it
            // as that key), placed at the key as written.
            let (written, key): (Cow<'static, str>, _) = match Key::from_name(&name) {
                Some(key) => (key.name().into(), Some(key)),
                None => (name.clone().into(), suggest_key(&name)),
            };
            let at = Location::Key(written.clone());
            let problems = builder
                .intake
                .entry_all(&name, at, raw.into_intake(written, key));
            builder.problems.extend(problems);
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
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl<'de> Deserialize<'de> for Policy {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        PolicyBuilder::deserialize(deserializer)?
            .build()
            .map_err(de::Error::custom)
    }
}

/// Reads origins for [`WithOrigins`](crate::WithOrigins): what `origin` takes (a string, a
/// list of strings, or `"*"`), placed as `origin[n]` in errors. Checked by
/// `WithOrigins::new`. A list has no key for the dangerous opt-ins, so its fixes name
/// `OriginList`'s methods (`.dangerously_allow_null_origin(true)`).
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
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl<'de> Deserialize<'de> for OriginList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // The fixes keep the builder's words (`.dangerously_allow_null_origin(true)`):
        // they are `OriginList`'s methods too, while a file holding a bare list has no
        // key to turn an opt-in on (`dangerously_allow_null_origin = true` could not be
        // followed).
        let mut origins = OriginList::new();
        let raw = Raw::deserialize(deserializer)?
            .into_intake(Key::Origin.name().into(), Some(Key::Origin));
        let problems = origins.builder.intake.set_all(Key::Origin, raw);
        origins.builder.problems.extend(problems);
        Ok(origins)
    }
}
