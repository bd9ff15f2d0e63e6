//! Quotes extractor.

use migtrack_model::Quote;

use super::Context;

pub fn extract(_ctx: &Context) -> Vec<Quote> {
    Vec::new()
}
