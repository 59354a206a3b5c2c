//! Refusals as `tracing` debug events (feature `tracing`): the browser only says "CORS
//! error", so the server's log says which origin, method or header the policy refused.
//!
//! Every value in an event comes from the client, so none is written as sent: each is
//! shown as [`ShownBytes`](cors_policy_core::ShownBytes) (cut to 128 bytes, its full length said instead; every byte
//! that is not printable ASCII escaped as `\xNN`), as a [`Reason`]'s own text shows
//! them, and a field's value as [`ShownWord`] (a space escaped too, as nothing quotes a
//! field's value). A client can neither flood the log (an `Origin` can be as long as the
//! framework's header limit, hundreds of KiB) nor forge a line or a field (control
//! bytes, ANSI escapes, bidi overrides, `origin=…` after a space). One event per refused request, the origin in
//! one field only (and, when an application's origin source fails, one more event with
//! its error, `async_origins.rs`).

use std::fmt;

use cors_policy_core::{Decision, HeaderField, Reason, ShownField, ShownWord};

/// The target of the events, for filters such as `RUST_LOG=cors_runtime=debug`.
pub(crate) const TARGET: &str = "cors_runtime";

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
        HeaderField::One(value) => Shown::Value(ShownWord(value)),
        HeaderField::Many => Shown::Text("(several Origin headers)"),
        HeaderField::Absent => Shown::Text(""),
    };
    let cross_origin = reason.is_cross_origin_refusal();
    let reason = Described(reason);
    if cross_origin {
        tracing::debug!(
            target: TARGET,
            method = %ShownWord(method),
            origin = %origin,
            "{reason}"
        );
    } else if decision.is_preflight() {
        tracing::debug!(
            target: TARGET,
            method = %ShownWord(method),
            origin = %origin,
            "CORS preflight refused: {reason}"
        );
    } else {
        tracing::debug!(
            target: TARGET,
            method = %ShownWord(method),
            origin = %origin,
            "CORS headers withheld: {reason}"
        );
    }
}

/// A reason in words, as [`Reason`]'s own text but for the refused origin, which is not
/// repeated (it is the event's `origin` field).
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
            Reason::CrossSiteRefused {
                request,
                fetch_site,
                origin,
            } => {
                write!(
                    f,
                    "{request} refused (cross_origin_protection): {}, and ",
                    ShownField(fetch_site, "Sec-Fetch-Site")
                )?;
                match origin {
                    HeaderField::One(_) => f.write_str("origin not allowed"),
                    _ => ShownField(origin, "Origin").fmt(f),
                }
            }
            Reason::ForeignOriginRefused {
                request,
                origin,
                host,
            } => {
                write!(f, "{request} refused (cross_origin_protection): ")?;
                match origin {
                    HeaderField::One(_) => write!(
                        f,
                        "origin not allowed and not this server's ({})",
                        ShownField(host, "Host")
                    )?,
                    _ => ShownField(origin, "Origin").fmt(f)?,
                }
                f.write_str(", and no Sec-Fetch-Site")
            }
            // The other reasons do not name the origin; their own text shows what request
            // bytes they carry (a method, a header name) as `ShownBytes`.
            reason => fmt::Display::fmt(&reason, f),
        }
    }
}

/// A field's value: request bytes, or a fixed text.
enum Shown<'a> {
    Value(ShownWord<'a>),
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
