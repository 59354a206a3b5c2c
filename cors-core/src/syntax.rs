//! HTTP syntax helpers (RFC 9110 tokens and lists), allocation-free.
//!
//! # Example
//!
//! One `Access-Control-Request-Headers` line, split as the engine splits it:
//!
//! ```
//! use cors_policy_core::syntax::{is_token, list_elements};
//!
//! let names: Vec<&[u8]> = list_elements(b"content-type, x-api-key,").collect();
//! assert_eq!(names, [&b"content-type"[..], b"x-api-key"]);
//! assert!(names.iter().all(|name| is_token(name)));
//! ```

/// Whether `byte` may appear in an HTTP token (`tchar`).
///
/// ```
/// assert!(cors_policy_core::syntax::is_tchar(b'-'));
/// assert!(!cors_policy_core::syntax::is_tchar(b','));
/// ```
#[inline]
pub const fn is_tchar(byte: u8) -> bool {
    matches!(byte,
        b'!' | b'#' | b'$' | b'%' | b'&' | b'\'' | b'*' | b'+' | b'-' | b'.' | b'^' | b'_'
        | b'`' | b'|' | b'~' | b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z')
}

/// Whether `bytes` is a non-empty HTTP token: a valid method or header name.
///
/// ```
/// use cors_policy_core::syntax::is_token;
/// assert!(is_token(b"x-api-key"));
/// assert!(!is_token(b"x api key"));
/// assert!(!is_token(b""));
/// ```
#[inline]
pub const fn is_token(bytes: &[u8]) -> bool {
    if bytes.is_empty() {
        return false;
    }
    let mut i = 0;
    while i < bytes.len() {
        if !is_tchar(bytes[i]) {
            return false;
        }
        i += 1;
    }
    true
}

/// Trims optional white space (spaces and horizontal tabs) from both ends.
///
/// ```
/// assert_eq!(cors_policy_core::syntax::trim_ows(b" \tx-a \t"), b"x-a");
/// ```
#[inline]
pub fn trim_ows(mut bytes: &[u8]) -> &[u8] {
    while let [b' ' | b'\t', rest @ ..] = bytes {
        bytes = rest;
    }
    while let [rest @ .., b' ' | b'\t'] = bytes {
        bytes = rest;
    }
    bytes
}

/// The non-empty, trimmed elements of one comma-separated header line.
///
/// Linear in the line's length; never allocates.
///
/// ```
/// let elements: Vec<&[u8]> = cors_policy_core::syntax::list_elements(b" a,,b ,\tc,").collect();
/// assert_eq!(elements, [&b"a"[..], b"b", b"c"]);
/// ```
#[inline]
pub fn list_elements(line: &[u8]) -> impl Iterator<Item = &[u8]> {
    line.split(|&byte| byte == b',')
        .map(trim_ows)
        .filter(|element| !element.is_empty())
}

/// Whether any of the comma-separated header lines holds `token`, compared
/// ASCII-case-insensitively (as `Vary` members are).
///
/// ```
/// use cors_policy_core::syntax::list_contains;
/// assert!(list_contains([&b"Accept-Encoding, origin"[..]], b"Origin"));
/// assert!(!list_contains([&b"Origin-Agent"[..]], b"Origin"));
/// ```
pub fn list_contains<'a>(lines: impl IntoIterator<Item = &'a [u8]>, token: &[u8]) -> bool {
    lines
        .into_iter()
        .flat_map(list_elements)
        .any(|element| element.eq_ignore_ascii_case(token))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_follow_rfc_9110() {
        for good in [
            &b"GET"[..],
            b"PROPFIND",
            b"x-custom_1.2",
            b"!#$%&'*+-.^_`|~",
        ] {
            assert!(is_token(good), "{good:?}");
        }
        for bad in [
            &b""[..],
            b"a b",
            b"a,b",
            b"a:b",
            b"\xc3\xa9",
            b"a\tb",
            b"(x)",
        ] {
            assert!(!is_token(bad), "{bad:?}");
        }
    }

    #[test]
    fn list_skips_empty_elements_and_ows() {
        let elements: Vec<&[u8]> = list_elements(b",, ,\t,x , y\t,,").collect();
        assert_eq!(elements, [&b"x"[..], b"y"]);
        assert_eq!(list_elements(b"").count(), 0);
    }

    #[test]
    fn trim_ows_keeps_inner_space() {
        assert_eq!(trim_ows(b"  a b  "), b"a b");
        assert_eq!(trim_ows(b" \t "), b"");
    }
}
