//! The browser tests (`tests/web/`, Node's test runner driving Debian's Chromium through
//! playwright-core) run as part of `cargo test`, against this build of the `migtrack` binary.
//! Without Chromium or Node they are skipped with a note — except in CI (`CI` set), where
//! `.ci/run` installs both and a missing one is a failure.

use std::path::Path;
use std::process::Command;

#[test]
fn browser_tests_pass_in_headless_chromium() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let chromium = std::env::var("CHROMIUM_BIN").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let node = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|output| output.status.success());
    let in_ci = migtrack_testdata::in_ci();
    if !Path::new(&chromium).exists() || !node {
        assert!(
            !in_ci,
            "CI must provide Chromium ({chromium}) and Node for the browser tests"
        );
        eprintln!(
            "note: skipping the browser tests: install Debian's chromium and Node 20+ to run them"
        );
        return;
    }
    let output = Command::new("bash")
        .arg(root.join("tests/web/run.sh"))
        .env("MIGTRACK_BIN", env!("CARGO_BIN_EXE_migtrack"))
        .env("CHROMIUM_BIN", &chromium)
        .output()
        .expect("run tests/web/run.sh");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    println!("{report}");
    assert!(output.status.success(), "browser tests failed:\n{report}");
    assert!(
        report.contains("# pass") || report.contains("ℹ pass"),
        "the runner reported passes:\n{report}"
    );
}
