//! Origins from an environment variable. The variables are set on a child process (this
//! test binary, run again), since changing the environment of a running, multi-threaded
//! test process is unsound.

mod common;

use std::process::Command;

use common::assert_placed;
use cors_runtime::{CorsPolicy, Location, OriginList, Policy, Rule, WithOrigins, cors};

const CHILD: &str = "CORS_RUNTIME_ENV_TEST_CHILD";

#[test]
fn origins_from_env() {
    if std::env::var_os(CHILD).is_none() {
        let status = Command::new(std::env::current_exe().expect("the test binary"))
            .args(["origins_from_env", "--exact", "--nocapture"])
            .env(CHILD, "1")
            .env(
                "TEST_CORS_ORIGINS",
                " https://a.example, https://*.b.example ,,",
            )
            .env(
                "TEST_CORS_BAD",
                "https://a.example,https://A.example,https://c.example/",
            )
            .env("TEST_CORS_EMPTY", " , ")
            .env("TEST_CORS_STAR", "*")
            .env_remove("TEST_CORS_UNSET")
            .status()
            .expect("the child test runs");
        assert!(status.success(), "the child test failed");
        return;
    }

    // Entries are trimmed, empty ones skipped.
    let policy = Policy::builder()
        .origins_from_env("TEST_CORS_ORIGINS")
        .build()
        .unwrap();
    assert!(policy.allows_origin(b"https://a.example"));
    assert!(policy.allows_origin(b"https://x.b.example"));

    // Each problem names the variable and the entry.
    let error = Policy::builder()
        .origins_from_env("TEST_CORS_BAD")
        .build()
        .unwrap_err();
    assert_placed(
        &error,
        &[
            (Rule::O5, "$TEST_CORS_BAD[1]"),
            (Rule::O4, "$TEST_CORS_BAD[2]"),
        ],
    );
    assert!(
        error.to_string().contains(
            "$TEST_CORS_BAD[1]: origin `https://A.example` has an uppercase host; \
             browsers always send it in lowercase [O5]\n  = help: write `https://a.example`"
        ),
        "{error}"
    );

    // Set but empty, or unset: an empty `origin`, placed at the variable, whose help says
    // what to set it to (README: a fix that lists origins is worded `CORS_ORIGINS=…`).
    for var in ["TEST_CORS_EMPTY", "TEST_CORS_UNSET"] {
        let error = Policy::builder().origins_from_env(var).build().unwrap_err();
        assert_eq!(error.violations().len(), 1);
        assert_eq!(error.violations()[0].rule(), Rule::O1);
        assert_eq!(error.violations()[0].at, Location::Env(var.to_owned()));
        assert_eq!(
            error.violations()[0].problem.help,
            Some(format!(
                "list at least one origin, such as `{var}=https://app.example.com`"
            ))
        );
    }
    // From code, the same help in builder calls.
    let error = Policy::builder()
        .origins(Vec::<String>::new())
        .build()
        .unwrap_err();
    assert_eq!(
        error.violations()[0].problem.help.as_deref(),
        Some("list at least one origin, such as `.origin(\"https://app.example.com\")`")
    );

    // Beside origins from code, an unset variable adds nothing; entries count apart.
    let error = Policy::builder()
        .origin("https://code.example")
        .origins_from_env("TEST_CORS_UNSET")
        .origins_from_env("TEST_CORS_BAD")
        .origin("https://code.example/")
        .build()
        .unwrap_err();
    let places: Vec<String> = error
        .violations()
        .iter()
        .map(|v| v.at.to_string())
        .collect();
    assert_eq!(
        places,
        ["$TEST_CORS_BAD[1]", "$TEST_CORS_BAD[2]", "origin[1]"]
    );

    // The same for a macro policy's origins, against its credentials flag.
    let api = cors! { origin: "http://localhost:3000", credentials: true };
    assert!(WithOrigins::new(api, OriginList::from_env("TEST_CORS_ORIGINS")).is_ok());
    let error = WithOrigins::new(api, OriginList::from_env("TEST_CORS_STAR")).unwrap_err();
    assert_eq!(error.violations()[0].rule(), Rule::O3);
    assert_eq!(error.violations()[0].at.to_string(), "$TEST_CORS_STAR[0]");

    // A note is worded for its own place: the variable's `*` breaks O3, and the note
    // names the file's `credentials = true` in the file's words, not the builder's.
    #[cfg(feature = "serde")]
    {
        let file: cors_runtime::PolicyBuilder = toml::from_str("credentials = true").unwrap();
        let error = file.origins_from_env("TEST_CORS_STAR").build().unwrap_err();
        assert_eq!(error.violations()[0].at.to_string(), "$TEST_CORS_STAR[0]");
        assert!(
            error
                .to_string()
                .contains("= note: credentials: `credentials = true` is set here"),
            "{error}"
        );
    }
}
