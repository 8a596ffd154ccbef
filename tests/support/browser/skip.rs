//! What a test does when a tool it needs is missing: fail in CI, skip and say why elsewhere.

use std::io::Write;
use std::path::PathBuf;

/// Whether this is a CI run: `CI` is set to anything but empty, `0` or `false`.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !matches!(v.trim(), "" | "0" | "false"))
}

/// A test cannot run because `why` (a tool is missing). In CI this fails the test; elsewhere
/// it writes on stderr, past the test harness's capture, that the test skipped and why.
pub fn skip_or_fail(why: &str) {
    let test = std::thread::current()
        .name()
        .unwrap_or("a browser test")
        .to_string();
    if in_ci() {
        panic!("{test}: {why}; CI is set, so this fails instead of skipping");
    }
    // Written straight to stderr so that it shows even for a test that passes.
    let _ = writeln!(
        std::io::stderr(),
        "skipped {test}: {why} (with CI=1 this fails)"
    );
}

/// The path of `name` in one of the directories of `PATH`.
pub fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}
