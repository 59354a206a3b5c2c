//! Every README quick start builds as a crate of its own, with exactly the
//! `[dependencies]` the README lists before it (so the list cannot rot), `cors-runtime`
//! taken from this workspace instead of crates.io.
//!
//! Each crate gets the workspace's `Cargo.lock` (the same versions as every other build,
//! so `--offline` works once the workspace has built) and one shared target directory
//! under `target/tmp`, so a second run only rechecks the quick starts themselves. When a
//! quick start needs a crate the workspace never downloaded (axum's default features
//! bring `serde_path_to_error`), the check is retried online.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::{env, fs};

/// A quick start: the README's `[dependencies]` block and the Rust block after it.
#[derive(Debug)]
struct QuickStart {
    name: String,
    dependencies: String,
    code: String,
}

/// The quick starts of the README's "Quick start" section: each ```toml block that
/// starts with `[dependencies]`, with the ```rust block that follows it.
fn quick_starts(readme: &str) -> Vec<QuickStart> {
    let section = readme
        .split("\n## ")
        .find(|section| section.starts_with("Quick start"))
        .expect("a Quick start section");
    let mut blocks = Vec::new();
    let mut rest = section;
    while let Some(start) = rest.find("\n```") {
        let after = &rest[start + 4..];
        let (info, body) = after.split_once('\n').expect("a fenced block");
        let end = body.find("\n```").expect("a closed block");
        blocks.push((info.trim().to_owned(), body[..end + 1].to_owned()));
        rest = &body[end + 4..];
    }
    let mut found = Vec::new();
    for pair in blocks.windows(2) {
        let [(toml_info, dependencies), (rust_info, code)] = pair else {
            continue;
        };
        if toml_info == "toml"
            && dependencies.starts_with("[dependencies]\n")
            && rust_info.starts_with("rust")
        {
            let features = dependencies
                .lines()
                .find(|line| line.starts_with("cors-runtime"))
                .and_then(|line| line.split('"').nth(3))
                .expect("a cors-runtime line with a feature");
            found.push(QuickStart {
                name: features.to_owned(),
                dependencies: dependencies.clone(),
                code: code.clone(),
            });
        }
    }
    found
}

/// The README's dependency lines, with `cors-runtime` from `workspace` (same features).
fn manifest(quick_start: &QuickStart, workspace: &Path) -> String {
    let runtime = workspace.join("cors-runtime");
    let dependencies: Vec<String> = quick_start
        .dependencies
        .lines()
        .map(|line| {
            if line.starts_with("cors-runtime") {
                line.replacen(
                    r#"version = "0.1""#,
                    &format!("path = {:?}", runtime.display().to_string()),
                    1,
                )
            } else {
                line.to_owned()
            }
        })
        .collect();
    format!(
        "[package]\nname = \"quick-start-{}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         # Not a member of the cors workspace.\n[workspace]\n\n{}\n",
        quick_start.name,
        dependencies.join("\n")
    )
}

#[test]
fn every_readme_quick_start_builds_with_its_own_dependencies() {
    let workspace = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace root")
        .to_owned();
    let readme = fs::read_to_string(workspace.join("README.md")).expect("the README");
    let quick_starts = quick_starts(&readme);
    let names: Vec<&str> = quick_starts.iter().map(|q| q.name.as_str()).collect();
    assert_eq!(
        names,
        ["axum", "actix-web", "hyper"],
        "the README's quick starts"
    );

    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("quick-starts");
    let target = root.join("target");
    let cargo = env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    for quick_start in &quick_starts {
        let dir = root.join(&quick_start.name);
        fs::create_dir_all(dir.join("src")).expect("a crate directory");
        fs::write(dir.join("Cargo.toml"), manifest(quick_start, &workspace)).expect("Cargo.toml");
        fs::write(dir.join("src/main.rs"), &quick_start.code).expect("main.rs");
        fs::copy(workspace.join("Cargo.lock"), dir.join("Cargo.lock")).expect("Cargo.lock");
        let check = |offline: bool| {
            let mut command = Command::new(&cargo);
            command
                .args(["check", "--quiet", "--manifest-path"])
                .arg(dir.join("Cargo.toml"))
                .arg("--target-dir")
                .arg(&target)
                // The workspace's own settings (a `RUSTFLAGS` from CI…) do not apply.
                .env_remove("CARGO_TARGET_DIR");
            if offline {
                command.arg("--offline");
            }
            command.output().expect("cargo runs")
        };
        let mut output = check(true);
        if !output.status.success() && String::from_utf8_lossy(&output.stderr).contains("offline") {
            println!(
                "{}: not every crate is cached; checking online",
                quick_start.name
            );
            output = check(false);
        }
        assert!(
            output.status.success(),
            "the {} quick start does not build with its README dependencies:\n{}\n{}",
            quick_start.name,
            manifest(quick_start, &workspace),
            String::from_utf8_lossy(&output.stderr)
        );
        println!("{}: builds", quick_start.name);
    }
}
