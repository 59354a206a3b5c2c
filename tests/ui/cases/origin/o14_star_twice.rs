//! O14: `*` listed twice is a duplicate, at the second `*` (not O2: no other origin).
fn main() {
    let _policy = cors_runtime::cors! {
        origin: ["*", "*"],
    };
}
