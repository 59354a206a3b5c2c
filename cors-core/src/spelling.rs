//! The same advice in the words of each source: a help written in the macro's syntax
//! (`` `max_age: 7200` ``) is shown to a TOML user as `` `max_age = 7200` ``, to a builder
//! user as `` `.max_age(7200)` ``, and for origins read from an environment variable as
//! `` `CORS_ORIGINS=https://app.example.com` ``.
//!
//! Rules write their helps once, in the macro's syntax; [`Spelling::reword`] rewrites
//! every backquoted `key: value` snippet whose key is a [`Key`], and nothing else.

use crate::key::Key;

/// How a source writes a key and its value.
///
/// # Example
///
/// ```
/// use cors_policy_core::Spelling;
///
/// let help = "write `max_age: 7200`";
/// assert_eq!(Spelling::Macro.reword(help), help); // the rules' own syntax
/// assert_eq!(Spelling::Config.reword(help), "write `max_age = 7200`");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Spelling {
    /// `cors! { max_age: 7200 }`: as the rules write their helps.
    Macro,
    /// A configuration file (TOML shown; the keys are the same in JSON or YAML):
    /// `max_age = 7200`.
    Config,
    /// `Policy::builder().max_age(7200)`.
    Builder,
    /// Origins from this environment variable: `CORS_ORIGINS=https://a.example,https://b.example`.
    /// Other keys are spelled as for the builder.
    Env(String),
}

impl Spelling {
    /// `text` with each `` `key: value` `` snippet spelled for this source.
    ///
    /// ```
    /// use cors_policy_core::Spelling;
    ///
    /// let help = "add `origin: [\"https://app.example.com\"]` (or `origin: *` for a public API)";
    /// assert_eq!(
    ///     Spelling::Config.reword(help),
    ///     "add `origin = [\"https://app.example.com\"]` (or `origin = \"*\"` for a public API)"
    /// );
    /// assert_eq!(
    ///     Spelling::Builder.reword(help),
    ///     "add `.origin(\"https://app.example.com\")` (or `.any_origin()` for a public API)"
    /// );
    /// assert_eq!(
    ///     Spelling::Env("CORS_ORIGINS".into()).reword(help),
    ///     "add `CORS_ORIGINS=https://app.example.com` (or `CORS_ORIGINS=*` for a public API)"
    /// );
    /// assert_eq!(Spelling::Builder.reword("write `max_age: 7200` or less"), "write `.max_age(7200)` or less");
    /// ```
    pub fn reword(&self, text: &str) -> String {
        if *self == Spelling::Macro {
            return text.to_owned();
        }
        // Backquoted spans are at odd positions of a split on '`'.
        text.split('`')
            .enumerate()
            .map(
                |(i, part)| match (i % 2 == 1).then(|| self.snippet(part)).flatten() {
                    Some(reworded) => reworded,
                    None => part.to_owned(),
                },
            )
            .collect::<Vec<_>>()
            .join("`")
    }

    /// One snippet, if it is `key: value`.
    fn snippet(&self, snippet: &str) -> Option<String> {
        let (name, value) = snippet.split_once(": ")?;
        let key = Key::from_name(name)?;
        let value = Value::parse(value);
        Some(match self {
            Spelling::Macro => snippet.to_owned(),
            Spelling::Config => format!("{key} = {}", value.quoted()),
            Spelling::Env(var) if key == Key::Origin => format!("{var}={}", value.env()),
            Spelling::Builder | Spelling::Env(_) => match (key, &value) {
                (Key::Origin, Value::Star) => ".any_origin()".to_owned(),
                (Key::Origin, Value::Scalar(origin)) => format!(".origin({origin})"),
                (Key::Origin, Value::List(origins)) if origins.len() == 1 => {
                    format!(".origin({})", origins[0])
                }
                (Key::Origin, Value::List(_)) => format!(".origins({})", value.quoted()),
                (_, _) => format!(".{key}({})", value.quoted()),
            },
        })
    }
}

/// A value as a help writes it: `*`, a scalar (`true`, `7200`, `"https://a.example"`),
/// or a list of entries (strings, `*`, bare methods).
enum Value {
    Star,
    Scalar(String),
    List(Vec<String>),
}

impl Value {
    fn parse(text: &str) -> Value {
        if text == "*" {
            return Value::Star;
        }
        match text
            .strip_prefix('[')
            .and_then(|inner| inner.strip_suffix(']'))
        {
            Some(inner) => Value::List(
                inner
                    .split(',')
                    .map(str::trim)
                    .filter(|entry| !entry.is_empty())
                    .map(str::to_owned)
                    .collect(),
            ),
            None => Value::Scalar(text.to_owned()),
        }
    }

    /// As a configuration or a builder writes it: every entry a string.
    fn quoted(&self) -> String {
        let quote = |entry: &str| {
            if entry.starts_with('"') {
                entry.to_owned()
            } else {
                format!("\"{entry}\"")
            }
        };
        match self {
            Value::Star => "\"*\"".to_owned(),
            Value::Scalar(text) => text.clone(),
            Value::List(entries) => {
                let entries: Vec<String> = entries.iter().map(|entry| quote(entry)).collect();
                format!("[{}]", entries.join(", "))
            }
        }
    }

    /// As an environment variable's comma-separated list writes it.
    fn env(&self) -> String {
        let bare = |entry: &str| entry.trim_matches('"').to_owned();
        match self {
            Value::Star => "*".to_owned(),
            Value::Scalar(text) => bare(text),
            Value::List(entries) => entries
                .iter()
                .map(|entry| bare(entry))
                .collect::<Vec<_>>()
                .join(","),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_key_snippets_change() {
        let help =
            "write `*` alone (or `[\"*\", \"authorization\"]`), or list the headers without `*`";
        assert_eq!(Spelling::Config.reword(help), help);
        assert_eq!(
            Spelling::Config.reword(
                "remove it, or add `dangerously_allow_null_origin: true` if you accept that"
            ),
            "remove it, or add `dangerously_allow_null_origin = true` if you accept that"
        );
        assert_eq!(
            Spelling::Builder.reword("write `methods: [PUT, \"PROPFIND\"]`"),
            "write `.methods([\"PUT\", \"PROPFIND\"])`"
        );
        assert_eq!(
            Spelling::Builder.reword("write `origin: \"https://a.example\"`"),
            "write `.origin(\"https://a.example\")`"
        );
        assert_eq!(Spelling::Macro.reword("`max_age: 1`"), "`max_age: 1`");
        assert_eq!(Spelling::Config.reword("`colour: 1`"), "`colour: 1`");
    }
}
