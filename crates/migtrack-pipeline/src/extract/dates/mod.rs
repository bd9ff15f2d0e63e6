//! dates extractor.

use migtrack_model::DateMention;

use super::Context;

pub fn extract(_ctx: &Context) -> Vec<DateMention> {
    Vec::new()
}
