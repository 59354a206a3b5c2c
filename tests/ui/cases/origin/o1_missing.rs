//! O1: `origin` is required.
fn main() {
    let _policy = cors_runtime::cors! {
        methods: [PUT],
    };
}
