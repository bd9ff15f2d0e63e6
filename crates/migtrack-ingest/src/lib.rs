//! Sources: where documents come from. Each source is a noun that yields
//! `Result<RawDocument, SourceError>` one at a time (streaming, bounded memory).
