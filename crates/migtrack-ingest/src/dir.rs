//! The directory source: every non-hidden file below a folder, recursively, in a deterministic
//! order, each opened as its own source. Only one folder listing is held per level.
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

/// Walk `root` lazily; see the module documentation for the order.
pub(crate) fn walk(root: &Path, cfg: &IngestConfig) -> Documents {
    let cfg = cfg.clone();
    Box::new(
        Walk {
            pending_roots: Some(root.to_path_buf()),
            stack: Vec::new(),
            listed: HashSet::new(),
        }
        .flat_map(move |entry| -> Documents {
            match entry {
                Ok(path) => open_file(&path, &cfg),
                Err(error) => Box::new(std::iter::once(Err(error))),
            }
        }),
    )
}

/// Files below a root, depth first, each folder's entries sorted.
struct Walk {
    pending_roots: Option<PathBuf>,
    stack: Vec<std::vec::IntoIter<PathBuf>>,
    /// Files the walk's manifests list: not read again bare.
    listed: HashSet<PathBuf>,
}

impl Walk {
    /// List one folder in walk order, or the error that prevented it.
    fn list(folder: &Path) -> Result<Vec<PathBuf>, SourceError> {
        let fail = |error: std::io::Error| {
            SourceError::new(
                display(folder),
                format!("cannot read folder: {}", describe_io(&error)),
            )
        };
        let mut entries = Vec::new();
        for entry in fs::read_dir(folder).map_err(fail)? {
            let entry = entry.map_err(fail)?;
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            if entry.file_type().is_ok_and(|kind| kind.is_file())
                && is_not_an_article(&entry.path())
            {
                let name = display(&entry.path());
                tracing::info!("{name}: skipped in the folder walk (not an article)");
                continue;
            }
            entries.push(entry.path());
        }
        entries.sort_by_cached_key(|path| {
            let manifest_first = detect(path) != SourceKind::Manifest;
            (
                manifest_first,
                path.file_name()
                    .map(|name| name.as_encoded_bytes().to_vec())
                    .unwrap_or_default(),
            )
        });
        Ok(entries)
    }
}

impl Iterator for Walk {
    type Item = Result<PathBuf, SourceError>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(root) = self.pending_roots.take() {
            match Walk::list(&root) {
                Ok(entries) => self.stack.push(entries.into_iter()),
                Err(error) => return Some(Err(error)),
            }
        }
        loop {
            let level = self.stack.last_mut()?;
            let Some(path) = level.next() else {
                self.stack.pop();
                continue;
            };
            let file_type = match fs::symlink_metadata(&path) {
                Ok(meta) => meta.file_type(),
                Err(error) => {
                    return Some(Err(SourceError::new(
                        display(&path),
                        format!("cannot open: {}", describe_io(&error)),
                    )));
                }
            };
            if file_type.is_dir() {
                match Walk::list(&path) {
                    Ok(entries) => self.stack.push(entries.into_iter()),
                    Err(error) => return Some(Err(error)),
                }
                continue;
            }
            if file_type.is_symlink() && fs::metadata(&path).is_ok_and(|meta| meta.is_dir()) {
                continue;
            }
            if self.listed.contains(&path) {
                let name = display(&path);
                tracing::info!("{name}: skipped in the folder walk (a manifest listed it)");
                continue;
            }
            if file_type.is_file() && detect(&path) == SourceKind::Manifest {
                self.listed.extend(crate::manifest::listed_files(&path));
            }
            return Some(Ok(path));
        }
    }
}
