//! A small, careful reader of the HTTP responses stored in WARC `response` records: the head
//! (status line and headers) through httparse, and the body with chunked transfer coding and
//! gzip/deflate content coding undone, all behind a size cap. Enough for archived pages; not a
//! general HTTP client.

use std::borrow::Cow;

use flate2::read::{DeflateDecoder, MultiGzDecoder, ZlibDecoder};

use crate::limit::{describe_gz_io, read_capped};

/// A parsed response head and its still-encoded body.
#[derive(Debug)]
pub(crate) struct Response<'a> {
    pub status: u16,
    headers: Vec<(String, String)>,
    body: &'a [u8],
}

/// The most header lines a response head may have.
const MAX_HEADERS: usize = 256;

/// Split and parse `payload` (`HTTP/1.x NNN reason`, headers, blank line, body). The head ends
/// at the first `\r\n\r\n` (or bare `\n\n`); httparse reads it.
pub(crate) fn parse(payload: &[u8]) -> Result<Response<'_>, String> {
    let crlf = find(payload, b"\r\n\r\n").map(|index| index + 4);
    let lf = find(payload, b"\n\n").map(|index| index + 2);
    let (head, body_start) = match crlf.into_iter().chain(lf).min() {
        Some(end) => (Cow::Borrowed(&payload[..end]), end),
        // A response with headers and no body at all: end the head for the parser.
        None if payload.ends_with(b"\n") => {
            let mut head = payload.to_vec();
            head.extend_from_slice(b"\r\n");
            (Cow::Owned(head), payload.len())
        }
        None => return Err("HTTP response has no end of headers".to_string()),
    };
    let head = as_http1(head);
    let mut slots = vec![httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut response = httparse::Response::new(&mut slots);
    let parsed = httparse::ParserConfig::default()
        .allow_obsolete_multiline_headers_in_responses(true)
        .allow_spaces_after_header_name_in_responses(true)
        .ignore_invalid_headers_in_responses(true)
        .parse_response(&mut response, &head);
    let status_line = || {
        let line = head.split(|&byte| byte == b'\n').next().unwrap_or(b"");
        preview(String::from_utf8_lossy(line).trim_end())
    };
    match parsed {
        Ok(httparse::Status::Complete(_)) => {}
        Ok(httparse::Status::Partial) => {
            return Err(format!("HTTP head cut short after {:?}", status_line()));
        }
        Err(httparse::Error::Status | httparse::Error::Version) => {
            return Err(format!("bad HTTP status line {:?}", status_line()));
        }
        Err(error) => return Err(format!("bad HTTP head ({error}) after {:?}", status_line())),
    }
    let status = response.code.ok_or("HTTP response has no status code")?;
    let headers = response
        .headers
        .iter()
        .map(|header| {
            // A folded value (obsolete line folding) is one value with single spaces.
            let value = String::from_utf8_lossy(header.value);
            let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
            (header.name.to_ascii_lowercase(), value)
        })
        .collect();
    Ok(Response {
        status,
        headers,
        body: &payload[body_start..],
    })
}

/// httparse reads only HTTP/1.0 and 1.1 heads. A WARC writer stores an HTTP/2 or HTTP/3
/// response as the same text head with `HTTP/2` (or `HTTP/2.0`, `HTTP/3`) in its status
/// line, so that version is read as 1.1; anything else goes to httparse as it is.
fn as_http1(head: Cow<'_, [u8]>) -> Cow<'_, [u8]> {
    let version_end = head
        .iter()
        .position(|&byte| byte == b' ')
        .unwrap_or(head.len());
    match &head[..version_end] {
        b"HTTP/2" | b"HTTP/2.0" | b"HTTP/3" | b"HTTP/3.0" => {
            let mut rewritten = b"HTTP/1.1".to_vec();
            rewritten.extend_from_slice(&head[version_end..]);
            Cow::Owned(rewritten)
        }
        _ => head,
    }
}

impl Response<'_> {
    /// The value of the first header of that name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value.as_str())
    }

    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// `Some(true)` for an HTML media type, `Some(false)` for another, `None` without one.
    pub fn declares_html(&self) -> Option<bool> {
        let value = self.header("content-type")?;
        let essence = value
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        Some(essence == "text/html" || essence == "application/xhtml+xml")
    }

    /// The body with transfer and content codings undone, refusing more than `limit` bytes at
    /// any step.
    pub fn decoded_body(&self, limit: usize) -> Result<Vec<u8>, String> {
        let chunked = self
            .headers
            .iter()
            .filter(|(key, _)| key == "transfer-encoding")
            .any(|(_, value)| value.to_ascii_lowercase().contains("chunked"));
        let body = if chunked {
            dechunk(self.body, limit)?
        } else {
            if self.body.len() > limit {
                return Err(too_large(limit));
            }
            self.body.to_vec()
        };
        let coding = self
            .header("content-encoding")
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        let decoded = match coding.as_str() {
            "" | "identity" => return Ok(body),
            "gzip" | "x-gzip" => read_capped(MultiGzDecoder::new(&body[..]), limit),
            "deflate" => {
                // "deflate" is zlib-wrapped by the standard and raw in some servers.
                match read_capped(ZlibDecoder::new(&body[..]), limit) {
                    Ok(result) => Ok(result),
                    Err(_) => read_capped(DeflateDecoder::new(&body[..]), limit),
                }
            }
            other => return Err(format!("unsupported Content-Encoding {other:?}")),
        };
        match decoded {
            Ok(Some(bytes)) => Ok(bytes),
            Ok(None) => Err(too_large(limit)),
            Err(error) => Err(format!(
                "cannot decode {coding} body: {}",
                describe_gz_io(&error)
            )),
        }
    }
}

fn too_large(limit: usize) -> String {
    format!("HTTP body too large: more than {limit} bytes (limit {limit})")
}

/// Undo `Transfer-Encoding: chunked`: `SIZE[;ext]\r\n DATA \r\n … 0\r\n [trailers] \r\n`.
fn dechunk(mut input: &[u8], limit: usize) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    loop {
        let line_end = input
            .iter()
            .position(|&byte| byte == b'\n')
            .ok_or("truncated chunked body: no chunk size line")?;
        let line = String::from_utf8_lossy(&input[..line_end]);
        let size_text = line.split(';').next().unwrap_or("").trim();
        let size = usize::from_str_radix(size_text, 16)
            .map_err(|_| format!("bad chunk size {:?}", preview(size_text)))?;
        input = &input[line_end + 1..];
        if size == 0 {
            return Ok(out);
        }
        if out.len().saturating_add(size) > limit {
            return Err(too_large(limit));
        }
        let chunk = input
            .get(..size)
            .ok_or("truncated chunked body: chunk shorter than its size")?;
        out.extend_from_slice(chunk);
        input = &input[size..];
        input = input
            .strip_prefix(b"\r\n")
            .or_else(|| input.strip_prefix(b"\n"))
            .ok_or("bad chunked body: chunk not followed by a line break")?;
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

/// The start of a text for an error message: at most 40 characters.
pub(crate) fn preview(text: &str) -> String {
    text.chars().take(40).collect()
}

/// The body looks like HTML: `<!doctype html` or `<html` at its start (after whitespace).
pub(crate) fn sniff_html(body: &[u8]) -> bool {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let start = body
        .iter()
        .position(|byte| !byte.is_ascii_whitespace())
        .unwrap_or(body.len());
    let head: Vec<u8> = body[start..body.len().min(start + 14)].to_ascii_lowercase();
    head.starts_with(b"<!doctype html") || head.starts_with(b"<html")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_headers_and_body_are_split() {
        let response = parse(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nX-A: 1\r\n\r\n<p>hi</p>",
        )
        .unwrap();
        assert_eq!(response.status, 200);
        assert!(response.is_success());
        assert_eq!(response.declares_html(), Some(true));
        assert_eq!(response.header("x-a"), Some("1"));
        assert_eq!(response.decoded_body(100).unwrap(), b"<p>hi</p>");
    }

    #[test]
    fn bad_status_lines_are_errors() {
        for payload in [
            &b"HTP/1.1 200 OK\r\n\r\n"[..],
            b"HTTP/1.1 2000 OK\r\n\r\n",
            b"garbage",
        ] {
            assert!(
                parse(payload).is_err(),
                "{:?}",
                String::from_utf8_lossy(payload)
            );
        }
    }

    #[test]
    fn a_malformed_status_line_is_an_error_that_quotes_it() {
        for payload in [
            &b"HTTP/1.1 2x0 OK\r\nContent-Type: text/html\r\n\r\n<p>x</p>"[..],
            b"HTTP/1.1\r\n\r\n",
            b"HTTP/1.1 OK 200\r\n\r\n",
            b"HTTP/9.9 200 OK\r\n\r\n",
            b"<html>200 OK</html>\r\n\r\n",
        ] {
            let error = parse(payload).unwrap_err();
            assert!(
                error.starts_with("bad HTTP status line"),
                "{error} for {:?}",
                String::from_utf8_lossy(payload)
            );
        }
    }

    #[test]
    fn http2_heads_bare_line_feeds_folded_and_odd_headers_are_read() {
        let response = parse(b"HTTP/2 404\r\ncontent-type: text/plain\r\n\r\ngone").unwrap();
        assert_eq!(response.status, 404);
        assert_eq!(response.header("Content-Type"), Some("text/plain"));
        let response =
            parse(b"HTTP/1.0 200 OK\nX-Folded: one\n  two\nnot a header\nServer : old\n\n<p>")
                .unwrap();
        assert_eq!(response.status, 200);
        assert_eq!(response.header("x-folded"), Some("one two"));
        assert_eq!(response.header("server"), Some("old"));
        assert_eq!(response.decoded_body(10).unwrap(), b"<p>");
        let response = parse(b"HTTP/1.1 204 No Content\r\nX-A: 1\r\n").unwrap();
        assert_eq!(response.status, 204);
        assert_eq!(response.header("x-a"), Some("1"));
    }

    #[test]
    fn chunked_body_is_joined() {
        let response = parse(
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n<p>a\r\n5;x=y\r\nb</p>\r\n0\r\n\r\n",
        )
        .unwrap();
        assert_eq!(response.decoded_body(100).unwrap(), b"<p>ab</p>");
    }

    #[test]
    fn truncated_chunked_body_is_an_error() {
        let response =
            parse(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nff\r\n<p>a").unwrap();
        assert!(
            response
                .decoded_body(1000)
                .unwrap_err()
                .contains("truncated")
        );
    }

    #[test]
    fn gzip_content_encoding_is_undone_behind_the_cap() {
        use flate2::{Compression, write::GzEncoder};
        use std::io::Write;
        let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
        encoder.write_all(b"<p>zipped</p>").unwrap();
        let mut payload = b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        payload.extend(encoder.finish().unwrap());
        let response = parse(&payload).unwrap();
        assert_eq!(response.decoded_body(100).unwrap(), b"<p>zipped</p>");
        assert!(response.decoded_body(5).unwrap_err().contains("too large"));
    }

    #[test]
    fn html_is_sniffed_when_undeclared() {
        assert!(sniff_html(b"  <!DOCTYPE html><html>"));
        assert!(sniff_html(b"<HTML lang=en>"));
        assert!(!sniff_html(b"{\"json\": 1}"));
    }
}
