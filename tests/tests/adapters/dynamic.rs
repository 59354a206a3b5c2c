//! The new paths of issue 11 through every adapter: type-erased policies, a reloadable
//! policy and async origins run the whole scenario table (each must answer exactly as
//! the policy it stands for); the dynamic-origin rows run through the synchronous
//! predicate and the asynchronous lookup; a replacement during a request does not
//! change that request's response.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use cors_runtime::{AsyncOrigins, CorsPolicy, DynamicOrigins, ReloadablePolicy};
use cors_tests::{PolicyName, dynamic_scenarios, scenarios, tenants};

use crate::{Serve, run_rows, via_actix, via_axum, via_hyper};

/// `policy`'s settings, with the tenant table as a synchronous predicate.
fn sync_tenants<P: CorsPolicy>(policy: P) -> DynamicOrigins<P, fn(&str) -> bool> {
    DynamicOrigins::new(policy, tenants::allows as fn(&str) -> bool)
}

/// `policy`'s settings, with the tenant table as an asynchronous lookup and a timeout.
fn async_tenants(policy: impl CorsPolicy) -> Serve<cors_tests::Strict> {
    Serve::Dynamic(
        AsyncOrigins::new(policy, tenants::lookup)
            .timeout(Duration::from_millis(50))
            .into(),
    )
}

/// `policy` itself, its origins asked through an async lookup that allows exactly what
/// the policy allows: it must answer every row as the policy does.
fn async_mirror<P: CorsPolicy + Copy>(policy: P) -> Serve<cors_tests::Strict> {
    let lookup = move |origin: String| {
        let allowed = policy.allows_origin(origin.as_bytes());
        async move { Ok::<_, Infallible>(allowed) }
    };
    Serve::Dynamic(AsyncOrigins::new(policy, lookup).into())
}

/// `policy` behind a reloadable handle.
fn reloadable(policy: impl CorsPolicy) -> Serve<cors_tests::Strict> {
    Serve::Dynamic(ReloadablePolicy::new(policy).into())
}

/// The table without the any-origin rows (both any-origin policies): an origin source
/// always echoes.
fn specific_origin_rows() -> Vec<cors_tests::Scenario> {
    scenarios()
        .into_iter()
        .filter(|scenario| {
            !matches!(
                scenario.policy,
                PolicyName::AnyOrigin | PolicyName::AnyContinue
            )
        })
        .collect()
}

macro_rules! on_every_adapter {
    ($(#[$attr:meta])* $axum:ident, $actix:ident, $hyper:ident, $label:literal, $table:expr, |$policy:ident| $serve:expr) => {
        #[tokio::test]
        $(#[$attr])*
        async fn $axum() {
            run_rows(concat!("tower (axum Router), ", $label), $table, |scenario| async move {
                let outcome = cors_tests::with_policy!(scenario.policy, |$policy| via_axum::run($serve, &scenario.request).await);
                (scenario, outcome)
            })
            .await;
        }

        #[actix_web::test]
        $(#[$attr])*
        async fn $actix() {
            run_rows(concat!("actix-web App, ", $label), $table, |scenario| async move {
                let outcome = cors_tests::with_policy!(scenario.policy, |$policy| via_actix::run($serve, &scenario.request).await);
                (scenario, outcome)
            })
            .await;
        }

        #[tokio::test]
        $(#[$attr])*
        async fn $hyper() {
            run_rows(concat!("hyper server, ", $label), $table, |scenario| async move {
                let outcome = cors_tests::with_policy!(scenario.policy, |$policy| via_hyper::run($serve, &scenario.request).await);
                (scenario, outcome)
            })
            .await;
        }
    };
}

on_every_adapter!(
    axum_box_dyn,
    actix_box_dyn,
    hyper_box_dyn,
    "Box<dyn CorsPolicy>",
    scenarios(),
    |policy| Box::new(policy) as Box<dyn CorsPolicy>
);

on_every_adapter!(
    axum_arc_dyn,
    actix_arc_dyn,
    hyper_arc_dyn,
    "Arc<dyn CorsPolicy>",
    scenarios(),
    |policy| Arc::new(policy) as Arc<dyn CorsPolicy>
);

on_every_adapter!(
    axum_static_dyn,
    actix_static_dyn,
    hyper_static_dyn,
    "&'static dyn CorsPolicy",
    scenarios(),
    |policy| Box::leak(Box::new(policy)) as &'static dyn CorsPolicy
);

on_every_adapter!(
    axum_reloadable,
    actix_reloadable,
    hyper_reloadable,
    "ReloadablePolicy",
    scenarios(),
    |policy| reloadable(policy)
);

on_every_adapter!(
    axum_async_mirror,
    actix_async_mirror,
    hyper_async_mirror,
    "AsyncOrigins mirroring the policy",
    specific_origin_rows(),
    |policy| async_mirror(policy)
);

on_every_adapter!(
    axum_sync_mirror,
    actix_sync_mirror,
    hyper_sync_mirror,
    "DynamicOrigins mirroring the policy",
    specific_origin_rows(),
    |policy| DynamicOrigins::new(policy, move |origin: &str| policy
        .allows_origin(origin.as_bytes()))
);

on_every_adapter!(
    axum_sync_tenants,
    actix_sync_tenants,
    hyper_sync_tenants,
    "DynamicOrigins over the tenant table",
    dynamic_scenarios(),
    |policy| sync_tenants(policy)
);

on_every_adapter!(
    axum_async_tenants,
    actix_async_tenants,
    hyper_async_tenants,
    "AsyncOrigins over the tenant table",
    dynamic_scenarios(),
    |policy| async_tenants(policy)
);
