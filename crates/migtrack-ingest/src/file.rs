//! The file source: one file (or standard input) as one document, with the size cap, optional
//! gzip, and the dispatch of a file to the manifest, feed or WARC source by its name or content.

use std::io::{BufReader, Read};
use std::path::Path;

use flate2::bufread::MultiGzDecoder;
use migtrack_model::{ContentKind, DocMeta, RawDocument};

use crate::limit::{
    describe_gz_io, describe_io, is_gzip_name, open_regular, read_capped, strip_gz,
};
use crate::{
    Documents, IngestConfig, SourceError, archive, display, feed, kind_from_name, manifest,
};

/// What a file holds, as far as its name tells (a trailing `.gz` is looked through).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// One document; `Unknown` files are also sniffed for `<rss`/`<feed` when read.
    Document(ContentKind),
    /// `.jsonl`: a JSONL manifest.
    Manifest,
    /// `.rss`, `.atom`, `.xml`: an RSS or Atom feed.
    Feed,
    /// `.warc`: a web archive.
    Warc,
}

/// Classify a file by its name (see [`SourceKind`]).
pub fn detect(path: &Path) -> SourceKind {
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let inner = strip_gz(&name);
    let extension = inner.rsplit_once('.').map(|(_, ext)| ext).unwrap_or("");
    match extension {
        "jsonl" => SourceKind::Manifest,
        "warc" => SourceKind::Warc,
        "rss" | "atom" | "xml" => SourceKind::Feed,
        _ => SourceKind::Document(kind_from_name(inner)),
    }
}

/// Open one file (not a directory) as a stream of documents.
pub(crate) fn open_file(path: &Path, cfg: &IngestConfig) -> Documents {
    match detect(path) {
        SourceKind::Manifest => manifest::open(path, cfg),
        SourceKind::Warc => archive::open(path, cfg),
        SourceKind::Feed => read_then(path, cfg, |source, bytes| feed::from_bytes(&source, &bytes)),
        SourceKind::Document(kind) => read_then(path, cfg, move |source, bytes| -> Documents {
            if kind == ContentKind::Unknown && feed::sniff(&bytes) {
                feed::from_bytes(&source, &bytes)
            } else {
                Box::new(std::iter::once(Ok(RawDocument {
                    source,
                    bytes,
                    kind,
                    meta: DocMeta::default(),
                })))
            }
        }),
    }
}

/// The documents `documents` finds in the file's source name and bytes, the file read when the
/// stream is first pulled (a read error is then the stream's one item).
fn read_then(
    path: &Path,
    cfg: &IngestConfig,
    mut documents: impl FnMut(String, Vec<u8>) -> Documents + Send + 'static,
) -> Documents {
    let path = path.to_path_buf();
    let cfg = cfg.clone();
    Box::new(
        std::iter::once_with(move || {
            let source = display(&path);
            read_bytes(&path, &source, &cfg).map(|bytes| (source, bytes))
        })
        .flat_map(move |result| -> Documents {
            match result {
                Ok((source, bytes)) => documents(source, bytes),
                Err(error) => Box::new(std::iter::once(Err(error))),
            }
        }),
    )
}

/// Read one file as a [`RawDocument`] with the given metadata (the manifest source uses it).
pub(crate) fn read_document(
    path: &Path,
    source: String,
    meta: DocMeta,
    cfg: &IngestConfig,
) -> Result<RawDocument, SourceError> {
    let bytes = read_bytes(path, &source, cfg)?;
    let name = path.to_string_lossy();
    Ok(RawDocument {
        kind: kind_from_name(strip_gz(&name)),
        source,
        bytes,
        meta,
    })
}

/// All bytes of one file, decompressed when its name ends in `.gz`, refusing more than
/// `max_document_bytes` (a plain file is refused from its size without being read). Errors
/// are reported under `source`.
pub(crate) fn read_bytes(
    path: &Path,
    source: &str,
    cfg: &IngestConfig,
) -> Result<Vec<u8>, SourceError> {
    let fail = |reason: String| SourceError::new(source, reason);
    let file = open_regular(path).map_err(|error| {
        fail(format!(
            "cannot open {}: {}",
            display(path),
            describe_io(&error)
        ))
    })?;
    let limit = cfg.max_document_bytes;
    if is_gzip_name(&path.to_string_lossy()) {
        let limit = usize::try_from(cfg.max_decompressed_bytes)
            .unwrap_or(usize::MAX)
            .min(limit);
        let decoder = MultiGzDecoder::new(BufReader::new(file));
        match read_capped(decoder, limit) {
            Ok(Some(bytes)) => Ok(bytes),
            Ok(None) => Err(fail(format!(
                "file too large: more than {limit} bytes after decompression (limit {limit})"
            ))),
            Err(error) => Err(fail(describe_gz_io(&error))),
        }
    } else {
        let size = file
            .metadata()
            .map_err(|error| fail(format!("cannot read: {}", describe_io(&error))))?
            .len();
        if size > limit as u64 {
            return Err(fail(format!(
                "file too large: {size} bytes (limit {limit})"
            )));
        }
        match read_capped(file, limit) {
            Ok(Some(bytes)) => Ok(bytes),
            Ok(None) => Err(fail(format!(
                "file too large: more than {limit} bytes (limit {limit})"
            ))),
            Err(error) => Err(fail(format!("cannot read: {}", describe_io(&error)))),
        }
    }
}

/// Standard input as one document (source `-`); gzip data (magic bytes) is decompressed.
pub(crate) fn read_stdin(cfg: &IngestConfig) -> Result<RawDocument, SourceError> {
    read_stream("-", std::io::stdin(), cfg)
}

/// One document from any reader: the body of [`read_stdin`], testable without a terminal.
pub(crate) fn read_stream(
    source: &str,
    reader: impl Read,
    cfg: &IngestConfig,
) -> Result<RawDocument, SourceError> {
    let limit = cfg.max_document_bytes;
    let fail = |reason: String| SourceError::new(source, reason);
    let bytes = match read_capped(reader, limit) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => {
            return Err(fail(format!(
                "input too large: more than {limit} bytes (limit {limit})"
            )));
        }
        Err(error) => return Err(fail(format!("cannot read: {}", describe_io(&error)))),
    };
    let bytes = if bytes.starts_with(&[0x1f, 0x8b]) {
        let limit = usize::try_from(cfg.max_decompressed_bytes)
            .unwrap_or(usize::MAX)
            .min(limit);
        match read_capped(MultiGzDecoder::new(&bytes[..]), limit) {
            Ok(Some(bytes)) => bytes,
            Ok(None) => {
                return Err(fail(format!(
                    "input too large: more than {limit} bytes after decompression (limit {limit})"
                )));
            }
            Err(error) => return Err(fail(describe_gz_io(&error))),
        }
    } else {
        bytes
    };
    Ok(RawDocument {
        source: source.to_string(),
        bytes,
        kind: ContentKind::Unknown,
        meta: DocMeta::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detect_dispatches_by_name_through_gz() {
        let cases = [
            ("a/index.jsonl", SourceKind::Manifest),
            ("x.jsonl.gz", SourceKind::Manifest),
            ("cc.warc.gz", SourceKind::Warc),
            ("cc.WARC", SourceKind::Warc),
            ("news.rss", SourceKind::Feed),
            ("news.atom", SourceKind::Feed),
            ("news.xml.gz", SourceKind::Feed),
            ("page.html.gz", SourceKind::Document(ContentKind::Html)),
            ("page.htm", SourceKind::Document(ContentKind::Html)),
            ("story.txt", SourceKind::Document(ContentKind::Text)),
            ("README", SourceKind::Document(ContentKind::Unknown)),
            ("data.gz", SourceKind::Document(ContentKind::Unknown)),
        ];
        for (name, expected) in cases {
            assert_eq!(detect(Path::new(name)), expected, "{name}");
        }
    }

    #[test]
    fn stream_reader_decompresses_gzip_magic() {
        use flate2::{Compression, write::GzEncoder};
        use std::io::Write;
        let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
        encoder.write_all(b"hello").unwrap();
        let packed = encoder.finish().unwrap();
        let doc = read_stream("-", &packed[..], &IngestConfig::default()).unwrap();
        assert_eq!(doc.bytes, b"hello");
        assert_eq!(doc.source, "-");
    }

    #[test]
    fn stream_reader_refuses_input_over_the_cap() {
        let cfg = IngestConfig {
            max_document_bytes: 4,
            ..IngestConfig::default()
        };
        let error = read_stream("-", &b"hello"[..], &cfg).unwrap_err();
        assert_eq!(
            error.to_string(),
            "-: input too large: more than 4 bytes (limit 4)"
        );
    }
}
