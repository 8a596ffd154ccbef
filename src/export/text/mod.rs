//! Plain text for a terminal or a pipe: the grid as an aligned table, the comparison
//! ([`compare`]) and the changes between two dates ([`diff`]).
//!
//! Every string goes through [`crate::sanitize`], so nothing in a positions file can
//! reach the terminal as a control sequence. A cell is the summary, then the stance
//! in words in parentheses, then status · date · confidence and the evidence marks
//! (`±` contested, `?` thin evidence); a legend and the reasons for
//! contested cells follow the table.

mod changes;
mod compare;

pub use changes::diff;
pub use compare::compare;

use crate::sanitize::one_line;
use crate::view::View;
use crate::view::diff::Diff;
use crate::view::diff::words::since_words;
use crate::view::evidence::{CONTESTED_MARK, Evidence, contested_cells, marks_legend};
use crate::view::facts::{cell_stance_words, compact_facts, earlier_stance_words};
use unicode_width::UnicodeWidthStr;

/// The grid as an aligned table no wider than `width` columns (or as narrow as two to
/// four columns per party allow, when `width` is narrower than that), followed, when
/// `changes` is given, by the changes since an earlier date.
pub fn render(view: &View, width: usize, changes: Option<&Diff>) -> String {
    let mut out = table(view, width);
    if let Some(d) = changes {
        out.push('\n');
        let head = format!("Changes since {}: {}", since_words(d), d.summary());
        out.push_str(&crate::wrap::lines(&head, width).join("\n"));
        out.push('\n');
        changes::push_changes(&view.model, d, width, &mut out);
    }
    out
}

/// The aligned table, its legend and the reasons for contested cells.
fn table(view: &View, width: usize) -> String {
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
                if let Some(words) = cell_stance_words(issue, p) {
                    s.push_str(&format!(" ({})", one_line(&words)));
                } else if let Some(words) = view
                    .earlier_standing(ii, pi)
                    .and_then(|s| earlier_stance_words(m, s, view.horizon()))
                {
                    s.push_str(&format!(" ({})", one_line(&words)));
                }
                let mut tail = compact_facts(p);
                let marks = Evidence::of(m, i, view.horizon()).marks();
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

/// After the table: what the marks mean, and why each contested cell is contested.
fn contested_notes(view: &View, width: usize, out: &mut String) {
    let m = &*view.model;
    let marked = view.issues.iter().any(|&ii| {
        view.parties.iter().any(|&pi| {
            view.position_at(ii, pi)
                .is_some_and(|i| !Evidence::of(m, i, view.horizon()).marks().is_empty())
        })
    });
    if marked {
        out.push('\n');
        for l in crate::wrap::lines(&marks_legend(), width) {
            out.push_str(&l);
            out.push('\n');
        }
    }
    let contested = contested_cells(view);
    if contested.is_empty() {
        return;
    }
    out.push_str(&format!("\nContested ({CONTESTED_MARK}):\n"));
    for c in contested {
        let line = format!(
            "- {} on {}: {}",
            one_line(&m.parties[c.party].short),
            one_line(&m.issues[c.issue].name),
            one_line(&c.reason)
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
