//! `export --since D`: a "changes since D" section in text, md and html, a `changes`
//! array in json (the changes of `stances diff --from D --to` the view date), every
//! string escaped; a `--since` after the view date is a usage error.

use assert_cmd::Command;
use serde_json::Value;
use stances::testing::fixtures::*;
use std::path::{Path, PathBuf};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/moves/positions.toml")
}

fn stances(args: &[&str], file: &Path) -> String {
    let mut cmd = Command::cargo_bin("stances").unwrap();
    cmd.args(args).arg(file);
    String::from_utf8(cmd.assert().success().get_output().stdout.clone()).unwrap()
}

fn export(format: &str, since: &str, file: &Path) -> String {
    stances(&["export", "--format", format, "--since", since], file)
}

#[test]
fn json_changes_are_the_diff_changes() {
    let exported: Value = serde_json::from_str(&export("json", "2025-04-10", &fixture())).unwrap();
    let diffed: Value = serde_json::from_str(&stances(
        &["diff", "--format", "json", "--from", "2025-04-10"],
        &fixture(),
    ))
    .unwrap();
    assert_eq!(exported["changes"], diffed["changes"]);
    assert_eq!(exported["changes"].as_array().unwrap().len(), 3);
    let plain: Value =
        serde_json::from_str(&stances(&["export", "--format", "json"], &fixture())).unwrap();
    assert!(plain.get("changes").is_none(), "no --since, no changes key");
}

#[test]
fn text_and_md_end_with_the_changes_since_the_date() {
    let text = export("text", "2025-04-17", &fixture());
    let tail = &text[text
        .find("Changes since 2025-04-17: 2 changes")
        .expect(&text)..];
    assert!(
        tail.contains("United States: moved 1 step toward the “No ceasefire” end"),
        "{tail}"
    );
    let md = export("md", "2025-04-17", &fixture());
    let tail = &md[md
        .find("\n## Changes since 2025-04-17\n\n2 changes: 1 moved, 1 changed.\n")
        .expect(&md)..];
    assert!(
        tail.contains("\n### Ceasefire\n\n- **United States** moved 1 step"),
        "{tail}"
    );
    let headings = pulldown_cmark::Parser::new(&md)
        .filter(|e| {
            matches!(
                e,
                pulldown_cmark::Event::Start(pulldown_cmark::Tag::Heading { .. })
            )
        })
        .count();
    assert!(headings >= 4, "{md}");
}

#[test]
fn html_has_a_changes_section_inside_main() {
    let html = export("html", "2025-04-10", &fixture());
    let doc = scraper::Html::parse_document(&html);
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    let h2: Vec<String> = doc
        .select(&sel("main section h2#changes"))
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(h2, ["Changes since 2025-04-10"]);
    assert_eq!(doc.select(&sel("ul.changes > li")).count(), 3);
    assert_eq!(doc.select(&sel("ul.changes p.before")).count(), 2);
    assert_eq!(doc.select(&sel("ul.changes p.after")).count(), 3);
    assert!(doc.errors.is_empty(), "{:?}", doc.errors);
}

#[test]
fn hostile_strings_in_changes_are_escaped_in_every_format() {
    let hostile = Hostile::write();
    for format in ["text", "md", "html", "json"] {
        let out = export(format, "2025-04-15", &hostile.path());
        assert!(!has_raw_control(&out), "{format}");
        let heading = if format == "json" {
            "\"changes\": ["
        } else {
            "hanges since"
        };
        assert!(out.contains(heading), "{format}");
    }
    let html = export("html", "2025-04-15", &hostile.path());
    let section = &html[html.find("<section aria-labelledby=\"changes\">").unwrap()..];
    let section = &section[..section.find("</section>").unwrap()];
    assert!(!section.contains("<script"), "{section}");
    assert!(
        section.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{section}"
    );
    let md = export("md", "2025-04-15", &hostile.path());
    let section = &md[md.find("## Changes since").unwrap()..];
    assert!(!section.contains("<script"), "{section}");
    assert!(!section.contains(" | "), "a pipe stays escaped: {section}");
}

#[test]
fn since_after_the_view_date_is_a_usage_error() {
    Command::cargo_bin("stances")
        .unwrap()
        .args([
            "export",
            "--format",
            "md",
            "--as-of",
            "2025-04-17",
            "--since",
            "2025-04-20",
        ])
        .arg(fixture())
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains(
            "--since 2025-04-20 is after the view date 2025-04-17",
        ));
    Command::cargo_bin("stances")
        .unwrap()
        .args(["export", "--format", "md", "--since", "2025-13-01"])
        .arg(fixture())
        .assert()
        .code(2);
}
