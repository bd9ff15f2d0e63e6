//! Each command offers only the formats and options it has, and refuses the rest as a usage
//! error (issue 9 item 5).

use assert_cmd::Command;

fn migtrack() -> Command {
    let mut command = Command::cargo_bin("migtrack").expect("binary");
    command.env_remove("MIGTRACK_DB");
    command
}

fn help(command: &[&str]) -> String {
    let output = migtrack().args(command).arg("--help").output().unwrap();
    assert!(output.status.success(), "{command:?} --help");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn a_format_a_command_cannot_print_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let ingest = migtrack()
        .arg("--db")
        .arg(&db)
        .args(["--quiet", "demo"])
        .output()
        .unwrap();
    assert!(ingest.status.success());
    for (command, format) in [
        (&["show", "1"][..], "csv"),
        (&["show", "1"], "jsonl"),
        (&["eval", "--gold", "."], "jsonl"),
        (&["extract", "-"], "csv"),
        (&["clean", "-"], "table"),
    ] {
        let output = migtrack()
            .arg("--db")
            .arg(&db)
            .args(command)
            .args(["--format", format])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{command:?} {format}: {stderr}"
        );
        assert!(
            output.stdout.is_empty(),
            "{command:?} {format} printed something"
        );
        assert!(stderr.contains("possible values"), "{stderr}");
    }
    // What show can print still works, and `table` stays a name for its text form.
    for format in ["json", "text", "table"] {
        let output = migtrack()
            .arg("--db")
            .arg(&db)
            .args(["show", "1", "--format", format])
            .output()
            .unwrap();
        assert!(output.status.success(), "show --format {format}");
    }
}

#[test]
fn each_command_help_lists_only_its_own_options() {
    for command in ["extract", "clean", "parse", "eval"] {
        let text = help(&[command]);
        for option in ["--db", "--batch-size", "--limit", "--cursor"] {
            assert!(
                !text.contains(option),
                "{command} --help offers {option}:\n{text}"
            );
        }
    }
    assert!(!help(&["parse"]).contains("--published"));
    let ingest = help(&["ingest"]);
    for option in ["--db", "--batch-size", "--published", "--manifest"] {
        assert!(
            ingest.contains(option),
            "ingest --help lacks {option}:\n{ingest}"
        );
    }
    for command in [
        "events", "show", "status", "export", "serve", "demo", "search",
    ] {
        assert!(
            help(&[command]).contains("--db"),
            "{command} --help lacks --db"
        );
    }
    let show = help(&["show"]);
    assert!(!show.contains("csv"), "{show}");
}

/// The database can be named before or after the command; after wins.
#[test]
fn db_before_or_after_the_command() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let demo = migtrack()
        .args(["--quiet", "demo", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(demo.status.success());
    let after = migtrack()
        .args([
            "--db",
            "missing.db",
            "show",
            "1",
            "--format",
            "json",
            "--db",
        ])
        .arg(&db)
        .output()
        .unwrap();
    assert!(
        after.status.success(),
        "{}",
        String::from_utf8_lossy(&after.stderr)
    );
    let before = migtrack()
        .arg("--db")
        .arg(&db)
        .args(["show", "1", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(before.stdout, after.stdout);
    // A command without a database ignores one given before it (an alias can set it).
    let extract = migtrack()
        .arg("--db")
        .arg(&db)
        .args(["extract", "-"])
        .write_stdin("The US withdrew from the GCM.")
        .output()
        .unwrap();
    assert!(extract.status.success());
}
