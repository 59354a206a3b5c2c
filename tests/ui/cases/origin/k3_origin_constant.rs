//! K3: an origin kept in a constant: `cors!` reads literals, written in place.
const APP_ORIGIN: &str = "https://app.example.com";

fn main() {
    let _ = APP_ORIGIN;
    let _policy = cors_runtime::cors! {
        origin: APP_ORIGIN,
    };
}
