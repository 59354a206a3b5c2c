//! What the runtime-configuration tests share.

use cors_runtime::{PolicyError, Rule};

/// Asserts the rule and place (`origin[1]`, `$VAR[0]`) of every violation, in order.
#[track_caller]
pub(crate) fn assert_placed(error: &PolicyError, expected: &[(Rule, &str)]) {
    let found: Vec<(Rule, String)> = error
        .violations()
        .iter()
        .map(|violation| (violation.rule(), violation.at.to_string()))
        .collect();
    let expected: Vec<(Rule, String)> = expected
        .iter()
        .map(|&(rule, at)| (rule, at.to_owned()))
        .collect();
    assert_eq!(found, expected, "{error}");
}
