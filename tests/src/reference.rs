//! The reference model: `docs/cors-rules.md` §B and the origin rules transcribed as plainly
//! as possible, to hold the engine and the generated matchers against.
//!
//! Deliberately naive: strings are split and lowercased, origins are kept in a `Vec`
//! and compared one by one, patterns are taken apart with `split_once`. It shares no
//! code with `cors-policy-core` (the [`Spec`] is read as written), allocates freely, and is
//! slow; it only has to be obviously right.
//!
//! Choices the digest leaves open, made the same way as the library documents them:
//! - an origin longer than 512 bytes is never allowed (the "sane length");
//! - a `*.` pattern's `*` stands for LDH labels only: lowercase letters, digits and `-`,
//!   `-` neither first nor last, each 1 to 63 bytes (`_`, `-a`, `a-` are refused);
//! - a `*` port matches no port or any port 1..=65535 written without leading zeros;
//! - `methods: *` allows any method that is an HTTP token;
//! - names are compared with ASCII case folding only (`to_ascii_lowercase`): a Unicode
//!   `to_lowercase` would turn the Kelvin sign `K` (U+212A) into `k` and allow it;
//! - several `Access-Control-Request-Private-Network` lines are refused, whatever the
//!   policy (malformed: neither ignored nor taken as asking);
//! - `Access-Control-Request-Headers` lines that name no header ask for none;
//! - `Access-Control-Request-Headers` lines adding up to more than 8 KiB are refused.
//! - cross-origin protection (Go 1.25's `CrossOriginProtection` with the policy's
//!   origins as the trusted ones): `Sec-Fetch-Site` values are compared byte for byte,
//!   a header given twice is no proof of anything (as if cross-site), several `Upgrade`
//!   lines count as a WebSocket handshake, and an `Origin` is the server's own when
//!   what follows its `://` is the one `Host` line, byte for byte.

use std::collections::BTreeMap;

use crate::policy_spec::Spec;

/// A request as the engine sees it: the method, and every line of each CORS header.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Request {
    /// The method's bytes.
    pub method: Vec<u8>,
    /// Every `Origin` line.
    pub origin: Vec<Vec<u8>>,
    /// Every `Access-Control-Request-Method` line.
    pub request_method: Vec<Vec<u8>>,
    /// Every `Access-Control-Request-Headers` line.
    pub request_headers: Vec<Vec<u8>>,
    /// Every `Access-Control-Request-Private-Network` line.
    pub request_private_network: Vec<Vec<u8>>,
    /// Every `Sec-Fetch-Site` line.
    pub fetch_site: Vec<Vec<u8>>,
    /// Every `Host` line (the request's authority).
    pub host: Vec<Vec<u8>>,
    /// Every `Upgrade` line.
    pub upgrade: Vec<Vec<u8>>,
}

/// What happens to the request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// The layer answers with this status and an empty body.
    Status(u16),
    /// The handler runs and the headers are added to its response.
    Forward,
}

/// What the response must be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expected {
    /// Answer or forward.
    pub answer: Answer,
    /// Every CORS response header (lowercase name) with its value.
    pub headers: BTreeMap<&'static str, Vec<u8>>,
    /// The `Vary` members, in order.
    pub vary: Vec<&'static str>,
}

const MAX_ORIGIN: usize = 512;
const MAX_REQUEST_HEADERS: usize = 8 * 1024;
const SAFELISTED: [&str; 7] = [
    "cache-control",
    "content-language",
    "content-length",
    "content-type",
    "expires",
    "last-modified",
    "pragma",
];

fn is_any(list: &Option<Vec<String>>) -> bool {
    list.as_ref()
        .is_some_and(|items| items.iter().any(|item| item == "*"))
}

fn is_token(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c))
}

/// The policy allows any origin.
pub fn any_origin(spec: &Spec) -> bool {
    spec.origins.iter().any(|origin| origin == "*")
}

/// Whether the policy's listed origins or patterns match this `Origin` value (no length
/// cap: that is the engine's, see [`expect`]).
pub fn origin_matches(spec: &Spec, origin: &[u8]) -> bool {
    if any_origin(spec) {
        return true;
    }
    let Ok(origin) = String::from_utf8(origin.to_vec()) else {
        return false;
    };
    spec.origins
        .iter()
        .any(|entry| entry_matches(entry, &origin))
}

fn entry_matches(entry: &str, origin: &str) -> bool {
    if entry == "*" {
        return true;
    }
    if !entry.contains('*') {
        return entry == origin;
    }
    let (scheme, authority) = entry.split_once("://").expect("a valid pattern");
    let Some((origin_scheme, origin_authority)) = origin.split_once("://") else {
        return false;
    };
    if scheme != origin_scheme {
        return false;
    }
    let (host, port) = split_authority(authority);
    let (origin_host, origin_port) = split_authority(origin_authority);
    let port_ok = match (port, origin_port) {
        (None, None) => true,
        (None, Some(_)) => false,
        (Some("*"), None) => true,
        (Some("*"), Some(p)) => is_port(p),
        (Some(_), None) => false,
        (Some(mine), Some(theirs)) => mine == theirs,
    };
    let host_ok = match host.strip_prefix("*.") {
        None => host == origin_host,
        Some(domain) => match origin_host.strip_suffix(&format!(".{domain}")) {
            None => false,
            Some(labels) => labels.split('.').all(|label| {
                !label.is_empty()
                    && label.len() <= 63
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            }),
        },
    };
    port_ok && host_ok
}

/// `host[:port]`, with `[IPv6]` hosts kept whole.
fn split_authority(authority: &str) -> (&str, Option<&str>) {
    if authority.starts_with('[') {
        if let Some((host, rest)) = authority.split_once(']') {
            let host = &authority[..host.len() + 1];
            return match rest.strip_prefix(':') {
                Some(port) => (host, Some(port)),
                None if rest.is_empty() => (host, None),
                // `[::1]x`: a host that matches nothing.
                None => (authority, None),
            };
        }
        return (authority, None);
    }
    match authority.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    }
}

fn is_port(text: &str) -> bool {
    !text.is_empty()
        && !text.starts_with('0')
        && text.len() <= 5
        && text.chars().all(|c| c.is_ascii_digit())
        && text.parse::<u32>().is_ok_and(|n| (1..=65535).contains(&n))
}

/// The methods as browsers send them: the six standard names uppercased.
fn normalized_methods(spec: &Spec) -> Vec<String> {
    let mut methods: Vec<String> = Vec::new();
    for method in spec.methods.iter().flatten() {
        let upper = method.to_uppercase();
        let method =
            if ["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"].contains(&upper.as_str()) {
                upper
            } else {
                method.clone()
            };
        if !methods.contains(&method) {
            methods.push(method);
        }
    }
    methods
}

/// Whether a preflight may ask for this method (GET, HEAD and POST always may).
pub fn method_allowed(spec: &Spec, method: &[u8]) -> bool {
    let Ok(method) = std::str::from_utf8(method) else {
        return false;
    };
    ["GET", "HEAD", "POST"].contains(&method) || policy_allows_method(spec, method)
}

/// The policy's own answer for a method (what `CorsPolicy::allows_method` says).
pub fn policy_allows_method(spec: &Spec, method: &str) -> bool {
    if is_any(&spec.methods) {
        return is_token(method);
    }
    normalized_methods(spec)
        .iter()
        .any(|allowed| allowed == method)
}

fn allowed_header_names(spec: &Spec) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for name in spec.allow_headers.iter().flatten() {
        let name = name.to_ascii_lowercase();
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// Whether one `Access-Control-Request-Headers` element is allowed.
pub fn request_header_allowed(spec: &Spec, name: &[u8]) -> bool {
    let Ok(name) = std::str::from_utf8(name) else {
        return false;
    };
    let lower = name.to_ascii_lowercase();
    let names = allowed_header_names(spec);
    if names.contains(&"*".to_owned()) {
        is_token(name) && (lower != "authorization" || names.contains(&lower))
    } else {
        names.contains(&lower)
    }
}

fn allow_methods_value(spec: &Spec) -> Option<String> {
    if is_any(&spec.methods) {
        return Some("*".into());
    }
    let methods = normalized_methods(spec);
    (!methods.is_empty()).then(|| methods.join(", "))
}

fn allow_headers_value(spec: &Spec) -> Option<String> {
    let names = allowed_header_names(spec);
    if names.contains(&"*".to_owned()) {
        return Some(if names.contains(&"authorization".to_owned()) {
            "*, authorization".into()
        } else {
            "*".into()
        });
    }
    (!names.is_empty()).then(|| names.join(", "))
}

fn expose_headers_value(spec: &Spec) -> Option<String> {
    if is_any(&spec.expose_headers) {
        return Some("*".into());
    }
    let mut names: Vec<String> = Vec::new();
    for name in spec.expose_headers.iter().flatten() {
        let name = name.to_ascii_lowercase();
        if !SAFELISTED.contains(&name.as_str()) && !names.contains(&name) {
            names.push(name);
        }
    }
    (!names.is_empty()).then(|| names.join(", "))
}

/// The response `spec` must give `request`.
pub fn expect(spec: &Spec, request: &Request) -> Expected {
    let any = any_origin(spec);
    let preflight = request.method == b"OPTIONS"
        && !request.origin.is_empty()
        && !request.request_method.is_empty();
    // The origin: `*` allows everything; otherwise exactly one line, short, matching.
    let origin_ok = any
        || (request.origin.len() == 1
            && request.origin[0].len() <= MAX_ORIGIN
            && origin_matches(spec, &request.origin[0]));
    let acao = if any {
        b"*".to_vec()
    } else {
        request.origin.first().cloned().unwrap_or_default()
    };
    let mut headers = BTreeMap::new();

    if !preflight {
        let vary = if any { vec![] } else { vec!["Origin"] };
        if spec.cross_origin_protection && !protection_passes(request, origin_ok) {
            return Expected {
                answer: Answer::Status(403),
                headers,
                vary,
            };
        }
        if origin_ok {
            headers.insert("access-control-allow-origin", acao);
            if spec.credentials {
                headers.insert("access-control-allow-credentials", b"true".to_vec());
            }
            if let Some(value) = expose_headers_value(spec) {
                headers.insert("access-control-expose-headers", value.into_bytes());
            }
        }
        return Expected {
            answer: Answer::Forward,
            headers,
            vary,
        };
    }

    let mut vary = Vec::new();
    if !any {
        vary.push("Origin");
    }
    vary.push("Access-Control-Request-Method");
    vary.push("Access-Control-Request-Headers");
    if spec.private_network {
        vary.push("Access-Control-Request-Private-Network");
    }
    let refused = Expected {
        answer: Answer::Status(403),
        headers: BTreeMap::new(),
        vary: vary.clone(),
    };
    if !origin_ok {
        return refused;
    }
    if request.request_method.len() != 1 || !method_allowed(spec, &request.request_method[0]) {
        return refused;
    }
    let total: usize = request.request_headers.iter().map(Vec::len).sum();
    if total > MAX_REQUEST_HEADERS {
        return refused;
    }
    for line in &request.request_headers {
        for element in line.split(|&b| b == b',') {
            let text: Vec<u8> = element.to_vec();
            let trimmed = trim(&text);
            if !trimmed.is_empty() && !request_header_allowed(spec, trimmed) {
                return refused;
            }
        }
    }
    let private_network = match request.request_private_network.len() {
        0 => false,
        1 => {
            String::from_utf8_lossy(&request.request_private_network[0]).to_ascii_lowercase()
                == "true"
        }
        _ => return refused,
    };
    if private_network && !spec.private_network {
        return refused;
    }
    headers.insert("access-control-allow-origin", acao);
    if spec.credentials {
        headers.insert("access-control-allow-credentials", b"true".to_vec());
    }
    // A wildcard (without credentials, which the rules forbid with it) is answered with
    // what the preflight asked: Firefox caches no `*` answer (README, decided behaviours).
    match allow_methods_value(spec) {
        Some(value) if value == "*" => {
            headers.insert(
                "access-control-allow-methods",
                request.request_method[0].clone(),
            );
        }
        Some(value) => {
            headers.insert("access-control-allow-methods", value.into_bytes());
        }
        None => {}
    }
    match allow_headers_value(spec) {
        Some(value) if value.starts_with('*') => match request.request_headers.as_slice() {
            // Lines that name no header (only commas, spaces, tabs) ask for none.
            lines
                if lines
                    .iter()
                    .flat_map(|line| line.split(|&b| b == b','))
                    .all(|element| trim(element).is_empty()) => {}
            [line] => {
                headers.insert("access-control-allow-headers", line.clone());
            }
            _ => {
                headers.insert("access-control-allow-headers", value.into_bytes());
            }
        },
        Some(value) => {
            headers.insert("access-control-allow-headers", value.into_bytes());
        }
        None => {}
    }
    if let Some(seconds) = spec.max_age {
        headers.insert("access-control-max-age", seconds.to_string().into_bytes());
    }
    if private_network {
        headers.insert("access-control-allow-private-network", b"true".to_vec());
    }
    Expected {
        answer: if spec.preflight_continue {
            Answer::Forward
        } else {
            Answer::Status(spec.preflight_status.unwrap_or(204))
        },
        headers,
        vary,
    }
}

/// Whether cross-origin protection lets a request that is not a preflight through.
fn protection_passes(request: &Request, origin_ok: bool) -> bool {
    let websocket = request.upgrade.len() > 1
        || request.upgrade.iter().any(|line| {
            String::from_utf8_lossy(line).split(',').any(|protocol| {
                protocol
                    .trim_matches([' ', '\t'])
                    .eq_ignore_ascii_case("websocket")
            })
        });
    let safe = ["GET", "HEAD", "OPTIONS"]
        .iter()
        .any(|method| method.as_bytes() == request.method.as_slice());
    if safe && !websocket {
        return true;
    }
    match request.fetch_site.as_slice() {
        [site] if site == b"same-origin" || site == b"none" => true,
        [] => {
            let own = match (request.origin.as_slice(), request.host.as_slice()) {
                ([origin], [host]) => (0..origin.len().saturating_sub(2))
                    .find(|&i| &origin[i..i + 3] == b"://")
                    .is_some_and(|i| {
                        let authority = &origin[i + 3..];
                        !authority.is_empty() && authority == host.as_slice()
                    }),
                _ => false,
            };
            request.origin.is_empty() || own || origin_ok
        }
        _ => origin_ok,
    }
}

/// Spaces and tabs off both ends.
fn trim(mut bytes: &[u8]) -> &[u8] {
    while bytes.first().is_some_and(|b| *b == b' ' || *b == b'\t') {
        bytes = &bytes[1..];
    }
    while bytes.last().is_some_and(|b| *b == b' ' || *b == b'\t') {
        bytes = &bytes[..bytes.len() - 1];
    }
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy_spec::strings;

    fn spec(origins: &[&str]) -> Spec {
        Spec {
            origins: strings(origins),
            ..Spec::default()
        }
    }

    #[test]
    fn the_reference_knows_the_classic_traps() {
        let two = spec(&["https://foo.com", "https://bar.com"]);
        assert!(origin_matches(&two, b"https://foo.com"));
        assert!(!origin_matches(&two, b"https://barfoo.com"));
        let sub = spec(&["https://*.example.com"]);
        assert!(origin_matches(&sub, b"https://a.b.example.com"));
        for bad in [
            "https://example.com",
            "https://evilexample.com",
            "https://example.com.evil.com",
            "https://a.example.com.",
            "https://A.example.com",
            "https://a.example.com:443",
            "https://user@a.example.com",
            "https://a.example.com/",
        ] {
            assert!(!origin_matches(&sub, bad.as_bytes()), "{bad}");
        }
        let port = spec(&["http://[::1]:*"]);
        assert!(origin_matches(&port, b"http://[::1]"));
        assert!(origin_matches(&port, b"http://[::1]:3000"));
        assert!(!origin_matches(&port, b"http://[::1]:0"));
        assert!(!origin_matches(&port, b"http://[::1]x"));
    }

    #[test]
    fn the_reference_folds_ascii_case_only() {
        let keyed = Spec {
            allow_headers: Some(strings(&["k"])),
            ..spec(&["https://a.test"])
        };
        assert!(request_header_allowed(&keyed, b"K"));
        assert!(!request_header_allowed(&keyed, "\u{212A}".as_bytes()));
    }
}
