//! Bytes → text: UTF-8 when valid (or overwhelmingly valid, with the few bad sequences
//! replaced), otherwise the encoding chardetng guesses (Latin-1, Windows-1252, …), and a
//! refusal for binary content.

use std::borrow::Cow;

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{UTF_16BE, UTF_16LE};

use super::CleanError;

/// How many leading bytes the binary sniffing looks at.
const SNIFF_BYTES: usize = 64 * 1024;
/// Share of control bytes (other than tab, newline, carriage return, form feed, escape) above
/// which a document counts as binary.
const MAX_CONTROL_SHARE: f64 = 0.05;

/// At most one invalid sequence for this many valid multi-byte UTF-8 characters (and always at
/// least one allowed when there is one valid multi-byte character) for a document to be read as
/// UTF-8 with replacement rather than handed to chardetng. A legacy 8-bit document almost never
/// holds a valid UTF-8 multi-byte sequence (it needs a lead byte such as `Ã` followed by exactly
/// the right number of bytes in 0x80–0xBF), while each of its non-ASCII letters is invalid UTF-8.
const VALID_PER_INVALID: usize = 10;

/// Decode a document's bytes to text; which encoding was used is returned for diagnostics
/// ("UTF-8", "windows-1252", or "UTF-8 with replacement (N invalid sequences)").
pub fn decode(bytes: &[u8]) -> Result<(String, Cow<'static, str>), CleanError> {
    // Byte-order marks first: UTF-16 text is full of NUL bytes but is not binary.
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return decode_unmarked(rest);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        let (text, _) = UTF_16LE.decode_without_bom_handling(rest);
        return check_decoded(text.into_owned(), "UTF-16LE".into());
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        let (text, _) = UTF_16BE.decode_without_bom_handling(rest);
        return check_decoded(text.into_owned(), "UTF-16BE".into());
    }
    decode_unmarked(bytes)
}

fn decode_unmarked(bytes: &[u8]) -> Result<(String, Cow<'static, str>), CleanError> {
    if looks_binary(bytes) {
        return Err(CleanError::Binary);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_owned(), "UTF-8".into()));
    }
    let (valid_multibyte, invalid) = utf8_census(bytes);
    if valid_multibyte > 0 && invalid <= (valid_multibyte / VALID_PER_INVALID).max(1) {
        // One stray byte in a UTF-8 page must not turn every other accent into mojibake.
        let text = String::from_utf8_lossy(bytes).into_owned();
        let plural = if invalid == 1 { "" } else { "s" };
        let label = format!("UTF-8 with replacement ({invalid} invalid sequence{plural})");
        return Ok((text, label.into()));
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, Utf8Detection::Deny);
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    Ok((text.into_owned(), encoding.name().into()))
}

/// How many valid multi-byte UTF-8 characters and how many invalid sequences (each one
/// U+FFFD in a lossy decode) the bytes hold.
fn utf8_census(bytes: &[u8]) -> (usize, usize) {
    let mut valid_multibyte = 0;
    let mut invalid = 0;
    for chunk in bytes.utf8_chunks() {
        valid_multibyte += chunk.valid().bytes().filter(|&byte| byte >= 0xC0).count();
        if !chunk.invalid().is_empty() {
            invalid += 1;
        }
    }
    (valid_multibyte, invalid)
}

fn check_decoded(
    text: String,
    name: Cow<'static, str>,
) -> Result<(String, Cow<'static, str>), CleanError> {
    if text.contains('\0') {
        return Err(CleanError::Binary);
    }
    Ok((text, name))
}

/// NUL bytes or a high share of control bytes in the first [`SNIFF_BYTES`].
pub(crate) fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if sample.is_empty() {
        return false;
    }
    if memchr::memchr(0, sample).is_some() {
        return true;
    }
    let control = sample
        .iter()
        .filter(|&&byte| byte < 0x20 && !matches!(byte, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B))
        .count();
    control as f64 / sample.len() as f64 > MAX_CONTROL_SHARE
}
