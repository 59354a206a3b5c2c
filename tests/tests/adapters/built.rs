//! The scenario table again, with each named policy rebuilt at run time by
//! `Policy::builder()` from the same keys as its `cors!`: a built policy plugs into every
//! adapter unchanged and gets the same responses.

use cors_runtime::CorsPolicy;
use cors_tests::{PolicyName, built};

use crate::{run_table, via_actix, via_axum, via_hyper};

#[test]
fn each_built_twin_has_its_macro_policy_settings() {
    for name in [
        PolicyName::Strict,
        PolicyName::AnyOrigin,
        PolicyName::Continue,
        PolicyName::AnyContinue,
        PolicyName::PrivateNet,
        PolicyName::Protected,
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
