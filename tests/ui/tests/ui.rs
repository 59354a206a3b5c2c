//! The compile-time contract of `cors!`: every rule of the rules digest
//! (`docs/cors-rules.md`, part A) fails to compile with its snapshot message
//! (`cases/<group>/*.stderr`), and every valid shape compiles (`cases/pass/`).
//!
//! Every folder under `cases/` is compiled: a new group needs no line here.
//! Regenerate snapshots after an intended wording change with
//! `TRYBUILD=overwrite cargo test -p cors-ui-tests`, then read every changed `.stderr`.

use std::path::{Path, PathBuf};

fn cases() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("cases")
}

/// The folders of compile-fail cases: every folder but `pass`.
fn fail_groups() -> Vec<String> {
    let mut groups: Vec<String> = std::fs::read_dir(cases())
        .expect("tests/ui/cases")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.is_dir())
        .filter_map(|path| Some(path.file_name()?.to_str()?.to_owned()))
        .filter(|name| name != "pass")
        .collect();
    groups.sort();
    groups
}

fn count_cases(group: &str) -> usize {
    std::fs::read_dir(cases().join(group))
        .expect("a case folder")
        .filter(|entry| {
            entry
                .as_ref()
                .is_ok_and(|entry| entry.path().extension().is_some_and(|ext| ext == "rs"))
        })
        .count()
}

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.pass("cases/pass/*.rs");
    let groups = fail_groups();
    assert!(groups.len() >= 9, "case folders went missing: {groups:?}");
    for group in groups {
        cases.compile_fail(format!("cases/{group}/*.rs"));
    }
}

/// The README states how many compile-fail cases there are; keep it true.
#[test]
fn the_readme_counts_the_compile_fail_cases() {
    let total: usize = fail_groups().iter().map(|group| count_cases(group)).sum();
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../README.md"))
            .expect("README.md");
    let stated = format!("under `tests/ui/cases/` ({total} cases)");
    assert!(
        readme.contains(&stated),
        "README.md must say {stated:?}: there are {total} compile-fail cases"
    );
}

/// The README's rule table quotes each rule's message "copied from those snapshots":
/// every quoted message (before its *help:*) is in a snapshot, with its rule's id.
#[test]
fn the_readme_rule_table_quotes_the_snapshots() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../README.md"))
            .expect("README.md");
    let mut snapshots = String::new();
    for group in fail_groups() {
        for entry in std::fs::read_dir(cases().join(group)).expect("a case folder") {
            let path = entry.expect("a directory entry").path();
            if path.extension().is_some_and(|ext| ext == "stderr") {
                snapshots += &std::fs::read_to_string(path).expect("a snapshot");
            }
        }
    }
    let mut rows = 0;
    let mut missing = Vec::new();
    for line in readme
        .lines()
        .filter(|line| line.starts_with("| ") && line.ends_with(" |"))
    {
        let cells: Vec<&str> = line.trim_matches('|').split(" | ").map(str::trim).collect();
        let [rule, _, _, you_get] = cells[..] else {
            continue;
        };
        let is_rule_id = rule.len() >= 2
            && rule[..1].chars().all(|c| c.is_ascii_uppercase())
            && rule[1..].chars().all(|c| c.is_ascii_digit());
        if !is_rule_id {
            continue;
        }
        rows += 1;
        let you_get = you_get.replace("\\|", "|");
        let message = you_get.split(" — *help:* ").next().unwrap_or_default();
        let message = message.trim_start_matches("… ");
        if !snapshots.contains(&format!("{message} [{rule}]")) && !snapshots.contains(message) {
            missing.push(format!("{rule}: {message}"));
        }
    }
    assert!(rows >= 30, "the rule table went missing: {rows} rows");
    assert!(
        missing.is_empty(),
        "README messages in no snapshot:\n{}",
        missing.join("\n")
    );
}
