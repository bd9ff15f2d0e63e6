//! The extract stage: five extractors over one cleaned text, run in a fixed order.

pub mod claims;
pub mod dates;
pub mod events;
pub mod figures;
pub mod quotes;

use chrono::NaiveDate;
use migtrack_domain::{EntityMention, Pack};
use migtrack_model::{Extraction, Span};

/// What every extractor may read: the text, its publication date, its sentences and entity
/// mentions, and the domain pack.
pub struct Context<'a> {
    pub text: &'a str,
    pub published: Option<NaiveDate>,
    pub sentences: Vec<Span>,
    pub mentions: Vec<EntityMention>,
    pub pack: &'a Pack,
}

impl<'a> Context<'a> {
    pub fn new(text: &'a str, published: Option<NaiveDate>, pack: &'a Pack) -> Self {
        Context {
            text,
            published,
            sentences: crate::annotate::sentences(text),
            mentions: pack.find_mentions(text, published),
            pack,
        }
    }
}

/// Run all extractors on one cleaned text.
pub fn extract(text: &str, published: Option<NaiveDate>, pack: &Pack) -> Extraction {
    let ctx = Context::new(text, published, pack);
    let dates = dates::extract(&ctx);
    let figures = figures::extract(&ctx);
    let quotes = quotes::extract(&ctx);
    let claims = claims::extract(&ctx, &quotes);
    let events = events::extract(&ctx, &dates);
    Extraction {
        events,
        quotes,
        dates,
        figures,
        claims,
    }
}
