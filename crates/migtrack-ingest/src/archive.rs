//! The WARC source: `.warc` and `.warc.gz` files of the kind Common Crawl's news crawl
//! (CC-NEWS) publishes, one document per HTML page, read record by record.
//!
//! Every `response` record whose HTTP payload has a 2xx status and an HTML content type (or no
//! content type and a body that starts like HTML) is a document: bytes = the HTTP body with
//! chunked transfer coding and gzip/deflate content coding undone (kind `Html`), `url` and
//! `source` = `WARC-Target-URI`, `published` = the date of `WARC-Date` (the **crawl** date; the
//! clean stage may find the page's own date). Other records (warcinfo, request, metadata,
//! revisit, …), non-HTML and non-2xx responses are skipped silently.
//!
//! Record framing is done here and header parsing by the `warc` crate's parser, so that a
//! malformed record is one [`SourceError`] (`<file>: record N: reason`) and reading goes on at
//! the next line that starts with `WARC/` (the `warc` crate's own reader stops at the first bad
//! record, and a crawl file of thousands of pages should not be lost to one; that recovery is
//! why this framing code stays hand-written). A read failure (truncated file, corrupt gzip,
//! decompression cap) is one error and ends that file.

use std::collections::HashMap;
use std::io::{self, BufRead, Read};
use std::path::Path;

use migtrack_model::{ContentKind, DocMeta, RawDocument};
use warc::{EmptyBody, RawRecordHeader, Record, RecordType, WarcHeader};

use crate::http::{self, preview};
use crate::limit::{describe_gz_io, describe_io, is_gzip_name, open_stream, read_line_capped};
use crate::{Documents, IngestConfig, SourceError, display};

/// Longest WARC header line kept; longer ones make the record malformed.
const MAX_HEADER_LINE: usize = 16 * 1024;
/// Largest WARC header block.
const MAX_HEADER_BYTES: usize = 256 * 1024;
/// Room for the HTTP head in front of a body of the largest allowed size.
const HTTP_HEAD_SLACK: usize = 64 * 1024;

/// Open a `.warc` or `.warc.gz` file as a lazy stream of its HTML pages.
pub(crate) fn open(path: &Path, cfg: &IngestConfig) -> Documents {
    let path = path.to_path_buf();
    let cfg = cfg.clone();
    let name = display(&path);
    let gzip = is_gzip_name(&path.to_string_lossy());
    Box::new(
        std::iter::once_with(move || {
            open_stream(&path, cfg.max_decompressed_bytes)
                .map(|reader| WarcDocuments::new(name.clone(), reader, gzip, &cfg))
                .map_err(|error| {
                    SourceError::new(name, format!("cannot open: {}", describe_io(&error)))
                })
        })
        .flat_map(|opened| -> Documents {
            match opened {
                Ok(documents) => Box::new(documents),
                Err(error) => Box::new(std::iter::once(Err(error))),
            }
        }),
    )
}

/// Stream the HTML pages of a WARC held by any reader (already decompressed); `name` names it
/// in errors.
pub fn from_reader(
    name: &str,
    reader: impl BufRead + Send + 'static,
    cfg: &IngestConfig,
) -> Documents {
    Box::new(WarcDocuments::new(
        name.to_string(),
        Box::new(reader),
        false,
        cfg,
    ))
}

/// What one record turned out to be.
enum Step {
    Document(Box<RawDocument>),
    Skipped,
}

/// A record-level failure; `fatal` ends the file.
struct Failure {
    reason: String,
    fatal: bool,
}

impl Failure {
    fn recoverable(reason: impl Into<String>) -> Self {
        Failure {
            reason: reason.into(),
            fatal: false,
        }
    }
    fn fatal(reason: impl Into<String>) -> Self {
        Failure {
            reason: reason.into(),
            fatal: true,
        }
    }
}

struct WarcDocuments {
    name: String,
    reader: Option<Box<dyn BufRead + Send>>,
    gzip: bool,
    max_document_bytes: usize,
    /// Records started so far (1-based number of the current one).
    record: u64,
    /// Inside a record (`record` is its number) rather than looking for the next one.
    in_record: bool,
    /// After a malformed record: skip lines until one starts with `WARC/`.
    resync: bool,
    /// A line read ahead (while checking a record's end) that may start the next record.
    pending_line: Option<Vec<u8>>,
    line: Vec<u8>,
}

impl WarcDocuments {
    fn new(name: String, reader: Box<dyn BufRead + Send>, gzip: bool, cfg: &IngestConfig) -> Self {
        WarcDocuments {
            name,
            reader: Some(reader),
            gzip,
            max_document_bytes: cfg.max_document_bytes,
            record: 0,
            in_record: false,
            resync: false,
            pending_line: None,
            line: Vec::new(),
        }
    }

    fn io_failure(&self, error: &io::Error) -> Failure {
        let described = if self.gzip {
            describe_gz_io(error)
        } else {
            describe_io(error)
        };
        Failure::fatal(format!("cannot read: {described}"))
    }

    /// Read one line into `self.line` (a pending line first); `false` at the end of the file.
    fn next_line(&mut self, reader: &mut dyn BufRead) -> Result<bool, Failure> {
        if let Some(line) = self.pending_line.take() {
            self.line = line;
            return Ok(true);
        }
        let (consumed, cut) = read_line_capped(reader, &mut self.line, MAX_HEADER_LINE)
            .map_err(|error| self.io_failure(&error))?;
        if cut {
            // Keep a marker that this is not a header line; the bytes beyond are dropped.
            self.line.clear();
            self.line.extend_from_slice(b"\x00overlong line");
        }
        Ok(consumed > 0)
    }

    fn read_record(&mut self, reader: &mut dyn BufRead) -> Result<Option<Step>, Failure> {
        // 1. The version line that starts a record (blank lines between records are fine).
        self.in_record = false;
        loop {
            if !self.next_line(reader)? {
                return Ok(None);
            }
            if self.line.starts_with(b"WARC/") {
                break;
            }
            if is_blank(&self.line) || self.resync {
                continue;
            }
            self.record += 1;
            self.in_record = true;
            self.resync = true;
            return Err(Failure::recoverable(format!(
                "expected a `WARC/` version line, found {:?}",
                preview(&String::from_utf8_lossy(&self.line))
            )));
        }
        self.resync = false;
        self.record += 1;
        self.in_record = true;

        // 2. Header lines up to the blank line.
        let mut head = self.line.clone();
        loop {
            if !self.next_line(reader)? {
                return Err(Failure::fatal("truncated record header"));
            }
            head.extend_from_slice(&self.line);
            if is_blank(&self.line) {
                break;
            }
            if head.len() > MAX_HEADER_BYTES {
                self.resync = true;
                return Err(Failure::recoverable(format!(
                    "header block larger than {MAX_HEADER_BYTES} bytes"
                )));
            }
        }

        // 3. Parse them with the warc crate.
        let (content_length, raw) = match parse_head(&head) {
            Ok(parsed) => parsed,
            Err(reason) => {
                self.resync = true;
                return Err(Failure::recoverable(reason));
            }
        };
        let target = raw
            .headers
            .get(&WarcHeader::TargetURI)
            .map(|value| clean_uri(&String::from_utf8_lossy(value)))
            .filter(|uri| !uri.is_empty());
        let is_response = raw
            .headers
            .get(&WarcHeader::WarcType)
            .is_some_and(|value| value.eq_ignore_ascii_case(b"response"));
        let limit = self.max_document_bytes.saturating_add(HTTP_HEAD_SLACK);
        let keep_body = is_response && content_length <= limit;

        // 4. The block, read or skipped by Content-Length, and the line break that ends it.
        let body = self.read_block(reader, content_length, keep_body)?;
        self.check_record_end(reader)?;

        // 5. Check the record's header, then decide what the record is.
        let record: Record<EmptyBody> = match raw.try_into() {
            Ok(record) => record,
            Err(error) => {
                return Err(Failure::recoverable(format!(
                    "invalid WARC header: {error}"
                )));
            }
        };
        if *record.warc_type() != RecordType::Response {
            return Ok(Some(Step::Skipped));
        }
        let about = target.as_deref().unwrap_or("no WARC-Target-URI");
        if !keep_body {
            return Err(Failure::recoverable(format!(
                "({about}) record too large: {content_length} bytes (limit {limit})"
            )));
        }
        let response = http::parse(&body)
            .map_err(|reason| Failure::recoverable(format!("({about}) {reason}")))?;
        if !response.is_success() || response.declares_html() == Some(false) {
            return Ok(Some(Step::Skipped));
        }
        let page = response
            .decoded_body(self.max_document_bytes)
            .map_err(|reason| Failure::recoverable(format!("({about}) {reason}")))?;
        if response.declares_html().is_none() && !http::sniff_html(&page) {
            return Ok(Some(Step::Skipped));
        }
        let source = target
            .clone()
            .unwrap_or_else(|| format!("{}#record{}", self.name, self.record));
        Ok(Some(Step::Document(Box::new(RawDocument {
            source,
            bytes: page,
            kind: ContentKind::Html,
            meta: DocMeta {
                url: target,
                published: Some(record.date().date_naive()),
                ..DocMeta::default()
            },
        }))))
    }

    /// Read (`keep`) or skip `length` bytes of record block.
    fn read_block(
        &mut self,
        reader: &mut dyn BufRead,
        length: usize,
        keep: bool,
    ) -> Result<Vec<u8>, Failure> {
        let mut block = Vec::new();
        let wanted = length as u64;
        let got = if keep {
            block.reserve(length.min(1024 * 1024));
            reader
                .take(wanted)
                .read_to_end(&mut block)
                .map_err(|error| self.io_failure(&error))? as u64
        } else {
            io::copy(&mut reader.take(wanted), &mut io::sink())
                .map_err(|error| self.io_failure(&error))?
        };
        if got < wanted {
            return Err(Failure::fatal(format!(
                "truncated record: block has {got} of {wanted} bytes"
            )));
        }
        Ok(block)
    }

    /// After the block come two line breaks (`\r\n\r\n`; one is tolerated when the next
    /// record or the end of the file follows). Anything else means the Content-Length was
    /// wrong: the record is malformed, and the line read is kept for the resync.
    fn check_record_end(&mut self, reader: &mut dyn BufRead) -> Result<(), Failure> {
        for _ in 0..2 {
            if !self.next_line(reader)? || is_blank(&self.line) {
                continue;
            }
            let next_record = self.line.starts_with(b"WARC/");
            self.pending_line = Some(std::mem::take(&mut self.line));
            if next_record {
                return Ok(());
            }
            self.resync = true;
            return Err(Failure::recoverable(
                "record block does not end where its Content-Length says",
            ));
        }
        Ok(())
    }
}

impl Iterator for WarcDocuments {
    type Item = Result<RawDocument, SourceError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let mut reader = self.reader.take()?;
            let step = self.read_record(reader.as_mut());
            match step {
                Ok(None) => return None,
                Ok(Some(Step::Skipped)) => self.reader = Some(reader),
                Ok(Some(Step::Document(document))) => {
                    self.reader = Some(reader);
                    return Some(Ok(*document));
                }
                Err(failure) => {
                    if !failure.fatal {
                        self.reader = Some(reader);
                    }
                    let number = if self.in_record {
                        self.record
                    } else {
                        self.record + 1
                    };
                    return Some(Err(SourceError::new(
                        self.name.clone(),
                        format!("record {number}: {}", failure.reason),
                    )));
                }
            }
        }
    }
}

/// Parse a WARC header block (version line to blank line) into its Content-Length and headers.
fn parse_head(head: &[u8]) -> Result<(usize, RawRecordHeader), String> {
    let (rest, (version, headers, content_length)) =
        warc::parser::headers(head).map_err(|_| "malformed WARC header block".to_string())?;
    if !is_blank(rest) {
        let bad_line = rest.split(|&byte| byte == b'\n').next().unwrap_or(rest);
        return Err(format!(
            "malformed WARC header line {:?}",
            preview(String::from_utf8_lossy(bad_line).trim_end())
        ));
    }
    let mut map: HashMap<WarcHeader, Vec<u8>> = HashMap::with_capacity(headers.len());
    for (token, value) in headers {
        map.entry(WarcHeader::from(token))
            .or_insert_with(|| value.to_vec());
    }
    if !map.contains_key(&WarcHeader::ContentLength) {
        return Err("missing Content-Length".to_string());
    }
    Ok((
        content_length,
        RawRecordHeader {
            version: version.to_string(),
            headers: map,
        },
    ))
}

/// `WARC-Target-URI` values are sometimes wrapped in `<…>` (WARC 1.0 drafts).
fn clean_uri(value: &str) -> String {
    let value = value.trim();
    value
        .strip_prefix('<')
        .and_then(|inner| inner.strip_suffix('>'))
        .unwrap_or(value)
        .to_string()
}

fn is_blank(line: &[u8]) -> bool {
    line.iter().all(|byte| *byte == b'\r' || *byte == b'\n')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_block_parses_with_content_length() {
        let head = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 12\r\n\r\n";
        let (length, raw) = parse_head(head).unwrap();
        assert_eq!(length, 12);
        assert_eq!(
            raw.headers.get(&WarcHeader::WarcType).map(Vec::as_slice),
            Some(&b"response"[..])
        );
    }

    #[test]
    fn garbage_header_line_is_malformed() {
        let head =
            b"WARC/1.0\r\nWARC-Type: response\r\nthis is not a header\r\nContent-Length: 1\r\n\r\n";
        let reason = parse_head(head).unwrap_err();
        assert!(reason.contains("malformed WARC header line"), "{reason}");
    }

    #[test]
    fn missing_content_length_is_malformed() {
        let head = b"WARC/1.0\r\nWARC-Type: response\r\n\r\n";
        assert_eq!(parse_head(head).unwrap_err(), "missing Content-Length");
    }

    #[test]
    fn angle_brackets_are_stripped_from_uris() {
        assert_eq!(clean_uri(" <https://a.example/x> "), "https://a.example/x");
        assert_eq!(clean_uri("https://a.example/x"), "https://a.example/x");
    }
}
