//! Heap allocations per request, per library and scenario, beside the bare handler's.
//! Prints a Markdown table. The counting allocator is `allocation-counter`'s.
//!
//! `cargo bench -p cors-runtime --all-features --bench allocations`

#[macro_use]
mod common;

use common::{Floor, Hello, Ours, Scenario, now};
use tower_layer::Layer;
use tower_service::Service;

const ROUNDS: u64 = 100;

/// Average allocations of `run` over [`ROUNDS`] calls, after one warm-up call; the
/// request is built outside the count.
fn per_request<R>(mut make: impl FnMut() -> R, mut run: impl FnMut(R)) -> f64 {
    run(make());
    let mut total = 0;
    for _ in 0..ROUNDS {
        let request = make();
        total += allocation_counter::measure(|| run(request)).count_total;
    }
    total as f64 / ROUNDS as f64
}

fn tower<S>(scenario: Scenario, mut service: S) -> f64
where
    S: Service<http::Request<common::Body>, Response = http::Response<common::Body>>,
    S::Error: std::fmt::Debug,
{
    per_request(
        || scenario.http_request(),
        |request| drop(now(service.call(request))),
    )
}

/// Through an actix app: the middleware's type is only known to the macro.
macro_rules! actix {
    ($scenario:expr, $runner:expr, $middleware:expr $(,)?) => {{
        let app = actix_app!($runner, $middleware);
        per_request(
            || $scenario.actix_request().to_request(),
            |request| drop($runner.block_on(actix_web::test::call_service(&app, request))),
        )
    }};
}

fn main() {
    let runner = actix_web::rt::System::new();
    println!(
        "| scenario | bare tower service | floor | tower (ours) | tower-http | hyper (ours) | bare actix app | actix (ours) | actix-cors |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    for scenario in Scenario::ALL {
        let hyper_ours = {
            use hyper::service::Service as _;
            let service = cors_runtime::hyper::Cors::new(Ours, Hello);
            per_request(
                || scenario.http_request(),
                |request| drop(now(service.call(request))),
            )
        };
        let cells = [
            tower(scenario, Hello),
            tower(scenario, Floor(Hello)),
            tower(
                scenario,
                cors_runtime::tower::CorsLayer::new(Ours).layer(Hello),
            ),
            tower(
                scenario,
                common::tower_http_layer(&[common::APP]).layer(Hello),
            ),
            hyper_ours,
            actix!(scenario, runner, actix_web::middleware::Identity::default()),
            actix!(scenario, runner, cors_runtime::actix::Cors::new(Ours)),
            actix!(scenario, runner, common::actix_cors(&[common::APP])),
        ];
        let cells: Vec<String> = cells.iter().map(|count| format!("{count}")).collect();
        println!("| {} | {} |", scenario.name(), cells.join(" | "));
    }
}
