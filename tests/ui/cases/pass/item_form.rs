//! The item form declares a named, zero-sized, `Copy` policy type usable in fields and
//! signatures; attributes and visibility pass through.
use cors_runtime::CorsPolicy;

cors_runtime::cors! {
    /// The public API's policy.
    #[allow(dead_code)]
    pub(crate) struct ApiCors {
        origin: ["https://app.example.com"],
        methods: [PUT],
    }
}

struct State {
    cors: ApiCors,
}

fn assert_bounds<T: CorsPolicy + Copy + Send + Sync + Default + std::fmt::Debug + 'static>() {}

fn main() {
    assert_bounds::<ApiCors>();
    let state = State { cors: ApiCors };
    assert_eq!(std::mem::size_of::<State>(), 0);
    assert!(state.cors.allows_method(b"PUT"));
    assert_eq!(
        format!("{:?}", state.cors),
        r#"ApiCors { origin: ["https://app.example.com"], methods: [PUT] }"#
    );
}
