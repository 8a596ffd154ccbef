//! `stances compare --format md` and the comparison section of the md export: per
//! scaled issue its steps, a table of the placed parties (stance in words, and what is
//! said of it), the zone or gap in words, who has no stance and who no position; then
//! the table of pairs with their issue counts.

use crate::export::escape::md as escape;
use crate::model::{IssueId, Model};
use crate::view::View;
use crate::view::compare::Comparison;
use crate::view::compare::words::{
    IssueWords, PAIR_COLUMNS, PAIRS_NOTE, ROLES_LEGEND, filter_words, min_confidence_words,
    nothing_to_compare, pair_cells,
};
use crate::view::evidence::marks_legend;
use std::fmt::Write;

/// The comparison `c` of `view` as GitHub-flavoured Markdown.
pub fn compare(view: &View, c: &Comparison) -> String {
    let mut out = format!("# Comparison: {}\n\n", escape(&view.caption()));
    body(view, c, 2, true, &mut out);
    out
}

/// The comparison's body, its headings at `level` (`##` for 2): per issue (with its
/// numbered steps when `scales`; the export lists them with the issues already), then
/// pairs.
pub fn body(view: &View, c: &Comparison, level: usize, scales: bool, out: &mut String) {
    let m = &*view.model;
    for words in min_confidence_words(c.min_confidence)
        .into_iter()
        .chain(filter_words(view))
    {
        let _ = writeln!(out, "{}\n", escape(&words));
    }
    if c.issues.is_empty() {
        let _ = writeln!(out, "{}", escape(nothing_to_compare(view)));
        return;
    }
    let _ = writeln!(
        out,
        "Each party stands at its stance; its range is what it has said it could accept (stated), or, when it has not, its stance alone (assumed: its flexibility is unknown). {} Marks: {}.",
        escape(ROLES_LEGEND),
        escape(&marks_legend())
    );
    for (ic, words) in c.issues.iter().zip(c.words(view)) {
        issue_md(m, ic.issue, &words, level, scales, out);
    }
    pairs_md(m, c, level, out);
}

fn issue_md(
    m: &Model,
    issue: IssueId,
    words: &IssueWords,
    level: usize,
    scales: bool,
    out: &mut String,
) {
    let issue = &m.issues[issue];
    let _ = write!(out, "\n{} {}\n", "#".repeat(level), escape(&issue.name));
    if scales {
        out.push('\n');
        for (k, step) in issue.scale.iter().enumerate() {
            let _ = writeln!(out, "{}. {}", k + 1, escape(&step.label));
        }
    }
    if !words.placed.is_empty() {
        out.push_str("\n| Party | Stance | Range, role, confidence, since, warnings |\n| --- | --- | --- |\n");
        for p in &words.placed {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                escape(&m.parties[p.placed.party].name),
                escape(&p.stance),
                escape(&p.notes().join("; "))
            );
        }
    }
    out.push('\n');
    let _ = writeln!(out, "{}", escape(&words.conclusion().join(" ")));
}

fn pairs_md(m: &Model, c: &Comparison, level: usize, out: &mut String) {
    if c.pairs.is_empty() {
        return;
    }
    let _ = write!(
        out,
        "\n{} Pairs\n\n{}\n\n",
        "#".repeat(level),
        escape(PAIRS_NOTE)
    );
    let _ = writeln!(out, "| A | B | {} |", PAIR_COLUMNS.join(" | "));
    let _ = writeln!(out, "| --- | --- |{}", " --: |".repeat(PAIR_COLUMNS.len()));
    for p in &c.pairs {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            escape(&m.parties[p.a].name),
            escape(&m.parties[p.b].name),
            pair_cells(p).join(" | ")
        );
    }
}
