//! A plain-text table for a terminal or a pipe.
//!
//! Every string goes through [`crate::sanitize`], so nothing in a positions file can
//! reach the terminal as a control sequence. A cell is the summary, then the stance
//! in words in parentheses, then status · date · confidence and the evidence marks
//! (`±` contested, `?` thin evidence); a legend and the reasons for
//! contested cells follow the table.

use super::stance_words;
use crate::model::Position;
use crate::sanitize::one_line;
use crate::view::View;
use crate::view::evidence::{CONTESTED_MARK, Evidence, THIN_MARK};
use unicode_width::UnicodeWidthStr;

/// Renders the view as an aligned table no wider than `width` columns (or as narrow
/// as two to four columns per party allow, when `width` is narrower than that).
pub fn render(view: &View, width: usize) -> String {
    let m = &*view.model;
    let mut out = String::new();
    for line in crate::wrap::lines(&one_line(&view.caption()), width) {
        out.push_str(&line);
        out.push('\n');
    }
    out.push('\n');
    // Columns of at least 4, the issue column up to 24 (and no wider than an even
    // share), the parties sharing the rest.
    let cols = m.parties.len() + 1;
    let gap = 3;
    let gaps = gap * (cols - 1);
    let width = width.max(cols * 4 + gaps);
    let issue_w = m
        .issues
        .iter()
        .map(|i| one_line(&i.name).width())
        .max()
        .unwrap_or(5)
        .clamp(5, 24)
        .min((width - gaps) / cols);
    let party_w = (width - gaps - issue_w) / view.parties.len().max(1);
    let widths: Vec<usize> = std::iter::once(issue_w)
        .chain(std::iter::repeat_n(party_w, view.parties.len()))
        .collect();

    let header: Vec<String> = std::iter::once("Issue".to_string())
        .chain(view.parties.iter().map(|&p| one_line(&m.parties[p].short)))
        .collect();
    push_row(&mut out, &header, &widths, gap);
    let rule: Vec<String> = widths.iter().map(|&w| "-".repeat(w)).collect();
    push_row(&mut out, &rule, &widths, gap);
    for &ii in &view.issues {
        let issue = &m.issues[ii];
        let mut row = vec![one_line(&issue.name)];
        for &pi in &view.parties {
            row.push(view.position_at(ii, pi).map_or("–".to_string(), |i| {
                let p = &m.positions[i];
                let mut s = one_line(&p.summary);
                if let Some(words) = stance_words(issue, p) {
                    s.push_str(&format!(" ({})", one_line(&words)));
                }
                let mut tail = short_meta(p);
                let marks = Evidence::of(m, i).marks();
                if !marks.is_empty() {
                    tail = format!("{tail} {marks}").trim().to_string();
                }
                if !tail.is_empty() {
                    s.push_str(&format!(" — {tail}"));
                }
                s
            }));
        }
        push_row(&mut out, &row, &widths, gap);
    }
    contested_notes(view, width, &mut out);
    out
}

/// Status, date and confidence: `proposed · 2025-04-25 · moderate`.
fn short_meta(p: &Position) -> String {
    let parts: Vec<String> = [
        p.status.map(|s| s.to_string()),
        p.as_of.map(|d| d.to_string()),
        p.confidence.map(|c| c.to_string()),
    ]
    .into_iter()
    .flatten()
    .collect();
    parts.join(" · ")
}

/// After the table: what the marks mean, and why each contested cell is contested.
fn contested_notes(view: &View, width: usize, out: &mut String) {
    let m = &*view.model;
    let marked = view.issues.iter().any(|&ii| {
        view.parties.iter().any(|&pi| {
            view.position_at(ii, pi)
                .is_some_and(|i| !Evidence::of(m, i).marks().is_empty())
        })
    });
    if marked {
        out.push('\n');
        let legend = format!(
            "{CONTESTED_MARK} contested   {THIN_MARK} thin evidence: one account not rated high, or low confidence"
        );
        for l in crate::wrap::lines(&legend, width) {
            out.push_str(&l);
            out.push('\n');
        }
    }
    let contested = super::contested_cells(view);
    if contested.is_empty() {
        return;
    }
    out.push_str(&format!("\nContested ({CONTESTED_MARK}):\n"));
    for (ii, pi, why) in contested {
        let line = format!(
            "- {} on {}: {}",
            one_line(&m.parties[pi].short),
            one_line(&m.issues[ii].name),
            one_line(&why)
        );
        for l in crate::wrap::lines(&line, width) {
            out.push_str(&l);
            out.push('\n');
        }
    }
}

fn push_row(out: &mut String, cells: &[String], widths: &[usize], gap: usize) {
    let wrapped: Vec<Vec<String>> = cells
        .iter()
        .zip(widths)
        .map(|(c, &w)| crate::wrap::lines(c, w))
        .collect();
    let height = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
    for line in 0..height {
        let mut row = String::new();
        for (i, col) in wrapped.iter().enumerate() {
            let piece = col.get(line).map_or("", String::as_str);
            row.push_str(piece);
            if i + 1 < wrapped.len() {
                row.push_str(&" ".repeat(widths[i].saturating_sub(piece.width()) + gap));
            }
        }
        out.push_str(row.trim_end());
        out.push('\n');
    }
}
