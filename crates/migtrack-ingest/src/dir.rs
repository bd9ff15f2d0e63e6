//! The directory source: every non-hidden file below a folder, recursively, in a deterministic
//! order, each opened as its own source (`walkdir`, sorted per folder, hidden entries pruned with
//! `filter_entry`). Only one folder listing is held per level.
//!
//! Order: within each folder, `.jsonl` manifests first (so that documents a manifest lists
//! arrive with their metadata before the same files arrive bare), then every other entry by
//! file name (byte order). Hidden entries (name starting with `.`) are skipped, and so are files
//! that are plainly not articles — source code, configuration, images, archives other than
//! `.gz`/WARC (`NOT_ARTICLES`), Markdown and README files (a folder's notes), and files a
//! manifest of the walk has already listed (they arrived with its metadata; reading them again
//! bare would only add duplicates). A file named on the command line is always read. Symbolic
//! links to folders are not followed (no cycles), symbolic links to files are.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use walkdir::{DirEntry, WalkDir};

use crate::file::{SourceKind, detect, open_file};
use crate::limit::describe_io;
use crate::{Documents, IngestConfig, SourceError, display};

/// Extensions a folder walk passes over: code, configuration, images, fonts and other archives.
pub(crate) const NOT_ARTICLES: &[&str] = &[
    "rs", "py", "js", "mjs", "ts", "css", "sh", "toml", "yaml", "yml", "json", "lock", "png",
    "jpg", "jpeg", "gif", "svg", "webp", "ico", "woff", "woff2", "ttf", "zip", "tar", "tgz", "bz2",
    "xz", "7z", "exe", "so", "dll", "o", "a", "db", "sqlite", "wasm", "md", "markdown",
];

fn is_not_an_article(path: &Path) -> bool {
    let readme = path
        .file_name()
        .and_then(|name| name.to_str())
        .is_some_and(|name| name.to_ascii_lowercase().starts_with("readme"));
    readme
        || path
            .extension()
            .and_then(|extension| extension.to_str())
            .is_some_and(|extension| {
                NOT_ARTICLES.contains(&extension.to_ascii_lowercase().as_str())
            })
}

/// Walk `root` lazily (`walkdir`, each folder's entries sorted); see the module documentation
/// for the order.
pub(crate) fn walk(root: &Path, cfg: &IngestConfig) -> Documents {
    let cfg = cfg.clone();
    let mut listed: HashSet<PathBuf> = HashSet::new();
    let entries = WalkDir::new(root)
        .follow_links(false)
        .sort_by_key(|entry| {
            let manifest_first = detect(entry.path()) != SourceKind::Manifest;
            (
                manifest_first,
                entry.file_name().as_encoded_bytes().to_vec(),
            )
        })
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry))
        .filter_map(move |entry| next_file(entry, &mut listed));
    Box::new(entries.flat_map(move |entry| -> Documents {
        match entry {
            Ok(path) => open_file(&path, &cfg),
            Err(error) => Box::new(std::iter::once(Err(error))),
        }
    }))
}

fn is_hidden(entry: &DirEntry) -> bool {
    entry.file_name().to_string_lossy().starts_with('.')
}

/// What the walk makes of one entry: a file to read, an error, or nothing (a folder, a link to
/// a folder, a file that is not an article or that a manifest of the walk already listed).
fn next_file(
    entry: walkdir::Result<DirEntry>,
    listed: &mut HashSet<PathBuf>,
) -> Option<Result<PathBuf, SourceError>> {
    let entry = match entry {
        Ok(entry) => entry,
        Err(error) => return Some(Err(walk_error(&error))),
    };
    let path = entry.path();
    let kind = entry.file_type();
    if kind.is_dir() || (kind.is_symlink() && fs::metadata(path).is_ok_and(|meta| meta.is_dir())) {
        return None;
    }
    if kind.is_file() && is_not_an_article(path) {
        let name = display(path);
        tracing::info!("{name}: skipped in the folder walk (not an article)");
        return None;
    }
    if listed.contains(path) {
        let name = display(path);
        tracing::info!("{name}: skipped in the folder walk (a manifest listed it)");
        return None;
    }
    if kind.is_file() && detect(path) == SourceKind::Manifest {
        listed.extend(crate::manifest::listed_files(path));
    }
    Some(Ok(path.to_path_buf()))
}

/// A folder that cannot be listed, or an entry that cannot be looked at, as a source error.
fn walk_error(error: &walkdir::Error) -> SourceError {
    let path = error.path().map(display).unwrap_or_default();
    let reason = error
        .io_error()
        .map(describe_io)
        .unwrap_or_else(|| error.to_string());
    let what = if error.path().is_some_and(Path::is_dir) || error.depth() == 0 {
        "cannot read folder"
    } else {
        "cannot open"
    };
    SourceError::new(path, format!("{what}: {reason}"))
}
