//! A plain-text table for a terminal or a pipe.
//!
//! Every string goes through [`crate::sanitize`], so nothing in a positions file can
//! reach the terminal as a control sequence. A cell is the summary, then the stance
//! in words in parentheses.

use super::stance_words;
use crate::sanitize::one_line;
use crate::view::View;
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
    let party_w = (width - gaps - issue_w) / m.parties.len().max(1);
    let widths: Vec<usize> = std::iter::once(issue_w)
        .chain(std::iter::repeat_n(party_w, m.parties.len()))
        .collect();

    let header: Vec<String> = std::iter::once("Issue".to_string())
        .chain(m.parties.iter().map(|p| one_line(&p.short)))
        .collect();
    push_row(&mut out, &header, &widths, gap);
    let rule: Vec<String> = widths.iter().map(|&w| "-".repeat(w)).collect();
    push_row(&mut out, &rule, &widths, gap);
    for (ii, issue) in m.issues.iter().enumerate() {
        let mut row = vec![one_line(&issue.name)];
        for pi in 0..m.parties.len() {
            row.push(view.cell(ii, pi).map_or(String::new(), |p| {
                let mut s = one_line(&p.summary);
                if let Some(words) = stance_words(issue, p) {
                    s.push_str(&format!(" ({})", one_line(&words)));
                }
                s
            }));
        }
        push_row(&mut out, &row, &widths, gap);
    }
    out
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
