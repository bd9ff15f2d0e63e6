//! Decoding any bytes: no panic, and valid UTF-8 comes back unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use migtrack_pipeline::clean;

fuzz_target!(|data: &[u8]| {
    if let Ok((text, _encoding)) = clean::decode(data)
        && let Ok(valid) = std::str::from_utf8(data)
    {
        // A BOM may be dropped; otherwise valid UTF-8 is kept as it is.
        assert_eq!(text, valid.strip_prefix('\u{feff}').unwrap_or(valid));
    }
});
