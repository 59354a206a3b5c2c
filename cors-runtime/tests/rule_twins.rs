//! The shared verdict table: every compile-fail case of `cors!` (`tests/ui/cases/`, one
//! per rule variant, each with its `.stderr` snapshot) beside the same policy given at
//! run time. Each twin must break the same rules with the same words: the runtime's
//! messages (rule id and help included) are compared with the snapshot's `error:` lines,
//! so compile-time and runtime wording cannot drift apart.
//!
//! Each configuration runs through the serde path (JSON: `PolicyBuilder`, then `Policy`
//! whose error text must be the same `PolicyError`) and, when it uses no key-level
//! mistake (K1–K3 exist only in files), through `Policy::builder()` as well.
#![cfg(feature = "serde")]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use cors_policy_core::Spelling;
use cors_runtime::{Policy, PolicyBuilder, PolicyError, Rule};
use serde_json::Value;

use Twin::{Nearest, Same, Syntax};

/// The runtime twin of one compile-fail case.
enum Twin {
    /// The same policy, as JSON: the runtime reports exactly the snapshot's errors, in
    /// order, word for word.
    Same(&'static str),
    /// A configuration cannot write the macro's mistake; the nearest one breaks the same
    /// rule. Its whole message is given; the part before "found" must be the snapshot's.
    Nearest {
        config: &'static str,
        message: &'static str,
        why: &'static str,
    },
    /// A syntax error of the macro's language, not a rule: a configuration's own parser
    /// (serde_json, toml) reports its syntax errors.
    Syntax(&'static str),
}

/// Case (path under `tests/ui/cases/`, without `.rs`) → its runtime twin.
const TABLE: &[(&str, Twin)] = &[
    (
        "expose/e1_not_a_token",
        Same(r#"{"origin": "https://app.example.com", "expose_headers": ["x total"]}"#),
    ),
    (
        "expose/e2_set_cookie",
        Same(r#"{"origin": "https://app.example.com", "expose_headers": ["Set-Cookie"]}"#),
    ),
    (
        "expose/e3_star_with_credentials",
        Same(
            r#"{"origin": "https://app.example.com", "expose_headers": "*", "credentials": true}"#,
        ),
    ),
    (
        "expose/e4_origin",
        Same(r#"{"origin": "https://app.example.com", "expose_headers": ["origin"]}"#),
    ),
    (
        "expose/e4_request_method",
        Same(
            r#"{"origin": "https://app.example.com", "expose_headers": ["access-control-request-method"]}"#,
        ),
    ),
    (
        "expose/e5_duplicate",
        Same(
            r#"{"origin": "https://app.example.com", "expose_headers": ["x-total-count", "X-Total-Count"]}"#,
        ),
    ),
    (
        "expose/e5_star_mixed",
        Same(r#"{"origin": "https://app.example.com", "expose_headers": ["*", "x-total-count"]}"#),
    ),
    (
        "headers/h1_comma_in_name",
        Same(
            r#"{"origin": "https://app.example.com", "allow_headers": ["content-type, x-api-key"]}"#,
        ),
    ),
    (
        "headers/h1_not_a_token",
        Same(r#"{"origin": "https://app.example.com", "allow_headers": ["x api key"]}"#),
    ),
    (
        "headers/h2_cookie",
        Same(
            r#"{"origin": "https://app.example.com", "allow_headers": ["content-type", "cookie"]}"#,
        ),
    ),
    (
        "headers/h2_proxy_prefix",
        Same(r#"{"origin": "https://app.example.com", "allow_headers": ["Proxy-Authorization"]}"#),
    ),
    (
        "headers/h2_sec_prefix",
        Same(r#"{"origin": "https://app.example.com", "allow_headers": ["sec-fetch-mode"]}"#),
    ),
    (
        "headers/h3_response_header",
        Same(
            r#"{"origin": "https://app.example.com", "allow_headers": ["Access-Control-Allow-Origin"]}"#,
        ),
    ),
    (
        "headers/h4_star_with_credentials",
        Same(r#"{"origin": "https://app.example.com", "allow_headers": "*", "credentials": true}"#),
    ),
    (
        "headers/h5_duplicate_case_insensitive",
        Same(
            r#"{"origin": "https://app.example.com", "allow_headers": ["X-Api-Key", "x-api-key"]}"#,
        ),
    ),
    (
        "headers/h5_star_mixed",
        Same(r#"{"origin": "https://app.example.com", "allow_headers": ["*", "x-api-key"]}"#),
    ),
    (
        "headers/h5_duplicate_beside_star",
        Same(
            r#"{"origin": "https://app.example.com", "allow_headers": ["authorization", "*", "authorization"]}"#,
        ),
    ),
    (
        "headers/k3_header_constant",
        Nearest {
            config: r#"{"origin": "https://app.example.com", "allow_headers": [7]}"#,
            message: "`allow_headers` expects a list of header names (`[\"content-type\", ...]`) or `*`, found a number [K3]",
            why: "configuration formats have no constants; the nearest mistake is an entry that is not a string",
        },
    ),
    (
        "headers/k3_every_wrong_element",
        Nearest {
            config: r#"{"origin": "https://app.example.com", "allow_headers": [true, "cookie", false]}"#,
            message: "`allow_headers` expects a list of header names (`[\"content-type\", ...]`) or `*`, found `true` [K3]",
            why: "configuration formats have no bare identifiers; the nearest mistakes are entries that are not strings, each reported, with the string beside them still checked",
        },
    ),
    (
        "headers/k3_identifier_header",
        Nearest {
            config: r#"{"origin": "https://app.example.com", "allow_headers": [true]}"#,
            message: "`allow_headers` expects a list of header names (`[\"content-type\", ...]`) or `*`, found `true` [K3]",
            why: "configuration formats have no bare identifiers; the nearest mistake is an entry that is not a string",
        },
    ),
    (
        "headers/k3_unquoted_header",
        Nearest {
            config: r#"{"origin": "https://app.example.com", "allow_headers": [true, false], "expose_headers": true}"#,
            message: "`allow_headers` expects a list of header names (`[\"content-type\", ...]`) or `*`, found `true` [K3]",
            why: "configuration formats quote their strings themselves; the nearest mistake is an entry that is not a string",
        },
    ),
    (
        "keys/k1_foreign_name",
        Same(r#"{"origin": "https://app.example.com", "supports_credentials": true}"#),
    ),
    (
        "keys/k1_no_suggestion",
        Same(r#"{"origin": "https://app.example.com", "colour": true}"#),
    ),
    (
        "keys/k1_suggestion_already_given",
        Same(r#"{"origin": "https://app.example.com", "origins": ["https://admin.example.com"]}"#),
    ),
    (
        "keys/k1_typo",
        Same(r#"{"orign": "https://app.example.com"}"#),
    ),
    (
        "keys/k1_typo_value_checked",
        Same(r#"{"orign": "https://app.example.com/"}"#),
    ),
    (
        "keys/k1_unknown_key",
        Same(
            r#"{"origin": "https://app.example.com", "allowed_headers": ["content-type"], "max_age": 100000}"#,
        ),
    ),
    (
        "keys/k2_duplicate_key",
        Same(r#"{"origin": "https://app.example.com", "credentials": true, "credentials": false}"#),
    ),
    (
        "keys/k3_expression",
        Nearest {
            config: r#"{"origin": "https://app.example.com", "max_age": 1.5}"#,
            message: "`max_age` expects a number of seconds from 0 to 86400, found the floating-point number `1.5` [K3]",
            why: "configuration formats have no expressions; the nearest mistake is a number that is not an integer",
        },
    ),
    (
        "keys/k3_number_in_a_list",
        Same(r#"{"origin": ["https://app.example.com", 7]}"#),
    ),
    (
        "keys/k3_negative_number_in_a_list",
        Same(r#"{"origin": "https://app.example.com", "methods": [-1]}"#),
    ),
    (
        "keys/k3_macro_call",
        Nearest {
            config: r#"{"origin": {"env": "APP_ORIGIN"}, "allow_headers": [{"concat": ["x-", "api-key"]}]}"#,
            message: "`origin` expects an origin string, a list of them (`[\"https://a.example\", ...]`), or `*`, found a map [K3]",
            why: "configuration formats have no macros; the nearest mistake is a value of another kind where a string belongs",
        },
    ),
    (
        "keys/k3_list_in_a_list",
        Same(r#"{"origin": "https://app.example.com", "allow_headers": [["x-api-key"]]}"#),
    ),
    (
        "keys/k3_list_for_bool",
        Same(r#"{"origin": "https://app.example.com", "preflight_continue": [true]}"#),
    ),
    (
        "keys/k3_quoted_bool",
        Same(r#"{"origin": "https://app.example.com", "credentials": "true"}"#),
    ),
    (
        "max_age/a1_negative",
        Same(r#"{"origin": "https://app.example.com", "max_age": -1}"#),
    ),
    (
        "max_age/a1_negative_overflow",
        Same(r#"{"origin": "https://app.example.com", "max_age": -99999999999999999999999}"#),
    ),
    (
        "max_age/a1_overflow",
        Same(r#"{"origin": "https://app.example.com", "max_age": 99999999999999999999999}"#),
    ),
    (
        "max_age/a1_too_large",
        Same(r#"{"origin": "https://app.example.com", "max_age": 100000}"#),
    ),
    (
        "max_age/k3_float",
        Nearest {
            config: r#"{"origin": "https://app.example.com", "max_age": 600.0}"#,
            message: "`max_age` expects a number of seconds from 0 to 86400, found the floating-point number `600.0` [K3]",
            why: "a configuration's 600.0 is the same mistake; its help is the macro's own (a Rust literal's)",
        },
    ),
    (
        "max_age/k3_quoted_number",
        Same(r#"{"origin": "https://app.example.com", "max_age": "600"}"#),
    ),
    (
        "max_age/k3_suffix_milliseconds",
        Nearest {
            config: r#"{"origin": "https://app.example.com", "max_age": "600ms"}"#,
            message: "`max_age` expects a number of seconds from 0 to 86400, found the string \"600ms\" [K3]",
            why: "a configuration number has no suffix; the nearest mistake is a string with a unit, which gets the same help",
        },
    ),
    (
        "max_age/k3_suffix_minutes",
        Nearest {
            config: r#"{"origin": "https://app.example.com", "max_age": "10m"}"#,
            message: "`max_age` expects a number of seconds from 0 to 86400, found the string \"10m\" [K3]",
            why: "a configuration number has no suffix; the nearest mistake is a string with a unit, which gets the same help",
        },
    ),
    (
        "max_age/k3_suffix_type",
        Nearest {
            config: r#"{"origin": "https://app.example.com", "max_age": "600u8"}"#,
            message: "`max_age` expects a number of seconds from 0 to 86400, found the string \"600u8\" [K3]",
            why: "a configuration number has no suffix; the nearest mistake is a string with one, which gets the same help",
        },
    ),
    (
        "methods/k3_method_constant",
        Nearest {
            config: r#"{"origin": "https://app.example.com", "methods": [7, "DELETE"]}"#,
            message: "`methods` expects a list of methods (`[GET, PUT, \"PROPFIND\"]`) or `*`, found a number [K3]",
            why: "configuration formats have no constants; the nearest mistake is an entry that is not a string",
        },
    ),
    (
        "methods/k3_empty_element",
        Nearest {
            config: r#"{"origin": "https://app.example.com", "methods": ["PUT", null, "DELETE"]}"#,
            message: "`methods` expects a list of methods (`[GET, PUT, \"PROPFIND\"]`) or `*`, found `null` [K3]",
            why: "a configuration's list cannot leave an element out (`[\"PUT\", , \"DELETE\"]` does not parse); the nearest mistake is an element that is not a method",
        },
    ),
    (
        "methods/m1_not_a_token",
        Same(r#"{"origin": "https://app.example.com", "methods": ["GET POST"]}"#),
    ),
    (
        "methods/m2_connect_any_case",
        Same(r#"{"origin": "https://app.example.com", "methods": ["connect"]}"#),
    ),
    (
        "methods/m2_trace",
        Same(r#"{"origin": "https://app.example.com", "methods": ["PUT", "TRACE"]}"#),
    ),
    (
        "methods/m3_star_with_credentials",
        Same(r#"{"origin": "https://app.example.com", "methods": "*", "credentials": true}"#),
    ),
    (
        "methods/m4_duplicate",
        Same(r#"{"origin": "https://app.example.com", "methods": ["PUT", "PUT"]}"#),
    ),
    (
        "methods/m4_duplicate_after_normalization",
        Same(r#"{"origin": "https://app.example.com", "methods": ["DELETE", "delete"]}"#),
    ),
    (
        "methods/m4_star_mixed",
        Same(r#"{"origin": "https://app.example.com", "methods": ["*", "PUT"]}"#),
    ),
    (
        "methods/m5_mixed_case_string",
        Same(r#"{"origin": "https://app.example.com", "methods": ["Propfind"]}"#),
    ),
    (
        "methods/m5_patch_lowercase",
        Same(r#"{"origin": "https://app.example.com", "methods": ["GET", "patch"]}"#),
    ),
    (
        "origin/k3_byte_string",
        Nearest {
            config: r#"{"origin": true}"#,
            message: "`origin` expects an origin string, a list of them (`[\"https://a.example\", ...]`), or `*`, found `true` [K3]",
            why: "a configuration has no byte strings; the nearest mistake is a value of another kind",
        },
    ),
    (
        "origin/k3_origin_constant",
        Nearest {
            config: r#"{"origin": true}"#,
            message: "`origin` expects an origin string, a list of them (`[\"https://a.example\", ...]`), or `*`, found `true` [K3]",
            why: "configuration formats have no constants; the nearest mistake is a value of another kind",
        },
    ),
    ("origin/k3_origin_number", Same(r#"{"origin": 42}"#)),
    (
        "origin/k3_suffixed_string",
        Nearest {
            config: r#"{"origin": true}"#,
            message: "`origin` expects an origin string, a list of them (`[\"https://a.example\", ...]`), or `*`, found `true` [K3]",
            why: "configuration strings have no suffix; the nearest mistake is a value that is not a string",
        },
    ),
    (
        "origin/o10_null",
        Same(r#"{"origin": ["https://app.example.com", "null"]}"#),
    ),
    (
        "origin/o11_file",
        Same(r#"{"origin": "file:///home/me/app.html"}"#),
    ),
    (
        "origin/o12_wildcard_inside_label",
        Same(r#"{"origin": "https://*example.com"}"#),
    ),
    (
        "origin/o12_wildcard_ip",
        Same(r#"{"origin": "http://*.127.0.0.1"}"#),
    ),
    (
        "origin/o12_wildcard_middle_label",
        Same(r#"{"origin": "https://api.*.example.com"}"#),
    ),
    (
        "origin/o12_wildcard_public_suffix",
        Same(r#"{"origin": "https://*.co.uk"}"#),
    ),
    (
        "origin/o12_wildcard_tld",
        Same(r#"{"origin": "https://*.com"}"#),
    ),
    (
        "origin/o13_http_with_credentials",
        Same(
            r#"{"origin": ["http://app.example.com", "http://localhost:3000"], "credentials": true}"#,
        ),
    ),
    (
        "origin/o14_covered_by_pattern",
        Same(r#"{"origin": ["https://api.example.com", "https://*.example.com"]}"#),
    ),
    (
        "origin/o14_duplicate",
        Same(r#"{"origin": ["https://app.example.com", "https://app.example.com"]}"#),
    ),
    ("origin/o14_star_twice", Same(r#"{"origin": ["*", "*"]}"#)),
    (
        "origin/o14_port_covered",
        Same(r#"{"origin": ["http://localhost:*", "http://localhost:5173"]}"#),
    ),
    ("origin/o1_empty_list", Same(r#"{"origin": []}"#)),
    ("origin/o1_missing", Same(r#"{"methods": ["PUT"]}"#)),
    (
        "origin/o2_star_mixed",
        Same(r#"{"origin": ["https://app.example.com", "*"]}"#),
    ),
    (
        "origin/o3_star_with_credentials",
        Same(r#"{"origin": "*", "credentials": true}"#),
    ),
    ("origin/o4_empty_host", Same(r#"{"origin": "https://"}"#)),
    (
        "origin/o4_empty_label",
        Same(r#"{"origin": "https://app..example.com"}"#),
    ),
    (
        "origin/o4_fragment",
        Same(r#"{"origin": "https://app.example.com#top"}"#),
    ),
    (
        "origin/o4_invalid_punycode",
        Same(r#"{"origin": "https://xn--0.example"}"#),
    ),
    (
        "origin/o4_no_scheme",
        Same(r#"{"origin": "app.example.com"}"#),
    ),
    (
        "origin/o4_path",
        Same(r#"{"origin": "https://app.example.com/api/v1"}"#),
    ),
    (
        "origin/o4_query",
        Same(r#"{"origin": "https://app.example.com?tenant=1"}"#),
    ),
    (
        "origin/o4_trailing_slash",
        Same(r#"{"origin": ["https://app.example.com/"]}"#),
    ),
    (
        "origin/o4_userinfo",
        Same(r#"{"origin": "https://admin@app.example.com"}"#),
    ),
    (
        "origin/o4_whitespace",
        Same(r#"{"origin": "https://app.example.com "}"#),
    ),
    (
        "origin/o5_uppercase_host",
        Same(r#"{"origin": "https://App.Example.com"}"#),
    ),
    (
        "origin/o5_uppercase_scheme",
        Same(r#"{"origin": "HTTPS://app.example.com"}"#),
    ),
    (
        "origin/o6_default_port_http",
        Same(r#"{"origin": "http://localhost:80"}"#),
    ),
    (
        "origin/o6_default_port_https",
        Same(r#"{"origin": "https://app.example.com:443"}"#),
    ),
    (
        "origin/o7_empty_port",
        Same(r#"{"origin": "http://localhost:"}"#),
    ),
    (
        "origin/o7_leading_zero",
        Same(r#"{"origin": "http://localhost:08080"}"#),
    ),
    (
        "origin/o7_port_all_zeros",
        Same(r#"{"origin": "http://localhost:00"}"#),
    ),
    (
        "origin/o7_port_too_large",
        Same(r#"{"origin": "http://localhost:70000"}"#),
    ),
    (
        "origin/o7_port_zero",
        Same(r#"{"origin": "http://localhost:0"}"#),
    ),
    (
        "origin/o8_full_width_host",
        Same(r#"{"origin": "https://ｅｘａｍｐｌｅ.com"}"#),
    ),
    (
        "origin/o8_non_ascii_host",
        Same(r#"{"origin": "https://bücher.example"}"#),
    ),
    (
        "origin/o9_ipv4_overflow",
        Same(r#"{"origin": "http://0x7f12725611256"}"#),
    ),
    (
        "origin/o9_ipv4_shorthand",
        Same(r#"{"origin": "http://127.1:8080"}"#),
    ),
    (
        "origin/o9_ipv6_unbracketed",
        Same(r#"{"origin": "http://::1"}"#),
    ),
    (
        "origin/o9_ipv6_uncompressed",
        Same(r#"{"origin": "http://[0:0:0:0:0:0:0:1]:8080"}"#),
    ),
    (
        "origin/o9_ipv6_zone",
        Same(r#"{"origin": "http://[fe80::1%eth0]:8080"}"#),
    ),
    (
        "cross_origin_protection/c1_with_star",
        Same(r#"{"origin": "*", "methods": ["PUT"], "cross_origin_protection": true}"#),
    ),
    (
        "cross_origin_protection/c2_with_null",
        Same(
            r#"{"origin": ["https://app.example.com", "null"], "dangerously_allow_null_origin": true, "cross_origin_protection": true}"#,
        ),
    ),
    (
        "cross_origin_protection/k3_quoted_flag",
        Same(r#"{"origin": "https://app.example.com", "cross_origin_protection": "true"}"#),
    ),
    (
        "private_network/p1_with_star",
        Same(r#"{"origin": "*", "private_network": true}"#),
    ),
    (
        "status/k3_suffix",
        Nearest {
            config: r#"{"origin": "https://app.example.com", "preflight_status": "200u16"}"#,
            message: "`preflight_status` expects a status code from 200 to 299, found the string \"200u16\" [K3]",
            why: "a configuration number has no suffix; the nearest mistake is a string with one, which gets the same help",
        },
    ),
    (
        "status/s1_not_2xx",
        Same(r#"{"origin": "https://app.example.com", "preflight_status": 400}"#),
    ),
    (
        "status/s1_redirect",
        Same(r#"{"origin": "https://app.example.com", "preflight_status": 301}"#),
    ),
    (
        "syntax/all_errors_at_once",
        Same(
            r#"{"origin": ["https://app.example.com/", "HTTP://b.example.com", "null"], "methods": ["patch", "TRACE"], "allow_headers": ["cookie", "access-control-allow-origin"], "expose_headers": ["set-cookie"], "max_age": 100000, "preflight_status": 301}"#,
        ),
    ),
    (
        "syntax/attribute_on_key",
        Syntax("a configuration has no attributes; its comments are the format's own"),
    ),
    (
        "syntax/derive_given_trait",
        Syntax("a configuration declares no Rust type, so it has no `derive` to conflict with"),
    ),
    (
        "syntax/derive_given_trait_in_cfg_attr",
        Syntax("a configuration declares no Rust type, so it has no `derive` to conflict with"),
    ),
    (
        "syntax/errors_beside_a_local_compile_error",
        Same(r#"{"origin": "https://app.example.com/"}"#),
    ),
    (
        "syntax/fallback_expression_no_cascade",
        Same(r#"{"origin": "https://app.example.com/"}"#),
    ),
    (
        "syntax/fallback_item_no_cascade",
        Same(r#"{"origin": "https://app.example.com", "methods": ["patch"]}"#),
    ),
    (
        "syntax/item_keyword_typo",
        Syntax("a configuration declares no Rust type, so it has no `struct` keyword to mistype"),
    ),
    (
        "syntax/two_policies_in_if_else",
        Syntax("a configuration is one policy; two configurations are two values of one type"),
    ),
    (
        "syntax/missing_colon",
        Syntax("`origin \"…\"` without `:` is a parse error of the format (`expected ':'`)"),
    ),
    (
        "syntax/quoted_key",
        Syntax("a configuration's keys are strings: quoting them is its syntax, not a mistake"),
    ),
    (
        "syntax/missing_comma",
        Syntax("a missing `,` is a parse error of the format, not a policy"),
    ),
    (
        "syntax/missing_value",
        Syntax("a key without a value is a parse error of the format, not a policy"),
    ),
    (
        "syntax/item_trailing_semicolon",
        Syntax("a configuration declares no Rust type, so it has no item to end"),
    ),
    (
        "syntax/item_generics",
        Syntax("a configuration declares no Rust type, so it has no generics"),
    ),
    (
        "syntax/item_without_body",
        Syntax("a configuration declares no Rust type, so it has no item body"),
    ),
    (
        "syntax/semicolon_between_entries",
        Syntax("a separator is the format's own syntax (a parse error of JSON or TOML)"),
    ),
    (
        "syntax/double_comma",
        Syntax("a separator is the format's own syntax (a parse error of JSON or TOML)"),
    ),
];

/// One error: its message with the rule id (`… [O4]`), and its help line.
type Error = (String, Option<String>);

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/ui/cases")
}

/// The `error:` lines of a case's snapshot, each with the `= help:` line below it.
fn snapshot(case: &str) -> Vec<Error> {
    let path = cases_dir().join(format!("{case}.stderr"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    let mut lines = text.lines().peekable();
    let mut errors = Vec::new();
    while let Some(line) = lines.next() {
        let Some(message) = line.strip_prefix("error: ") else {
            continue;
        };
        let help = lines
            .peek()
            .and_then(|next| next.trim_start().strip_prefix("= help: "))
            .map(str::to_owned);
        errors.push((message.to_owned(), help));
    }
    errors
}

/// The rule a message names (`… [O4]`), if any.
fn rule_of(message: &str) -> Option<Rule> {
    let id = message.strip_suffix(']')?.rsplit_once(" [")?.1;
    Rule::ALL.iter().copied().find(|rule| rule.id() == id)
}

/// The runtime's errors as the macro shows them: each problem, then the second place of
/// a two-value mistake (the macro's second `error:`, at `credentials: true`).
fn errors_of(error: &PolicyError) -> Vec<Error> {
    error
        .violations()
        .iter()
        .flat_map(|violation| {
            let problem = &violation.problem;
            let main = (
                format!("{} [{}]", problem.message, problem.rule),
                problem.help.clone(),
            );
            let related = violation
                .related
                .as_ref()
                .map(|related| (related.message.clone(), None));
            std::iter::once(main).chain(related)
        })
        .collect()
}

/// The snapshot's errors as a source other than the macro words them: the same messages,
/// with every `key: value` of a help or second place spelled for that source.
fn worded(expected: &[Error], spelling: &Spelling) -> Vec<Error> {
    expected
        .iter()
        .map(|(message, help)| {
            let message = if message.starts_with("`credentials: true` is set here") {
                spelling.reword(message)
            } else {
                message.clone()
            };
            (message, help.as_deref().map(|help| spelling.reword(help)))
        })
        .collect()
}

/// The configuration written with `Policy::builder()`, when it can be: key-level mistakes
/// (unknown keys, duplicates, values of the wrong kind) only exist in files.
fn via_builder(config: &str) -> Option<PolicyBuilder> {
    let Value::Object(keys) = serde_json::from_str(config).expect("the table's JSON is valid")
    else {
        return None;
    };
    let strings = |value: &Value| -> Option<Vec<String>> {
        match value {
            Value::String(text) => Some(vec![text.clone()]),
            Value::Array(items) => items
                .iter()
                .map(|item| item.as_str().map(str::to_owned))
                .collect(),
            _ => None,
        }
    };
    // A whole number beyond `i64` is read as a float: saturated, its sign kept.
    let number = |value: &Value| {
        value.as_i64().or(value
            .as_f64()
            .map(|float| if float < 0.0 { i64::MIN } else { i64::MAX }))
    };
    // The builder's calls in the order the keys are written (errors follow that order;
    // serde_json's map is sorted).
    let mut keys: Vec<(&String, &Value)> = keys.iter().collect();
    keys.sort_by_key(|(key, _)| config.find(&format!("\"{key}\"")));
    let mut builder = Policy::builder();
    for (key, value) in keys {
        builder = match key.as_str() {
            "origin" => builder.origins(strings(value)?),
            "methods" => builder.methods(strings(value)?),
            "allow_headers" => builder.allow_headers(strings(value)?),
            "expose_headers" => builder.expose_headers(strings(value)?),
            "credentials" => builder.credentials(value.as_bool()?),
            "private_network" => builder.private_network(value.as_bool()?),
            "preflight_continue" => builder.preflight_continue(value.as_bool()?),
            "cross_origin_protection" => builder.cross_origin_protection(value.as_bool()?),
            "dangerously_allow_null_origin" => {
                builder.dangerously_allow_null_origin(value.as_bool()?)
            }
            "max_age" => builder.max_age(number(value)?),
            "preflight_status" => builder.preflight_status(number(value)?),
            _ => return None,
        };
    }
    Some(builder)
}

fn compare(label: &str, runtime: &[Error], expected: &[Error]) -> Option<String> {
    (runtime != expected)
        .then(|| format!("{label}:\n      runtime:  {runtime:?}\n      snapshot: {expected:?}"))
}

/// Checks one row; returns its problems, and whether the builder path ran.
fn check_row(case: &str, twin: &Twin) -> (Vec<String>, bool) {
    let expected = snapshot(case);
    let mut problems = Vec::new();
    let mut built = false;
    match twin {
        Same(config) => {
            let builder: PolicyBuilder = match serde_json::from_str(config) {
                Ok(builder) => builder,
                Err(error) => return (vec![format!("does not parse: {error}")], false),
            };
            let Err(error) = builder.build() else {
                return (vec!["the runtime accepts it".to_owned()], false);
            };
            let in_config = worded(&expected, &Spelling::Config);
            problems.extend(compare("serde", &errors_of(&error), &in_config));
            match serde_json::from_str::<Policy>(config) {
                Ok(_) => problems.push("`Policy` deserializes".to_owned()),
                Err(serde_error) if !serde_error.to_string().starts_with(&error.to_string()) => {
                    problems.push(format!(
                        "`Policy`'s error is not the PolicyError: {serde_error}"
                    ));
                }
                Err(_) => {}
            }
            let key_level = expected.iter().any(|(message, _)| {
                matches!(rule_of(message), Some(Rule::K1 | Rule::K2 | Rule::K3))
            });
            if !key_level {
                match via_builder(config).map(PolicyBuilder::build) {
                    Some(Err(error)) => {
                        built = true;
                        let in_builder = worded(&expected, &Spelling::Builder);
                        problems.extend(compare("builder", &errors_of(&error), &in_builder));
                    }
                    Some(Ok(_)) => problems.push("the builder accepts it".to_owned()),
                    None => problems.push("no builder twin for a rule-level case".to_owned()),
                }
            }
        }
        Nearest {
            config,
            message,
            why,
        } => {
            assert!(!why.is_empty());
            let error = serde_json::from_str::<PolicyBuilder>(config)
                .expect("the table's JSON is valid")
                .build()
                .expect_err("the nearest twin is refused");
            let runtime = errors_of(&error);
            let same_rule = runtime.len() == expected.len()
                && runtime
                    .iter()
                    .zip(&expected)
                    .all(|((mine, _), (theirs, _))| rule_of(mine) == rule_of(theirs));
            let before_found = |text: &str| text.split(", found ").next().map(str::to_owned);
            if !same_rule
                || runtime[0].0 != *message
                || before_found(message) != before_found(&expected[0].0)
            {
                problems.push(format!(
                    "nearest twin differs beyond `found`:\n      runtime:  {runtime:?}\n      \
                     expected: {message}\n      snapshot: {expected:?}"
                ));
            }
        }
        Syntax(why) => {
            assert!(!why.is_empty());
            // No `error:` line at all is rustc's own error (`error[E0308]`), not the macro's.
            if !expected.is_empty()
                && expected
                    .iter()
                    .all(|(message, _)| rule_of(message).is_some())
            {
                problems.push("every error of this case names a rule: it needs a twin".to_owned());
            }
        }
    }
    (problems, built)
}

#[test]
fn every_compile_time_rule_has_a_runtime_twin_with_the_same_verdict() {
    let mut failures = Vec::new();
    let mut builder_twins = 0;
    for (case, twin) in TABLE {
        let (problems, built) = check_row(case, twin);
        builder_twins += usize::from(built);
        if !problems.is_empty() {
            failures.push(format!("- {case}:\n    {}", problems.join("\n    ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} rows differ:\n{}",
        failures.len(),
        TABLE.len(),
        failures.join("\n")
    );
    println!(
        "{} cases: {} twins through serde, {builder_twins} also through the builder",
        TABLE.len(),
        TABLE
            .iter()
            .filter(|(_, twin)| !matches!(twin, Syntax(_)))
            .count()
    );
}

#[test]
fn every_rule_is_in_the_table() {
    let covered: BTreeSet<Rule> = TABLE
        .iter()
        .filter(|(_, twin)| !matches!(twin, Syntax(_)))
        .flat_map(|(case, _)| snapshot(case))
        .filter_map(|(message, _)| rule_of(&message))
        .collect();
    let missing: Vec<Rule> = Rule::ALL
        .iter()
        .copied()
        .filter(|rule| !covered.contains(rule))
        .collect();
    assert!(
        missing.is_empty(),
        "rules without a runtime twin: {missing:?}"
    );
    assert_eq!(covered.len(), Rule::ALL.len());
}

/// A new compile-fail case needs its twin here; a removed one, its row removed.
#[test]
fn every_compile_fail_case_is_in_the_table() {
    let mut on_disk = BTreeSet::new();
    for group in std::fs::read_dir(cases_dir()).expect("tests/ui/cases") {
        let group = group.expect("a directory entry").path();
        let Ok(files) = std::fs::read_dir(&group) else {
            continue;
        };
        for file in files {
            let path = file.expect("a directory entry").path();
            if path
                .extension()
                .is_some_and(|extension| extension == "stderr")
            {
                let relative = path.strip_prefix(cases_dir()).expect("under the cases");
                on_disk.insert(
                    relative
                        .with_extension("")
                        .to_string_lossy()
                        .replace('\\', "/"),
                );
            }
        }
    }
    let in_table: BTreeSet<String> = TABLE.iter().map(|(case, _)| (*case).to_owned()).collect();
    assert_eq!(TABLE.len(), in_table.len(), "a case is listed twice");
    let untwinned: Vec<_> = on_disk.difference(&in_table).collect();
    let stale: Vec<_> = in_table.difference(&on_disk).collect();
    assert!(
        untwinned.is_empty() && stale.is_empty(),
        "cases without a row: {untwinned:?}; rows without a case: {stale:?}"
    );
}

/// The README's rules table states each rule as `Rule::summary` does.
#[test]
fn the_readme_table_states_every_rule() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md"))
            .expect("README.md");
    let missing: Vec<String> = Rule::ALL
        .iter()
        .copied()
        .map(|rule| format!("| {} | {} |", rule.id(), rule.summary()))
        .filter(|row| !readme.contains(row.as_str()))
        .collect();
    assert!(missing.is_empty(), "README rows to fix: {missing:#?}");
}
