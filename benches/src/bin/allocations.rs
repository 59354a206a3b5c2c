//! Heap allocations per request, counted the strict way: what the layer allocates while
//! the inner service is not running (the handler, and actix's routing inside the
//! middleware, run uncounted; see `cors_benches::uncounted`). Prints a Markdown table.
//! Also the plain count (handler included) for reference. Counts are exact: the average
//! over 100 requests after one warm-up, by `allocation-counter`'s per-thread allocator.
//!
//! `cargo run --release -p cors-benches --bin allocations`

use cors_benches::Scenario;
use cors_benches::library::{Inner, Library, driver};

const ROUNDS: u64 = 100;

/// The allocations of one request, averaged.
fn per_request(library: Library, scenario: Scenario, inner: Inner) -> f64 {
    let mut run = driver(library, scenario, inner);
    run();
    let mut total = 0;
    for _ in 0..ROUNDS {
        total += allocation_counter::measure(&mut run).count_total;
    }
    total as f64 / ROUNDS as f64
}

fn main() {
    let libraries = Library::ALL;
    for (title, inner) in [
        ("strict (inner service uncounted)", Inner::Uncounted),
        ("whole request (handler included)", Inner::Plain),
    ] {
        println!("{title}");
        println!();
        println!(
            "| scenario | {} |",
            libraries.map(Library::name).join(" | ")
        );
        println!("|---|{}", "---|".repeat(libraries.len()));
        for scenario in Scenario::ALL {
            let cells: Vec<String> = libraries
                .iter()
                .map(|&library| format!("{}", per_request(library, scenario, inner)))
                .collect();
            println!("| {} | {} |", scenario.name(), cells.join(" | "));
        }
        println!();
    }
}
