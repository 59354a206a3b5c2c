//! Every violation of a runtime configuration, reported together like `cors!` does.

use std::fmt;

use cors_policy_core::{Rule, Spelling, Violation};

use crate::Location;

/// Why a runtime configuration is not a valid policy: every problem found, each with
/// its [`Location`], in the order of the configuration: key problems (K1–K3) first, then
/// every rule's, key by key as the keys were given (builder calls in call order; a file in
/// the order its format's deserializer hands the keys over: file order for `serde_json`,
/// sorted for `toml` without its `preserve_order` feature), entries in list order.
///
/// Each message is the one `cors!` gives for the same mistake (the rules are one
/// implementation, in `cors-policy-core`); each suggested fix is worded for the source the
/// value came from (`max_age = 7200` for a configuration file, `.max_age(7200)` for the
/// builder, `CORS_ORIGINS=…` for an environment variable). `Display` lists them all, one
/// per line with the place first and the fix below; `Debug` prints the same report, so
/// that `fn main() -> Result<(), Box<dyn Error>>`, `anyhow` and `eyre` show it readably.
///
/// # Example
///
/// ```
/// use cors_runtime::{Policy, Rule};
///
/// let error = Policy::builder()
///     .origin("https://app.example.com/")
///     .methods(["patch"])
///     .build()
///     .unwrap_err();
/// let rules: Vec<Rule> = error.violations().iter().map(|v| v.rule()).collect();
/// assert_eq!(rules, [Rule::O4, Rule::M5]);
/// assert_eq!(
///     error.to_string(),
///     "invalid CORS policy (2 errors)\n\
///      origin[0]: origin `https://app.example.com/` ends with a slash; an origin has no path, \
///      and browsers never send one [O4]\n  = help: write `https://app.example.com`\n\
///      methods[0]: `patch` is not normalized by browsers: a page's `patch` is sent as `patch`, \
///      and `PATCH` routes will not match it [M5]\n  = help: write `PATCH` (and have pages send `PATCH`)"
/// );
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct PolicyError {
    violations: Vec<Violation<Location>>,
}

impl PolicyError {
    /// Wraps the violations found (never none), their fixes worded for `spelling`, the
    /// source of the configuration; entries read from an environment variable are worded
    /// for that variable.
    pub(crate) fn new(violations: Vec<Violation<Location>>, spelling: &Spelling) -> Self {
        debug_assert!(!violations.is_empty(), "an error without a violation");
        // The words of the source that wrote the value at `at`.
        let spelling_at = |at: &Location| match at {
            Location::Env(var) | Location::EnvEntry(var, _) => Spelling::Env(var.clone()),
            _ => spelling.clone(),
        };
        let violations = violations
            .into_iter()
            .map(|mut violation| {
                if let Some(help) = &mut violation.problem.help {
                    *help = spelling_at(&violation.at).reword(help);
                }
                if let Some(related) = &mut violation.related {
                    // A note is worded for its own place, not the violation's: with
                    // origins from a variable, a file's `credentials = true` stays a
                    // file's. A flag of the wrapped policy keeps the policy language's
                    // words: it was written in `cors!`, a builder or a file, not here.
                    if !matches!(related.at, Location::Inherited(_)) {
                        related.message = spelling_at(&related.at).reword(&related.message);
                    }
                }
                violation
            })
            .collect();
        PolicyError { violations }
    }

    /// Every problem, with its place, in configuration order.
    ///
    /// ```
    /// use cors_runtime::{Location, Policy, Rule};
    ///
    /// let error = Policy::builder().any_origin().credentials(true).build().unwrap_err();
    /// let violation = &error.violations()[0];
    /// assert_eq!(violation.rule(), Rule::O3);
    /// assert_eq!(violation.at, Location::entry("origin", 0));
    /// assert_eq!(violation.problem.help.as_deref(), Some("list the origins that may send credentials"));
    /// ```
    pub fn violations(&self) -> &[Violation<Location>] {
        &self.violations
    }

    /// Whether some violation breaks `rule`.
    ///
    /// ```
    /// use cors_runtime::{Policy, Rule};
    ///
    /// let error = Policy::builder().build().unwrap_err();
    /// assert!(error.breaks(Rule::O1));
    /// ```
    pub fn breaks(&self, rule: Rule) -> bool {
        self.violations
            .iter()
            .any(|violation| violation.rule() == rule)
    }
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.violations.len();
        write!(
            f,
            "invalid CORS policy ({count} error{})",
            if count == 1 { "" } else { "s" }
        )?;
        for violation in &self.violations {
            let problem = &violation.problem;
            write!(
                f,
                "\n{}: {} [{}]",
                violation.at, problem.message, problem.rule
            )?;
            if let Some(help) = &problem.help {
                write!(f, "\n  = help: {help}")?;
            }
            if let Some(related) = &violation.related {
                write!(f, "\n  = note: {}: {}", related.at, related.message)?;
            }
        }
        Ok(())
    }
}

/// The same report as `Display`: what `main` returning `Result<(), Box<dyn Error>>`,
/// `unwrap`, `anyhow` and `eyre` print.
///
/// ```
/// use cors_runtime::Policy;
///
/// let error = Policy::builder().any_origin().credentials(true).build().unwrap_err();
/// assert_eq!(format!("{error:?}"), error.to_string());
/// assert!(format!("{error:?}").contains("\n  = note: credentials: `.credentials(true)` is set here"));
/// ```
impl fmt::Debug for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for PolicyError {}
