//! The compile-time rules, and what breaking one looks like.

use core::fmt;

/// A validation rule of the policy language. Each has an id (`O4`, `M5`…) used in
/// messages and documentation; see the README for the list with examples.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[allow(missing_docs)] // Each variant is documented by `Rule::summary`.
pub enum Rule {
    O1,
    O2,
    O3,
    O4,
    O5,
    O6,
    O7,
    O8,
    O9,
    O10,
    O11,
    O12,
    O13,
    O14,
    M1,
    M2,
    M3,
    M4,
    M5,
    H1,
    H2,
    H3,
    H4,
    H5,
    E1,
    E2,
    E3,
    E4,
    E5,
    A1,
    K1,
    K2,
    K3,
    S1,
    P1,
}

impl Rule {
    /// Every rule, in documentation order.
    pub const ALL: [Rule; 35] = [
        Rule::O1,
        Rule::O2,
        Rule::O3,
        Rule::O4,
        Rule::O5,
        Rule::O6,
        Rule::O7,
        Rule::O8,
        Rule::O9,
        Rule::O10,
        Rule::O11,
        Rule::O12,
        Rule::O13,
        Rule::O14,
        Rule::M1,
        Rule::M2,
        Rule::M3,
        Rule::M4,
        Rule::M5,
        Rule::H1,
        Rule::H2,
        Rule::H3,
        Rule::H4,
        Rule::H5,
        Rule::E1,
        Rule::E2,
        Rule::E3,
        Rule::E4,
        Rule::E5,
        Rule::A1,
        Rule::K1,
        Rule::K2,
        Rule::K3,
        Rule::S1,
        Rule::P1,
    ];

    /// The rule's id, e.g. `"O4"`.
    ///
    /// ```
    /// assert_eq!(cors_core::Rule::O13.id(), "O13");
    /// ```
    pub fn id(self) -> &'static str {
        match self {
            Rule::O1 => "O1",
            Rule::O2 => "O2",
            Rule::O3 => "O3",
            Rule::O4 => "O4",
            Rule::O5 => "O5",
            Rule::O6 => "O6",
            Rule::O7 => "O7",
            Rule::O8 => "O8",
            Rule::O9 => "O9",
            Rule::O10 => "O10",
            Rule::O11 => "O11",
            Rule::O12 => "O12",
            Rule::O13 => "O13",
            Rule::O14 => "O14",
            Rule::M1 => "M1",
            Rule::M2 => "M2",
            Rule::M3 => "M3",
            Rule::M4 => "M4",
            Rule::M5 => "M5",
            Rule::H1 => "H1",
            Rule::H2 => "H2",
            Rule::H3 => "H3",
            Rule::H4 => "H4",
            Rule::H5 => "H5",
            Rule::E1 => "E1",
            Rule::E2 => "E2",
            Rule::E3 => "E3",
            Rule::E4 => "E4",
            Rule::E5 => "E5",
            Rule::A1 => "A1",
            Rule::K1 => "K1",
            Rule::K2 => "K2",
            Rule::K3 => "K3",
            Rule::S1 => "S1",
            Rule::P1 => "P1",
        }
    }

    /// What the rule forbids, in one line.
    pub fn summary(self) -> &'static str {
        match self {
            Rule::O1 => "`origin` is required and may not be empty",
            Rule::O2 => "`*` cannot be mixed with other origins",
            Rule::O3 => "`*` origin cannot be used with credentials",
            Rule::O4 => "an origin is `scheme://host[:port]` and nothing else",
            Rule::O5 => "scheme and host must be lowercase",
            Rule::O6 => "no explicit default port",
            Rule::O7 => "the port must be 1..=65535 without leading zeros",
            Rule::O8 => "a non-ASCII host must be written in punycode",
            Rule::O9 => "IP addresses in canonical form; IPv6 bracketed, compressed, no zone",
            Rule::O10 => "the `null` origin needs `dangerously_allow_null_origin`",
            Rule::O11 => "`file` origins are never allowed",
            Rule::O12 => "wildcards only as a leading `*.` label or a `*` port",
            Rule::O13 => "credentials require https (or loopback) origins",
            Rule::O14 => "no duplicate or already-covered origins",
            Rule::M1 => "a method is an HTTP token",
            Rule::M2 => "CONNECT, TRACE and TRACK can never be sent by a page",
            Rule::M3 => "`*` methods cannot be used with credentials",
            Rule::M4 => "no duplicate methods",
            Rule::M5 => "non-normalized standard methods must be uppercase",
            Rule::H1 => "a header name is an HTTP token",
            Rule::H2 => "forbidden request headers can never be sent by a page",
            Rule::H3 => "response-only CORS headers are not request headers",
            Rule::H4 => "`*` headers cannot be used with credentials",
            Rule::H5 => "no duplicate request headers",
            Rule::E1 => "an exposed header name is an HTTP token",
            Rule::E2 => "`set-cookie` can never be exposed",
            Rule::E3 => "`*` exposed headers cannot be used with credentials",
            Rule::E4 => "request-only headers are never in a response",
            Rule::E5 => "no duplicate exposed headers",
            Rule::A1 => "`max_age` is 0..=86400 seconds",
            Rule::K1 => "unknown key",
            Rule::K2 => "duplicate key",
            Rule::K3 => "wrong kind of value",
            Rule::S1 => "`preflight_status` is 200..=299",
            Rule::P1 => "private network access cannot be used with origin `*`",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// What is wrong with one value, and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The rule broken.
    pub rule: Rule,
    /// What is wrong, naming the value.
    pub message: String,
    /// How to fix it, when there is one obvious fix.
    pub help: Option<String>,
}

impl Problem {
    /// A problem without a suggested fix.
    pub fn new(rule: Rule, message: impl Into<String>) -> Self {
        Problem {
            rule,
            message: message.into(),
            help: None,
        }
    }

    /// Adds the suggested fix.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Places the problem at `at` (a span, a configuration path…).
    pub fn at<L>(self, at: L) -> Violation<L> {
        Violation {
            problem: self,
            at,
            related: None,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} [{}]", self.message, self.rule)?;
        if let Some(help) = &self.help {
            write!(f, "\n= help: {help}")?;
        }
        Ok(())
    }
}

/// A [`Problem`] at a place in the policy's source.
///
/// The macro's place is a span; a runtime configuration's, a key and index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation<L> {
    /// What is wrong.
    pub problem: Problem,
    /// Where.
    pub at: L,
    /// A second value that takes part in the mistake (the `credentials: true` that rules
    /// out a `*`), so that both places are shown.
    pub related: Option<Related<L>>,
}

/// The second place of a [`Violation`] that two values make together.
///
/// ```
/// use cors_core::{check, At, ListValue, PolicyInput, Rule};
///
/// let mut input = PolicyInput::new("policy");
/// input.origin = Some(ListValue::Any("origin"));
/// input.credentials = Some(At::new(true, "credentials"));
/// let errors = check(&input).unwrap_err();
/// let related = errors[0].related.as_ref().unwrap();
/// assert_eq!(related.at, "credentials");
/// assert_eq!(related.message, "`credentials: true` is set here, which rules out the `*` of `origin` [O3]");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related<L> {
    /// Where the other value is.
    pub at: L,
    /// What it has to do with the problem, ending with the rule id (`… [O3]`).
    pub message: String,
}

impl<L> Violation<L> {
    /// The rule broken.
    pub fn rule(&self) -> Rule {
        self.problem.rule
    }

    /// Adds the second place of the mistake.
    pub fn related(mut self, at: L, message: impl Into<String>) -> Self {
        self.related = Some(Related {
            at,
            message: message.into(),
        });
        self
    }
}

impl<L> fmt::Display for Violation<L> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.problem.fmt(f)
    }
}
