//! The link stage: events from many documents → facts with sources; contradictions flagged.
