//! Shared by the benches and the `corpus_extract` example: the article texts they run over and
//! the setup done once outside the measured loop.

#![allow(dead_code, reason = "each bench binary uses a different part")]

use std::path::PathBuf;

use migtrack_model::Span;

/// Article texts: the seeds, the gold dev articles' folders and the repo's own gold texts (at
/// most 60 a folder).
pub fn texts() -> Vec<String> {
    texts_in(
        &[
            "../../../shared/seeds",
            "../../../shared/corpus/news/allsides",
            "../../../shared/corpus/news/bbc",
            "../../testdata/gold",
        ],
        60,
    )
}

/// The `.txt` files of each folder (relative to the crate), sorted, at most `limit` a folder;
/// a missing folder is skipped with a note.
pub fn texts_in(folders: &[&str], limit: usize) -> Vec<String> {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut texts = Vec::new();
    for folder in folders {
        let dir = manifest.join(folder);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            println!("note: {} absent, skipped", dir.display());
            continue;
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
            .collect();
        paths.sort();
        texts.extend(
            paths
                .iter()
                .take(limit)
                .filter_map(|path| std::fs::read_to_string(path).ok()),
        );
    }
    texts
}

/// Each text with its sentence spans (split once, outside the loop), and the sentence count.
pub fn with_sentences(texts: &[String]) -> (Vec<(&str, Vec<Span>)>, u64) {
    let prepared: Vec<(&str, Vec<Span>)> = texts
        .iter()
        .map(|text| (text.as_str(), migtrack_pipeline::annotate::sentences(text)))
        .collect();
    let sentences = prepared.iter().map(|(_, spans)| spans.len() as u64).sum();
    (prepared, sentences)
}

/// The cleaned texts (text, language, publication date) of the corpus in `corpus`, from its
/// `index.jsonl`; `None` when the index is absent.
pub fn corpus_texts(
    corpus: &std::path::Path,
) -> Option<Vec<(String, String, Option<chrono::NaiveDate>)>> {
    let index = std::fs::read_to_string(corpus.join("index.jsonl")).ok()?;
    Some(
        index
            .lines()
            .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
            .filter_map(|entry| {
                let file = entry["file"].as_str()?;
                let raw = migtrack_model::RawDocument {
                    source: file.to_owned(),
                    bytes: std::fs::read(corpus.join(file)).ok()?,
                    kind: migtrack_model::ContentKind::Unknown,
                    meta: migtrack_model::DocMeta {
                        published: entry["published"].as_str().and_then(|d| d.parse().ok()),
                        lang: entry["lang"].as_str().map(str::to_owned),
                        ..Default::default()
                    },
                };
                let doc = migtrack_pipeline::clean::clean(&raw).ok()?;
                let lang = doc.lang.clone().unwrap_or_else(|| "en".to_owned());
                Some((doc.text, lang, doc.published))
            })
            .collect(),
    )
}
