//! K3: nothing between two commas is shown at the second comma, not on the whole call.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        methods: [PUT, , DELETE],
    };
}
