//! `stances compare`: the [`Comparison`] of a view as text, Markdown or JSON (SPEC §5),
//! and the words shared with the other exports and the reader.
//!
//! The axis of an issue draws one column per scale step, numbered from 1: `X` is a
//! party's stance, `=` the rest of its acceptable range, `·` a step outside it; two
//! neighbouring steps in the range are joined by `==`. It reads the same without colour.

use super::md::escape;
use crate::model::{Issue, Model};
use crate::sanitize::one_line;
use crate::view::View;
use crate::view::compare::{Comparison, IssueComparison, PairComparison, Placed};
use crate::view::evidence::{CONTESTED_MARK, THIN_MARK};
use serde::Serialize;
use std::fmt::Write;
use unicode_width::UnicodeWidthStr;

/// What to say when no visible issue has a scale.
pub const NO_SCALES: &str = "No issue shown has a scale, so no stances can be compared.\n\
hint: give an issue an ordered scale ([issues.ID.scale], one pole to the other) and positions a `stance` on it.";

/// The issue's steps `lo..=hi` in words: `step 2 (Defer)` or `steps 2–3 (Defer … Crimea)`.
pub fn steps_words(issue: &Issue, (lo, hi): (usize, usize)) -> String {
    let label = |i: usize| one_line(&issue.scale[i].label);
    if lo == hi {
        format!("step {} ({})", lo + 1, label(lo))
    } else {
        format!(
            "steps {}–{} ({} … {})",
            lo + 1,
            hi + 1,
            label(lo),
            label(hi)
        )
    }
}

/// Party short names, joined: `RU, UA`.
pub fn party_list(model: &Model, parties: &[usize]) -> String {
    let names: Vec<String> = parties
        .iter()
        .map(|&p| one_line(&model.parties[p].short))
        .collect();
    names.join(", ")
}

/// The zone or the gap of an issue in one sentence, naming the blocking parties.
pub fn zone_words(model: &Model, ic: &IssueComparison) -> String {
    let issue = &model.issues[ic.issue];
    match (ic.zone, ic.gap) {
        (Some(zone), _) => format!(
            "Zone: {} — every placed party could accept it.",
            steps_words(issue, zone)
        ),
        (None, Some(gap)) => format!(
            "No zone: a gap of {gap} step{} between the ranges. Blocking (at its edges): {}.",
            if gap == 1 { "" } else { "s" },
            party_list(model, &ic.blocking)
        ),
        (None, None) => format!(
            "No zone or gap: {} placed on the scale; it takes two.",
            match ic.placed.len() {
                0 => "no party is".to_string(),
                1 => "only one party is".to_string(),
                n => format!("{n} parties are"),
            }
        ),
    }
}

/// A party's range in words: `range 1–2` or `step 3 (assumed: no acceptable range)`.
pub fn range_words(p: &Placed) -> String {
    let (lo, hi) = p.range;
    let range = if lo == hi {
        format!("range {}", lo + 1)
    } else {
        format!("range {}–{}", lo + 1, hi + 1)
    };
    if p.assumed {
        format!("{range} (assumed: the stance alone)")
    } else {
        range
    }
}

/// Evidence warnings of a placed party's position in words (see [`super::flag_words`]).
pub fn evidence_words(m: &Model, p: &Placed) -> String {
    super::flag_words(m, p.position)
}

/// The axis of one placed party: `X==  ·  ·` (see the module documentation).
pub fn axis(steps: usize, p: &Placed) -> String {
    let inside = |k: usize| (p.range.0..=p.range.1).contains(&k) || k == p.stance;
    let mut s = String::new();
    for k in 0..steps {
        if k > 0 {
            s.push_str(if inside(k - 1) && inside(k) {
                "=="
            } else {
                "  "
            });
        }
        s.push(if k == p.stance {
            'X'
        } else if inside(k) {
            '='
        } else {
            '·'
        });
    }
    s
}

/// The axis header: step numbers over their columns (`1  2  3`).
pub fn axis_header(steps: usize) -> String {
    let mut s = String::new();
    for k in 0..steps {
        let n = (k + 1).to_string();
        s.push_str(&n);
        if k + 1 < steps {
            s.push_str(&" ".repeat(3usize.saturating_sub(n.len())));
        }
    }
    s
}

/// Why there is nothing to compare: no issue with a scale, or a filter that hides them.
pub fn nothing_to_compare(view: &View) -> &'static str {
    if view.filter.is_empty() {
        NO_SCALES
    } else {
        FILTERED_OUT
    }
}

/// The message when the filter hides every issue with a scale.
pub const FILTERED_OUT: &str = "The filter hides every issue with a scale (or every stance on them), so nothing is compared.\n\
hint: widen the filter, or leave it out.";

/// The comparison as plain text.
pub fn render_text(view: &View, c: &Comparison) -> String {
    let m = &*view.model;
    let mut out = format!("{}\n", one_line(&view.caption()));
    if c.issues.is_empty() {
        let _ = writeln!(out, "\n{}", nothing_to_compare(view));
        return out;
    }
    let _ = writeln!(
        out,
        "\nX stance   = acceptable range   · outside it   {CONTESTED_MARK} contested   {THIN_MARK} thin evidence: one account not rated high, or low confidence"
    );
    for ic in &c.issues {
        issue_text(m, ic, &view.parties, &mut out);
    }
    pairs_text(m, c, &mut out);
    out
}

fn issue_text(m: &Model, ic: &IssueComparison, parties: &[usize], out: &mut String) {
    let issue = &m.issues[ic.issue];
    let n = issue.scale.len();
    let _ = writeln!(out, "\n{} ({n} steps)", one_line(&issue.name));
    for (k, step) in issue.scale.iter().enumerate() {
        let _ = writeln!(out, "  {:>2} {}", k + 1, one_line(&step.label));
    }
    let name_w = ic
        .placed
        .iter()
        .map(|p| one_line(&m.parties[p.party].short).width())
        .max()
        .unwrap_or(0)
        .max(5);
    let _ = writeln!(out, "  {}  {}", " ".repeat(name_w), axis_header(n));
    for p in &ic.placed {
        let name = one_line(&m.parties[p.party].short);
        let mut notes = vec![range_words(p)];
        if ic.blocks(p.party) {
            notes.push("blocking".into());
        }
        let evidence = evidence_words(m, p);
        if !evidence.is_empty() {
            notes.push(evidence);
        }
        let _ = writeln!(
            out,
            "  {}  {}   {}",
            crate::wrap::fit(&name, name_w),
            axis(n, p),
            notes.join("; ")
        );
    }
    let _ = writeln!(out, "  {}", zone_words(m, ic));
    if !ic.unplaced.is_empty() {
        let _ = writeln!(out, "  No stance: {}.", party_list(m, &ic.unplaced));
    }
    let absent = ic.without_position(parties);
    if !absent.is_empty() {
        let _ = writeln!(out, "  No position: {}.", party_list(m, &absent));
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

/// `US – RU`.
fn pair_name(m: &Model, p: &PairComparison) -> String {
    format!(
        "{} – {}",
        one_line(&m.parties[p.a].short),
        one_line(&m.parties[p.b].short)
    )
}

/// A distance with two decimals, or `—` when there is none.
pub fn distance_words(d: Option<f64>) -> String {
    d.map_or("—".to_string(), |d| format!("{d:.2}"))
}

/// The comparison as GitHub-flavoured Markdown: per issue a table of the parties over
/// the scale's steps, the zone or gap in words; then the table of pairs.
pub fn render_md(view: &View, c: &Comparison) -> String {
    let m = &*view.model;
    let mut out = format!("# Comparison: {}\n\n", escape(&view.caption()));
    if c.issues.is_empty() {
        let _ = writeln!(out, "{}", escape(nothing_to_compare(view)));
        return out;
    }
    out.push_str("In each table, **X** marks a party's stance and = the rest of the range it could accept; *(assumed)* means no `acceptable` range is given, so the stance alone is taken.\n");
    for ic in &c.issues {
        issue_md(m, ic, &view.parties, &mut out);
    }
    pairs_md(m, c, &mut out);
    out
}

fn issue_md(m: &Model, ic: &IssueComparison, parties: &[usize], out: &mut String) {
    let issue = &m.issues[ic.issue];
    let n = issue.scale.len();
    let _ = write!(out, "\n## {}\n\n", escape(&issue.name));
    for (k, step) in issue.scale.iter().enumerate() {
        let _ = writeln!(out, "{}. {}", k + 1, escape(&step.label));
    }
    if !ic.placed.is_empty() {
        out.push_str("\n| Party |");
        for k in 0..n {
            let _ = write!(out, " {} |", k + 1);
        }
        out.push_str(" Range |\n| --- |");
        out.push_str(&" :-: |".repeat(n));
        out.push_str(" --- |\n");
        for p in &ic.placed {
            let mut name = escape(&m.parties[p.party].name);
            if ic.blocks(p.party) {
                name.push_str(" (blocking)");
            }
            let _ = write!(out, "| {name} |");
            for k in 0..n {
                let mark = if k == p.stance {
                    "**X**"
                } else if (p.range.0..=p.range.1).contains(&k) {
                    "="
                } else {
                    ""
                };
                let _ = write!(out, " {mark} |");
            }
            let mut words = range_words(p);
            let evidence = evidence_words(m, p);
            if !evidence.is_empty() {
                words = format!("{words}; {evidence}");
            }
            let _ = writeln!(out, " {} |", escape(&words));
        }
    }
    let _ = writeln!(out, "\n{}", escape(&zone_words(m, ic)));
    if !ic.unplaced.is_empty() {
        let names: Vec<String> = ic
            .unplaced
            .iter()
            .map(|&p| escape(&m.parties[p].name))
            .collect();
        let _ = writeln!(out, "\nNo stance: {}.", names.join(", "));
    }
    let absent = ic.without_position(parties);
    if !absent.is_empty() {
        let names: Vec<String> = absent.iter().map(|&p| escape(&m.parties[p].name)).collect();
        let _ = writeln!(out, "\nNo position: {}.", names.join(", "));
    }
}

fn pairs_md(m: &Model, c: &Comparison, out: &mut String) {
    if c.pairs.is_empty() {
        return;
    }
    out.push_str("\n## Pairs\n\nOver the issues where both parties are placed; distance 0 is the same stance, 1 the opposite poles.\n\n");
    out.push_str("| A | B | Issues | Same | Overlap | Apart | Distance |\n");
    out.push_str("| --- | --- | --: | --: | --: | --: | --: |\n");
    for p in &c.pairs {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            escape(&m.parties[p.a].name),
            escape(&m.parties[p.b].name),
            p.issues,
            p.same,
            p.overlap,
            p.apart,
            distance_words(p.distance)
        );
    }
}

/// The comparison in the shape of SPEC §5, by ids.
#[derive(Serialize)]
pub struct ComparisonOut<'m> {
    as_of: Option<crate::date::Date>,
    issues: Vec<IssueOut<'m>>,
    pairs: Vec<PairOut<'m>>,
}

#[derive(Serialize)]
struct IssueOut<'m> {
    id: &'m str,
    scale: Vec<&'m str>,
    placed: Vec<PlacedOut<'m>>,
    unplaced: Vec<&'m str>,
    zone: Option<[usize; 2]>,
    gap: Option<usize>,
    blocking: Vec<&'m str>,
}

#[derive(Serialize)]
struct PlacedOut<'m> {
    party: &'m str,
    stance: usize,
    range: [usize; 2],
    assumed: bool,
}

#[derive(Serialize)]
struct PairOut<'m> {
    a: &'m str,
    b: &'m str,
    issues: usize,
    same: usize,
    overlap: usize,
    apart: usize,
    distance: Option<f64>,
}

/// The comparison by ids, ready to serialize (also the `comparison` key of the JSON export).
pub fn json_value<'m>(m: &'m Model, c: &Comparison) -> ComparisonOut<'m> {
    let id = |p: usize| m.parties[p].id.as_str();
    ComparisonOut {
        as_of: c.date,
        issues: c
            .issues
            .iter()
            .map(|ic| IssueOut {
                id: &m.issues[ic.issue].id,
                scale: m.issues[ic.issue]
                    .scale
                    .iter()
                    .map(|s| s.id.as_str())
                    .collect(),
                placed: ic
                    .placed
                    .iter()
                    .map(|p| PlacedOut {
                        party: id(p.party),
                        stance: p.stance,
                        range: [p.range.0, p.range.1],
                        assumed: p.assumed,
                    })
                    .collect(),
                unplaced: ic.unplaced.iter().map(|&p| id(p)).collect(),
                zone: ic.zone.map(|(lo, hi)| [lo, hi]),
                gap: ic.gap,
                blocking: ic.blocking.iter().map(|&p| id(p)).collect(),
            })
            .collect(),
        pairs: c
            .pairs
            .iter()
            .map(|p| PairOut {
                a: id(p.a),
                b: id(p.b),
                issues: p.issues,
                same: p.same,
                overlap: p.overlap,
                apart: p.apart,
                distance: p.distance,
            })
            .collect(),
    }
}

/// The comparison as pretty JSON (SPEC §5), ending in a newline.
pub fn render_json(view: &View, c: &Comparison) -> String {
    super::json::pretty(&json_value(&view.model, c))
}
