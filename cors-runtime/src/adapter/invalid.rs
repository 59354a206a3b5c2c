//! [`InvalidPolicy`]: a hand-written policy whose settings cannot be sent, found when a
//! layer is built (never per request).

use core::fmt;

use cors_policy_core::CorsHeader;

/// A hand-written [`CorsPolicy`](crate::CorsPolicy) whose settings cannot be sent: returned by the
/// adapters' `try_new`. `cors!` and runtime-checked policies never produce one.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "tower")] {
/// use cors_runtime::{CorsPolicy, tower::CorsLayer};
/// use cors_runtime::engine::{Settings};
///
/// struct Broken;
/// impl CorsPolicy for Broken {
///     fn allows_origin(&self, _: &[u8]) -> bool { false }
///     fn allows_method(&self, _: &[u8]) -> bool { false }
///     fn allows_request_header(&self, _: &[u8]) -> bool { false }
///     fn settings(&self) -> Settings<'_> {
///         Settings { max_age: Some("600\n"), ..Settings::DEFAULT }
///     }
/// }
///
/// let error = CorsLayer::try_new(Broken).unwrap_err();
/// assert_eq!(
///     error.to_string(),
///     "the policy's access-control-max-age value \"600\\n\" is not a valid header value"
/// );
/// # }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum InvalidPolicy {
    /// A constant value holds bytes a header value cannot.
    Value(CorsHeader, String),
    /// The preflight status is not a success status.
    Status(u16),
    /// [`static_settings`](crate::CorsPolicy::static_settings) is not `None` and differs
    /// from [`settings`](crate::CorsPolicy::settings): the two must be the same.
    StaticSettings,
}

impl fmt::Display for InvalidPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InvalidPolicy::Value(header, text) => write!(
                f,
                "the policy's {} value {text:?} is not a valid header value",
                header.name()
            ),
            InvalidPolicy::Status(status) => write!(
                f,
                "the policy's preflight status {status} is not in 200..=299"
            ),
            InvalidPolicy::StaticSettings => f.write_str(
                "the policy's static_settings differ from its settings (they must be the same)",
            ),
        }
    }
}

impl std::error::Error for InvalidPolicy {}
