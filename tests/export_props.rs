//! Property tests: whatever a summary or a name holds, each export keeps the grid's
//! shape and shows the text in its own cell, as the real parsers see it.

use proptest::prelude::*;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use stances::export::{self, Format};
use stances::model::Model;
use stances::testing::fixtures::shown;
use stances::view::View;
use std::path::Path;

/// A model of two parties and one issue, with `a` and `b` as the summaries and `name`
/// as the first party's name.
fn model(name: &str, a: &str, b: &str) -> Model {
    let s = |v: &str| {
        let mut out = String::from("\"");
        for c in v.chars() {
            match c {
                '"' | '\\' => out.extend(['\\', c]),
                c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
                c => out.push(c),
            }
        }
        out + "\""
    };
    let toml = format!(
        "schema = 1\ntitle = {}\n[parties.p]\nname = {}\n[parties.q]\nname = \"Q\"\n\
         [issues.i]\nname = {}\n\
         [[position]]\nparty = \"p\"\nissue = \"i\"\nsummary = {}\n\
         [[position]]\nparty = \"q\"\nissue = \"i\"\nsummary = {}\n",
        s(b),
        s(name),
        s(a),
        s(a),
        s(b)
    );
    let loaded = stances::model::load_str(&toml, Path::new("p.toml"), Path::new("."));
    loaded
        .model
        .unwrap_or_else(|| panic!("{toml}\n{:#?}", loaded.diagnostics))
}

fn md_cells(md: &str) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut in_cell = false;
    for ev in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match ev {
            Event::Start(Tag::TableHead | Tag::TableRow) => rows.push(Vec::new()),
            Event::Start(Tag::TableCell) => {
                in_cell = true;
                rows.last_mut().unwrap().push(String::new());
            }
            Event::End(TagEnd::TableCell) => in_cell = false,
            Event::Text(t) | Event::Code(t) if in_cell => {
                rows.last_mut().unwrap().last_mut().unwrap().push_str(&t);
            }
            Event::Html(h) | Event::InlineHtml(h) => panic!("raw HTML {h:?} in {md}"),
            Event::Start(t @ (Tag::Emphasis | Tag::Link { .. })) if in_cell => {
                panic!("markup {t:?} in {md}")
            }
            _ => {}
        }
    }
    rows
}

/// A guarded CSV field as a spreadsheet user would type it back.
fn unguard(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => s,
    }
}

const HOSTILE: &str =
    "[a-z |*_`<>&\\[\\]()\\\\#~$!=+@\"',;:\n\r\t\u{1b}\u{7f}\u{9b}\u{202e}\u{2067}中文ע-]{0,24}";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn every_format_keeps_each_string_in_its_cell(
        name in HOSTILE, a in HOSTILE, b in HOSTILE, lead in "[a=+@|*<#>&_\\[-]{3}",
    ) {
        // Names and summaries must not be blank: each starts with a visible character.
        let lead: Vec<char> = lead.chars().collect();
        let (name, a, b) = (format!("{}{name}", lead[0]), format!("{}{a}", lead[1]), format!("{}{b}", lead[2]));
        let m = model(&name, &a, &b);
        let view = View::new(std::sync::Arc::new(m.clone()), None);
        let opts = export::Options::default();

        let md = export::render(&view, Format::Md, &opts);
        let rows = md_cells(&md);
        prop_assert_eq!(rows.len(), 2);
        prop_assert_eq!(&rows[0], &vec!["Issue".to_string(), shown(&name), "Q".to_string()]);
        prop_assert_eq!(&rows[1], &vec![shown(&a), shown(&a), shown(&b)]);

        let csv_out = export::render(&view, Format::Csv, &opts);
        let mut r = csv::ReaderBuilder::new().has_headers(false).from_reader(csv_out.as_bytes());
        let recs: Vec<csv::StringRecord> = r.records().collect::<Result<_, _>>().unwrap();
        prop_assert_eq!(recs.len(), 2);
        let clean = |s: &str| stances::sanitize::clean(s);
        prop_assert_eq!(unguard(&recs[0][1]), clean(&name));
        prop_assert_eq!(unguard(&recs[1][1]), clean(&a));
        prop_assert_eq!(unguard(&recs[1][2]), clean(&b));
        for f in recs.iter().flat_map(|r| r.iter()) {
            prop_assert!(!f.starts_with(['=', '+', '-', '@', '\t', '\r']), "unguarded {:?}", f);
        }

        let html = export::render(&view, Format::Html, &opts);
        let doc = scraper::Html::parse_document(&html);
        prop_assert!(doc.errors.is_empty(), "{:?}", doc.errors);
        let sel = |s: &str| scraper::Selector::parse(s).unwrap();
        let cols: Vec<String> = doc.select(&sel("thead th")).map(|e| e.text().collect()).collect();
        prop_assert_eq!(cols, vec!["Issue".to_string(), clean(&name), "Q".to_string()]);
        let sums: Vec<String> = doc.select(&sel("td .summary")).map(|e| e.text().collect()).collect();
        prop_assert_eq!(sums, vec![clean(&a), clean(&b)]);
        // Nothing executable but the page script; the model beside it as JSON, every
        // string intact.
        let scripts: Vec<scraper::ElementRef> = doc.select(&sel("script")).collect();
        prop_assert_eq!(scripts.len(), 2);
        prop_assert_eq!(scripts[0].value().attr("type"), Some("application/json"));
        prop_assert_eq!(scripts[1].value().attrs().count(), 0);
        prop_assert_eq!(doc.select(&sel("[onerror], [onclick]")).count(), 0);
        let data: serde_json::Value =
            serde_json::from_str(&scripts[0].text().collect::<String>()).unwrap();
        prop_assert_eq!(&data["parties"][0]["name"], &serde_json::json!(clean(&name)));
        prop_assert_eq!(&data["positions"][1]["summary"], &serde_json::json!(clean(&b)));

        for out in [md, csv_out, html] {
            prop_assert!(!stances::testing::fixtures::has_raw_control(&out));
        }
    }
}
