//! What the integration tests of the `migtrack` binary share.

use std::path::Path;

use assert_cmd::Command;

/// The binary on database `db`, quiet, with `MIGTRACK_DB` out of the way.
pub fn migtrack(db: &Path) -> Command {
    let mut command = Command::cargo_bin("migtrack").expect("binary");
    command
        .arg("--db")
        .arg(db)
        .arg("--quiet")
        .env_remove("MIGTRACK_DB");
    command
}
