//! The compile-time rules, and what breaking one looks like.

use core::fmt;

/// A validation rule of the policy language. Each has an id (`O4`, `M5`…) used in
/// messages and documentation (the README lists them with examples, `docs/cors-rules.md`
/// part A states them). Each variant says what it forbids, why, and where it is raised:
/// one rule may be raised by several functions of one concern (an origin's parser, its
/// host's checks), never by two implementations of the same check.
///
/// Non-exhaustive: a new rule is a new variant without breaking a `match` (the
/// compile-time rules are listed in [`Rule::ALL`]).
///
/// # Example
///
/// ```
/// use cors_policy_core::{parse_origin, Rule};
///
/// let rule = parse_origin("https://app.example.com:443").unwrap_err().rule;
/// assert_eq!(rule, Rule::O6);
/// assert_eq!(rule.to_string(), "O6");
/// assert_eq!(rule.summary(), "no explicit default port");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Rule {
    /// `origin` is missing or an empty list: the policy would refuse every cross-origin
    /// request, which is never what a CORS layer is for.
    /// Raised by `check_origins` (check.rs).
    O1,
    /// `*` beside other origins (a second `*` is O14's duplicate): `*` already allows them
    /// all, so the list says two things.
    /// Raised by `check_any_origin_alone` (check.rs).
    O2,
    /// `*` with `credentials: true`: browsers refuse `*` with credentials, and reflecting
    /// any origin instead would let every site act as the user. Reported at the `*`, with
    /// `credentials: true` as the second place ([`Violation::related`]).
    /// Raised by `check_any_origin_without_credentials` (check.rs).
    O3,
    /// Not a serialized origin (`scheme://host[:port]` and nothing else: no path, even `/`,
    /// no query, fragment, user information, white space or empty host): a browser never
    /// sends such an `Origin`, so the entry could never match.
    /// Raised by `parse_origin` (empty, white space, user information), `missing_scheme`,
    /// `check_scheme`, `check_no_tail`, `split_host_port` (origin.rs), `check_host` (empty
    /// host) and `check_domain_labels` (characters, empty or overlong labels, `xn--` labels
    /// that are not the punycode of a Unicode label) (host.rs).
    O4,
    /// An uppercase scheme or host (or `NULL`): browsers always send them lowercase, so the
    /// entry could never match. Raised by `parse_origin` (origin.rs) and `check_host` (host.rs).
    O5,
    /// An explicit default port (`http://x:80`, `https://x:443`): browsers omit it, so the
    /// entry could never match. Raised by `check_port` (origin.rs).
    O6,
    /// A port that is empty, 0, above 65535 or has a leading zero: never sent.
    /// Raised by `check_port` (origin.rs).
    O7,
    /// A non-ASCII host: browsers send it in punycode (the fix gives that form, except for
    /// a host with characters browsers map first, such as full-width letters or `。`:
    /// no fix rather than a wrong one).
    /// Raised by `check_host` (host.rs).
    O8,
    /// An IP address not in the form browsers serialize (IPv4 dotted quad; IPv6 bracketed,
    /// compressed, without a zone). Raised by `split_host_port` (origin.rs), `check_host`
    /// and `check_ipv6` (host.rs).
    O9,
    /// The `null` origin without `dangerously_allow_null_origin`: any site can produce it
    /// (sandboxed iframes, `data:` and `file:` pages, redirects), so allowing it is as open
    /// as `*`. Raised by `check_null_origin` (check.rs).
    O10,
    /// A `file:` origin: such pages send `Origin: null`, so it could never match.
    /// Raised by `parse_origin` (origin.rs).
    O11,
    /// A wildcard anywhere but a leading `*.` label or a `*` port, or `*.` on an IP address
    /// or directly on a public suffix (it would admit unrelated sites).
    /// Raised by `check_host` (host.rs).
    O12,
    /// With credentials, a plain-`http` origin that is not loopback, without
    /// `dangerously_allow_insecure_origins`: anyone on the network path can impersonate it.
    /// Raised by `check_insecure_origins` (check.rs).
    O13,
    /// An origin listed twice (a second `*` included), or already covered by a pattern of
    /// the list: dead entries hide what the policy allows. Raised by
    /// `check_duplicate_origins` and, for `*`, `check_origins` (check.rs).
    O14,
    /// A method that is not an HTTP token. Raised by `parse_method` (method.rs).
    M1,
    /// `CONNECT`, `TRACE` or `TRACK`, in any case: `fetch` throws on them, so allowing them
    /// has no effect. Raised by `parse_method` (method.rs).
    M2,
    /// `*` methods with credentials: browsers read `*` literally then. Reported at the `*`
    /// and at `credentials: true`. Raised by `check_wildcard_without_credentials` (check.rs).
    M3,
    /// A method listed twice (after normalization, a second `*` included), or a `*` beside
    /// other methods, which it already covers (worded as such). Raised by `check_methods`
    /// (duplicates) and `check_wildcard_alone` (the redundant `*`) (check.rs).
    M4,
    /// A lowercase or mixed-case spelling of a registered method browsers do not normalize
    /// (`patch`): pages send it as written, and `PATCH` routes never match it.
    /// Raised by `parse_method` (method.rs).
    M5,
    /// A request header name that is not an HTTP token. Raised by `parse_request_header`
    /// (header.rs).
    H1,
    /// A forbidden request header (Fetch standard): `fetch` does not let a page set it, so no
    /// preflight ever asks for it. Raised by `parse_request_header` (header.rs).
    H2,
    /// A response-only CORS header (`access-control-allow-*`, `-expose-headers`,
    /// `-max-age`) listed as a request header. Raised by `parse_request_header` (header.rs).
    H3,
    /// `*` request headers with credentials: browsers read `*` literally then. Reported at
    /// the `*` and at `credentials: true`. Raised by `check_wildcard_without_credentials`
    /// (check.rs).
    H4,
    /// A request header listed twice (case-insensitively, a second `*` included), or a `*`
    /// beside names it already covers (all but `authorization`; worded as such).
    /// Raised by `checked_names` and `check_wildcard_alone` (check.rs).
    H5,
    /// An exposed header name that is not an HTTP token. Raised by `parse_exposed_header`
    /// (header.rs).
    E1,
    /// `set-cookie` or `set-cookie2` exposed: pages can never read them.
    /// Raised by `parse_exposed_header` (header.rs).
    E2,
    /// `*` exposed headers with credentials: browsers read `*` literally then. Reported at
    /// the `*` and at `credentials: true`. Raised by `check_wildcard_without_credentials`
    /// (check.rs).
    E3,
    /// A request-only header (`origin`, `access-control-request-*`) exposed: it never
    /// appears in a response. Raised by `parse_exposed_header` (header.rs).
    E4,
    /// An exposed header listed twice (case-insensitively, a second `*` included), or a `*`
    /// beside names it already covers (worded as such). Raised by `checked_names` and
    /// `check_wildcard_alone` (check.rs).
    E5,
    /// `max_age` negative or above 86400 seconds, which no browser honours.
    /// Raised by `check_max_age` (check.rs).
    A1,
    /// An unknown key (the nearest key or another library's name for it is suggested).
    /// Made by `unknown_key` (key.rs), raised by `Intake::entry` (intake.rs).
    K1,
    /// A key given twice. Made by `duplicate_key` (key.rs), raised by `Intake::entry`
    /// (intake.rs).
    K2,
    /// A value of the wrong kind for its key (a quoted number, an identifier or a path where
    /// a literal belongs, a number with a suffix, a list for a flag…). Made by `wrong_kind`
    /// (key.rs), raised by the intake's `mismatch` and `list_element` (intake.rs) and, for
    /// an environment variable that is not UTF-8, by the runtime's `push_env`.
    K3,
    /// `preflight_status` outside 200..=299: browsers fail every preflight then.
    /// Raised by `check_preflight_status` (check.rs).
    S1,
    /// `private_network: true` with origin `*`: any website could reach the private server.
    /// Raised by `check_private_network` (check.rs).
    P1,
    /// `cross_origin_protection: true` with origin `*`: it trusts the allowed origins, so
    /// it would let every site through. Raised by `check_cross_origin_protection`
    /// (check.rs).
    C1,
    /// `cross_origin_protection: true` with the `null` origin allowed
    /// (`dangerously_allow_null_origin`): any site's sandboxed iframe sends `Origin: null`
    /// and would pass. Raised by `check_cross_origin_protection` (check.rs).
    C2,
}

impl Rule {
    /// Every rule, in documentation order.
    ///
    /// ```
    /// use cors_policy_core::Rule;
    ///
    /// assert_eq!(Rule::ALL.first(), Some(&Rule::O1));
    /// assert!(Rule::ALL.contains(&Rule::K3));
    /// assert!(Rule::ALL.windows(2).all(|pair| pair[0] < pair[1])); // ordered, no repeats
    /// ```
    pub const ALL: &'static [Rule] = &[
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
        Rule::C1,
        Rule::C2,
    ];

    /// The rule's id, e.g. `"O4"`.
    ///
    /// ```
    /// assert_eq!(cors_policy_core::Rule::O13.id(), "O13");
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
            Rule::C1 => "C1",
            Rule::C2 => "C2",
        }
    }

    /// What the rule forbids, in one line.
    ///
    /// ```
    /// use cors_policy_core::Rule;
    ///
    /// assert_eq!(Rule::O3.summary(), "`*` origin cannot be used with credentials");
    /// ```
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
            Rule::M4 => "no duplicate methods, and `*` alone",
            Rule::M5 => "non-normalized standard methods must be uppercase",
            Rule::H1 => "a header name is an HTTP token",
            Rule::H2 => "forbidden request headers can never be sent by a page",
            Rule::H3 => "response-only CORS headers are not request headers",
            Rule::H4 => "`*` headers cannot be used with credentials",
            Rule::H5 => "no duplicate request headers, and `*` alone (but for `authorization`)",
            Rule::E1 => "an exposed header name is an HTTP token",
            Rule::E2 => "`set-cookie` can never be exposed",
            Rule::E3 => "`*` exposed headers cannot be used with credentials",
            Rule::E4 => "request-only headers are never in a response",
            Rule::E5 => "no duplicate exposed headers, and `*` alone",
            Rule::A1 => "`max_age` is 0..=86400 seconds",
            Rule::K1 => "unknown key",
            Rule::K2 => "duplicate key",
            Rule::K3 => "wrong kind of value",
            Rule::S1 => "`preflight_status` is 200..=299",
            Rule::P1 => "private network access cannot be used with origin `*`",
            Rule::C1 => "cross-origin protection cannot be used with origin `*`",
            Rule::C2 => "cross-origin protection cannot be used with the `null` origin",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// What is wrong with one value, and how to fix it.
///
/// # Example
///
/// ```
/// use cors_policy_core::{Problem, Rule};
///
/// let problem = Problem::new(Rule::A1, "`max_age: 90000` is above 86400 seconds")
///     .help("write `max_age: 86400`");
/// assert_eq!(
///     problem.to_string(),
///     "`max_age: 90000` is above 86400 seconds [A1]\n= help: write `max_age: 86400`"
/// );
/// ```
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
    ///
    /// ```
    /// use cors_policy_core::{Problem, Rule};
    ///
    /// let problem = Problem::new(Rule::K1, "unknown key `colour`");
    /// assert_eq!(problem.help, None);
    /// assert_eq!(problem.to_string(), "unknown key `colour` [K1]");
    /// ```
    pub fn new(rule: Rule, message: impl Into<String>) -> Self {
        Problem {
            rule,
            message: message.into(),
            help: None,
        }
    }

    /// Adds the suggested fix.
    ///
    /// ```
    /// use cors_policy_core::{Problem, Rule};
    ///
    /// let problem = Problem::new(Rule::K2, "`origin` is given twice").help("keep one of them");
    /// assert_eq!(problem.help.as_deref(), Some("keep one of them"));
    /// ```
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Places the problem at `at` (a span, a configuration path…).
    ///
    /// ```
    /// use cors_policy_core::{Problem, Rule};
    ///
    /// let violation = Problem::new(Rule::K2, "`origin` is given twice").at("cors.origin");
    /// assert_eq!(violation.at, "cors.origin");
    /// assert_eq!(violation.rule(), Rule::K2);
    /// assert!(violation.related.is_none());
    /// ```
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
///
/// # Example
///
/// ```
/// use cors_policy_core::{parse_origin, Rule};
///
/// let violation = parse_origin("HTTPS://app.example.com").unwrap_err().at("origin[0]");
/// assert_eq!((violation.rule(), violation.at), (Rule::O5, "origin[0]"));
/// assert_eq!(violation.to_string(), violation.problem.to_string());
/// ```
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
/// use cors_policy_core::{check, At, ListValue, PolicyInput, Rule};
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
    ///
    /// ```
    /// use cors_policy_core::{duplicate_key, Key, Rule};
    ///
    /// assert_eq!(duplicate_key(Key::Origin).at(3).rule(), Rule::K2);
    /// ```
    pub fn rule(&self) -> Rule {
        self.problem.rule
    }

    /// Adds the second place of the mistake.
    ///
    /// ```
    /// use cors_policy_core::{Problem, Rule};
    ///
    /// let violation = Problem::new(Rule::O3, "`*` origin with credentials")
    ///     .at("origin")
    ///     .related("credentials", "`credentials: true` is set here [O3]");
    /// let related = violation.related.unwrap();
    /// assert_eq!(related.at, "credentials");
    /// assert_eq!(related.message, "`credentials: true` is set here [O3]");
    /// ```
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
