//! The engine and the generated matchers held against the naive reference model
//! (`cors_tests::reference`), on generated policies and generated requests.
//!
//! - `runtime_policy_agrees_with_the_reference`: a random valid policy (seeded, drawn
//!   per case), checked by `cors_policy_core::check` into a `CompiledPolicy`, decided by the
//!   engine, against the reference, on every decision and header.
//! - `generated_policy_agrees_with_the_reference`: one of the `cors!` policies that
//!   `build.rs` generated (a fixed seeded set, with 1000-origin lists and the digest's
//!   traps), decided by the engine with the macro's matcher, against both the reference
//!   and the `CompiledPolicy` of the same spec.
//! - `generated_matchers_agree_with_the_reference`: the macro's three matchers called
//!   directly on the policy's own look-alikes and on arbitrary bytes.
//!
//! Case counts: 768 per property by default (512 for the dynamic-origin one);
//! `CORS_PROPTEST_CASES=100000 cargo test -p
//! cors-tests --test reference_model --release` runs longer.

use std::sync::LazyLock;

use cors_policy_core::check;
use cors_runtime::CorsPolicy;
use cors_tests::hostile::{header_name_pool, method_pool, origin_pool};
use cors_tests::observe::observe;
use cors_tests::policy_spec::{Rng, Spec, generate, trap_specs};
use cors_tests::reference::{self, Request};
use proptest::prelude::*;
use proptest::sample::{Index, select};
use proptest::test_runner::Config;

/// The `cors!` policies `build.rs` generated, with their specs.
mod generated {
    use cors_tests::policy_spec::{Spec, strings};
    include!(concat!(env!("OUT_DIR"), "/generated_policies.rs"));
}

struct Generated {
    what: &'static str,
    spec: Spec,
    policy: &'static dyn CorsPolicy,
    pools: Pools,
}

static GENERATED: LazyLock<Vec<Generated>> = LazyLock::new(|| {
    generated::generated()
        .into_iter()
        .map(|(what, spec, policy)| Generated {
            what,
            pools: Pools::new(&spec),
            spec,
            policy,
        })
        .collect()
});

fn cases(default: u32) -> Config {
    let cases = std::env::var("CORS_PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default);
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

/// The request parts to draw from for one policy.
#[derive(Clone, Debug)]
struct Pools {
    origins: Vec<Vec<u8>>,
    methods: Vec<Vec<u8>>,
    names: Vec<Vec<u8>>,
}

impl Pools {
    fn new(spec: &Spec) -> Self {
        Pools {
            origins: origin_pool(spec, 24),
            methods: method_pool(spec),
            names: header_name_pool(spec),
        }
    }
}

/// 0, 1 or 2 lines (mostly 1).
fn lines<S: Strategy<Value = Vec<u8>> + Clone>(line: S) -> impl Strategy<Value = Vec<Vec<u8>>> {
    prop_oneof![
        1 => Just(Vec::new()),
        8 => line.clone().prop_map(|line| vec![line]),
        1 => (line.clone(), line).prop_map(|(a, b)| vec![a, b]),
    ]
}

fn origin(pools: &Pools) -> impl Strategy<Value = Vec<u8>> + Clone + use<> {
    let pool = pools.origins.clone();
    prop_oneof![
        12 => select(pool.clone()),
        // Splices of two pool entries: `foo.com` + `bar.com` → `barfoo.com`, and kin.
        3 => (select(pool.clone()), select(pool), any::<Index>(), any::<Index>()).prop_map(
            |(a, b, i, j)| {
                let mut out = a[..i.index(a.len() + 1)].to_vec();
                out.extend_from_slice(&b[j.index(b.len() + 1)..]);
                out
            }
        ),
        1 => prop::collection::vec(any::<u8>(), 0..40),
        1 => prop::collection::vec(select(b"abfor.:/*-_[]@ 019".to_vec()), 0..24)
            .prop_map(|tail| [b"https://".to_vec(), tail].concat()),
    ]
}

fn method_line(pools: &Pools) -> impl Strategy<Value = Vec<u8>> + Clone + use<> {
    prop_oneof![
        8 => select(pools.methods.clone()),
        1 => prop::collection::vec(any::<u8>(), 0..8),
    ]
}

/// One ACRH line: names (in any case, allowed or not) joined by commas with odd
/// spacing and empty elements, or a run of commas around the 8 KiB cap.
fn headers_line(pools: &Pools) -> impl Strategy<Value = Vec<u8>> + Clone + use<> {
    let separators: Vec<&'static [u8]> = vec![
        b",", b",", b", ", b" ,", b",,", b",\t", b" , ", b"\t,\t", b", ,",
    ];
    let element = (select(pools.names.clone()), select(separators));
    prop_oneof![
        12 => (
            select(vec![&b""[..], b" ", b"\t", b",", b" ,"]),
            prop::collection::vec(element, 0..6),
        )
            .prop_map(|(lead, elements)| {
                let mut line = lead.to_vec();
                for (i, (name, separator)) in elements.iter().enumerate() {
                    if i > 0 {
                        line.extend_from_slice(separator);
                    }
                    line.extend_from_slice(name);
                }
                line
            }),
        1 => (4090usize..4100).prop_map(|n| vec![b','; n]),
        1 => (8188usize..8196).prop_map(|n| vec![b','; n]),
    ]
}

fn request(pools: &Pools) -> impl Strategy<Value = Request> + use<> {
    let method = prop_oneof![
        8 => Just(b"OPTIONS".to_vec()),
        4 => select(vec![
            b"GET".to_vec(),
            b"POST".to_vec(),
            b"PUT".to_vec(),
            b"options".to_vec(),
            b"DELETE".to_vec(),
            b"HEAD".to_vec(),
            b"get".to_vec(),
        ]),
        1 => select(pools.methods.clone()),
    ];
    let private_network = prop_oneof![
        6 => Just(Vec::new()),
        2 => select(vec![b"true".to_vec(), b"TRUE".to_vec(), b"false".to_vec(), b"".to_vec()])
            .prop_map(|value| vec![value]),
        1 => Just(vec![b"true".to_vec(), b"true".to_vec()]),
    ];
    // What cross-origin protection reads: Sec-Fetch-Site in every spelling and count,
    // a Host that is often the Origin's own authority, and WebSocket upgrades.
    let fetch_site = lines(select(vec![
        b"same-origin".to_vec(),
        b"none".to_vec(),
        b"cross-site".to_vec(),
        b"same-site".to_vec(),
        b"Same-Origin".to_vec(),
        b"NONE".to_vec(),
        b"".to_vec(),
        b"bogus".to_vec(),
    ]));
    let host = prop_oneof![
        4 => Just(None),
        2 => Just(Some(vec![b"api.test".to_vec()])),
        1 => Just(Some(Vec::new())),
        1 => Just(Some(vec![b"api.test".to_vec(), b"api.test".to_vec()])),
        1 => lines(origin(pools)).prop_map(Some),
    ];
    let upgrade = prop_oneof![
        6 => Just(Vec::new()),
        3 => select(vec![
            b"websocket".to_vec(),
            b"WebSocket".to_vec(),
            b"h2c, websocket".to_vec(),
            b"h2c".to_vec(),
            b"websockets".to_vec(),
        ])
        .prop_map(|value| vec![value]),
        1 => Just(vec![b"h2c".to_vec(), b"h2c".to_vec()]),
    ];
    (
        method,
        lines(origin(pools)),
        lines(method_line(pools)),
        prop::collection::vec(headers_line(pools), 0..4),
        private_network,
        fetch_site,
        host,
        upgrade,
    )
        .prop_map(
            |(
                method,
                origin,
                request_method,
                request_headers,
                request_private_network,
                fetch_site,
                host,
                upgrade,
            )| {
                // `None`: the Host is the Origin's own authority (when it has one).
                let host = host.unwrap_or_else(|| {
                    origin
                        .first()
                        .and_then(|origin| {
                            let text = String::from_utf8_lossy(origin).into_owned();
                            text.split_once("://")
                                .map(|(_, rest)| rest.as_bytes().to_vec())
                        })
                        .into_iter()
                        .collect()
                });
                Request {
                    method,
                    origin,
                    request_method,
                    request_headers,
                    request_private_network,
                    fetch_site,
                    host,
                    upgrade,
                }
            },
        )
}

/// A random valid policy (most from the seeded generator, some of the traps) and a
/// request derived from it.
fn spec_and_request() -> impl Strategy<Value = (Spec, Request)> {
    let spec = prop_oneof![
        8 => (any::<u64>(), 1usize..12).prop_map(|(seed, n)| generate(&mut Rng::new(seed), n)),
        1 => select(trap_specs()).prop_map(Spec::repaired),
    ];
    spec.prop_flat_map(|spec| {
        let pools = Pools::new(&spec);
        (Just(spec), request(&pools))
    })
}

fn generated_and_request() -> impl Strategy<Value = (usize, Request)> {
    (0..GENERATED.len()).prop_flat_map(|i| (Just(i), request(&GENERATED[i].pools)))
}

proptest! {
    #![proptest_config(cases(768))]

    #[test]
    fn runtime_policy_agrees_with_the_reference((spec, request) in spec_and_request()) {
        let compiled = check(&spec.to_input())
            .unwrap_or_else(|errors| panic!("a repaired spec is valid: {errors:?}"));
        let expected = reference::expect(&spec, &request);
        prop_assert_eq!(observe(&compiled, &request), expected, "spec {:?}", spec);
    }

    #[test]
    fn generated_policy_agrees_with_the_reference((i, request) in generated_and_request()) {
        let generated = &GENERATED[i];
        let compiled = check(&generated.spec.to_input()).expect("generated specs are valid");
        let expected = reference::expect(&generated.spec, &request);
        prop_assert_eq!(
            observe(generated.policy, &request),
            expected.clone(),
            "{}: {:?}",
            generated.what,
            generated.spec
        );
        prop_assert_eq!(observe(&compiled, &request), expected);
    }

    #[test]
    fn generated_matchers_agree_with_the_reference(
        (i, origin, method, name) in (0..GENERATED.len()).prop_flat_map(|i| {
            let pools = &GENERATED[i].pools;
            (
                Just(i),
                origin(pools),
                method_line(pools),
                prop_oneof![
                    4 => select(pools.names.clone()),
                    1 => prop::collection::vec(any::<u8>(), 0..12),
                ],
            )
        })
    ) {
        let Generated { what, spec, policy, .. } = &GENERATED[i];
        let shown = String::from_utf8_lossy(&origin);
        prop_assert_eq!(
            policy.allows_origin(&origin),
            reference::origin_matches(spec, &origin),
            "{}: origin {:?}", what, shown
        );
        let expected_method = std::str::from_utf8(&method)
            .is_ok_and(|m| reference::policy_allows_method(spec, m));
        prop_assert_eq!(policy.allows_method(&method), expected_method, "{}: method {:?}", what, method);
        prop_assert_eq!(
            policy.allows_request_header(&name),
            reference::request_header_allowed(spec, &name),
            "{}: header {:?}", what, String::from_utf8_lossy(&name)
        );
    }
}

/// Every entry of every generated policy, and every look-alike of each, exhaustively
/// (not sampled): the matcher and the reference agree on each one.
#[test]
fn every_lookalike_of_every_generated_entry() {
    let mut compared = 0usize;
    for generated in GENERATED.iter() {
        for origin in origin_pool(&generated.spec, usize::MAX) {
            assert_eq!(
                generated.policy.allows_origin(&origin),
                reference::origin_matches(&generated.spec, &origin),
                "{}: {:?}",
                generated.what,
                String::from_utf8_lossy(&origin)
            );
            compared += 1;
        }
    }
    println!(
        "{compared} origins compared over {} generated policies",
        GENERATED.len()
    );
    assert!(compared > 50_000, "only {compared} origins compared");
}

/// The generated set is what the tests claim: the traps, large crowded lists, patterns
/// beside exacts of their own domain, and every kind of key.
#[test]
fn the_generated_set_covers_the_traps() {
    let specs: Vec<&Spec> = GENERATED.iter().map(|g| &g.spec).collect();
    assert!(specs.len() >= 40, "{} policies", specs.len());
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md"))
        .expect("README.md");
    let stated = format!("the engine and {} `cors!`-generated", specs.len());
    assert!(readme.contains(&stated), "README.md must say {stated:?}");
    assert!(specs.iter().filter(|s| s.origins.len() >= 1000).count() >= 2);
    assert!(specs.iter().any(|s| {
        s.origins.contains(&"https://foo.com".to_owned())
            && s.origins.contains(&"https://bar.com".to_owned())
    }));
    let pattern_and_exact = |s: &&&Spec| {
        s.origins.iter().any(|o| {
            o.split_once("://*.")
                .is_some_and(|(scheme, domain)| s.origins.contains(&format!("{scheme}://{domain}")))
        })
    };
    assert!(specs.iter().filter(pattern_and_exact).count() >= 2);
    assert!(specs.iter().any(|s| s.origins == ["*"]));
    assert!(specs.iter().any(|s| s.credentials));
    assert!(specs.iter().any(|s| s.private_network));
    assert!(specs.iter().any(|s| s.preflight_continue));
    assert!(specs.iter().filter(|s| s.cross_origin_protection).count() >= 5);
    assert!(specs.iter().any(|s| s.origins.contains(&"null".to_owned())));
    assert!(specs.iter().any(|s| {
        s.allow_headers
            .as_ref()
            .is_some_and(|h| h.contains(&"*".to_owned()) && h.contains(&"authorization".to_owned()))
    }));
    // 1000-origin lists: crowded prefixes and suffixes, and one entry inside another.
    let big = specs
        .iter()
        .find(|s| s.origins.len() >= 1000)
        .expect("a big list");
    let hosts: Vec<&str> = big
        .origins
        .iter()
        .filter_map(|o| o.split_once("://").map(|x| x.1))
        .collect();
    let nested = hosts
        .iter()
        .filter(|a| hosts.iter().any(|b| b != *a && b.ends_with(*a)))
        .count();
    assert!(nested > 100, "{nested} hosts are a suffix of another");
}

/// The macro's constant settings are the `CompiledPolicy`'s, for every generated policy.
#[test]
fn generated_settings_are_the_checked_policys() {
    for generated in GENERATED.iter() {
        let compiled = check(&generated.spec.to_input()).expect("valid");
        assert_eq!(
            generated.policy.settings(),
            compiled.settings(),
            "{}",
            generated.what
        );
    }
}

proptest! {
    #![proptest_config(cases(512))]

    /// An origin source (`DynamicOrigins`) that allows exactly the request's origin
    /// behaves as the policy with that origin written literally (`origin: [o]`, the same
    /// flags and opt-ins) when that policy is valid, and as a policy that lists none of
    /// the request's origins when the literal would break a rule: every origin a source
    /// allows is judged as a literal one, on the request's bytes, against the reference.
    #[test]
    fn a_dynamic_origin_is_judged_as_a_literal_one(
        ((spec, mut request), variant) in (spec_and_request(), 0..5u8)
    ) {
        // The pools hold the policy's entries and their look-alikes; also try the
        // origins the rules are about: plain `http` (O13), `null` (O10), uppercase (O5).
        if let Some(first) = request.origin.first_mut() {
            let text = String::from_utf8_lossy(first).into_owned();
            match variant {
                1 => *first = text.replacen("https://", "http://", 1).into_bytes(),
                2 => *first = b"null".to_vec(),
                3 => *first = text.to_ascii_uppercase().into_bytes(),
                _ => {}
            }
        }
        let Some(first) = request.origin.first() else {
            return Ok(());
        };
        let compiled = check(&spec.to_input()).expect("a repaired spec is valid");
        let text = String::from_utf8_lossy(first).into_owned();
        let source = text.clone();
        let dynamic = cors_runtime::DynamicOrigins::new(compiled, move |origin: &str| origin == source)
            .dangerously_allow_null_origin(spec.allow_null)
            .dangerously_allow_insecure_origins(spec.allow_insecure);
        let literal = Spec { origins: vec![text.clone()], ..spec.clone() };
        let literal_is_valid = std::str::from_utf8(first).is_ok()
            && text != "*"
            && check(&literal.to_input()).is_ok();
        let expected = if literal_is_valid {
            reference::expect(&literal, &request)
        } else {
            let none = Spec { origins: vec!["https://never.invalid".to_owned()], ..spec.clone() };
            reference::expect(&none, &request)
        };
        prop_assert_eq!(
            observe(&dynamic, &request),
            expected,
            "origin {:?} (a valid literal: {}), spec {:?}", text, literal_is_valid, spec
        );
    }
}
