//! Shared fixtures of the adapter tests: the named policies, the application behind the
//! CORS layer, and the scenario table every adapter must pass.
//!
//! The test binaries (`tests/adapters`, `tests/adapter_allocations.rs`) drive each
//! adapter through its real machinery with these.

mod app;
mod policies;
mod scenarios;

pub use app::{ALLOW, ROUTES, Recorder, Reply, Script, reply};
pub use policies::{
    APP, AnyContinue, AnyOrigin, Continue, PolicyName, PrivateNet, Protected, Strict, built,
};
pub use scenarios::{
    ACAC, ACAH, ACAM, ACAO, ACAPN, ACEH, ACRH, ACRM, ACRPN, ANY_ORIGIN_PREFLIGHT_VARY,
    CORS_HEADERS, EVIL, Expect, MAX_AGE, Outcome, PREFLIGHT_VARY, PRIVATE_NETWORK_VARY, Req, SFS,
    SUB, Scenario, check, dynamic_scenarios, scenarios, shown, tenants, write_lines,
};

/// Valid, almost-valid and hostile request parts derived from a policy's entries.
pub mod hostile;
/// The engine's decision in the reference model's terms.
pub mod observe;
/// Policies as data, their seeded generator and their `cors!` source (also included by
/// `build.rs` and the fuzz targets).
pub mod policy_spec;
/// The naive reference model of the runtime contract.
pub mod reference;

/// The README's examples compile and run. Collected here, in a crate never published:
/// from `cors-runtime` the README lies outside the package, and the published crate's
/// own doctests could not find it.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
