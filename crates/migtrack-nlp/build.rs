//! Inflates the shipped models (`models/*.bin.gz`) into `OUT_DIR` at build time, so the binary
//! embeds their raw bytes and a process that parses reads them in place: inflating the 13 MB
//! English model took about 40 ms of every ingest (issue 10: ten documents into a large store
//! in under 0.3 s), against 3.5 MB more binary. The repository keeps the compressed files,
//! which is what `migtrack nlp train` writes.

use std::io::Read;
use std::path::PathBuf;

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    for lang in ["en", "es", "fr"] {
        let source = format!("models/{lang}.bin.gz");
        println!("cargo::rerun-if-changed={source}");
        let compressed = std::fs::read(&source).unwrap_or_else(|error| panic!("{source}: {error}"));
        let mut raw = Vec::new();
        flate2::read::GzDecoder::new(&compressed[..])
            .read_to_end(&mut raw)
            .unwrap_or_else(|error| panic!("{source}: {error}"));
        std::fs::write(out.join(format!("{lang}.bin")), raw).expect("writing to OUT_DIR");
    }
}
