//! Shared request state: the read-only store, the optional read-write one, the token; and the
//! helper that runs blocking store calls off the async runtime.

use std::sync::{Arc, Mutex};

use migtrack_store::Store;

use crate::ServeConfig;
use crate::error::{ApiError, ApiResult};

/// The store connections the server uses.
pub struct Stores {
    /// For every query; should be opened read-only.
    pub read: Box<dyn Store + Send>,
    /// For `POST`; `None` disables writing even with a token.
    pub write: Option<Box<dyn Store + Send>>,
}

/// Opens the SQLite store: read-write first (it creates the schema) when a token enables writes,
/// then a read-only connection for queries.
pub fn open_sqlite(cfg: &ServeConfig) -> anyhow::Result<Stores> {
    use anyhow::Context;
    use migtrack_store::SqliteStore;

    let path = &cfg.db_path;
    let mut write: Option<Box<dyn Store + Send>> = match cfg.token.as_deref() {
        Some(token) if !token.is_empty() => {
            Some(Box::new(SqliteStore::open(path).with_context(|| {
                format!("cannot open {} for writing", path.display())
            })?))
        }
        _ => None,
    };
    let read = SqliteStore::open_read_only(path).with_context(|| {
        format!(
            "cannot open {} read-only (ingest documents first, or give a token to create it)",
            path.display()
        )
    })?;
    relink_if_stale(path, &read, write.as_deref_mut());
    Ok(Stores {
        read: Box::new(read),
        write,
    })
}

/// An ingest that ended between storing a batch and linking (killed, crashed) leaves events
/// without facts: link them again before serving, so the timeline and status show them. Without
/// a write store this takes a short-lived read-write connection; if that fails too, the server
/// serves the facts as they are and logs why.
fn relink_if_stale(
    path: &std::path::Path,
    read: &dyn Store,
    write: Option<&mut (dyn Store + Send + 'static)>,
) {
    match read.facts_stale() {
        Ok(false) => return,
        Ok(true) => {}
        Err(error) => {
            tracing::warn!(%error, "could not check whether the facts are current");
            return;
        }
    }
    let relinked = match write {
        Some(store) => crate::relink::relink(store).map_err(|error| error.to_string()),
        None => migtrack_store::SqliteStore::open(path)
            .map_err(|error| error.to_string())
            .and_then(|mut store| {
                crate::relink::relink(&mut store).map_err(|error| error.to_string())
            }),
    };
    match relinked {
        Ok(()) => {
            tracing::info!("linked the stored events again: an ingest stopped before linking")
        }
        Err(error) => tracing::warn!(
            %error,
            "facts are behind the stored events (an ingest stopped before linking) and could not be linked again"
        ),
    }
}

type Shared = Arc<Mutex<Box<dyn Store + Send>>>;

#[derive(Clone)]
pub struct AppState {
    read: Shared,
    write: Option<Shared>,
    token: Option<Arc<str>>,
    pub max_body_bytes: usize,
}

impl AppState {
    pub fn new(stores: Stores, cfg: &ServeConfig) -> Self {
        AppState {
            read: Arc::new(Mutex::new(stores.read)),
            write: stores.write.map(|store| Arc::new(Mutex::new(store))),
            token: cfg
                .token
                .as_deref()
                .filter(|token| !token.is_empty())
                .map(Arc::from),
            max_body_bytes: cfg.max_body_bytes,
        }
    }

    /// Whether `POST` can succeed (a token is configured and a read-write store is open).
    pub fn writes_enabled(&self) -> bool {
        self.token.is_some() && self.write.is_some()
    }

    /// Run a query on the read-only store in the blocking pool.
    pub async fn read<T, F>(&self, query: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&dyn Store) -> ApiResult<T> + Send + 'static,
    {
        let store = Arc::clone(&self.read);
        run_blocking(move || {
            let guard = store
                .lock()
                .map_err(|_| ApiError::Internal("store lock poisoned".into()))?;
            query(guard.as_ref())
        })
        .await
    }

    /// Check the bearer token, then run `update` on the read-write store in the blocking pool.
    pub async fn write<T, F>(&self, authorization: Option<&str>, update: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut dyn Store) -> ApiResult<T> + Send + 'static,
    {
        self.authorize(authorization)?;
        let Some(store) = self.write.as_ref().map(Arc::clone) else {
            return Err(ApiError::WriteDisabled);
        };
        run_blocking(move || {
            let mut guard = store
                .lock()
                .map_err(|_| ApiError::Internal("store lock poisoned".into()))?;
            update(guard.as_mut())
        })
        .await
    }

    /// Without a configured token writing is disabled (403); a wrong or missing one is 401.
    pub fn authorize(&self, authorization: Option<&str>) -> ApiResult<()> {
        let Some(expected) = self.token.as_deref() else {
            return Err(ApiError::WriteDisabled);
        };
        if self.write.is_none() {
            return Err(ApiError::WriteDisabled);
        }
        let given = authorization
            .and_then(|value| value.strip_prefix("Bearer "))
            .map(str::trim)
            .unwrap_or("");
        if constant_time_eq(given.as_bytes(), expected.as_bytes()) {
            Ok(())
        } else {
            Err(ApiError::Unauthorized)
        }
    }
}

async fn run_blocking<T, F>(work: F) -> ApiResult<T>
where
    T: Send + 'static,
    F: FnOnce() -> ApiResult<T> + Send + 'static,
{
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|error| ApiError::Internal(format!("store task failed: {error}")))?
}

/// Compares without an early exit, so the time taken says nothing about the token.
fn constant_time_eq(left: &[u8], right: &[u8]) -> bool {
    let mut difference = left.len() ^ right.len();
    for (index, byte) in right.iter().enumerate() {
        let other = left.get(index).copied().unwrap_or(0);
        difference |= usize::from(byte ^ other);
    }
    difference == 0
}

#[cfg(test)]
mod tests {
    use super::constant_time_eq;

    #[test]
    fn token_comparison_needs_the_exact_bytes() {
        let cases = [
            ("secret", "secret", true),
            ("secret", "secreT", false),
            ("secre", "secret", false),
            ("secrets", "secret", false),
            ("", "secret", false),
        ];
        for (given, expected, equal) in cases {
            assert_eq!(
                constant_time_eq(given.as_bytes(), expected.as_bytes()),
                equal
            );
        }
    }
}
