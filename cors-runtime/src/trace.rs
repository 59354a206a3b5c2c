//! Refusals as `tracing` debug events (feature `tracing`): the browser only says "CORS
//! error", so the server's log says which origin, method or header the policy refused.
//!
//! Every value in an event comes from the client, so none is written as sent: each is
//! cut to [`SHOWN_BYTES`] (its full length is said instead) and every byte that is not
//! printable ASCII is escaped as `\xNN`. A client can neither flood the log (an
//! `Origin` can be as long as the framework's header limit, hundreds of KiB) nor forge
//! a line or a field (control bytes, ANSI escapes, bidi overrides). One event per
//! request, the origin in one field only.

use std::fmt;

use cors_policy_core::{Decision, Guarded, HeaderField, Reason};

/// The target of the events, for filters such as `RUST_LOG=cors_runtime=debug`.
pub(crate) const TARGET: &str = "cors_runtime";

/// At most this many bytes of a request value are shown in an event.
pub(crate) const SHOWN_BYTES: usize = 128;

/// Emits one `debug!` event when `decision` refuses a preflight, an origin or (cross-origin
/// protection) a state-changing request, with the
/// request's `method` and `origin` as fields and the [`Reason`] in the message (naming
/// the refused method or header; the origin only in its field). Requests without
/// `Origin` are not CORS requests and granted ones need no explanation: they emit
/// nothing.
///
/// Allocation-free: the fields are formatted only if a subscriber wants the event.
pub(crate) fn refusal(method: &[u8], origin: HeaderField<'_>, decision: &Decision<'_>) {
    let reason = decision.reason();
    if reason.is_allowed() || reason == Reason::NoOrigin {
        return;
    }
    let origin = match origin {
        HeaderField::One(value) => Shown::Value(Bounded(value)),
        HeaderField::Many => Shown::Text("(several Origin headers)"),
        HeaderField::Absent => Shown::Text(""),
    };
    let cross_origin = reason.is_cross_origin_refusal();
    let reason = Described(reason);
    if cross_origin {
        tracing::debug!(
            target: TARGET,
            method = %Bounded(method),
            origin = %origin,
            "{reason}"
        );
    } else if decision.is_preflight() {
        tracing::debug!(
            target: TARGET,
            method = %Bounded(method),
            origin = %origin,
            "CORS preflight refused: {reason}"
        );
    } else {
        tracing::debug!(
            target: TARGET,
            method = %Bounded(method),
            origin = %origin,
            "CORS headers withheld: {reason}"
        );
    }
}

/// A reason in words, its request bytes [`Bounded`]; the refused origin is not repeated
/// (it is the event's `origin` field).
struct Described<'r>(Reason<'r>);

impl fmt::Display for Described<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Reason::OriginNotAllowed(_) => f.write_str("origin not allowed"),
            Reason::OriginBreaksRule(_, rule) => write!(
                f,
                "origin refused by rule {} ({}), whatever the origin source says",
                rule.id(),
                rule.summary()
            ),
            Reason::OriginSourceFailed(_) => {
                f.write_str("origin refused: the origin source failed (fail closed)")
            }
            Reason::MethodNotAllowed(method) => {
                write!(f, "method `{}` is not allowed", Bounded(method))
            }
            Reason::HeaderNotAllowed(name) => {
                write!(f, "request header `{}` is not allowed", Bounded(name))
            }
            Reason::CrossSiteRefused {
                request,
                fetch_site,
                origin,
            } => {
                write!(
                    f,
                    "{} refused (cross_origin_protection): {}, and ",
                    Request(request),
                    Field(fetch_site, "Sec-Fetch-Site")
                )?;
                match origin {
                    HeaderField::One(_) => f.write_str("origin not allowed"),
                    _ => Field(origin, "Origin").fmt(f),
                }
            }
            Reason::ForeignOriginRefused {
                request,
                origin,
                host,
            } => {
                write!(
                    f,
                    "{} refused (cross_origin_protection): ",
                    Request(request)
                )?;
                match origin {
                    HeaderField::One(_) => write!(
                        f,
                        "origin not allowed and not this server's ({})",
                        Field(host, "Host")
                    )?,
                    _ => Field(origin, "Origin").fmt(f)?,
                }
                f.write_str(", and no Sec-Fetch-Site")
            }
            // The other reasons carry no request bytes: their own words are bounded.
            reason => fmt::Display::fmt(&reason, f),
        }
    }
}

/// What cross-origin protection refused, its method [`Bounded`].
struct Request<'r>(Guarded<'r>);

impl fmt::Display for Request<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Guarded::Method(method) => write!(f, "cross-origin `{}`", Bounded(method)),
            Guarded::WebSocket => f.write_str("cross-origin WebSocket handshake"),
        }
    }
}

/// A request header in a reason: its value [`Bounded`], or that it is missing or
/// repeated.
struct Field<'a>(HeaderField<'a>, &'static str);

impl fmt::Display for Field<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            HeaderField::Absent => write!(f, "no {} header", self.1),
            HeaderField::Many => write!(f, "several {} headers", self.1),
            HeaderField::One(value) => write!(f, "{} `{}`", self.1, Bounded(value)),
        }
    }
}

/// A field's value: request bytes, or a fixed text.
enum Shown<'a> {
    Value(Bounded<'a>),
    Text(&'static str),
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Shown::Value(value) => value.fmt(f),
            Shown::Text(text) => f.write_str(text),
        }
    }
}

/// Request bytes as log text, without allocating: printable ASCII as is (a backslash
/// doubled), any other byte as `\xNN`; past [`SHOWN_BYTES`] bytes, cut and followed by
/// `… (N bytes)`, N the full length.
struct Bounded<'a>(&'a [u8]);

impl fmt::Display for Bounded<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = &self.0[..self.0.len().min(SHOWN_BYTES)];
        for run in shown.split_inclusive(|byte| !is_plain(*byte)) {
            let (last, plain) = match run.split_last() {
                Some((&last, plain)) if !is_plain(last) => (Some(last), plain),
                _ => (None, run),
            };
            // Plain bytes are ASCII: valid UTF-8 as they are.
            f.write_str(core::str::from_utf8(plain).map_err(|_| fmt::Error)?)?;
            match last {
                Some(b'\\') => f.write_str("\\\\")?,
                Some(byte) => write!(f, "\\x{byte:02x}")?,
                None => {}
            }
        }
        if shown.len() < self.0.len() {
            write!(f, "… ({} bytes)", self.0.len())?;
        }
        Ok(())
    }
}

/// Printable ASCII other than the backslash (which starts an escape).
fn is_plain(byte: u8) -> bool {
    byte.is_ascii_graphic() && byte != b'\\' || byte == b' '
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_escapes_and_cuts() {
        assert_eq!(Bounded(b"https://a.test").to_string(), "https://a.test");
        assert_eq!(
            Bounded(b"a\tb\x1b[31m\\\xff\xe2\x80\xaec").to_string(),
            "a\\x09b\\x1b[31m\\\\\\xff\\xe2\\x80\\xaec"
        );
        let long = [b'a'; 70_000];
        let shown = Bounded(&long).to_string();
        assert_eq!(shown, format!("{}… (70000 bytes)", "a".repeat(SHOWN_BYTES)));
        let exact = [b'a'; SHOWN_BYTES];
        assert_eq!(Bounded(&exact).to_string(), "a".repeat(SHOWN_BYTES));
    }
}
