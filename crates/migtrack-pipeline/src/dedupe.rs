//! The dedupe stage: exact content hashes and near-duplicate signatures (MinHash + LSH bands).

use sha2::{Digest, Sha256};

/// Hex SHA-256 of the cleaned text after whitespace folding: equal for exact duplicates.
pub fn content_hash(text: &str) -> String {
    let mut hasher = Sha256::new();
    for word in text.split_whitespace() {
        hasher.update(word.as_bytes());
        hasher.update(b" ");
    }
    hasher
        .finalize()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// MinHash signature of the text's word shingles (placeholder until the real one lands).
pub fn signature(_text: &str) -> Vec<u64> {
    Vec::new()
}

/// LSH band keys of a signature: documents sharing a key are near-duplicate candidates.
pub fn bands(_signature: &[u64]) -> Vec<u64> {
    Vec::new()
}

/// Estimated Jaccard similarity of two signatures.
pub fn similarity(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() || a.len() != b.len() {
        return 0.0;
    }
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / a.len() as f64
}
