//! The engine target's `cors!` policies: the test suite's traps and a few of its seeded
//! random policies (one with 1000 origins), from the same generator (`tests/src/
//! policy_spec.rs`), written with their specs into `OUT_DIR`.

#[path = "../tests/src/policy_spec.rs"]
mod policy_spec;

use std::fmt::Write as _;

fn main() {
    println!("cargo::rerun-if-changed=../tests/src/policy_spec.rs");
    println!("cargo::rerun-if-changed=build.rs");
    let mut specs: Vec<policy_spec::Spec> = policy_spec::trap_specs()
        .into_iter()
        .map(policy_spec::Spec::repaired)
        .collect();
    for (seed, origins) in [
        (0xF022_0001, 3),
        (0xF022_0002, 6),
        (0xF022_0003, 9),
        (0xC0A5_1000, 1000),
    ] {
        specs.push(policy_spec::generate(
            &mut policy_spec::Rng::new(seed),
            origins,
        ));
    }
    let mut code = String::new();
    let mut table = String::new();
    for (i, spec) in specs.iter().enumerate() {
        let name = format!("Fuzz{i}");
        code.push_str(&spec.to_cors_item(&name, "A fuzzed policy."));
        writeln!(
            table,
            "        ({}, &{name} as &'static dyn cors_policy_core::CorsPolicy),",
            spec.to_rust()
        )
        .expect("writing to a String");
    }
    write!(
        code,
        "pub(crate) fn policies() -> Vec<(Spec, &'static dyn cors_policy_core::CorsPolicy)> {{\n    vec![\n{table}    ]\n}}\n"
    )
    .expect("writing to a String");
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(std::path::Path::new(&out).join("fuzz_policies.rs"), code)
        .expect("write the policies");
}
