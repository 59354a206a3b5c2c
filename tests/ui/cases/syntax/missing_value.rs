//! Syntax: a key without a value; the other entries are still checked.
fn main() {
    let _policy = cors_runtime::cors! {
        origin:,
        methods: [patch],
    };
}
