//! Every `migtrack COMMAND` the project names (README, design notes, the web page, CLI and
//! server messages) is a real subcommand: a hint must be something the user can type.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The subcommands `migtrack --help` lists.
fn subcommands() -> Vec<String> {
    let output = Command::new(env!("CARGO_BIN_EXE_migtrack"))
        .arg("--help")
        .output()
        .expect("migtrack runs");
    let help = String::from_utf8(output.stdout).expect("help is UTF-8");
    help.lines()
        .skip_while(|line| !line.starts_with("Commands:"))
        .skip(1)
        .take_while(|line| !line.trim().is_empty())
        .filter(|line| line.starts_with("  ") && !line.starts_with("     "))
        .filter_map(|line| line.split_whitespace().next().map(str::to_owned))
        .collect()
}

/// Files whose text can name a command, recursively under `dir`.
fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|name| name != "node_modules") {
                files(&path, out);
            }
        } else if path
            .extension()
            .is_some_and(|ext| ["rs", "js", "html", "md"].iter().any(|e| ext == *e))
        {
            out.push(path);
        }
    }
}

/// The words after "`migtrack " or "(migtrack " in `text`.
fn named(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for opener in ["`migtrack ", "(migtrack "] {
        for (at, _) in text.match_indices(opener) {
            let rest = &text[at + opener.len()..];
            let word: String = rest
                .chars()
                .take_while(|c| c.is_ascii_lowercase())
                .collect();
            if !word.is_empty() {
                out.push(word);
            }
        }
    }
    out
}

#[test]
fn every_command_named_anywhere_exists() {
    let commands = subcommands();
    assert!(commands.iter().any(|c| c == "ingest"), "{commands:?}");
    let root = repo();
    let mut paths = vec![
        root.join("README.md"),
        root.join("ARCHITECTURE.md"),
        root.join("EVALUATION.md"),
    ];
    files(&root.join("crates/migtrack-cli/src"), &mut paths);
    files(&root.join("crates/migtrack-server/src"), &mut paths);
    files(&root.join("crates/migtrack-server/web"), &mut paths);
    let mut unknown = Vec::new();
    let mut checked = 0;
    for path in &paths {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        for word in named(&text) {
            checked += 1;
            if !commands.contains(&word) {
                unknown.push(format!("{}: migtrack {word}", path.display()));
            }
        }
    }
    assert!(checked >= 10, "only {checked} command names found");
    assert!(
        unknown.is_empty(),
        "commands that do not exist: {unknown:#?}"
    );
}

#[test]
fn the_scanner_finds_commands_in_code_spans_and_parentheses() {
    assert_eq!(
        named("run `migtrack ingest FILE` (or link the store: migtrack link) (migtrack status)"),
        ["ingest", "status"]
    );
}

/// Run from a cargo build (not on the PATH), the demo's hint says how to run it again from the
/// repository; each command it names exists.
#[test]
fn the_demo_hint_is_something_the_user_can_type() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = Command::new(env!("CARGO_BIN_EXE_migtrack"))
        .arg("--db")
        .arg(dir.path().join("demo.db"))
        .arg("-q")
        .arg("demo")
        .output()
        .expect("demo runs");
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    let hint = stdout
        .lines()
        .find(|line| line.starts_with("Next:"))
        .expect("a Next: line");
    assert!(hint.contains("`cargo run --release -- events`"), "{hint}");
    assert!(!hint.contains("`migtrack "), "{hint}");
    let commands = subcommands();
    for part in hint.split("`cargo run --release -- ").skip(1) {
        let command = part.split([' ', '`']).next().unwrap_or("");
        assert!(commands.iter().any(|c| c == command), "{command} in {hint}");
    }
}
