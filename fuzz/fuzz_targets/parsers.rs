//! The policy parsers on arbitrary text: `parse_origin`, `parse_method`,
//! `parse_request_header`, `parse_exposed_header` never panic; an accepted origin
//! prints back to itself and (when exact) matches its own serialization; and a pattern
//! matches the fuzzer's second line exactly when the reference model says so.
//!
//! Input: the first line is the policy entry, the rest (bytes) an `Origin` value.
#![no_main]

#[path = "../../tests/src/policy_spec.rs"]
mod policy_spec;
// Only the reference model's origin matching is used here.
#[allow(dead_code)]
#[path = "../../tests/src/reference.rs"]
mod reference;

use cors_policy_core::{
    OriginEntry, parse_exposed_header, parse_method, parse_origin, parse_request_header,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (entry, origin) = match data.iter().position(|&byte| byte == b'\n') {
        Some(newline) => (&data[..newline], &data[newline + 1..]),
        None => (data, &b""[..]),
    };
    let Ok(text) = std::str::from_utf8(entry) else {
        return;
    };
    let _ = parse_method(text);
    let _ = parse_request_header(text);
    let _ = parse_exposed_header(text);
    let Ok(parsed) = parse_origin(text) else {
        return;
    };
    let pattern = match &parsed {
        OriginEntry::Exact(pattern) | OriginEntry::Pattern(pattern) => pattern,
        OriginEntry::Any | OriginEntry::Null => return,
    };
    let shown = pattern.to_string();
    assert_eq!(
        shown, text,
        "an accepted origin is written in its canonical form"
    );
    assert_eq!(
        parse_origin(&shown).as_ref(),
        Ok(&parsed),
        "round trip of {shown}"
    );
    if matches!(parsed, OriginEntry::Exact(_)) {
        assert!(
            pattern.as_pattern().matches(shown.as_bytes()),
            "{shown} matches itself"
        );
    }
    let spec = policy_spec::Spec {
        origins: vec![shown.clone()],
        ..policy_spec::Spec::default()
    };
    if matches!(parsed, OriginEntry::Pattern(_)) {
        assert_eq!(
            pattern.as_pattern().matches(origin),
            reference::origin_matches(&spec, origin),
            "{shown} against {:?}",
            String::from_utf8_lossy(origin)
        );
    }
});
