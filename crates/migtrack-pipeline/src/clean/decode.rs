//! Bytes → text: UTF-8 when valid, otherwise the encoding chardetng guesses (Latin-1,
//! Windows-1252, …), and a refusal for binary content.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{UTF_16BE, UTF_16LE};

use super::CleanError;

/// How many leading bytes the binary sniffing looks at.
const SNIFF_BYTES: usize = 64 * 1024;
/// Share of control bytes (other than tab, newline, carriage return, form feed, escape) above
/// which a document counts as binary.
const MAX_CONTROL_SHARE: f64 = 0.05;

/// Decode a document's bytes to text; which encoding was used is returned for diagnostics.
pub(crate) fn decode(bytes: &[u8]) -> Result<(String, &'static str), CleanError> {
    // Byte-order marks first: UTF-16 text is full of NUL bytes but is not binary.
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return decode_unmarked(rest);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        let (text, _) = UTF_16LE.decode_without_bom_handling(rest);
        return check_decoded(text.into_owned(), "UTF-16LE");
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        let (text, _) = UTF_16BE.decode_without_bom_handling(rest);
        return check_decoded(text.into_owned(), "UTF-16BE");
    }
    decode_unmarked(bytes)
}

fn decode_unmarked(bytes: &[u8]) -> Result<(String, &'static str), CleanError> {
    if looks_binary(bytes) {
        return Err(CleanError::Binary);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((text.to_owned(), "UTF-8")),
        Err(_) => {
            let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
            detector.feed(bytes, true);
            let encoding = detector.guess(None, Utf8Detection::Deny);
            let (text, _) = encoding.decode_without_bom_handling(bytes);
            Ok((text.into_owned(), encoding.name()))
        }
    }
}

fn check_decoded(text: String, name: &'static str) -> Result<(String, &'static str), CleanError> {
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
