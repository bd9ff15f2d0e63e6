//! Shared by the gold tests: where the shared data and the project's gold live, reading gold
//! files, and scoring one through the real clean and extract stages with `eval::score`.

#![allow(dead_code, reason = "each test binary uses a different part")]

use std::path::{Path, PathBuf};

use migtrack_domain::Pack;
use migtrack_model::{ContentKind, DocMeta, Extraction, RawDocument};
use migtrack_pipeline::eval::{self, GoldDoc, Score};

/// `../shared` beside the clone, or `None` with a note (the tests that need it then skip; in
/// CI they fail: `migtrack_testdata`).
pub fn shared() -> Option<PathBuf> {
    migtrack_testdata::shared_with("corpus")
}

/// The articles of the news corpus in `corpus` (`corpus/news` of the shared data), in the order
/// of its `index.jsonl`, each with the title, published day and language the index gives, and
/// its file name as its source.
pub fn news_corpus(corpus: &Path) -> impl Iterator<Item = RawDocument> {
    let index = std::fs::read_to_string(corpus.join("index.jsonl")).expect("index.jsonl");
    let corpus = corpus.to_path_buf();
    let lines: Vec<String> = index
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(str::to_owned)
        .collect();
    lines.into_iter().map(move |line| {
        let entry: serde_json::Value = serde_json::from_str(&line).expect("index line is JSON");
        let file = entry["file"].as_str().expect("file field");
        RawDocument {
            source: file.to_owned(),
            bytes: std::fs::read(corpus.join(file)).expect("corpus file"),
            kind: ContentKind::Unknown,
            meta: DocMeta {
                title: entry["title"].as_str().map(str::to_owned),
                published: entry["published"].as_str().and_then(|d| d.parse().ok()),
                lang: entry["lang"].as_str().map(str::to_owned),
                ..DocMeta::default()
            },
        }
    })
}

/// The repository root: gold files under `testdata/` name articles relative to it
/// ("../shared/corpus/…", "samples/…").
pub fn repo() -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).to_path_buf()
}

/// The `*.json` files of `dir` whose name starts with `prefix`, sorted.
pub fn gold_files(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|entry| entry.path())
                .filter(|path| {
                    path.file_name()
                        .and_then(|name| name.to_str())
                        .is_some_and(|name| name.starts_with(prefix) && name.ends_with(".json"))
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// A gold file, its cleaned article and what the pipeline finds in it (as `migtrack eval`
/// runs it: `eval::process_article`); `None` (with a note) when the article cannot be read.
/// `base` is the folder `file` is relative to.
pub fn extract_gold(gold_path: &Path, base: &Path) -> Option<(GoldDoc, String, Extraction)> {
    let json = std::fs::read_to_string(gold_path).expect("gold file is readable");
    let gold: GoldDoc = serde_json::from_str(&json).expect("gold file parses");
    let article = base.join(&gold.file);
    let Ok(bytes) = std::fs::read(&article) else {
        println!("note: cannot read {}; skipped", article.display());
        return None;
    };
    let processed = eval::process_article(
        article.display().to_string(),
        bytes,
        gold.published,
        Pack::builtin(),
    )
    .map_err(|error| println!("note: {}: {error}; skipped", article.display()))
    .ok()?;
    Some((gold, processed.doc.text, processed.extraction))
}

/// Score gold files (articles relative to `base`); print the findings of `kinds`.
pub fn score_files(files: &[PathBuf], base: &Path, kinds: &[&str]) -> (usize, Score) {
    let pack = Pack::builtin();
    let is_entity_id = |name: &str| pack.entity(name).is_some();
    let mut total = Score::default();
    let mut scored = 0;
    for file in files {
        let Some((gold, text, got)) = extract_gold(file, base) else {
            continue;
        };
        let score = eval::score(&gold, &got, &text, &is_entity_id);
        let findings: Vec<_> = score
            .findings
            .iter()
            .filter(|finding| kinds.contains(&finding.kind))
            .collect();
        if !findings.is_empty() {
            println!("== {}", gold.file);
        }
        for finding in findings {
            println!("  {} {}: {}", finding.kind, finding.verdict, finding.what);
            if let Some(sentence) = &finding.sentence {
                println!("      in: {sentence}");
            }
        }
        total.add(score);
        scored += 1;
    }
    (scored, total)
}
