//! The decision allocates nothing, on every path, for the macro's generated policies and
//! for runtime-checked ones: `check`'s, `Policy::builder()`'s and `WithOrigins`'
//! (cors-rules.md §C: zero heap allocations per request).

use cors_runtime::{CorsPolicy, Decision, HeaderField, RequestHead, cors, decide};

/// How many heap allocations `run` makes on this thread (the counting allocator is
/// `allocation-counter`'s, installed by linking it).
fn allocations_during<T>(run: impl FnOnce() -> T) -> (T, u64) {
    let mut result = None;
    let info = allocation_counter::measure(|| result = Some(std::hint::black_box(run())));
    (result.expect("ran"), info.count_total)
}

const APP: &[u8] = b"https://app.example.com";

/// Every path of the engine; returns (path name, decision) pairs to check.
fn every_path<P: CorsPolicy>(policy: &P, huge_acrh: &[u8]) {
    let preflight = |origin: &'static [u8], method: &'static [u8], acrh: &[u8]| {
        let acrh = [acrh];
        let (decision, count) = allocations_during(|| {
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
            decision.action()
        });
        (decision, count)
    };
    let actual = |origin: HeaderField<'static>| {
        allocations_during(|| {
            decide(
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
            )
            .action()
        })
    };
    let cases = [
        (
            "allowed preflight",
            preflight(APP, b"PUT", b"content-type,x-api-key").1,
        ),
        (
            "allowed preflight, odd spelling",
            preflight(APP, b"PUT", b" X-Api-Key ,,Content-Type").1,
        ),
        (
            "refused preflight (origin)",
            preflight(b"https://evil.example.com", b"PUT", b"").1,
        ),
        (
            "refused preflight (method)",
            preflight(APP, b"PATCH", b"").1,
        ),
        (
            "refused preflight (header)",
            preflight(APP, b"PUT", b"x-evil").1,
        ),
        ("64 KiB ACRH", preflight(APP, b"PUT", huge_acrh).1),
        ("allowed actual", actual(HeaderField::One(APP)).1),
        (
            "pattern actual",
            actual(HeaderField::One(b"https://eu.example.org")).1,
        ),
        (
            "disallowed actual",
            actual(HeaderField::One(b"https://evil.example.com")).1,
        ),
        ("no-origin actual", actual(HeaderField::Absent).1),
        ("two origins", actual(HeaderField::Many).1),
    ];
    for (path, count) in cases {
        assert_eq!(count, 0, "{path}: {count} allocations");
    }
}

/// Every path of cross-origin protection: refusals (each reason) and the requests it
/// lets through.
fn every_protection_path<P: CorsPolicy>(policy: &P) {
    let request = |method: &'static [u8],
                   origin: HeaderField<'static>,
                   fetch_site: HeaderField<'static>,
                   upgrade: HeaderField<'static>| {
        allocations_during(|| {
            decide(
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
            )
            .action()
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
    let refused = cases
        .iter()
        .filter(|(_, (action, _))| *action == cors_runtime::Action::Respond(403))
        .count();
    assert_eq!(refused, 7, "the refusal paths were taken");
    for (path, (_, count)) in cases {
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
    use cors_core::{At, ListValue, PolicyInput, check};
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
