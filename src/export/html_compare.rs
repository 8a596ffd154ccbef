//! The comparison section of the HTML page (SPEC §5): per scaled issue a table of the
//! parties over the scale's steps with the zone or gap in words, the table of pairs,
//! and the contested positions with their reasons. Marks are letters and words, never
//! colour alone; every string is escaped.

use super::compare::{distance_words, range_words, zone_words};
use super::html::esc;
use crate::model::Model;
use crate::view::View;
use crate::view::compare::{Comparison, IssueComparison};
use std::fmt::Write;

/// Appends the comparison section (nothing when no issue shown has a scale and no
/// position is contested).
pub fn section(view: &View, out: &mut String) {
    let m = &*view.model;
    let c = Comparison::new(view);
    let contested = super::contested_cells(view);
    if c.issues.is_empty() && contested.is_empty() {
        return;
    }
    out.push_str(
        "<section aria-labelledby=\"comparison\">\n<h2 id=\"comparison\">Comparison</h2>\n",
    );
    if !c.issues.is_empty() {
        out.push_str("<p>On each scale, X marks a party’s stance and = the rest of the range it could accept; an <em>assumed</em> range is the stance alone (no <code>acceptable</code> range given).</p>\n");
    }
    for ic in &c.issues {
        issue(m, ic, out);
    }
    pairs(m, &c, out);
    if !contested.is_empty() {
        out.push_str("<h3>Contested positions</h3>\n<ul class=\"contested\">\n");
        for (ii, pi, why) in &contested {
            let _ = writeln!(
                out,
                "<li><strong>{} on {}</strong>: {}</li>",
                esc(&m.parties[*pi].name),
                esc(&m.issues[*ii].name),
                esc(why)
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}

fn issue(m: &Model, ic: &IssueComparison, out: &mut String) {
    let issue = &m.issues[ic.issue];
    let _ = writeln!(out, "<h3>{}</h3>", esc(&issue.name));
    if !ic.placed.is_empty() {
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
        for p in &ic.placed {
            let blocking = if ic.blocks(p.party) {
                " (blocking)"
            } else {
                ""
            };
            let _ = write!(
                out,
                "<tr><th scope=\"row\">{}{blocking}</th>",
                esc(&m.parties[p.party].name)
            );
            for k in 0..issue.scale.len() {
                let cell = if k == p.stance {
                    "X<span class=\"vh\"> stance</span>"
                } else if (p.range.0..=p.range.1).contains(&k) {
                    "=<span class=\"vh\"> acceptable</span>"
                } else {
                    ""
                };
                let _ = write!(out, "<td>{cell}</td>");
            }
            let mut words = range_words(p);
            let flags = super::flag_words(m, p.position);
            if !flags.is_empty() {
                words = format!("{words}; {flags}");
            }
            let _ = writeln!(out, "<td>{}</td></tr>", esc(&words));
        }
        out.push_str("</tbody>\n</table>\n");
    }
    let _ = writeln!(out, "<p>{}</p>", esc(&zone_words(m, ic)));
    if !ic.unplaced.is_empty() {
        let names: Vec<String> = ic
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
    out.push_str("<table class=\"pairs\">\n<caption>Pairs of parties, over the issues where both are placed (distance 0: same stance, 1: opposite poles)</caption>\n<thead>\n<tr><th scope=\"col\">Party A</th><th scope=\"col\">Party B</th><th scope=\"col\">Issues</th><th scope=\"col\">Same</th><th scope=\"col\">Overlap</th><th scope=\"col\">Apart</th><th scope=\"col\">Distance</th></tr>\n</thead>\n<tbody>\n");
    for p in &c.pairs {
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&m.parties[p.a].name),
            esc(&m.parties[p.b].name),
            p.issues,
            p.same,
            p.overlap,
            p.apart,
            esc(&distance_words(p.distance))
        );
    }
    out.push_str("</tbody>\n</table>\n");
}
