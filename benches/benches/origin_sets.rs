//! Cost of the origin check as the allowed set grows: 1, 10, 100 and 1000 exact origins
//! plus one subdomain pattern, matched at the first, middle and last entry, by the
//! pattern, and missed; for the `cors!` policy, the same policy built at run time
//! (`Policy::builder()`), and tower-http.
//!
//! `cargo bench -p cors-benches --bench origin_sets`

use cors_benches::origins_10::{ORIGINS_10, Origins10};
use cors_benches::origins_100::{ORIGINS_100, Origins100};
use cors_benches::origins_1000::{ORIGINS_1000, Origins1000};
use cors_benches::{Hello, Ours, actual_from, now};
use cors_runtime::CorsPolicy;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use tower_layer::Layer;
use tower_service::Service;

/// The probes for a list: (position name, origin).
fn probes(list: &'static [&'static str]) -> [(&'static str, &'static str); 5] {
    [
        ("first", list[0]),
        ("middle", list[list.len() / 2]),
        ("last", list[list.len() - 1]),
        ("pattern", "https://eu.example.org"),
        ("miss", "https://tenant5.example.net"),
    ]
}

/// The same origins and pattern built at run time by `Policy::builder()`: a table sorted
/// by length, then bytes, and the pattern, instead of generated matchers.
fn built(list: &[&str]) -> cors_runtime::Policy {
    cors_runtime::Policy::builder()
        .origins(list.iter().copied())
        .origin("https://*.example.org")
        .build()
        .expect("the benchmark's origins are valid")
}

/// An actual request from `origin` through an actix app wrapped by `$middleware`.
macro_rules! actix_origin_bench {
    ($c:expr, $name:expr, $origin:expr, $middleware:expr) => {{
        let runner = actix_web::rt::System::new();
        let app = cors_benches::actix_app!(runner, $middleware);
        let origin: &'static str = $origin;
        $c.bench_function(&$name, |b| {
            b.iter_batched(
                || {
                    actix_web::test::TestRequest::get()
                        .uri("/items")
                        .insert_header(("origin", origin))
                        .to_request()
                },
                |request| black_box(runner.block_on(actix_web::test::call_service(&app, request))),
                BatchSize::SmallInput,
            )
        });
    }};
}

fn size<P: CorsPolicy + Copy>(c: &mut Criterion, policy: P, list: &'static [&'static str]) {
    let n = list.len();
    let runtime = built(list);
    for (position, origin) in probes(list) {
        c.bench_function(&format!("origins_{n}/{position}/engine"), |b| {
            b.iter(|| black_box(policy.allows_origin(black_box(origin.as_bytes()))))
        });
        c.bench_function(&format!("origins_{n}/{position}/engine_built"), |b| {
            b.iter(|| black_box(runtime.allows_origin(black_box(origin.as_bytes()))))
        });
        let mut ours = cors_runtime::tower::CorsLayer::new(policy).layer(Hello);
        c.bench_function(&format!("origins_{n}/{position}/tower_ours"), |b| {
            b.iter_batched(
                || actual_from(origin),
                |request| black_box(now(ours.call(request))),
                BatchSize::SmallInput,
            )
        });
        let mut ours_built = cors_runtime::tower::CorsLayer::new(runtime.clone()).layer(Hello);
        c.bench_function(&format!("origins_{n}/{position}/tower_built"), |b| {
            b.iter_batched(
                || actual_from(origin),
                |request| black_box(now(ours_built.call(request))),
                BatchSize::SmallInput,
            )
        });
        let mut peer = cors_benches::tower_http_layer(list).layer(Hello);
        c.bench_function(&format!("origins_{n}/{position}/tower_http"), |b| {
            b.iter_batched(
                || actual_from(origin),
                |request| black_box(now(peer.call(request))),
                BatchSize::SmallInput,
            )
        });
        actix_origin_bench!(
            c,
            format!("origins_{n}/{position}/actix_ours"),
            origin,
            cors_runtime::actix::Cors::new(policy)
        );
        actix_origin_bench!(
            c,
            format!("origins_{n}/{position}/actix_cors"),
            origin,
            cors_benches::actix_cors(list)
        );
    }
}

fn origin_sets(c: &mut Criterion) {
    size(c, Ours, &[cors_benches::APP]);
    size(c, Origins10, &ORIGINS_10);
    size(c, Origins100, &ORIGINS_100);
    size(c, Origins1000, &ORIGINS_1000);
}

criterion_group!(benches, origin_sets);
criterion_main!(benches);
