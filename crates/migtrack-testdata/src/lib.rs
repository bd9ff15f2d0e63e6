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

#[cfg(test)]
mod tests {
    use super::*;

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
