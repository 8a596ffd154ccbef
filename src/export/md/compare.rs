//! `stances compare --format md`: per scaled issue its steps, a table of the parties
//! over the steps with their ranges and warnings, the zone or gap in words; then the
//! table of pairs.

use crate::export::escape::md as escape;
use crate::model::{IssueId, Model, PartyId};
use crate::view::View;
use crate::view::compare::Comparison;
use crate::view::compare::words::{
    BLOCKING, IssueWords, PAIR_COLUMNS, StepMark, nothing_to_compare, pair_cells, step_marks,
};
use std::fmt::Write;

/// The comparison `c` of `view` as GitHub-flavoured Markdown.
pub fn compare(view: &View, c: &Comparison) -> String {
    let m = &*view.model;
    let mut out = format!("# Comparison: {}\n\n", escape(&view.caption()));
    if c.issues.is_empty() {
        let _ = writeln!(out, "{}", escape(nothing_to_compare(view)));
        return out;
    }
    out.push_str("In each table, **X** marks a party's stance and = the rest of the range it could accept; *(assumed)* means no `acceptable` range is given, so the stance alone is taken.\n");
    for (ic, words) in c.issues.iter().zip(c.words(view)) {
        issue_md(m, ic.issue, &words, &mut out);
    }
    pairs_md(m, c, &mut out);
    out
}

fn issue_md(m: &Model, issue: IssueId, words: &IssueWords, out: &mut String) {
    let issue = &m.issues[issue];
    let n = issue.scale.len();
    let _ = write!(out, "\n## {}\n\n", escape(&issue.name));
    for (k, step) in issue.scale.iter().enumerate() {
        let _ = writeln!(out, "{}. {}", k + 1, escape(&step.label));
    }
    if !words.placed.is_empty() {
        out.push_str("\n| Party |");
        for k in 0..n {
            let _ = write!(out, " {} |", k + 1);
        }
        out.push_str(" Range |\n| --- |");
        out.push_str(&" :-: |".repeat(n));
        out.push_str(" --- |\n");
        for p in &words.placed {
            let mut name = escape(&m.parties[p.placed.party].name);
            if p.blocking {
                let _ = write!(name, " ({BLOCKING})");
            }
            let _ = write!(out, "| {name} |");
            for mark in step_marks(n, &p.placed) {
                let mark = match mark {
                    StepMark::Stance => "**X**",
                    StepMark::Acceptable => "=",
                    StepMark::Outside => "",
                };
                let _ = write!(out, " {mark} |");
            }
            let _ = writeln!(out, " {} |", escape(&p.range_and_flags()));
        }
    }
    let _ = writeln!(out, "\n{}", escape(&words.zone));
    let names = |ps: &[PartyId]| {
        let v: Vec<String> = ps.iter().map(|&p| escape(&m.parties[p].name)).collect();
        v.join(", ")
    };
    if !words.unplaced.is_empty() {
        let _ = writeln!(out, "\nNo stance: {}.", names(&words.unplaced));
    }
    if !words.absent.is_empty() {
        let _ = writeln!(out, "\nNo position: {}.", names(&words.absent));
    }
}

fn pairs_md(m: &Model, c: &Comparison, out: &mut String) {
    if c.pairs.is_empty() {
        return;
    }
    out.push_str("\n## Pairs\n\nOver the issues where both parties are placed; distance 0 is the same stance, 1 the opposite poles.\n\n");
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
