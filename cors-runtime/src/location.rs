//! Where a value of a runtime configuration was written: the runtime counterpart of the
//! macro's spans.

use std::borrow::Cow;
use std::fmt;

use cors_policy_core::Key;

/// The place of a configuration value, as error messages name it.
///
/// A `cors!` error points at a token; a runtime configuration error points at a key
/// (`max_age`), an entry of a list (`origin[1]`), or an entry of an environment variable
/// (`$CORS_ORIGINS[0]`).
///
/// # Example
///
/// ```
/// use cors_runtime::{Location, Policy};
///
/// let error = Policy::builder()
///     .origins(["https://a.example", "https://b.example/"])
///     .build()
///     .unwrap_err();
/// assert_eq!(error.violations()[0].at, Location::entry("origin", 1));
/// assert_eq!(error.violations()[0].at.to_string(), "origin[1]");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Location {
    /// The policy as a whole (where a missing `origin` is reported).
    Policy,
    /// A key and its whole value, such as `max_age`; also an unknown key, as written
    /// (shown escaped and cut to 64 characters: `Display` never prints a newline).
    Key(Cow<'static, str>),
    /// One entry of a list key: `origin[1]` (counted from 0).
    Entry(Cow<'static, str>, usize),
    /// An environment variable as a whole: `$CORS_ORIGINS`.
    Env(String),
    /// One entry of an environment variable's comma-separated list:
    /// `$CORS_ORIGINS[1]` (counted from 0, empty entries skipped).
    EnvEntry(String, usize),
    /// A flag [`WithOrigins`](crate::WithOrigins) takes from the policy it wraps (its
    /// `credentials`, for instance): written there, not in the origin list.
    ///
    /// ```
    /// use cors_runtime::engine::Key;
    /// use cors_runtime::Location;
    /// assert_eq!(Location::Inherited(Key::Credentials).to_string(), "the wrapped policy's credentials");
    /// ```
    Inherited(Key),
}

impl Location {
    /// A key of the policy language.
    ///
    /// ```
    /// use cors_runtime::{Location};
    /// use cors_runtime::engine::{Key};
    /// assert_eq!(Location::key(Key::MaxAge).to_string(), "max_age");
    /// ```
    pub fn key(key: Key) -> Self {
        Location::Key(Cow::Borrowed(key.name()))
    }

    /// Entry `index` of the list key named `key`.
    ///
    /// ```
    /// use cors_runtime::Location;
    /// assert_eq!(Location::entry("methods", 2).to_string(), "methods[2]");
    /// ```
    pub fn entry(key: impl Into<Cow<'static, str>>, index: usize) -> Self {
        Location::Entry(key.into(), index)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Policy => f.write_str("the policy"),
            // An unknown key is the file's text (so is the key of an entry under a
            // mistyped list key): escaped and cut, so that it cannot forge a line of a
            // report.
            Location::Key(key) => f.write_str(&cors_policy_core::shown_key(key)),
            Location::Entry(key, index) => {
                write!(f, "{}[{index}]", cors_policy_core::shown_key(key))
            }
            Location::Env(var) => write!(f, "${var}"),
            Location::EnvEntry(var, index) => write!(f, "${var}[{index}]"),
            Location::Inherited(key) => write!(f, "the wrapped policy's {key}"),
        }
    }
}
