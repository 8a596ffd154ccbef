//! `stances compare` as plain text: per scaled issue its steps, each placed party on
//! an axis with its stance in words and what is said of it, the zone or gap in words,
//! who has no stance and who no position; then the pairs with their issue counts.

use crate::model::{Model, ScaleStep};
use crate::sanitize::one_line;
use crate::view::View;
use crate::view::compare::Comparison;
use crate::view::compare::words::{
    AXIS_LEGEND, IssueWords, PAIRS_NOTE, axis, axis_header, distance_words, min_confidence_words,
    nothing_to_compare, pair_name, step_count,
};
use crate::view::evidence::marks_legend;
use std::fmt::Write;
use unicode_width::UnicodeWidthStr;

/// The width the text comparison wraps its sentences to.
const WIDTH: usize = 100;

/// The comparison `c` of `view` as plain text.
pub fn compare(view: &View, c: &Comparison) -> String {
    let m = &*view.model;
    let mut out = format!("{}\n", one_line(&view.caption()));
    if let Some(words) = min_confidence_words(c.min_confidence) {
        let _ = writeln!(out, "{words}");
    }
    if c.issues.is_empty() {
        let _ = writeln!(out, "\n{}", nothing_to_compare(view));
        return out;
    }
    let _ = writeln!(out, "\n{AXIS_LEGEND}   {}", marks_legend());
    for (ic, words) in c.issues.iter().zip(c.words(view)) {
        let issue = &m.issues[ic.issue];
        issue_text(m, &issue.name, &issue.scale, &words, &mut out);
    }
    pairs_text(m, c, &mut out);
    out
}

fn issue_text(m: &Model, name: &str, scale: &[ScaleStep], words: &IssueWords, out: &mut String) {
    let n = scale.len();
    let _ = writeln!(out, "\n{} ({})", one_line(name), step_count(n));
    for (k, step) in scale.iter().enumerate() {
        let _ = writeln!(out, "  {:>2} {}", k + 1, one_line(&step.label));
    }
    let name_w = words
        .placed
        .iter()
        .map(|p| one_line(&m.parties[p.placed.party].short).width())
        .max()
        .unwrap_or(0)
        .max(5);
    let axis_w = axis_header(n).width();
    if !words.placed.is_empty() {
        let _ = writeln!(out, "  {}  {}", " ".repeat(name_w), axis_header(n));
    }
    let indent = " ".repeat(2 + name_w + 2 + axis_w + 3);
    for p in &words.placed {
        let name = one_line(&m.parties[p.placed.party].short);
        let _ = writeln!(
            out,
            "  {}  {}   {}",
            crate::wrap::fit(&name, name_w),
            axis(n, &p.placed),
            p.stance
        );
        let notes = p.notes().join("; ");
        for line in crate::wrap::lines(&notes, WIDTH.saturating_sub(indent.len()).max(30)) {
            let _ = writeln!(out, "{indent}{line}");
        }
    }
    for sentence in words.conclusion() {
        for line in crate::wrap::lines(&sentence, WIDTH - 2) {
            let _ = writeln!(out, "  {line}");
        }
    }
}

fn pairs_text(m: &Model, c: &Comparison, out: &mut String) {
    if c.pairs.is_empty() {
        return;
    }
    let names: Vec<String> = c.pairs.iter().map(|p| pair_name(m, p)).collect();
    let w = names.iter().map(|n| n.width()).max().unwrap_or(4).max(4);
    let _ = writeln!(out, "\nPairs");
    for line in crate::wrap::lines(PAIRS_NOTE, WIDTH - 2) {
        let _ = writeln!(out, "  {line}");
    }
    let _ = writeln!(
        out,
        "  {}  issues  same  overlap  apart  on assumed ranges  distance",
        crate::wrap::fit("Pair", w)
    );
    for (p, name) in c.pairs.iter().zip(&names) {
        let _ = writeln!(
            out,
            "  {}  {:>6}  {:>4}  {:>7}  {:>5}  {:>17}  {}",
            crate::wrap::fit(name, w),
            p.issues,
            p.same,
            p.overlap,
            p.apart,
            p.assumed,
            distance_words(p)
        );
    }
}
