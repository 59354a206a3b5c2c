//! `Access-Control-Request-Headers` and `Vary` lists on arbitrary bytes: the list
//! splitter's elements are what the naive split gives; a preflight carrying the lines
//! gets the reference model's answer under a listed-headers policy and a `*` one; and
//! `Vary` merging finds a member exactly when a naive scan does.
//!
//! Input: lines (`\n`), each one header line.
#![no_main]

#[path = "../../tests/src/observe.rs"]
mod observe;
#[path = "../../tests/src/policy_spec.rs"]
mod policy_spec;
#[path = "../../tests/src/reference.rs"]
mod reference;

use std::sync::LazyLock;

use cors_policy_core::syntax::{list_elements, trim_ows};
use cors_policy_core::{CompiledPolicy, Settings, Vary};
use libfuzzer_sys::fuzz_target;
use policy_spec::{Spec, strings};

static POLICIES: LazyLock<Vec<(Spec, CompiledPolicy)>> = LazyLock::new(|| {
    let listed = Spec {
        origins: strings(&["https://app.test"]),
        methods: Some(strings(&["PUT"])),
        allow_headers: Some(strings(&["content-type", "X-Api-Key", "k"])),
        ..Spec::default()
    };
    let any = Spec {
        allow_headers: Some(strings(&["*"])),
        ..listed.clone()
    };
    let any_and_authorization = Spec {
        allow_headers: Some(strings(&["*", "authorization"])),
        ..listed.clone()
    };
    [listed, any, any_and_authorization]
        .into_iter()
        .map(|spec| {
            let compiled = cors_policy_core::check(&spec.to_input()).expect("valid");
            (spec, compiled)
        })
        .collect()
});

fuzz_target!(|data: &[u8]| {
    let lines: Vec<&[u8]> = data.split(|&byte| byte == b'\n').collect();
    for line in &lines {
        let naive: Vec<&[u8]> = line
            .split(|&byte| byte == b',')
            .map(trim_ows)
            .filter(|element| !element.is_empty())
            .collect();
        let elements: Vec<&[u8]> = list_elements(line).collect();
        assert_eq!(elements, naive);
        for element in elements {
            assert!(!element.contains(&b','));
            assert!(!element.starts_with(b" ") && !element.starts_with(b"\t"));
            assert!(!element.ends_with(b" ") && !element.ends_with(b"\t"));
        }
    }
    let request = reference::Request {
        method: b"OPTIONS".to_vec(),
        origin: vec![b"https://app.test".to_vec()],
        request_method: vec![b"PUT".to_vec()],
        request_headers: lines.iter().map(|line| line.to_vec()).collect(),
        ..reference::Request::default()
    };
    for (spec, compiled) in POLICIES.iter() {
        assert_eq!(
            observe::observe(compiled, &request),
            reference::expect(spec, &request),
            "{spec:?}"
        );
    }
    // The same lines as a handler's `Vary`: a member is missing exactly when no
    // element of any line is it (ASCII case-insensitively) and none is `*`.
    let vary = Vary::for_preflight(&Settings::DEFAULT);
    let missing: Vec<&str> = vary.missing_from(lines.iter().copied()).collect();
    let text: Vec<String> = lines
        .iter()
        .flat_map(|line| line.split(|&byte| byte == b','))
        .map(|element| String::from_utf8_lossy(trim_ows(element)).to_ascii_lowercase())
        .collect();
    let naive: Vec<&str> = if text.iter().any(|element| element == "*") {
        Vec::new()
    } else {
        vary.members()
            .iter()
            .copied()
            .filter(|member| !text.contains(&member.to_ascii_lowercase()))
            .collect()
    };
    assert_eq!(missing, naive);
});
