//! Standing stances through `stances compare` and `stances diff` (docs/SPEC.md §5, §6) on
//! a fixture of statements without a stance, a withdrawal and low-confidence stances
//! (`tests/fixtures/withdrawn`): exact JSON at the dates where each rule decides, and
//! `--min-confidence` and `--filter` on both commands.

use assert_cmd::Command;
use serde_json::{Value, json};
use std::path::PathBuf;

fn model() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/withdrawn/positions.toml")
        .to_string_lossy()
        .into_owned()
}

/// The stdout of a successful `stances ARGS` on the fixture, as JSON.
fn json_of(command: &str, args: &[&str]) -> Value {
    let out = Command::cargo_bin("stances")
        .unwrap()
        .arg(command)
        .arg(model())
        .args(["--format", "json"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn text_of(command: &str, args: &[&str]) -> String {
    let out = Command::cargo_bin("stances")
        .unwrap()
        .arg(command)
        .arg(model())
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn issue<'a>(doc: &'a Value, id: &str) -> &'a Value {
    doc["issues"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap()
}

fn ids(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect()
}

#[test]
fn a_statement_without_a_stance_leaves_the_standing_stance_in_place() {
    // On 3 January Alder says "unchanged" (no stance): its offer of 1 January still
    // stands, with the range it stated, and meets Birch's new range at "more".
    let doc = json_of("compare", &["--as-of", "2025-01-03"]);
    assert_eq!(
        issue(&doc, "land"),
        &json!({
            "id": "land", "scale": ["none", "some", "more", "all"],
            "placed": [
                {"party": "alder", "stance": 1, "range": [1, 2], "assumed": false,
                 "confidence": "high", "contested": false, "as_of": "2025-01-01", "line": 33},
                {"party": "birch", "stance": 2, "range": [2, 3], "assumed": false,
                 "confidence": "high", "contested": false, "as_of": "2025-01-03", "line": 90}
            ],
            "unplaced": ["cedar"], "absent": [],
            "zone": [2, 2], "gap": null, "assumes": [],
            "blocking": [], "blocking_if_firm": []
        })
    );
    // One party placed on the truce: no zone, no gap, nobody blocking; its range is
    // its stance alone, assumed.
    let truce = issue(&doc, "truce");
    assert_eq!(truce["absent"], json!(["birch", "cedar"]));
    assert_eq!(truce["assumes"], json!(["alder"]));
    assert_eq!(
        (&truce["zone"], &truce["gap"], &truce["blocking"]),
        (&Value::Null, &Value::Null, &json!([]))
    );
    let words = text_of("compare", &["--as-of", "2025-01-03"]);
    assert!(
        words.contains("since 2025-01-01; its latest\n")
            || words.contains("since 2025-01-01; its latest statement"),
        "{words}"
    );
    assert!(words.contains(
        "Zone: step 3 (More land ceded) — every placed party has said it could accept it."
    ));
}

#[test]
fn a_withdrawal_ends_the_stance_and_diff_says_withdrawn() {
    let land = issue(&json_of("compare", &["--as-of", "2025-01-05"]), "land").clone();
    assert_eq!(land["unplaced"], json!(["alder", "cedar"]));
    assert_eq!(land["placed"].as_array().unwrap().len(), 1);
    assert_eq!(land["zone"], Value::Null);
    let diff = json_of("diff", &["--from", "2025-01-04", "--to", "2025-01-05"]);
    assert_eq!(
        diff,
        json!({"from": "2025-01-04", "to": "2025-01-05", "changes": [{
            "issue": "land", "party": "alder", "kind": "withdrawn", "steps": null,
            "fields": ["summary", "status", "stance", "range"],
            "before": {"summary": "Position unchanged", "status": "stated",
                       "confidence": "high", "as_of": "2025-01-03", "line": 46,
                       "stance": "some", "range": ["some", "more"],
                       "stance_as_of": "2025-01-01"},
            "after": {"summary": "Withdrew its offer of some land", "status": "withdrawn",
                      "confidence": "high", "as_of": "2025-01-05", "line": 57,
                      "stance": null, "range": null, "stance_as_of": null},
            "via": [{"as_of": "2025-01-05", "summary": "Withdrew its offer of some land",
                     "stance": "some", "line": 57}]
        }]})
    );
}

#[test]
fn via_lists_every_position_of_the_period_so_a_withdrawal_inside_a_move_shows() {
    let diff = json_of("diff", &["--from", "2025-01-02", "--to", "2025-01-07"]);
    let alder = &diff["changes"][0];
    assert_eq!(
        (&alder["party"], &alder["kind"], &alder["steps"]),
        (&json!("alder"), &json!("moved"), &json!(1))
    );
    let via: Vec<(&str, Value)> = alder["via"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["as_of"].as_str().unwrap(), v["stance"].clone()))
        .collect();
    assert_eq!(
        via,
        [
            ("2025-01-03", Value::Null),
            ("2025-01-05", json!("some")),
            ("2025-01-07", json!("more"))
        ]
    );
    let kinds: Vec<(&str, &str, &str)> = diff["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["issue"].as_str().unwrap(),
                c["party"].as_str().unwrap(),
                c["kind"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("land", "alder", "moved"),
            ("land", "birch", "moved"),
            ("truce", "birch", "new")
        ]
    );
    // The text says the same, with the movement log under each change.
    let text = text_of("diff", &["--from", "2025-01-02", "--to", "2025-01-07"]);
    assert!(text.contains("3 changes: 1 new, 2 moved"), "{text}");
    assert!(
        text.contains("via:     2025-01-03 “Position unchanged” (no stance)"),
        "{text}"
    );
    assert!(
        text.contains("(withdraws: Some land ceded (step 2 of 4))"),
        "{text}"
    );
}

#[test]
fn a_new_statement_that_keeps_the_stance_is_changed_not_moved() {
    let diff = json_of("diff", &["--from", "2025-01-02", "--to", "2025-01-03"]);
    let alder = diff["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["party"] == "alder")
        .unwrap();
    assert_eq!(alder["kind"], "changed");
    assert_eq!(alder["fields"], json!(["summary", "status"]));
    assert_eq!(alder["after"]["stance"], "some");
    assert_eq!(alder["after"]["stance_as_of"], "2025-01-01");
    let text = text_of(
        "diff",
        &[
            "--from",
            "2025-01-02",
            "--to",
            "2025-01-03",
            "--width",
            "200",
        ],
    );
    assert!(
        text.contains(
            "Alder: changed (summary, status): a new statement without a stance; the stance “Some land ceded” of 2025-01-01 still stands"
        ),
        "{text}"
    );
}

#[test]
fn min_confidence_leaves_low_confidence_positions_out_of_compare_and_diff() {
    let doc = json_of("compare", &["--min-confidence", "moderate"]);
    assert_eq!(doc["min_confidence"], "moderate");
    // Alder's low-confidence "more" is left out: its latest counted statement is the
    // withdrawal, so no stance stands; Birch's low-confidence truce rejection is absent.
    let land = issue(&doc, "land");
    assert_eq!(ids(&land["unplaced"]), ["alder", "cedar"]);
    assert_eq!(ids(&issue(&doc, "truce")["absent"]), ["birch", "cedar"]);
    let high = json_of("compare", &["--min-confidence", "high"]);
    // Birch's undated demand and Cedar's statement have no confidence: they count as
    // moderate, below high.
    assert_eq!(ids(&issue(&high, "land")["absent"]), ["cedar"]);
    let diff = json_of(
        "diff",
        &[
            "--from",
            "2025-01-02",
            "--to",
            "2025-01-07",
            "--min-confidence",
            "moderate",
        ],
    );
    let kinds: Vec<(&str, &str)> = diff["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["party"].as_str().unwrap(), c["kind"].as_str().unwrap()))
        .collect();
    assert_eq!(kinds, [("alder", "withdrawn"), ("birch", "moved")]);
}

#[test]
fn diff_takes_a_filter() {
    let diff = json_of(
        "diff",
        &[
            "--from",
            "2025-01-02",
            "--to",
            "2025-01-07",
            "--filter",
            "party:birch issue:land",
        ],
    );
    let cells: Vec<(&str, &str)> = diff["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["issue"].as_str().unwrap(), c["party"].as_str().unwrap()))
        .collect();
    assert_eq!(cells, [("land", "birch")]);
    Command::cargo_bin("stances")
        .unwrap()
        .args(["diff", &model(), "--filter", "party:oak"])
        .assert()
        .code(2);
}

#[test]
fn a_minimum_confidence_given_twice_must_agree() {
    for command in ["compare", "diff"] {
        let out = Command::cargo_bin("stances")
            .unwrap()
            .args([command, &model(), "--min-confidence", "high"])
            .args(["--filter", "min-confidence:low"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{command}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("--min-confidence high and the filter's min-confidence:low disagree"),
            "{command}: {err}"
        );
        assert!(out.stdout.is_empty(), "{command}");
    }
    // The same level twice is no conflict.
    let doc = json_of(
        "compare",
        &[
            "--min-confidence",
            "high",
            "--filter",
            "min-confidence:high",
        ],
    );
    assert_eq!(doc["min_confidence"], "high");
}

#[test]
fn a_withdrawn_stance_never_reads_as_held_in_an_export() {
    let export = |format: &str| {
        let args: Vec<&str> = ["--as-of", "2025-01-05", "--format"]
            .into_iter()
            .chain(format.split(' '))
            .collect();
        text_of("export", &args)
    };
    // The text table wraps each cell in its column.
    let text = export("text");
    assert!(text.contains("(withdrawn: Some land"), "{text}");
    let md = export("md");
    assert!(
        md.contains("(withdrawn: Some land ceded — step 2 of 4)"),
        "{md}"
    );
    assert!(!md.contains("(stance: Some land ceded"), "{md}");
    let csv = export("csv --long");
    assert!(
        csv.contains("withdrawn: Some land ceded — step 2 of 4"),
        "{csv}"
    );
    let html = export("html");
    assert!(
        html.contains(
            "<span class=\"stance withdrawn\">Withdrawn: Some land ceded (2 of 4)</span>"
        ),
        "{html}"
    );
}
