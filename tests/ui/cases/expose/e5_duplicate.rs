//! E5: an exposed header listed twice.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        expose_headers: ["x-total-count", "X-Total-Count"],
    };
}
