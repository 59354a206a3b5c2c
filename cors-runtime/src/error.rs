//! Every violation of a runtime configuration, reported together like `cors!` does.

use std::fmt;

use cors_core::{Rule, Violation};

use crate::Location;

/// Why a runtime configuration is not a valid policy: every problem found, each with
/// its [`Location`], in the order of the configuration.
///
/// Each message is the one `cors!` gives for the same mistake (the rules are one
/// implementation, in `cors-core`); `Display` lists them all, one per line with the place
/// first and the suggested fix below.
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
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyError {
    violations: Vec<Violation<Location>>,
}

impl PolicyError {
    /// Wraps the violations found; never empty.
    pub(crate) fn new(violations: Vec<Violation<Location>>) -> Self {
        debug_assert!(!violations.is_empty(), "an error without a violation");
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
        }
        Ok(())
    }
}

impl std::error::Error for PolicyError {}
