//! Syntax: a `,` missing between two elements, or two entries, is said where it is
//! missing, and both sides are still read and checked.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: ["https://app.example.com" "https://admin.example.com"]
        methods: [PUT],
    };
}
