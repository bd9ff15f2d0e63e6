//! Dedupe stage: exact duplicates hash alike; a lightly edited wire copy groups with its original
//! and a different story on the same topic does not, at `NEAR_DUPLICATE_THRESHOLD`.

use migtrack_pipeline::dedupe::{
    self, BANDS, NEAR_DUPLICATE_THRESHOLD, NUM_HASHES, bands, content_hash, signature, similarity,
};

const ORIGINAL: &str = include_str!("../../../testdata/clean/wire_original.txt");
const EDITED_COPY: &str = include_str!("../../../testdata/clean/wire_copy.txt");
const OTHER_STORY: &str = include_str!("../../../testdata/clean/other_story.txt");

#[test]
fn exact_duplicates_share_a_hash_whatever_the_spacing() {
    let spaced = ORIGINAL.replace(' ', "  ").replace('\n', "\n\n");
    assert_eq!(content_hash(ORIGINAL), content_hash(&spaced));
    assert_ne!(content_hash(ORIGINAL), content_hash(EDITED_COPY));
    assert_eq!(content_hash(ORIGINAL).len(), 64);
}

#[test]
fn signature_has_fixed_length_and_is_deterministic() {
    let first = signature(ORIGINAL);
    assert_eq!(first.len(), NUM_HASHES);
    assert_eq!(first, signature(ORIGINAL));
    assert_eq!(bands(&first).len(), BANDS);
    assert_eq!(similarity(&first, &first), 1.0);
}

#[test]
fn signature_values_are_stable_across_builds() {
    // Signatures and band keys are stored: a change of hashing must be a deliberate migration.
    let pinned = signature("the ministers agreed on a plan");
    assert_eq!(pinned.len(), NUM_HASHES);
    assert_eq!(pinned[0], PINNED_FIRST_VALUE, "got {:#x}", pinned[0]);
}

const PINNED_FIRST_VALUE: u64 = 0x10d7_5746_d6cd_fd6d;

#[test]
fn text_without_words_has_an_empty_signature() {
    assert!(signature("").is_empty());
    assert!(signature(" ... — !").is_empty());
    assert!(bands(&[]).is_empty());
    assert_eq!(similarity(&[], &[]), 0.0);
}

#[test]
fn punctuation_and_case_do_not_change_the_signature() {
    let curly = "“No single country can carry this alone,” the minister said.";
    let straight = "\"no single country can carry this alone\" THE MINISTER SAID";
    assert_eq!(signature(curly), signature(straight));
}

#[test]
fn lightly_edited_wire_copy_is_a_near_duplicate() {
    let original = signature(ORIGINAL);
    let copy = signature(EDITED_COPY);
    let score = similarity(&original, &copy);
    println!("wire copy similarity {score:.3}");
    assert!(
        score >= NEAR_DUPLICATE_THRESHOLD + 0.1,
        "similarity {score:.3} too close to the threshold"
    );
    assert!(dedupe::is_near_duplicate(&original, &copy));
    let original_bands = bands(&original);
    assert!(
        bands(&copy).iter().any(|key| original_bands.contains(key)),
        "a near duplicate must be an LSH candidate"
    );
}

#[test]
fn different_story_on_the_same_topic_is_not_a_near_duplicate() {
    let original = signature(ORIGINAL);
    let other = signature(OTHER_STORY);
    let score = similarity(&original, &other);
    println!("different story similarity {score:.3}");
    assert!(
        score < NEAR_DUPLICATE_THRESHOLD - 0.3,
        "similarity {score:.3}"
    );
    assert!(!dedupe::is_near_duplicate(&original, &other));
}

#[test]
fn copy_cut_to_its_first_half_still_groups() {
    let paragraphs: Vec<&str> = ORIGINAL.split("\n\n").collect();
    let half = paragraphs[..paragraphs.len() * 3 / 5].join("\n\n");
    let score = similarity(&signature(ORIGINAL), &signature(&half));
    println!("truncated copy similarity {score:.3}");
    assert!(score >= NEAR_DUPLICATE_THRESHOLD, "similarity {score:.3}");
}
