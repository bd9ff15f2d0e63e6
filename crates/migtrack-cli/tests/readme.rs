//! What the README promises holds (issue 9 item 8): its `eval` example runs from the
//! repository, and the languages it says extraction covers are the ones that get records.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn readme() -> String {
    std::fs::read_to_string(repo().join("README.md")).expect("README.md")
}

#[test]
fn the_readme_eval_example_runs_from_the_repository() {
    let readme = readme();
    let line = readme
        .lines()
        .find(|line| line.starts_with("migtrack eval "))
        .expect("an eval example");
    let command = line.split('#').next().unwrap_or(line);
    let words: Vec<&str> = command.split_whitespace().skip(1).collect();
    for pair in words.windows(2) {
        if pair[0] == "--gold" {
            assert!(
                !pair[1].starts_with("..") && !pair[1].starts_with('/'),
                "{} is outside the repository: {line}",
                pair[1]
            );
            assert!(
                repo().join(pair[1]).exists(),
                "{} is not in the repository: {line}",
                pair[1]
            );
        }
    }
    let output = Command::cargo_bin("migtrack")
        .unwrap()
        .current_dir(repo())
        .args(&words)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{line}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn extract(text: &str) -> Value {
    let output = Command::cargo_bin("migtrack")
        .unwrap()
        .args(["extract", "-"])
        .write_stdin(text)
        .output()
        .unwrap();
    assert!(output.status.success());
    serde_json::from_slice(&output.stdout).unwrap()
}

fn count(records: &Value, kind: &str) -> usize {
    records[kind].as_array().map_or(0, Vec::len)
}

#[test]
fn german_and_spanish_get_dates_and_figures_only_as_the_readme_says() {
    let readme = readme();
    assert!(
        readme.contains("German and Spanish articles are ingested and searchable, and only their\ndates and figures are read"),
        "the README's language paragraph changed: update this test with it"
    );
    let english = extract(
        "Germany withdrew from the Global Compact for Migration on 5 December 2018. \"We will not \
         sign this pact,\" said Interior Minister Horst Seehofer. The cap is 200,000 refugees.",
    );
    for kind in ["events", "quotes", "dates", "figures"] {
        assert!(count(&english, kind) > 0, "English {kind}: {english}");
    }
    for text in [
        "Deutschland ist am 5. Dezember 2018 aus dem UN-Migrationspakt ausgetreten. \"Wir werden \
         nicht unterschreiben\", sagte Innenminister Horst Seehofer. Die Obergrenze liegt bei \
         200.000 Flüchtlingen.",
        "España firmó el Pacto Mundial para la Migración el 10 de diciembre de 2018. \"Firmaremos \
         el pacto\", dijo el presidente Pedro Sánchez. Llegaron 58.000 migrantes.",
    ] {
        let records = extract(text);
        assert!(count(&records, "dates") > 0, "{records}");
        assert!(count(&records, "figures") > 0, "{records}");
        for kind in ["events", "quotes", "claims"] {
            assert_eq!(count(&records, kind), 0, "{kind} in {records}");
        }
    }
}
