//! Scoring extraction against gold files, as `shared/gold/GUIDELINES.md` defines it.
