//! The adapter core: carrying out a [`Decision`](cors_policy_core::Decision) on a framework's
//! header maps, written once for every adapter. Read it in this order:
//!
//! 1. `header_map.rs`: [`HeaderMap`](header_map::HeaderMap), what CORS needs of a framework's header map;
//!    implemented for the `http` 1.x map (`http_header_map.rs`, tower and hyper) and
//!    actix-web's (`actix_header_map.rs`).
//! 2. `invalid.rs`: [`InvalidPolicy`], a policy whose settings cannot be sent.
//! 3. `prepared.rs`: what does not depend on the request, built once per layer:
//!    [`PreparedHeaders`](prepared::PreparedHeaders) (names, constant values, `Vary` lines) and how a layer holds
//!    it with its policy ([`CorsState`] behind [`Shared`]: a `'static` reference for
//!    `cors!` policies, an `Arc` otherwise).
//! 4. `request.rs`: the per-request step. [`read_head`](request::read_head) reads the request into the
//!    engine's `RequestHead` (the one place that does), [`decide_request`](request::decide_request) decides and says
//!    what to do: [`Decided::Answer`](request::Decided::Answer) now, or [`Decided::Forward`](request::Decided::Forward) to the handler, a few
//!    bytes that become the [`PendingHeaders`](request::PendingHeaders) its response will get where the
//!    response future is built (tower, hyper). [`begin`](request::begin) gives the same decision owned, as
//!    an [`Outcome`](request::Outcome) (actix, the dynamic layers).
//! 5. `response.rs`: writing them: [`Answer::write_into_request_map`](request::Answer::write_into_request_map) builds the
//!    layer's own answer in the request's map (no allocation);
//!    [`PendingHeaders::complete`](request::PendingHeaders::complete) completes a handler's response in one pass.
//! 6. `future.rs`: [`Reply`](future::Reply), the response future's state machine.
//!
//! The framework glue around it: `tower_hyper.rs` (tower and hyper), `actix.rs`.

pub(crate) mod future;
pub(crate) mod header_map;
mod invalid;
pub(crate) mod prepared;
pub(crate) mod request;
mod response;

#[cfg(feature = "actix-web")]
mod actix_header_map;
#[cfg(any(feature = "tower", feature = "hyper"))]
mod http_header_map;

pub(crate) use future::Reply;
pub use invalid::InvalidPolicy;
pub(crate) use prepared::{CorsState, Shared};
#[cfg(feature = "actix-web")]
pub(crate) use request::begin;
pub(crate) use request::{Outcome, PendingHeaders};

#[cfg(all(test, any(feature = "tower", feature = "hyper")))]
mod tests {
    use http::header::HeaderValue;

    use super::invalid::InvalidPolicy;
    use super::prepared::{CorsState, Shared};
    use super::request::{Outcome, PendingHeaders, begin};
    use cors_policy_core::{CorsPolicy, Settings};

    /// `https://app.test`, `PUT`, with a value for every CORS header but the methods.
    struct Policy(Settings<'static>);

    impl CorsPolicy for Policy {
        fn allows_origin(&self, origin: &[u8]) -> bool {
            origin == b"https://app.test"
        }
        fn allows_method(&self, method: &[u8]) -> bool {
            method == b"PUT"
        }
        fn allows_request_header(&self, _: &[u8]) -> bool {
            true
        }
        fn settings(&self) -> Settings<'_> {
            self.0
        }
    }

    const SETTINGS: Settings<'static> = Settings {
        credentials: true,
        expose_headers: Some("x-total"),
        ..Settings::DEFAULT
    };

    fn request(lines: &[(&'static str, &'static str)]) -> http::HeaderMap {
        let mut map = http::HeaderMap::new();
        for &(name, value) in lines {
            map.append(name, HeaderValue::from_static(value));
        }
        map
    }

    fn lines<'a>(map: &'a http::HeaderMap, name: &str) -> Vec<&'a str> {
        map.get_all(name)
            .iter()
            .map(|value| value.to_str().unwrap_or("<bytes>"))
            .collect()
    }

    type State = Shared<CorsState<Policy, http::HeaderMap>>;

    fn forward(
        state: &State,
        method: &[u8],
        request: &http::HeaderMap,
    ) -> PendingHeaders<http::HeaderMap> {
        match begin(state, method, None, request) {
            Outcome::Forward(pending) => pending,
            Outcome::Answer(answer) => panic!("answered {}", answer.status),
        }
    }

    #[test]
    fn vary_members_are_found_across_lines_and_lists() {
        let state = State::new(Policy(SETTINGS));
        let mut pending = forward(&state, b"GET", &request(&[("origin", "https://app.test")]));
        let mut response = request(&[("vary", "accept"), ("vary", "Accept-Encoding, ORIGIN")]);
        pending.complete(&mut response);
        assert_eq!(
            lines(&response, "vary"),
            ["accept", "Accept-Encoding, ORIGIN"]
        );
    }

    #[test]
    fn only_missing_vary_members_are_appended() {
        let state = State::new(Policy(Settings {
            preflight_continue: true,
            ..SETTINGS
        }));
        let preflight = request(&[
            ("origin", "https://app.test"),
            ("access-control-request-method", "PUT"),
        ]);
        let mut pending = forward(&state, b"OPTIONS", &preflight);
        let mut response = request(&[("vary", "accept, access-control-request-method")]);
        pending.complete(&mut response);
        assert_eq!(
            lines(&response, "vary"),
            [
                "accept, access-control-request-method",
                "Origin",
                "Access-Control-Request-Headers"
            ]
        );
    }

    #[test]
    fn every_handler_line_of_a_cors_header_is_replaced_by_one() {
        let state = State::new(Policy(SETTINGS));
        let mut pending = forward(&state, b"GET", &request(&[("origin", "https://app.test")]));
        let mut response = request(&[
            ("access-control-allow-origin", "*"),
            ("access-control-allow-origin", "https://evil.test"),
            ("access-control-allow-credentials", "false"),
        ]);
        pending.complete(&mut response);
        assert_eq!(
            lines(&response, "access-control-allow-origin"),
            ["https://app.test"]
        );
        assert_eq!(
            lines(&response, "access-control-allow-credentials"),
            ["true"]
        );
        assert_eq!(
            lines(&response, "access-control-expose-headers"),
            ["x-total"]
        );
    }

    #[test]
    fn the_echoed_origin_is_the_requests_own_value() {
        let state = State::new(Policy(SETTINGS));
        let request = request(&[("origin", "https://app.test")]);
        let mut pending = forward(&state, b"GET", &request);
        let mut response = http::HeaderMap::new();
        pending.complete(&mut response);
        let echoed = response
            .get("access-control-allow-origin")
            .map(HeaderValue::as_bytes);
        let sent = request.get("origin").map(HeaderValue::as_bytes);
        // The same bytes in memory: a clone, not a copy.
        assert_eq!(echoed.map(<[u8]>::as_ptr), sent.map(<[u8]>::as_ptr));
    }

    #[test]
    #[should_panic(
        expected = "access-control-expose-headers value \"x-a\\nx-b\" is not a valid header value"
    )]
    fn an_unsendable_value_is_refused_when_the_layer_is_built() {
        let _ = State::new(Policy(Settings {
            expose_headers: Some("x-a\nx-b"),
            ..SETTINGS
        }));
    }

    #[test]
    #[should_panic(expected = "preflight status 302 is not in 200..=299")]
    fn a_redirect_preflight_status_is_refused_when_the_layer_is_built() {
        let _ = State::new(Policy(Settings {
            preflight_status: 302,
            ..SETTINGS
        }));
    }

    /// A `cors!`-like policy: zero-sized, with `$settings` as its `'static` settings,
    /// `https://app.test` its one origin, no method or header beyond the safelisted.
    macro_rules! static_policy {
        ($(#[$doc:meta])* $name:ident, $settings:expr) => {
            $(#[$doc])*
            struct $name;

            impl CorsPolicy for $name {
                fn allows_origin(&self, origin: &[u8]) -> bool {
                    origin == b"https://app.test"
                }
                fn allows_method(&self, _: &[u8]) -> bool {
                    false
                }
                fn allows_request_header(&self, _: &[u8]) -> bool {
                    false
                }
                fn settings(&self) -> Settings<'_> {
                    $settings
                }
                fn static_settings(&self) -> Option<Settings<'static>> {
                    Some($settings)
                }
            }
        };
    }

    static_policy!(Static, SETTINGS);

    #[test]
    fn a_static_policy_is_prepared_once_and_held_by_reference() {
        let first = Shared::<CorsState<Static, http::HeaderMap>>::new(Static);
        let second = Shared::<CorsState<Static, http::HeaderMap>>::new(Static);
        let (Shared::Static(first), Shared::Static(second)) = (&first, &second) else {
            panic!("a zero-sized policy with 'static settings is held by reference");
        };
        assert!(core::ptr::eq(*first, *second), "prepared once per program");
        // A runtime policy (not zero-sized) is reference counted.
        assert!(matches!(State::new(Policy(SETTINGS)), Shared::Counted(_)));
    }

    const OBS_TEXT: Settings<'static> = Settings {
        expose_headers: Some("x-caf\u{e9}"),
        ..Settings::DEFAULT
    };

    static_policy!(
        /// A hand-written policy with `'static` settings holding bytes from 0x80 up: a
        /// valid header value that `from_static` would panic on, so it is built shared.
        StaticObsText,
        OBS_TEXT
    );

    #[test]
    fn a_static_value_beyond_visible_ascii_is_built_shared_not_panicked_on() {
        let state = Shared::<CorsState<StaticObsText, http::HeaderMap>>::try_new(StaticObsText)
            .expect("a valid header value");
        let origin = request(&[("origin", "https://app.test")]);
        let Outcome::Forward(mut pending) = begin(&state, b"GET", None, &origin) else {
            panic!("an actual request is forwarded");
        };
        let mut response = http::HeaderMap::new();
        pending.complete(&mut response);
        assert_eq!(
            response
                .get("access-control-expose-headers")
                .map(HeaderValue::as_bytes),
            Some("x-caf\u{e9}".as_bytes())
        );
    }

    #[test]
    fn an_answer_is_written_into_the_requests_own_map() {
        let state = Shared::<CorsState<Static, http::HeaderMap>>::new(Static);
        let mut map = request(&[
            ("origin", "https://app.test"),
            ("access-control-request-method", "PUT"),
            ("user-agent", "test"),
        ]);
        let capacity = map.capacity();
        let Outcome::Answer(answer) = begin(&state, b"OPTIONS", None, &map) else {
            panic!("a preflight is answered");
        };
        assert_eq!(answer.status, 403, "PUT is not allowed");
        answer.write_into_request_map(&state.prepared, &mut map);
        assert_eq!(map.capacity(), capacity);
        let names: Vec<_> = map.keys().map(|name| name.as_str()).collect();
        assert_eq!(names, ["vary"], "the request's headers are gone");
    }

    /// A hand-written policy whose `static_settings` say credentials and whose
    /// `settings` do not: the engine would decide by one and the headers say the other.
    struct StaticSettingsDiffer;

    impl CorsPolicy for StaticSettingsDiffer {
        fn allows_origin(&self, origin: &[u8]) -> bool {
            origin == b"https://app.test"
        }
        fn allows_method(&self, _: &[u8]) -> bool {
            false
        }
        fn allows_request_header(&self, _: &[u8]) -> bool {
            false
        }
        fn settings(&self) -> Settings<'_> {
            SETTINGS
        }
        fn static_settings(&self) -> Option<Settings<'static>> {
            Some(Settings {
                credentials: !SETTINGS.credentials,
                ..SETTINGS
            })
        }
    }

    #[test]
    fn static_settings_that_differ_from_the_settings_are_refused_when_the_layer_is_built() {
        let refused = |error: InvalidPolicy| {
            assert_eq!(error, InvalidPolicy::StaticSettings);
            assert_eq!(
                error.to_string(),
                "the policy's static_settings differ from its settings (they must be the same)"
            );
        };
        refused(
            Shared::<CorsState<StaticSettingsDiffer, http::HeaderMap>>::try_new(
                StaticSettingsDiffer,
            )
            .err()
            .expect("refused"),
        );
        // Behind a box (not zero-sized) too.
        let boxed: Box<dyn CorsPolicy> = Box::new(StaticSettingsDiffer);
        refused(
            Shared::<CorsState<Box<dyn CorsPolicy>, http::HeaderMap>>::try_new(boxed)
                .err()
                .expect("refused"),
        );
        // Settings that agree are accepted (`Static`, above, is built the same way).
        assert!(Shared::<CorsState<Static, http::HeaderMap>>::try_new(Static).is_ok());
    }

    /// A non-zero-sized policy with `'static` settings (a `cors!` policy behind
    /// `Box<dyn CorsPolicy>`): response futures hold the interned prepared headers, a
    /// pointer, never a reference count on the layer's state.
    #[test]
    fn type_erased_static_policies_hand_out_static_prepared_headers() {
        let boxed: Box<dyn CorsPolicy> = Box::new(Static);
        let state = Shared::<CorsState<Box<dyn CorsPolicy>, http::HeaderMap>>::new(boxed);
        assert!(matches!(state, Shared::Counted(_)));
        assert!(matches!(state.prepared_ref(), Shared::Static(_)));
        // Settings known only at run time keep the reference count.
        let runtime: Box<dyn CorsPolicy> = Box::new(Policy(SETTINGS));
        let state = Shared::<CorsState<Box<dyn CorsPolicy>, http::HeaderMap>>::new(runtime);
        assert!(matches!(state.prepared_ref(), Shared::Counted(_)));
    }
}
