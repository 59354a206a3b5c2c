//! The compile-time contract of `cors!`: every rule of cors-rules.md §A fails to compile
//! with its snapshot message (`cases/<group>/*.stderr`), and every valid shape compiles.
//!
//! Regenerate snapshots after an intended wording change with
//! `TRYBUILD=overwrite cargo test -p cors-ui-tests`, then read every changed `.stderr`.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.pass("cases/pass/*.rs");
    for group in [
        "origin",
        "methods",
        "headers",
        "expose",
        "max_age",
        "keys",
        "status",
        "private_network",
        "cross_origin_protection",
        "syntax",
    ] {
        cases.compile_fail(format!("cases/{group}/*.rs"));
    }
}
