//! The HTML report in a real browser (headless Chromium through
//! `tests/support/browser/`), opened from disk as its reader would open it, with its page
//! script running (docs/SPEC.md §8).
//!
//! - Every fixture's report shows its grid, logs no error or warning, makes no request
//!   beyond itself, and draws with script what the page holds without it.
//! - The page says what the library says: for every fixture in `tests/fixtures` and the
//!   bundled model, at every date (and between and before them), each minimum
//!   confidence, with and without a party filter, and with every base date, the page's
//!   cells, comparison, contested cells and changes are word for word the library's.
//! - A cell opens its detail in a dialog, a citation its source with the sentence marked
//!   and in view; Escape closes what was opened last and gives the focus back; the
//!   controls redraw the grid, the comparison and the changes; search and filters hide
//!   what they should; the keyboard reaches everything.
//! - axe-core finds no serious or critical violation, with a dialog open too; printing
//!   leaves the controls out; a phone never scrolls the page sideways.
//! - Screenshots at desktop and phone widths are left in `target/tmp/browser/` to be
//!   looked at.

mod support;
use serde_json::{Value, json};
use stances::date::Date;
use stances::model::{Confidence, Model, PartyId};
use stances::sanitize::clean;
use stances::testing::fixtures::{bundled, fixture};
use stances::view::compare::words::{min_confidence_words, pair_cells};
use stances::view::diff::words::{change_mark, change_words, sides_words, via_words};
use stances::view::evidence::{contested_cells, flag_words};
use stances::view::excerpt::Excerpt;
use stances::view::facts::{cell_facts, earlier_stance_words, stance_of_steps};
use stances::view::{Comparison, Filter, View};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use support::axe::Axe;
use support::browser::{Browser, Element, Key, Viewport, artifacts, png_size};

/// The fixtures whose reports are opened.
const FIXTURES: &[&str] = &[
    "compare",
    "hostile",
    "moves",
    "noscale",
    "plain",
    "withdrawn",
];

/// Exports `model` (a positions file) as HTML with the binary, as `report.html` in `dir`,
/// with `args` added.
fn export_file(model: &Path, dir: &Path, args: &[&str]) -> PathBuf {
    let out = dir.join("report.html");
    assert_cmd::Command::cargo_bin("stances")
        .unwrap()
        .timeout(std::time::Duration::from_secs(60))
        .arg("export")
        .arg(model)
        .args(["--format", "html", "-o"])
        .arg(&out)
        .args(args)
        .assert()
        .success();
    out
}

/// Exports fixture `name`.
fn export(name: &str, dir: &Path) -> PathBuf {
    export_file(&fixture(name), dir, &[])
}

fn load(path: &Path) -> Arc<Model> {
    Arc::new(stances::testing::fixtures::load(path))
}

/// White space collapsed, as the browser renders text.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Exports the positions file `path` into a temporary folder and opens it: the folder
/// (the page lives as long as it does) and the model.
fn open_export(b: &Browser, path: &Path) -> (tempfile::TempDir, Arc<Model>) {
    let dir = tempfile::tempdir().unwrap();
    let page = export_file(path, dir.path(), &[]);
    b.open(&page);
    (dir, load(path))
}

/// Lays out every section of the page now, as if each were scrolled to (off screen they
/// wait, `content-visibility: auto`): for what looks beyond the viewport.
fn lay_out_every_section(b: &Browser) {
    b.script(
        "document.styleSheets[0].insertRule(
           '#report-body section { content-visibility: visible !important }');
         return document.body.offsetHeight",
        &[],
    );
}

/// The page as a browser without script shows it: `page` with its two scripts left out,
/// written beside it as `static.html`.
fn without_script(page: &Path) -> PathBuf {
    let html = std::fs::read_to_string(page).unwrap();
    let start = html
        .find("<script type=\"application/json\"")
        .expect("the data");
    let end = html.rfind("</script>").expect("the page script") + "</script>".len();
    let out = page.with_file_name("static.html");
    std::fs::write(&out, format!("{}{}", &html[..start], &html[end..])).unwrap();
    out
}

/// The cell of `issue` and `party` (ids).
fn cell<'b>(b: &'b Browser, issue: &str, party: &str) -> Element<'b> {
    b.find(&format!(
        "table.grid td[data-issue='{issue}'][data-party='{party}']"
    ))
}

#[test]
fn each_report_shows_its_grid_offline_without_errors() {
    let Some(b) = Browser::start() else { return };
    let dir = tempfile::tempdir().unwrap();
    for name in FIXTURES {
        let page = export(name, dir.path());
        b.open(&page);
        let model = load(&fixture(name));
        let view = View::new(Arc::clone(&model), None);

        let grid = b.find("table.grid");
        assert!(grid.is_displayed(), "{name}");
        assert_eq!(
            grid.find("caption").text(),
            squash(&clean(&view.caption())),
            "{name}: the caption says the title and the date"
        );
        let cols: Vec<String> = grid
            .find_all("thead th[scope=col]")
            .iter()
            .map(Element::text)
            .collect();
        let mut want = vec!["Issue".to_string()];
        want.extend(model.parties.iter().map(|p| squash(&clean(&p.name))));
        assert_eq!(cols, want, "{name}: a column per party");
        let rows: Vec<String> = grid
            .find_all("tbody th[scope=row]")
            .iter()
            .map(Element::text)
            .collect();
        let want: Vec<String> = model
            .issues
            .iter()
            .map(|i| squash(&clean(&i.name)))
            .collect();
        assert_eq!(rows, want, "{name}: a row per issue");
        let focusable = b.script(
            "return Array.from(document.querySelectorAll('table.grid tbody td'))
               .map((td) => [td.dataset.issue, td.dataset.party, td.tabIndex])",
            &[],
        );
        let want: Vec<Value> = model
            .issues
            .iter()
            .flat_map(|i| model.parties.iter().map(move |p| json!([i.id, p.id, 0])))
            .collect();
        assert_eq!(focusable, json!(want), "{name}: every cell, focusable");
        // No error, no warning, no request beyond the file (and no dialog: the hostile
        // title's <script>alert()</script> stays text, or every command above would fail).
        b.assert_clean();
    }
}

/// What the page holds without script: each grid cell's text, each citation's sentence
/// and credit, each paragraph of the comparison and changes sections.
fn static_texts(page: &Path) -> Value {
    use scraper::{Html, Selector};
    let html = Html::parse_document(&std::fs::read_to_string(page).unwrap());
    let all = |css: &str| -> Vec<String> {
        html.select(&Selector::parse(css).unwrap())
            .map(|e| squash(&e.text().collect::<String>()))
            .collect()
    };
    json!({
        "cells": all("table.grid tbody td"),
        "quotes": all("ol.cites > li blockquote"),
        "marks": all("ol.cites > li mark"),
        "credits": all("ol.cites > li p.src"),
        "back": all("ol.cites > li p.back"),
        "comparison": all("section[aria-labelledby=comparison] > p, table.axis, table.pairs, ul.contested"),
        "changes": all("section[aria-labelledby=changes] > p, ul.changes p, ol.via"),
    })
}

/// The same texts of the page drawn by its script (buttons and change marks left out:
/// there are none without script).
fn page_texts(b: &Browser) -> Value {
    b.script(
        "const squash = (s) => s.split(/\\s+/).filter((w) => w).join(' ');
         const text = (e) => {
           const c = e.cloneNode(true);
           c.querySelectorAll('button, .change, .mark, svg').forEach((x) => x.remove());
           return squash(c.textContent);
         };
         const all = (css) => Array.from(document.querySelectorAll(css)).map(text);
         return {
           cells: all('table.grid tbody td'),
           quotes: all('ol.cites > li blockquote'),
           marks: all('ol.cites > li mark'),
           credits: all('ol.cites > li p.src'),
           back: all('ol.cites > li p.back'),
           comparison: all('section[aria-labelledby=comparison] > p, table.axis, table.pairs, ul.contested'),
           changes: all('section[aria-labelledby=changes] > p, ul.changes p, ol.via'),
         };",
        &[],
    )
}

#[test]
fn the_script_draws_what_the_page_holds_without_it() {
    let Some(b) = Browser::start() else { return };
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(PathBuf, Vec<&str>)> = FIXTURES
        .iter()
        .map(|n| (fixture(n), vec![]))
        .chain([
            (bundled(), vec![]),
            (
                bundled(),
                vec!["--as-of", "2025-04-22", "--since", "2025-04-17"],
            ),
            (fixture("withdrawn"), vec!["--since", "2025-01-02"]),
            (fixture("hostile"), vec!["--since", "2025-04-15"]),
            (fixture("compare"), vec!["--min-confidence", "high"]),
            (
                bundled(),
                vec!["--filter", "party:us,ru issue:territory,ceasefire"],
            ),
            (
                bundled(),
                vec!["--filter", "status:stated,proposed hide-empty"],
            ),
            (
                bundled(),
                vec!["--as-of", "2025-04-20", "--since", "2025-04-18"],
            ),
        ])
        .collect();
    for (model, args) in &cases {
        let page = export_file(model, dir.path(), args);
        b.open(&page);
        let (before, after) = (static_texts(&page), page_texts(&b));
        // The controls show the export's own view.
        let shown = b.script(
            "return [document.getElementById('c-date').value, document.getElementById('c-base').value]",
            &[],
        );
        let arg = |flag: &str| {
            args.iter()
                .position(|a| *a == flag)
                .map_or(String::new(), |i| args[i + 1].to_string())
        };
        if !arg("--as-of").is_empty() {
            assert_eq!(shown[0], arg("--as-of"));
        }
        assert_eq!(shown[1], arg("--since"), "{args:?}");
        for key in [
            "cells",
            "quotes",
            "marks",
            "credits",
            "back",
            "comparison",
            "changes",
        ] {
            assert_eq!(
                after[key],
                before[key],
                "{} {args:?}: {key} drawn by the script differ from the page's",
                model.display()
            );
        }
        b.assert_clean();
    }
}

/// One view to put into words: a date (the latest when none), a minimum confidence,
/// the parties shown (all when none) and a base date.
struct Query {
    date: Option<Date>,
    min: Option<Confidence>,
    parties: Option<Vec<String>>,
    base: Option<Date>,
}

impl Query {
    fn json(&self) -> Value {
        json!({
            "date": self.date.map(|d| d.to_string()),
            "min": self.min.map(Confidence::id),
            "parties": self.parties,
            "issues": null,
            "base": self.base.map(|d| d.to_string()),
        })
    }
}

/// `text` with its first letter in capitals (as the page's cells say an earlier stance).
fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// The library's words at one view, in the shape of `window.stancesReport.words()`:
/// every string as the page has it (cleaned, as every string of the page is).
fn library_words(model: &Arc<Model>, q: &Query) -> Value {
    let m = &**model;
    let party = |id: &String| PartyId(m.parties.iter().position(|p| &p.id == id).unwrap());
    let filter = Filter {
        parties: q.parties.as_ref().map(|v| v.iter().map(party).collect()),
        min_confidence: q.min,
        ..Filter::default()
    };
    let view = View::filtered(Arc::clone(model), q.date, filter).with_base(q.base);
    let c = |s: &str| clean(s);
    let mut cells = Vec::new();
    for &i in &view.issues {
        for &p in &view.parties {
            let Some(pos) = view.position_at(i, p) else {
                continue;
            };
            let position = &m.positions[pos];
            let stance = match position.stance {
                Some(s) if position.status == Some(stances::model::Status::Withdrawn) => {
                    Some(format!("Withdrawn: {}", stance_of_steps(&m.issues[i], s)))
                }
                Some(s) => Some(format!("Stance: {}", stance_of_steps(&m.issues[i], s))),
                None => view
                    .earlier_standing(i, p)
                    .and_then(|s| earlier_stance_words(m, s, view.horizon()))
                    .map(|w| upper_first(&w)),
            };
            let change = view
                .change_since_base(i, p)
                .map(|ch| json!({"mark": change_mark(ch), "words": c(&change_words(m, ch))}));
            cells.push(json!({
                "issue": m.issues[i].id, "party": m.parties[p].id,
                "summary": c(&position.summary),
                "stance": stance.map(|s| c(&s)),
                "facts": c(&cell_facts(position)),
                "flags": c(&flag_words(m, pos, view.horizon())),
                "change": change,
            }));
        }
    }
    let cmp = Comparison::new(&view);
    let issues: Vec<Value> = cmp
        .issues
        .iter()
        .zip(cmp.words(&view))
        .map(|(ic, w)| {
            json!({
                "issue": m.issues[ic.issue].id,
                "conclusion": w.conclusion().iter().map(|s| c(s)).collect::<Vec<_>>(),
                "placed": w.placed.iter().map(|p| json!({
                    "party": m.parties[p.placed.party].id,
                    "stance": c(&p.stance),
                    "notes": p.notes().iter().map(|s| c(s)).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let pairs: Vec<Value> = cmp
        .pairs
        .iter()
        .map(|p| json!({"a": m.parties[p.a].id, "b": m.parties[p.b].id, "cells": pair_cells(p)}))
        .collect();
    let contested: Vec<Value> = contested_cells(&view)
        .iter()
        .map(|x| {
            json!({"issue": m.issues[x.issue].id, "party": m.parties[x.party].id, "reason": c(&x.reason)})
        })
        .collect();
    let changes = view.base.clone().map(|d| {
        let d = d.filtered(m, &view.filter);
        json!({
            "summary": d.summary(),
            "changes": d.changes.iter().map(|ch| json!({
                "issue": m.issues[ch.issue].id, "party": m.parties[ch.party].id,
                "kind": ch.kind.id(), "mark": change_mark(ch), "words": c(&change_words(m, ch)),
                "sides": sides_words(m, ch, false).iter().map(|s| json!({
                    "label": s.label, "summary": c(&s.summary),
                    "facts": s.facts.iter().map(|f| c(f)).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
                "via": ch.via.iter().map(|&v| c(&via_words(m, v, false))).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        })
    });
    json!({
        "caption": c(&view.caption()),
        "cells": cells,
        "min": min_confidence_words(view.filter.min_confidence).map(|s| c(&s)),
        "issues": issues,
        "pairs": pairs,
        "contested": contested,
        "changes": changes,
    })
}

/// Where two JSON values first differ, as a path and both values.
fn first_difference(a: &Value, b: &Value, path: &str) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
            keys.sort();
            keys.dedup();
            keys.into_iter().find_map(|k| {
                first_difference(
                    x.get(k).unwrap_or(&Value::Null),
                    y.get(k).unwrap_or(&Value::Null),
                    &format!("{path}.{k}"),
                )
            })
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (p, q))| first_difference(p, q, &format!("{path}[{i}]"))),
        _ if a == b => None,
        _ => Some(format!("{path}:\n  page:    {a}\n  library: {b}")),
    }
}

/// Every view of a model to compare: each date of the model, a day between two of them
/// and one before all, each minimum confidence, with all parties and with every other
/// party, each against no base date and every date of the model as base.
fn queries(model: &Model) -> Vec<Query> {
    let dates = model.dates();
    let mut days: Vec<Option<Date>> = vec![None];
    days.extend(dates.iter().copied().map(Some));
    if let Some(first) = dates.first() {
        days.push(first.previous_day());
    }
    if let [a, b, ..] = dates[..]
        && let Some(between) = b.previous_day().filter(|&d| d > a)
    {
        days.push(Some(between));
    }
    let some: Vec<String> = model
        .parties
        .iter()
        .step_by(2)
        .map(|p| p.id.clone())
        .collect();
    let mut bases: Vec<Option<Date>> = vec![None];
    bases.extend(dates.iter().copied().map(Some));
    let mins = [
        None,
        Some(Confidence::Low),
        Some(Confidence::Moderate),
        Some(Confidence::High),
    ];
    let mut out = Vec::new();
    for &date in &days {
        for &min in &mins {
            for parties in [None, Some(some.clone())] {
                for &base in &bases {
                    out.push(Query {
                        date,
                        min,
                        parties: parties.clone(),
                        base,
                    });
                }
            }
        }
    }
    out
}

/// xorshift64*: a fixed pseudo-random sequence, so every run makes the same models.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n as u64) as usize
    }
    fn pick<T: Copy>(&mut self, from: &[T]) -> T {
        from[self.below(from.len())]
    }
}

/// A model made at random (`seed`): three to five parties, issues with scales of two to
/// six steps and one without, positions on dates 1, 7 and 8 days apart (the contested
/// window's edges) and undated, with and without stances and stated ranges, every
/// status and confidence, a withdrawal now and then, the curator's contested mark, and
/// citations of one source with and without a speaker.
fn random_model(seed: u64) -> stances::model::build::ModelText {
    use stances::model::build::{ModelText, PositionText};
    let mut r = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let sentences: Vec<String> = (0..12)
        .map(|k| format!("Item {k} is what envoy number {k} put on the table."))
        .collect();
    let mut m = ModelText::new(&format!("Random talks {seed}")).source(
        "wire",
        "wire.txt",
        "The wire",
        &sentences.join(" "),
    );
    let parties = 3 + r.below(3);
    for p in 0..parties {
        m = m.party(&format!("p{p}"), &format!("Party {p}"));
    }
    let mut scales = Vec::new();
    for i in 0..3 {
        let steps = if i == 2 { 0 } else { 2 + r.below(5) };
        let scale: Vec<(String, String)> = (0..steps)
            .map(|k| (format!("s{k}"), format!("Step {k} of {i}")))
            .collect();
        let refs: Vec<(&str, &str)> = scale
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        m = m.scaled_issue(&format!("i{i}"), &format!("Issue {i}"), &refs);
        scales.push(steps);
    }
    let days = [
        "2025-03-01",
        "2025-03-02",
        "2025-03-08",
        "2025-03-09",
        "2025-03-16",
    ];
    let summaries = [
        "Holds firm",
        "Softens",
        "Restates",
        "Denies it",
        "Offers talks",
    ];
    for (i, &steps) in scales.iter().enumerate() {
        for p in 0..parties {
            let mut dates: Vec<Option<&str>> = vec![None];
            dates.extend(days.iter().map(|d| Some(*d)));
            for date in dates {
                if r.below(3) != 0 {
                    continue;
                }
                let mut pos =
                    PositionText::new(&format!("p{p}"), &format!("i{i}"), r.pick(&summaries));
                if let Some(d) = date {
                    pos = pos.as_of(d);
                }
                if steps > 0 && r.below(4) != 0 {
                    let s = r.below(steps);
                    pos = pos.stance(&format!("s{s}"));
                    if r.below(3) == 0 {
                        let (lo, hi) = (r.below(s + 1), s + r.below(steps - s));
                        pos = pos.acceptable(&format!("s{lo}"), &format!("s{hi}"));
                    }
                }
                if let Some(status) = r.pick(&[
                    None,
                    Some("stated"),
                    Some("proposed"),
                    Some("withdrawn"),
                    None,
                ]) {
                    pos = pos.status(status);
                }
                if let Some(c) = r.pick(&[None, Some("high"), Some("moderate"), Some("low")]) {
                    pos = pos.confidence(c);
                }
                if r.below(12) == 0 {
                    pos = pos.contested("denied the next day");
                }
                for _ in 0..r.below(3) {
                    let k = r.below(sentences.len());
                    let quote = format!("envoy number {k} put");
                    pos = if r.below(2) == 0 {
                        pos.cite("wire", &quote)
                    } else {
                        pos.cite_by("wire", &quote, r.pick(&["Reuters", "AP"]))
                    };
                }
                m = m.position(pos);
            }
        }
    }
    m
}

#[test]
fn the_page_says_what_the_library_says_at_every_date_confidence_and_filter() {
    let Some(b) = Browser::start() else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut models: Vec<(String, PathBuf)> = FIXTURES
        .iter()
        .map(|n| ((*n).to_string(), fixture(n)))
        .collect();
    models.push(("bundled".into(), bundled()));
    for seed in 0..12 {
        let at = dir.path().join(format!("random-{seed}"));
        let path = random_model(seed).write(&at).unwrap();
        models.push((format!("random model {seed} ({})", path.display()), path));
    }
    let (mut sentences, mut changes, mut cells) = (0, 0, 0);
    for (name, path) in models {
        let model = load(&path);
        let page = export_file(&path, dir.path(), &[]);
        b.open(&page);
        let queries = queries(&model);
        let asked: Vec<Value> = queries.iter().map(Query::json).collect();
        let said = b.script(
            "return window.stancesReport.words(arguments[0])",
            &[Value::Array(asked.clone())],
        );
        let said = said.as_array().expect("the page's words");
        assert_eq!(said.len(), queries.len());
        for ((q, asked), page) in queries.iter().zip(&asked).zip(said) {
            let library = library_words(&model, q);
            if let Some(diff) = first_difference(page, &library, "") {
                panic!("{name}, {asked}: the page and the library differ at {diff}");
            }
            let count = |v: &Value| v.as_array().map_or(0, Vec::len);
            sentences += library["issues"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| count(&i["conclusion"]))
                .sum::<usize>();
            changes += count(&library["changes"]["changes"]);
            cells += count(&library["cells"]);
        }
        b.assert_clean();
    }
    // What was compared, word for word.
    assert!(
        sentences > 1000 && changes > 1000 && cells > 1000,
        "{sentences} conclusion sentences, {changes} changes, {cells} cells"
    );
}

/// The bounding boxes of `el` and of the dialog holding it, as the viewport shows them.
fn in_dialog_view(b: &Browser, el: &Element<'_>) -> bool {
    b.script(
        "const r = arguments[0].getBoundingClientRect();
         const d = arguments[0].closest('dialog').getBoundingClientRect();
         return r.height > 0 && r.top >= d.top && r.bottom <= d.bottom + 1 && r.bottom <= innerHeight;",
        &[el.json()],
    ) == true
}

#[test]
fn a_cell_opens_its_detail_and_a_citation_its_source_and_escape_goes_back() {
    let Some(b) = Browser::start() else { return };
    let (_dir, model) = open_export(&b, &bundled());

    // Russia on territory: its position at the latest date, cited.
    let view = View::new(Arc::clone(&model), None);
    let (ii, pi) = (
        stances::model::IssueId(
            model
                .issues
                .iter()
                .position(|i| i.id == "territory")
                .unwrap(),
        ),
        PartyId(model.parties.iter().position(|p| p.id == "ru").unwrap()),
    );
    let position = view
        .cell(ii, pi)
        .expect("Russia has a position on territory");
    let td = cell(&b, "territory", "ru");
    td.click();
    let dialog = b.find("dialog#detail[open]");
    assert_eq!(dialog.attr("aria-modal").as_deref(), Some("true"));
    assert_eq!(
        b.script(
            "return document.getElementById(arguments[0].getAttribute('aria-labelledby')).textContent",
            &[dialog.json()]
        ),
        "Territory · Russia"
    );
    assert!(
        dialog
            .find(".dlg-body")
            .text()
            .contains(&squash(&clean(&position.summary))),
        "the summary"
    );
    assert!(
        b.script(
            "return arguments[0].contains(document.activeElement)",
            &[dialog.json()]
        ) == true,
        "the focus moves into the dialog"
    );
    // Each citation as its whole sentence, the quote in <mark>.
    let quotes: Vec<String> = dialog
        .find_all("ol.dlg-cites blockquote mark")
        .iter()
        .map(Element::text)
        .collect();
    let want: Vec<String> = position
        .citations
        .iter()
        .map(|c| squash(&Excerpt::of(&model, c).unwrap().quote))
        .collect();
    assert_eq!(quotes, want);
    let first = &position.citations[0];
    let sentence = squash(&clean(model.sentence_text(first)));
    assert_eq!(dialog.find("ol.dlg-cites blockquote").text(), sentence);

    // The citation opens its source: the sentence marked and in view, this quote apart.
    let open = dialog.find("ol.dlg-cites button.open-source");
    open.click();
    let source = b.find("dialog#source[open]");
    assert_eq!(
        source.find("h2").text(),
        squash(&clean(&model.sources[first.source].title))
    );
    let marked = source.find("mark#cited-sentence");
    assert_eq!(
        squash(&marked.text()).replace("[this position’s quote] ", ""),
        sentence
    );
    assert!(
        in_dialog_view(&b, &marked),
        "the sentence is scrolled into view"
    );
    let this = source.find(".source-text mark.q-this");
    assert_eq!(
        squash(
            b.script(
                "const c = arguments[0].cloneNode(true);
                 c.querySelectorAll('.vh').forEach((x) => x.remove());
                 return c.textContent",
                &[this.json()]
            )
            .as_str()
            .unwrap()
        ),
        squash(&clean(model.quote_text(first)))
    );
    // Told apart in words and by more than colour: bold and outlined, named in the legend.
    let look = b.script(
        "const s = getComputedStyle(arguments[0]); return [s.fontWeight, s.outlineStyle]",
        &[this.json()],
    );
    assert_eq!(look, json!(["700", "solid"]));
    assert!(
        source
            .find(".legend")
            .text()
            .contains("the quote of Russia on Territory")
    );
    if let Some(other) = source.find_all(".source-text mark.q-other").first() {
        let look = b.script(
            "const s = getComputedStyle(arguments[0]); return [s.fontWeight, s.borderBottomStyle]",
            &[other.json()],
        );
        assert_eq!(look, json!(["400", "dotted"]));
    }

    // Escape closes the source, then the detail, each giving the focus back.
    b.press(Key::Escape);
    assert!(
        b.try_find("dialog#source[open]").is_none(),
        "the source closed"
    );
    assert!(
        b.try_find("dialog#detail[open]").is_some(),
        "the detail stays"
    );
    assert_eq!(b.focused(), dialog.find("ol.dlg-cites button.open-source"));
    b.press(Key::Escape);
    assert!(b.try_find("dialog#detail[open]").is_none());
    assert_eq!(b.focused(), cell(&b, "territory", "ru"));
    b.assert_clean();
}

#[test]
fn a_history_entry_opens_that_position_and_escape_returns_to_the_cell() {
    let Some(b) = Browser::start() else { return };
    let (_dir, model) = open_export(&b, &fixture("moves"));
    // The first cell with more than one position.
    let (cellid, history) = model
        .issue_ids()
        .flat_map(|i| {
            model
                .party_ids()
                .map(move |p| stances::model::Cell::new(i, p))
        })
        .map(|c| (c, model.history(c).to_vec()))
        .find(|(_, h)| h.len() > 1)
        .expect("a cell with a history");
    let (issue, party) = (
        &model.issues[cellid.issue].id,
        &model.parties[cellid.party].id,
    );
    cell(&b, issue, party).click();
    let dialog = b.find("dialog#detail[open]");
    let entries = dialog.find_all("ol.history li");
    assert_eq!(entries.len(), history.len());
    for (li, &h) in entries.iter().zip(&history) {
        assert!(
            li.text()
                .starts_with(&squash(&clean(&via_words(&model, h, false)))),
            "{}",
            li.text()
        );
    }
    let earliest = &model.positions[history[0]];
    dialog.find("ol.history button.entry").click();
    let lead = dialog.find("p.lead").text();
    assert_eq!(lead, squash(&clean(&earliest.summary)));
    assert!(
        dialog
            .find("dl.facts")
            .text()
            .contains(&earliest.as_of.unwrap().to_string())
    );
    // Escape goes back to the position shown, then closes.
    b.press(Key::Escape);
    let view = View::new(Arc::clone(&model), None);
    assert_eq!(
        b.find("dialog#detail[open] p.lead").text(),
        squash(&clean(
            &view.cell(cellid.issue, cellid.party).unwrap().summary
        ))
    );
    b.press(Key::Escape);
    assert!(b.try_find("dialog#detail[open]").is_none());
    assert_eq!(b.focused(), cell(&b, issue, party));
    b.assert_clean();
}

/// The control labelled `label`.
fn control<'b>(b: &'b Browser, label: &str) -> Element<'b> {
    let id = b.script(
        "const l = Array.from(document.querySelectorAll('label'))
           .find((l) => l.textContent.trim() === arguments[0]);
         return l ? l.htmlFor : null;",
        &[json!(label)],
    );
    let id = id
        .as_str()
        .unwrap_or_else(|| panic!("no control labelled {label:?}"));
    b.find(&format!("#{id}"))
}

#[test]
fn the_controls_redraw_the_grid_the_comparison_and_the_changes() {
    let Some(b) = Browser::start() else { return };
    let (_dir, model) = open_export(&b, &fixture("moves"));
    let dates = model.dates();
    let (first, last) = (dates[0], *dates.last().unwrap());

    // The view date: that day's cells, caption and comparison.
    control(&b, "View date").select(&first.to_string());
    let then = View::new(Arc::clone(&model), Some(first));
    assert_eq!(
        b.find("table.grid caption").text(),
        squash(&clean(&then.caption()))
    );
    for &i in &then.issues {
        for &p in &then.parties {
            let td = cell(&b, &model.issues[i].id, &model.parties[p].id);
            match then.cell(i, p) {
                Some(pos) => assert_eq!(td.find(".summary").text(), squash(&clean(&pos.summary))),
                None => assert!(td.text().contains("No position") || td.text() == "—"),
            }
        }
    }
    let conclusions: Vec<String> = Comparison::new(&then)
        .words(&then)
        .iter()
        .flat_map(stances::view::compare::words::IssueWords::conclusion)
        .map(|s| squash(&clean(&s)))
        .collect();
    let section = b.find("section[aria-labelledby=comparison]").text();
    for s in &conclusions {
        assert!(section.contains(s.as_str()), "{s:?} in the comparison");
    }

    // Compare with the first date at the last: the changed cells marked, the changes listed.
    control(&b, "View date").select(&last.to_string());
    control(&b, "Compare with").select(&first.to_string());
    let now = View::new(Arc::clone(&model), Some(last)).with_base(Some(first));
    let diff = now.base.clone().unwrap();
    assert!(!diff.changes.is_empty());
    for ch in &diff.changes {
        let td = cell(&b, &model.issues[ch.issue].id, &model.parties[ch.party].id);
        let mark = td.find(".change .mark").text();
        assert_eq!(mark, change_mark(ch));
        assert!(
            td.find(".change")
                .text()
                .contains(&squash(&clean(&change_words(&model, ch))))
        );
    }
    let marked = b.find_all("table.grid .change").len();
    assert_eq!(
        marked,
        diff.changes.len(),
        "only the changed cells are marked"
    );
    let changes = b.find("section[aria-labelledby=changes]");
    assert!(changes.find("h2").text().contains(&first.to_string()));
    assert!(changes.text().contains(&diff.summary()));
    assert!(
        diff.changes
            .iter()
            .any(|c| c.kind == stances::view::diff::Kind::Moved),
        "the fixture has a move"
    );
    assert!(b.find("#report-status").text().contains(&diff.summary()));

    // Search: only the cells whose text holds the query.
    let needle = &model.positions[shown_positions(&now)[0]].summary;
    let word = needle
        .split_whitespace()
        .max_by_key(|w| w.len())
        .unwrap()
        .to_lowercase();
    control(&b, "Search").send_keys(&word);
    let shown = b.script(
        "return Array.from(document.querySelectorAll('table.grid td[data-pos]'))
           .filter((td) => !td.classList.contains('nomatch')).map((td) => Number(td.dataset.pos))",
        &[],
    );
    let want: Vec<usize> = shown_positions(&now)
        .into_iter()
        .filter(|&p| {
            stances::view::search::position_matches(
                &model,
                p,
                &stances::view::search::Query::new(&word),
            )
        })
        .map(stances::model::PositionId::index)
        .collect();
    assert!(!want.is_empty());
    assert_eq!(shown, json!(want), "search {word:?}");
    assert!(b.find("#report-status").text().contains("match"));
    control(&b, "Search").clear();
    b.find("#c-search").send_keys(" ");
    b.press(Key::Backspace);
    assert_eq!(b.find_all("table.grid td.nomatch").len(), 0);

    // A party filter: that party's column and pairs are gone.
    b.find("#report-controls details summary").click();
    let gone = &model.parties[0];
    b.find("#report-controls input[name=party][value='0']")
        .click();
    let cols: Vec<String> = b
        .find_all("table.grid thead th[scope=col]")
        .iter()
        .map(Element::text)
        .collect();
    assert!(!cols.contains(&squash(&clean(&gone.name))), "{cols:?}");
    assert_eq!(cols.len(), model.parties.len());
    assert!(b.find("#report-status").text().contains(&format!(
        "Showing {} of {} parties",
        model.parties.len() - 1,
        model.parties.len()
    )));

    // The minimum confidence: the comparison says what it leaves out.
    control(&b, "Minimum confidence").select("high");
    assert!(
        b.find("section[aria-labelledby=comparison]")
            .text()
            .contains("Positions below high confidence are left out")
    );
    // An issue filter: that issue's row is gone.
    b.find_all("#report-controls details summary")[1].click();
    b.find("#report-controls input[name=issue][value='0']")
        .click();
    let rows: Vec<String> = b
        .find_all("table.grid tbody th[scope=row]")
        .iter()
        .map(Element::text)
        .collect();
    let want: Vec<String> = model.issues[1..]
        .iter()
        .map(|i| squash(&clean(&i.name)))
        .collect();
    assert_eq!(rows, want);

    b.assert_clean();
}

/// The positions the view shows, in grid order.
fn shown_positions(view: &View) -> Vec<stances::model::PositionId> {
    let mut out = Vec::new();
    for &i in &view.issues {
        for &p in &view.parties {
            out.extend(view.position_at(i, p));
        }
    }
    out
}

#[test]
fn the_keyboard_reaches_a_cell_opens_it_and_escape_comes_back() {
    let Some(b) = Browser::start() else { return };
    let dir = tempfile::tempdir().unwrap();
    let page = export("compare", dir.path());
    b.open(&page);
    // Tab through the controls to the first cell.
    let mut seen = Vec::new();
    for _ in 0..40 {
        b.press(Key::Tab);
        let f = b.focused();
        if f.tag() == "td" {
            break;
        }
        seen.push(f.attr("id").unwrap_or_else(|| f.tag()));
    }
    for id in ["c-date", "c-base", "c-min", "c-search"] {
        assert!(seen.iter().any(|s| s == id), "{id} in {seen:?}");
    }
    let first = b.focused();
    assert_eq!(first.tag(), "td");
    assert_eq!(first.attr("data-issue").as_deref(), Some("border"));
    // Arrows move between cells; Enter opens the detail; Escape closes it.
    b.press(Key::ArrowRight);
    let second = b.focused();
    assert_eq!(second.attr("data-party").as_deref(), Some("south"));
    b.press(Key::Enter);
    assert!(b.try_find("dialog#detail[open]").is_some());
    b.press(Key::Escape);
    assert!(b.try_find("dialog#detail[open]").is_none());
    assert_eq!(b.focused(), second);
    // Space opens it too, and the citation markers stay links to the notes.
    b.press(Key::Space);
    assert!(b.try_find("dialog#detail[open]").is_some());
    b.press(Key::Escape);
    // Focus is back on the cell before Tab moves on (on a loaded machine the key
    // events can outrun the dialog's close).
    b.wait_until("focus back on the cell", |b| b.focused() == second);
    b.press(Key::Tab);
    let marker = b.focused();
    assert_eq!(marker.tag(), "a");
    let href = marker.attr("href").unwrap();
    b.press(Key::Enter);
    assert!(
        b.url().ends_with(&href),
        "{} after Enter on {href}",
        b.url()
    );
    let note = b.find(&href);
    let seen = b.script(
        "const r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight && r.height > 0",
        &[note.json()],
    );
    assert_eq!(seen, json!(true), "{href} is scrolled into view");
    assert!(
        !note.find("mark").text().is_empty(),
        "the note marks the quote"
    );
    b.assert_clean();
}

#[test]
fn each_report_passes_axe_with_script_and_with_a_dialog_open() {
    let Some(axe) = Axe::load() else { return };
    let Some(b) = Browser::start() else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut pages: Vec<PathBuf> = Vec::new();
    for name in FIXTURES {
        let sub = dir.path().join(name);
        std::fs::create_dir_all(&sub).unwrap();
        pages.push(export(name, &sub));
    }
    let sub = dir.path().join("bundled");
    std::fs::create_dir_all(&sub).unwrap();
    pages.push(export_file(&bundled(), &sub, &["--since", "2025-04-17"]));
    for page in &pages {
        for viewport in [Viewport::DESKTOP, Viewport::PHONE] {
            b.set_viewport(viewport);
            // Without script, as a reader with script turned off (or a printer) has it.
            b.open(&without_script(page));
            assert!(b.try_find("#report-controls").is_none());
            axe.assert_no_serious(&b);
            b.open(page);
            // Every section laid out, so that axe judges the colours of all of them.
            lay_out_every_section(&b);
            axe.assert_no_serious(&b);
            if let Some(td) = b.try_find("table.grid td[data-pos]") {
                td.click();
                axe.assert_no_serious(&b);
                if let Some(open) = b.try_find("dialog#detail button.open-source") {
                    open.click();
                    axe.assert_no_serious(&b);
                }
            }
            b.assert_clean();
        }
    }
}

#[test]
fn printing_shows_the_table_the_comparison_and_the_citations_not_the_controls() {
    let Some(b) = Browser::start() else { return };
    let dir = tempfile::tempdir().unwrap();
    let page = export_file(&bundled(), dir.path(), &[]);
    b.open(&page);
    b.cdp("Emulation.setEmulatedMedia", json!({"media": "print"}));
    let shown = |css: &str| {
        b.script(
            "const e = document.querySelector(arguments[0]); return !!e && getComputedStyle(e).display !== 'none'",
            &[json!(css)],
        ) == true
    };
    for css in [
        "table.grid",
        "section[aria-labelledby=comparison]",
        ".chart svg",
        "ol.cites",
    ] {
        assert!(shown(css), "{css} prints");
    }
    for css in ["#report-controls", "#report-status", "button.open-source"] {
        assert!(!shown(css), "{css} does not print");
    }
    b.cdp("Emulation.setEmulatedMedia", json!({"media": ""}));
    b.assert_clean();
}

#[test]
fn screenshots_at_desktop_and_phone_widths_and_no_sideways_scroll_on_a_phone() {
    let Some(b) = Browser::start() else { return };
    let mut cases: Vec<(String, PathBuf, Vec<&str>)> = FIXTURES
        .iter()
        .map(|n| (format!("report-{n}"), fixture(n), vec![]))
        .collect();
    cases.push((
        "report-bundled".into(),
        bundled(),
        vec!["--since", "2025-04-17"],
    ));
    for (name, model, args) in &cases {
        let dir = artifacts(name);
        let page = export_file(model, &dir, args);
        let plain = without_script(&page);
        for (viewport, label, file) in [
            (Viewport::DESKTOP, "desktop", &page),
            (Viewport::PHONE, "phone", &page),
            (Viewport::PHONE, "phone-static", &plain),
        ] {
            // Sized first, then loaded, as a phone loads it (resizing a loaded page can
            // zoom it out to fit).
            b.set_viewport(viewport);
            b.open(file);
            // Nothing sticks out: the layout is as wide as the device (a phone zooms a
            // page out, widening its layout, when something is wider), and so is the page.
            let wide = b.script(
                "const out = [];
                 for (const e of document.querySelectorAll('body *')) {
                   const r = e.getBoundingClientRect();
                   const inside = e.parentElement && e.parentElement.closest('.scroll, dialog');
                   if (r.right > arguments[0] + 1 && !inside) out.push(e.tagName + '.' + e.className);
                 }
                 return [document.documentElement.scrollWidth, innerWidth, out.slice(0, 8)]",
                &[json!(viewport.width)],
            );
            let (page_width, layout) = (wide[0].as_u64().unwrap(), wide[1].as_u64().unwrap());
            assert!(
                layout == u64::from(viewport.width) && page_width <= layout,
                "{name} {label}: a page {page_width} px wide, laid out {layout} px wide on a {} px screen; wider: {}",
                viewport.width,
                wide[2]
            );
            let shot = dir.join(format!("{label}.png"));
            b.screenshot(&shot);
            assert_eq!(png_size(&shot), (viewport.width, viewport.height));
            // The whole page: every section laid out (on screen they are as they come
            // into view; a capture beyond the viewport does not bring them).
            if file == &page {
                lay_out_every_section(&b);
            }
            let full = dir.join(format!("{label}-full.png"));
            b.screenshot_full_page(&full);
            // The whole page: as wide as the document (less a desktop scroll bar), as
            // high as it (within two lines: captured beyond the viewport, the page loses
            // its scroll bar and a paragraph may wrap once less or more).
            let size = b.script(
                "const e = document.documentElement; return [e.scrollWidth, e.scrollHeight]",
                &[],
            );
            let (w, h) = png_size(&full);
            let (sw, sh) = (size[0].as_u64().unwrap(), size[1].as_u64().unwrap());
            assert!(
                (sw.saturating_sub(20)..=sw).contains(&u64::from(w))
                    && u64::from(h).abs_diff(sh) <= 48,
                "{name} {label}: {w}×{h}, the page {sw}×{sh}: {}",
                full.display()
            );
            // The page as its script drew it, for the Nu validator (`.ci/run`).
            let drawn = |file: &str| {
                let html = b.script("return document.documentElement.outerHTML", &[]);
                let html = format!("<!DOCTYPE html>\n{}\n", html.as_str().unwrap());
                std::fs::write(dir.join(file), html).unwrap();
            };
            if label == "desktop" {
                drawn("drawn.html");
            }
            // A cell's detail and a citation's source, as a reader sees them.
            if let Some(td) = b
                .try_find("table.grid td[data-pos]")
                .filter(|_| file == &page)
            {
                td.click();
                b.screenshot(&dir.join(format!("{label}-detail.png")));
                if let Some(open) = b.try_find("dialog#detail button.open-source") {
                    open.click();
                    b.screenshot(&dir.join(format!("{label}-source.png")));
                    if label == "desktop" {
                        drawn("drawn-dialogs.html");
                    }
                    b.press(Key::Escape);
                }
                b.press(Key::Escape);
            }
            b.assert_clean();
        }
    }
}

#[test]
fn a_reader_answers_the_four_questions_from_the_bundled_report_alone() {
    let Some(b) = Browser::start() else { return };
    let (_dir, model) = open_export(&b, &bundled());
    let issue =
        |id: &str| stances::model::IssueId(model.issues.iter().position(|i| i.id == id).unwrap());
    let name = |p: PartyId| squash(&clean(&model.parties[p].name));

    // 1. Where does each party stand on territory: the chart says it in its title, the
    // table beside it party by party.
    let (d1, d2) = (
        Date::parse("2025-04-17").unwrap(),
        Date::parse("2025-04-25").unwrap(),
    );
    let view = View::new(Arc::clone(&model), Some(d2));
    let cmp = Comparison::new(&view);
    let territory = cmp.issue(issue("territory")).unwrap();
    let words = stances::view::compare::words::IssueWords::new(&view, territory);
    let k = cmp
        .issues
        .iter()
        .position(|i| i.issue == territory.issue)
        .unwrap();
    let svg = &b.find_all(".chart svg")[k];
    assert_eq!(svg.attr("role").as_deref(), Some("img"));
    assert_eq!(
        squash(
            b.script(
                "return arguments[0].querySelector('title').textContent",
                &[svg.json()]
            )
            .as_str()
            .unwrap()
        ),
        squash(&clean(&words.conclusion().join(" ")))
    );
    let axis = b
        .find_all("table.axis")
        .into_iter()
        .find(|t| t.find("caption").text() == "Territory: where the parties stand")
        .expect("the table of territory");
    let rows: Vec<String> = axis
        .find_all("tbody tr")
        .iter()
        .map(Element::text)
        .collect();
    assert_eq!(rows.len(), words.placed.len());
    for (row, p) in rows.iter().zip(&words.placed) {
        assert!(row.starts_with(&name(p.placed.party)), "{row}");
        assert!(row.contains(&squash(&clean(&p.stance))), "{row}");
    }

    // 2. Which sentence says so: each placed party's cell opens the cited sentences.
    for p in &territory.placed {
        cell(&b, "territory", &model.parties[p.party].id).click();
        let shown = &model.positions[p.shown];
        let quotes: Vec<String> = b
            .find_all("dialog#detail[open] ol.dlg-cites blockquote")
            .iter()
            .map(Element::text)
            .collect();
        // A statement without a stance shows its own sentences, then those the
        // standing stance rests on.
        let standing = (p.position != p.shown).then(|| &model.positions[p.position]);
        let want: Vec<String> = shown
            .citations
            .iter()
            .chain(standing.into_iter().flat_map(|s| &s.citations))
            .map(|c| squash(&clean(model.sentence_text(c))))
            .collect();
        assert_eq!(quotes, want, "{}", name(p.party));
        b.press(Key::Escape);
    }

    // 3. Who moved between 17 and 25 April: the changes since the 17th, cell by cell.
    control(&b, "View date").select("2025-04-25");
    control(&b, "Compare with").select("2025-04-17");
    let diff = stances::view::diff::Diff::new(&model, Some(d1), Some(d2), None);
    let items: Vec<String> = b
        .find_all("section[aria-labelledby=changes] ul.changes > li > p:first-child")
        .iter()
        .map(Element::text)
        .collect();
    let want: Vec<String> = diff
        .changes
        .iter()
        .map(|c| {
            format!(
                "{} {} {}.",
                change_mark(c),
                name(c.party),
                squash(&clean(&change_words(&model, c)))
            )
        })
        .collect();
    assert_eq!(items, want);
    assert!(
        b.find("section[aria-labelledby=changes] > p").text() == format!("{}.", diff.summary())
    );

    // 4. Is there a zone on the ceasefire: the chart draws it (or the gap) and says so.
    let ceasefire = cmp.issue(issue("ceasefire")).unwrap();
    let k = cmp
        .issues
        .iter()
        .position(|i| i.issue == ceasefire.issue)
        .unwrap();
    let svg = &b.find_all(".chart svg")[k];
    let drawn = b.script(
        "return [!!arguments[0].querySelector('rect.zone'), !!arguments[0].querySelector('line.gap'),
                 arguments[0].querySelector('title').textContent]",
        &[svg.json()],
    );
    let zone = stances::view::compare::words::zone_words(&model, ceasefire);
    assert_eq!(drawn[0], json!(ceasefire.zone.is_some()));
    assert_eq!(drawn[1], json!(ceasefire.gap.is_some()));
    assert!(
        drawn[2].as_str().unwrap().starts_with(&clean(&zone)),
        "{drawn}"
    );
    b.assert_clean();
}
