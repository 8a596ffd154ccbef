//! `stances compare` as plain text: per scaled issue its steps, each placed party on
//! an axis with its range and warnings, the zone or gap in words; then the pairs.

use crate::model::{Model, ScaleStep};
use crate::sanitize::one_line;
use crate::view::View;
use crate::view::compare::Comparison;
use crate::view::compare::words::{
    BLOCKING, IssueWords, axis, axis_header, distance_words, nothing_to_compare, pair_name,
    party_list,
};
use crate::view::evidence::marks_legend;
use std::fmt::Write;
use unicode_width::UnicodeWidthStr;

/// The comparison `c` of `view` as plain text.
pub fn compare(view: &View, c: &Comparison) -> String {
    let m = &*view.model;
    let mut out = format!("{}\n", one_line(&view.caption()));
    if c.issues.is_empty() {
        let _ = writeln!(out, "\n{}", nothing_to_compare(view));
        return out;
    }
    let _ = writeln!(
        out,
        "\nX stance   = acceptable range   · outside it   {}",
        marks_legend()
    );
    for (ic, words) in c.issues.iter().zip(c.words(view)) {
        let issue = &m.issues[ic.issue];
        issue_text(m, &issue.name, &issue.scale, &words, &mut out);
    }
    pairs_text(m, c, &mut out);
    out
}

fn issue_text(m: &Model, name: &str, scale: &[ScaleStep], words: &IssueWords, out: &mut String) {
    let n = scale.len();
    let _ = writeln!(out, "\n{} ({n} steps)", one_line(name));
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
    let _ = writeln!(out, "  {}  {}", " ".repeat(name_w), axis_header(n));
    for p in &words.placed {
        let name = one_line(&m.parties[p.placed.party].short);
        let mut notes = vec![p.range.clone()];
        if p.blocking {
            notes.push(BLOCKING.into());
        }
        if !p.flags.is_empty() {
            notes.push(p.flags.clone());
        }
        let _ = writeln!(
            out,
            "  {}  {}   {}",
            crate::wrap::fit(&name, name_w),
            axis(n, &p.placed),
            notes.join("; ")
        );
    }
    let _ = writeln!(out, "  {}", words.zone);
    if !words.unplaced.is_empty() {
        let _ = writeln!(out, "  No stance: {}.", party_list(m, &words.unplaced));
    }
    if !words.absent.is_empty() {
        let _ = writeln!(out, "  No position: {}.", party_list(m, &words.absent));
    }
}

fn pairs_text(m: &Model, c: &Comparison, out: &mut String) {
    if c.pairs.is_empty() {
        return;
    }
    let names: Vec<String> = c.pairs.iter().map(|p| pair_name(m, p)).collect();
    let w = names.iter().map(|n| n.width()).max().unwrap_or(4).max(4);
    let _ = writeln!(
        out,
        "\nPairs (over the issues where both are placed; distance 0 = same, 1 = opposite poles)"
    );
    let _ = writeln!(
        out,
        "  {}  issues  same  overlap  apart  distance",
        crate::wrap::fit("Pair", w)
    );
    for (p, name) in c.pairs.iter().zip(&names) {
        let _ = writeln!(
            out,
            "  {}  {:>6}  {:>4}  {:>7}  {:>5}  {:>8}",
            crate::wrap::fit(name, w),
            p.issues,
            p.same,
            p.overlap,
            p.apart,
            distance_words(p.distance)
        );
    }
}
