//! The engine against docs/cors-rules.md §B, clause by clause, on checked policies.

use cors_policy_core::{
    Action, At, CompiledPolicy, CorsHeader, Decision, Guarded, HeaderField, ListValue,
    MAX_ORIGIN_LEN, MAX_REQUEST_HEADERS_LEN, PolicyInput, Reason, RequestHead, check, decide,
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
            fetch_site: HeaderField::Absent,
            host: HeaderField::Absent,
            upgrade: HeaderField::Absent,
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
            fetch_site: HeaderField::Absent,
            host: HeaderField::Absent,
            upgrade: HeaderField::Absent,
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
            fetch_site: HeaderField::Absent,
            host: HeaderField::Absent,
            upgrade: HeaderField::Absent,
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
            fetch_site: HeaderField::Absent,
            host: HeaderField::Absent,
            upgrade: HeaderField::Absent,
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
            fetch_site: HeaderField::Absent,
            host: HeaderField::Absent,
            upgrade: HeaderField::Absent,
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
                fetch_site: HeaderField::Absent,
                host: HeaderField::Absent,
                upgrade: HeaderField::Absent,
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
    // Several lines are malformed: refused whether or not the policy enables it, never
    // answered with `Access-Control-Allow-Private-Network` (they may all say `false`).
    for policy in [&enabled, &disabled] {
        let several = request(policy, HeaderField::Many);
        assert_eq!(several.reason(), Reason::MultiplePrivateNetworkRequests);
        assert_eq!(several.action(), Action::Respond(403));
        assert!(several.headers().is_empty());
    }
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

// --- cross-origin protection --------------------------------------------------------

/// The strict policy with `cross_origin_protection: true`; the server is `api.test`.
fn protected() -> CompiledPolicy {
    build(|p| {
        p.origin = list(&["https://app.test", "https://*.app.test"]);
        p.methods = list(&["PUT", "DELETE"]);
        p.credentials = yes();
        p.cross_origin_protection = yes();
    })
}

/// What protection reads of a request, beside its method and `Origin`.
#[derive(Clone, Copy)]
struct Site<'r> {
    fetch_site: HeaderField<'r>,
    host: HeaderField<'r>,
    upgrade: HeaderField<'r>,
}

const API: HeaderField<'static> = HeaderField::One(b"api.test");

/// A browser of today: `Sec-Fetch-Site` and the server's `Host`.
fn from_site(fetch_site: &'static [u8]) -> Site<'static> {
    Site {
        fetch_site: HeaderField::One(fetch_site),
        host: API,
        upgrade: HeaderField::Absent,
    }
}

/// A browser from before `Sec-Fetch-Site` (or a client that strips it).
const OLD_BROWSER: Site<'static> = Site {
    fetch_site: HeaderField::Absent,
    host: API,
    upgrade: HeaderField::Absent,
};

fn request<'r>(
    policy: &CompiledPolicy,
    method: &'r [u8],
    origin: HeaderField<'r>,
    site: Site<'r>,
) -> Decision<'r> {
    decide(
        policy,
        RequestHead {
            method,
            origin,
            request_method: HeaderField::Absent,
            request_headers: [],
            request_private_network: HeaderField::Absent,
            fetch_site: site.fetch_site,
            host: site.host,
            upgrade: site.upgrade,
        },
    )
}

const EVIL: HeaderField<'static> = HeaderField::One(b"https://evil.test");

fn assert_refused(decision: &Decision<'_>) {
    assert_eq!(
        decision.action(),
        Action::Respond(403),
        "{}",
        decision.reason()
    );
    assert!(!decision.is_preflight());
    assert!(decision.headers().is_empty());
    assert_eq!(decision.vary().members(), ["Origin"]);
    assert!(decision.reason().is_cross_origin_refusal());
}

fn assert_passed(decision: &Decision<'_>) {
    assert_eq!(decision.action(), Action::Forward, "{}", decision.reason());
    assert!(!decision.reason().is_cross_origin_refusal());
}

#[test]
fn protection_leaves_safe_methods_alone() {
    let policy = protected();
    for method in [&b"GET"[..], b"HEAD", b"OPTIONS"] {
        let decision = request(&policy, method, EVIL, from_site(b"cross-site"));
        assert_passed(&decision);
        assert_eq!(
            decision.reason(),
            Reason::OriginNotAllowed(b"https://evil.test")
        );
    }
    // Methods are byte for byte: `get` is not the safe `GET`.
    assert_refused(&request(&policy, b"get", EVIL, from_site(b"cross-site")));
}

#[test]
fn protection_trusts_sec_fetch_site_same_origin_and_none() {
    let policy = protected();
    for site in [&b"same-origin"[..], b"none"] {
        // Even when the Origin is not the Host's: the browser knows better (a proxy
        // may have rewritten Host).
        let decision = request(&policy, b"POST", EVIL, from_site(site));
        assert_passed(&decision);
        assert_eq!(
            decision.reason(),
            Reason::OriginNotAllowed(b"https://evil.test")
        );
    }
}

#[test]
fn protection_lets_other_sites_through_only_with_an_allowed_origin() {
    let policy = protected();
    for site in [&b"cross-site"[..], b"same-site"] {
        let decision = request(&policy, b"POST", EVIL, from_site(site));
        assert_refused(&decision);
        assert_eq!(
            decision.reason(),
            Reason::CrossSiteRefused {
                request: Guarded::Method(b"POST"),
                fetch_site: HeaderField::One(site),
                origin: EVIL,
            }
        );
        let allowed = request(&policy, b"POST", HeaderField::One(APP), from_site(site));
        assert_passed(&allowed);
        assert_eq!(allowed.reason(), Reason::OriginAllowed);
        assert!(allowed.headers().contains(CorsHeader::AllowOrigin));
        let pattern = request(
            &policy,
            b"DELETE",
            HeaderField::One(b"https://eu.app.test"),
            from_site(site),
        );
        assert_passed(&pattern);
    }
}

#[test]
fn protection_reads_odd_sec_fetch_site_values_as_cross_site() {
    let policy = protected();
    for odd in [
        &b"Same-Origin"[..],
        b"SAME-ORIGIN",
        b"NONE",
        b" same-origin",
        b"",
        b"same-origin, none",
        b"bogus",
    ] {
        let decision = request(&policy, b"POST", EVIL, from_site(odd));
        assert_refused(&decision);
        // And an allowed origin still passes.
        assert_passed(&request(
            &policy,
            b"POST",
            HeaderField::One(APP),
            from_site(odd),
        ));
    }
    let twice = Site {
        fetch_site: HeaderField::Many,
        ..from_site(b"same-origin")
    };
    let decision = request(&policy, b"POST", EVIL, twice);
    assert_refused(&decision);
    assert_eq!(
        decision.reason().to_string(),
        "cross-origin `POST` refused (cross_origin_protection): several Sec-Fetch-Site headers, \
         and origin `https://evil.test` is not allowed"
    );
}

#[test]
fn protection_without_sec_fetch_site_compares_origin_and_host() {
    let policy = protected();
    // No Origin either: curl, another server; CSRF needs a browser.
    assert_passed(&request(&policy, b"POST", HeaderField::Absent, OLD_BROWSER));
    // The server's own page: Origin's host:port is the Host, scheme aside.
    for own in [&b"http://api.test"[..], b"https://api.test"] {
        let decision = request(&policy, b"POST", HeaderField::One(own), OLD_BROWSER);
        assert_passed(&decision);
        assert_eq!(decision.reason(), Reason::OriginNotAllowed(own));
    }
    let with_port = Site {
        host: HeaderField::One(b"api.test:8443"),
        ..OLD_BROWSER
    };
    assert_passed(&request(
        &policy,
        b"PUT",
        HeaderField::One(b"https://api.test:8443"),
        with_port,
    ));
    // Byte for byte: another port, another case, a suffix: not the server's own.
    for other in [
        &b"https://api.test:8443"[..],
        b"https://API.test",
        b"https://api.test.evil",
        b"https://evil.test",
    ] {
        let decision = request(&policy, b"POST", HeaderField::One(other), OLD_BROWSER);
        assert_refused(&decision);
        assert_eq!(
            decision.reason(),
            Reason::ForeignOriginRefused {
                request: Guarded::Method(b"POST"),
                origin: HeaderField::One(other),
                host: API,
            }
        );
    }
    // An allowed origin passes, and gets its CORS headers.
    let allowed = request(&policy, b"POST", HeaderField::One(APP), OLD_BROWSER);
    assert_passed(&allowed);
    assert_eq!(allowed.reason(), Reason::OriginAllowed);
}

#[test]
fn protection_refuses_null_repeated_origins_and_a_missing_host() {
    let policy = protected();
    let null = request(&policy, b"POST", HeaderField::One(b"null"), OLD_BROWSER);
    assert_refused(&null);
    assert_refused(&request(
        &policy,
        b"POST",
        HeaderField::One(b"null"),
        from_site(b"cross-site"),
    ));
    // A host named `null` does not make `null` an own origin.
    let null_host = Site {
        host: HeaderField::One(b"null"),
        ..OLD_BROWSER
    };
    assert_refused(&request(
        &policy,
        b"POST",
        HeaderField::One(b"null"),
        null_host,
    ));
    let twice = request(&policy, b"POST", HeaderField::Many, OLD_BROWSER);
    assert_refused(&twice);
    assert_eq!(
        twice.reason().to_string(),
        "cross-origin `POST` refused (cross_origin_protection): several Origin headers, and no Sec-Fetch-Site"
    );
    assert_refused(&request(
        &policy,
        b"POST",
        HeaderField::Many,
        from_site(b"cross-site"),
    ));
    // Even the allowed origin is refused twice over: several Origin lines are never allowed.
    assert_refused(&request(
        &policy,
        b"POST",
        HeaderField::Many,
        from_site(b"same-site"),
    ));
    // No Origin with a cross-site Sec-Fetch-Site: nothing to allow.
    let no_origin = request(
        &policy,
        b"POST",
        HeaderField::Absent,
        from_site(b"cross-site"),
    );
    assert_refused(&no_origin);
    assert_eq!(
        no_origin.reason().to_string(),
        "cross-origin `POST` refused (cross_origin_protection): Sec-Fetch-Site `cross-site`, and no Origin header"
    );
    for host in [HeaderField::Absent, HeaderField::Many] {
        let site = Site {
            host,
            ..OLD_BROWSER
        };
        let own = request(&policy, b"POST", HeaderField::One(b"http://api.test"), site);
        assert_refused(&own);
        // The allowed origin does not need the Host.
        assert_passed(&request(&policy, b"POST", HeaderField::One(APP), site));
    }
    let no_host = request(
        &policy,
        b"POST",
        HeaderField::One(b"http://api.test"),
        Site {
            host: HeaderField::Absent,
            ..OLD_BROWSER
        },
    );
    assert_eq!(
        no_host.reason().to_string(),
        "cross-origin `POST` refused (cross_origin_protection): origin `http://api.test` is not allowed \
         and is not this server's (no Host header), and no Sec-Fetch-Site"
    );
}

#[test]
fn protection_judges_websocket_handshakes_whatever_the_method() {
    let policy = protected();
    let handshake = |site: Site<'static>| Site {
        upgrade: HeaderField::One(b"websocket"),
        ..site
    };
    let refused = request(&policy, b"GET", EVIL, handshake(from_site(b"cross-site")));
    assert_refused(&refused);
    assert_eq!(
        refused.reason().to_string(),
        "cross-origin WebSocket handshake refused (cross_origin_protection): Sec-Fetch-Site \
         `cross-site`, and origin `https://evil.test` is not allowed"
    );
    let old = request(&policy, b"GET", EVIL, handshake(OLD_BROWSER));
    assert_refused(&old);
    assert_eq!(
        old.reason().to_string(),
        "cross-origin WebSocket handshake refused (cross_origin_protection): origin \
         `https://evil.test` is not allowed and is not this server's (Host `api.test`), and no Sec-Fetch-Site"
    );
    assert_passed(&request(
        &policy,
        b"GET",
        HeaderField::One(APP),
        handshake(from_site(b"cross-site")),
    ));
    assert_passed(&request(
        &policy,
        b"GET",
        HeaderField::One(b"http://api.test"),
        handshake(OLD_BROWSER),
    ));
    assert_passed(&request(
        &policy,
        b"GET",
        EVIL,
        handshake(from_site(b"same-origin")),
    ));
    assert_passed(&request(
        &policy,
        b"GET",
        HeaderField::Absent,
        handshake(OLD_BROWSER),
    ));
    // The token in any case, in a list, or on several lines.
    for upgrade in [
        HeaderField::One(b"WebSocket"),
        HeaderField::One(b"foo, websocket"),
        HeaderField::Many,
    ] {
        let site = Site {
            upgrade,
            ..from_site(b"cross-site")
        };
        assert_refused(&request(&policy, b"GET", EVIL, site));
    }
    // Another protocol is not a WebSocket handshake: a GET is left alone.
    let h2c = Site {
        upgrade: HeaderField::One(b"h2c"),
        ..from_site(b"cross-site")
    };
    assert_passed(&request(&policy, b"GET", EVIL, h2c));
}

#[test]
fn protection_never_touches_preflights() {
    let policy = protected();
    let decision = decide(
        &policy,
        RequestHead {
            method: b"OPTIONS",
            origin: EVIL,
            request_method: HeaderField::One(b"PUT"),
            request_headers: [],
            request_private_network: HeaderField::Absent,
            fetch_site: HeaderField::One(b"cross-site"),
            host: API,
            upgrade: HeaderField::One(b"websocket"),
        },
    );
    assert!(decision.is_preflight());
    assert_eq!(
        decision.reason(),
        Reason::OriginNotAllowed(b"https://evil.test")
    );
    assert_eq!(
        preflight(&policy, APP, b"PUT", &[]).action(),
        Action::Respond(204)
    );
}

#[test]
fn without_protection_every_cross_site_write_reaches_the_handler() {
    // Today's behaviour, kept: the policy that CORS alone gives.
    let policy = strict();
    let handshake = Site {
        upgrade: HeaderField::One(b"websocket"),
        ..from_site(b"cross-site")
    };
    for (method, site) in [
        (&b"POST"[..], from_site(b"cross-site")),
        (b"GET", handshake),
        (b"DELETE", OLD_BROWSER),
    ] {
        let decision = request(&policy, method, EVIL, site);
        assert_eq!(decision.action(), Action::Forward);
        assert_eq!(
            decision.reason(),
            Reason::OriginNotAllowed(b"https://evil.test")
        );
    }
}

#[test]
fn protection_with_any_origin_lets_everything_through() {
    // `check` refuses this (C1); a hand-written policy can still say it, and then every
    // origin is trusted, as the rule warns.
    struct Open;
    impl cors_policy_core::CorsPolicy for Open {
        fn allows_origin(&self, _: &[u8]) -> bool {
            false
        }
        fn allows_method(&self, _: &[u8]) -> bool {
            false
        }
        fn allows_request_header(&self, _: &[u8]) -> bool {
            false
        }
        fn settings(&self) -> cors_policy_core::Settings<'_> {
            cors_policy_core::Settings {
                any_origin: true,
                cross_origin_protection: true,
                ..cors_policy_core::Settings::DEFAULT
            }
        }
    }
    let decision = decide(
        &Open,
        RequestHead {
            method: b"POST",
            origin: EVIL,
            request_method: HeaderField::Absent,
            request_headers: [],
            request_private_network: HeaderField::Absent,
            fetch_site: HeaderField::One(b"cross-site"),
            host: API,
            upgrade: HeaderField::Absent,
        },
    );
    assert_eq!(decision.reason(), Reason::AnyOrigin);
}

// --- `*` methods and headers are answered with what the preflight asked -------------

/// README, decided behaviours: Firefox caches no preflight answered `*`; both engines
/// cache one that lists the requested method and headers.
#[test]
fn wildcard_lists_echo_the_request_and_need_a_request_line() {
    use cors_policy_core::{HeaderValueSource, Settings};
    let wild = build(|p| {
        p.origin = Some(ListValue::Any(()));
        p.methods = Some(ListValue::Any(()));
        p.allow_headers = Some(ListValue::Any(()));
    });
    let settings = cors_policy_core::CorsPolicy::settings(&wild);
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
    // Lines that name no header (empty elements are skipped) ask for none either.
    for lines in [&[&b",,,"[..]][..], &[b" , \t,"], &[b""], &[b",", b""]] {
        let empty = preflight(&wild, APP, b"PUT", lines);
        assert_eq!(empty.action(), Action::Respond(204));
        assert!(
            !empty.headers().contains(CorsHeader::AllowHeaders),
            "{lines:?} names no header"
        );
    }
    // One name among empty elements, or on a second line, is a request.
    for lines in [&[&b",x-a,"[..]][..], &[b"", b"x-a"]] {
        let named = preflight(&wild, APP, b"PUT", lines);
        assert!(
            named.headers().contains(CorsHeader::AllowHeaders),
            "{lines:?}"
        );
    }
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
        CorsHeader::AllowMethods.value(&cors_policy_core::CorsPolicy::settings(&strict())),
        Some(HeaderValueSource::Text("PUT, DELETE"))
    );
}

// --- reasons as text ---------------------------------------------------------------

/// A reason names the request's own bytes, which a client chose: they are escaped and
/// cut, so that printing or logging a reason can neither flood nor forge a line.
#[test]
fn reasons_show_request_bytes_escaped_and_cut() {
    let huge = [b'a'; 100_000];
    let shown = Reason::OriginNotAllowed(&huge).to_string();
    assert!(shown.len() < 200, "{} bytes", shown.len());
    assert!(shown.contains("… (100000 bytes)"));
    let forged = Reason::HeaderNotAllowed(b"x\r\n\x1b[2Jevil\xe2\x80\xae").to_string();
    assert_eq!(
        forged,
        "request header `x\\x0d\\x0a\\x1b[2Jevil\\xe2\\x80\\xae` is not allowed"
    );
    let refused = Reason::CrossSiteRefused {
        request: cors_policy_core::Guarded::Method(b"P\x00ST"),
        fetch_site: HeaderField::One(b"cross-site\n"),
        origin: HeaderField::Many,
    }
    .to_string();
    assert_eq!(
        refused,
        "cross-origin `P\\x00ST` refused (cross_origin_protection): Sec-Fetch-Site \
         `cross-site\\x0a`, and several Origin headers"
    );
}
