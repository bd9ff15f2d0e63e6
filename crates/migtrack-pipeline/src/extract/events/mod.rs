//! Events extractor.

use migtrack_model::{DateMention, Event};

use super::Context;

pub fn extract(_ctx: &Context, _dates: &[DateMention]) -> Vec<Event> {
    Vec::new()
}
