//! What people read: tables, `show`, error lines. Control characters from file names and
//! article text never reach the terminal raw (issue 12 item 7), while JSON keeps every byte.

use assert_cmd::Command;

mod common;
use common::migtrack;

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// No ESC, BEL, CR or C1 control in `output`; newlines only as line ends.
fn assert_inert(what: &str, output: &str) {
    let raw: Vec<char> = output
        .chars()
        .filter(|c| c.is_control() && *c != '\n' && *c != '\t')
        .collect();
    assert!(raw.is_empty(), "{what} prints controls {raw:?}:\n{output}");
}

#[test]
fn control_characters_in_file_names_and_text_are_escaped_in_human_output() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    // A binary file whose name holds a newline and an escape sequence: its error line must
    // stay one line and must not forge a second "migtrack: …" line.
    let forged = inputs.join("a\nmigtrack: forged.txt: fake\x1b[2J.bin");
    std::fs::write(&forged, [0u8, 159, 146, 150, 0, 0, 1, 2, 3]).unwrap();
    let article = inputs.join("b\x1b]0;owned\x07.txt");
    std::fs::write(
        &article,
        "Evil\x1b[31m Title\n\nThe United States withdrew from the Global Compact for Migration \
         on 2 December 2017. \"We will never sign \x1b[2Jthis\x1b[0m pact,\x1b]0;x\x07\" said \
         Nikki Haley, the US ambassador.\r\n",
    )
    .unwrap();

    let ingest = migtrack(&db).arg("ingest").arg(&inputs).output().unwrap();
    let errors = text(&ingest.stderr);
    assert_inert("ingest's error lines", &errors);
    assert_eq!(
        errors
            .lines()
            .filter(|line| line.starts_with("migtrack:"))
            .count(),
        1,
        "one failed file, one line:\n{errors}"
    );
    assert_eq!(errors.lines().count(), 1, "{errors}");
    assert!(
        errors.contains(r"a\nmigtrack: forged.txt: fake\u{1b}[2J.bin"),
        "{errors}"
    );

    for args in [
        &["show", "1"][..],
        &["quotes"],
        &["events"],
        &["search", "Haley"],
        &["dates"],
    ] {
        let output = migtrack(&db).args(args).output().unwrap();
        assert!(
            output.status.success(),
            "{args:?}: {}",
            text(&output.stderr)
        );
        assert_inert(&format!("{args:?}"), &text(&output.stdout));
    }
    let show = text(&migtrack(&db).args(["show", "1"]).output().unwrap().stdout);
    assert!(
        show.contains(r"\u{1b}[2J"),
        "the escape is shown, not run:\n{show}"
    );

    // JSON keeps the stored text exactly (serde escapes controls as \u001b).
    let json = migtrack(&db)
        .args(["show", "1", "--format", "json"])
        .output()
        .unwrap();
    let view: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert!(view["text"].as_str().unwrap().contains("\x1b[2J"), "{view}");
    assert!(
        view["source"]
            .as_str()
            .unwrap()
            .contains("\x1b]0;owned\x07"),
        "{view}"
    );
}

#[test]
fn a_missing_file_with_controls_in_its_name_is_one_escaped_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let output = migtrack(&db)
        .arg("ingest")
        .arg("missing\r\nmigtrack: error: \x1b[31mforged")
        .output()
        .unwrap();
    let errors = text(&output.stderr);
    assert_inert("the error line", &errors);
    assert_eq!(errors.lines().count(), 1, "{errors}");
}

/// Issue 9 item 7: tables name a document by its outlet or title, never by a long file path;
/// JSON keeps the path as it was given.
#[test]
fn tables_show_the_outlet_or_title_not_the_file_path() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let news = dir.path().join("deep/folder/news");
    std::fs::create_dir_all(&news).unwrap();
    let sentence = "The United States withdrew from the Global Compact for Migration on 2 \
                    December 2017.";
    std::fs::write(news.join("plain.txt"), sentence).unwrap();
    std::fs::write(
        news.join("wire.txt"),
        "Austria withdrew from the Global Compact for Migration on 31 October 2018.",
    )
    .unwrap();
    let manifest = dir.path().join("index.jsonl");
    std::fs::write(
        &manifest,
        "{\"file\": \"deep/folder/news/wire.txt\", \"outlet\": \"Reuters\"}\n",
    )
    .unwrap();
    let ingest = migtrack(&db)
        .arg("ingest")
        .arg("--manifest")
        .arg(&manifest)
        .arg(news.join("plain.txt"))
        .output()
        .unwrap();
    assert!(ingest.status.success(), "{}", text(&ingest.stderr));
    let root = dir.path().to_string_lossy().into_owned();
    let events = text(&migtrack(&db).arg("events").output().unwrap().stdout);
    assert!(
        !events.contains(&root),
        "a long path in the table:\n{events}"
    );
    assert!(events.contains("Reuters"), "{events}");
    assert!(events.contains("news/plain.txt"), "{events}");
    let search = text(
        &migtrack(&db)
            .args(["search", "withdrew"])
            .output()
            .unwrap()
            .stdout,
    );
    assert!(!search.contains(&root), "{search}");

    let json = migtrack(&db)
        .args(["events", "--format", "json"])
        .output()
        .unwrap();
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&json.stdout).unwrap();
    let plain = rows
        .iter()
        .find(|row| row["provenance"]["outlet"].is_null())
        .expect("the plain file's event");
    assert_eq!(
        plain["provenance"]["source"],
        news.join("plain.txt").to_string_lossy().as_ref()
    );
    assert_eq!(plain["provenance"]["label"], "news/plain.txt");
}

/// Issue 9 item 4: people read a week, a quarter or a fiscal year as its days; JSON keeps the
/// stored value.
#[test]
fn weeks_quarters_and_fiscal_years_show_as_date_ranges() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let article = dir.path().join("a.txt");
    std::fs::write(
        &article,
        "Hungary withdrew from the Global Compact for Migration last week. Arrivals fell in the \
         first quarter of 2019. The cap for fiscal 2026 is 7,500.",
    )
    .unwrap();
    let ingest = migtrack(&db)
        .args(["ingest", "--published", "2017-12-06"])
        .arg(&article)
        .output()
        .unwrap();
    assert!(ingest.status.success(), "{}", text(&ingest.stderr));
    let run = |args: &[&str]| text(&migtrack(&db).args(args).output().unwrap().stdout);
    let week = "2017-11-27 – 2017-12-03";
    for args in [&["events"][..], &["facts"], &["timeline"], &["show", "1"]] {
        let output = run(args);
        assert!(output.contains(week), "{args:?}:\n{output}");
        assert!(!output.contains("2017-W48"), "{args:?}:\n{output}");
    }
    let dates = run(&["dates"]);
    assert!(dates.contains(week), "{dates}");
    assert!(dates.contains("2019-01-01 – 2019-03-31"), "{dates}");
    assert!(dates.contains("2025-10-01 – 2026-09-30"), "{dates}");
    let status = run(&["status", "--long"]);
    assert!(status.contains(week), "{status}");

    let json = run(&["events", "--format", "json"]);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    assert_eq!(rows[0]["date"], "2017-W48");
    let csv = run(&["dates", "--format", "csv"]);
    assert!(csv.contains("2019-Q1") && csv.contains("FY2026"), "{csv}");
}

/// Log lines (tracing, on stderr) are one line each too: a file name skipped in a folder walk
/// cannot start a line of its own.
#[test]
fn a_file_name_in_a_log_line_cannot_forge_a_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    std::fs::write(
        inputs.join("x\rmigtrack: forged\x07\x1b[31m\n.md"),
        "# notes",
    )
    .unwrap();
    std::fs::write(inputs.join("a.txt"), "The US withdrew from the GCM.").unwrap();
    let output = Command::cargo_bin("migtrack")
        .unwrap()
        .arg("--db")
        .arg(&db)
        .args(["--log", "info", "ingest"])
        .arg(&inputs)
        .env_remove("MIGTRACK_DB")
        .env_remove("MIGTRACK_LOG")
        .output()
        .unwrap();
    assert!(output.status.success());
    let errors = text(&output.stderr);
    assert_inert("log lines", &errors);
    assert!(errors.contains("skipped in the folder walk"), "{errors}");
    assert_eq!(
        errors
            .lines()
            .filter(|line| line.contains("forged"))
            .count(),
        1,
        "{errors}"
    );
    for line in errors.lines() {
        assert!(!line.starts_with("migtrack: forged"), "{errors}");
    }
}
