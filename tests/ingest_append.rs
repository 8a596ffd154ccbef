//! `stances add-source --append` never loses a block: runs at the same time each add
//! theirs, and a positions file it cannot add to sound (one that would grow past what
//! the loader reads, one marked read-only, one whose sources are a `[[sources]]` array)
//! is refused with nothing written, neither the block nor the text.
#![cfg(feature = "import")]

use assert_cmd::Command;
use std::path::{Path, PathBuf};

const MODEL: &str = "schema = 1\ntitle = \"Appends\"\n\n[parties.ua]\nname = \"Ukraine\"\n";

fn stances() -> Command {
    Command::cargo_bin("stances").unwrap()
}

/// A folder with positions.toml (`model`), an empty seeds/ and ten text files to add,
/// `in/c0.txt` … `in/c9.txt`.
fn project(model: &str) -> tempfile::TempDir {
    let dir = stances::testing::project::Project::empty(model).dir;
    std::fs::create_dir(dir.path().join("in")).unwrap();
    for n in 0..10 {
        let text = format!("Statement number {n} on the talks.\n\nThe envoys met again.\n");
        std::fs::write(dir.path().join(format!("in/c{n}.txt")), text).unwrap();
    }
    dir
}

/// The names of the files in `dir`/seeds, sorted.
fn seeds(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir.join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

/// Starts `add-source --append --id ID in/INPUT` in `dir` as its own process.
fn spawn_append(dir: &Path, id: &str, input: &str) -> std::process::Child {
    std::process::Command::new(assert_cmd::cargo::cargo_bin("stances"))
        .current_dir(dir)
        .args(["add-source", "--append", "--id", id])
        .arg(PathBuf::from("in").join(input))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

#[test]
fn ten_runs_at_once_each_add_their_block_and_the_file_checks() {
    // Without the lock each of 3 runs of this test failed: a run reported a block
    // that another's rename had replaced.
    for round in 0..3 {
        let dir = project(MODEL);
        let runs: Vec<_> = (0..10)
            .map(|n| spawn_append(dir.path(), &format!("c{n}"), &format!("c{n}.txt")))
            .collect();
        let mut reported = Vec::new();
        for (n, run) in runs.into_iter().enumerate() {
            let out = run.wait_with_output().unwrap();
            let err = String::from_utf8(out.stderr).unwrap();
            assert_eq!(out.status.code(), Some(0), "round {round}, c{n}: {err}");
            assert!(err.contains(&format!("added [sources.c{n}]")), "{err}");
            reported.push(format!("c{n}"));
        }
        let model = std::fs::read_to_string(dir.path().join("positions.toml")).unwrap();
        assert!(model.starts_with(MODEL), "{model}");
        for id in &reported {
            assert_eq!(
                model.matches(&format!("[sources.{id}]\n")).count(),
                1,
                "round {round}: {id} is not in the file once:\n{model}"
            );
        }
        let files: Vec<String> = reported.iter().map(|id| format!("{id}.txt")).collect();
        assert_eq!(seeds(dir.path()), files, "round {round}");
        stances()
            .current_dir(dir.path())
            .arg("check")
            .assert()
            .success();
    }
}

#[test]
fn runs_at_once_with_one_id_add_it_once_and_leave_no_stray_text() {
    let dir = project(MODEL);
    let runs: Vec<_> = (0..5)
        .map(|n| spawn_append(dir.path(), "same", &format!("c{n}.txt")))
        .collect();
    let outs: Vec<_> = runs
        .into_iter()
        .map(|r| r.wait_with_output().unwrap())
        .collect();
    let won: Vec<_> = outs.iter().filter(|o| o.status.success()).collect();
    assert_eq!(won.len(), 1);
    for out in outs.iter().filter(|o| !o.status.success()) {
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("source `same` already exists in positions.toml; nothing written"),
            "{err}"
        );
    }
    let model = std::fs::read_to_string(dir.path().join("positions.toml")).unwrap();
    assert_eq!(model.matches("[sources.same]").count(), 1, "{model}");
    assert_eq!(seeds(dir.path()), ["same.txt"]);
}

/// Runs `add-source` (with `append`, or the dry run) on in/c0.txt, which must be
/// refused: its stderr. Nothing may have been written.
fn refused(dir: &Path, append: bool) -> String {
    let before = std::fs::read(dir.join("positions.toml")).unwrap();
    let mut cmd = stances();
    cmd.current_dir(dir).arg("add-source");
    if append {
        cmd.arg("--append");
    }
    let out = cmd.arg("in/c0.txt").assert().code(1).get_output().clone();
    assert_eq!(std::fs::read(dir.join("positions.toml")).unwrap(), before);
    assert_eq!(seeds(dir), Vec::<String>::new());
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn a_block_that_would_push_the_file_past_16_mib_is_refused() {
    // 100 bytes under the limit: the file loads, and with the block it would not.
    let limit = 16 * 1024 * 1024;
    let filler = "#".repeat(limit - 100 - MODEL.len() - 1);
    let dir = project(&format!("{MODEL}{filler}\n"));
    stances()
        .current_dir(dir.path())
        .arg("check")
        .assert()
        .success();
    for append in [true, false] {
        let err = refused(dir.path(), append);
        assert!(
            err.contains("positions.toml: with the new block it would be ")
                && err.contains("over the 16 MiB (16,777,216 bytes) a positions file may be, and no command would open it; nothing written")
                && err.contains("hint: start the new sources in a model of their own"),
            "{err}"
        );
    }
}

#[test]
fn a_read_only_positions_file_is_refused() {
    let dir = project(MODEL);
    let file = dir.path().join("positions.toml");
    let mut perms = std::fs::metadata(&file).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&file, perms).unwrap();
    for append in [true, false] {
        let err = refused(dir.path(), append);
        assert_eq!(
            err,
            "stances: error: positions.toml is read-only; nothing written\n  hint: make it writable to add the source (e.g. chmod u+w positions.toml)\n"
        );
    }
    assert!(std::fs::metadata(&file).unwrap().permissions().readonly());
}

#[test]
fn sources_written_as_an_array_of_tables_are_refused_at_their_line() {
    let dir = project(&format!(
        "{MODEL}\n[[sources]]\nfile = \"a.txt\"\ntitle = \"A\"\n"
    ));
    // check rejects such a file; add-source does not add to it.
    stances()
        .current_dir(dir.path())
        .arg("check")
        .assert()
        .code(1);
    for append in [true, false] {
        let err = refused(dir.path(), append);
        assert_eq!(
            err,
            "stances: error: positions.toml:7:1: `sources` is an array of tables ([[sources]]), which check rejects; nothing written\n  hint: write each source as a table of its own, [sources.ID], then add this one\n"
        );
    }
}

#[test]
fn a_positions_file_reached_through_a_link_stays_a_link() {
    let dir = project(MODEL);
    let real = dir.path().join("real.toml");
    std::fs::rename(dir.path().join("positions.toml"), &real).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("real.toml", dir.path().join("positions.toml")).unwrap();
    #[cfg(not(unix))]
    std::fs::copy(&real, dir.path().join("positions.toml")).unwrap();
    stances()
        .current_dir(dir.path())
        .args(["add-source", "--append", "--id", "c0", "in/c0.txt"])
        .assert()
        .success();
    let via = std::fs::read_to_string(dir.path().join("positions.toml")).unwrap();
    assert!(via.contains("[sources.c0]"), "{via}");
    #[cfg(unix)]
    {
        assert!(
            std::fs::symlink_metadata(dir.path().join("positions.toml"))
                .unwrap()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&real).unwrap(), via);
    }
}

#[test]
fn a_model_started_empty_takes_its_first_source_and_checks() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    stances().current_dir(d).arg("init").assert().success();
    std::fs::write(d.join("talks.txt"), "The envoys met in Geneva.\n").unwrap();
    // The dry run writes nothing, so the --append after it is not refused.
    stances()
        .current_dir(d)
        .args(["add-source", "talks.txt"])
        .assert()
        .success()
        .stdout("[sources.the-envoys-met-in-geneva]\nfile = \"the-envoys-met-in-geneva.txt\"\ntitle = \"The envoys met in Geneva.\"  # from the text\n");
    assert!(!d.join("seeds").exists());
    stances()
        .current_dir(d)
        .args(["add-source", "--append", "talks.txt"])
        .assert()
        .success();
    assert_eq!(seeds(d), ["the-envoys-met-in-geneva.txt"]);
    stances()
        .current_dir(d)
        .arg("check")
        .assert()
        .success()
        .stderr(predicates::str::contains("1 source"));
}
