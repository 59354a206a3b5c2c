//! One `origin` entry: parsed, checked against rules O4–O12, and classified.

use crate::host::check_host;
use crate::pattern::{HostPattern, OriginPattern, PortPattern};
use crate::rule::{Problem, Rule};

/// An `origin` entry after its own checks (the list-level rules come later).
///
/// # Example
///
/// ```
/// use cors_policy_core::{parse_origin, OriginEntry};
///
/// assert_eq!(parse_origin("*"), Ok(OriginEntry::Any));
/// assert_eq!(parse_origin("null"), Ok(OriginEntry::Null)); // refused later without its opt-in
/// let Ok(OriginEntry::Pattern(pattern)) = parse_origin("http://localhost:*") else { unreachable!() };
/// assert_eq!(pattern.to_string(), "http://localhost:*");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum OriginEntry {
    /// `*`: any origin.
    Any,
    /// `null` (only with the dangerous opt-in, rule O10).
    Null,
    /// An exact serialized origin, matched byte for byte.
    Exact(OwnedPattern),
    /// A pattern (`*.` host label or `*` port).
    Pattern(OwnedPattern),
}

/// An owned [`OriginPattern`]; exact origins are patterns without wildcards.
///
/// # Example
///
/// ```
/// use cors_policy_core::{parse_origin, OriginEntry, PortPattern};
///
/// let Ok(OriginEntry::Pattern(pattern)) = parse_origin("https://*.example.com:*") else { unreachable!() };
/// assert_eq!((pattern.scheme.as_str(), pattern.host.as_str()), ("https", "example.com"));
/// assert!(pattern.subdomains);
/// assert_eq!(pattern.port, PortPattern::Any);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct OwnedPattern {
    /// Lowercase scheme.
    pub scheme: String,
    /// The host, or the domain under a `*.` label.
    pub host: String,
    /// Whether the host is `*.host`.
    pub subdomains: bool,
    /// The port.
    pub port: PortPattern,
}

impl OwnedPattern {
    /// Borrows it as a matcher.
    ///
    /// ```
    /// use cors_policy_core::{parse_origin, OriginEntry};
    ///
    /// let Ok(OriginEntry::Exact(origin)) = parse_origin("https://app.example.com") else { unreachable!() };
    /// assert!(origin.as_pattern().matches(b"https://app.example.com"));
    /// assert!(!origin.as_pattern().matches(b"https://app.example.com:8443"));
    /// ```
    pub fn as_pattern(&self) -> OriginPattern<'_> {
        OriginPattern {
            scheme: &self.scheme,
            host: if self.subdomains {
                HostPattern::Subdomains(&self.host)
            } else {
                HostPattern::Exact(&self.host)
            },
            port: self.port,
        }
    }

    /// Whether the host is loopback (rule O13 lets plain `http` through for those).
    ///
    /// ```
    /// use cors_policy_core::{parse_origin, OriginEntry};
    ///
    /// let loopback = |text| matches!(parse_origin(text), Ok(OriginEntry::Exact(origin)) if origin.is_loopback());
    /// assert!(loopback("http://localhost:3000"));
    /// assert!(loopback("http://127.0.0.1:8080"));
    /// assert!(!loopback("http://app.example.com"));
    /// ```
    pub fn is_loopback(&self) -> bool {
        crate::host::is_loopback(&self.host)
    }
}

impl core::fmt::Display for OwnedPattern {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        self.as_pattern().fmt(f)
    }
}

/// Parses and checks one `origin` entry.
///
/// # Example
///
/// ```
/// use cors_policy_core::{parse_origin, OriginEntry, Rule};
///
/// assert!(matches!(parse_origin("https://app.example.com"), Ok(OriginEntry::Exact(_))));
/// assert!(matches!(parse_origin("https://*.example.com"), Ok(OriginEntry::Pattern(_))));
/// let problem = parse_origin("https://app.example.com/").unwrap_err();
/// assert_eq!(problem.rule, Rule::O4);
/// assert_eq!(problem.help.as_deref(), Some("write `https://app.example.com`"));
/// // A fix is one that passes every rule, however many it takes.
/// let problem = parse_origin("https://App.Example.com:443/").unwrap_err();
/// assert_eq!(problem.help.as_deref(), Some("write `https://app.example.com`"));
/// ```
pub fn parse_origin(text: &str) -> Result<OriginEntry, Problem> {
    parse_origin_as_written(text).map_err(|mut problem| {
        if let Some(help) = problem.help.take() {
            problem.help = match proposed_origin(&help) {
                None => Some(help),
                Some(proposed) => passing_fix(proposed.to_owned())
                    .map(|fixed| help.replacen(&format!("`{proposed}`"), &format!("`{fixed}`"), 1)),
            };
        }
        problem
    })
}

/// `candidate`, an origin a help proposes, made to pass every rule; `None` if it cannot
/// be. Each rule's fix mends one thing (the path, the case, the port, the IP form, the
/// punycode), so a proposed origin can break another rule (`https://a.example:0443`'s
/// fix `https://a.example:443` has an explicit default port): that rule's own fix is
/// taken next, for as long as each step proposes one. No fix is better than one that
/// fails.
pub(crate) fn passing_fix(mut candidate: String) -> Option<String> {
    // A handful of things to mend, each once: a few steps at most.
    for _ in 0..8 {
        match parse_origin_as_written(&candidate) {
            Ok(_) => return Some(candidate),
            Err(problem) => {
                candidate = problem
                    .help
                    .as_deref()
                    .and_then(proposed_origin)?
                    .to_owned();
            }
        }
    }
    None
}

/// The origin in a help's "write `…`", the form every origin fix takes.
fn proposed_origin(help: &str) -> Option<&str> {
    let start = help.find("write `")? + "write `".len();
    let end = start + help[start..].find('`')?;
    Some(&help[start..end])
}

/// [`parse_origin`], with each rule's own one-step fix.
fn parse_origin_as_written(text: &str) -> Result<OriginEntry, Problem> {
    if text == "*" {
        return Ok(OriginEntry::Any);
    }
    if text.eq_ignore_ascii_case("null") {
        return if text == "null" {
            Ok(OriginEntry::Null)
        } else {
            Err(Problem::new(
                Rule::O5,
                format!("`{text}` is never sent: browsers send `null` in lowercase"),
            )
            .help("write `null`"))
        };
    }
    if text.is_empty() {
        return Err(Problem::new(Rule::O4, "an origin cannot be empty")
            .help("write a serialized origin such as `https://app.example.com`"));
    }
    if let Some(problem) = several_origins(text) {
        return Err(problem);
    }
    if let Some(c) = text
        .chars()
        .find(|&c| c.is_whitespace() || c.is_control() || is_bidi_format(c))
    {
        let what = if c.is_whitespace() {
            "white space"
        } else if c.is_control() {
            "a control character"
        } else {
            "a bidirectional formatting character"
        };
        let trimmed = text.trim();
        let problem = Problem::new(
            Rule::O4,
            format!("origin `{}` contains {what}", text.escape_debug()),
        );
        return Err(
            if trimmed != text && !trimmed.contains(char::is_whitespace) {
                problem.help(format!("write `{trimmed}`"))
            } else {
                problem
            },
        );
    }
    let Some((scheme, rest)) = text.split_once("://") else {
        return Err(missing_scheme(text));
    };
    check_scheme(text, scheme)?;
    let scheme_lower = scheme.to_ascii_lowercase();
    if scheme_lower == "file" {
        return Err(Problem::new(Rule::O11, format!("`{text}`: `file:` pages have an opaque origin and send `Origin: null`, so a file origin can never match"))
            .help("serve the page over http(s), e.g. `http://localhost:8080`"));
    }
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    check_no_tail(text, &scheme_lower, authority, tail)?;
    if let Some((userinfo, _)) = authority.rsplit_once('@') {
        let without = text.replacen(&format!("{userinfo}@"), "", 1);
        return Err(Problem::new(
            Rule::O4,
            format!("origin `{text}` has user information (`{userinfo}@`)"),
        )
        .help(format!("write `{without}`")));
    }
    let (host, port) = split_host_port(text, authority)?;
    let port = check_port(text, &scheme_lower, port)?;
    let (host, subdomains) = check_host(text, scheme, host)?;
    if scheme != scheme_lower {
        let fixed = text.replacen(scheme, &scheme_lower, 1);
        return Err(Problem::new(
            Rule::O5,
            format!(
                "origin `{text}` has an uppercase scheme; browsers always send it in lowercase"
            ),
        )
        .help(format!("write `{fixed}`")));
    }
    let pattern = OwnedPattern {
        scheme: scheme_lower,
        host,
        subdomains,
        port,
    };
    if subdomains || port == PortPattern::Any {
        Ok(OriginEntry::Pattern(pattern))
    } else {
        Ok(OriginEntry::Exact(pattern))
    }
}

/// Bidirectional formatting characters: never in an origin, and printed they reorder the
/// text around them, so refused before any message quotes the text as written (it is
/// then shown escaped, `\u{202e}`). Zero-width ones are left to O8 (browsers' UTS #46
/// mapping removes some of them).
fn is_bidi_format(c: char) -> bool {
    matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Several origins joined in one string (`https://a.test,https://b.test`, or with `;` or
/// spaces): said as such, not as the path or white space the first parse would find.
fn several_origins(text: &str) -> Option<Problem> {
    let parts: Vec<&str> = text
        .split([',', ';', ' ', '\t', '\n', '\r'])
        .filter(|part| !part.is_empty())
        .collect();
    if parts.len() < 2 || parts.iter().filter(|part| part.contains("://")).count() < 2 {
        return None;
    }
    let listed: Vec<String> = parts
        .iter()
        .map(|part| format!("`{}`", part.escape_debug()))
        .collect();
    Some(
        Problem::new(
            Rule::O4,
            format!(
                "origin `{}` holds {} origins; each origin is an entry of its own",
                text.escape_debug(),
                parts.len()
            ),
        )
        .help(format!("list them separately: {}", listed.join(", "))),
    )
}

fn missing_scheme(text: &str) -> Problem {
    if let Some((scheme, rest)) = text.split_once(':')
        && !scheme.is_empty()
        && !rest.starts_with("//")
        && !rest.chars().all(|c| c.is_ascii_digit() || c == '*')
    {
        let fixed = format!("{scheme}://{}", rest.trim_start_matches('/'));
        return Problem::new(
            Rule::O4,
            format!("origin `{text}` lacks the `//` after its scheme"),
        )
        .help(format!("write `{fixed}`"));
    }
    Problem::new(Rule::O4, format!("origin `{text}` has no scheme")).help(format!(
        "write `https://{text}` (or `http://` for a local development server)"
    ))
}

fn check_scheme(text: &str, scheme: &str) -> Result<(), Problem> {
    if scheme.contains('*') {
        // A wildcard where none may stand: O12's mistake, not a mistyped scheme.
        return Err(Problem::new(
            Rule::O12,
            format!("origin `{text}` has a `*` in its scheme"),
        )
        .help(crate::host::WILDCARD_PLACES));
    }
    let valid = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if valid {
        Ok(())
    } else {
        Err(Problem::new(
            Rule::O4,
            format!("origin `{text}` has an invalid scheme `{scheme}`"),
        )
        .help("a scheme is a letter followed by letters, digits, `+`, `-` or `.`, as in `https`"))
    }
}

fn check_no_tail(text: &str, scheme: &str, authority: &str, tail: &str) -> Result<(), Problem> {
    if tail.is_empty() {
        return Ok(());
    }
    let fixed = format!("{scheme}://{authority}");
    let message = if tail == "/" {
        format!(
            "origin `{text}` ends with a slash; an origin has no path, and browsers never send one"
        )
    } else if tail.starts_with('/') {
        let path = tail.split(['?', '#']).next().unwrap_or(tail);
        format!("origin `{text}` has a path (`{path}`); an origin is only scheme, host and port")
    } else if tail.starts_with('?') {
        format!("origin `{text}` has a query; an origin is only scheme, host and port")
    } else {
        format!("origin `{text}` has a fragment; an origin is only scheme, host and port")
    };
    Err(Problem::new(Rule::O4, message).help(format!("write `{fixed}`")))
}

/// Splits the authority into host and optional port text, handling `[IPv6]`.
fn split_host_port<'t>(
    text: &str,
    authority: &'t str,
) -> Result<(&'t str, Option<&'t str>), Problem> {
    if authority.starts_with("*.[") {
        return Err(crate::host::star_on_ip(text));
    }
    if authority.starts_with('[') {
        let Some(close) = authority.find(']') else {
            return Err(Problem::new(
                Rule::O9,
                format!("origin `{text}` has an unclosed `[` in its IPv6 address"),
            ));
        };
        let (host, after) = authority.split_at(close + 1);
        return match after {
            "" => Ok((host, None)),
            _ => match after.strip_prefix(':') {
                Some(port) => Ok((host, Some(port))),
                None => Err(Problem::new(
                    Rule::O4,
                    format!("origin `{text}` has unexpected text `{after}` after its host"),
                )),
            },
        };
    }
    // Several `:` are an IPv6 address missing its brackets only when that is what the
    // authority could be: hexadecimal groups, an IPv4 address at most after the last
    // `:`. `a.example:443:` or `10.0.0.1:80:` is a host with a bad port (O7, said below).
    let could_be_ipv6 = authority
        .bytes()
        .all(|byte| byte.is_ascii_hexdigit() || byte == b':' || byte == b'.')
        && authority
            .rsplit_once(':')
            .is_some_and(|(groups, _)| !groups.contains('.'));
    match authority.split_once(':') {
        Some((_, port)) if port.contains(':') && could_be_ipv6 => Err(Problem::new(
            Rule::O9,
            format!("origin `{text}`: an IPv6 address must be written in brackets"),
        )
        .help(format!(
            "write `{}://[{authority}]` (with a port: `[address]:port`)",
            text.split("://").next().unwrap_or("https")
        ))),
        Some((host, port)) => Ok((host, Some(port))),
        None => Ok((authority, None)),
    }
}

fn check_port(text: &str, scheme: &str, port: Option<&str>) -> Result<PortPattern, Problem> {
    let Some(port) = port else {
        return Ok(PortPattern::Default);
    };
    let without_port = || {
        text.rsplit_once(':')
            .map_or(text, |(before, _)| before)
            .to_string()
    };
    if port == "*" {
        return Ok(PortPattern::Any);
    }
    if port.is_empty() {
        return Err(
            Problem::new(Rule::O7, format!("origin `{text}` has an empty port"))
                .help(format!("write `{}` or add the port number", without_port())),
        );
    }
    if !port.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Problem::new(
            Rule::O7,
            format!("origin `{text}` has an invalid port `{port}`"),
        )
        .help("a port is a number from 1 to 65535, or `*` for any port"));
    }
    // The number first: an all-zero port (`00`) is port 0, and `065536` is above the
    // range, whatever zeros lead them; their leading-zero fix would be invalid itself.
    let digits = port.trim_start_matches('0');
    let number = match digits.parse::<u32>() {
        Ok(n @ 1..=65535) => n as u16,
        _ => {
            return Err(Problem::new(
                Rule::O7,
                format!("origin `{text}` has port {port}, outside 1..=65535"),
            ));
        }
    };
    let default = match scheme {
        "http" | "ws" => Some(80),
        "https" | "wss" => Some(443),
        _ => None,
    };
    if digits.len() < port.len() {
        // The fix is the origin browsers send: `http://x:080` is `http://x`.
        let fixed = if default == Some(number) {
            without_port()
        } else {
            format!("{}:{digits}", without_port())
        };
        return Err(Problem::new(
            Rule::O7,
            format!("origin `{text}` has a port with a leading zero; browsers never send one"),
        )
        .help(format!("write `{fixed}`")));
    }
    if default == Some(number) {
        return Err(Problem::new(Rule::O6, format!("origin `{text}` spells out the default port {number}; browsers omit it, so this never matches"))
            .help(format!("write `{}`", without_port())));
    }
    Ok(PortPattern::Exact(number))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A bidirectional formatting character is refused before any message quotes
    /// the origin, and shown escaped (found by review: `https://a\u{202e}b.example`
    /// was quoted raw, reordered on screen).
    #[test]
    fn bidirectional_formatting_characters_are_refused_and_shown_escaped() {
        for text in [
            "https://a\u{202e}b.example",
            "https://a.example/\u{202e}",
            "htt\u{200f}ps://a.example",
        ] {
            let problem = parse_origin(text).expect_err(text);
            assert_eq!(problem.rule, Rule::O4);
            assert!(
                problem
                    .message
                    .contains("a bidirectional formatting character"),
                "{}",
                problem.message
            );
            assert!(
                !problem.message.contains(['\u{202e}', '\u{200b}']),
                "{}",
                problem.message.escape_debug()
            );
        }
    }

    /// Origins joined in one string are said to be several, whatever joins them; one
    /// origin with a `,` or a space in it is still judged as one.
    #[test]
    fn several_origins_in_one_string_are_said_to_be_several() {
        for joined in [
            "https://a.example,https://b.example",
            "https://a.example, https://b.example",
            "https://a.example https://b.example",
            "https://a.example;https://b.example",
        ] {
            let problem = parse_origin(joined).expect_err(joined);
            assert_eq!(problem.rule, Rule::O4);
            assert!(
                problem.message.contains("holds 2 origins"),
                "{}",
                problem.message
            );
            assert_eq!(
                problem.help.as_deref(),
                Some("list them separately: `https://a.example`, `https://b.example`")
            );
        }
        let one = parse_origin("https://a.example/x,y").expect_err("a path");
        assert!(one.message.contains("has a path"), "{}", one.message);
        let one = parse_origin("https://a.example ").expect_err("a space");
        assert_eq!(one.help.as_deref(), Some("write `https://a.example`"));
    }

    /// A help's fix passes every rule: each rule mends one thing, and an origin with
    /// several mistakes gets the origin that mends them all, or no fix.
    #[test]
    fn every_fix_a_help_proposes_passes_every_rule() {
        for (written, fixed) in [
            ("https://a.example:0443", Some("https://a.example")),
            (
                "https://app.example.com:443/",
                Some("https://app.example.com"),
            ),
            ("https://App.Example.com/", Some("https://app.example.com")),
            ("http://App.example.com:80", Some("http://app.example.com")),
            (
                "https://b\u{fc}cher.example:443",
                Some("https://xn--bcher-kva.example"),
            ),
            ("http://127.1:80", Some("http://127.0.0.1")),
            ("http://[0:0:0:0:0:0:0:1]:80", Some("http://[::1]")),
            ("http://0X7F.0.0.1", Some("http://127.0.0.1")),
            ("http://localhost:3000:3000", None),
        ] {
            let help = parse_origin(written).expect_err(written).help;
            let proposed = help.as_deref().and_then(proposed_origin);
            assert_eq!(proposed, fixed, "{written}: {help:?}");
            if let Some(fixed) = fixed {
                assert!(parse_origin(fixed).is_ok(), "{fixed}");
            }
        }
    }

    fn rule_of(text: &str) -> Rule {
        parse_origin(text).expect_err(text).rule
    }

    fn help_of(text: &str) -> String {
        parse_origin(text).expect_err(text).help.unwrap_or_default()
    }

    #[test]
    fn valid_origins() {
        for text in [
            "https://app.example.com",
            "http://localhost:8080",
            "http://127.0.0.1:3000",
            "http://[::1]:3000",
            "https://xn--bcher-kva.example",
            "chrome-extension://abcdefghijklmnop",
            "https://a_b.example.com",
            // Fully qualified: a distinct origin, matched as written.
            "https://example.com.",
            "http://localhost.:3000",
        ] {
            assert!(
                matches!(parse_origin(text), Ok(OriginEntry::Exact(_))),
                "{text}"
            );
        }
        for text in [
            "https://*.example.com",
            "http://localhost:*",
            "http://*.localhost:*",
            "https://*.example.co.uk",
        ] {
            assert!(
                matches!(parse_origin(text), Ok(OriginEntry::Pattern(_))),
                "{text}"
            );
        }
    }

    #[test]
    fn o4_not_a_serialized_origin() {
        assert_eq!(rule_of("example.com"), Rule::O4);
        assert_eq!(
            help_of("example.com"),
            "write `https://example.com` (or `http://` for a local development server)"
        );
        assert_eq!(rule_of("https://example.com/"), Rule::O4);
        assert_eq!(
            help_of("https://example.com/"),
            "write `https://example.com`"
        );
        assert_eq!(rule_of("https://example.com/api"), Rule::O4);
        assert_eq!(rule_of("https://example.com?x=1"), Rule::O4);
        assert_eq!(rule_of("https://example.com#top"), Rule::O4);
        assert_eq!(rule_of("https://user:pw@example.com"), Rule::O4);
        assert_eq!(
            help_of("https://user:pw@example.com"),
            "write `https://example.com`"
        );
        assert_eq!(rule_of(" https://example.com"), Rule::O4);
        assert_eq!(
            help_of("https://example.com "),
            "write `https://example.com`"
        );
        assert_eq!(rule_of("https://"), Rule::O4);
        assert_eq!(rule_of("https:example.com"), Rule::O4);
        assert_eq!(rule_of(""), Rule::O4);
        assert_eq!(rule_of("https://exa mple.com"), Rule::O4);
        assert_eq!(rule_of("https://a..b"), Rule::O4);
        assert_eq!(rule_of("https://example.com.."), Rule::O4);
        assert_eq!(rule_of("https://."), Rule::O4);
        assert_eq!(rule_of("https://ex!ample.com"), Rule::O4);
        assert_eq!(rule_of("1https://example.com"), Rule::O4);
        // `xn--` labels that are not punycode of a Unicode label: hosts browsers refuse.
        assert_eq!(rule_of("http://xn--"), Rule::O4);
        assert_eq!(rule_of("https://xn--0.example"), Rule::O4);
        assert_eq!(rule_of("https://xn--abc-.example"), Rule::O4);
        assert_eq!(rule_of("https://*.xn--0.example"), Rule::O4);
        assert!(parse_origin("https://www.xn--bcher-kva.example").is_ok());
    }

    #[test]
    fn o5_uppercase() {
        assert_eq!(rule_of("HTTPS://example.com"), Rule::O5);
        assert_eq!(
            help_of("HTTPS://example.com"),
            "write `https://example.com`"
        );
        assert_eq!(rule_of("https://Example.com"), Rule::O5);
        assert_eq!(
            help_of("https://Example.com"),
            "write `https://example.com`"
        );
        assert_eq!(rule_of("NULL"), Rule::O5);
        // The host right after `://` is rewritten, not the first text equal to it (here
        // inside the scheme).
        assert_eq!(help_of("HTTPS://S"), "write `https://s`");
        assert_eq!(help_of("HTTP://H:8080"), "write `http://h:8080`");
        assert_eq!(
            help_of("https://T.example.com"),
            "write `https://t.example.com`"
        );
    }

    #[test]
    fn o6_o7_ports() {
        assert_eq!(rule_of("http://x.com:80"), Rule::O6);
        assert_eq!(help_of("https://x.com:443"), "write `https://x.com`");
        assert_eq!(rule_of("http://x.com:0"), Rule::O7);
        assert_eq!(rule_of("http://x.com:65536"), Rule::O7);
        assert_eq!(rule_of("http://x.com:080"), Rule::O7);
        assert_eq!(help_of("http://x.com:08080"), "write `http://x.com:8080`");
        // Every fix is itself an origin browsers send: without the default port…
        assert_eq!(help_of("http://x.com:080"), "write `http://x.com`");
        assert_eq!(help_of("https://x.com:0443"), "write `https://x.com`");
        // …and none for a port that is out of range once its zeros are read: an
        // all-zero port is port 0 (its fix was once the empty port `http://x.com:`).
        for text in ["http://x.com:00", "http://x.com:000", "http://x.com:065536"] {
            let problem = parse_origin(text).expect_err(text);
            assert_eq!(problem.rule, Rule::O7, "{text}");
            assert!(problem.message.contains("outside 1..=65535"), "{text}");
            assert_eq!(problem.help, None, "{text}");
        }
        assert_eq!(rule_of("http://x.com:0000000000000000000008080"), Rule::O7);
        assert_eq!(rule_of("http://x.com:"), Rule::O7);
        assert_eq!(rule_of("http://x.com:http"), Rule::O7);
    }

    #[test]
    fn o8_non_ascii_host() {
        assert_eq!(rule_of("https://bücher.example"), Rule::O8);
        assert_eq!(
            help_of("https://bücher.example"),
            "write `https://xn--bcher-kva.example`"
        );
        assert_eq!(
            help_of("https://Bücher.example:8443"),
            "write `https://xn--bcher-kva.example:8443`"
        );
        // Hosts that need no mapping keep their fix, in every script (IANA's test
        // domains; the punycode is what browsers send).
        for (host, sent) in [
            ("пример.рф", "xn--e1afmkfd.xn--p1ai"),
            ("例子.中国", "xn--fsqu00a.xn--fiqs8s"),
            ("उदाहरण.परीक्षा", "xn--p1b6ci4b4b3a.xn--11b5bs3a9aj6g"),
            ("παράδειγμα.δοκιμή", "xn--hxajbheg2az3al.xn--jxalpdlp"),
            ("실례.테스트", "xn--9n2bp8q.xn--9t4b11yi5a"),
            ("ตัวอย่าง.ไทย", "xn--72c1a1bt4awk9o.xn--o3cw4h"),
            ("مثال.إختبار", "xn--mgbh0fb.xn--kgbechtv"),
            ("straße.de", "xn--strae-oqa.de"),
            ("việt.vn", "xn--vit-5kz.vn"),
        ] {
            let text = format!("https://{host}");
            assert_eq!(help_of(&text), format!("write `https://{sent}`"), "{host}");
        }
        // Browsers map these before encoding (UTS #46): full-width letters are ASCII, the
        // ideographic full stops are dots, a soft hyphen or a zero-width space vanishes,
        // `u` + U+0308 is `ü`. The punycode of the text as written is not what they send:
        // still O8, with no fix rather than a wrong one.
        for text in [
            "https://ｅｘａｍｐｌｅ.com",
            "https://bücher。example",
            "https://bücher．example",
            "https://bücher｡example",
            "https://ex\u{ad}ample.com",
            "https://bü\u{200b}cher.example",
            "https://bücher\u{fe0f}.example",
            "https://bu\u{308}cher.example",
            "https://ﬁle.example",
            "https://straẞe.example",
            // The replacement character (disallowed), a one-dot leader (NFKC: `.`), an
            // `xn--` prefix with Unicode after it (no encoding of it is a label).
            "https://\u{fffd}.example",
            "https://ex\u{2024}ample.com",
            "https://xn--b\u{fc}cher.example",
        ] {
            let problem = parse_origin(text).expect_err(text);
            assert_eq!(problem.rule, Rule::O8, "{text}");
            assert_eq!(problem.help, None, "{text}");
        }
    }

    /// A second `:` after a host that cannot be an IPv6 address is a bad port, not a
    /// missing pair of brackets.
    #[test]
    fn a_second_colon_after_a_domain_is_an_invalid_port() {
        for (text, port) in [
            ("https://a.example:443:", "443:"),
            ("https://a.example:1:2", "1:2"),
            ("https://*.a.example:80:", "80:"),
            ("http://10.0.0.1:80:", "80:"),
        ] {
            let problem = parse_origin(text).expect_err(text);
            assert_eq!(problem.rule, Rule::O7, "{text}");
            assert_eq!(
                problem.message,
                format!("origin `{text}` has an invalid port `{port}`")
            );
        }
    }

    #[test]
    fn o9_ip_forms() {
        assert_eq!(rule_of("http://127.1"), Rule::O9);
        assert_eq!(
            help_of("http://127.1:8080"),
            "write `http://127.0.0.1:8080`"
        );
        assert_eq!(rule_of("http://[0:0:0:0:0:0:0:1]"), Rule::O9);
        assert_eq!(help_of("http://[0:0:0:0:0:0:0:1]"), "write `http://[::1]`");
        assert_eq!(rule_of("http://[fe80::1%eth0]"), Rule::O9);
        assert_eq!(rule_of("http://::1"), Rule::O9);
        assert_eq!(rule_of("http://fe80::1:8080"), Rule::O9);
        assert_eq!(rule_of("http://::ffff:10.0.0.1"), Rule::O9);
        assert_eq!(rule_of("http://[::1"), Rule::O9);
        assert_eq!(rule_of("http://300.1.1.1"), Rule::O9);
        // A hexadecimal number over 32 bits is an IPv4 address that overflows, not a
        // domain: browsers refuse the host.
        assert_eq!(rule_of("http://0x7f12725611256"), Rule::O9);
        assert_eq!(rule_of("http://1.0x1000000000000"), Rule::O9);
    }

    #[test]
    fn o10_null_is_recognized() {
        assert_eq!(parse_origin("null"), Ok(OriginEntry::Null));
    }

    #[test]
    fn o11_file_scheme() {
        assert_eq!(rule_of("file://localhost"), Rule::O11);
        assert_eq!(rule_of("file:///etc/app.html"), Rule::O11);
    }

    #[test]
    fn o12_wildcards() {
        assert_eq!(rule_of("https://*example.com"), Rule::O12);
        assert_eq!(rule_of("https://a.*.example.com"), Rule::O12);
        assert_eq!(rule_of("https://*.*.example.com"), Rule::O12);
        assert_eq!(rule_of("https://*.com"), Rule::O12);
        assert_eq!(rule_of("https://*.co.uk"), Rule::O12);
        assert_eq!(rule_of("http://*.127.0.0.1"), Rule::O12);
        // On an IPv6 address too: `*.` is the mistake, not the brackets.
        assert_eq!(rule_of("http://*.[::1]"), Rule::O12);
        assert_eq!(rule_of("http://*.[::1]:3000"), Rule::O12);
        assert_eq!(
            parse_origin("http://*.[::1]").expect_err("O12").message,
            parse_origin("http://*.127.0.0.1")
                .expect_err("O12")
                .message
                .replace("127.0.0.1", "[::1]")
        );
        assert_eq!(rule_of("https://*"), Rule::O12);
        // In the scheme too, with the same help as in the host.
        assert_eq!(rule_of("*://a.example.com"), Rule::O12);
        assert_eq!(rule_of("http*://a.example.com"), Rule::O12);
        assert_eq!(
            help_of("*://a.example.com"),
            help_of("https://*example.com")
        );
        assert_eq!(rule_of("http://localhost:8*"), Rule::O7);
    }
}
