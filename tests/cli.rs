//! The command line as a user runs it: exit statuses, output formats, bad files.

use assert_cmd::Command;
use predicates::prelude::*;
use stances::testing::project::{Project, valid};

fn stances() -> Command {
    Command::cargo_bin("stances").unwrap()
}

fn repo() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn bundled_model_passes_strict_check() {
    stances()
        .current_dir(repo())
        .args(["check", "--strict"])
        .assert()
        .success()
        .stderr(predicate::str::contains("positions.toml: ok: 4 parties"));
}

#[test]
fn check_text_reports_file_line_column_and_hint() {
    let p = Project::new(&valid().replace("party = \"ru\"", "party = \"rus\""));
    stances()
        .current_dir(p.dir.path())
        .arg("check")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "positions.toml:22:9: error: unknown party `rus`\n    hint: did you mean `ru`?\n    hint: known: us, ru\n",
        ))
        .stderr(predicate::str::contains("positions.toml: 1 error, 0 warnings"));
}

#[test]
fn check_json_prints_an_array_on_stdout() {
    let p = Project::new(&valid().replace("as_of = 2025-04-23", "as_of = 2025-05-01"));
    let out = p.check_json(0);
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let d = &v.as_array().unwrap()[0];
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["file"], "positions.toml");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(25), Some(9))
    );
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("later than every source")
    );
    assert!(d["hint"].is_string());
}

#[test]
fn strict_makes_warnings_fail() {
    let p = Project::new(&valid().replace("as_of = 2025-04-23", "as_of = 2025-05-01"));
    stances()
        .current_dir(p.dir.path())
        .arg("check")
        .assert()
        .code(0);
    stances()
        .current_dir(p.dir.path())
        .args(["check", "--strict"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("warning:"));
}

#[test]
fn json_of_a_clean_model_is_an_empty_array() {
    let p = Project::valid();
    stances()
        .current_dir(p.dir.path())
        .args(["check", "--format=json"])
        .assert()
        .code(0)
        .stdout("[]\n");
}

#[test]
fn bad_usage_exits_2() {
    stances()
        .args(["check", "--format", "xml"])
        .assert()
        .code(2);
    stances().args(["check", "--bogus"]).assert().code(2);
    stances().args(["frobnicate", "x", "y"]).assert().code(2);
}

#[test]
fn missing_file_directory_and_no_default() {
    let dir = tempfile::tempdir().unwrap();
    stances()
        .current_dir(dir.path())
        .args(["check", "nope.toml"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("nope.toml: error: no such file"));
    stances()
        .current_dir(dir.path())
        .args(["check", "."])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is a directory"));
    stances()
        .current_dir(dir.path())
        .arg("check")
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("no ./positions.toml")
                .and(predicate::str::contains("bundled example")),
        );
    stances()
        .current_dir(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("bundled example"));
}

#[test]
fn no_input_ever_panics() {
    let p = Project::new("");
    let inputs: Vec<Vec<u8>> = vec![
        b"\xff\xfe\x00garbage".to_vec(),
        b"[[[[[[[[[[".repeat(5000),
        b"a = "
            .iter()
            .chain(b"[".repeat(100_000).iter())
            .copied()
            .collect(),
        b"schema = 1\ntitle = 't'\n[[position]]\n[[position.cite]]\n".to_vec(),
        b"schema = 1\ntitle = 't'\nparties = 3\nissues = []\nsources = 'x'\nposition = 5\n"
            .to_vec(),
        b"schema = 1\ntitle = 't'\n[[position]]\ncite = [1, 2]\nparty = 1\n".to_vec(),
        b"schema = 99999999999999999999999\n".to_vec(),
    ];
    for bytes in inputs {
        p.write("positions.toml", &bytes);
        for args in [
            vec!["check"],
            vec!["check", "--strict", "--format", "json"],
            vec![],
            vec!["sentences", "a"],
        ] {
            let out = stances()
                .current_dir(p.dir.path())
                .args(&args)
                .output()
                .unwrap();
            assert_eq!(
                out.status.code(),
                Some(1),
                "{args:?} on {:?}",
                String::from_utf8_lossy(&bytes[..bytes.len().min(40)])
            );
        }
    }
}

#[test]
fn sentences_of_a_seed() {
    let out = stances()
        .current_dir(repo())
        .args(["sentences", "ki-2025-04-23"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let first = text.lines().next().unwrap();
    assert_eq!(
        first,
        "   1* U.S. Special Envoy Steve Witkoff is expected to meet Russian President Vladimir Putin in Moscow on April 25, Axios reported on April 23, citing an unnamed U.S. official."
    );
    assert_eq!(text.lines().count(), 18);
    // The date line is metadata, never part of the first sentence.
    stances()
        .current_dir(repo())
        .args(["sentences", "seeds/004_2215c32ffc805020.txt"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "   1* Some reports suggested Witkoff",
        ));
    stances()
        .current_dir(repo())
        .args(["sentences", "ki-2025"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "known sources: ki-2025-04-23, moscow-2025-04-25",
        ));
}

#[test]
fn no_subcommand_prints_the_grid() {
    stances()
        .current_dir(repo())
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Ukraine peace talks, April 2025 — as of 2025-04-25",
        ))
        .stdout(predicate::str::contains("Territory"));
}

#[test]
fn sentences_uncited_and_json() {
    let all = stances()
        .current_dir(repo())
        .args(["sentences", "ki-2025-04-23"])
        .output()
        .unwrap();
    let all = String::from_utf8(all.stdout).unwrap();
    let uncited = stances()
        .current_dir(repo())
        .args(["sentences", "--uncited", "ki-2025-04-23"])
        .output()
        .unwrap();
    let uncited = String::from_utf8(uncited.stdout).unwrap();
    assert!(uncited.lines().count() < all.lines().count());
    assert!(
        uncited.lines().all(|l| l.as_bytes()[4] == b' '),
        "no cited mark:\n{uncited}"
    );
    assert!(all.lines().any(|l| l.as_bytes()[4] == b'*'));

    let out = stances()
        .current_dir(repo())
        .args(["sentences", "--json", "moscow-2025-04-25"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &v[0];
    assert_eq!(first["n"], 1);
    // Offsets are code points into the decoded text, past the `date` line.
    let text: Vec<char> = std::fs::read_to_string(repo().join("seeds/004_2215c32ffc805020.txt"))
        .unwrap()
        .chars()
        .collect();
    let (s, e) = (
        first["start"].as_u64().unwrap() as usize,
        first["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(
        text[s..e].iter().collect::<String>(),
        first["text"].as_str().unwrap()
    );
    assert_eq!(first["cited_by"][0]["party"], "us");
}

#[test]
fn init_scaffolds_a_folder_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = dir.path().join("seeds");
    std::fs::create_dir(&seeds).unwrap();
    for f in ["000_654284435287354a.txt", "004_2215c32ffc805020.txt"] {
        std::fs::copy(repo().join("seeds").join(f), seeds.join(f)).unwrap();
    }
    std::fs::write(seeds.join("Bad Name.txt"), b"\xff\xfe not utf-8").unwrap();
    stances()
        .current_dir(dir.path())
        .arg("init")
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "with 2 source(s), 1 file(s) skipped",
        ));
    let written = std::fs::read_to_string(dir.path().join("positions.toml")).unwrap();
    assert!(
        written.contains("[sources.004_2215c32ffc805020]\nfile = \"004_2215c32ffc805020.txt\""),
        "{written}"
    );
    assert!(
        written.contains("published = 2025-04-25"),
        "the date line is used:\n{written}"
    );
    assert!(written.contains("# skipped Bad Name.txt"), "{written}");
    // The scaffold checks: no errors, only the warnings that its sources are not cited yet.
    let loaded = stances::model::load(&dir.path().join("positions.toml"));
    assert_eq!(loaded.errors(), 0, "{:#?}", loaded.diagnostics);
    assert_eq!(loaded.diagnostics.len(), 2);
    // A second run refuses, and leaves the file as it was.
    std::fs::write(dir.path().join("positions.toml"), "# mine\n").unwrap();
    stances()
        .current_dir(dir.path())
        .arg("init")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("already exists"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("positions.toml")).unwrap(),
        "# mine\n"
    );
}

#[test]
fn init_in_an_empty_folder_writes_a_skeleton_that_checks_and_says_how_to_add_sources() {
    let empty = tempfile::tempdir().unwrap();
    stances()
        .args(["init", empty.path().to_str().unwrap()])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "positions.toml with no sources yet\n  next: bring in a page, a PDF or a text with: stances add-source FILE",
        ));
    let written = std::fs::read_to_string(empty.path().join("positions.toml")).unwrap();
    assert!(written.contains("sources_dir = \"seeds\"\n"), "{written}");
    assert!(
        written.contains(
            "# No sources yet. Bring in a web page, a PDF, a Markdown or a text file:\n\
            #   stances add-source FILE           shows the text and the block it would add\n\
            #   stances add-source --append FILE  writes the text into seeds/ and adds\n"
        ),
        "{written}"
    );
    stances()
        .current_dir(empty.path())
        .args(["check", "--strict"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "ok: 0 parties, 0 issues, 0 sources, 0 positions",
        ));
}

/// Files `check` would reject are left out with a comment saying why, and what init
/// writes checks: a link out of the folder, a link to nothing, a FIFO, a name that is
/// not UTF-8, a name with a line break (declared: its name is written escaped).
#[cfg(unix)]
#[test]
fn init_leaves_out_what_check_would_reject_and_says_why() {
    use std::os::unix::ffi::OsStrExt;
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("out.txt"), "Outside text.\n").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("fine.txt"), "Fine text.\n").unwrap();
    std::os::unix::fs::symlink(outside.path().join("out.txt"), d.join("link.txt")).unwrap();
    std::os::unix::fs::symlink("nowhere.txt", d.join("dangling.txt")).unwrap();
    std::os::unix::fs::symlink("fine.txt", d.join("inside.txt")).unwrap();
    let latin1 = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
    std::fs::write(d.join(latin1), "Text in a file with a Latin-1 name.\n").unwrap();
    std::fs::write(d.join("two\nlines.txt"), "Two lines.\n").unwrap();
    let fifo = std::process::Command::new("mkfifo")
        .arg(d.join("pipe.txt"))
        .status()
        .unwrap();
    assert!(fifo.success());
    stances()
        .args(["init", d.to_str().unwrap()])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "with 3 source(s), 4 file(s) skipped (see the comments)",
        ));
    let written = std::fs::read_to_string(d.join("positions.toml")).unwrap();
    for line in [
        "# skipped caf\u{fffd}.txt: it has a name that is not UTF-8, which positions.toml cannot name; rename it\n",
        "# skipped dangling.txt: it is a link to something that does not exist\n",
        "# skipped link.txt: it is a link that leads out of this folder, and check reads no source outside it; copy the file in instead\n",
        "# skipped pipe.txt: it is a FIFO (named pipe), not a regular file\n",
        "[sources.inside]\nfile = \"inside.txt\"\n",
        "[sources.two-lines]\nfile = \"two\\u000Alines.txt\"\n",
    ] {
        assert!(written.contains(line), "{line}\n---\n{written}");
    }
    let loaded = stances::model::load(&d.join("positions.toml"));
    assert_eq!(loaded.errors(), 0, "{:#?}", loaded.diagnostics);
    stances()
        .current_dir(d)
        .arg("check")
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "ok: 0 parties, 0 issues, 3 sources",
        ));
}

/// A `seeds` link that leads out of the folder is not made the sources directory.
#[cfg(unix)]
#[test]
fn init_does_not_take_a_seeds_link_out_of_the_folder_as_its_sources() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("a.txt"), "Outside text.\n").unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(outside.path(), dir.path().join("seeds")).unwrap();
    stances()
        .args(["init", dir.path().to_str().unwrap()])
        .assert()
        .success();
    let written = std::fs::read_to_string(dir.path().join("positions.toml")).unwrap();
    assert!(written.contains("sources_dir = \".\"\n"), "{written}");
    assert!(
        written.contains("# skipped seeds: it is a link that leads out of this folder"),
        "{written}"
    );
    stances()
        .current_dir(dir.path())
        .arg("check")
        .assert()
        .success();
}

#[test]
fn a_directory_means_its_positions_toml_and_dash_means_stdout() {
    stances()
        .args(["check", "--strict"])
        .arg(repo())
        .assert()
        .success();
    let out = stances()
        .args(["export", "--format", "csv", "-o", "-"])
        .arg(repo())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(
        String::from_utf8(out)
            .unwrap()
            .starts_with("Issue,United States,Russia,Ukraine,Europe")
    );
}

#[test]
fn export_refuses_any_positions_toml_and_silly_widths() {
    let other = Project::valid();
    stances()
        .current_dir(repo())
        .args(["export", "--format", "md", "-o"])
        .arg(other.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "exports never replace a positions.toml",
        ));
    assert_eq!(std::fs::read_to_string(other.path()).unwrap(), valid());
    stances()
        .current_dir(repo())
        .args(["export", "--format", "text", "--width", "0"])
        .assert()
        .code(2);
}

#[test]
fn diagnostics_come_out_in_file_order_in_text_and_json() {
    // Found in this order: the unknown key on line 3 and the one on line 28 (reading),
    // then the unknown party on line 23 (resolving).
    let toml = valid()
        .replace(
            "title = \"Test talks\"\n",
            "title = \"Test talks\"\ncolour = 1\n",
        )
        .replace("party = \"ru\"", "party = \"rus\"")
        .replace("stance = \"none\"\n", "stance = \"none\"\nmood = \"x\"\n");
    let p = Project::new(&toml);
    let out = stances()
        .current_dir(p.dir.path())
        .arg("check")
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    let lines: Vec<String> = String::from_utf8(out)
        .unwrap()
        .lines()
        .filter(|l| l.contains(": error: "))
        .map(|l| l.split(": error").next().unwrap().to_string())
        .collect();
    assert_eq!(
        lines,
        [
            "positions.toml:3:1",
            "positions.toml:23:9",
            "positions.toml:28:1"
        ]
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
    let at: Vec<u64> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["line"].as_u64().unwrap())
        .collect();
    assert_eq!(at, [3, 23, 28]);
}

/// A build without the `import` feature has no importers: `add-source` writes nothing
/// and says how to get them.
#[cfg(not(feature = "import"))]
#[test]
fn without_the_importers_add_source_says_how_to_get_them() {
    let p = Project::valid();
    std::fs::write(p.dir.path().join("page.html"), "<p>Some text.</p>").unwrap();
    stances()
        .current_dir(p.dir.path())
        .args(["add-source", "page.html", "--append"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("built without its importers"))
        .stderr(predicate::str::contains("--features import"));
    assert_eq!(std::fs::read_to_string(p.path()).unwrap(), valid());
    assert!(
        !p.dir
            .path()
            .join("seeds")
            .read_dir()
            .unwrap()
            .any(|e| { e.unwrap().file_name().to_string_lossy().contains("page") })
    );
}
