//! Shared by the per-extractor benches: the article texts they run over.

use std::path::PathBuf;

/// Article texts: the seeds, the gold dev articles' folders and the repo's own gold texts.
pub fn texts() -> Vec<String> {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut texts = Vec::new();
    for dir in [
        manifest.join("../../../shared/seeds"),
        manifest.join("../../../shared/corpus/news/allsides"),
        manifest.join("../../../shared/corpus/news/bbc"),
        manifest.join("../../testdata/gold"),
    ] {
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
                .take(60)
                .filter_map(|path| std::fs::read_to_string(path).ok()),
        );
    }
    texts
}
