//! The clean stage on any bytes, as HTML, as text and sniffed: no panic, deterministic, the
//! origin map sorted and inside the cleaned text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use migtrack_model::{ContentKind, DocMeta, RawDocument};
use migtrack_pipeline::clean;

fuzz_target!(|data: &[u8]| {
    let kind = match data.first().map(|byte| byte % 3) {
        Some(0) => ContentKind::Html,
        Some(1) => ContentKind::Text,
        _ => ContentKind::Unknown,
    };
    let raw = RawDocument {
        source: "fuzz".to_string(),
        bytes: data.to_vec(),
        kind,
        meta: DocMeta::default(),
    };
    let first = clean::clean(&raw);
    if let Ok(doc) = &first {
        assert!(doc.origin_map.windows(2).all(|pair| pair[0].0 <= pair[1].0));
        assert!(doc.origin_map.iter().all(|&(at, _)| at <= doc.text.len()));
    }
    assert_eq!(first, clean::clean(&raw), "clean is not deterministic");
});
