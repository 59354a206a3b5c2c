//! M5: browsers send `patch` as written; routers expect `PATCH`.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        methods: [GET, patch],
    };
}
