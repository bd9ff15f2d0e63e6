//! migtrack's pipeline: pure, deterministic stages from a raw document to records.
//! No IO here: every function takes values and returns values plus diagnostics.

pub mod annotate;
pub mod clean;
pub mod dedupe;
pub mod eval;
pub mod extract;
pub mod link;
