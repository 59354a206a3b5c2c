//! The engine's decision on arbitrary requests, three ways: with each `cors!`-generated
//! policy, with the `CompiledPolicy` that `check` makes of the same spec, and by the
//! naive reference model. All three must agree on every decision and header; none may
//! panic.
//!
//! Input: lines (`\n`); the first is the method, each other line is one header line,
//! its first byte saying which: `o` Origin, `m` Access-Control-Request-Method, `h`
//! Access-Control-Request-Headers, `p` Access-Control-Request-Private-Network.
#![no_main]

#[path = "../../tests/src/observe.rs"]
mod observe;
#[path = "../../tests/src/policy_spec.rs"]
mod policy_spec;
#[path = "../../tests/src/reference.rs"]
mod reference;

mod generated {
    #![allow(missing_docs)]
    use crate::policy_spec::{Spec, strings};
    include!(concat!(env!("OUT_DIR"), "/fuzz_policies.rs"));
}

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;

use policy_spec::Spec;
use reference::Request;

struct Case {
    spec: Spec,
    generated: &'static dyn cors_policy_core::CorsPolicy,
    compiled: cors_policy_core::CompiledPolicy,
}

static CASES: LazyLock<Vec<Case>> = LazyLock::new(|| {
    generated::policies()
        .into_iter()
        .map(|(spec, generated)| Case {
            compiled: cors_policy_core::check(&spec.to_input()).expect("the specs are valid"),
            spec,
            generated,
        })
        .collect()
});

fn request(data: &[u8]) -> Request {
    let mut lines = data.split(|&byte| byte == b'\n');
    let mut request = Request {
        method: lines.next().unwrap_or_default().to_vec(),
        ..Request::default()
    };
    for line in lines {
        let Some((&kind, value)) = line.split_first() else {
            continue;
        };
        let value = value.to_vec();
        match kind {
            b'o' => request.origin.push(value),
            b'm' => request.request_method.push(value),
            b'h' => request.request_headers.push(value),
            b'p' => request.request_private_network.push(value),
            b's' => request.fetch_site.push(value),
            b'H' => request.host.push(value),
            b'u' => request.upgrade.push(value),
            _ => {}
        }
    }
    request
}

fuzz_target!(|data: &[u8]| {
    let request = request(data);
    for case in CASES.iter() {
        let expected = reference::expect(&case.spec, &request);
        let generated = observe::observe(case.generated, &request);
        let compiled = observe::observe(&case.compiled, &request);
        assert_eq!(
            generated, expected,
            "cors! vs reference, {:?}, {request:?}",
            case.spec
        );
        assert_eq!(
            compiled, expected,
            "CompiledPolicy vs reference, {:?}, {request:?}",
            case.spec
        );
    }
});
