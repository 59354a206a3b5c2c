//! Every service the benchmarks compare, behind one name, and a driver that sends one
//! request of a scenario through it: what the allocation table, the callgrind target
//! and the thread benchmark run.

use tower_layer::Layer;

use crate::uncounted::{Uncounted, UncountedActix};
use crate::{APP, ContractFloor, Floor, Hello, Ours, Scenario, now};

/// A service under test.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Library {
    /// The handler alone, as a tower service.
    BareTower,
    /// The hand-written floor around the handler.
    Floor,
    /// The floor plus the work the README's contract asks of every layer.
    ContractFloor,
    /// Our tower layer with the `cors!` policy.
    TowerOurs,
    /// Our tower layer with the same policy built at run time (`Policy::builder`).
    TowerBuilt,
    /// tower-http's `CorsLayer`.
    TowerHttp,
    /// Our hyper service with the `cors!` policy.
    HyperOurs,
    /// An actix app with `Identity` as its middleware.
    ActixBare,
    /// Our actix middleware with the `cors!` policy.
    ActixOurs,
    /// actix-cors.
    ActixCors,
}

impl Library {
    /// Every library, tower ones first.
    pub const ALL: [Library; 10] = [
        Library::BareTower,
        Library::Floor,
        Library::ContractFloor,
        Library::TowerOurs,
        Library::TowerBuilt,
        Library::TowerHttp,
        Library::HyperOurs,
        Library::ActixBare,
        Library::ActixOurs,
        Library::ActixCors,
    ];

    /// The name used on command lines and in tables.
    pub fn name(self) -> &'static str {
        match self {
            Library::BareTower => "bare_tower",
            Library::Floor => "floor",
            Library::ContractFloor => "floor_contract",
            Library::TowerOurs => "tower_ours",
            Library::TowerBuilt => "tower_built",
            Library::TowerHttp => "tower_http",
            Library::HyperOurs => "hyper_ours",
            Library::ActixBare => "actix_bare",
            Library::ActixOurs => "actix_ours",
            Library::ActixCors => "actix_cors",
        }
    }

    /// The library called `name`.
    pub fn from_name(name: &str) -> Option<Library> {
        Library::ALL
            .into_iter()
            .find(|library| library.name() == name)
    }

    /// The bare service the library's net cost is measured against.
    pub fn baseline(self) -> Library {
        match self {
            Library::ActixBare | Library::ActixOurs | Library::ActixCors => Library::ActixBare,
            _ => Library::BareTower,
        }
    }
}

/// The benchmarked policy built at run time, with the same lists as [`Ours`].
pub fn built_policy() -> cors_runtime::Policy {
    cors_runtime::Policy::builder()
        .origins([APP, "https://*.example.org"])
        .methods(["GET", "PUT", "DELETE"])
        .allow_headers(crate::ALLOWED_HEADERS)
        .expose_headers(["x-total-count"])
        .credentials(true)
        .max_age(600)
        .build()
        .expect("the benchmark policy is valid")
}

/// Whether the inner handler's work is counted (allocation table) or not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Inner {
    /// The handler as it is (times, instructions).
    Plain,
    /// The handler wrapped so that its allocations are not counted.
    Uncounted,
}

fn tower_driver<S>(scenario: Scenario, mut service: S) -> Box<dyn FnMut()>
where
    S: tower_service::Service<http::Request<crate::Body>, Response = http::Response<crate::Body>>
        + 'static,
    S::Error: std::fmt::Debug,
{
    Box::new(move || {
        // Built uncounted: the request is the server's, not the layer's.
        let request = crate::uncounted::uncounted(|| scenario.http_request());
        drop(std::hint::black_box(now(service.call(request))));
    })
}

fn hyper_driver<S>(scenario: Scenario, service: S) -> Box<dyn FnMut()>
where
    S: hyper::service::Service<http::Request<crate::Body>, Response = http::Response<crate::Body>>
        + 'static,
    S::Error: std::fmt::Debug,
{
    Box::new(move || {
        // Built uncounted: the request is the server's, not the layer's.
        let request = crate::uncounted::uncounted(|| scenario.http_request());
        drop(std::hint::black_box(now(service.call(request))));
    })
}

/// An actix app around `$middleware`, and a driver closure owning it and its runner.
macro_rules! actix_driver {
    ($scenario:expr, $inner:expr, $middleware:expr) => {{
        let runner = actix_web::rt::System::new();
        let scenario: Scenario = $scenario;
        match $inner {
            Inner::Plain => {
                let app = crate::actix_app!(runner, $middleware);
                Box::new(move || {
                    let request =
                        crate::uncounted::uncounted(|| scenario.actix_request().to_request());
                    drop(std::hint::black_box(
                        runner.block_on(actix_web::test::call_service(&app, request)),
                    ));
                }) as Box<dyn FnMut()>
            }
            Inner::Uncounted => {
                let app = crate::actix_app!(runner, $middleware, UncountedActix);
                Box::new(move || {
                    let request =
                        crate::uncounted::uncounted(|| scenario.actix_request().to_request());
                    drop(std::hint::black_box(
                        runner.block_on(actix_web::test::call_service(&app, request)),
                    ));
                }) as Box<dyn FnMut()>
            }
        }
    }};
}

/// A closure sending one request of `scenario` through `library` (built once, here),
/// request construction included, response dropped.
pub fn driver(library: Library, scenario: Scenario, inner: Inner) -> Box<dyn FnMut()> {
    macro_rules! tower {
        ($wrap:expr) => {
            match inner {
                Inner::Plain => tower_driver(scenario, $wrap(Hello)),
                Inner::Uncounted => tower_driver(scenario, $wrap(Uncounted(Hello))),
            }
        };
    }
    match library {
        Library::BareTower => tower!(|s| s),
        Library::Floor => tower!(Floor),
        Library::ContractFloor => tower!(ContractFloor),
        Library::TowerOurs => tower!(|s| cors_runtime::tower::CorsLayer::new(Ours).layer(s)),
        Library::TowerBuilt => {
            tower!(|s| cors_runtime::tower::CorsLayer::new(built_policy()).layer(s))
        }
        Library::TowerHttp => tower!(|s| crate::tower_http_layer(&[APP]).layer(s)),
        Library::HyperOurs => match inner {
            Inner::Plain => hyper_driver(scenario, cors_runtime::hyper::Cors::new(Ours, Hello)),
            Inner::Uncounted => hyper_driver(
                scenario,
                cors_runtime::hyper::Cors::new(Ours, Uncounted(Hello)),
            ),
        },
        Library::ActixBare => {
            actix_driver!(scenario, inner, actix_web::middleware::Identity::default())
        }
        Library::ActixOurs => actix_driver!(scenario, inner, cors_runtime::actix::Cors::new(Ours)),
        Library::ActixCors => actix_driver!(scenario, inner, crate::actix_cors(&[APP])),
    }
}
