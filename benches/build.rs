//! Writes the origin-set policies of the `origin_sets` benchmark into `OUT_DIR`: for
//! N = 10, 100, 1000, a `cors!` policy of N exact origins and one subdomain pattern, and
//! the same N origins as a plain array for the other libraries.

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    for n in [10, 100, 1000] {
        let origins: Vec<String> = (0..n)
            .map(|i| format!("\"https://tenant{i}.example.com\""))
            .collect();
        let mut code = String::new();
        writeln!(
            code,
            "cors_runtime::cors! {{\n    pub struct Origins{n} {{\n        origin: [{}, \"https://*.example.org\"],\n        \
             methods: [GET, PUT, DELETE],\n        \
             allow_headers: [\"content-type\", \"x-api-key\", \"x-request-id\", \"x-b3-traceid\", \"x-tenant\"],\n        \
             expose_headers: [\"x-total-count\"],\n        credentials: true,\n        max_age: 600,\n    }}\n}}\n",
            origins.join(", ")
        )
        .expect("writing to a String");
        writeln!(
            code,
            "/// The exact origins of [`Origins{n}`].\npub const ORIGINS_{n}: [&str; {n}] = [{}];",
            origins.join(", ")
        )
        .expect("writing to a String");
        std::fs::write(out.join(format!("origins_{n}.rs")), code).expect("OUT_DIR is writable");
    }
    println!("cargo::rerun-if-changed=build.rs");
}
