//! The multi-threaded scenario: N threads (N = 1, 2) sending requests through clones of
//! one service, each request through a fresh clone of the thread's copy (as axum does),
//! so that any write to memory shared by the clones (a reference count) is paid per
//! request from every thread. Prints the median ns per request per thread over
//! interleaved rounds, its spread, and the N = 2 / N = 1 ratio: a shared write shows as
//! a ratio above the floor's.
//!
//! `cargo run --release -p cors-benches --bin threads [rounds] [requests-per-thread]`

use std::time::Instant;

use cors_benches::library::built_policy;
use cors_benches::{APP, Floor, Hello, Ours, Scenario, now};
use tower_layer::Layer;
use tower_service::Service;

const BATCH: u32 = 1000;

/// ns per request per thread, `threads` threads each sending `requests` requests.
fn run<S>(service: &S, scenario: Scenario, threads: usize, requests: u32) -> f64
where
    S: Service<http::Request<cors_benches::Body>, Response = http::Response<cors_benches::Body>>
        + Clone
        + Send,
    S::Error: std::fmt::Debug,
{
    let elapsed: Vec<f64> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                let service = service.clone();
                scope.spawn(move || {
                    // Requests are built outside the timed part, a batch at a time.
                    let mut timed = 0;
                    for _ in 0..requests / BATCH {
                        let batch: Vec<_> = (0..BATCH).map(|_| scenario.http_request()).collect();
                        let start = Instant::now();
                        for request in batch {
                            let mut clone = service.clone();
                            drop(std::hint::black_box(now(clone.call(request))));
                        }
                        timed += start.elapsed().as_nanos();
                    }
                    timed as f64 / f64::from(requests / BATCH * BATCH)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| handle.join().expect("no panic"))
            .collect()
    });
    elapsed.iter().sum::<f64>() / elapsed.len() as f64
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let rounds: usize = args.next().map_or(7, |n| n.parse().expect("rounds"));
    let requests: u32 = args
        .next()
        .map_or(200_000, |n| n.parse().expect("requests"));
    let floor = Floor(Hello);
    let ours = cors_runtime::tower::CorsLayer::new(Ours).layer(Hello);
    let built = cors_runtime::tower::CorsLayer::new(built_policy()).layer(Hello);
    let tower_http = cors_benches::tower_http_layer(&[APP]).layer(Hello);
    println!("| scenario | service | 1 thread (ns) | 2 threads (ns) | 2 / 1 |");
    println!("|---|---|---|---|---|");
    for scenario in [Scenario::ActualAllowed, Scenario::PreflightOneHeader] {
        // [service][threads - 1][round]
        let mut times = vec![[Vec::new(), Vec::new()]; 5];
        for _ in 0..rounds {
            for threads in [1, 2] {
                let slot = threads - 1;
                times[0][slot].push(run(&Hello, scenario, threads, requests));
                times[1][slot].push(run(&floor, scenario, threads, requests));
                times[2][slot].push(run(&ours, scenario, threads, requests));
                times[3][slot].push(run(&built, scenario, threads, requests));
                times[4][slot].push(run(&tower_http, scenario, threads, requests));
            }
        }
        let names = [
            "bare service",
            "floor",
            "ours (cors!)",
            "ours (Policy::builder)",
            "tower-http",
        ];
        for (name, [one, two]) in names.iter().zip(&mut times) {
            let spread = |values: &[f64]| {
                let min = values.iter().copied().fold(f64::INFINITY, f64::min);
                let max = values.iter().copied().fold(0.0, f64::max);
                format!("{min:.0}–{max:.0}")
            };
            let (one_spread, two_spread) = (spread(one), spread(two));
            let (one, two) = (median(one), median(two));
            println!(
                "| {} | {name} | {one:.0} ({one_spread}) | {two:.0} ({two_spread}) | {:.2} |",
                scenario.name(),
                two / one
            );
        }
    }
}
