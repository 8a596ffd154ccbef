//! The HTML export, parsed by an HTML5 parser (scraper/html5ever): caption, scoped
//! headers, cells, footnotes with marked quotes and links both ways, nothing external,
//! and nothing executable but the page script, named by hash in the Content Security
//! Policy, beside the model embedded once as JSON. (The W3C Nu validator runs on it in
//! `.ci/run`; the page script runs in `tests/report_browser.rs`.)

use base64::Engine;
use scraper::{ElementRef, Html, Selector};
use serde_json::Value;
use sha2::{Digest, Sha256};
use stances::export::Format;
use stances::export::html::{SCRIPT, data};
use stances::export::notes::Notes;
use stances::model::Model;
use stances::sanitize::clean;
use stances::source::normalize::normalize;
use stances::testing::fixtures::*;
use stances::view::View;
use std::collections::HashSet;

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn text(e: ElementRef<'_>) -> String {
    e.text().collect()
}

/// Checks one HTML export against its model; returns the parsed page.
fn check(m: &Model, date: Option<&str>) -> Html {
    let out = render(m, Format::Html, date);
    assert!(!has_raw_control(&out), "raw control character in HTML");
    assert!(out.starts_with("<!DOCTYPE html>\n"));
    let doc = Html::parse_document(&out);
    assert!(doc.errors.is_empty(), "parse errors: {:?}", doc.errors);
    let view = View::new(
        std::sync::Arc::new(m.clone()),
        date.map(|d| stances::date::Date::parse(d).unwrap()),
    );

    // Self-contained: no external resource, no handler, nothing executable but the page
    // script, and the policy lets nothing else run or be fetched.
    assert_eq!(
        doc.select(&sel(
            "iframe, object, embed, img, link, base, form, frame, applet"
        ))
        .count(),
        0
    );
    let scripts: Vec<ElementRef> = doc.select(&sel("script")).collect();
    assert_eq!(scripts.len(), 2, "the data and the page script");
    let attrs = |e: ElementRef| {
        let mut v: Vec<(String, String)> = e
            .value()
            .attrs()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        attrs(scripts[0]),
        [
            ("id".to_string(), data::ID.to_string()),
            ("type".to_string(), "application/json".to_string())
        ]
    );
    assert_eq!(attrs(scripts[1]), [], "the page script: inline, no src");
    assert_eq!(text(scripts[1]), format!("\n{SCRIPT}"));
    let hash = |s: &str| {
        format!(
            "'sha256-{}'",
            base64::engine::general_purpose::STANDARD.encode(Sha256::digest(s.as_bytes()))
        )
    };
    let csp: Vec<&str> = doc
        .select(&sel("head meta[http-equiv=Content-Security-Policy]"))
        .filter_map(|e| e.value().attr("content"))
        .collect();
    let style = doc.select(&sel("head style")).map(text).collect::<String>();
    assert_eq!(
        csp,
        [format!(
            "default-src 'none'; style-src {}; script-src {}; img-src data:; base-uri 'none'; form-action 'none'",
            hash(&style),
            hash(&text(scripts[1]))
        )
        .as_str()]
    );
    check_data(m, &view, text(scripts[0]).as_str());
    for e in doc.select(&sel("*")) {
        for (name, _) in e.value().attrs() {
            assert!(
                !name.starts_with("on")
                    && !["src", "style", "srcdoc", "formaction"].contains(&name),
                "attribute {name}"
            );
        }
    }
    let ids: HashSet<&str> = doc
        .select(&sel("[id]"))
        .filter_map(|e| e.value().id())
        .collect();
    for a in doc.select(&sel("a[href]")) {
        let href = a.value().attr("href").unwrap();
        match href.strip_prefix('#') {
            Some(id) => assert!(ids.contains(id), "dangling link {href}"),
            None => assert!(
                href.starts_with("https://") || href.starts_with("http://"),
                "{href}"
            ),
        }
    }

    // The table: caption, scoped headers, one row per issue, one cell per party.
    let caption: Vec<String> = doc.select(&sel("table.grid > caption")).map(text).collect();
    assert_eq!(caption, [clean(&view.caption())]);
    let cols: Vec<String> = doc
        .select(&sel("table.grid thead th[scope=col]"))
        .map(text)
        .collect();
    let want: Vec<String> = std::iter::once("Issue".to_string())
        .chain(m.parties.iter().map(|p| clean(&p.name)))
        .collect();
    assert_eq!(cols, want);
    let rows: Vec<ElementRef> = doc.select(&sel("table.grid > tbody > tr")).collect();
    assert_eq!(rows.len(), m.issues.len());
    let notes = Notes::new(&view);
    for (ii, (row, issue)) in m.issue_ids().zip(rows.iter().zip(&m.issues)) {
        let th: Vec<String> = row.select(&sel("th[scope=row]")).map(text).collect();
        assert_eq!(th, [clean(&issue.name)]);
        let tds: Vec<ElementRef> = row.select(&sel("td")).collect();
        assert_eq!(tds.len(), m.parties.len());
        for (pi, td) in m.party_ids().zip(&tds) {
            assert_eq!(td.value().attr("data-issue"), Some(issue.id.as_str()));
            assert_eq!(
                td.value().attr("data-party"),
                Some(m.parties[pi].id.as_str())
            );
            let Some(p) = view.cell(ii, pi) else {
                assert_eq!(td.select(&sel(".summary")).count(), 0);
                assert!(text(*td).contains("No position"));
                continue;
            };
            let summary: Vec<String> = td.select(&sel(".summary")).map(text).collect();
            assert_eq!(summary, [clean(&p.summary)]);
            // Stance by text, not by colour alone.
            if let Some(s) = p.stance {
                let st: Vec<String> = td.select(&sel(".stance")).map(text).collect();
                assert_eq!(st.len(), 1);
                assert!(st[0].contains(&clean(&issue.scale[s].label)), "{st:?}");
                assert!(st[0].contains(&format!("({} of {})", s + 1, issue.scale.len())));
            }
            let refs: Vec<&str> = td
                .select(&sel(".refs a"))
                .map(|a| a.value().attr("href").unwrap())
                .collect();
            let want: Vec<String> = notes
                .of_cell(stances::model::Cell::new(ii, pi))
                .iter()
                .map(|n| format!("#cite-{}", n + 1))
                .collect();
            assert_eq!(refs, want);
        }
    }

    // Citations: whole sentence, quote in <mark>, links back to every citing cell.
    let items: Vec<ElementRef> = doc.select(&sel("ol.cites > li")).collect();
    assert_eq!(items.len(), notes.list.len());
    for (n, (li, note)) in items.iter().zip(&notes.list).enumerate() {
        assert_eq!(li.value().id(), Some(format!("cite-{}", n + 1).as_str()));
        let c = note.citation;
        let marks: Vec<String> = li.select(&sel("blockquote mark")).map(text).collect();
        assert_eq!(marks.len(), 1);
        assert_eq!(normalize(&marks[0]), normalize(&clean(&c.quote)));
        let quote_block: String = li.select(&sel("blockquote")).map(text).collect();
        assert_eq!(
            normalize(&quote_block),
            normalize(&clean(m.sentence_text(c)))
        );
        let back: Vec<&str> = li
            .select(&sel(".back a"))
            .map(|a| a.value().attr("href").unwrap())
            .collect();
        assert_eq!(back.len(), note.cited_by.len());
        for href in back {
            let target = doc
                .select(&sel(&format!("[id=\"{}\"]", &href[1..])))
                .next()
                .unwrap();
            assert_eq!(
                target.value().attr("href"),
                Some(format!("#cite-{}", n + 1).as_str())
            );
        }
        assert!(text(*li).contains(&clean(&m.sources[c.source].title)));
    }
    doc
}

/// The embedded model: every position with its fields, only the cited sources, and every
/// citation's quote and sentence at their UTF-16 offsets in the text as embedded.
fn check_data(m: &Model, view: &View, json: &str) {
    assert!(!json.contains('<'), "every < is escaped in the data");
    let d: Value = serde_json::from_str(json).expect("the data is JSON");
    assert_eq!(d["title"], clean(&m.title));
    let dates: Vec<String> = view.dates.iter().map(ToString::to_string).collect();
    assert_eq!(d["dates"], serde_json::json!(dates));
    assert_eq!(
        d["view"]["date"],
        serde_json::json!(view.date.map(|x| x.to_string()))
    );
    let positions = d["positions"].as_array().unwrap();
    assert_eq!(positions.len(), m.positions.len());
    let sources = d["sources"].as_array().unwrap();
    let mut cited: Vec<&str> = m
        .positions
        .iter()
        .flat_map(|p| &p.citations)
        .map(|c| m.sources[c.source].id.as_str())
        .collect();
    cited.sort_unstable();
    cited.dedup();
    let mut ids: Vec<&str> = sources.iter().map(|s| s["id"].as_str().unwrap()).collect();
    ids.sort_unstable();
    assert_eq!(ids, cited, "only the cited sources, each once");
    for (p, pd) in m.positions.iter().zip(positions) {
        assert_eq!(pd["summary"], clean(&p.summary));
        assert_eq!(pd["party"], p.party.index());
        assert_eq!(pd["issue"], p.issue.index());
        assert_eq!(
            pd["as_of"],
            serde_json::json!(p.as_of.map(|x| x.to_string()))
        );
        assert_eq!(pd["stance"], serde_json::json!(p.stance));
        let cites = pd["citations"].as_array().unwrap();
        assert_eq!(cites.len(), p.citations.len());
        for (c, cd) in p.citations.iter().zip(cites) {
            let s = &sources[cd["source"].as_u64().unwrap() as usize];
            assert_eq!(s["id"], m.sources[c.source].id);
            let units: Vec<u16> = s["text"].as_str().unwrap().encode_utf16().collect();
            let at = |k: &str| {
                let r = cd[k].as_array().unwrap();
                let (a, b) = (
                    r[0].as_u64().unwrap() as usize,
                    r[1].as_u64().unwrap() as usize,
                );
                String::from_utf16(&units[a..b]).unwrap()
            };
            assert_eq!(at("quote"), data::embed(m.quote_text(c), &[]).0);
            assert_eq!(at("sentence"), data::embed(m.sentence_text(c), &[]).0);
        }
    }
}

#[test]
fn bundled_model_parses_to_the_grid() {
    let m = load(&bundled());
    // docs/SPEC.md §8: the bundled model's report stays under 1 MB.
    let size = render(&m, Format::Html, None).len();
    assert!(size < 1_000_000, "{size} bytes");
    let doc = check(&m, None);
    let style = doc.select(&sel("head style")).map(text).collect::<String>();
    assert!(style.contains("@media print"));
    check(&m, Some("2025-04-17"));
}

#[test]
fn hostile_strings_are_text_not_markup() {
    let h = Hostile::write();
    let m = load(&h.path());
    let doc = check(&m, None);
    let cols: Vec<String> = doc.select(&sel("table.grid thead th")).map(text).collect();
    assert_eq!(cols[1], "<script>alert('a')</script>");
    assert_eq!(cols[3], "中文 \u{FFFD}evil\u{FFFD} العربية");
    let first: Vec<String> = doc.select(&sel("td .summary")).map(text).collect();
    assert_eq!(first[0], "<script>alert(1)</script> & more");
    let marks: Vec<String> = doc.select(&sel("mark")).map(text).collect();
    assert_eq!(marks[0], "wrote <script>alert(1)</script> & said \"A | B\"");
    assert!(marks.iter().any(|t| t == "北京与基辅的谈判仍在继续"));

    // The http(s) source is linked, with a percent-encoded text fragment; the
    // javascript: one is only shown as text.
    let hrefs: Vec<&str> = doc
        .select(&sel("cite a"))
        .map(|a| a.value().attr("href").unwrap())
        .collect();
    assert!(
        hrefs
            .iter()
            .all(|h| h.starts_with("https://example.com/a%20path?x=%221%22&y=%3C2%3E#:~:text="))
    );
    assert!(hrefs[0].ends_with(
        "#:~:text=wrote%20%3Cscript%3Ealert%281%29%3C%2Fscript%3E%20%26%20said%20%22A%20%7C%20B%22"
    ));
    let page = doc.root_element().html();
    assert!(!page.contains("href=\"javascript"));
    assert!(text(doc.select(&sel("ol.cites")).next().unwrap()).contains("javascript:alert(1)"));
    check(&m, Some("2025-04-15"));
}

#[test]
fn the_comparison_section_follows_the_table_with_words_not_colour() {
    let m = load(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/compare/positions.toml"),
    );
    let doc = check(&m, None);
    let section: String = doc
        .select(&sel("section[aria-labelledby=comparison]"))
        .map(text)
        .collect();
    // The same sentences as every other format, for every scaled issue: the zone or the
    // gap with what it assumes, who blocks, who would block if firm, who has no stance
    // and who no position.
    let view = View::new(std::sync::Arc::new(m.clone()), None);
    let comparison = stances::view::Comparison::new(&view);
    for words in comparison.words(&view) {
        for sentence in words.conclusion() {
            assert!(
                section.contains(&clean(&sentence)),
                "{sentence:?} not in {section}"
            );
        }
    }
    assert!(section.contains("Would block if firm: NORTH."), "{section}");
    assert!(section.contains("No position: LONE."), "{section}");
    assert!(section.contains("North on Water"), "the contested list");
    let axes: Vec<String> = doc.select(&sel("table.axis > caption")).map(text).collect();
    assert_eq!(axes.len(), 3);
    // Each placed party's stance is in words, not a step number.
    let stances: Vec<String> = doc
        .select(&sel("table.axis tbody td:nth-child(2)"))
        .map(text)
        .collect();
    assert!(
        stances.contains(&"Soft border (step 2 of 4)".to_string()),
        "{stances:?}"
    );
    let pairs: Vec<String> = doc
        .select(&sel("table.pairs > tbody > tr"))
        .map(text)
        .collect();
    assert_eq!(pairs.len(), 10);
    assert!(
        pairs.iter().any(|r| r.contains("0.67 over 2 issues")),
        "{pairs:?}"
    );
    let flags: Vec<String> = doc.select(&sel("table.grid .flags")).map(text).collect();
    assert!(flags.iter().any(|f| f.contains("± contested")), "{flags:?}");
}
