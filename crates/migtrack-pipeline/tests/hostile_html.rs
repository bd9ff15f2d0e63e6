//! Hostile HTML: documents built to break the parser's stack. Each must come out as a cleaned
//! document (or one error), never a crash of the whole process. The tests run on the test
//! harness's threads (2 MiB stacks by default), smaller than a main thread's.

use migtrack_model::{ContentKind, DocMeta, RawDocument};
use migtrack_pipeline::clean::clean;

fn html(text: String) -> RawDocument {
    RawDocument {
        source: "nested.html".into(),
        bytes: text.into_bytes(),
        kind: ContentKind::Html,
        meta: DocMeta::default(),
    }
}

fn nested(tag: &str, depth: usize, inner: &str) -> String {
    format!(
        "<html><body>{}{inner}{}",
        format!("<{tag}>").repeat(depth),
        format!("</{tag}>").repeat(depth)
    )
}

/// Issue 12, item 1: 30,000 nested `<i>` overflowed the stack (exit 134).
#[test]
fn thirty_thousand_nested_inline_tags_keep_their_text() {
    let mut page = "<html><body>".to_string();
    page.push_str(&"<i>".repeat(30_000));
    page.push_str("The US withdrew from the compact.");
    let doc = clean(&html(page)).expect("the text survives the nesting");
    assert!(doc.text.contains("The US withdrew"), "{:?}", doc.text);
}

/// Past the depth cap the page is flattened, not cut. (Kept to 2,000 levels: the HTML parser's
/// own cost grows with the square of the depth of block elements, and that is another item.)
#[test]
fn deeply_nested_blocks_keep_their_text_and_its_origin() {
    let inner = "<p>Hungary rejected the Global Compact for Migration on Monday.</p>";
    let page = nested("div", 2_000, inner);
    let doc = clean(&html(page.clone())).expect("the text survives the nesting");
    assert!(doc.text.contains("Hungary rejected"), "{:?}", doc.text);
    // The origin map still points into the page as given, not into a flattened copy.
    let start = doc.text.find("Hungary").unwrap();
    let original = doc.original_offset(start).expect("mapped");
    assert!(page[original..].starts_with("Hungary"), "origin {original}");
}

#[test]
fn ordinary_nesting_is_left_alone() {
    let inner =
        "<article><p>Mexico hosted the forum in <b>Puerto <i>Vallarta</i></b>.</p></article>";
    let shallow = clean(&html(nested("div", 40, inner))).unwrap();
    assert!(
        shallow
            .text
            .contains("Mexico hosted the forum in Puerto Vallarta.")
    );
}
