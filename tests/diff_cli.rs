//! `stances diff` as a user runs it, against tests/fixtures/moves: three dates, a
//! scale, a party that moves twice, undated positions; default dates, bad dates and
//! dates outside the file's range; text, md and the JSON of docs/SPEC.md §6.

use assert_cmd::Command;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/moves/positions.toml")
}

fn diff(args: &[&str]) -> Command {
    let mut cmd = Command::cargo_bin("stances").unwrap();
    cmd.arg("diff").arg(fixture()).args(args);
    cmd
}

fn stdout_of(cmd: &mut Command) -> String {
    String::from_utf8(cmd.assert().success().get_output().stdout.clone()).unwrap()
}

fn json_of(args: &[&str]) -> Value {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    serde_json::from_str(&stdout_of(&mut diff(&all))).unwrap()
}

/// `(issue, party, kind, steps)` of each change.
fn kinds(v: &Value) -> Vec<(String, String, String, Value)> {
    v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let s = |k: &str| c[k].as_str().unwrap().to_string();
            (s("issue"), s("party"), s("kind"), c["steps"].clone())
        })
        .collect()
}

fn k(issue: &str, party: &str, kind: &str, steps: Value) -> (String, String, String, Value) {
    (issue.into(), party.into(), kind.into(), steps)
}

#[test]
fn by_default_the_latest_date_is_compared_with_the_one_before_it() {
    let v = json_of(&[]);
    assert_eq!(
        (&v["from"], &v["to"]),
        (&json!("2025-04-17"), &json!("2025-04-25"))
    );
    assert_eq!(
        kinds(&v),
        [
            k("ceasefire", "us", "moved", json!(1)),
            k("nato", "us", "changed", Value::Null)
        ]
    );
}

#[test]
fn to_alone_compares_with_the_file_date_before_it_and_from_alone_with_the_latest() {
    let v = json_of(&["--to", "2025-04-17"]);
    assert_eq!(v["from"], json!("2025-04-10"));
    assert_eq!(
        kinds(&v),
        [
            k("ceasefire", "us", "moved", json!(1)),
            k("ceasefire", "ua", "new", Value::Null)
        ]
    );
    let v = json_of(&["--from", "2025-04-10"]);
    assert_eq!(v["to"], json!("2025-04-25"));
}

#[test]
fn the_json_is_exactly_spec_6() {
    let v = json_of(&[]);
    let keys = |o: &Value| {
        let mut k: Vec<String> = o.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(keys(&v), ["changes", "from", "to"]);
    let moved = &v["changes"][0];
    assert_eq!(
        keys(moved),
        [
            "after", "before", "fields", "issue", "kind", "party", "steps", "via"
        ]
    );
    assert_eq!(
        moved["before"],
        json!({"summary": "A partial truce would do", "status": "proposed",
               "confidence": null, "as_of": "2025-04-17", "line": 45,
               "stance": "partial", "range": null, "stance_as_of": "2025-04-17"})
    );
    assert_eq!(
        moved["after"],
        json!({"summary": "No longer asks for a ceasefire", "status": "stated",
               "confidence": null, "as_of": "2025-04-25", "line": 57,
               "stance": "none", "range": null, "stance_as_of": "2025-04-25"})
    );
    assert_eq!(moved["fields"], json!(["summary", "status", "stance"]));
    assert_eq!(
        moved["via"],
        json!([{"as_of": "2025-04-25", "summary": "No longer asks for a ceasefire",
                "stance": "none", "line": 57}])
    );
    assert_eq!(v["changes"][1]["after"]["stance"], Value::Null);
}

#[test]
fn a_position_that_moves_twice_is_one_net_move_over_both_dates() {
    let v = json_of(&["--from", "2025-04-10", "--to", "2025-04-25"]);
    assert_eq!(kinds(&v)[0], k("ceasefire", "us", "moved", json!(2)));
    assert_eq!(v["changes"][0]["before"]["as_of"], json!("2025-04-10"));
}

#[test]
fn undated_positions_hold_at_every_date_and_never_show_as_changes() {
    let v = json_of(&["--from", "2000-01-01", "--to", "2099-12-31"]);
    assert_eq!(
        kinds(&v),
        [
            k("ceasefire", "us", "new", Value::Null),
            k("ceasefire", "ua", "new", Value::Null),
            k("nato", "us", "new", Value::Null)
        ],
        "ru on ceasefire and ua on nato are undated"
    );
}

#[test]
fn dates_outside_the_file_work() {
    let v = json_of(&["--from", "2030-01-01", "--to", "2030-06-01"]);
    assert_eq!(v["changes"], json!([]));
    let v = json_of(&["--to", "2025-04-10"]);
    assert_eq!(
        v["from"],
        json!("2025-04-09"),
        "no file date before: the day before"
    );
    assert_eq!(v["changes"].as_array().unwrap().len(), 2);
    let out = stdout_of(&mut diff(&["--from", "2030-01-01"]));
    assert!(
        out.contains("from 2030-01-01 to 2030-01-01: no changes"),
        "{out}"
    );
}

#[test]
fn from_after_to_is_a_usage_error_that_says_so() {
    diff(&["--from", "2025-04-25", "--to", "2025-04-17"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains(
            "--from 2025-04-25 is after --to 2025-04-17",
        ));
}

#[test]
fn malformed_dates_are_usage_errors() {
    for bad in ["2025-4-17", "2025-02-30", "yesterday", ""] {
        diff(&["--from", bad])
            .assert()
            .code(2)
            .stderr(predicates::str::contains("YYYY-MM-DD"));
        diff(&["--to", bad]).assert().code(2);
    }
}

#[test]
fn text_says_how_each_party_moved_in_words_within_the_width() {
    let out = stdout_of(&mut diff(&["--width", "60"]));
    assert!(
        out.starts_with("Fixture talks\nChanges from 2025-04-17 to 2025-04-25:"),
        "{out}"
    );
    let words = out.split_whitespace().collect::<Vec<_>>().join(" ");
    for want in [
        "Changes from 2025-04-17 to 2025-04-25: 2 changes: 1 moved, 1 changed Ceasefire",
        "United States: moved 1 step toward the “No ceasefire” end of the scale; toward Russia; away from Ukraine",
        "before: A partial truce would do stance: Partial truce (step 2 of 3) · proposed · as of 2025-04-17 · moderate confidence · line 45",
        "via: 2025-04-25 “No longer asks for a ceasefire” (stance: No ceasefire (step 3 of 3)) · line 57",
        "United States: changed (summary)",
    ] {
        assert!(words.contains(want), "{want:?} in\n{out}");
    }
    for line in out.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= 60,
            "{line:?}"
        );
    }
}

#[test]
fn md_is_one_valid_gfm_document_of_headings_and_lists() {
    use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
    let out = stdout_of(&mut diff(&["--format", "md", "--from", "2025-04-10"]));
    let mut headings = Vec::new();
    let mut items = 0;
    let mut in_heading = false;
    for ev in Parser::new_ext(&out, Options::all()) {
        match ev {
            Event::Start(Tag::Heading { level, .. }) => {
                in_heading = true;
                headings.push((level, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Text(t) if in_heading => headings.last_mut().unwrap().1.push_str(&t),
            Event::Start(Tag::Item) => items += 1,
            Event::Html(h) | Event::InlineHtml(h) => panic!("raw HTML {h:?} in\n{out}"),
            _ => {}
        }
    }
    assert_eq!(
        headings,
        [
            (
                HeadingLevel::H1,
                "Changes from 2025-04-10 to 2025-04-25".to_string()
            ),
            (HeadingLevel::H2, "Ceasefire".to_string()),
            (HeadingLevel::H2, "NATO".to_string())
        ]
    );
    // Three changes, each with its before and after where present (new: after only),
    // and the positions of the period.
    assert_eq!(items, 3 + 2 + 1 + 2 + 3);
    assert!(out.contains("- **United States** moved 2 steps toward the “No ceasefire” end of the scale; toward Russia; away from Ukraine."), "{out}");
}

#[test]
fn the_bundled_model_diffs() {
    let mut cmd = Command::cargo_bin("stances").unwrap();
    cmd.args([
        "diff",
        "--from",
        "2025-04-17",
        "--to",
        "2025-04-25",
        "--format",
        "json",
    ])
    .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("positions.toml"));
    let v: Value = serde_json::from_str(&stdout_of(&mut cmd)).unwrap();
    assert!(!v["changes"].as_array().unwrap().is_empty());
}

#[test]
fn to_the_first_day_of_year_zero_lists_what_is_dated_then_as_new_as_any_other_date() {
    // Nothing in the fixture is dated then: nothing changed since before any date.
    let doc = json_of(&["--to", "0000-01-01"]);
    assert_eq!(doc["from"], Value::Null);
    assert_eq!(doc["to"], "0000-01-01");
    assert_eq!(doc["changes"].as_array().unwrap().len(), 0, "{doc}");
    // A position dated 0000-01-01 is new, as one dated 0001-01-01 is on its own date.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("positions.toml");
    for day in ["0000-01-01", "0001-01-01"] {
        let toml = std::fs::read_to_string(fixture())
            .unwrap()
            .replace("as_of = 2025-04-10", &format!("as_of = {day}"));
        std::fs::write(&path, toml).unwrap();
        std::fs::create_dir_all(dir.path().join("seeds")).unwrap();
        for e in std::fs::read_dir(fixture().parent().unwrap().join("seeds")).unwrap() {
            let e = e.unwrap();
            std::fs::copy(e.path(), dir.path().join("seeds").join(e.file_name())).unwrap();
        }
        let run = |format: &str| {
            let mut cmd = Command::cargo_bin("stances").unwrap();
            cmd.args(["diff", "--to", day, "--format", format])
                .arg(&path);
            stdout_of(&mut cmd)
        };
        let doc: Value = serde_json::from_str(&run("json")).unwrap();
        let kinds: Vec<&str> = doc["changes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["kind"].as_str().unwrap())
            .collect();
        assert_eq!(kinds, ["new", "new"], "{day}: {doc}");
        let text = run("text");
        assert!(text.contains(": 2 changes: 2 new"), "{day}: {text}");
        if day == "0000-01-01" {
            assert_eq!(doc["from"], Value::Null);
            assert!(
                text.contains("Changes from before any date to 0000-01-01"),
                "{text}"
            );
        }
    }
}
