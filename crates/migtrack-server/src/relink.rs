//! After a `POST` stores new documents, the facts are linked again so the API shows them.

use migtrack_store::Store;

use crate::error::ApiResult;

/// Re-run the link stage over every stored event and replace the stored facts.
pub fn relink(store: &mut dyn Store) -> ApiResult<()> {
    let facts = crate::views::link_events(store.event_refs()?);
    store.replace_facts(&facts)?;
    Ok(())
}
