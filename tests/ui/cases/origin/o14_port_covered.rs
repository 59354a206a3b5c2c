//! O14: a port already covered by `:*`.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: ["http://localhost:*", "http://localhost:5173"],
    };
}
