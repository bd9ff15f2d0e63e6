//! Claims extractor.

use migtrack_model::{Claim, Quote};

use super::Context;

pub fn extract(_ctx: &Context, _quotes: &[Quote]) -> Vec<Claim> {
    Vec::new()
}
