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
