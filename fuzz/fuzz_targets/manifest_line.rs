//! One manifest line of any bytes: no panic. A `file` or `path` is looked up in a folder that
//! does not exist, so only absolute paths reach the disk (and only regular files are read).
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use migtrack_ingest::{IngestConfig, manifest};

fuzz_target!(|data: &[u8]| {
    let cfg = IngestConfig {
        max_document_bytes: 64 * 1024,
        ..IngestConfig::default()
    };
    let folder = Path::new("/nonexistent-migtrack-fuzz");
    if let Ok(document) = manifest::document(data, folder, "fuzz:1".to_string(), &cfg) {
        assert!(document.bytes.len() <= cfg.max_document_bytes);
    }
});
