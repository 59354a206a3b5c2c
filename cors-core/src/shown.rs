//! [`ShownBytes`]: request bytes written as text that is safe to print or log, and
//! [`ShownField`]: a request header so written, or that it is missing or repeated.
//!
//! Every request value a [`Reason`](crate::Reason) names (an origin, a method, a header
//! name, a `Sec-Fetch-Site`) comes from the client, so none is written as sent: a client
//! could otherwise flood a log (an `Origin` can be as long as the server's header limit,
//! hundreds of KiB) or forge a line or a field (control bytes, ANSI escapes, bidi
//! overrides) wherever a reason is printed.

use core::fmt;

use crate::engine::HeaderField;

/// At most this many bytes of a request value are shown; the rest is cut, and the full
/// length said instead.
pub const SHOWN_BYTES: usize = 128;

/// Request bytes as text, without allocating: printable ASCII as is (a backslash
/// doubled), any other byte as `\xNN`, and so is a backtick, which quotes request values
/// in a reason (a client could otherwise close the quote and forge a field); past [`SHOWN_BYTES`] bytes, cut and followed by
/// `… (N bytes)`, N the full length. At most about 4 × 128 characters, whatever the
/// input.
///
/// ```
/// use cors_policy_core::ShownBytes;
///
/// assert_eq!(ShownBytes(b"https://a.test").to_string(), "https://a.test");
/// assert_eq!(ShownBytes(b"a\x1b[31m\xff").to_string(), "a\\x1b[31m\\xff");
/// assert_eq!(ShownBytes(b"x` is allowed").to_string(), "x\\x60 is allowed");
/// let long = ShownBytes(&[b'a'; 1000]).to_string();
/// assert!(long.ends_with("… (1000 bytes)") && long.len() < 200);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShownBytes<'a>(pub &'a [u8]);

impl fmt::Display for ShownBytes<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        show(self.0, f, |byte| is_plain(byte) || byte == b' ')
    }
}

/// Request bytes as one word: as [`ShownBytes`], and a space escaped too (`\x20`), for a
/// value written where nothing quotes it, such as a log event's field (`origin=…`): a
/// client could otherwise append what reads as more fields
/// (`Origin: https://evil.test origin=https://app.test`).
///
/// ```
/// use cors_policy_core::ShownWord;
///
/// assert_eq!(ShownWord(b"https://a.test").to_string(), "https://a.test");
/// assert_eq!(ShownWord(b"https://evil.test origin=https://a.test").to_string(), "https://evil.test\\x20origin=https://a.test");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShownWord<'a>(pub &'a [u8]);

impl fmt::Display for ShownWord<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        show(self.0, f, is_plain)
    }
}

/// Writes at most [`SHOWN_BYTES`] of `bytes`, those that are `plain` as they are, a
/// backslash doubled, any other as `\xNN`; then the full length when cut.
fn show(bytes: &[u8], f: &mut fmt::Formatter<'_>, plain: impl Fn(u8) -> bool) -> fmt::Result {
    let shown = &bytes[..bytes.len().min(SHOWN_BYTES)];
    for run in shown.split_inclusive(|byte| !plain(*byte)) {
        let (last, plain_run) = match run.split_last() {
            Some((&last, plain_run)) if !plain(last) => (Some(last), plain_run),
            _ => (None, run),
        };
        // Plain bytes are ASCII: valid UTF-8 as they are.
        f.write_str(core::str::from_utf8(plain_run).map_err(|_| fmt::Error)?)?;
        match last {
            Some(b'\\') => f.write_str("\\\\")?,
            Some(byte) => write!(f, "\\x{byte:02x}")?,
            None => {}
        }
    }
    if shown.len() < bytes.len() {
        write!(f, "… ({} bytes)", bytes.len())?;
    }
    Ok(())
}

/// A request header in words, named by its second field: its value as [`ShownBytes`],
/// or that it is missing or repeated.
///
/// ```
/// use cors_policy_core::{HeaderField, ShownField};
///
/// assert_eq!(ShownField(HeaderField::One(b"cross-site"), "Sec-Fetch-Site").to_string(), "Sec-Fetch-Site `cross-site`");
/// assert_eq!(ShownField(HeaderField::Absent, "Host").to_string(), "no Host header");
/// assert_eq!(ShownField(HeaderField::Many, "Origin").to_string(), "several Origin headers");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShownField<'a>(pub HeaderField<'a>, pub &'static str);

impl fmt::Display for ShownField<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            HeaderField::Absent => write!(f, "no {} header", self.1),
            HeaderField::Many => write!(f, "several {} headers", self.1),
            HeaderField::One(value) => write!(f, "{} `{}`", self.1, ShownBytes(value)),
        }
    }
}

/// Printable ASCII other than the space, the backslash (which starts an escape) and the
/// backtick (which quotes a shown value). [`ShownBytes`] shows a space as it is (its
/// values are quoted), [`ShownWord`] escapes it.
fn is_plain(byte: u8) -> bool {
    byte.is_ascii_graphic() && byte != b'\\' && byte != b'`'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_cuts() {
        assert_eq!(ShownBytes(b"https://a.test").to_string(), "https://a.test");
        assert_eq!(
            ShownBytes(b"a\tb\x1b[31m\\\xff\xe2\x80\xaec").to_string(),
            "a\\x09b\\x1b[31m\\\\\\xff\\xe2\\x80\\xaec"
        );
        let long = [b'a'; 70_000];
        let shown = ShownBytes(&long).to_string();
        assert_eq!(shown, format!("{}… (70000 bytes)", "a".repeat(SHOWN_BYTES)));
        let exact = [b'a'; SHOWN_BYTES];
        assert_eq!(ShownBytes(&exact).to_string(), "a".repeat(SHOWN_BYTES));
    }

    /// A backtick is a token character, so it can be in a header name a client lists;
    /// shown as is it would close the reason's quote and forge a second field.
    #[test]
    fn a_backtick_cannot_close_a_reasons_quote() {
        let text = crate::Reason::HeaderNotAllowed(b"x` is allowed; method `PUT").to_string();
        assert_eq!(text.matches('`').count(), 2, "{text}");
        assert!(
            text.contains("x\\x60 is allowed; method \\x60PUT"),
            "{text}"
        );
    }
}
