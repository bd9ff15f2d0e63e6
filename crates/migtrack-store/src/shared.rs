//! What both stores (SQLite and PostgreSQL) do the same way outside their SQL: paging,
//! filters parsed from text, date and signature encodings, search snippets.

use chrono::NaiveDate;
use migtrack_model::{Action, DateOrigin, Span};

use crate::{MAX_PAGE, Page, Paged, Result, StoreError};

pub(crate) fn decode_signature(bytes: &[u8]) -> Vec<u64> {
    bytes
        .chunks_exact(8)
        .map(|chunk| {
            let mut word = [0_u8; 8];
            word.copy_from_slice(chunk);
            u64::from_le_bytes(word)
        })
        .collect()
}

pub(crate) fn encode_signature(signature: &[u64]) -> Vec<u8> {
    signature
        .iter()
        .flat_map(|value| value.to_le_bytes())
        .collect()
}

pub(crate) fn from_vec_paged<T>(mut items: Vec<T>, limit: i64, id: impl Fn(&T) -> i64) -> Paged<T> {
    let limit = usize::try_from(limit).unwrap_or(MAX_PAGE);
    let next = if items.len() > limit {
        items.truncate(limit);
        items.last().map(&id)
    } else {
        None
    };
    Paged { items, next }
}

/// `(cursor, limit)` for SQL from a [`Page`]: limit clamped to [`MAX_PAGE`], zero refused.
pub(crate) fn page_bounds(page: Page) -> Result<(i64, i64)> {
    if page.limit == 0 {
        return Err(StoreError::InvalidQuery(
            "page limit must be at least 1".into(),
        ));
    }
    let limit = page.limit.min(MAX_PAGE) as i64;
    Ok((page.cursor.unwrap_or(0), limit))
}

pub(crate) fn parse_action_filter(action: Option<&str>) -> Result<Option<Action>> {
    match action {
        None => Ok(None),
        Some(name) => Action::parse(name).map(Some).ok_or_else(|| {
            let known: Vec<&str> = Action::ALL.iter().map(Action::as_str).collect();
            StoreError::InvalidQuery(format!(
                "unknown action {name:?} (known: {})",
                known.join(", ")
            ))
        }),
    }
}

pub(crate) fn format_date(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

pub(crate) fn date_origin_name(origin: DateOrigin) -> &'static str {
    origin.into()
}

/// The marks a backend's snippet function puts around matches (private-use characters no text
/// has): FTS5's `snippet` in SQLite, `ts_headline` in PostgreSQL.
pub(crate) const MARK_START: char = '\u{E000}';
pub(crate) const MARK_END: char = '\u{E001}';

/// A snippet with the matches between [`MARK_START`] and [`MARK_END`]: the plain text and the
/// byte spans of the matches in it (a stray marker is dropped).
pub(crate) fn marked_snippet(marked: &str) -> (String, Vec<Span>) {
    let mut text = String::with_capacity(marked.len());
    let mut spans = Vec::new();
    let mut open = None;
    for c in marked.chars() {
        match c {
            MARK_START => open = Some(text.len()),
            MARK_END => {
                if let Some(start) = open.take()
                    && start < text.len()
                {
                    spans.push(Span::new(start, text.len()));
                }
            }
            other => text.push(other),
        }
    }
    (text, spans)
}
