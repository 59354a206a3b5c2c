//! Refusals as `tracing` debug events (feature `tracing`): the browser only says "CORS
//! error", so the server's log says which origin, method or header the policy refused.

use std::fmt;

use cors_core::{Decision, HeaderField, Reason};

/// The target of the events, for filters such as `RUST_LOG=cors_runtime=debug`.
pub(crate) const TARGET: &str = "cors_runtime";

/// Emits one `debug!` event when `decision` refuses a preflight, an origin or (cross-origin
/// protection) a state-changing request, with the request's `method` and `origin` as
/// fields and the [`Reason`] (which names what was refused) in the message. Requests without `Origin` are not CORS requests and granted
/// ones need no explanation: they emit nothing.
///
/// Allocation-free: the fields are formatted only if a subscriber wants the event.
pub(crate) fn refusal(method: &[u8], origin: HeaderField<'_>, decision: &Decision<'_>) {
    let reason = decision.reason();
    if reason.is_allowed() || reason == Reason::NoOrigin {
        return;
    }
    let origin = match origin {
        HeaderField::One(value) => Lossy(value),
        HeaderField::Many => Lossy(b"(several Origin headers)"),
        HeaderField::Absent => Lossy(b""),
    };
    if reason.is_cross_origin_refusal() {
        tracing::debug!(
            target: TARGET,
            method = %Lossy(method),
            origin = %origin,
            "{reason}"
        );
    } else if decision.is_preflight() {
        tracing::debug!(
            target: TARGET,
            method = %Lossy(method),
            origin = %origin,
            "CORS preflight refused: {reason}"
        );
    } else {
        tracing::debug!(
            target: TARGET,
            method = %Lossy(method),
            origin = %origin,
            "CORS headers withheld: {reason}"
        );
    }
}

/// Request bytes shown as text, invalid UTF-8 replaced, without allocating.
struct Lossy<'a>(&'a [u8]);

impl fmt::Display for Lossy<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for chunk in self.0.utf8_chunks() {
            f.write_str(chunk.valid())?;
            if !chunk.invalid().is_empty() {
                f.write_str("\u{FFFD}")?;
            }
        }
        Ok(())
    }
}
