//! The `cors!` compiler as an ordinary library: tokens in, the policy's code (or its
//! compile errors) out. The proc-macro crate `cors-macro` is a thin wrapper around
//! [`expand_invocation`]; the fuzz target, the expansion snapshots and any tool call it
//! directly.
//!
//! Pipeline: `parse` (tokens → entries) → `lower` (→ the shared `cors_policy_core::Intake`, rules
//! K1–K3) → `cors_policy_core::check` (rules O1–P1) → `expand`. Errors from every stage are
//! collected and reported together; an invalid policy still expands to a placeholder
//! policy type, so one mistake gives one error, not a cascade.
//!
//! The generated code names nothing but the runtime crate's `__private` module (built
//! once from the path the caller gives, `$crate` in `cors_runtime::cors!`): no prelude
//! item, no `::core`, no macro of the user's crate, so it compiles in any edition, under
//! `#![no_implicit_prelude]`, beside a local `matches!`, and with a renamed dependency.
//! Its methods are called by path (`<[u8]>::len(origin)`), never with method-call
//! syntax, which a user's extension trait in scope could take over.
#![deny(missing_docs)]

mod errors;
mod expand;
mod lower;
mod origin_tree;
mod parse;
mod pipeline;

pub use pipeline::{expand_invocation, expand_policy};
