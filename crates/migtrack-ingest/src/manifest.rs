//! The JSONL manifest source: one document per line, read line by line (never the whole file).
//!
//! Each non-blank line is a JSON object with exactly one of
//! - `file` or `path`: a file relative to the manifest's folder (or absolute), read like any
//!   single document (size cap, `.gz`, kind from its extension); the document's `source` is
//!   that path joined to the manifest's folder, as the user would type it;
//! - `text`: the document itself, inline (kind `Unknown`); its `source` is `<manifest>:<line>`;
//!
//! and optionally `url`, `title`, `published` (`YYYY-MM-DD`, an RFC 3339 date-time — its date as
//! written — or `null`), `outlet`, `lang`. Other keys (`dataset`, `notes`, …) are ignored.
//! A bad line (not JSON, no or several of file/path/text, missing file, bad date) is one
//! [`SourceError`] whose source is `<manifest>:<line>` (1-based); the next line goes on.

use std::io::BufRead;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate};
use migtrack_model::{ContentKind, DocMeta, RawDocument};
use serde::Deserialize;

use crate::file::read_document;
use crate::limit::{describe_gz_io, describe_io, open_stream, read_line_capped};
use crate::{Documents, IngestConfig, SourceError, display};

/// Room for the JSON around an inline `text` of the largest allowed size.
const LINE_SLACK: usize = 64 * 1024;

/// One manifest line (unknown keys ignored).
#[derive(Debug, Deserialize)]
struct Line {
    file: Option<String>,
    path: Option<String>,
    text: Option<String>,
    url: Option<String>,
    title: Option<String>,
    published: Option<String>,
    outlet: Option<String>,
    lang: Option<String>,
}

/// The files a plain-text manifest lists (`file`/`path`, joined to its folder), read line by
/// line; unreadable lines are passed over (reading the manifest as a source reports them).
/// A folder walk uses it not to read those files a second time, bare.
pub(crate) fn listed_files(path: &Path) -> Vec<PathBuf> {
    let folder = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let Ok(file) = crate::limit::open_regular(path) else {
        return Vec::new();
    };
    std::io::BufReader::new(file)
        .lines()
        .map_while(Result::ok)
        .filter_map(|line| serde_json::from_str::<Line>(&line).ok())
        .filter_map(|line| line.file.or(line.path))
        .map(|file| folder.join(file))
        .collect()
}

/// Open a manifest (any name; `.gz` is decompressed) as a lazy stream of its documents.
pub(crate) fn open(path: &Path, cfg: &IngestConfig) -> Documents {
    Box::new(Manifest {
        path: path.to_path_buf(),
        name: display(path),
        folder: path.parent().map(Path::to_path_buf).unwrap_or_default(),
        reader: None,
        started: false,
        line_number: 0,
        line: Vec::new(),
        cfg: cfg.clone(),
    })
}

struct Manifest {
    path: PathBuf,
    /// The manifest as given, for `<manifest>:<line>`.
    name: String,
    folder: PathBuf,
    reader: Option<Box<dyn BufRead + Send>>,
    started: bool,
    line_number: u64,
    line: Vec<u8>,
    cfg: IngestConfig,
}

impl Iterator for Manifest {
    type Item = Result<RawDocument, SourceError>;

    fn next(&mut self) -> Option<Self::Item> {
        if !self.started {
            self.started = true;
            match open_stream(&self.path, self.cfg.max_decompressed_bytes) {
                Ok(reader) => self.reader = Some(reader),
                Err(error) => {
                    return Some(Err(SourceError::new(
                        self.name.clone(),
                        format!("cannot open manifest: {}", describe_io(&error)),
                    )));
                }
            }
        }
        let cap = self.cfg.max_document_bytes.saturating_add(LINE_SLACK);
        loop {
            let reader = self.reader.as_mut()?;
            let (consumed, cut) = match read_line_capped(reader.as_mut(), &mut self.line, cap) {
                Ok(read) => read,
                Err(error) => {
                    self.reader = None;
                    return Some(Err(SourceError::new(
                        format!("{}:{}", self.name, self.line_number + 1),
                        format!("cannot read manifest: {}", describe_gz_io(&error)),
                    )));
                }
            };
            if consumed == 0 {
                self.reader = None;
                return None;
            }
            self.line_number += 1;
            let here = format!("{}:{}", self.name, self.line_number);
            if cut {
                return Some(Err(SourceError::new(
                    here,
                    format!("line too long: more than {cap} bytes"),
                )));
            }
            if self.line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(document(&self.line, &self.folder, here, &self.cfg));
        }
    }
}

/// The document one manifest line (one JSON object, its newline optional) describes: `here`
/// names it in errors (`<manifest>:<line>`), and a `file` or `path` is read relative to
/// `folder`. Public for the fuzz targets in `fuzz/`.
pub fn document(
    line: &[u8],
    folder: &Path,
    here: String,
    cfg: &IngestConfig,
) -> Result<RawDocument, SourceError> {
    let fail = |reason: String| SourceError::new(here.clone(), reason);
    let line: Line = serde_json::from_slice(line).map_err(|error| {
        fail(if error.is_data() {
            format!("bad manifest entry: {error}")
        } else {
            format!("not JSON: {error}")
        })
    })?;
    let published = match line.published.as_deref() {
        None => None,
        Some(value) => Some(parse_date(value).ok_or_else(|| {
            fail(format!(
                "bad `published` date {value:?}: expected YYYY-MM-DD or an RFC 3339 date-time"
            ))
        })?),
    };
    let meta = DocMeta {
        url: line.url,
        title: line.title,
        published,
        outlet: line.outlet,
        lang: line.lang,
    };
    match (line.file, line.path, line.text) {
        (Some(file), None, None) | (None, Some(file), None) => {
            let path = folder.join(&file);
            read_document(&path, display(&path), meta, cfg).map_err(|error| fail(error.reason))
        }
        (None, None, Some(text)) => {
            if text.len() > cfg.max_document_bytes {
                return Err(fail(format!(
                    "inline text too large: {} bytes (limit {})",
                    text.len(),
                    cfg.max_document_bytes
                )));
            }
            Ok(RawDocument {
                source: here.clone(),
                bytes: text.into_bytes(),
                kind: ContentKind::Unknown,
                meta,
            })
        }
        (None, None, None) => Err(fail(
            "no `file`, `path` or `text`: nothing to read".to_string(),
        )),
        _ => Err(fail(
            "give only one of `file`, `path` and `text`".to_string(),
        )),
    }
}

/// `YYYY-MM-DD`, or the date (as written, in its own offset) of an RFC 3339 date-time.
fn parse_date(value: &str) -> Option<NaiveDate> {
    let value = value.trim();
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .ok()
        .filter(|_| value.len() == 10)
        .or_else(|| {
            DateTime::parse_from_rfc3339(value)
                .ok()
                .map(|datetime| datetime.date_naive())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_both_forms_parse_and_others_do_not() {
        let cases = [
            ("2025-11-27", Some((2025, 11, 27))),
            ("2025-11-27T23:30:00-05:00", Some((2025, 11, 27))),
            ("2025-11-27T01:00:00Z", Some((2025, 11, 27))),
            ("2025-1-7", None),
            ("27/11/2025", None),
            ("2025-02-30", None),
            ("", None),
        ];
        for (text, expected) in cases {
            let expected =
                expected.and_then(|(year, month, day)| NaiveDate::from_ymd_opt(year, month, day));
            assert_eq!(parse_date(text), expected, "{text:?}");
        }
    }
}
