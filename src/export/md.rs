//! GitHub-flavoured Markdown: a caption line, the pipe table with citation markers,
//! the issues with their questions and scales, the reasons for contested cells, then the
//! numbered citations with their sentences. A cell shows the summary, the stance in
//! words, status · date · confidence, the evidence flags and its citation markers.
//!
//! Every string from the model is [`clean`](crate::sanitize::clean)ed, put on one line and
//! escaped (see [`escape`]) so that it stays plain text inside its table cell or list
//! item: no `|` splits a cell, no `*` or `[` starts markup, no `<` starts HTML.

use super::notes::Notes;
use super::{flag_words, meta, stance_words, url};
use crate::sanitize::{collapse_space, one_line};
use crate::view::View;
use std::fmt::Write;

/// Renders the view as Markdown.
pub fn render(view: &View) -> String {
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
    citations(view, &notes, &mut out);
    out
}

/// Why each contested cell (marked ±) is contested.
fn contested(view: &View, out: &mut String) {
    let cells = super::contested_cells(view);
    if cells.is_empty() {
        return;
    }
    let m = &*view.model;
    out.push_str("\n## Contested\n\n");
    for (ii, pi, why) in cells {
        let _ = writeln!(
            out,
            "- {} on {}: {}",
            bold(&escape(&m.parties[pi].name)),
            escape(&m.issues[ii].name),
            escape(&why)
        );
    }
}

/// One cell: summary, stance in words, citation markers like `[1, 2]`.
fn cell(view: &View, notes: &Notes<'_>, ii: usize, pi: usize) -> String {
    let Some(i) = view.position_at(ii, pi) else {
        return String::new();
    };
    let p = &view.model.positions[i];
    let mut s = escape(&p.summary);
    if let Some(words) = stance_words(&view.model.issues[ii], p) {
        let _ = write!(s, " (stance: {})", escape(&words));
    }
    for extra in [meta(p), flag_words(&view.model, i)] {
        if !extra.is_empty() {
            let _ = write!(s, " — {}", escape(&extra));
        }
    }
    let marks: Vec<String> = notes
        .of_cell(ii, pi)
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
    if issues
        .iter()
        .all(|i| i.scale.is_empty() && i.question.is_none())
    {
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
                .map(|s| {
                    let words = s.id.replace(['_', '-'], " ");
                    format!("{} = {}", escape(&words), escape(&s.label))
                })
                .collect();
            let _ = write!(out, " Scale, pole to pole: {}.", steps.join("; "));
        }
        out.push('\n');
    }
}

/// The numbered list of citations.
fn citations(view: &View, notes: &Notes<'_>, out: &mut String) {
    if notes.list.is_empty() {
        return;
    }
    let m = &*view.model;
    out.push_str("\n## Citations\n\n");
    for (n, note) in notes.list.iter().enumerate() {
        let c = note.citation;
        let src = &m.sources[c.source];
        let text = &src.text.text;
        let (before, quote, after) = bold_bounds(text, &c.sentence, &c.span);
        let _ = write!(
            out,
            "{}. “{}**{}**{}”",
            n + 1,
            escape_keep_space(&text[c.sentence.start..before]),
            escape_keep_space(&text[before..quote]),
            escape_keep_space(&text[quote..after]),
        );
        if let Some(sp) = &c.speaker {
            let _ = write!(out, " ({})", escape(sp));
        }
        out.push_str(" — ");
        match src.url.as_deref().and_then(url::href) {
            Some(h) => {
                let h = url::with_text_fragment(&h, &text[c.span.clone()]);
                let _ = write!(out, "[{}](<{h}>)", escape(&src.title));
            }
            None => out.push_str(&escape(&src.title)),
        }
        for part in [src.publisher.clone(), src.published.map(|d| d.to_string())]
            .into_iter()
            .flatten()
        {
            let _ = write!(out, ", {}", escape(&part));
        }
        if let Some(u) = src.url.as_deref().filter(|u| url::href(u).is_none()) {
            let _ = write!(out, ", {}", escape(u));
        }
        let cited: Vec<String> = note
            .cited_by
            .iter()
            .map(|&(ii, pi)| {
                let (party, issue) = (&m.parties[pi].name, &m.issues[ii].name);
                format!("{} on {}", escape(party), escape(issue))
            })
            .collect();
        let _ = writeln!(out, ". Cited for: {}.", cited.join("; "));
    }
}

/// Where the `**` around the quote go: `(open, close, sentence end)` as byte offsets.
/// The quote is widened to the white space around it when its edge would otherwise
/// not count as emphasis (a word character outside next to punctuation inside).
fn bold_bounds(
    text: &str,
    sentence: &std::ops::Range<usize>,
    span: &std::ops::Range<usize>,
) -> (usize, usize, usize) {
    let (s, e) = (sentence.start, sentence.end);
    let mut open = span.start.max(s);
    let mut close = span.end.min(e).max(open);
    let safe_outside = |c: Option<char>| c.is_none_or(|c| c.is_whitespace() || is_punct(c));
    let first = text[open..close].chars().next();
    if !safe_outside(text[s..open].chars().next_back()) && !first.is_some_and(char::is_alphanumeric)
    {
        open = text[s..open]
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(s, |(i, c)| s + i + c.len_utf8());
    }
    let last = text[open..close].chars().next_back();
    if !safe_outside(text[close..e].chars().next()) && !last.is_some_and(char::is_alphanumeric) {
        close = text[close..e]
            .find(char::is_whitespace)
            .map_or(e, |i| close + i);
    }
    (open, close, e)
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

/// Escapes model text for a cell or list item: [`clean`](crate::sanitize::clean)ed, on one line,
/// Markdown punctuation backslash-escaped, `&`, `<`, `>` and `|` as character references.
pub fn escape(s: &str) -> String {
    escape_keep_space(&one_line(s))
}

/// Like [`escape`] but keeps the ends' white space (collapsed), for text around the
/// bold quote.
fn escape_keep_space(s: &str) -> String {
    let s = collapse_space(&crate::sanitize::clean(s));
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '|' => out.push_str("&#124;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '~' | '#' | '$' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape(" a|b *c* <i>&amp; [x](y)\n_z_ `q` \\ "),
            "a&#124;b \\*c\\* &lt;i&gt;&amp;amp; \\[x\\](y) \\_z\\_ \\`q\\` \\\\"
        );
    }

    #[test]
    fn widens_bold_only_where_needed() {
        let t = "He said x“demilitarize” the country.";
        let q = t.find('“').unwrap();
        let (o, c, _) = bold_bounds(t, &(0..t.len()), &(q..q + "“demilitarize”".len()));
        assert_eq!(&t[o..c], "x“demilitarize”");
        let t = "He said “no” today.";
        let q = t.find('“').unwrap();
        let (o, c, _) = bold_bounds(t, &(0..t.len()), &(q..q + "“no”".len()));
        assert_eq!(&t[o..c], "“no”");
        // The word is widened back to white space of more than one byte (a no-break
        // space): the bold starts after it, on a character boundary.
        let t = "Hello\u{a0}ab.cd end.";
        let q = t.find(".cd").unwrap();
        let (o, c, _) = bold_bounds(t, &(0..t.len()), &(q..q + 3));
        assert_eq!(&t[o..c], "ab.cd");
    }
}
