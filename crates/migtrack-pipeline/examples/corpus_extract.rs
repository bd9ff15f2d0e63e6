//! The criterion `extract/shared_corpus` workload run once, for a profiler: clean the shared
//! news corpus's 245 documents, then `extract::extract_lang` each one (what the bench times).
//! `valgrind --tool=callgrind --toggle-collect='*extract_lang*' target/release/examples/corpus_extract`
//! counts only the timed part; `corpus_extract DIR ROUNDS` repeats the extract (wall and CPU time
//! of each round on stderr); `corpus_extract DIR ROUNDS OUT` first writes every extraction to
//! OUT as a JSON line.

use std::path::PathBuf;

#[path = "../benches/common/mod.rs"]
mod common;

use migtrack_domain::Pack;
use migtrack_pipeline::extract;

fn main() {
    let corpus = std::env::args().nth(1).map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/news"),
        PathBuf::from,
    );
    let texts = common::corpus_texts(&corpus).expect("the corpus's index.jsonl");
    let rounds: usize = std::env::args()
        .nth(2)
        .and_then(|rounds| rounds.parse().ok())
        .unwrap_or(1);
    let pack = Pack::builtin();
    if let Some(out) = std::env::args().nth(3) {
        // Every extraction as a JSON line, to compare two builds byte for byte.
        let lines: Vec<String> = texts
            .iter()
            .map(|(text, lang, published)| {
                let extraction = extract::extract_lang(text, lang, *published, pack);
                serde_json::to_string(&extraction).expect("records serialise")
            })
            .collect();
        std::fs::write(&out, lines.join("\n") + "\n").expect("writing the extractions");
    }
    for _ in 0..rounds {
        let (start, cpu) = (std::time::Instant::now(), cpu_seconds());
        let mut records = 0;
        for (text, lang, published) in &texts {
            let extraction = extract::extract_lang(text, lang, *published, pack);
            records += extraction.events.len() + extraction.quotes.len();
        }
        eprintln!(
            "{} texts, {records} events and quotes, {:.3} s, {:.2} s CPU",
            texts.len(),
            start.elapsed().as_secs_f64(),
            cpu_seconds() - cpu
        );
    }
}

/// User and system CPU time of this thread so far (Linux; 0 elsewhere), in 10 ms ticks.
fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/thread-self/stat")
        .ok()
        .and_then(|stat| {
            let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
            let ticks: f64 =
                fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
            Some(ticks / 100.0)
        })
        .unwrap_or(0.0)
}
