//! Sends `iterations` requests of one scenario through one library, for
//! `valgrind --tool=callgrind` (scripts/bench-callgrind.sh): the instructions of one
//! request are the difference between two runs with different iteration counts divided
//! by the difference of the counts, which cancels start-up and set-up.
//!
//! `callgrind_target <library> <scenario> <iterations>`

use cors_benches::Scenario;
use cors_benches::library::{Inner, Library, driver};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [library, scenario, iterations] = args.as_slice() else {
        eprintln!("usage: callgrind_target <library> <scenario> <iterations>");
        eprintln!("libraries: {}", Library::ALL.map(Library::name).join(" "));
        eprintln!("scenarios: {}", Scenario::ALL.map(Scenario::name).join(" "));
        std::process::exit(2);
    };
    let library = Library::from_name(library).expect("a known library");
    let scenario = Scenario::from_name(scenario).expect("a known scenario");
    let iterations: u64 = iterations.parse().expect("an iteration count");
    let mut request = driver(library, scenario, Inner::Plain);
    for _ in 0..iterations {
        request();
    }
}
