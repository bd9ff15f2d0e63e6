//! An RSS or Atom feed of any bytes: no panic while its items are read.
#![no_main]

use libfuzzer_sys::fuzz_target;
use migtrack_ingest::feed;

fuzz_target!(|data: &[u8]| {
    let _ = feed::sniff(data);
    for item in feed::from_bytes("fuzz", data) {
        let _ = item;
    }
});
