//! The dedupe stage: exact content hashes and near-duplicate signatures (MinHash + LSH bands).
//!
//! Near duplicates: the text is lower-cased and cut into word tokens (alphanumeric runs, so
//! punctuation and quote styles do not matter), tokens into overlapping [`SHINGLE_WORDS`]-word
//! shingles, and each shingle is hashed with FNV-1a and mixed by [`NUM_HASHES`] fixed
//! splitmix64 permutations; the signature keeps each permutation's minimum. Everything is
//! deterministic and stable across Rust versions (no `std` hasher), because signatures and band
//! keys are stored. Two signatures agree on a position with probability equal to the Jaccard
//! similarity of the shingle sets; [`bands`] cuts the signature into [`BANDS`] bands of
//! [`ROWS_PER_BAND`] rows so that pairs above about 0.4 share a band key with high probability,
//! and the store confirms a candidate with [`same_story`] (handed to it as its `StoryMatch`):
//! [`similarity`] ≥ [`NEAR_DUPLICATE_THRESHOLD`], the one near-duplicate decision of the
//! workspace.
//!
//! Why MinHash is written here rather than taken from a crate: the signatures and band keys are
//! stored, so they must stay bit-for-bit the same across crate and Rust versions; the crates
//! that offer MinHash hash with `std`'s or their own unstable hashers.

use sha2::{Digest, Sha256};

/// Words per shingle.
pub const SHINGLE_WORDS: usize = 5;
/// Length of a MinHash signature.
pub const NUM_HASHES: usize = 128;
/// LSH bands per signature.
pub const BANDS: usize = 32;
/// Signature positions per band (`BANDS * ROWS_PER_BAND == NUM_HASHES`).
pub const ROWS_PER_BAND: usize = 4;

/// Estimated Jaccard similarity (of 5-word shingles) at or above which two documents are one
/// story. A lightly edited wire copy (new headline, a few words changed, a sentence added, the
/// last paragraph cut) stays above 0.6; two different articles on the same topic share almost no
/// 5-word shingles (below 0.1). 0.5 sits between with a wide margin on both sides, and still
/// groups a copy cut to about 60 % of the original. See `tests/clean_dedupe.rs`.
pub const NEAR_DUPLICATE_THRESHOLD: f64 = 0.5;

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

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

fn fnv1a(hash: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(hash, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(FNV_PRIME)
    })
}

fn splitmix64(mut value: u64) -> u64 {
    value = value.wrapping_add(0x9e37_79b9_7f4a_7c15);
    value = (value ^ (value >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    value = (value ^ (value >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    value ^ (value >> 31)
}

/// The fixed seed of permutation `index`.
fn seed(index: usize) -> u64 {
    splitmix64(0x6d69_6774_7261_636b ^ index as u64)
}

/// Lower-cased alphanumeric tokens.
fn tokens(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|token| !token.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Hashes of the word shingles (one shingle of all words for a text shorter than a shingle).
fn shingle_hashes(text: &str) -> Vec<u64> {
    let tokens = tokens(text);
    if tokens.is_empty() {
        return Vec::new();
    }
    let width = SHINGLE_WORDS.min(tokens.len());
    let mut hashes: Vec<u64> = tokens
        .windows(width)
        .map(|window| {
            window.iter().fold(FNV_OFFSET, |hash, token| {
                fnv1a(fnv1a(hash, token.as_bytes()), b" ")
            })
        })
        .collect();
    hashes.sort_unstable();
    hashes.dedup();
    hashes
}

/// MinHash signature of the text's word shingles: [`NUM_HASHES`] values, empty for a text with
/// no words.
pub fn signature(text: &str) -> Vec<u64> {
    let shingles = shingle_hashes(text);
    if shingles.is_empty() {
        return Vec::new();
    }
    (0..NUM_HASHES)
        .map(|index| {
            let seed = seed(index);
            shingles
                .iter()
                .map(|&shingle| splitmix64(shingle ^ seed))
                .min()
                .unwrap_or(u64::MAX)
        })
        .collect()
}

/// LSH band keys of a signature: documents sharing a key are near-duplicate candidates. The band
/// index is mixed into each key, so equal rows in different bands give different keys.
pub fn bands(signature: &[u64]) -> Vec<u64> {
    signature
        .chunks(ROWS_PER_BAND)
        .enumerate()
        .map(|(band, rows)| {
            rows.iter().fold(
                fnv1a(FNV_OFFSET, &(band as u64).to_le_bytes()),
                |hash, row| fnv1a(hash, &row.to_le_bytes()),
            )
        })
        .collect()
}

/// Estimated Jaccard similarity of two signatures.
pub fn similarity(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() || a.len() != b.len() {
        return 0.0;
    }
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / a.len() as f64
}

/// The similarity of two signatures when their texts are one story (near duplicates), `None`
/// otherwise. This is the decision ingest makes: the store joins a new document to the story of
/// its most similar LSH candidate for which this is `Some`.
pub fn same_story(a: &[u64], b: &[u64]) -> Option<f64> {
    let similarity = similarity(a, b);
    (similarity >= NEAR_DUPLICATE_THRESHOLD).then_some(similarity)
}

/// Two cleaned texts are one story (near duplicates): [`same_story`] as a yes or no.
pub fn is_near_duplicate(a: &[u64], b: &[u64]) -> bool {
    same_story(a, b).is_some()
}
