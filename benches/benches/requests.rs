//! Per-request cost of each scenario, in every library, in one run.
//!
//! `cargo bench -p cors-benches --bench requests`

use cors_benches::{ContractFloor, Floor, Hello, Ours, Scenario, now};
use cors_runtime::engine::{HeaderField, RequestHead, decide};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use tower_layer::Layer;
use tower_service::Service;

fn engine(c: &mut Criterion, scenario: Scenario) {
    let (method, origin, acrm, acrh) = scenario.parts();
    let acrh = acrh.unwrap_or_default();
    let field = |value: Option<&'static str>| match value {
        Some(value) => HeaderField::One(value.as_bytes()),
        None => HeaderField::Absent,
    };
    c.bench_function(&format!("{}/engine", scenario.name()), |b| {
        b.iter(|| {
            let lines = [acrh.as_bytes()];
            let decision = decide(
                black_box(&Ours),
                RequestHead {
                    method: black_box(method.as_bytes()),
                    origin: field(origin),
                    request_method: field(acrm),
                    request_headers: lines.iter().copied().filter(|line| !line.is_empty()),
                    request_private_network: HeaderField::Absent,
                    fetch_site: HeaderField::Absent,
                    host: HeaderField::Absent,
                    upgrade: HeaderField::Absent,
                },
            );
            black_box(decision.action())
        })
    });
}

fn tower_like<S>(c: &mut Criterion, scenario: Scenario, library: &str, mut service: S)
where
    S: Service<http::Request<cors_benches::Body>, Response = http::Response<cors_benches::Body>>,
    S::Error: std::fmt::Debug,
{
    c.bench_function(&format!("{}/{library}", scenario.name()), |b| {
        b.iter_batched(
            || scenario.http_request(),
            |request| black_box(now(service.call(request)).expect("infallible")),
            BatchSize::SmallInput,
        )
    });
}

fn hyper_ours(c: &mut Criterion, scenario: Scenario) {
    use hyper::service::Service as _;
    let service = cors_runtime::hyper::Cors::new(Ours, Hello);
    c.bench_function(&format!("{}/hyper_ours", scenario.name()), |b| {
        b.iter_batched(
            || scenario.http_request(),
            |request| black_box(now(service.call(request)).expect("infallible")),
            BatchSize::SmallInput,
        )
    });
}

/// Through an actix app: the middleware's type is only known to the macro.
macro_rules! actix {
    ($c:expr, $scenario:expr, $library:expr, $middleware:expr $(,)?) => {{
        let runner = actix_web::rt::System::new();
        let app = cors_benches::actix_app!(runner, $middleware);
        let scenario: Scenario = $scenario;
        $c.bench_function(&format!("{}/{}", scenario.name(), $library), |b| {
            b.iter_batched(
                || scenario.actix_request().to_request(),
                |request| black_box(runner.block_on(actix_web::test::call_service(&app, request))),
                BatchSize::SmallInput,
            )
        });
    }};
}

fn every_scenario(c: &mut Criterion) {
    for scenario in Scenario::ALL {
        engine(c, scenario);
        tower_like(c, scenario, "floor", Floor(Hello));
        tower_like(c, scenario, "floor_contract", ContractFloor(Hello));
        tower_like(
            c,
            scenario,
            "tower_ours",
            cors_runtime::tower::CorsLayer::new(Ours).layer(Hello),
        );
        tower_like(
            c,
            scenario,
            "tower_built",
            cors_runtime::tower::CorsLayer::new(cors_benches::library::built_policy()).layer(Hello),
        );
        tower_like(
            c,
            scenario,
            "tower_http",
            cors_benches::tower_http_layer(&[cors_benches::APP]).layer(Hello),
        );
        tower_like(c, scenario, "bare_service", Hello);
        hyper_ours(c, scenario);
        actix!(
            c,
            scenario,
            "actix_ours",
            cors_runtime::actix::Cors::new(Ours),
        );
        actix!(
            c,
            scenario,
            "actix_cors",
            cors_benches::actix_cors(&[cors_benches::APP]),
        );
        actix!(
            c,
            scenario,
            "actix_bare",
            actix_web::middleware::Identity::default(),
        );
    }
}

criterion_group!(benches, every_scenario);
criterion_main!(benches);
