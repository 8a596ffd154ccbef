//! The CSV export, read back with the `csv` crate: header, one row per issue, cells
//! equal to the summaries, formula guard; and `--long`, one row per citation.

use stances::export::{self, Format, Options};
use stances::model::Model;
use stances::sanitize::clean;
use stances::source::normalize::normalize;
use stances::testing::fixtures::*;
use stances::view::View;

fn records(out: &str) -> Vec<Vec<String>> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(out.as_bytes());
    r.records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// A field as written: cleaned, with a `'` in front when it could run as a formula.
fn expect(s: &str) -> String {
    let s = clean(s);
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s
    }
}

fn check_wide(m: &Model, date: Option<&str>) -> Vec<Vec<String>> {
    let out = render(m, Format::Csv, date);
    assert!(!has_raw_control(&out));
    assert!(out.ends_with("\r\n"), "records end in CRLF");
    let recs = records(&out);
    assert_eq!(recs.len(), m.issues.len() + 1);
    let header: Vec<String> = std::iter::once("Issue".to_string())
        .chain(m.parties.iter().map(|p| expect(&p.name)))
        .collect();
    assert_eq!(recs[0], header);
    let view = View::new(
        std::sync::Arc::new(m.clone()),
        date.map(|d| stances::date::Date::parse(d).unwrap()),
    );
    for (ii, issue) in m.issue_ids().zip(&m.issues) {
        let row = &recs[ii.index() + 1];
        assert_eq!(row.len(), m.parties.len() + 1);
        assert_eq!(row[0], expect(&issue.name));
        for pi in m.party_ids() {
            let want = view
                .cell(ii, pi)
                .map_or(String::new(), |p| expect(&p.summary));
            assert_eq!(row[pi.index() + 1], want);
        }
    }
    recs
}

fn check_long(m: &Model, date: Option<&str>) -> Vec<Vec<String>> {
    let view = View::new(
        std::sync::Arc::new(m.clone()),
        date.map(|d| stances::date::Date::parse(d).unwrap()),
    );
    let opts = Options {
        long: true,
        ..Options::default()
    };
    let out = export::render(&view, Format::Csv, &opts);
    assert!(!has_raw_control(&out));
    let recs = records(&out);
    assert_eq!(
        recs[0].join(","),
        "Party,Issue,As of,Summary,Stance,Status,Confidence,Contested,Source,Quote,Sentence"
    );
    let cited: Vec<_> = view
        .cells
        .iter()
        .flatten()
        .flatten()
        .flat_map(|&i| &m.positions[i].citations)
        .collect();
    assert_eq!(recs.len() - 1, cited.len());
    for row in &recs[1..] {
        assert_eq!(row.len(), 11);
        assert!(row.iter().all(|f| !f.starts_with(['=', '+', '-', '@'])));
        let quote = row[9].trim_start_matches('\'');
        assert!(
            shown(&row[10]).contains(&shown(quote))
                || normalize(&row[10]).contains(&normalize(quote)),
            "{row:?}"
        );
    }
    recs
}

#[test]
fn bundled_model_reads_back_as_the_grid() {
    let m = load(&bundled());
    let recs = check_wide(&m, None);
    assert_eq!(
        recs[0],
        ["Issue", "United States", "Russia", "Ukraine", "Europe"]
    );
    assert_eq!(
        recs[1][1],
        "Trump: nobody asks Zelensky to recognize Crimea; Rubio, Witkoff skip London"
    );
    let early = check_wide(&m, Some("2025-04-17"));
    assert_eq!(
        early[1][1],
        "Proposal: recognize Russian control of Crimea and parts of the east and south"
    );
    let long = check_long(&m, None);
    assert_eq!(long[1][..3], ["United States", "Territory", "2025-04-23"]);
    // Trump's denial takes no stance; the plan's stance still stands, in words.
    assert_eq!(
        long[1][4],
        "stance still standing: Russian control of Crimea and parts of eastern and southern Ukraine recognized — step 3 of 3, since 2025-04-17 (moderate confidence; ± contested)"
    );
    assert_eq!(long[1][5..7], ["stated", "high"]);
    let plan = check_long(&m, Some("2025-04-24"));
    assert_eq!(plan[1][..3], ["United States", "Territory", "2025-04-23"]);
    let at_17 = check_long(&m, Some("2025-04-17"));
    assert_eq!(
        at_17[1][4],
        "Russian control of Crimea and parts of eastern and southern Ukraine recognized — step 3 of 3"
    );
    assert_eq!(
        at_17[1][7], "",
        "nothing contests the plan before the denial"
    );
    check_long(&m, Some("2025-04-20"));
}

#[test]
fn hostile_cells_are_guarded_and_kept_whole() {
    let h = Hostile::write();
    let m = load(&h.path());
    let recs = check_wide(&m, None);
    assert_eq!(recs[0][2], "'=HYPERLINK(\"http://evil.example\",\"click\")");
    assert_eq!(recs[1][1], "<script>alert(1)</script> & more");
    assert_eq!(recs[1][2], "'=HYPERLINK(\"http://evil.example\",\"x\")");
    assert_eq!(recs[1][3], "中文 \u{FFFD}evil\u{FFFD} عربي\nsecond line");
    assert_eq!(recs[1][4], "a | b * c < d\n- e _f_ `g` [h](i) \\ &amp;");
    assert_eq!(recs[2][0], "'-2+3");
    assert_eq!(recs[3][0], "'@sum\nnext");
    assert_eq!(recs[3][2], "'@SUM(1+1) | -x");
    let early = check_wide(&m, Some("2025-04-15"));
    assert_eq!(early[2][1], "\u{FFFD}[31mred\u{FFFD}[0m\ttab");
    let long = check_long(&m, None);
    assert!(
        long.iter()
            .any(|r| r[9] == "'=HYPERLINK(\"http://evil.example\",\"x\")")
    );
    check_long(&m, Some("2025-04-15"));
}
