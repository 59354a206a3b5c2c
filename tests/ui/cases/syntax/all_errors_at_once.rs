//! Every mistake of one invocation is reported together.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: ["https://app.example.com/", "HTTP://b.example.com", "null"],
        methods: [patch, TRACE],
        allow_headers: ["cookie", "access-control-allow-origin"],
        expose_headers: ["set-cookie"],
        max_age: 100000,
        preflight_status: 301,
    };
}
