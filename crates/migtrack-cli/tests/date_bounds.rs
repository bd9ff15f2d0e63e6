//! Date bounds take a year, a month, a quarter or a fiscal year, not only a day (issue 9 item 3).

use std::process::Command;

fn migtrack(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_migtrack"))
        .arg("--db")
        .arg(db)
        .arg("-q")
        .args(args)
        .output()
        .expect("migtrack runs")
}

#[test]
fn bounds_accept_years_months_quarters_and_fiscal_years() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("bounds.db");
    assert!(migtrack(&db, &["demo"]).status.success());
    for args in [
        ["events", "--since", "2019"],
        ["events", "--since", "2025-03"],
        ["events", "--until", "2025-Q4"],
        ["events", "--since", "FY2026"],
        ["status", "--at", "2018"],
    ] {
        let output = migtrack(&db, &args);
        assert!(
            output.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    // The demo's 2026-01-07 GFMD withdrawal is in FY2026, not before 2026.
    let inside = migtrack(&db, &["events", "--since", "FY2026", "--format", "json"]);
    assert!(String::from_utf8_lossy(&inside.stdout).contains("gfmd"));
    let before = migtrack(&db, &["events", "--until", "2025", "--format", "json"]);
    assert!(!String::from_utf8_lossy(&before.stdout).contains("\"gfmd\""));
}

#[test]
fn a_bound_that_is_no_date_is_a_usage_error_that_says_what_works() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = migtrack(
        &dir.path().join("x.db"),
        &["events", "--since", "last year"],
    );
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("YYYY-Qn"), "{stderr}");
    assert!(!stderr.contains("premature end of input"), "{stderr}");
}
