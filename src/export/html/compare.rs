//! The comparison section of the HTML page: per scaled issue a table of the parties
//! over the scale's steps with the zone or gap in words, the table of pairs, and the
//! contested positions with their reasons. Marks are letters and words, never colour
//! alone; every string is escaped.

use crate::export::escape::html as esc;
use crate::model::{IssueId, Model};
use crate::view::View;
use crate::view::compare::Comparison;
use crate::view::compare::words::{
    BLOCKING, IssueWords, PAIR_COLUMNS, StepMark, pair_cells, step_marks,
};
use crate::view::evidence::contested_cells;
use std::fmt::Write;

/// Appends the comparison section (nothing when no issue shown has a scale and no
/// position is contested).
pub fn section(view: &View, out: &mut String) {
    let m = &*view.model;
    let c = Comparison::new(view);
    let contested = contested_cells(view);
    if c.issues.is_empty() && contested.is_empty() {
        return;
    }
    out.push_str(
        "<section aria-labelledby=\"comparison\">\n<h2 id=\"comparison\">Comparison</h2>\n",
    );
    if !c.issues.is_empty() {
        out.push_str("<p>On each scale, X marks a party’s stance and = the rest of the range it could accept; an <em>assumed</em> range is the stance alone (no <code>acceptable</code> range given).</p>\n");
    }
    for (ic, words) in c.issues.iter().zip(c.words(view)) {
        issue(m, ic.issue, &words, out);
    }
    pairs(m, &c, out);
    if !contested.is_empty() {
        out.push_str("<h3>Contested positions</h3>\n<ul class=\"contested\">\n");
        for cell in &contested {
            let _ = writeln!(
                out,
                "<li><strong>{} on {}</strong>: {}</li>",
                esc(&m.parties[cell.party].name),
                esc(&m.issues[cell.issue].name),
                esc(&cell.reason)
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}

fn issue(m: &Model, issue: IssueId, words: &IssueWords, out: &mut String) {
    let issue = &m.issues[issue];
    let _ = writeln!(out, "<h3>{}</h3>", esc(&issue.name));
    if !words.placed.is_empty() {
        let _ = write!(
            out,
            "<table class=\"axis\">\n<caption>{}: where the parties stand</caption>\n<thead>\n<tr><th scope=\"col\">Party</th>",
            esc(&issue.name)
        );
        for (k, step) in issue.scale.iter().enumerate() {
            let _ = write!(
                out,
                "<th scope=\"col\"><abbr title=\"{}\">{}</abbr></th>",
                esc(&step.label),
                k + 1
            );
        }
        out.push_str("<th scope=\"col\">Range</th></tr>\n</thead>\n<tbody>\n");
        for p in &words.placed {
            let blocking = if p.blocking {
                format!(" ({BLOCKING})")
            } else {
                String::new()
            };
            let _ = write!(
                out,
                "<tr><th scope=\"row\">{}{blocking}</th>",
                esc(&m.parties[p.placed.party].name)
            );
            for mark in step_marks(issue.scale.len(), &p.placed) {
                let cell = match mark {
                    StepMark::Stance => "X<span class=\"vh\"> stance</span>",
                    StepMark::Acceptable => "=<span class=\"vh\"> acceptable</span>",
                    StepMark::Outside => "",
                };
                let _ = write!(out, "<td>{cell}</td>");
            }
            let _ = writeln!(out, "<td>{}</td></tr>", esc(&p.range_and_flags()));
        }
        out.push_str("</tbody>\n</table>\n");
    }
    let _ = writeln!(out, "<p>{}</p>", esc(&words.zone));
    if !words.unplaced.is_empty() {
        let names: Vec<String> = words
            .unplaced
            .iter()
            .map(|&p| esc(&m.parties[p].name))
            .collect();
        let _ = writeln!(out, "<p>No stance: {}.</p>", names.join(", "));
    }
}

fn pairs(m: &Model, c: &Comparison, out: &mut String) {
    if c.issues.is_empty() || c.pairs.is_empty() {
        return;
    }
    out.push_str("<table class=\"pairs\">\n<caption>Pairs of parties, over the issues where both are placed (distance 0: same stance, 1: opposite poles)</caption>\n<thead>\n<tr><th scope=\"col\">Party A</th><th scope=\"col\">Party B</th>");
    for name in PAIR_COLUMNS {
        let _ = write!(out, "<th scope=\"col\">{name}</th>");
    }
    out.push_str("</tr>\n</thead>\n<tbody>\n");
    for p in &c.pairs {
        let _ = write!(
            out,
            "<tr><th scope=\"row\">{}</th><td>{}</td>",
            esc(&m.parties[p.a].name),
            esc(&m.parties[p.b].name),
        );
        for cell in pair_cells(p) {
            let _ = write!(out, "<td>{}</td>", esc(&cell));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}
