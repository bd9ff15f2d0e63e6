//! A WARC file of any bytes (already decompressed): no panic while its records are read, and
//! every document stays under the size cap.
#![no_main]

use std::io::Cursor;

use libfuzzer_sys::fuzz_target;
use migtrack_ingest::{IngestConfig, archive};

fuzz_target!(|data: &[u8]| {
    let cfg = IngestConfig {
        max_document_bytes: 64 * 1024,
        ..IngestConfig::default()
    };
    for document in archive::from_reader("fuzz", Cursor::new(data.to_vec()), &cfg) {
        if let Ok(document) = document {
            assert!(document.bytes.len() <= cfg.max_document_bytes);
        }
    }
});
