//! The decision allocates nothing, on every path, for the macro's generated policies and
//! for runtime-checked ones: `check`'s, `Policy::builder()`'s and `WithOrigins`'
//! (docs/cors-rules.md §C: zero heap allocations per request).

use cors_runtime::engine::{Action, Decision, HeaderField, Reason, RequestHead, decide};
use cors_runtime::{CorsPolicy, cors};

/// How many heap allocations `run` makes on this thread (the counting allocator is
/// `allocation-counter`'s, installed by linking it).
fn allocations_during<T>(run: impl FnOnce() -> T) -> (T, u64) {
    let mut result = None;
    let info = allocation_counter::measure(|| result = Some(std::hint::black_box(run())));
    (result.expect("ran"), info.count_total)
}

const APP: &[u8] = b"https://app.example.com";

/// The name of a reason, without its borrowed bytes (so that it outlives the request).
fn reason_name(reason: Reason<'_>) -> &'static str {
    match reason {
        Reason::NoOrigin => "NoOrigin",
        Reason::AnyOrigin => "AnyOrigin",
        Reason::OriginAllowed => "OriginAllowed",
        Reason::OriginNotAllowed(_) => "OriginNotAllowed",
        Reason::MultipleOrigins => "MultipleOrigins",
        Reason::PreflightAllowed => "PreflightAllowed",
        Reason::MethodNotAllowed(_) => "MethodNotAllowed",
        Reason::MultipleRequestMethods => "MultipleRequestMethods",
        Reason::HeaderNotAllowed(_) => "HeaderNotAllowed",
        Reason::RequestHeadersTooLong => "RequestHeadersTooLong",
        Reason::PrivateNetworkNotAllowed => "PrivateNetworkNotAllowed",
        Reason::MultiplePrivateNetworkRequests => "MultiplePrivateNetworkRequests",
        Reason::OriginBreaksRule(..) => "OriginBreaksRule",
        Reason::OriginSourceFailed(_) => "OriginSourceFailed",
        Reason::CrossSiteRefused { .. } => "CrossSiteRefused",
        Reason::ForeignOriginRefused { .. } => "ForeignOriginRefused",
        // `Reason` is non-exhaustive; a new reason is named here with its path below.
        other => panic!("a reason this test does not know: {other:?}"),
    }
}

/// Every path of the engine, each checked to have been taken (its action and reason)
/// and to have allocated nothing.
fn every_path<P: CorsPolicy>(policy: &P, huge_acrh: &[u8]) {
    let preflight = |origin: &'static [u8], method: &'static [u8], acrh: &[u8]| {
        let acrh = [acrh];
        let ((action, reason), count) = allocations_during(|| {
            let decision: Decision<'_> = decide(
                policy,
                RequestHead {
                    method: b"OPTIONS",
                    origin: HeaderField::One(origin),
                    request_method: HeaderField::One(method),
                    request_headers: acrh.iter().copied(),
                    request_private_network: HeaderField::Absent,
                    fetch_site: HeaderField::Absent,
                    host: HeaderField::Absent,
                    upgrade: HeaderField::Absent,
                },
            );
            (decision.action(), reason_name(decision.reason()))
        });
        (action, reason, count)
    };
    let actual = |origin: HeaderField<'static>| {
        let ((action, reason), count) = allocations_during(|| {
            let decision = decide(
                policy,
                RequestHead {
                    method: b"GET",
                    origin,
                    request_method: HeaderField::Absent,
                    request_headers: [],
                    request_private_network: HeaderField::Absent,
                    fetch_site: HeaderField::Absent,
                    host: HeaderField::Absent,
                    upgrade: HeaderField::Absent,
                },
            );
            (decision.action(), reason_name(decision.reason()))
        });
        (action, reason, count)
    };
    let answered = Action::Respond(policy.settings().preflight_status);
    let refused = Action::Respond(403);
    let cases = [
        (
            "allowed preflight",
            preflight(APP, b"PUT", b"content-type,x-api-key"),
            (answered, "PreflightAllowed"),
        ),
        (
            "allowed preflight, odd spelling",
            preflight(APP, b"PUT", b" X-Api-Key ,,Content-Type"),
            (answered, "PreflightAllowed"),
        ),
        (
            "refused preflight (origin)",
            preflight(b"https://evil.example.com", b"PUT", b""),
            (refused, "OriginNotAllowed"),
        ),
        (
            "refused preflight (method)",
            preflight(APP, b"PATCH", b""),
            (refused, "MethodNotAllowed"),
        ),
        (
            "refused preflight (header)",
            preflight(APP, b"PUT", b"x-evil"),
            (refused, "HeaderNotAllowed"),
        ),
        (
            "64 KiB ACRH",
            preflight(APP, b"PUT", huge_acrh),
            (refused, "RequestHeadersTooLong"),
        ),
        (
            "allowed actual",
            actual(HeaderField::One(APP)),
            (Action::Forward, "OriginAllowed"),
        ),
        (
            "pattern actual",
            actual(HeaderField::One(b"https://eu.example.org")),
            (Action::Forward, "OriginAllowed"),
        ),
        (
            "disallowed actual",
            actual(HeaderField::One(b"https://evil.example.com")),
            (Action::Forward, "OriginNotAllowed"),
        ),
        (
            "no-origin actual",
            actual(HeaderField::Absent),
            (Action::Forward, "NoOrigin"),
        ),
        (
            "two origins",
            actual(HeaderField::Many),
            (Action::Forward, "MultipleOrigins"),
        ),
    ];
    for (path, (action, reason, count), expected) in cases {
        assert_eq!((action, reason), expected, "{path} took another path");
        assert_eq!(count, 0, "{path}: {count} allocations");
    }
}

/// Every path of cross-origin protection: refusals (each reason) and the requests it
/// lets through.
/// Whether the layer answers 403 itself (a cross-origin protection refusal here).
fn decision_action(decision: &Decision<'_>) -> bool {
    decision.action() == Action::Respond(403)
}

fn every_protection_path<P: CorsPolicy>(policy: &P) {
    let request = |method: &'static [u8],
                   origin: HeaderField<'static>,
                   fetch_site: HeaderField<'static>,
                   upgrade: HeaderField<'static>| {
        allocations_during(|| {
            let decision = decide(
                policy,
                RequestHead {
                    method,
                    origin,
                    request_method: HeaderField::Absent,
                    request_headers: [],
                    request_private_network: HeaderField::Absent,
                    fetch_site,
                    host: HeaderField::One(b"api.example.com"),
                    upgrade,
                },
            );
            (decision_action(&decision), reason_name(decision.reason()))
        })
    };
    let evil = HeaderField::One(b"https://evil.example.com");
    let cross = HeaderField::One(b"cross-site");
    let none = HeaderField::Absent;
    let websocket = HeaderField::One(b"h2c, websocket");
    let cases = [
        (
            "cross-site POST, refused",
            request(b"POST", evil, cross, none),
        ),
        (
            "cross-site POST, allowed",
            request(b"POST", HeaderField::One(APP), cross, none),
        ),
        (
            "same-origin POST",
            request(b"POST", evil, HeaderField::One(b"same-origin"), none),
        ),
        (
            "odd-case SFS, refused",
            request(b"POST", evil, HeaderField::One(b"Same-Origin"), none),
        ),
        (
            "two SFS, refused",
            request(b"POST", evil, HeaderField::Many, none),
        ),
        (
            "no SFS, foreign, refused",
            request(b"DELETE", evil, none, none),
        ),
        (
            "no SFS, own origin",
            request(
                b"PUT",
                HeaderField::One(b"https://api.example.com"),
                none,
                none,
            ),
        ),
        (
            "no SFS, null, refused",
            request(b"POST", HeaderField::One(b"null"), none, none),
        ),
        (
            "no SFS, two origins, refused",
            request(b"POST", HeaderField::Many, none, none),
        ),
        (
            "WebSocket, refused",
            request(b"GET", evil, cross, websocket),
        ),
        (
            "WebSocket, allowed",
            request(b"GET", HeaderField::One(APP), cross, websocket),
        ),
        ("safe GET", request(b"GET", evil, cross, none)),
    ];
    let expected = [
        ("cross-site POST, refused", true, "CrossSiteRefused"),
        ("cross-site POST, allowed", false, "OriginAllowed"),
        ("same-origin POST", false, "OriginNotAllowed"),
        ("odd-case SFS, refused", true, "CrossSiteRefused"),
        ("two SFS, refused", true, "CrossSiteRefused"),
        ("no SFS, foreign, refused", true, "ForeignOriginRefused"),
        ("no SFS, own origin", false, "OriginNotAllowed"),
        ("no SFS, null, refused", true, "ForeignOriginRefused"),
        ("no SFS, two origins, refused", true, "ForeignOriginRefused"),
        ("WebSocket, refused", true, "CrossSiteRefused"),
        ("WebSocket, allowed", false, "OriginAllowed"),
        ("safe GET", false, "OriginNotAllowed"),
    ];
    assert_eq!(cases.len(), expected.len());
    for ((path, ((refused, reason), count)), (name, should_refuse, should_say)) in
        cases.into_iter().zip(expected)
    {
        assert_eq!(path, name);
        assert_eq!(
            (refused, reason),
            (should_refuse, should_say),
            "{path}: the path taken"
        );
        assert_eq!(count, 0, "{path}: {count} allocations");
    }
}

#[test]
fn protection_decides_without_allocating() {
    let policy = cors! {
        origin: ["https://app.example.com", "https://*.example.org"],
        methods: [PUT, DELETE],
        credentials: true,
        cross_origin_protection: true,
    };
    every_protection_path(&policy);
    let built = cors_runtime::Policy::builder()
        .origins(["https://app.example.com", "https://*.example.org"])
        .methods(["PUT", "DELETE"])
        .credentials(true)
        .cross_origin_protection(true)
        .build()
        .expect("valid");
    every_protection_path(&built);
}

fn huge_acrh() -> Vec<u8> {
    b", ".repeat(32 * 1024)
}

#[test]
fn macro_policy_decides_without_allocating() {
    let policy = cors! {
        origin: ["https://app.example.com", "https://*.example.org"],
        methods: [PUT, DELETE],
        allow_headers: ["content-type", "x-api-key"],
        expose_headers: ["x-total-count"],
        credentials: true,
        max_age: 600,
    };
    every_path(&policy, &huge_acrh());
}

#[test]
fn runtime_checked_policy_decides_without_allocating() {
    use cors_policy_core::{At, ListValue, PolicyInput, check};
    let list = |items: &[&str]| {
        Some(ListValue::List {
            items: items.iter().map(|s| At::new(s.to_string(), ())).collect(),
            at: (),
        })
    };
    let mut input = PolicyInput::new(());
    input.origin = list(&["https://app.example.com", "https://*.example.org"]);
    input.methods = list(&["PUT", "DELETE"]);
    input.allow_headers = list(&["content-type", "x-api-key"]);
    input.credentials = Some(At::new(true, ()));
    let policy = check(&input).expect("valid");
    every_path(&policy, &huge_acrh());
}

/// `Policy::builder()`'s policy (lists compiled into a sorted table and patterns when it
/// is built), with enough origins that the lookup is a real binary search.
#[test]
fn builder_policy_decides_without_allocating() {
    let many = (0..1000).map(|i| format!("https://tenant-{i}.example.net"));
    let policy = cors_runtime::Policy::builder()
        .origins(["https://app.example.com", "https://*.example.org"])
        .origins(many)
        .methods(["PUT", "DELETE"])
        .allow_headers(["content-type", "x-api-key"])
        .expose_headers(["x-total-count"])
        .credentials(true)
        .max_age(600)
        .build()
        .expect("valid");
    every_path(&policy, &huge_acrh());
}

/// A `cors!` policy whose origins come from configuration.
#[test]
fn with_origins_policy_decides_without_allocating() {
    use cors_runtime::{OriginList, WithOrigins};
    let policy = WithOrigins::new(
        cors! {
            origin: "http://localhost:3000",
            methods: [PUT, DELETE],
            allow_headers: ["content-type", "x-api-key"],
            credentials: true,
        },
        OriginList::new().origins(["https://app.example.com", "https://*.example.org"]),
    )
    .expect("valid");
    every_path(&policy, &huge_acrh());
}

#[test]
fn the_counter_counts() {
    let (_, count) = allocations_during(|| vec![1u8; 16]);
    assert_eq!(
        count, 1,
        "the allocator must see allocations, or the zeros above mean nothing"
    );
}
