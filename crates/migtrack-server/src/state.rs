//! Shared request state: the pool of read-only store connections, the optional read-write one,
//! the token; and the helpers that run blocking store calls off the async runtime.

use std::sync::{Arc, Mutex};

use migtrack_store::Store;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::ServeConfig;
use crate::error::{ApiError, ApiResult};

/// The store connections the server uses.
pub struct Stores {
    /// For queries, each used by one request at a time (a pool); should be opened read-only.
    /// At least one.
    pub read: Vec<Box<dyn Store + Send>>,
    /// For `POST`; `None` disables writing even with a token.
    pub write: Option<Box<dyn Store + Send>>,
}

/// Opens the store `cfg.db_path` names: a PostgreSQL database for a `postgres://` URL
/// ([`open_postgres`]), else the SQLite file ([`open_sqlite`]).
pub fn open_stores(cfg: &ServeConfig) -> anyhow::Result<Stores> {
    match cfg
        .db_path
        .to_str()
        .filter(|db| migtrack_store::is_postgres_url(db))
    {
        Some(url) => {
            let url = url.to_string();
            let cfg = cfg.clone();
            // The sync PostgreSQL client runs a runtime of its own, which cannot start inside
            // this one (`serve` opens the stores from async code): connect on a plain thread.
            std::thread::scope(|scope| {
                scope
                    .spawn(|| open_postgres(&url, &cfg))
                    .join()
                    .unwrap_or_else(|_| Err(anyhow::anyhow!("connecting to PostgreSQL panicked")))
            })
        }
        None => open_sqlite(cfg),
    }
}

/// Opens the PostgreSQL store: one read-write connection when a token enables writes (it
/// creates or migrates the schema), then `cfg.limits.read_connections` read-only ones.
pub fn open_postgres(url: &str, cfg: &ServeConfig) -> anyhow::Result<Stores> {
    use anyhow::Context;
    use migtrack_store::PgStore;

    let name = migtrack_store::redact_url(url);
    let mut write: Option<Box<dyn Store + Send>> = match cfg.token.as_deref() {
        Some(token) if !token.is_empty() => Some(Box::new(
            PgStore::open(url)
                .with_context(|| format!("cannot open {name} for writing"))?
                .with_story_match(migtrack_pipeline::dedupe::same_story),
        )),
        _ => None,
    };
    let mut read: Vec<Box<dyn Store + Send>> = Vec::new();
    for _ in 0..cfg.limits.read_connections.max(1) {
        let store = match PgStore::open_read_only(url) {
            Ok(store) => Ok(store),
            // A database no migtrack has written to yet: create the schema once, then read.
            Err(_) if PgStore::open(url).is_ok() => PgStore::open_read_only(url),
            Err(error) => Err(error),
        }
        .with_context(|| format!("cannot open {name} read-only"))?;
        read.push(Box::new(store));
    }
    relink_if_stale(&cfg.db_path, read[0].as_ref(), write.as_deref_mut());
    Ok(Stores { read, write })
}

/// Opens the SQLite store: read-write first (it creates the schema) when a token enables writes,
/// then `cfg.limits.read_connections` read-only connections for queries.
pub fn open_sqlite(cfg: &ServeConfig) -> anyhow::Result<Stores> {
    use anyhow::Context;
    use migtrack_store::SqliteStore;

    let path = &cfg.db_path;
    let mut write: Option<Box<dyn Store + Send>> = match cfg.token.as_deref() {
        Some(token) if !token.is_empty() => Some(Box::new(
            SqliteStore::open(path)
                .with_context(|| format!("cannot open {} for writing", path.display()))?
                .with_story_match(migtrack_pipeline::dedupe::same_story),
        )),
        _ => None,
    };
    let mut read: Vec<Box<dyn Store + Send>> = Vec::new();
    for _ in 0..cfg.limits.read_connections.max(1) {
        let store = match SqliteStore::open_read_only(path) {
            Ok(store) => Ok(store),
            // A database from an older build: migrate it once, then read.
            Err(_) if SqliteStore::open(path).is_ok() => SqliteStore::open_read_only(path),
            Err(error) => Err(error),
        }
        .with_context(|| {
            format!(
                "cannot open {} read-only (ingest documents first, or give a token to create it)",
                path.display()
            )
        })?;
        read.push(Box::new(store));
    }
    relink_if_stale(path, read[0].as_ref(), write.as_deref_mut());
    Ok(Stores { read, write })
}

/// Link the stored events again before serving if an ingest stopped before linking, so the
/// timeline and status show them; failing that, serve the facts as they are and log why.
fn relink_if_stale(
    path: &std::path::Path,
    read: &dyn Store,
    write: Option<&mut (dyn Store + Send + 'static)>,
) {
    let write = write.map(|store| store as &mut dyn Store);
    if let crate::relink::Staleness::Behind(error) =
        crate::relink::relink_if_stale(path, read, write)
    {
        tracing::warn!(
            %error,
            "facts are behind the stored events (an ingest stopped before linking) and could not be linked again"
        );
    }
}

/// A read query that takes this long is logged as slow (warn level).
const SLOW_QUERY: std::time::Duration = std::time::Duration::from_millis(250);

type Shared = Arc<Mutex<Box<dyn Store + Send>>>;

/// Read-only connections, each lent to one query at a time. A query waits (without holding a
/// thread) for a permit, then runs on a blocking thread with a connection of its own, so
/// readers never queue behind each other while a connection is free, and at most one blocking
/// thread per connection is ever busy with reads.
#[derive(Clone)]
struct ReadPool {
    idle: Arc<Mutex<Vec<Box<dyn Store + Send>>>>,
    permits: Arc<Semaphore>,
}

impl ReadPool {
    fn new(stores: Vec<Box<dyn Store + Send>>) -> ReadPool {
        ReadPool {
            permits: Arc::new(Semaphore::new(stores.len())),
            idle: Arc::new(Mutex::new(stores)),
        }
    }
}

/// A connection taken from the pool; it goes back on drop, also when the query panics.
struct Lent {
    store: Option<Box<dyn Store + Send>>,
    idle: Arc<Mutex<Vec<Box<dyn Store + Send>>>>,
    _permit: OwnedSemaphorePermit,
}

impl Drop for Lent {
    fn drop(&mut self) {
        if let Some(store) = self.store.take() {
            let mut idle = self
                .idle
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            idle.push(store);
        }
    }
}

#[derive(Clone)]
pub struct AppState {
    read: ReadPool,
    write: Option<Shared>,
    token: Option<Arc<str>>,
    pub max_body_bytes: usize,
}

impl AppState {
    pub fn new(stores: Stores, cfg: &ServeConfig) -> Self {
        assert!(
            !stores.read.is_empty(),
            "the server needs at least one read connection"
        );
        AppState {
            read: ReadPool::new(stores.read),
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
        let permit = Arc::clone(&self.read.permits)
            .acquire_owned()
            .await
            .map_err(|_| ApiError::Internal("read pool closed".into()))?;
        let idle = Arc::clone(&self.read.idle);
        let span = tracing::Span::current();
        run_blocking(move || {
            let _request = span.entered();
            let started = std::time::Instant::now();
            let store = idle
                .lock()
                .map_err(|_| ApiError::Internal("read pool lock poisoned".into()))?
                .pop();
            let lent = Lent {
                store,
                idle,
                _permit: permit,
            };
            let Some(store) = lent.store.as_deref() else {
                return Err(ApiError::Internal("read pool empty under a permit".into()));
            };
            let answer = query(store);
            let elapsed = started.elapsed();
            if elapsed >= SLOW_QUERY {
                tracing::warn!(elapsed_ms = elapsed.as_millis() as u64, "slow query");
            } else {
                tracing::debug!(elapsed_ms = elapsed.as_millis() as u64, "query");
            }
            answer
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

    /// The `Authorization` header and body of a write request, once the header passes
    /// [`Self::authorize`] (decided before the body is looked at); a body over the limit is 413.
    pub fn authorized_body(
        &self,
        headers: &axum::http::HeaderMap,
        body: Result<axum::body::Bytes, axum::extract::rejection::BytesRejection>,
    ) -> ApiResult<(Option<String>, axum::body::Bytes)> {
        let authorization = headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .map(str::to_string);
        self.authorize(authorization.as_deref())?;
        let body = body.map_err(|rejection| {
            if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::PayloadTooLarge(self.max_body_bytes)
            } else {
                ApiError::BadRequest(rejection.body_text())
            }
        })?;
        Ok((authorization, body))
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
