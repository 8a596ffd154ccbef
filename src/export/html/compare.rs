//! The comparison section of the HTML page: per scaled issue a table of the parties
//! over the scale's steps with the zone or gap in words, the table of pairs, and the
//! contested positions with their reasons. Marks are letters and words, never colour
//! alone; every string is escaped.

use crate::export::escape::html as esc;
use crate::model::{IssueId, Model};
use crate::view::View;
use crate::view::compare::Comparison;
use crate::view::compare::words::{
    IssueWords, PAIR_COLUMNS, PAIRS_NOTE, ROLES_LEGEND, filter_words, min_confidence_words,
    pair_cells,
};
use crate::view::evidence::{contested_cells, marks_legend};
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
    for words in min_confidence_words(c.min_confidence)
        .into_iter()
        .chain(filter_words(view))
    {
        let _ = writeln!(out, "<p>{}</p>", esc(&words));
    }
    if !c.issues.is_empty() {
        let _ = writeln!(out, "{}", intro_html());
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

/// How to read the comparison, as a paragraph of HTML (the page script shows it too).
pub fn intro_html() -> String {
    format!(
        "<p>Each party stands at its stance; its range is what it has said it could accept (<em>stated</em>), or, when it has not, its stance alone (<em>assumed</em>: its flexibility is unknown). {} Marks: {}.</p>",
        esc(ROLES_LEGEND),
        esc(&marks_legend())
    )
}

fn issue(m: &Model, issue: IssueId, words: &IssueWords, out: &mut String) {
    let issue = &m.issues[issue];
    let _ = writeln!(out, "<h3>{}</h3>", esc(&issue.name));
    out.push_str("<ol class=\"scale\">\n");
    for step in &issue.scale {
        let _ = writeln!(out, "<li>{}</li>", esc(&step.label));
    }
    out.push_str("</ol>\n");
    if !words.placed.is_empty() {
        let _ = writeln!(
            out,
            "<table class=\"axis\">\n<caption>{}: where the parties stand</caption>\n<thead>\n<tr><th scope=\"col\">Party</th><th scope=\"col\">Stance</th><th scope=\"col\">Range, role, confidence, since, warnings</th></tr>\n</thead>\n<tbody>",
            esc(&issue.name)
        );
        for p in &words.placed {
            let _ = writeln!(
                out,
                "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td></tr>",
                esc(&m.parties[p.placed.party].name),
                esc(&p.stance),
                esc(&p.notes().join("; "))
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    for sentence in words.conclusion() {
        let _ = writeln!(out, "<p>{}</p>", esc(&sentence));
    }
}

fn pairs(m: &Model, c: &Comparison, out: &mut String) {
    if c.issues.is_empty() || c.pairs.is_empty() {
        return;
    }
    let _ = write!(
        out,
        "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Pairs of parties\">\n<table class=\"pairs\">\n<caption>Pairs of parties. {}</caption>\n<thead>\n<tr><th scope=\"col\">Party A</th><th scope=\"col\">Party B</th>",
        esc(PAIRS_NOTE)
    );
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
    out.push_str("</tbody>\n</table>\n</div>\n");
}
