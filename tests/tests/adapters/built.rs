//! The scenario table again, with each named policy rebuilt at run time by
//! `Policy::builder()` from the same keys as its `cors!`: a built policy plugs into every
//! adapter unchanged and gets the same responses.

use cors_runtime::{CorsPolicy, Policy};
use cors_tests::{APP, PolicyName};

use crate::{run_table, via_actix, via_axum, via_hyper};

/// The builder twin of a named `cors!` policy (`tests/src/policies.rs`).
fn built(name: PolicyName) -> Policy {
    let builder = Policy::builder();
    match name {
        PolicyName::Strict => builder
            .origins([APP, "https://*.app.test"])
            .methods(["PUT", "DELETE", "PATCH"])
            .allow_headers(["content-type", "x-api-key"])
            .expose_headers(["x-total-count"])
            .credentials(true)
            .max_age(600),
        PolicyName::AnyOrigin => builder.any_origin().methods(["*"]).allow_headers(["*"]),
        PolicyName::Continue => builder
            .origin(APP)
            .methods(["PUT"])
            .allow_headers(["content-type"])
            .expose_headers(["x-total-count"])
            .preflight_continue(true)
            .preflight_status(200),
        PolicyName::PrivateNet => builder.origin(APP).methods(["PUT"]).private_network(true),
    }
    .build()
    .expect("the named policies are valid")
}

#[test]
fn each_built_twin_has_its_macro_policy_settings() {
    for name in [
        PolicyName::Strict,
        PolicyName::AnyOrigin,
        PolicyName::Continue,
        PolicyName::PrivateNet,
    ] {
        cors_tests::with_policy!(name, |policy| assert_eq!(
            built(name).settings(),
            policy.settings(),
            "{name:?}"
        ));
    }
}

#[tokio::test]
async fn axum_router_passes_every_scenario_with_built_policies() {
    run_table(
        "tower (axum Router), Policy::builder",
        |scenario| async move {
            let outcome = via_axum::run(built(scenario.policy), &scenario.request).await;
            (scenario, outcome)
        },
    )
    .await;
}

#[actix_web::test]
async fn actix_app_passes_every_scenario_with_built_policies() {
    run_table("actix-web App, Policy::builder", |scenario| async move {
        let outcome = via_actix::run(built(scenario.policy), &scenario.request).await;
        (scenario, outcome)
    })
    .await;
}

#[tokio::test]
async fn hyper_server_passes_every_scenario_with_built_policies() {
    run_table("hyper server, Policy::builder", |scenario| async move {
        let outcome = via_hyper::run(built(scenario.policy), &scenario.request).await;
        (scenario, outcome)
    })
    .await;
}
