//! Snapshot tests over whole documents: every bundled sample article, cleaned and extracted,
//! rendered as one readable line per record. A change in any extractor shows up here as a
//! reviewable diff (`INSTA_UPDATE=always cargo test -p migtrack-pipeline --test snapshots` rewrites
//! them; review with `git diff`).

use std::fmt::Write as _;
use std::path::Path;

use migtrack_model::{ContentKind, DocMeta, RawDocument};

fn render(path: &Path, published: Option<chrono::NaiveDate>) -> String {
    let raw = RawDocument {
        source: path.display().to_string(),
        bytes: std::fs::read(path).unwrap(),
        kind: ContentKind::Text,
        meta: DocMeta {
            published,
            ..DocMeta::default()
        },
    };
    let processed = migtrack_pipeline::process(
        &raw,
        migtrack_domain::Pack::builtin(),
        &migtrack_pipeline::Settings::default(),
    )
    .unwrap();
    let text = &processed.doc.text;
    let records = &processed.extraction;
    let mut out = String::new();
    writeln!(
        out,
        "published: {:?} ({:?})",
        processed.doc.published, processed.doc.published_origin
    )
    .unwrap();
    for event in &records.events {
        writeln!(
            out,
            "event   {} {} {} | {} | {} | “{}” [{}]",
            event.actor,
            event.action,
            event.target,
            event.date.as_deref().unwrap_or("-"),
            event.modality.as_str(),
            event.span.slice(text),
            event.rule
        )
        .unwrap();
    }
    for quote in &records.quotes {
        writeln!(
            out,
            "quote   {} ({}) {} “{}” [{}]",
            quote.speaker.as_deref().unwrap_or("?"),
            quote.role.as_deref().unwrap_or("-"),
            if quote.direct { "direct" } else { "reported" },
            quote.text,
            quote.rule
        )
        .unwrap();
    }
    for date in &records.dates {
        writeln!(
            out,
            "date    {} “{}” [{}]",
            date.value.as_deref().unwrap_or("-"),
            date.text,
            date.rule
        )
        .unwrap();
    }
    for figure in &records.figures {
        writeln!(
            out,
            "figure  {} {} “{}” [{}]",
            figure.value,
            figure.counts.as_deref().unwrap_or("-"),
            figure.text,
            figure.rule
        )
        .unwrap();
    }
    for claim in &records.claims {
        writeln!(
            out,
            "claim   {} {} “{}” [{}]",
            claim.speaker.as_deref().unwrap_or("?"),
            claim.evidence.as_str(),
            claim.text,
            claim.rule
        )
        .unwrap();
    }
    out
}

#[test]
fn sample_articles_extract_as_snapshotted() {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples");
    let manifest = std::fs::read_to_string(samples.join("index.jsonl")).unwrap();
    for line in manifest.lines().filter(|line| !line.trim().is_empty()) {
        let entry: serde_json::Value = serde_json::from_str(line).unwrap();
        let file = entry["file"].as_str().unwrap();
        let published = entry["published"]
            .as_str()
            .and_then(|date| date.parse().ok());
        let name = file.trim_end_matches(".txt");
        insta::assert_snapshot!(name, render(&samples.join(file), published));
    }
}
