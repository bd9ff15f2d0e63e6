//! Claims extractor (placeholder while the rules are written).

use migtrack_model::{Claim, Quote, Span};

use super::Context;

pub fn extract(ctx: &Context, quotes: &[Quote]) -> Vec<Claim> {
    extract_with(ctx.text, &ctx.sentences, quotes)
}

pub fn extract_with(_text: &str, _sentences: &[Span], _quotes: &[Quote]) -> Vec<Claim> {
    Vec::new()
}
