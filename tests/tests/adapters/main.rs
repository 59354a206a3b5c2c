//! The scenario table (`cors_tests::scenarios`) run against every adapter through its
//! real machinery: an axum `Router` called with tower's `oneshot`, an actix-web `App`
//! through `actix_web::test`, and a hyper server on a loopback TCP connection (HTTP/1.1,
//! and HTTP/2 under `hyper_util`'s auto server); then again with each policy built at run
//! time by `Policy::builder()` ([`built`]). Beside the table, [`differential`] sends
//! generated requests through the three adapters, which must answer each alike.

mod built;
mod differential;
mod dynamic;
mod per_route;
mod reload;
mod response_future;
mod via_actix;
mod via_axum;
mod via_hyper;
mod via_hyper_http2;

use cors_tests::{Outcome, Recorder, Reply, Req, Scenario, Script, check, scenarios};
use http_body_util::BodyExt;

/// Which layer serves a policy: the static one (`CorsLayer`, `Cors`) or the dynamic one
/// (`DynamicCorsLayer`, `DynamicCors`), which serves a reloadable policy or async origins.
pub(crate) enum Serve<P> {
    Static(P),
    Dynamic(cors_runtime::DynamicPolicy),
}

impl<P: cors_runtime::CorsPolicy> From<P> for Serve<P> {
    fn from(policy: P) -> Self {
        Serve::Static(policy)
    }
}

/// Runs every scenario with `run` and fails with all the differences at once.
async fn run_table<F, Fut>(adapter: &str, run: F)
where
    F: FnMut(Scenario) -> Fut,
    Fut: Future<Output = (Scenario, Outcome)>,
{
    run_rows(adapter, scenarios(), run).await;
}

/// [`run_table`] over the scenarios `keep` keeps.
async fn run_table_where<F, Fut>(adapter: &str, keep: impl Fn(&Scenario) -> bool, run: F)
where
    F: FnMut(Scenario) -> Fut,
    Fut: Future<Output = (Scenario, Outcome)>,
{
    let table: Vec<Scenario> = scenarios().into_iter().filter(|s| keep(s)).collect();
    run_rows(adapter, table, run).await;
}

/// Runs the scenarios of `table` with `run` and fails with all the differences at once.
async fn run_rows<F, Fut>(adapter: &str, table: Vec<Scenario>, mut run: F)
where
    F: FnMut(Scenario) -> Fut,
    Fut: Future<Output = (Scenario, Outcome)>,
{
    let total = table.len();
    let mut failures = Vec::new();
    for scenario in table {
        let (scenario, outcome) = run(scenario).await;
        let problems = check(&scenario, &outcome);
        if !problems.is_empty() {
            failures.push(format!(
                "- {} ({:?}):\n    {}",
                scenario.name,
                scenario.policy,
                problems.join("\n    ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{adapter}: {} of {total} scenarios failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    println!("{adapter}: {total} scenarios passed");
}

/// A request, and what the application's handler answers it: its route's own reply, or
/// the one scripted for it.
#[derive(Clone, Debug)]
pub(crate) struct Exchange {
    pub(crate) request: Req,
    pub(crate) reply: Option<Reply>,
}

impl Exchange {
    /// `request`, answered by its route.
    fn routed(request: &Req) -> [Exchange; 1] {
        [Exchange {
            request: request.clone(),
            reply: None,
        }]
    }
}

/// Sends every exchange in turn, with `send`, to one application whose handlers share
/// `recorder` and `script`: each reply is scripted before its request goes, and each
/// outcome counts the handler runs of its own request.
async fn exchange_each<F, Fut>(
    exchanges: &[Exchange],
    recorder: &Recorder,
    script: &Script,
    mut send: F,
) -> Vec<Outcome>
where
    F: FnMut(&Req) -> Fut,
    Fut: Future<Output = Outcome>,
{
    let mut outcomes = Vec::with_capacity(exchanges.len());
    for exchange in exchanges {
        script.set(exchange.reply.clone());
        let before = recorder.runs();
        let outcome = send(&exchange.request).await;
        outcomes.push(Outcome {
            handler_runs: recorder.runs() - before,
            ..outcome
        });
    }
    outcomes
}

/// The one outcome of a single exchange.
fn only(outcomes: Vec<Outcome>) -> Outcome {
    let [outcome] = <[Outcome; 1]>::try_from(outcomes).expect("one request, one outcome");
    outcome
}

/// An `http` 1.x request for the tower and hyper adapters.
fn http_request<B>(request: &Req, body: B) -> http::Request<B> {
    let mut builder = http::Request::builder()
        .method(request.method)
        .uri(request.path);
    for (name, value) in &request.headers {
        builder = builder.header(*name, value.as_slice());
    }
    builder.body(body).expect("the table's requests are valid")
}

/// The application's `http` 1.x response, for the axum and hyper apps.
fn http_response<B: From<&'static str>>(reply: Reply) -> http::Response<B> {
    let mut builder = http::Response::builder().status(reply.status);
    for &(name, value) in &reply.headers {
        builder = builder.header(name, value);
    }
    builder
        .body(B::from(reply.body))
        .expect("the app's replies are valid")
}

/// What a client saw of an `http` 1.x response, handler runs aside.
async fn http_outcome<B>(response: http::Response<B>) -> Outcome
where
    B: hyper::body::Body,
    B::Error: std::fmt::Debug,
{
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .map(|(name, value)| (name.as_str().to_owned(), value.as_bytes().to_vec()))
        .collect();
    let body = response
        .into_body()
        .collect()
        .await
        .expect("the body arrives whole")
        .to_bytes()
        .to_vec();
    Outcome {
        status,
        headers,
        body,
        handler_runs: 0,
    }
}

#[tokio::test]
async fn axum_router_passes_every_scenario() {
    run_table("tower (axum Router)", |scenario| async move {
        let outcome = cors_tests::with_policy!(scenario.policy, |policy| via_axum::run(
            policy,
            &scenario.request
        )
        .await);
        (scenario, outcome)
    })
    .await;
}

#[actix_web::test]
async fn actix_app_passes_every_scenario() {
    run_table("actix-web App", |scenario| async move {
        let outcome = cors_tests::with_policy!(scenario.policy, |policy| via_actix::run(
            policy,
            &scenario.request
        )
        .await);
        (scenario, outcome)
    })
    .await;
}

#[tokio::test]
async fn hyper_server_passes_every_scenario() {
    run_table("hyper server", |scenario| async move {
        let outcome = cors_tests::with_policy!(scenario.policy, |policy| via_hyper::run(
            policy,
            &scenario.request
        )
        .await);
        (scenario, outcome)
    })
    .await;
}

#[tokio::test]
async fn hyper_server_passes_every_scenario_over_http2() {
    // An HTTP/1.1 WebSocket handshake cannot be sent over HTTP/2: `Upgrade` is
    // connection-specific, and hyper's client drops it (RFC 9113 §8.2.2). There a
    // WebSocket is an extended CONNECT (RFC 8441), an unsafe method that cross-origin
    // protection judges like any other; so the protection rows that hinge on `Upgrade`
    // run over HTTP/1.1 only.
    run_table_where(
        "hyper server, HTTP/2 (hyper_util auto)",
        |scenario| {
            !(scenario.policy == cors_tests::PolicyName::Protected
                && scenario
                    .request
                    .headers
                    .iter()
                    .any(|(name, _)| *name == "upgrade"))
        },
        |scenario| async move {
            let outcome = cors_tests::with_policy!(scenario.policy, |policy| via_hyper_http2::run(
                policy,
                &scenario.request
            )
            .await);
            (scenario, outcome)
        },
    )
    .await;
}
