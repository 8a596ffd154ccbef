//! Hostile files and paths (docs/SPEC.md §7): special files, sizes, paths that lead out of the
//! model's folder, bytes that are not UTF-8, and values that try to forge output lines.

use assert_cmd::Command;
use stances::diagnostic::Severity::Error;
use stances::testing::project::{Project, SOURCE_A, at, find, valid};
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
    let p = Project::valid();
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
    let p = Project::valid();
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
    let p = Project::valid();
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
    let p = Project::valid();
    let big = std::fs::File::create(p.dir.path().join("big.toml")).unwrap();
    big.set_len(16 * 1024 * 1024 + 1).unwrap();
    let err = check_fails(&p, "big.toml");
    assert!(
        err.contains(
            "big.toml: error: is 16777217 bytes, over the 16 MiB limit (16777216 bytes) for a positions file"
        ),
        "{err}"
    );
    // `add-source --model` says the size as it is, not "16.0 MiB", and never calls the
    // positions file a source.
    p.write(
        "doc.txt",
        b"date 2025-01-01\n\nThe envoy met the minister.\n",
    );
    let out = stances()
        .current_dir(p.dir.path())
        .args(["add-source", "doc.txt", "--model", "big.toml"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(
            "big.toml: the positions file is 16777217 bytes, over the 16 MiB limit (16777216 bytes)"
        ) && !err.contains("source")
            && !err.contains("16.0 MiB"),
        "{err}"
    );
}

#[test]
fn the_size_limit_holds_for_what_is_read() {
    let p = Project::valid();
    let path = p.dir.path().join("seeds/a.txt");
    std::fs::write(&path, "x".repeat(100)).unwrap();
    assert_eq!(
        stances::source::read_regular(&path, 99),
        Err(stances::source::SourceError::TooLarge {
            size: 100,
            limit: 99
        })
    );
    assert_eq!(
        stances::source::read_regular(&path, 100).unwrap().len(),
        100
    );
}

#[test]
fn invalid_utf8_in_positions_toml_is_located() {
    let p = Project::valid();
    p.write("positions.toml", b"schema = 1\ntitle = \"Caf\xE9 talks\"\n");
    let err = check_fails(&p, "positions.toml");
    assert!(
        err.contains("positions.toml:2:13: error: this byte is not UTF-8"),
        "{err}"
    );
    let out = p.check_json(1);
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(
        (v[0]["line"].as_u64(), v[0]["column"].as_u64()),
        (Some(2), Some(13))
    );
}

/// The project with `sources_dir = "{dir}"` on line 3.
fn with_sources_dir(dir: &str) -> Project {
    Project::new(&valid().replace(
        "title = \"Test talks\"\n",
        &format!("title = \"Test talks\"\nsources_dir = \"{dir}\"\n"),
    ))
}

#[test]
fn sources_dir_must_stay_inside_the_folder_of_positions_toml() {
    for (dir, how) in [
        ("/etc", "is an absolute path"),
        ("../../..", "leads out of it"),
        ("seeds/../..", "leads out of it"),
    ] {
        let p = with_sources_dir(dir);
        let diags = p.diagnostics();
        let d = find(&diags, Error, "must be inside the folder of positions.toml");
        assert!(
            d.message.contains(&format!("`{dir}`")) && d.message.contains(how),
            "{d:?}"
        );
        assert_eq!(at(d), (3, 15), "{dir}");
        assert!(
            d.hint
                .as_deref()
                .unwrap()
                .contains("sources_dir = \"seeds\""),
            "{d:?}"
        );
        // Nothing else: no source is read from there.
        assert_eq!(diags.len(), 1, "{diags:#?}");
    }
    // Inside is fine, also through a link that stays inside.
    let p = with_sources_dir("./seeds/../seeds");
    assert!(p.diagnostics().is_empty(), "{:#?}", p.diagnostics());
    #[cfg(unix)]
    {
        let p = with_sources_dir("texts");
        std::os::unix::fs::symlink("seeds", p.dir.path().join("texts")).unwrap();
        assert!(p.diagnostics().is_empty(), "{:#?}", p.diagnostics());
    }
}

#[cfg(unix)]
#[test]
fn a_sources_dir_linked_out_of_the_folder_is_an_error() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("a.txt"), SOURCE_A).unwrap();
    let p = with_sources_dir("elsewhere");
    std::os::unix::fs::symlink(outside.path(), p.dir.path().join("elsewhere")).unwrap();
    let diags = p.diagnostics();
    let d = find(&diags, Error, "must be inside the folder of positions.toml");
    assert_eq!(at(d), (3, 15));
    // The default `seeds`, linked out, is reported at the first source.
    let p = Project::valid();
    std::fs::remove_dir_all(p.dir.path().join("seeds")).unwrap();
    std::os::unix::fs::symlink(outside.path(), p.dir.path().join("seeds")).unwrap();
    let diags = p.diagnostics();
    let d = find(
        &diags,
        Error,
        "the default sources directory `seeds` must be inside",
    );
    assert_eq!(at(d), (16, 10));
}

/// Output of a command as text, whatever its exit status.
fn stderr_of(cmd: &mut Command) -> String {
    String::from_utf8(cmd.output().unwrap().stderr).unwrap()
}

#[test]
fn a_line_break_in_a_value_cannot_forge_a_diagnostic() {
    let p = with_sources_dir("seeds\\npositions.toml:1:1: error: FORGED");
    let err = stderr_of(stances().current_dir(p.dir.path()).arg("check"));
    assert!(
        !err.lines().any(|l| l.starts_with("positions.toml:1:1")),
        "a forged line:\n{err}"
    );
    assert!(
        err.contains(
            "positions.toml:3:15: error: sources_dir `seeds\\npositions.toml:1:1: error: FORGED`"
        ),
        "{err}"
    );
    // The same through the reader's and export's error path.
    let err = stderr_of(
        stances()
            .current_dir(p.dir.path())
            .args(["export", "--format", "md"]),
    );
    assert!(
        !err.lines().any(|l| l.starts_with("positions.toml:1:1")),
        "{err}"
    );
}

/// True when `s` holds a control character other than a line break.
fn has_raw_control(s: &str) -> bool {
    s.chars().any(|c| c.is_control() && c != '\n')
}

#[test]
fn an_escape_sequence_in_a_folder_name_is_shown_escaped() {
    let outer = tempfile::tempdir().unwrap();
    let name = "t\x1b]0;title\x07";
    let dir = outer.path().join(name);
    std::fs::create_dir_all(dir.join("seeds")).unwrap();
    std::fs::write(dir.join("seeds/a.txt"), SOURCE_A).unwrap();
    let shown = "t\\u{1b}]0;title\\u{7}";

    // init's "wrote" line.
    let err = stderr_of(stances().current_dir(outer.path()).args(["init", name]));
    assert!(!has_raw_control(&err), "{err:?}");
    assert!(
        err.contains(&format!("wrote {shown}/positions.toml")),
        "{err}"
    );

    // check's diagnostics and summary line, of a good and of a broken model.
    let toml = format!("{name}/positions.toml");
    std::fs::write(dir.join("positions.toml"), valid()).unwrap();
    let err = stderr_of(stances().current_dir(outer.path()).args(["check", &toml]));
    assert!(!has_raw_control(&err), "{err:?}");
    assert!(
        err.contains(&format!("{shown}/positions.toml: ok:")),
        "{err}"
    );
    std::fs::write(
        dir.join("positions.toml"),
        valid().replace("\"ru\"\nissue", "\"rus\"\nissue"),
    )
    .unwrap();
    let err = stderr_of(stances().current_dir(outer.path()).args(["check", &toml]));
    assert!(!has_raw_control(&err), "{err:?}");
    assert!(
        err.contains(&format!(
            "{shown}/positions.toml:22:9: error: unknown party"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("{shown}/positions.toml: 1 error")),
        "{err}"
    );

    // The main error line, for a path argument holding `ESC [ 2 J`.
    let err = stderr_of(
        stances()
            .current_dir(outer.path())
            .args(["export", "--format", "md", &toml]),
    );
    assert!(!has_raw_control(&err), "{err:?}");
    let err = stderr_of(stances().args(["sentences", "x\x1b[2J", "no\x1b[2J.toml"]));
    assert!(!has_raw_control(&err), "{err:?}");
    assert!(err.contains("no\\u{1b}[2J.toml"), "{err}");
}

#[test]
fn a_dotted_key_of_100000_parts_is_located_at_its_line() {
    let key = format!("a{}", ".a".repeat(99_999));
    let p = Project::new(&format!(
        "schema = 1\ntitle = \"T\"\n\n# keys\n\n  {key} = 1\n"
    ));
    let diags = p.diagnostics();
    let d = find(&diags, Error, "TOML syntax");
    assert_eq!(at(d), (6, 3), "{d:?}");
    assert!(
        d.hint.as_deref().unwrap().contains("at most 79 parts"),
        "{d:?}"
    );
}

#[test]
fn check_json_writes_control_and_bidi_characters_of_a_quote_escaped() {
    // The source now holds CSI (a C1 control that starts escape sequences) and a
    // right-to-left override in the quoted sentence: the diagnostic quotes it.
    let p = Project::valid();
    let source = SOURCE_A.replace("Russia rejected", "Russia \u{9b}31m rejected \u{202e}");
    assert_ne!(source, SOURCE_A);
    p.write("seeds/a.txt", source.as_bytes());
    let out = p.check_json(1);
    let text = String::from_utf8(out).unwrap();
    assert!(!has_raw_control(&text), "{text}");
    assert!(!text.contains('\u{202e}'), "{text}");
    assert!(
        text.contains("\\u009b") && text.contains("\\u202e"),
        "{text}"
    );
    // Still JSON, with the characters in it.
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert!(v.to_string().contains("\u{9b}31m rejected \u{202e}"), "{v}");
}
