//! `stances export` as a user runs it: stdout, `-o` written atomically, refusal to
//! overwrite the model's own files, `--as-of`, bad arguments.

use assert_cmd::Command;
use predicates::prelude::*;
use stances::export::write_atomic;
use stances::testing::fixtures::*;
use stances::view::View;
use std::path::Path;

fn stances() -> Command {
    Command::cargo_bin("stances").unwrap()
}

/// Names of the files in `dir`, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// Runs a command that must succeed and returns its standard output.
fn stdout_of(cmd: &mut Command) -> String {
    String::from_utf8(cmd.assert().success().get_output().stdout.clone()).unwrap()
}

#[test]
fn every_format_goes_to_stdout_and_to_a_file_alike() {
    let out_dir = tempfile::tempdir().unwrap();
    for format in ["text", "md", "csv", "html", "json"] {
        let stdout = stdout_of(
            stances()
                .args(["export", "--format", format, "--width", "100"])
                .arg(bundled()),
        )
        .into_bytes();
        assert!(!stdout.is_empty());
        let target = out_dir.path().join(format!("grid.{format}"));
        stances()
            .args(["export", "--format", format, "--width", "100", "-o"])
            .arg(&target)
            .arg(bundled())
            .assert()
            .success()
            .stdout("");
        assert_eq!(std::fs::read(&target).unwrap(), stdout, "{format}");
    }
    // Only the five outputs: no temporary file left behind.
    assert_eq!(
        listing(out_dir.path()),
        ["grid.csv", "grid.html", "grid.json", "grid.md", "grid.text"]
    );
}

#[test]
fn an_existing_file_is_replaced_whole() {
    let h = Hostile::write();
    let target = h.dir.path().join("out.md");
    std::fs::write(
        &target,
        "old contents that are much longer than nothing ".repeat(500),
    )
    .unwrap();
    stances()
        .current_dir(h.dir.path())
        .args(["export", "--format", "md", "-o", "out.md"])
        .assert()
        .success();
    let new = std::fs::read_to_string(&target).unwrap();
    assert!(new.starts_with("# Talks") && !new.contains("old contents"));
    assert_eq!(listing(h.dir.path()), ["out.md", "positions.toml", "seeds"]);
}

#[test]
fn refuses_to_overwrite_positions_toml_or_a_source() {
    let h = Hostile::write();
    let before_toml = std::fs::read(h.path()).unwrap();
    stances()
        .current_dir(h.dir.path())
        .args(["export", "--format", "json", "-o", "positions.toml"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("refusing to write positions.toml"))
        .stderr(predicate::str::contains("positions file"));
    assert_eq!(std::fs::read(h.path()).unwrap(), before_toml);

    // Another spelling of the same source path is still the source.
    let source = h.dir.path().join("seeds/hostile.txt");
    stances()
        .current_dir(h.dir.path())
        .args([
            "export",
            "--format",
            "csv",
            "-o",
            "./seeds/../seeds/hostile.txt",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "refusing to write ./seeds/../seeds/hostile.txt: it is the source `s`",
        ));
    assert_eq!(std::fs::read_to_string(&source).unwrap(), HOSTILE_SOURCE);
    assert_eq!(
        listing(&h.dir.path().join("seeds")),
        ["hostile.txt", "plain.txt"]
    );

    // And so is a link to it.
    #[cfg(unix)]
    {
        let link = h.dir.path().join("link.txt");
        std::os::unix::fs::symlink(&source, &link).unwrap();
        stances()
            .current_dir(h.dir.path())
            .args(["export", "--format", "md", "-o", "link.txt"])
            .assert()
            .code(1)
            .stderr(predicate::str::contains("it is the source `s`"));
        assert_eq!(std::fs::read_to_string(&source).unwrap(), HOSTILE_SOURCE);
    }
}

#[test]
fn write_atomic_reports_failures_and_leaves_nothing_behind() {
    let h = Hostile::write();
    let m = load(&h.path());
    let missing = h.dir.path().join("no/such/dir/out.md");
    let err = write_atomic(&missing, "x", &m).unwrap_err();
    assert!(format!("{err:#}").contains("no/such/dir"), "{err:#}");
    let err = write_atomic(&h.dir.path().join("seeds"), "x", &m).unwrap_err();
    assert!(err.to_string().contains("is a directory"), "{err}");
    assert_eq!(listing(h.dir.path()), ["positions.toml", "seeds"]);
    // A new file in the current directory (a bare name) works too.
    let view = View::new(std::sync::Arc::new(m.clone()), None);
    let name = stances::export::file_name(&view, stances::export::Format::Md);
    assert_eq!(name, "stances-2025-04-22.md");
    write_atomic(&h.dir.path().join(&name), "ok\n", &m).unwrap();
    assert_eq!(
        std::fs::read_to_string(h.dir.path().join(&name)).unwrap(),
        "ok\n"
    );
}

#[test]
fn as_of_changes_the_grid() {
    let run = |date: Option<&str>| {
        let mut cmd = stances();
        cmd.args(["export", "--format", "csv"]).arg(bundled());
        if let Some(d) = date {
            cmd.args(["--as-of", d]);
        }
        stdout_of(&mut cmd)
    };
    let latest = run(None);
    let early = run(Some("2025-04-17"));
    assert_ne!(latest, early);
    // On 23 April Trump's denial is the latest US statement on territory; on 17 April
    // the cell shows the plan itself.
    assert!(latest.contains("Trump: nobody asks Zelensky to recognize Crimea"));
    assert!(
        early.contains(
            "Proposal: recognize Russian control of Crimea and parts of the east and south"
        )
    );
    assert!(!early.contains("Trump: nobody asks"));
    assert_eq!(run(Some("2025-04-25")), latest);
    let md = stdout_of(
        stances()
            .args(["export", "--format", "md", "--as-of", "2025-04-17"])
            .arg(bundled()),
    );
    assert!(md.starts_with("# Ukraine peace talks, April 2025 — as of 2025-04-17\n"));
}

#[test]
fn a_bad_as_of_is_a_clear_error() {
    for bad in ["2025-02-30", "yesterday", "2025-4-17"] {
        stances()
            .args(["export", "--format", "text", "--as-of", bad])
            .arg(bundled())
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(format!("`{bad}` is not a date")))
            .stderr(predicate::str::contains("YYYY-MM-DD"));
    }
}

#[test]
fn a_bad_format_is_bad_usage() {
    stances()
        .args(["export", "--format", "pdf"])
        .arg(bundled())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("pdf"));
}

#[test]
fn a_broken_model_exports_nothing() {
    let h = Hostile::write();
    std::fs::write(
        h.path(),
        "schema = 1\ntitle = \"x\"\n[[position]]\nparty = \"nobody\"\n",
    )
    .unwrap();
    stances()
        .current_dir(h.dir.path())
        .args(["export", "--format", "html", "-o", "out.html"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("error"));
    assert!(!h.dir.path().join("out.html").exists());
}

/// `-o` onto a FIFO (as onto `/dev/null` or a terminal) writes into it: the FIFO stays
/// a FIFO, its reader gets the export, and no temporary file is left beside it.
#[cfg(unix)]
#[test]
fn a_fifo_target_is_written_into_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let h = Hostile::write();
    let fifo = h.dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let expected = stdout_of(
        stances()
            .current_dir(h.dir.path())
            .args(["export", "--format", "csv"]),
    );
    stances()
        .current_dir(h.dir.path())
        .args(["export", "--format", "csv", "-o", "pipe"])
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .success();
    let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo(), "the FIFO was replaced by {kind:?}");
    assert_eq!(reader.join().unwrap(), expected);
    assert_eq!(listing(h.dir.path()), ["pipe", "positions.toml", "seeds"]);
}

/// `-o` onto a link to a file replaces the file it points to and keeps the link.
#[cfg(unix)]
#[test]
fn a_link_target_stays_a_link() {
    let h = Hostile::write();
    std::fs::write(h.dir.path().join("real.md"), "old").unwrap();
    std::os::unix::fs::symlink("real.md", h.dir.path().join("link.md")).unwrap();
    stances()
        .current_dir(h.dir.path())
        .args(["export", "--format", "md", "-o", "link.md"])
        .assert()
        .success();
    let link = std::fs::symlink_metadata(h.dir.path().join("link.md")).unwrap();
    assert!(link.file_type().is_symlink());
    let real = std::fs::read_to_string(h.dir.path().join("real.md")).unwrap();
    assert!(real.starts_with("# Talks"), "{real}");
    assert_eq!(
        listing(h.dir.path()),
        ["link.md", "positions.toml", "real.md", "seeds"]
    );
}

#[cfg(unix)]
#[test]
fn a_new_export_is_readable_as_any_new_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.html");
    // Under the usual umask 022 a new file is rw-r--r--, not the rw------- of temp files.
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg("umask 022 && exec \"$0\" export \"$1\" --format html -o \"$2\"")
        .arg(env!("CARGO_BIN_EXE_stances"))
        .arg(bundled())
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o644, "{mode:o}");
}

#[test]
fn a_filter_exports_only_the_rows_and_columns_it_keeps() {
    let plain = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/plain/positions.toml");
    let csv = stdout_of(stances().arg("export").arg(&plain).args([
        "--format",
        "csv",
        "--filter",
        "party:north issue:trade,ceasefire",
    ]));
    let rows: Vec<Vec<String>> = csv::Reader::from_reader(csv.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    assert_eq!(
        rows,
        [
            ["Ceasefire", "Immediate ceasefire along the current line"],
            ["Trade", "Lift tariffs on grain"],
        ]
    );
    assert!(
        csv.starts_with("Issue,Northland\r\n") || csv.starts_with("Issue,Northland\n"),
        "{csv}"
    );
    // A bad filter is bad usage.
    stances()
        .arg("export")
        .arg(&plain)
        .args(["--format", "csv", "--filter", "party:x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown party `x`"));
}
