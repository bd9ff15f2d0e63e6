//! figures extractor.

use chrono::NaiveDate;
use migtrack_model::{Figure, Span};

use super::Context;

pub fn extract(ctx: &Context) -> Vec<Figure> {
    find(ctx.text, &ctx.sentences, ctx.published)
}

pub fn find(_text: &str, _sentences: &[Span], _published: Option<NaiveDate>) -> Vec<Figure> {
    Vec::new()
}
