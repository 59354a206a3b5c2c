//! One `methods` entry: rules M1, M2 and M5, and the browsers' normalization.

use crate::rule::{Problem, Rule};
use crate::syntax::is_token;

/// A `methods` entry after its own checks.
///
/// # Example
///
/// ```
/// use cors_policy_core::{parse_method, MethodEntry};
///
/// assert_eq!(parse_method("*"), Ok(MethodEntry::Any));
/// assert_eq!(parse_method("put"), Ok(MethodEntry::Method("PUT".into()))); // as `fetch` sends it
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum MethodEntry {
    /// `*`: any method.
    Any,
    /// A method, as browsers will send it (the six standard names uppercased).
    Method(String),
}

/// The methods `fetch()` uppercases (the Fetch standard's "normalize").
const NORMALIZED: [&str; 6] = ["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"];

/// Methods a page can never send.
const FORBIDDEN: [&str; 3] = ["CONNECT", "TRACE", "TRACK"];

/// Registered methods (IANA HTTP Method Registry) that browsers do *not* normalize: a
/// page's `patch` stays `patch`, which no router or policy expecting `PATCH` matches.
/// (The normalized ones, `DELETE` and `PUT` among them, are handled before this list.)
const REGISTERED: [&str; 32] = [
    "ACL",
    "BASELINE-CONTROL",
    "BIND",
    "CHECKIN",
    "CHECKOUT",
    "COPY",
    "LABEL",
    "LINK",
    "LOCK",
    "MERGE",
    "MKACTIVITY",
    "MKCALENDAR",
    "MKCOL",
    "MKREDIRECTREF",
    "MKWORKSPACE",
    "MOVE",
    "ORDERPATCH",
    "PATCH",
    "PRI",
    "PROPFIND",
    "PROPPATCH",
    "QUERY",
    "REBIND",
    "REPORT",
    "SEARCH",
    "UNBIND",
    "UNCHECKOUT",
    "UNLINK",
    "UNLOCK",
    "UPDATE",
    "UPDATEREDIRECTREF",
    "VERSION-CONTROL",
];

/// Parses and checks one `methods` entry.
///
/// ```
/// use cors_policy_core::{parse_method, MethodEntry, Rule};
///
/// assert_eq!(parse_method("PUT"), Ok(MethodEntry::Method("PUT".into())));
/// assert_eq!(parse_method("delete"), Ok(MethodEntry::Method("DELETE".into())));
/// assert_eq!(parse_method("PROPFIND"), Ok(MethodEntry::Method("PROPFIND".into())));
/// assert_eq!(parse_method("patch").unwrap_err().rule, Rule::M5);
/// assert_eq!(parse_method("TRACE").unwrap_err().rule, Rule::M2);
/// ```
pub fn parse_method(text: &str) -> Result<MethodEntry, Problem> {
    if text == "*" {
        return Ok(MethodEntry::Any);
    }
    if !is_token(text.as_bytes()) {
        return Err(Problem::new(
            Rule::M1,
            format!("`{}` is not a valid HTTP method", text.escape_debug()),
        )
        .help("a method is a token: letters, digits and `!#$%&'*+-.^_`|~`, with no spaces"));
    }
    let upper = text.to_ascii_uppercase();
    if FORBIDDEN.contains(&upper.as_str()) {
        return Err(Problem::new(
            Rule::M2,
            format!(
                "`{text}` can never be sent by a page (`fetch` throws): allowing it has no effect"
            ),
        )
        .help("remove it"));
    }
    if NORMALIZED.contains(&upper.as_str()) {
        return Ok(MethodEntry::Method(upper));
    }
    if upper != text && REGISTERED.contains(&upper.as_str()) {
        return Err(Problem::new(Rule::M5, format!("`{text}` is not normalized by browsers: a page's `{text}` is sent as `{text}`, and `{upper}` routes will not match it"))
            .help(format!("write `{upper}` (and have pages send `{upper}`)")));
    }
    Ok(MethodEntry::Method(text.to_string()))
}
