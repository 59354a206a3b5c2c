//! The engine against docs/cors-rules.md §B, clause by clause, on checked policies.

use cors_core::{
    Action, At, CompiledPolicy, CorsHeader, Decision, HeaderField, ListValue, MAX_ORIGIN_LEN,
    MAX_REQUEST_HEADERS_LEN, PolicyInput, Reason, RequestHead, check, decide,
};

fn list(items: &[&str]) -> Option<ListValue<()>> {
    Some(ListValue::List {
        items: items.iter().map(|s| At::new(s.to_string(), ())).collect(),
        at: (),
    })
}

fn yes() -> Option<At<bool, ()>> {
    Some(At::new(true, ()))
}

fn build(configure: impl FnOnce(&mut PolicyInput<()>)) -> CompiledPolicy {
    let mut input = PolicyInput::new(());
    configure(&mut input);
    check(&input).expect("valid policy")
}

/// The policy most tests use: specific origins, credentials, the lot.
fn strict() -> CompiledPolicy {
    build(|p| {
        p.origin = list(&["https://app.test", "https://*.app.test"]);
        p.methods = list(&["PUT", "DELETE"]);
        p.allow_headers = list(&["content-type", "x-api-key"]);
        p.expose_headers = list(&["x-total-count"]);
        p.credentials = yes();
        p.max_age = Some(At::new(600, ()));
    })
}

fn any_origin() -> CompiledPolicy {
    build(|p| {
        p.origin = Some(ListValue::Any(()));
        p.allow_headers = Some(ListValue::Any(()));
    })
}

const APP: &[u8] = b"https://app.test";

fn preflight<'r>(
    policy: &CompiledPolicy,
    origin: &'r [u8],
    method: &'r [u8],
    headers: &[&'r [u8]],
) -> Decision<'r> {
    decide(
        policy,
        RequestHead {
            method: b"OPTIONS",
            origin: HeaderField::One(origin),
            request_method: HeaderField::One(method),
            request_headers: headers.iter().copied(),
            request_private_network: HeaderField::Absent,
        },
    )
}

fn actual<'r>(policy: &CompiledPolicy, method: &'r [u8], origin: HeaderField<'r>) -> Decision<'r> {
    decide(
        policy,
        RequestHead {
            method,
            origin,
            request_method: HeaderField::Absent,
            request_headers: [],
            request_private_network: HeaderField::Absent,
        },
    )
}

fn headers(decision: &Decision<'_>) -> Vec<CorsHeader> {
    decision.headers().iter().collect()
}

// --- classification ----------------------------------------------------------------

#[test]
fn b_classify_preflight_needs_options_origin_and_acrm() {
    let policy = strict();
    assert!(preflight(&policy, APP, b"PUT", &[]).is_preflight());
    // OPTIONS without ACRM: the application's own OPTIONS, forwarded untouched.
    let own_options = actual(&policy, b"OPTIONS", HeaderField::One(APP));
    assert!(!own_options.is_preflight());
    assert_eq!(own_options.action(), Action::Forward);
    // OPTIONS with ACRM but no Origin: not CORS at all.
    let no_origin = decide(
        &policy,
        RequestHead {
            method: b"OPTIONS",
            origin: HeaderField::Absent,
            request_method: HeaderField::One(b"PUT"),
            request_headers: [],
            request_private_network: HeaderField::Absent,
        },
    );
    assert!(!no_origin.is_preflight());
    assert_eq!(no_origin.action(), Action::Forward);
    assert!(no_origin.headers().is_empty());
    // The method is matched byte for byte: `options` is an extension method.
    let lowercase = decide(
        &policy,
        RequestHead {
            method: b"options",
            origin: HeaderField::One(APP),
            request_method: HeaderField::One(b"PUT"),
            request_headers: [],
            request_private_network: HeaderField::Absent,
        },
    );
    assert!(!lowercase.is_preflight());
}

// --- origin matching ---------------------------------------------------------------

#[test]
fn b_origin_exactly_one_byte_exact_header() {
    let policy = strict();
    assert!(
        actual(&policy, b"GET", HeaderField::One(APP))
            .reason()
            .is_allowed()
    );
    assert!(
        actual(&policy, b"GET", HeaderField::One(b"https://eu.app.test"))
            .reason()
            .is_allowed()
    );
    for refused in [
        &b"https://APP.test"[..],
        b"https://app.test/",
        b"https://app.test:443",
        b"https://evilapp.test",
        b"https://app.test.evil.com",
        b"null",
        b"",
        b"\xff\xfe",
    ] {
        assert!(
            !actual(&policy, b"GET", HeaderField::One(refused))
                .reason()
                .is_allowed(),
            "{refused:?}"
        );
    }
    assert_eq!(
        actual(&policy, b"GET", HeaderField::Many).reason(),
        Reason::MultipleOrigins
    );
}

#[test]
fn b_origin_over_the_length_cap_is_refused_without_matching() {
    let policy = build(|p| p.origin = list(&["https://*.app.test"]));
    let long = format!("https://{}.app.test", "a.".repeat(MAX_ORIGIN_LEN));
    let decision = actual(&policy, b"GET", HeaderField::One(long.as_bytes()));
    assert!(matches!(decision.reason(), Reason::OriginNotAllowed(_)));
}

// --- preflight, allowed ------------------------------------------------------------

#[test]
fn b_preflight_allowed_answers_with_constant_headers() {
    let policy = strict();
    let decision = preflight(&policy, APP, b"PUT", &[b"content-type,x-api-key"]);
    assert_eq!(decision.action(), Action::Respond(204));
    assert_eq!(decision.reason(), Reason::PreflightAllowed);
    assert_eq!(
        headers(&decision),
        [
            CorsHeader::AllowOrigin,
            CorsHeader::AllowCredentials,
            CorsHeader::AllowMethods,
            CorsHeader::AllowHeaders,
            CorsHeader::MaxAge
        ]
    );
    assert!(
        !decision.headers().contains(CorsHeader::ExposeHeaders),
        "never ACEH on a preflight"
    );
    assert_eq!(
        decision.vary().value(),
        Some("Origin, Access-Control-Request-Method, Access-Control-Request-Headers")
    );
}

#[test]
fn b_preflight_status_is_configurable() {
    let policy = build(|p| {
        p.origin = list(&["https://app.test"]);
        p.preflight_status = Some(At::new(200, ()));
    });
    assert_eq!(
        preflight(&policy, APP, b"GET", &[]).action(),
        Action::Respond(200)
    );
}

#[test]
fn b_preflight_continue_forwards_with_the_preflight_headers() {
    let policy = build(|p| {
        p.origin = list(&["https://app.test"]);
        p.methods = list(&["PUT"]);
        p.preflight_continue = yes();
    });
    let decision = preflight(&policy, APP, b"PUT", &[]);
    assert_eq!(decision.action(), Action::Forward);
    assert!(decision.headers().contains(CorsHeader::AllowMethods));
    // A refused preflight is still answered by the layer.
    assert_eq!(
        preflight(&policy, APP, b"DELETE", &[]).action(),
        Action::Respond(403)
    );
}

#[test]
fn b_safelisted_methods_always_pass_and_acrm_is_case_sensitive() {
    let policy = strict();
    for method in [&b"GET"[..], b"HEAD", b"POST", b"PUT", b"DELETE"] {
        assert_eq!(
            preflight(&policy, APP, method, &[]).action(),
            Action::Respond(204),
            "{method:?}"
        );
    }
    for method in [&b"put"[..], b"PATCH", b"get", b""] {
        assert_eq!(
            preflight(&policy, APP, method, &[]).reason(),
            Reason::MethodNotAllowed(method)
        );
    }
    let two_methods = decide(
        &policy,
        RequestHead {
            method: b"OPTIONS",
            origin: HeaderField::One(APP),
            request_method: HeaderField::Many,
            request_headers: [],
            request_private_network: HeaderField::Absent,
        },
    );
    assert_eq!(two_methods.reason(), Reason::MultipleRequestMethods);
}

#[test]
fn b_acrh_parsing_trims_skips_empties_folds_case_and_joins_lines() {
    let policy = strict();
    for lines in [
        &[&b"content-type,x-api-key"[..]][..],
        &[b" Content-Type ,\tX-API-KEY\t"],
        &[b",,content-type,, ,"],
        &[b"content-type", b"x-api-key"],
        &[b""],
        &[],
    ] {
        assert_eq!(
            preflight(&policy, APP, b"PUT", lines).action(),
            Action::Respond(204),
            "{lines:?}"
        );
    }
    let decision = preflight(
        &policy,
        APP,
        b"PUT",
        &[b"content-type", b"x-api-key, x-evil"],
    );
    assert_eq!(decision.reason(), Reason::HeaderNotAllowed(b"x-evil"));
    // One allowed header is not enough for the whole list to pass (poem's bug).
    let decision = preflight(&policy, APP, b"PUT", &[b"x-api-key, x-token"]);
    assert_eq!(decision.reason(), Reason::HeaderNotAllowed(b"x-token"));
}

#[test]
fn b_acrh_over_the_cap_is_refused() {
    let policy = strict();
    let commas = ", ".repeat(32 * 1024);
    let decision = preflight(&policy, APP, b"PUT", &[commas.as_bytes()]);
    assert_eq!(decision.reason(), Reason::RequestHeadersTooLong);
    assert_eq!(decision.action(), Action::Respond(403));
    let just_under = ",".repeat(MAX_REQUEST_HEADERS_LEN);
    assert_eq!(
        preflight(&policy, APP, b"PUT", &[just_under.as_bytes()]).action(),
        Action::Respond(204)
    );
}

#[test]
fn b_star_headers_never_cover_authorization() {
    let policy = any_origin();
    assert_eq!(
        preflight(&policy, APP, b"GET", &[b"x-anything"]).action(),
        Action::Respond(204)
    );
    assert_eq!(
        preflight(&policy, APP, b"GET", &[b"authorization"]).reason(),
        Reason::HeaderNotAllowed(b"authorization")
    );
    let listed = build(|p| {
        p.origin = Some(ListValue::Any(()));
        p.allow_headers = list(&["*", "authorization"]);
    });
    assert_eq!(
        preflight(&listed, APP, b"GET", &[b"authorization"]).action(),
        Action::Respond(204)
    );
}

#[test]
fn b_private_network_is_answered_only_when_asked_and_enabled() {
    let request = |policy: &CompiledPolicy, acrpn: HeaderField<'static>| {
        decide(
            policy,
            RequestHead {
                method: b"OPTIONS",
                origin: HeaderField::One(APP),
                request_method: HeaderField::One(b"GET"),
                request_headers: [],
                request_private_network: acrpn,
            },
        )
    };
    let enabled = build(|p| {
        p.origin = list(&["https://app.test"]);
        p.private_network = yes();
    });
    let asked = request(&enabled, HeaderField::One(b"true"));
    assert!(asked.headers().contains(CorsHeader::AllowPrivateNetwork));
    assert!(
        asked
            .vary()
            .members()
            .contains(&"Access-Control-Request-Private-Network")
    );
    assert!(
        !request(&enabled, HeaderField::Absent)
            .headers()
            .contains(CorsHeader::AllowPrivateNetwork)
    );
    let disabled = build(|p| p.origin = list(&["https://app.test"]));
    let refused = request(&disabled, HeaderField::One(b"true"));
    assert_eq!(refused.reason(), Reason::PrivateNetworkNotAllowed);
    assert_eq!(refused.action(), Action::Respond(403));
}

// --- preflight, refused ------------------------------------------------------------

#[test]
fn b_preflight_refused_is_403_without_cors_headers_but_with_vary() {
    let policy = strict();
    for decision in [
        preflight(&policy, b"https://evil.test", b"PUT", &[]),
        preflight(&policy, APP, b"PATCH", &[]),
        preflight(&policy, APP, b"PUT", &[b"x-evil"]),
    ] {
        assert_eq!(decision.action(), Action::Respond(403));
        assert!(decision.headers().is_empty());
        assert!(!decision.reason().is_allowed());
        assert_eq!(decision.vary().members()[0], "Origin");
    }
}

// --- actual requests ---------------------------------------------------------------

#[test]
fn b_actual_allowed_gets_origin_credentials_and_expose() {
    let decision = actual(&strict(), b"GET", HeaderField::One(APP));
    assert_eq!(decision.action(), Action::Forward);
    assert_eq!(
        headers(&decision),
        [
            CorsHeader::AllowOrigin,
            CorsHeader::AllowCredentials,
            CorsHeader::ExposeHeaders
        ]
    );
    assert_eq!(decision.vary().members(), ["Origin"]);
}

#[test]
fn b_actual_refused_or_without_origin_gets_only_vary() {
    for origin in [
        HeaderField::One(&b"https://evil.test"[..]),
        HeaderField::Absent,
        HeaderField::Many,
    ] {
        let decision = actual(&strict(), b"POST", origin);
        assert_eq!(decision.action(), Action::Forward);
        assert!(decision.headers().is_empty());
        assert_eq!(decision.vary().members(), ["Origin"], "{origin:?}");
    }
    assert_eq!(
        actual(&strict(), b"GET", HeaderField::Absent).reason(),
        Reason::NoOrigin
    );
}

#[test]
fn b_any_origin_sends_star_everywhere_and_never_varies_on_origin() {
    let policy = any_origin();
    for origin in [
        HeaderField::One(&b"https://anything.test"[..]),
        HeaderField::Absent,
        HeaderField::Many,
    ] {
        let decision = actual(&policy, b"GET", origin);
        assert_eq!(headers(&decision), [CorsHeader::AllowOrigin]);
        assert_eq!(decision.reason(), Reason::AnyOrigin);
        assert_eq!(decision.vary().value(), None);
    }
    let decision = preflight(&policy, b"https://anything.test", b"PUT", &[]);
    assert!(!decision.vary().members().contains(&"Origin"));
}

#[test]
fn b_reasons_name_what_was_refused() {
    let policy = strict();
    assert_eq!(
        preflight(&policy, APP, b"PUT", &[b"x-evil"])
            .reason()
            .to_string(),
        "request header `x-evil` is not allowed"
    );
    assert_eq!(
        preflight(&policy, b"https://evil.test", b"PUT", &[])
            .reason()
            .to_string(),
        "origin `https://evil.test` is not allowed"
    );
}

// --- `*` methods and headers are answered with what the preflight asked -------------

/// README, decided behaviours: Firefox caches no preflight answered `*`; both engines
/// cache one that lists the requested method and headers.
#[test]
fn wildcard_lists_echo_the_request_and_need_a_request_line() {
    use cors_core::{HeaderValueSource, Settings};
    let wild = build(|p| {
        p.origin = Some(ListValue::Any(()));
        p.methods = Some(ListValue::Any(()));
        p.allow_headers = Some(ListValue::Any(()));
    });
    let settings = cors_core::CorsPolicy::settings(&wild);
    assert_eq!(
        CorsHeader::AllowMethods.value(&settings),
        Some(HeaderValueSource::EchoRequestMethod)
    );
    assert_eq!(
        CorsHeader::AllowHeaders.value(&settings),
        Some(HeaderValueSource::EchoRequestHeaders { otherwise: "*" })
    );
    let asked = preflight(&wild, APP, b"PROPFIND", &[b"x-a,x-b"]);
    assert_eq!(asked.action(), Action::Respond(204));
    assert!(asked.headers().contains(CorsHeader::AllowMethods));
    assert!(asked.headers().contains(CorsHeader::AllowHeaders));
    // No header asked: no `Access-Control-Allow-Headers` at all.
    let none = preflight(&wild, APP, b"PUT", &[]);
    assert!(!none.headers().contains(CorsHeader::AllowHeaders));
    // The preflight cache varies on both: the echo is safe for caches.
    assert_eq!(
        none.vary().members(),
        [
            "Access-Control-Request-Method",
            "Access-Control-Request-Headers"
        ]
    );
    // A hand-written policy with credentials and `*`: browsers read `*` literally there,
    // and the engine sends what the policy says.
    let literal = Settings {
        credentials: true,
        allow_methods: Some("*"),
        allow_headers: Some("*"),
        ..Settings::DEFAULT
    };
    assert_eq!(
        CorsHeader::AllowMethods.value(&literal),
        Some(HeaderValueSource::Text("*"))
    );
    assert_eq!(
        CorsHeader::AllowHeaders.value(&literal),
        Some(HeaderValueSource::Text("*"))
    );
    // A listed policy is unchanged.
    assert_eq!(
        CorsHeader::AllowMethods.value(&cors_core::CorsPolicy::settings(&strict())),
        Some(HeaderValueSource::Text("PUT, DELETE"))
    );
}
