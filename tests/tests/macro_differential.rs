//! The macro differential: what a `cors!`-generated matcher decides, against the runtime
//! `Policy` deserialized from the same policy, on the same requests.
//!
//! `build.rs` writes 48 seeded random valid policies twice, by independent renderers
//! from one spec: as a `cors!` item in varied but equivalent syntax (keys in any order,
//! methods as identifiers or strings, header names in any case, a lone origin as a bare
//! string, defaults spelt out) and as JSON. The `cors!` side goes through the macro's
//! parse → lower → check → expand and its generated matcher; the JSON side through
//! serde, the runtime `check` and `CompiledPolicy`. Every request of a deterministic set
//! derived from each policy (its own origins and their look-alikes, methods in every
//! case, allowed and refused request headers, preflights and actual requests) must get
//! the same decision and the same header values from both, and the reference model's.

use cors_runtime::{CorsPolicy, Policy};
use cors_tests::hostile::{header_name_pool, method_pool, origin_pool};
use cors_tests::observe::observe;
use cors_tests::policy_spec::Spec;
use cors_tests::reference::{self, Request};

mod generated {
    use cors_tests::policy_spec::{Spec, strings};
    include!(concat!(env!("OUT_DIR"), "/differential_policies.rs"));
}

/// At most `n` of `pool`, spread evenly over it (the pools hold every variant of every
/// entry: all of them times every method and header list would be millions of requests).
fn spread(pool: Vec<Vec<u8>>, n: usize) -> Vec<Vec<u8>> {
    let step = pool.len().div_ceil(n).max(1);
    pool.into_iter().step_by(step).collect()
}

/// The requests each policy is decided on: for every origin of its pool (its entries
/// and their look-alikes), actual requests with several methods, and preflights for
/// every method of its pool with no, one allowed, one refused and a mixed header list.
fn requests(spec: &Spec) -> Vec<Request> {
    // The policy's own exact origins (allowed), then its pool's look-alikes spread out.
    let mut origins: Vec<Vec<u8>> = spec
        .origins
        .iter()
        .filter(|origin| !origin.contains('*'))
        .take(8)
        .map(|origin| origin.as_bytes().to_vec())
        .collect();
    origins.extend(spread(origin_pool(spec, 6), 40));
    let methods = spread(method_pool(spec), 12);
    let names = header_name_pool(spec);
    let mut header_lines: Vec<Vec<Vec<u8>>> = vec![Vec::new()];
    for name in names.iter().take(6) {
        header_lines.push(vec![name.clone()]);
    }
    header_lines.push(vec![
        names
            .iter()
            .take(4)
            .cloned()
            .collect::<Vec<_>>()
            .join(&b","[..]),
    ]);
    header_lines.push(vec![b"x-a".to_vec(), b"x-b".to_vec()]);
    let mut requests = Vec::new();
    for origin in &origins {
        for method in [&b"GET"[..], b"POST", b"PUT", b"OPTIONS"] {
            requests.push(Request {
                method: method.to_vec(),
                origin: vec![origin.clone()],
                ..Request::default()
            });
        }
        for method in &methods {
            for lines in &header_lines {
                requests.push(Request {
                    method: b"OPTIONS".to_vec(),
                    origin: vec![origin.clone()],
                    request_method: vec![method.clone()],
                    request_headers: lines.clone(),
                    ..Request::default()
                });
            }
        }
    }
    requests
}

#[test]
fn generated_matchers_decide_as_the_runtime_policy_from_the_same_input() {
    let (mut allowed, mut refused) = (0, 0);
    for (seed, spec, json, generated) in generated::differential() {
        let runtime: Policy = serde_json::from_str(json)
            .unwrap_or_else(|error| panic!("seed {seed:#x}: {json} does not load: {error}"));
        assert_eq!(
            generated.settings(),
            runtime.settings(),
            "seed {seed:#x}: settings differ\n{json}"
        );
        for request in requests(&spec) {
            let from_macro = observe(generated, &request);
            let from_runtime = observe(&runtime, &request);
            assert_eq!(
                from_macro, from_runtime,
                "seed {seed:#x}: cors! and Policy disagree on {request:?}\n{json}"
            );
            assert_eq!(
                from_macro,
                reference::expect(&spec, &request),
                "seed {seed:#x}: both disagree with the reference on {request:?}"
            );
            if from_macro.headers.is_empty() {
                refused += 1;
            } else {
                allowed += 1;
            }
        }
    }
    println!("{allowed} requests allowed and {refused} refused, alike by both sides");
    assert!(
        allowed > 1000 && refused > 1000,
        "the set decides both ways: {allowed} allowed, {refused} refused"
    );
}

/// The set exercises what it claims: the syntax variants occur in the generated items
/// (read back from the generated source).
#[test]
fn the_differential_set_covers_the_syntax_variants() {
    let source = include_str!(concat!(env!("OUT_DIR"), "/differential_policies.rs"));
    for (variant, needle) in [
        ("a method as an identifier", "methods: [PUT"),
        ("a method as a string", "methods: [\""),
        ("a lone origin as a bare string", "origin: \"http"),
        ("a default spelt out", ": false"),
        ("`*` methods", "methods: *"),
        ("`*` headers", "allow_headers: *"),
        ("an empty list", ": []"),
    ] {
        assert!(
            source.contains(needle),
            "no {variant} ({needle:?}) in the set"
        );
    }
    let header_lines = source.lines().map(str::trim).filter(|line| {
        line.starts_with("allow_headers: [") || line.starts_with("expose_headers: [")
    });
    assert!(
        header_lines
            .clone()
            .any(|line| line.chars().any(|c| c.is_ascii_uppercase())),
        "no header name written in upper or mixed case"
    );
}
