//! K3: a tower-http habit, `Method::PUT` where `cors!` reads the method itself.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        methods: [Method::PUT, DELETE],
    };
}
