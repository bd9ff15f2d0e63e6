//! For tests only: where the data that lives outside the repository is (`../shared` beside the
//! clone: the news corpus, gold files, seeds, UD treebanks, benchmarks), and the one rule for a
//! test that needs it and does not find it: on a developer's machine it is skipped with a note;
//! in CI (`CI` set, and not `false` or `0`) it fails, so a missing folder can never make the
//! gate pass by skipping.

use std::path::{Path, PathBuf};

/// The `shared` folder beside the clone, whether it exists or not.
pub fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

/// Whether the tests run in CI (`CI` set to anything but empty, `false` or `0`).
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|value| !matches!(value.as_str(), "" | "false" | "0"))
}

/// The `shared` folder when `relative` exists inside it; otherwise `None` with a note on
/// standard error (the caller skips its checks), or, in CI, a panic that fails the test.
pub fn shared_with(relative: &str) -> Option<PathBuf> {
    let root = shared();
    require(&root.join(relative)).map(|_| root)
}

/// `path` when it exists; otherwise `None` with a note, or, in CI, a panic.
pub fn require(path: &Path) -> Option<PathBuf> {
    if path.exists() {
        return Some(path.to_path_buf());
    }
    assert!(
        !in_ci(),
        "CI must provide {} (the shared data beside the clone)",
        path.display()
    );
    eprintln!(
        "note: {} is absent; the checks that need it are skipped",
        path.display()
    );
    None
}

/// The environment variable that names the PostgreSQL server the tests use
/// (`postgresql://user:password@host:port/database`; `.ci/run` sets it inside a throwaway
/// cluster).
pub const POSTGRES_ENV: &str = "MIGTRACK_TEST_PG";

/// The PostgreSQL server for the tests, from [`POSTGRES_ENV`]; without it, `None` with a note
/// (the caller skips its PostgreSQL half), or, in CI, a panic that fails the test.
pub fn postgres_url() -> Option<String> {
    match std::env::var(POSTGRES_ENV) {
        Ok(url) if !url.trim().is_empty() => Some(url),
        _ => {
            assert!(
                !in_ci(),
                "CI must provide a PostgreSQL server in {POSTGRES_ENV} (.ci/run starts one)"
            );
            eprintln!("note: {POSTGRES_ENV} is not set; the PostgreSQL checks are skipped");
            None
        }
    }
}

/// A database of its own for one test, created on the server of [`postgres_url`] and dropped
/// with this value.
pub struct PgDatabase {
    /// The new database's URL.
    pub url: String,
    server: String,
    name: String,
}

impl PgDatabase {
    /// A fresh, empty database named after `test` (and the process), or `None` as
    /// [`postgres_url`] says.
    pub fn create(test: &str) -> Option<PgDatabase> {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let server = postgres_url()?;
        let clean: String = test
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '_'
                }
            })
            .take(30)
            .collect();
        let name = format!(
            "mt_{clean}_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let mut admin =
            postgres::Client::connect(&server, postgres::NoTls).unwrap_or_else(|error| {
                panic!("cannot reach the PostgreSQL server in {POSTGRES_ENV}: {error}")
            });
        admin
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .unwrap_or_else(|error| panic!("cannot create database {name}: {error:?}"));
        Some(PgDatabase {
            url: with_database(&server, &name),
            server,
            name,
        })
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        if let Ok(mut admin) = postgres::Client::connect(&self.server, postgres::NoTls) {
            let _ = admin.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }
}

/// `url` with its database name replaced by `name` (query parameters kept).
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let authority_start = base.find("://").map_or(0, |index| index + 3);
    let base = match base[authority_start..].find('/') {
        Some(slash) => &base[..authority_start + slash],
        None => base,
    };
    match query {
        Some(query) => format!("{base}/{name}?{query}"),
        None => format!("{base}/{name}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_test_database_url_names_the_new_database() {
        assert_eq!(
            with_database("postgresql://u:p@localhost:5433/postgres", "mt_x"),
            "postgresql://u:p@localhost:5433/mt_x"
        );
        assert_eq!(
            with_database("postgres://u@h?sslmode=disable", "mt_x"),
            "postgres://u@h/mt_x?sslmode=disable"
        );
    }

    #[test]
    fn a_missing_path_is_none_outside_ci_and_a_failure_inside() {
        let missing = Path::new("/nonexistent/migtrack/shared");
        if in_ci() {
            assert!(std::panic::catch_unwind(|| require(missing)).is_err());
        } else {
            assert_eq!(require(missing), None);
        }
        assert!(require(Path::new(env!("CARGO_MANIFEST_DIR"))).is_some());
    }
}
