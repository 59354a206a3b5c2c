//! One `allow_headers` or `expose_headers` entry: rules H1–H3 and E1, E2, E4.

use crate::rule::{Problem, Rule};
use crate::syntax::is_token;

/// A header entry after its own checks.
///
/// # Example
///
/// ```
/// use cors_policy_core::{parse_request_header, HeaderEntry};
///
/// assert_eq!(parse_request_header("*"), Ok(HeaderEntry::Any));
/// assert_eq!(parse_request_header("Content-Type"), Ok(HeaderEntry::Name("content-type".into())));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum HeaderEntry {
    /// `*`: any header (for requests: any but `authorization`).
    Any,
    /// A header name, lowercase.
    Name(String),
}

/// Request headers a page can never set: the Fetch standard's forbidden request headers
/// (besides the `proxy-` and `sec-` prefixes). `user-agent` is not one since the
/// standard dropped it: Firefox sends a page's `User-Agent` (and preflights for it),
/// Chromium silently drops it, so listing it is not a mistake.
const FORBIDDEN_REQUEST: [&str; 21] = [
    "accept-charset",
    "accept-encoding",
    "access-control-request-headers",
    "access-control-request-method",
    "connection",
    "content-length",
    "cookie",
    "cookie2",
    "date",
    "dnt",
    "expect",
    "host",
    "keep-alive",
    "origin",
    "referer",
    "set-cookie",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "via",
];

/// CORS names that only ever appear in responses.
const RESPONSE_ONLY: [&str; 2] = ["access-control-expose-headers", "access-control-max-age"];

/// The response headers every page can read without being exposed.
///
/// # Example
///
/// ```
/// use cors_policy_core::SAFELISTED_RESPONSE;
///
/// assert!(SAFELISTED_RESPONSE.contains(&"content-type"));
/// assert!(!SAFELISTED_RESPONSE.contains(&"x-total-count")); // readable only if exposed
/// ```
pub const SAFELISTED_RESPONSE: [&str; 7] = [
    "cache-control",
    "content-language",
    "content-length",
    "content-type",
    "expires",
    "last-modified",
    "pragma",
];

fn parse_name(text: &str, rule: Rule) -> Result<HeaderEntry, Problem> {
    if text == "*" {
        return Ok(HeaderEntry::Any);
    }
    if !is_token(text.as_bytes()) {
        let problem = Problem::new(
            rule,
            format!("`{}` is not a valid header name", text.escape_debug()),
        );
        let trimmed = text.trim();
        return Err(if trimmed != text && is_token(trimmed.as_bytes()) {
            problem.help(format!("write `{trimmed}`"))
        } else if text.contains(',') {
            problem.help("list each header as its own string")
        } else {
            problem.help(
                "a header name is a token: letters, digits and `!#$%&'*+-.^_`|~`, with no spaces",
            )
        });
    }
    Ok(HeaderEntry::Name(text.to_ascii_lowercase()))
}

/// Parses and checks one `allow_headers` entry. Names are stored lowercase.
///
/// ```
/// use cors_policy_core::{parse_request_header, HeaderEntry, Rule};
///
/// assert_eq!(parse_request_header("X-Api-Key"), Ok(HeaderEntry::Name("x-api-key".into())));
/// assert_eq!(parse_request_header("cookie").unwrap_err().rule, Rule::H2);
/// // The Fetch standard no longer forbids it (Firefox sends it):
/// assert_eq!(parse_request_header("User-Agent"), Ok(HeaderEntry::Name("user-agent".into())));
/// assert_eq!(parse_request_header("access-control-allow-origin").unwrap_err().rule, Rule::H3);
/// ```
pub fn parse_request_header(text: &str) -> Result<HeaderEntry, Problem> {
    let entry = parse_name(text, Rule::H1)?;
    let HeaderEntry::Name(name) = &entry else {
        return Ok(entry);
    };
    if FORBIDDEN_REQUEST.contains(&name.as_str())
        || name.starts_with("proxy-")
        || name.starts_with("sec-")
    {
        return Err(Problem::new(Rule::H2, format!("`{text}` is a forbidden request header: `fetch` does not let a page set it, so no preflight ever asks for it"))
            .help("remove it"));
    }
    if name.starts_with("access-control-allow-") || RESPONSE_ONLY.contains(&name.as_str()) {
        return Err(Problem::new(Rule::H3, format!("`{text}` is a response header: the server sends it, a page never does"))
            .help("list here the headers your pages send (e.g. `content-type`, `authorization`); the layer sends the CORS response headers itself"));
    }
    Ok(entry)
}

/// Parses and checks one `expose_headers` entry. Names are stored lowercase.
///
/// ```
/// use cors_policy_core::{parse_exposed_header, HeaderEntry, Rule};
///
/// assert_eq!(parse_exposed_header("X-Total-Count"), Ok(HeaderEntry::Name("x-total-count".into())));
/// assert_eq!(parse_exposed_header("set-cookie").unwrap_err().rule, Rule::E2);
/// assert_eq!(parse_exposed_header("origin").unwrap_err().rule, Rule::E4);
/// ```
pub fn parse_exposed_header(text: &str) -> Result<HeaderEntry, Problem> {
    let entry = parse_name(text, Rule::E1)?;
    let HeaderEntry::Name(name) = &entry else {
        return Ok(entry);
    };
    if name == "set-cookie" || name == "set-cookie2" {
        return Err(Problem::new(
            Rule::E2,
            format!("`{text}` can never be read by a page, exposed or not"),
        )
        .help("remove it; cookies reach the page through `credentials`, not headers"));
    }
    if name == "origin" || name.starts_with("access-control-request-") {
        return Err(Problem::new(
            Rule::E4,
            format!("`{text}` is a request header: it never appears in a response"),
        )
        .help("list here the response headers your pages must read (e.g. `x-total-count`)"));
    }
    Ok(entry)
}
