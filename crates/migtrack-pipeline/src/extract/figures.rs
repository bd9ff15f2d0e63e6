//! figures extractor.

use migtrack_model::Figure;

use super::Context;

pub fn extract(_ctx: &Context) -> Vec<Figure> {
    Vec::new()
}
