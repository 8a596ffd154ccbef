//! The text export: caption, wrapped to the width, every cell's words present, no
//! control characters.

use stances::export::{self, Format, Options};
use stances::model::Model;
use stances::testing::fixtures::*;
use stances::view::View;
use unicode_width::UnicodeWidthStr;

fn text(m: &Model, width: usize, date: Option<&str>) -> String {
    let view = View::new(
        std::sync::Arc::new(m.clone()),
        date.map(|d| stances::date::Date::parse(d).unwrap()),
    );
    let opts = Options {
        width,
        ..Options::default()
    };
    export::render(&view, Format::Text, &opts)
}

/// The words of the table, in order, ignoring layout.
fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn check(m: &Model, width: usize) -> String {
    let out = text(m, width, None);
    assert!(
        out.chars()
            .all(|c| c == '\n' || !stances::sanitize::is_unsafe(c)),
        "unsafe character in text export"
    );
    let min = (m.parties.len() + 1) * 4 + 3 * m.parties.len();
    for line in out.lines() {
        assert!(
            line.width() <= width.max(min),
            "{} > {width}: {line:?}",
            line.width()
        );
    }
    let view = View::new(std::sync::Arc::new(m.clone()), None);
    assert!(words(&out).starts_with(&words(&stances::sanitize::one_line(&view.caption()))));
    out
}

#[test]
fn bundled_model_fits_every_width() {
    let m = load(&bundled());
    for width in [20, 40, 60, 80, 100, 160] {
        check(&m, width);
    }
    let out = check(&m, 100);
    assert!(out.starts_with("Ukraine peace talks, April 2025 — as of 2025-04-25\n\n"));
    assert!(out.contains("Issue") && out.contains("Europe"));
    // An empty cell shows `–`, as in the reader, not a blank that reads as missing data.
    let nato = out.lines().find(|l| l.starts_with("NATO")).unwrap();
    assert!(nato.trim_end().ends_with('–'), "{nato}");
    // The stance is shown in words; under a later statement without one, the stance
    // that still stands is shown with its date.
    let wide = check(&m, 1000);
    assert!(wide.contains(
        "skip London (stance still standing: Russian control of Crimea and parts of eastern and southern Ukraine recognized — step 3 of 3, since 2025-04-17 (moderate confidence"
    ), "{wide}");
    let early = text(&m, 200, Some("2025-04-17"));
    assert!(early.contains("Proposal: recognize"), "{early}");
    assert!(!early.contains("Trump: nobody asks"));
}

#[test]
fn hostile_text_is_sanitized() {
    let h = Hostile::write();
    let m = load(&h.path());
    for width in [30, 80, 200] {
        check(&m, width);
    }
    let out = check(&m, 400);
    assert!(out.contains("<script>alert(1)</script> & more (Low <end> — step 1 of 3)"));
    assert!(
        out.contains("中文 \u{FFFD}evil\u{FFFD} عربي second line (Middle | \"mid\" — step 2 of 3)")
    );
    assert!(out.contains("a | b * c < d - e"));
    let early = text(&m, 400, Some("2025-04-15"));
    assert!(early.contains("\u{FFFD}[31mred\u{FFFD}[0m tab"));
}
