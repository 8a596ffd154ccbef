//! `stances compare` as plain text: per scaled issue its steps, each placed party on
//! an axis with its stance in words and what is said of it, the zone or gap in words,
//! who has no stance and who no position; then the pairs with their issue counts.
//! Everything is wrapped to a width.

use crate::model::{Model, ScaleStep};
use crate::sanitize::one_line;
use crate::view::View;
use crate::view::compare::Comparison;
use crate::view::compare::words::{
    AXIS_LEGEND, IssueWords, PAIRS_NOTE, ROLES_LEGEND, axis, axis_header, distance_words,
    filter_words, min_confidence_words, nothing_to_compare, pair_name, step_count,
};
use crate::view::evidence::marks_legend;
use std::fmt::Write;
use unicode_width::UnicodeWidthStr;

/// The narrowest width the comparison is wrapped to.
const MIN_WIDTH: usize = 40;

/// Appends `text` wrapped to `width`, each line after `indent`.
fn push_wrapped(out: &mut String, indent: &str, text: &str, width: usize) {
    let room = width.saturating_sub(indent.width()).max(20);
    for line in crate::wrap::lines(text, room) {
        let _ = writeln!(out, "{indent}{line}");
    }
}

/// The comparison `c` of `view` as plain text, wrapped to `width` columns.
pub fn compare(view: &View, c: &Comparison, width: usize) -> String {
    let m = &*view.model;
    let width = width.max(MIN_WIDTH);
    let mut out = format!("{}\n", one_line(&view.caption()));
    for words in min_confidence_words(c.min_confidence)
        .into_iter()
        .chain(filter_words(view))
    {
        push_wrapped(&mut out, "", &words, width);
    }
    if c.issues.is_empty() {
        let _ = writeln!(out, "\n{}", nothing_to_compare(view));
        return out;
    }
    out.push('\n');
    push_wrapped(
        &mut out,
        "",
        &format!("{AXIS_LEGEND}   {}", marks_legend()),
        width,
    );
    push_wrapped(&mut out, "", ROLES_LEGEND, width);
    for (ic, words) in c.issues.iter().zip(c.words(view)) {
        let issue = &m.issues[ic.issue];
        issue_text(m, &issue.name, &issue.scale, &words, width, &mut out);
    }
    pairs_text(m, c, width, &mut out);
    out
}

fn issue_text(
    m: &Model,
    name: &str,
    scale: &[ScaleStep],
    words: &IssueWords,
    width: usize,
    out: &mut String,
) {
    let n = scale.len();
    let _ = writeln!(out, "\n{} ({})", one_line(name), step_count(n));
    for (k, step) in scale.iter().enumerate() {
        push_wrapped(
            out,
            &format!("  {:>2} ", k + 1),
            &one_line(&step.label),
            width,
        );
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
    let room = width.saturating_sub(indent.width()).max(30);
    for p in &words.placed {
        let name = one_line(&m.parties[p.placed.party].short);
        let head = format!(
            "  {}  {}   ",
            crate::wrap::fit(&name, name_w),
            axis(n, &p.placed)
        );
        for (k, line) in crate::wrap::lines(&p.stance, room).into_iter().enumerate() {
            let lead = if k == 0 {
                head.as_str()
            } else {
                indent.as_str()
            };
            let _ = writeln!(out, "{lead}{line}");
        }
        for line in crate::wrap::lines(&p.notes().join("; "), room) {
            let _ = writeln!(out, "{indent}{line}");
        }
    }
    for sentence in words.conclusion() {
        push_wrapped(out, "  ", &sentence, width);
    }
}

fn pairs_text(m: &Model, c: &Comparison, width: usize, out: &mut String) {
    if c.pairs.is_empty() {
        return;
    }
    let names: Vec<String> = c.pairs.iter().map(|p| pair_name(m, p)).collect();
    let w = names.iter().map(|n| n.width()).max().unwrap_or(4).max(4);
    let _ = writeln!(out, "\nPairs");
    push_wrapped(out, "  ", PAIRS_NOTE, width);
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
