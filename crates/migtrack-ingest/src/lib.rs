//! Sources: where documents come from. Each source is a noun that yields
//! `Result<RawDocument, SourceError>` one at a time (streaming, bounded memory).
//!
//! A source delivers **undecoded bytes plus metadata**; decoding, HTML cleaning and the
//! detection of binary or empty bodies belong to the clean stage. A source reports only
//! source-level failures (missing file, too large, truncated gzip, malformed WARC record, broken
//! feed, bad manifest line), each as one [`SourceError`] naming the input; the stream then goes
//! on with the next input.
//!
//! | input                                   | documents                                        |
//! |-----------------------------------------|--------------------------------------------------|
//! | `-`                                     | standard input, one document (source `-`)        |
//! | a directory                             | every non-hidden file below it, sorted            |
//! | `*.jsonl`, [`Input::Manifest`]          | one document per manifest line ([`manifest`])    |
//! | `*.rss`, `*.atom`, `*.xml`, sniffed feed| one document per item or entry ([`feed`])        |
//! | `*.warc`, `*.warc.gz`                   | one per 2xx HTML `response` record ([`archive`]) |
//! | `*.html`, `*.htm` / `*.txt` / other     | one document, [`ContentKind`] Html / Text / Unknown |
//!
//! Any file may end in `.gz`; it is decompressed behind [`IngestConfig::max_decompressed_bytes`].

pub mod archive;
pub mod dir;
pub mod feed;
pub mod file;
mod http;
mod limit;
pub mod manifest;

use std::fmt;
use std::path::{Path, PathBuf};

use migtrack_model::{ContentKind, RawDocument};
use serde::{Deserialize, Serialize};

pub use file::{SourceKind, detect};

/// A stream of documents and source-level failures, in input order.
pub type Documents = Box<dyn Iterator<Item = Result<RawDocument, SourceError>> + Send>;

/// Limits every source obeys. Both are hard caps: an input over a cap becomes one
/// [`SourceError`], never a partial document.
///
/// Example (JSON; every field may be left out to take its default):
/// `testdata/sources/ingest.example.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct IngestConfig {
    /// Largest document a source delivers, in bytes (default 10 MiB). A plain file larger than
    /// this is refused from its size alone, without reading it. It also caps a whole feed file
    /// (a feed is parsed in memory), one manifest line, and one WARC record's HTTP body.
    pub max_document_bytes: usize,
    /// Largest decompressed stream read from one `.gz` file (default 256 MiB): guards against
    /// gzip bombs in `.warc.gz` archives and compressed manifests. Single compressed documents
    /// are capped by the smaller of the two limits.
    pub max_decompressed_bytes: u64,
}

/// 10 MiB.
pub const DEFAULT_MAX_DOCUMENT_BYTES: usize = 10 * 1024 * 1024;
/// 256 MiB.
pub const DEFAULT_MAX_DECOMPRESSED_BYTES: u64 = 256 * 1024 * 1024;

impl Default for IngestConfig {
    fn default() -> Self {
        IngestConfig {
            max_document_bytes: DEFAULT_MAX_DOCUMENT_BYTES,
            max_decompressed_bytes: DEFAULT_MAX_DECOMPRESSED_BYTES,
        }
    }
}

/// A configuration that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("max_document_bytes must be greater than 0")]
    ZeroDocumentLimit,
    #[error("max_decompressed_bytes must be greater than 0")]
    ZeroDecompressedLimit,
}

impl IngestConfig {
    /// Check the limits and return the runtime [`Ingest`] object.
    pub fn build(self) -> Result<Ingest, ConfigError> {
        if self.max_document_bytes == 0 {
            return Err(ConfigError::ZeroDocumentLimit);
        }
        if self.max_decompressed_bytes == 0 {
            return Err(ConfigError::ZeroDecompressedLimit);
        }
        Ok(Ingest { cfg: self })
    }
}

/// A checked configuration, ready to open inputs.
#[derive(Debug, Clone)]
pub struct Ingest {
    cfg: IngestConfig,
}

impl Ingest {
    pub fn open(&self, input: &Input) -> Documents {
        open(input, &self.cfg)
    }
    pub fn config(&self) -> &IngestConfig {
        &self.cfg
    }
}

/// One input as the user names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Input {
    /// A file or directory; files are dispatched by name (and content, see [`detect`]).
    Path(PathBuf),
    /// Standard input, read as one document whose source is `-`.
    Stdin,
    /// A JSONL manifest, whatever its file name.
    Manifest(PathBuf),
}

impl Input {
    /// A command-line argument: `-` is standard input, anything else a path.
    pub fn from_arg(arg: &str) -> Input {
        if arg == "-" {
            Input::Stdin
        } else {
            Input::Path(PathBuf::from(arg))
        }
    }

    /// The name of the input as the user gave it.
    pub fn name(&self) -> String {
        match self {
            Input::Path(path) | Input::Manifest(path) => display(path),
            Input::Stdin => "-".to_string(),
        }
    }
}

/// A source-level failure: one input (file, `manifest:line`, WARC file) that yields no document.
/// Displays on one line as `<source>: <reason>`.
///
/// (Display and `Error` are written by hand: `thiserror` would take a field named `source` for
/// the underlying error.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceError {
    /// The input it is about: a path as given, `<manifest>:<line>`, `<feed>#<item>`, a URL.
    pub source: String,
    /// What went wrong, one line.
    pub reason: String,
}

impl SourceError {
    /// Build an error; line breaks in either part are replaced so that it prints on one line.
    pub fn new(source: impl Into<String>, reason: impl Into<String>) -> Self {
        SourceError {
            source: one_line(source.into()),
            reason: one_line(reason.into()),
        }
    }
}

fn one_line(text: String) -> String {
    if text.contains(['\n', '\r']) {
        text.replace("\r\n", " ").replace(['\n', '\r'], " ")
    } else {
        text
    }
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.source, self.reason)
    }
}

impl std::error::Error for SourceError {}

/// A source failure is one batch diagnostic (same input name, reason as the message).
impl From<SourceError> for migtrack_model::Diagnostic {
    fn from(error: SourceError) -> Self {
        migtrack_model::Diagnostic {
            source: error.source,
            message: error.reason,
        }
    }
}

/// Open one input as a lazy stream of documents. Nothing is read until the stream is pulled;
/// a failure is one `Err` item and the stream goes on.
pub fn open(input: &Input, cfg: &IngestConfig) -> Documents {
    match input {
        Input::Stdin => {
            let cfg = cfg.clone();
            Box::new(std::iter::once_with(move || file::read_stdin(&cfg)))
        }
        Input::Manifest(path) => manifest::open(path, cfg),
        Input::Path(path) => open_path(path, cfg),
    }
}

/// A file or a directory.
pub(crate) fn open_path(path: &Path, cfg: &IngestConfig) -> Documents {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => dir::walk(path, cfg),
        Ok(_) => file::open_file(path, cfg),
        Err(error) => Box::new(std::iter::once(Err(SourceError::new(
            display(path),
            format!("cannot open: {}", limit::describe_io(&error)),
        )))),
    }
}

/// A path as the user would type it.
pub(crate) fn display(path: &Path) -> String {
    path.display().to_string()
}

/// Content kind from a (decompressed) file name's extension.
pub(crate) fn kind_from_name(name: &str) -> ContentKind {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".html") || lower.ends_with(".htm") || lower.ends_with(".xhtml") {
        ContentKind::Html
    } else if lower.ends_with(".txt") || lower.ends_with(".text") {
        ContentKind::Text
    } else {
        ContentKind::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_error_prints_on_one_line() {
        let error = SourceError::new("a.txt", "first\nsecond\r\nthird");
        assert_eq!(error.to_string(), "a.txt: first second third");
    }

    #[test]
    fn source_error_becomes_a_diagnostic_that_prints_the_same() {
        let error = SourceError::new("m.jsonl:2", "not JSON");
        let diagnostic = migtrack_model::Diagnostic::from(error.clone());
        assert_eq!(diagnostic.to_string(), error.to_string());
    }

    #[test]
    fn dash_argument_is_stdin() {
        assert_eq!(Input::from_arg("-"), Input::Stdin);
        assert_eq!(Input::from_arg("a/b"), Input::Path(PathBuf::from("a/b")));
    }

    #[test]
    fn config_defaults_fill_missing_fields_and_unknown_fields_are_refused() {
        let cfg: IngestConfig = serde_json::from_str(r#"{"max_document_bytes": 5}"#).unwrap();
        assert_eq!(cfg.max_document_bytes, 5);
        assert_eq!(cfg.max_decompressed_bytes, DEFAULT_MAX_DECOMPRESSED_BYTES);
        assert!(serde_json::from_str::<IngestConfig>(r#"{"max_bytes": 5}"#).is_err());
    }

    #[test]
    fn zero_limits_are_refused_by_build() {
        let cfg = IngestConfig {
            max_document_bytes: 0,
            ..IngestConfig::default()
        };
        assert_eq!(cfg.build().unwrap_err(), ConfigError::ZeroDocumentLimit);
        assert!(IngestConfig::default().build().is_ok());
    }

    #[test]
    fn kind_follows_extension() {
        assert_eq!(kind_from_name("a/B.HTM"), ContentKind::Html);
        assert_eq!(kind_from_name("a.txt"), ContentKind::Text);
        assert_eq!(kind_from_name("a.md"), ContentKind::Unknown);
    }
}
