//! C1: cross-origin protection with origin `*`: every origin is trusted.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: *,
        methods: [PUT],
        cross_origin_protection: true,
    };
}
