//! The keys of the policy language (rules K1–K3).

use core::fmt;

use crate::rule::{Problem, Rule};

/// A key of the policy language.
///
/// # Example
///
/// ```
/// use cors_policy_core::{Key, ValueKind};
///
/// let key = Key::from_name("max_age").unwrap();
/// assert_eq!(key, Key::MaxAge);
/// assert_eq!(key.kind(), ValueKind::Integer);
/// assert_eq!(key.to_string(), "max_age");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Key {
    /// `origin`: a string, a list of strings, or `*`. Required.
    Origin,
    /// `methods`: a list of methods, or `*`.
    Methods,
    /// `allow_headers`: a list of request header names, or `*`.
    AllowHeaders,
    /// `expose_headers`: a list of response header names, or `*`.
    ExposeHeaders,
    /// `credentials`: `true` or `false`.
    Credentials,
    /// `max_age`: seconds, 0..=86400.
    MaxAge,
    /// `private_network`: `true` or `false`.
    PrivateNetwork,
    /// `preflight_status`: 200..=299.
    PreflightStatus,
    /// `preflight_continue`: `true` or `false`.
    PreflightContinue,
    /// `dangerously_allow_null_origin`: `true` lets `"null"` be listed (rule O10).
    DangerouslyAllowNullOrigin,
    /// `dangerously_allow_insecure_origins`: `true` lets plain-`http` origins be used
    /// with credentials (rule O13).
    DangerouslyAllowInsecureOrigins,
    /// `cross_origin_protection`: `true` refuses state-changing requests and WebSocket
    /// handshakes from origins the policy does not allow (rules C1, C2).
    CrossOriginProtection,
}

/// The kind of value a key takes.
///
/// # Example
///
/// ```
/// use cors_policy_core::{Key, ValueKind};
///
/// let lists: Vec<&str> = Key::ALL.iter().filter(|key| key.kind() == ValueKind::List).map(|key| key.name()).collect();
/// assert_eq!(lists, ["origin", "methods", "allow_headers", "expose_headers"]);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ValueKind {
    /// A string, a `[...]` list, or `*` (which of them each key takes: [`Key::expects`]).
    List,
    /// `true` or `false`.
    Bool,
    /// An integer literal.
    Integer,
}

impl Key {
    /// The integers a number key accepts (rules A1 and S1); `None` for any other key.
    ///
    /// ```
    /// use cors_policy_core::Key;
    ///
    /// assert_eq!(Key::MaxAge.integer_range(), Some(0..=86400));
    /// assert_eq!(Key::PreflightStatus.integer_range(), Some(200..=299));
    /// assert_eq!(Key::Origin.integer_range(), None);
    /// ```
    pub const fn integer_range(self) -> Option<core::ops::RangeInclusive<i64>> {
        match self {
            Key::MaxAge => Some(0..=86400),
            Key::PreflightStatus => Some(200..=299),
            _ => None,
        }
    }

    /// Every key, in documentation order.
    ///
    /// ```
    /// use cors_policy_core::Key;
    ///
    /// assert_eq!(Key::ALL[0], Key::Origin);
    /// assert!(Key::ALL.iter().all(|&key| Key::from_name(key.name()) == Some(key)));
    /// ```
    pub const ALL: &'static [Key] = &[
        Key::Origin,
        Key::Methods,
        Key::AllowHeaders,
        Key::ExposeHeaders,
        Key::Credentials,
        Key::MaxAge,
        Key::PrivateNetwork,
        Key::PreflightStatus,
        Key::PreflightContinue,
        Key::DangerouslyAllowNullOrigin,
        Key::DangerouslyAllowInsecureOrigins,
        Key::CrossOriginProtection,
    ];

    /// The key as written in a policy.
    ///
    /// ```
    /// assert_eq!(cors_policy_core::Key::AllowHeaders.name(), "allow_headers");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Key::Origin => "origin",
            Key::Methods => "methods",
            Key::AllowHeaders => "allow_headers",
            Key::ExposeHeaders => "expose_headers",
            Key::Credentials => "credentials",
            Key::MaxAge => "max_age",
            Key::PrivateNetwork => "private_network",
            Key::PreflightStatus => "preflight_status",
            Key::PreflightContinue => "preflight_continue",
            Key::DangerouslyAllowNullOrigin => "dangerously_allow_null_origin",
            Key::DangerouslyAllowInsecureOrigins => "dangerously_allow_insecure_origins",
            Key::CrossOriginProtection => "cross_origin_protection",
        }
    }

    /// The kind of value it takes.
    ///
    /// ```
    /// use cors_policy_core::{Key, ValueKind};
    ///
    /// assert_eq!(Key::Origin.kind(), ValueKind::List);
    /// assert_eq!(Key::Credentials.kind(), ValueKind::Bool);
    /// ```
    pub const fn kind(self) -> ValueKind {
        match self {
            Key::Origin | Key::Methods | Key::AllowHeaders | Key::ExposeHeaders => ValueKind::List,
            Key::MaxAge | Key::PreflightStatus => ValueKind::Integer,
            _ => ValueKind::Bool,
        }
    }

    /// What it expects, in words (for K3 messages).
    ///
    /// ```
    /// use cors_policy_core::Key;
    ///
    /// assert_eq!(Key::PreflightStatus.expects(), "a status code from 200 to 299");
    /// ```
    pub const fn expects(self) -> &'static str {
        match self {
            Key::Origin => {
                "an origin string, a list of them (`[\"https://a.example\", ...]`), or `*`"
            }
            Key::Methods => "a list of methods (`[GET, PUT, \"PROPFIND\"]`) or `*`",
            Key::AllowHeaders | Key::ExposeHeaders => {
                "a list of header names (`[\"content-type\", ...]`) or `*`"
            }
            Key::MaxAge => "a number of seconds from 0 to 86400",
            Key::PreflightStatus => "a status code from 200 to 299",
            _ => "`true` or `false`",
        }
    }

    /// Looks a key up by name.
    ///
    /// ```
    /// use cors_policy_core::Key;
    /// assert_eq!(Key::from_name("max_age"), Some(Key::MaxAge));
    /// assert_eq!(Key::from_name("maxAge"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Key> {
        Key::ALL.iter().copied().find(|key| key.name() == name)
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Names other CORS libraries use, and the key that means the same here. Compared with
/// `_` and `-` removed and case folded, so `allow_origins` also stands for `allowOrigins`
/// and `AllowOrigins`.
const ALIASES: &[(&str, Key)] = &[
    ("origins", Key::Origin),
    ("allow_origin", Key::Origin),
    ("allow_origins", Key::Origin),
    ("allowed_origin", Key::Origin),
    ("allowed_origins", Key::Origin),
    ("method", Key::Methods),
    ("allow_methods", Key::Methods),
    ("allowed_methods", Key::Methods),
    ("headers", Key::AllowHeaders),
    ("allowed_headers", Key::AllowHeaders),
    ("request_headers", Key::AllowHeaders),
    ("exposed_headers", Key::ExposeHeaders),
    ("expose", Key::ExposeHeaders),
    ("allow_credentials", Key::Credentials),
    ("supports_credentials", Key::Credentials),
    ("with_credentials", Key::Credentials),
    ("max_age_secs", Key::MaxAge),
    ("max_age_seconds", Key::MaxAge),
    ("allow_private_network", Key::PrivateNetwork),
    ("options_success_status", Key::PreflightStatus),
    ("allow_null_origin", Key::DangerouslyAllowNullOrigin),
    ("csrf", Key::CrossOriginProtection),
    ("csrf_protection", Key::CrossOriginProtection),
    ("cross_site_protection", Key::CrossOriginProtection),
];

/// The key a mistyped or foreign name most likely meant.
///
/// ```
/// use cors_policy_core::{suggest_key, Key};
/// assert_eq!(suggest_key("orign"), Some(Key::Origin));
/// assert_eq!(suggest_key("allowedHeaders"), Some(Key::AllowHeaders));
/// assert_eq!(suggest_key("supports_credentials"), Some(Key::Credentials));
/// assert_eq!(suggest_key("supportsCredentials"), Some(Key::Credentials)); // camelCase too
/// assert_eq!(suggest_key("colour"), None);
/// ```
pub fn suggest_key(name: &str) -> Option<Key> {
    let folded: String = name
        .chars()
        .filter(|c| *c != '-')
        .flat_map(char::to_lowercase)
        .collect();
    // `max_age`, `maxAge`, `MaxAge` and `max-age` are one name.
    let squashed = folded.replace('_', "");
    let same = |known: &str| known.replace('_', "") == squashed;
    if let Some(key) = Key::ALL.iter().copied().find(|key| same(key.name())) {
        return Some(key);
    }
    if let Some((_, key)) = ALIASES.iter().find(|(alias, _)| same(alias)) {
        return Some(*key);
    }
    Key::ALL
        .iter()
        .copied()
        .map(|key| (edit_distance(&folded, key.name()), key))
        .filter(|(distance, key)| *distance <= (key.name().len() / 4).max(2))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, key)| key)
}

/// The K1 problem for an unknown key.
///
/// ```
/// use cors_policy_core::{unknown_key, Rule};
///
/// let problem = unknown_key("allowed_origins");
/// assert_eq!(problem.rule, Rule::K1);
/// assert_eq!(problem.help.as_deref(), Some("did you mean `origin`?"));
/// assert!(unknown_key("colour").help.unwrap().starts_with("the keys are: origin, methods"));
/// ```
pub fn unknown_key(name: &str) -> Problem {
    let problem = Problem::new(Rule::K1, format!("unknown key `{}`", shown_key(name)));
    match suggest_key(name) {
        Some(key) => problem.help(format!("did you mean `{key}`?")),
        None => {
            let all: Vec<&str> = Key::ALL.iter().map(|key| key.name()).collect();
            problem.help(format!("the keys are: {}", all.join(", ")))
        }
    }
}

/// At most this many characters of an unknown key are shown (escapes included).
const SHOWN_KEY_CHARS: usize = 64;

/// A key name as written in a configuration, safe to print: an unknown key comes from
/// the file, and a JSON key can hold a newline (which would forge a line of the report),
/// control characters or bidirectional overrides, at any length. Escaped as
/// [`str::escape_debug`] does, a backtick too (`\u{60}`: the message quotes the key in
/// backticks, as [`ShownBytes`](crate::ShownBytes) escapes it in a reason), cut after
/// 64 characters (`SHOWN_KEY_CHARS`) with `…`. A key of the language is shown as it is.
///
/// ```
/// use cors_policy_core::shown_key;
///
/// assert_eq!(shown_key("max_age"), "max_age");
/// assert_eq!(shown_key("x\norigin[0]: forged"), r"x\norigin[0]: forged");
/// assert_eq!(shown_key("a` b"), r"a\u{60} b");
/// assert_eq!(shown_key(&"k".repeat(100)), format!("{}…", "k".repeat(64)));
/// ```
pub fn shown_key(name: &str) -> String {
    let mut shown = String::new();
    let mut count = 0;
    for c in name.chars() {
        let escaped = match c {
            '`' => "\\u{60}".to_owned(),
            _ => c.escape_debug().to_string(),
        };
        count += escaped.chars().count();
        if count > SHOWN_KEY_CHARS {
            shown.push('…');
            break;
        }
        shown.push_str(&escaped);
    }
    shown
}

/// The K2 problem for a key given twice.
///
/// ```
/// use cors_policy_core::{duplicate_key, Key, Rule};
///
/// let problem = duplicate_key(Key::Origin);
/// assert_eq!(problem.rule, Rule::K2);
/// assert_eq!(problem.to_string(), "`origin` is given twice [K2]\n= help: keep one of them");
/// ```
pub fn duplicate_key(key: Key) -> Problem {
    Problem::new(Rule::K2, format!("`{key}` is given twice")).help("keep one of them")
}

/// The K3 problem for a value of the wrong kind; `found` says what was written.
///
/// ```
/// use cors_policy_core::{wrong_kind, Key, Rule};
///
/// let problem = wrong_kind(Key::Credentials, "the string \"yes\"");
/// assert_eq!(problem.rule, Rule::K3);
/// assert_eq!(problem.message, "`credentials` expects `true` or `false`, found the string \"yes\"");
/// ```
pub fn wrong_kind(key: Key, found: &str) -> Problem {
    Problem::new(
        Rule::K3,
        format!("`{key}` expects {}, found {found}", key.expects()),
    )
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}
