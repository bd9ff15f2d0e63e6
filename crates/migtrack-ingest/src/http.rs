//! A small, careful reader of the HTTP responses stored in WARC `response` records: status line,
//! headers, and the body with chunked transfer coding and gzip/deflate content coding undone,
//! all behind a size cap. Enough for archived pages; not a general HTTP client.

use flate2::read::{DeflateDecoder, MultiGzDecoder, ZlibDecoder};

use crate::limit::{describe_gz_io, read_capped};

/// A parsed response head and its still-encoded body.
#[derive(Debug)]
pub(crate) struct Response<'a> {
    pub status: u16,
    headers: Vec<(String, String)>,
    body: &'a [u8],
}

/// Split and parse `payload` (`HTTP/1.x NNN reason`, headers, blank line, body). The head ends
/// at the first `\r\n\r\n` (or bare `\n\n`).
pub(crate) fn parse(payload: &[u8]) -> Result<Response<'_>, String> {
    let crlf = find(payload, b"\r\n\r\n").map(|index| (index, index + 4));
    let lf = find(payload, b"\n\n").map(|index| (index, index + 2));
    let (head_end, body_start) = match (crlf, lf) {
        (Some(a), Some(b)) => a.min(b),
        (Some(a), None) => a,
        (None, Some(b)) => b,
        (None, None) => {
            // A response with headers and no body at all.
            if payload.ends_with(b"\r\n") || payload.ends_with(b"\n") {
                (payload.len(), payload.len())
            } else {
                return Err("HTTP response has no end of headers".to_string());
            }
        }
    };
    let head = String::from_utf8_lossy(&payload[..head_end]);
    let mut lines = head
        .split('\n')
        .map(|line| line.strip_suffix('\r').unwrap_or(line));
    let status_line = lines.next().unwrap_or("");
    let status = parse_status_line(status_line)
        .ok_or_else(|| format!("bad HTTP status line {:?}", preview(status_line)))?;
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in lines {
        if line.starts_with([' ', '\t']) {
            // Obsolete line folding: a continuation of the previous header.
            if let Some((_, value)) = headers.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
            continue;
        }
        if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
        }
    }
    Ok(Response {
        status,
        headers,
        body: &payload[body_start..],
    })
}

fn parse_status_line(line: &str) -> Option<u16> {
    let mut parts = line.split_ascii_whitespace();
    if !parts.next()?.starts_with("HTTP/") {
        return None;
    }
    let code = parts.next()?;
    if code.len() != 3 || !code.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    code.parse().ok()
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
