//! GitHub-flavoured Markdown: a caption line, the pipe table with citation markers,
//! the issues with their questions and scales, the reasons for contested cells, then the
//! comparison of the scaled issues, then the numbered citations with their sentences;
//! the comparison alone ([`compare`]) and the
//! changes between two dates ([`diff`]). A cell shows the summary, the stance in words,
//! status · date · confidence, the evidence flags and its citation markers.
//!
//! Every string from the model is escaped by [`super::escape::md`] (cleaned, on one
//! line), so that it stays plain text inside its table cell or list item.

mod changes;
mod compare;

pub use changes::diff;
pub use compare::compare;

use super::escape::{md as escape, md_keep_space};
use super::notes::Notes;
use super::url;
use crate::model::{Cell, Issue, IssueId, PartyId};
use crate::view::View;
use crate::view::credit::{Credit, Piece};
use crate::view::diff::Diff;
use crate::view::diff::words::since_words;
use crate::view::evidence::{contested_cells, flag_words};
use crate::view::excerpt::Excerpt;
use crate::view::facts::{cell_facts, earlier_stance_words, stance_words};
use std::fmt::Write;

/// The view as Markdown, followed, when `changes` is given, by the changes since an
/// earlier date.
pub fn render(view: &View, changes: Option<&Diff>) -> String {
    let m = &*view.model;
    let notes = Notes::new(view);
    let mut out = format!("# {}\n\n", escape(&view.caption()));
    if let Some(d) = &m.description {
        let _ = write!(out, "{}\n\n", escape(d));
    }
    out.push_str("| Issue |");
    for &p in &view.parties {
        let _ = write!(out, " {} |", escape(&m.parties[p].name));
    }
    out.push_str("\n| --- |");
    out.push_str(&" --- |".repeat(view.parties.len()));
    out.push('\n');
    for &ii in &view.issues {
        let issue = &m.issues[ii];
        let _ = write!(out, "| {} |", bold(&escape(&issue.name)));
        for &pi in &view.parties {
            out.push(' ');
            out.push_str(&cell(view, &notes, ii, pi));
            out.push_str(" |");
        }
        out.push('\n');
    }
    issues(view, &mut out);
    contested(view, &mut out);
    let comparison = crate::view::Comparison::new(view);
    if !comparison.issues.is_empty() {
        out.push_str("\n## Comparison\n\n");
        compare::body(view, &comparison, 3, false, &mut out);
    }
    citations(view, &notes, &mut out);
    if let Some(d) = changes {
        let _ = write!(
            out,
            "\n## Changes since {}\n\n{}.\n",
            since_words(d),
            d.summary()
        );
        changes::push_changes(m, d, 3, &mut out);
    }
    out
}

/// Why each contested cell (marked ±) is contested.
fn contested(view: &View, out: &mut String) {
    let cells = contested_cells(view);
    if cells.is_empty() {
        return;
    }
    let m = &*view.model;
    out.push_str("\n## Contested\n\n");
    for c in cells {
        let _ = writeln!(
            out,
            "- {} on {}: {}",
            bold(&escape(&m.parties[c.party].name)),
            escape(&m.issues[c.issue].name),
            escape(&c.reason)
        );
    }
}

/// One cell: summary, stance in words, citation markers like `[1, 2]`.
fn cell(view: &View, notes: &Notes<'_>, ii: IssueId, pi: PartyId) -> String {
    let Some(i) = view.position_at(ii, pi) else {
        return String::new();
    };
    let p = &view.model.positions[i];
    let mut s = escape(&p.summary);
    if let Some(words) = stance_words(&view.model.issues[ii], p) {
        let label = if p.status == Some(crate::model::Status::Withdrawn) {
            "withdrawn"
        } else {
            "stance"
        };
        let _ = write!(s, " ({label}: {})", escape(&words));
    } else if let Some(words) = view
        .earlier_standing(ii, pi)
        .and_then(|s| earlier_stance_words(&view.model, s, view.horizon()))
    {
        let _ = write!(s, " ({})", escape(&words));
    }
    for extra in [cell_facts(p), flag_words(&view.model, i, view.horizon())] {
        if !extra.is_empty() {
            let _ = write!(s, " — {}", escape(&extra));
        }
    }
    let marks: Vec<String> = notes
        .of_cell(Cell::new(ii, pi))
        .iter()
        .map(|n| (n + 1).to_string())
        .collect();
    if !marks.is_empty() {
        let _ = write!(s, " [{}]", marks.join(", "));
    }
    s
}

/// The issues: question and scale of each, so the stance words can be looked up.
fn issues(view: &View, out: &mut String) {
    let issues = &view.model.issues;
    if !issues.iter().any(Issue::is_described) {
        return;
    }
    out.push_str("\n## Issues\n\n");
    for issue in issues {
        let _ = write!(out, "- {}", bold(&escape(&issue.name)));
        if let Some(q) = &issue.question {
            let _ = write!(out, ": {}", escape(q));
        }
        if !issue.scale.is_empty() {
            let steps: Vec<String> = issue
                .scale
                .iter()
                .enumerate()
                .map(|(k, s)| format!("{} {}", k + 1, escape(&s.label)))
                .collect();
            let _ = write!(out, " Scale, pole to pole: {}.", steps.join("; "));
        }
        out.push('\n');
    }
}

/// The numbered list of citations under its heading (nothing when there is none).
fn citations(view: &View, notes: &Notes<'_>, out: &mut String) {
    let m = &*view.model;
    for (n, note, excerpt) in notes.excerpts(view) {
        if n == 1 {
            out.push_str("\n## Citations\n\n");
        }
        let c = note.citation;
        let (before, quote, after) = bold_pieces(&excerpt);
        let _ = write!(
            out,
            "{n}. “{}**{}**{}”",
            md_keep_space(&before),
            md_keep_space(&quote),
            md_keep_space(&after),
        );
        let credit = Credit::of(m, c);
        if let Some(sp) = credit.speaker {
            let _ = write!(out, " ({})", escape(sp));
        }
        out.push_str(" — ");
        let quote = m.quote_text(c);
        let link = |u: &str| url::href(u).map(|h| url::with_text_fragment(&h, quote));
        let parts: Vec<String> = credit
            .pieces(link)
            .into_iter()
            .map(|piece| match piece {
                Piece::Title(title, Some(h)) => format!("[{}](<{h}>)", escape(title)),
                Piece::Title(s, None) | Piece::Publisher(s) | Piece::Url(s) => escape(s),
                Piece::Published(d) => escape(&d.to_string()),
            })
            .collect();
        out.push_str(&parts.join(", "));
        let cited: Vec<String> = note
            .cited_by
            .iter()
            .map(|cell| {
                let (party, issue) = (&m.parties[cell.party].name, &m.issues[cell.issue].name);
                format!("{} on {}", escape(party), escape(issue))
            })
            .collect();
        let _ = writeln!(out, ". Cited for: {}.", cited.join("; "));
    }
}

/// The excerpt cut where the `**` around the quote go: before, bold, after. The bold
/// part is widened to the white space around the quote when its edge would otherwise
/// not count as emphasis (a word character outside next to punctuation inside).
fn bold_pieces(e: &Excerpt) -> (String, String, String) {
    let (line, quote) = e.line();
    let (mut open, mut close) = (quote.start, quote.end);
    let end = line.len();
    let safe_outside = |c: Option<char>| c.is_none_or(|c| c.is_whitespace() || is_punct(c));
    let first = line[open..close].chars().next();
    if !safe_outside(line[..open].chars().next_back()) && !first.is_some_and(char::is_alphanumeric)
    {
        open = line[..open]
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
    }
    let last = line[open..close].chars().next_back();
    if !safe_outside(line[close..end].chars().next()) && !last.is_some_and(char::is_alphanumeric) {
        close = line[close..end]
            .find(char::is_whitespace)
            .map_or(end, |i| close + i);
    }
    (
        line[..open].to_string(),
        line[open..close].to_string(),
        line[close..].to_string(),
    )
}

/// `**s**`, or nothing for empty `s` (`****` would be a rule, not emphasis).
fn bold(s: &str) -> String {
    if s.is_empty() {
        String::new()
    } else {
        format!("**{s}**")
    }
}

/// Punctuation next to which `**` still opens or closes emphasis.
fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation() || matches!(c, '‘' | '’' | '“' | '”' | '«' | '»' | '–' | '—' | '…')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(t: &str, quote: &str) -> String {
        let q = t.find(quote).unwrap();
        let e = Excerpt::new(t, &(0..t.len()), &(q..q + quote.len()));
        bold_pieces(&e).1
    }

    #[test]
    fn widens_bold_only_where_needed() {
        assert_eq!(
            pieces("He said x“demilitarize” the country.", "“demilitarize”"),
            "x“demilitarize”"
        );
        assert_eq!(pieces("He said “no” today.", "“no”"), "“no”");
        // The word is widened back to white space of more than one byte (a no-break
        // space, made a plain space in the excerpt): the bold starts after it.
        assert_eq!(pieces("Hello\u{a0}ab.cd end.", ".cd"), "ab.cd");
    }
}
