//! The hand-written floors are compared with ours only if they answer as ours does: on
//! every scenario, the contract floor's response is ours, status and headers; the floor's
//! is too, but for what the floor skips (it sends only the one exact origin of the
//! scenarios, so their answers agree there as well).

use std::convert::Infallible;

use cors_benches::{Body, ContractFloor, Floor, Hello, Ours, Scenario, now};
use http::{Request, Response};
use tower_layer::Layer;
use tower_service::Service;

/// Status and headers, names sorted (values in their order per name).
fn answer<S>(service: S, scenario: Scenario) -> (u16, Vec<(String, String)>)
where
    S: Service<Request<Body>, Response = Response<Body>, Error = Infallible>,
{
    answer_to(service, scenario.http_request())
}

fn answer_to<S>(mut service: S, request: Request<Body>) -> (u16, Vec<(String, String)>)
where
    S: Service<Request<Body>, Response = Response<Body>, Error = Infallible>,
{
    let response = now(service.call(request)).expect("infallible");
    let mut headers: Vec<(String, String)> = response
        .headers()
        .iter()
        .map(|(name, value)| {
            let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
            (name.as_str().to_owned(), value)
        })
        .collect();
    headers.sort_by(|a, b| a.0.cmp(&b.0));
    (response.status().as_u16(), headers)
}

#[test]
fn the_floors_answer_every_scenario_as_ours_does() {
    for scenario in Scenario::ALL {
        let ours = answer(
            cors_runtime::tower::CorsLayer::new(Ours).layer(Hello),
            scenario,
        );
        assert_eq!(
            answer(ContractFloor(Hello), scenario),
            ours,
            "contract floor, {}",
            scenario.name()
        );
        assert_eq!(
            answer(Floor(Hello), scenario),
            ours,
            "floor, {}",
            scenario.name()
        );
    }
}

/// The contract floor answers a preflight that carries
/// `Access-Control-Request-Private-Network` as ours does: refused when it says `true` (the
/// policy does not enable private network access), ignored when it says anything else.
#[test]
fn the_contract_floor_refuses_private_network_preflights_as_ours_does() {
    for value in ["true", "false"] {
        let request = || {
            let mut request = Scenario::PreflightOneHeader.http_request();
            request.headers_mut().insert(
                "access-control-request-private-network",
                http::HeaderValue::from_static(value),
            );
            request
        };
        let ours = answer_to(
            cors_runtime::tower::CorsLayer::new(Ours).layer(Hello),
            request(),
        );
        assert_eq!(answer_to(ContractFloor(Hello), request()), ours, "{value}");
    }
}
