//! Policies from configuration files (feature `serde`): TOML and JSON read into the same
//! input as the macro's, with its key rules (K1–K3) and then every other rule.
#![cfg(feature = "serde")]

use cors_runtime::{CorsPolicy, Location, OriginList, Policy, PolicyBuilder, Rule, WithOrigins};

const TOML_POLICY: &str = r#"
origin = ["https://app.example.com", "https://*.example.org"]
methods = ["PUT", "DELETE"]
allow_headers = ["content-type", "authorization"]
expose_headers = ["x-total-count"]
credentials = true
max_age = 600
"#;

fn built() -> Policy {
    Policy::builder()
        .origins(["https://app.example.com", "https://*.example.org"])
        .methods(["PUT", "DELETE"])
        .allow_headers(["content-type", "authorization"])
        .expose_headers(["x-total-count"])
        .credentials(true)
        .max_age(600)
        .build()
        .unwrap()
}

#[test]
fn toml_json_and_the_builder_make_the_same_policy() {
    let from_toml: Policy = toml::from_str(TOML_POLICY).unwrap();
    let from_json: Policy = serde_json::from_str(
        r#"{
            "origin": ["https://app.example.com", "https://*.example.org"],
            "methods": ["PUT", "DELETE"],
            "allow_headers": ["content-type", "authorization"],
            "expose_headers": ["x-total-count"],
            "credentials": true,
            "max_age": 600
        }"#,
    )
    .unwrap();
    assert_eq!(from_toml, built());
    assert_eq!(from_json, built());
}

#[test]
fn a_policy_nested_in_an_application_config_table() {
    let config: toml::Table = toml::from_str(
        r#"
        [server]
        port = 8080

        [cors]
        origin = "https://app.example.com"
        methods = "*"
        "#,
    )
    .unwrap();
    let cors = config["cors"].clone();
    let policy: Policy = cors.try_into().unwrap();
    assert!(policy.allows_origin(b"https://app.example.com"));
    assert_eq!(policy.settings().allow_methods, Some("*"));
}

#[test]
fn origin_takes_a_string_a_list_or_a_star() {
    for (json, any) in [
        (r#"{"origin": "https://a.example"}"#, false),
        (r#"{"origin": ["https://a.example"]}"#, false),
        (r#"{"origin": "*"}"#, true),
        (r#"{"origin": ["*"]}"#, true),
    ] {
        let policy: Policy = serde_json::from_str(json).unwrap();
        assert_eq!(policy.settings().any_origin, any, "{json}");
    }
}

#[test]
fn the_error_text_is_the_whole_policy_error_with_places() {
    let error = toml::from_str::<Policy>(
        r#"
        origin = ["https://app.example.com/", "https://b.example"]
        credentials = "true"
        max_age = 100000
        "#,
    )
    .unwrap_err();
    let text = error.to_string();
    for expected in [
        "invalid CORS policy (3 errors)",
        "credentials: `credentials` expects `true` or `false`, found the string \"true\" [K3]\n  \
         = help: remove the quotes: `credentials = true`",
        "origin[0]: origin `https://app.example.com/` ends with a slash; an origin has no path, \
         and browsers never send one [O4]\n  = help: write `https://app.example.com`",
        "max_age: `max_age: 100000` is above 86400 seconds",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
}

#[test]
fn key_rules_have_the_macro_messages_and_places() {
    let error = serde_json::from_str::<PolicyBuilder>(
        r#"{
            "origin": "https://a.example",
            "allowedOrigins": ["https://b.example"],
            "credentials": true,
            "credentials": false,
            "methods": ["PUT", 7],
            "preflight_continue": null
        }"#,
    )
    .unwrap()
    .build()
    .unwrap_err();
    let found: Vec<(Rule, String, String)> = error
        .violations()
        .iter()
        .map(|v| (v.rule(), v.at.to_string(), v.problem.to_string()))
        .collect();
    assert_eq!(
        found,
        [
            (
                Rule::K1,
                "allowedOrigins".to_owned(),
                // `origin` is given: suggesting it would be K2.
                "unknown key `allowedOrigins` [K1]\n= help: `origin` is given already; the keys are: origin, methods, allow_headers, expose_headers, credentials, max_age, private_network, preflight_status, preflight_continue, dangerously_allow_null_origin, dangerously_allow_insecure_origins, cross_origin_protection".to_owned()
            ),
            (
                Rule::K2,
                "credentials".to_owned(),
                "`credentials` is given twice [K2]\n= help: keep one of them".to_owned()
            ),
            (
                Rule::K3,
                "methods[1]".to_owned(),
                "`methods` expects a list of methods (`[GET, PUT, \"PROPFIND\"]`) or `*`, found a number [K3]"
                    .to_owned()
            ),
            (
                Rule::K3,
                "preflight_continue".to_owned(),
                "`preflight_continue` expects `true` or `false`, found `null` [K3]".to_owned()
            ),
        ]
    );
}

/// The entries of a mistyped list key are placed under that key, escaped and cut as it
/// is: a newline in it cannot forge a line of the report (found by review).
#[test]
fn the_entries_of_a_mistyped_key_are_placed_under_its_escaped_name() {
    let json = format!(
        r#"{{"origi\n{}": ["https://a.example/"]}}"#,
        "-".repeat(300)
    );
    let text = serde_json::from_str::<PolicyBuilder>(&json)
        .unwrap()
        .build()
        .unwrap_err()
        .to_string();
    assert!(!text.contains("origi\n-"), "{text:?}");
    for line in text.lines().skip(1) {
        assert!(
            line.starts_with("  = ") || line.starts_with("origi\\n"),
            "forged line {line:?} in\n{text}"
        );
    }
    assert!(text.len() < 1500, "{} bytes: {text}", text.len());
}

/// K1: an unknown key is the file's text. A JSON key with a newline cannot forge a line
/// of the report (it is escaped, in the place and in the message), and a long one is cut.
#[test]
fn an_unknown_key_is_escaped_and_cut_in_the_report() {
    let json = r#"{"origin": "https://a.example", "x\norigin[0]: forged [O4]": 1}"#;
    let error = serde_json::from_str::<PolicyBuilder>(json)
        .unwrap()
        .build()
        .unwrap_err();
    let text = error.to_string();
    assert_eq!(
        text,
        "invalid CORS policy (1 error)\n\
         x\\norigin[0]: forged [O4]: unknown key `x\\norigin[0]: forged [O4]` [K1]\n  \
         = help: the keys are: origin, methods, allow_headers, expose_headers, credentials, \
         max_age, private_network, preflight_status, preflight_continue, \
         dangerously_allow_null_origin, dangerously_allow_insecure_origins, cross_origin_protection"
    );
    assert_eq!(text.lines().count(), 3, "{text}");
    let json = format!(
        r#"{{"origin": "https://a.example", "{}\u202e": 1}}"#,
        "k".repeat(200)
    );
    let text = serde_json::from_str::<PolicyBuilder>(&json)
        .unwrap()
        .build()
        .unwrap_err()
        .to_string();
    let cut = format!("{}…", "k".repeat(64));
    assert!(
        text.contains(&format!("\n{cut}: unknown key `{cut}`")),
        "{text}"
    );
    assert!(!text.contains('\u{202e}'), "{text}");
    // A backtick cannot close the message's quote.
    let json = r#"{"origin": "https://a.example", "a` is fine; `b": 1}"#;
    let error = serde_json::from_str::<PolicyBuilder>(json)
        .unwrap()
        .build()
        .unwrap_err();
    assert_eq!(
        error.violations()[0].problem.message,
        r"unknown key `a\u{60} is fine; \u{60}b`"
    );
}

/// K1: JSON configurations are often camelCase; another library's key gets the same
/// "did you mean" in camelCase as in snake_case, and a misnamed `origin` is not also
/// reported missing (O1). Each is given a value right for the key meant (the value is
/// checked as that key), and the key meant is not given (it would not be suggested).
#[test]
fn camel_case_foreign_keys_get_the_same_suggestion() {
    let help = |name: &str| {
        let json = if name.to_ascii_lowercase().contains("origins") {
            format!(r#"{{"{name}": "https://a.example"}}"#)
        } else if name.to_ascii_lowercase().contains("methods") {
            format!(r#"{{"origin": "https://a.example", "{name}": ["PUT"]}}"#)
        } else if name.to_ascii_lowercase().contains("age") {
            format!(r#"{{"origin": "https://a.example", "{name}": 600}}"#)
        } else {
            format!(r#"{{"origin": "https://a.example", "{name}": true}}"#)
        };
        let builder: PolicyBuilder = serde_json::from_str(&json).unwrap();
        let error = builder.build().unwrap_err();
        assert_eq!(error.violations().len(), 1, "{error}");
        error.violations()[0].problem.help.clone()
    };
    for (snake, camel, key) in [
        ("allow_credentials", "allowCredentials", "credentials"),
        ("supports_credentials", "supportsCredentials", "credentials"),
        ("allow_origins", "allowOrigins", "origin"),
        ("allow_methods", "allowMethods", "methods"),
        (
            "allow_private_network",
            "allowPrivateNetwork",
            "private_network",
        ),
        (
            "allow_null_origin",
            "allowNullOrigin",
            "dangerously_allow_null_origin",
        ),
        ("max_age_seconds", "MaxAgeSeconds", "max_age"),
    ] {
        let expected = Some(format!("did you mean `{key}`?"));
        assert_eq!(help(snake), expected, "{snake}");
        assert_eq!(help(camel), expected, "{camel}");
    }
    let error = serde_json::from_str::<PolicyBuilder>(r#"{"allowOrigins": ["https://a.example"]}"#)
        .unwrap()
        .build()
        .unwrap_err();
    let rules: Vec<Rule> = error.violations().iter().map(|v| v.rule()).collect();
    assert_eq!(rules, [Rule::K1], "{error}");
}

#[test]
fn an_unreadable_origin_is_not_also_missing() {
    let error =
        serde_json::from_str::<PolicyBuilder>(r#"{"origin": {"url": "https://a.example"}}"#)
            .unwrap()
            .build()
            .unwrap_err();
    assert_eq!(error.violations().len(), 1, "{error}");
    assert_eq!(error.violations()[0].rule(), Rule::K3);
    assert!(error.to_string().contains("found a map"), "{error}");
}

/// A float written as one (`1e19`, within `u64`, where no integer literal is read as a
/// float) is of the wrong kind, as in `cors!`; a TOML time is said as written, not as
/// a map (both found by review).
#[test]
fn a_float_or_a_time_is_of_the_wrong_kind_said_as_written() {
    let error = serde_json::from_str::<Policy>(r#"{"origin": "*", "max_age": 1e19}"#).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("found the floating-point number `1e19` [K3]"),
        "{error}"
    );
    let error = toml::from_str::<Policy>("origin = \"*\"\nmax_age = 1e19\n").unwrap_err();
    assert!(error.to_string().contains("[K3]"), "{error}");
    let error = toml::from_str::<Policy>("origin = \"*\"\nmax_age = 00:10:00\n").unwrap_err();
    assert!(
        error
            .to_string()
            .contains("found the date or time `00:10:00` [K3]"),
        "{error}"
    );
}

#[test]
fn numbers_beyond_i64_are_too_large_not_of_the_wrong_kind() {
    for json in [
        r#"{"origin": "*", "max_age": 18446744073709551615}"#,
        r#"{"origin": "*", "max_age": 99999999999999999999999}"#,
    ] {
        let error = serde_json::from_str::<Policy>(json).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("`max_age: 9223372036854775807` is above"),
            "{error}"
        );
    }
}

#[test]
fn a_deserialized_builder_can_be_completed_in_code() {
    let builder: PolicyBuilder = toml::from_str(r#"methods = ["PUT"]"#).unwrap();
    let policy = builder.origin("https://a.example").build().unwrap();
    assert!(policy.allows_method(b"PUT"));
    assert!(policy.allows_origin(b"https://a.example"));
}

/// Entries added in code come after the file's: a one-string `origin` (reported at
/// `origin`) is the list's first entry, so the next one is `origin[1]`, not `origin[0]`.
#[test]
fn code_entries_after_a_files_string_are_numbered_after_it() {
    for file in [
        r#"origin = "https://a.example""#,
        r#"origin = ["https://a.example"]"#,
    ] {
        let builder: PolicyBuilder = toml::from_str(file).unwrap();
        let error = builder.origin("https://b.example/").build().unwrap_err();
        assert_eq!(error.violations()[0].rule(), Rule::O4, "{file}");
        assert_eq!(
            error.violations()[0].at,
            Location::entry("origin", 1),
            "{file}"
        );
    }
    let builder: PolicyBuilder = toml::from_str(r#"origin = "*""#).unwrap();
    let error = builder.origin("https://b.example").build().unwrap_err();
    assert_eq!(error.violations()[0].rule(), Rule::O2);
    assert_eq!(
        error.violations()[0].at,
        Location::key(cors_runtime::engine::Key::Origin)
    );
}

#[test]
fn origin_lists_deserialize_for_with_origins() {
    let policy = cors_runtime::cors! { origin: "http://localhost:3000", credentials: true };
    let origins: OriginList =
        serde_json::from_str(r#"["https://a.example", "http://b.example"]"#).unwrap();
    let error = WithOrigins::new(policy, origins).unwrap_err();
    assert_eq!(error.violations()[0].rule(), Rule::O13);
    assert_eq!(error.violations()[0].at, Location::entry("origin", 1));
    let origins: OriginList = toml::from_str::<toml::Table>(r#"origins = "https://a.example""#)
        .unwrap()["origins"]
        .clone()
        .try_into()
        .unwrap();
    assert!(WithOrigins::new(policy, origins).is_ok());
}

/// A deserialized `OriginList` is a bare list: it has no key for an opt-in, so its fixes
/// name `OriginList`'s methods (O10, O13), never a `dangerously_… = true` key.
#[test]
fn origin_list_fixes_name_its_methods_not_keys_a_list_cannot_hold() {
    let origins: OriginList = serde_json::from_str(r#"["https://a.example", "null"]"#).unwrap();
    let error =
        WithOrigins::new(cors_runtime::cors! { origin: "https://a.example" }, origins).unwrap_err();
    assert_eq!(error.violations()[0].rule(), Rule::O10);
    assert_eq!(
        error.violations()[0].problem.help.as_deref(),
        Some("remove it, or add `.dangerously_allow_null_origin(true)` if you accept that")
    );
    let origins: OriginList = serde_json::from_str(r#"["http://a.example"]"#).unwrap();
    let policy = cors_runtime::cors! { origin: "https://a.example", credentials: true };
    let error = WithOrigins::new(policy, origins).unwrap_err();
    assert_eq!(error.violations()[0].rule(), Rule::O13);
    assert_eq!(
        error.violations()[0].problem.help.as_deref(),
        Some("write `https://a.example`, or add `.dangerously_allow_insecure_origins(true)`")
    );
}

/// A flag `WithOrigins` takes from the wrapped policy is placed there in its notes, in
/// the policy language's words: the origin list never said `.credentials(true)`.
#[test]
fn with_origins_notes_place_the_wrapped_policys_flags_there() {
    let policy = cors_runtime::cors! { origin: "https://app.example", credentials: true };
    let error = WithOrigins::new(policy, OriginList::new().any_origin()).unwrap_err();
    let related = error.violations()[0]
        .related
        .as_ref()
        .expect("O3 notes where credentials are set");
    assert_eq!(
        related.at,
        Location::Inherited(cors_runtime::engine::Key::Credentials)
    );
    assert!(
        error
            .to_string()
            .contains("= note: the wrapped policy's credentials: `credentials: true` is set here"),
        "{error}"
    );
    // Set on the builder itself, the note keeps the builder's words.
    let error = Policy::builder()
        .any_origin()
        .credentials(true)
        .build()
        .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("= note: credentials: `.credentials(true)` is set here")
    );
}

/// K1, as `cors!` reports it: a mistyped key before the key it resembles, which the
/// file gives later, is one error. Its value is not checked as that key, and the help
/// does not suggest a key the file gives (following it would be K2).
#[test]
fn a_typo_before_the_key_it_resembles_is_one_error_from_a_file_too() {
    let json = r#"{"orign": [true], "origin": ["https://a.example"]}"#;
    let builder: PolicyBuilder = serde_json::from_str(json).unwrap();
    let error = builder.build().unwrap_err();
    let rules: Vec<_> = error.violations().iter().map(|v| v.rule()).collect();
    assert_eq!(rules, [Rule::K1], "{error}");
    let help = error.violations()[0]
        .problem
        .help
        .clone()
        .unwrap_or_default();
    assert!(!help.contains("did you mean"), "{help}");
}
