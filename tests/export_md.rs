//! The Markdown export, parsed by pulldown-cmark with tables on: one table of exactly
//! issues + 1 rows and parties + 1 columns whatever the summaries hold, no raw HTML,
//! and one list item per citation with the quote in bold.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use stances::export::Format;
use stances::export::notes::Notes;
use stances::model::Model;
use stances::source::normalize::normalize;
use stances::testing::fixtures::*;
use stances::view::View;

/// What the parser saw.
#[derive(Default)]
struct Parsed {
    tables: usize,
    /// Rows (the head first), each the plain text of its cells.
    rows: Vec<Vec<String>>,
    /// Items of the last ordered list: (all text, bold text).
    items: Vec<(String, String)>,
    html: Vec<String>,
    heading: String,
    /// All the text, each piece on a line.
    text: String,
}

fn parse(md: &str) -> Parsed {
    let mut p = Parsed::default();
    let (mut in_cell, mut in_item, mut in_strong, mut in_heading) = (false, false, false, false);
    for ev in Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        match ev {
            Event::Start(Tag::Table(_)) => p.tables += 1,
            // Rows of the grid, the first table; the comparison's follow.
            Event::Start(Tag::TableHead | Tag::TableRow) if p.tables == 1 => {
                p.rows.push(Vec::new());
            }
            Event::Start(Tag::TableCell) if p.tables == 1 => {
                in_cell = true;
                p.rows.last_mut().unwrap().push(String::new());
            }
            Event::End(TagEnd::TableCell) => in_cell = false,
            Event::Start(Tag::List(Some(_))) => p.items.clear(),
            Event::Start(Tag::Item) => {
                in_item = true;
                p.items.push(Default::default());
            }
            Event::End(TagEnd::Item) => in_item = false,
            Event::Start(Tag::Strong) => in_strong = true,
            Event::End(TagEnd::Strong) => in_strong = false,
            Event::Start(Tag::Heading { .. }) => in_heading = p.heading.is_empty(),
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Start(Tag::Emphasis | Tag::Strikethrough | Tag::Image { .. }) => {
                p.html.push(format!("unexpected markup {ev:?}"));
            }
            Event::Start(Tag::Link { ref dest_url, .. })
                if in_cell || !dest_url.starts_with("https://") =>
            {
                p.html.push(format!("unexpected link {ev:?}"));
            }
            Event::Html(h) | Event::InlineHtml(h) => p.html.push(h.to_string()),
            Event::Text(t) | Event::Code(t) => {
                p.text.push_str(&t);
                if in_cell {
                    p.rows.last_mut().unwrap().last_mut().unwrap().push_str(&t);
                }
                if in_item {
                    let item = p.items.last_mut().unwrap();
                    item.0.push_str(&t);
                    if in_strong {
                        item.1.push_str(&t);
                    }
                }
                if in_heading {
                    p.heading.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak if in_cell => p.html.push("break in a cell".into()),
            _ => {}
        }
    }
    p
}

/// Checks one Markdown export against its model.
fn check(model: &Model, date: Option<&str>) -> Parsed {
    let md = render(model, Format::Md, date);
    assert!(!has_raw_control(&md), "raw control character in Markdown");
    let p = parse(&md);
    assert_eq!(
        p.html,
        Vec::<String>::new(),
        "raw HTML or markup from model text"
    );
    let comparison = stances::view::Comparison::new(&View::new(
        std::sync::Arc::new(model.clone()),
        date.map(|d| stances::date::Date::parse(d).unwrap()),
    ));
    let compared = comparison
        .issues
        .iter()
        .filter(|i| !i.placed.is_empty())
        .count();
    assert_eq!(
        p.tables,
        1 + compared + usize::from(!comparison.issues.is_empty() && !comparison.pairs.is_empty())
    );
    assert_eq!(p.rows.len(), model.issues.len() + 1, "rows");
    for row in &p.rows {
        assert_eq!(row.len(), model.parties.len() + 1, "columns in {row:?}");
    }
    let view = View::new(
        std::sync::Arc::new(model.clone()),
        date.map(|d| stances::date::Date::parse(d).unwrap()),
    );
    assert_eq!(p.heading, shown(&view.caption()));
    let head: Vec<String> = model.parties.iter().map(|x| shown(&x.name)).collect();
    assert_eq!(p.rows[0][1..], head[..]);
    let notes = Notes::new(&view);
    for (ii, issue) in model.issue_ids().zip(&model.issues) {
        let row = &p.rows[ii.index() + 1];
        assert_eq!(row[0], shown(&issue.name));
        for pi in model.party_ids() {
            let cell = &row[pi.index() + 1];
            match view.cell(ii, pi) {
                None => assert_eq!(cell, ""),
                Some(pos) => {
                    assert!(
                        cell.starts_with(&shown(&pos.summary)),
                        "{cell:?} vs {:?}",
                        pos.summary
                    );
                    let marks: Vec<String> = notes
                        .of_cell(stances::model::Cell::new(ii, pi))
                        .iter()
                        .map(|n| (n + 1).to_string())
                        .collect();
                    assert!(
                        cell.ends_with(&format!("[{}]", marks.join(", "))),
                        "{cell:?}"
                    );
                }
            }
        }
    }
    // The comparison in the words of every other format.
    let view_c = View::new(
        std::sync::Arc::new(model.clone()),
        date.map(|d| stances::date::Date::parse(d).unwrap()),
    );
    for words in comparison.words(&view_c) {
        for sentence in words.conclusion() {
            assert!(
                p.text.contains(&shown(&sentence)),
                "{sentence:?} not in the Markdown"
            );
        }
    }
    // One item per note: the quote is the bold text, inside its sentence.
    assert_eq!(p.items.len(), notes.list.len());
    for ((text, bold), note) in p.items.iter().zip(&notes.list) {
        let c = note.citation;
        assert!(
            normalize(&shown(bold)).contains(&normalize(&shown(&c.quote))),
            "{bold:?} vs {:?}",
            c.quote
        );
        assert!(
            text.contains(&shown(model.sentence_text(c)).replace(['“', '”'], ""))
                || text.contains(&shown(bold))
        );
        assert!(text.contains(&shown(&model.sources[c.source].title)));
    }
    p
}

#[test]
fn bundled_model_parses_to_the_grid() {
    let m = load(&bundled());
    let p = check(&m, None);
    assert!(
        p.items[0]
            .0
            .contains("Trump has denied that Ukraine is being pressured to recognize Crimea")
    );
    check(&m, Some("2025-04-20"));
}

#[test]
fn hostile_strings_stay_in_their_cells() {
    let h = Hostile::write();
    let m = load(&h.path());
    let p = check(&m, None);
    let row = &p.rows[1];
    assert!(row[0].starts_with("Issue | one <i>"));
    assert!(row[1].starts_with("<script>alert(1)</script> & more"));
    assert!(row[2].starts_with("=HYPERLINK(\"http://evil.example\",\"x\")"));
    assert!(row[3].starts_with("中文 \u{FFFD}evil\u{FFFD} عربي second line"));
    assert!(row[4].starts_with("a | b * c < d - e _f_ `g` [h](i) \\ &amp;"));
    assert_eq!(
        p.rows[2][1],
        "Later: +1 — as of 2025-04-22 — ? single account [7]"
    );
    check(&m, Some("2025-04-15"));
    // A link that is not http(s) is shown as text, never as a link.
    let md = render(&m, Format::Md, None);
    assert!(!md.contains("(<javascript") && md.contains("Plain, javascript:alert(1)"));
    assert!(md.contains("#:~:text="));
}

#[test]
fn a_grid_without_citations_or_scales_is_still_one_table() {
    let h = Hostile::write();
    let toml = "schema = 1\ntitle = \"T\"\n[parties.a]\nname = \"A\"\n[issues.x]\nname = \"X\"\n";
    std::fs::write(h.path(), toml).unwrap();
    std::fs::remove_dir_all(h.dir.path().join("seeds")).unwrap();
    let m = load(&h.path());
    let p = check(&m, None);
    assert_eq!(p.rows, vec![vec!["Issue", "A"], vec!["X", ""]]);
}
