//! Hostile files and paths (SPEC §7): special files, sizes, paths that lead out of the
//! model's folder, bytes that are not UTF-8, and values that try to forge output lines.

mod common;
use assert_cmd::Command;
use common::{Project, VALID, at, find};
use stances::diagnostic::Severity::Error;
use std::path::Path;
use std::time::Duration;

/// The command, killed after 20 s so that a read that blocks fails the test.
fn stances() -> Command {
    let mut cmd = Command::cargo_bin("stances").unwrap();
    cmd.timeout(Duration::from_secs(20));
    cmd
}

/// Makes a FIFO at `path`.
#[cfg(unix)]
fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(made.success());
}

/// Runs `check` in the project and returns its standard error (it must exit 1).
fn check_fails(p: &Project, file: &str) -> String {
    let out = stances()
        .current_dir(p.dir.path())
        .args(["check", file])
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    String::from_utf8(out).unwrap()
}

#[cfg(unix)]
#[test]
fn a_fifo_positions_file_is_an_error_at_once() {
    let p = Project::new(VALID);
    mkfifo(&p.dir.path().join("fifo.toml"));
    let err = check_fails(&p, "fifo.toml");
    assert!(
        err.contains("fifo.toml: error: is a FIFO (named pipe), not a regular file"),
        "{err}"
    );
    stances()
        .current_dir(p.dir.path())
        .args(["export", "--format", "json", "fifo.toml"])
        .assert()
        .code(1)
        .stdout("");
}

#[cfg(unix)]
#[test]
fn a_link_to_dev_zero_is_an_error_not_a_memory_blow_up() {
    let p = Project::new(VALID);
    std::os::unix::fs::symlink("/dev/zero", p.dir.path().join("zero.toml")).unwrap();
    let err = check_fails(&p, "zero.toml");
    assert!(
        err.contains("zero.toml: error: is a character device, not a regular file"),
        "{err}"
    );
    // As a source, the link leads out of the sources directory.
    std::fs::remove_file(p.dir.path().join("seeds/a.txt")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", p.dir.path().join("seeds/a.txt")).unwrap();
    let diags = p.diagnostics();
    let d = find(&diags, Error, "is outside the sources directory");
    assert!(d.message.contains("a.txt"), "{d:?}");
    assert_eq!(at(d), (17, 8));
}

#[cfg(unix)]
#[test]
fn a_fifo_source_is_an_error_naming_it() {
    let p = Project::new(VALID);
    std::fs::remove_file(p.dir.path().join("seeds/a.txt")).unwrap();
    mkfifo(&p.dir.path().join("seeds/a.txt"));
    let err = check_fails(&p, "positions.toml");
    assert!(
        err.contains("positions.toml:17:8: error: source file `")
            && err.contains("a.txt` is a FIFO"),
        "{err}"
    );
    assert!(
        err.contains("hint: a source must be a regular text file"),
        "{err}"
    );
}

#[test]
fn a_positions_file_over_16_mib_is_refused_without_reading_it() {
    let p = Project::new(VALID);
    let big = std::fs::File::create(p.dir.path().join("big.toml")).unwrap();
    big.set_len(16 * 1024 * 1024 + 1).unwrap();
    let err = check_fails(&p, "big.toml");
    assert!(
        err.contains("big.toml: error: is 16777217 bytes, over the 16 MiB limit"),
        "{err}"
    );
}

#[test]
fn the_size_limit_holds_for_what_is_read() {
    let p = Project::new(VALID);
    let path = p.dir.path().join("seeds/a.txt");
    std::fs::write(&path, "x".repeat(100)).unwrap();
    assert_eq!(
        stances::source::read_regular(&path, 99),
        Err(stances::source::SourceError::TooLarge(100))
    );
    assert_eq!(
        stances::source::read_regular(&path, 100).unwrap().len(),
        100
    );
}

#[test]
fn invalid_utf8_in_positions_toml_is_located() {
    let p = Project::new(VALID);
    p.write("positions.toml", b"schema = 1\ntitle = \"Caf\xE9 talks\"\n");
    let err = check_fails(&p, "positions.toml");
    assert!(
        err.contains("positions.toml:2:13: error: this byte is not UTF-8"),
        "{err}"
    );
    let out = stances()
        .current_dir(p.dir.path())
        .args(["check", "--format", "json"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(
        (v[0]["line"].as_u64(), v[0]["column"].as_u64()),
        (Some(2), Some(13))
    );
}
