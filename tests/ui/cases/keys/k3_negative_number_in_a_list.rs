//! K3: a negative number in a list, underlined whole and worded as a number.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        methods: [-1],
    };
}
