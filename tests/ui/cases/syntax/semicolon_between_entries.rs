//! `;` in place of `,` is said at each `;`; the values around it are read as usual.
fn main() {
    let _ = cors_runtime::cors! {
        origin: "https://app.example.com";
        methods: [PUT];
    };
}
