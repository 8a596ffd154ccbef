//! What changed between two dates as plain text, wrapped to a width: `stances diff`
//! and the changes section of `export --since`. Per issue, each change in words, then
//! the state before and after (summary, then standing stance, range, status, date,
//! confidence and line), and the movement log: every position in the period.

use crate::model::Model;
use crate::sanitize::one_line;
use crate::view::diff::Diff;
use crate::view::diff::words::{change_words, sides_words, span_words, via_words};

/// `stances diff --format text`: a heading with the dates and counts, then per issue
/// each change and the position before and after, wrapped to `width`.
pub fn diff(model: &Model, diff: &Diff, width: usize) -> String {
    let mut out = String::new();
    push_wrapped(&mut out, "", &one_line(&model.title), width);
    let head = format!("Changes {}: {}", span_words(diff), diff.summary());
    push_wrapped(&mut out, "", &head, width);
    push_changes(model, diff, width, &mut out);
    out
}

/// The changes of `diff` as text blocks.
pub(super) fn push_changes(model: &Model, diff: &Diff, width: usize, out: &mut String) {
    for (issue, changes) in diff.by_issue() {
        out.push('\n');
        push_wrapped(out, "", &one_line(&model.issues[issue].name), width);
        for c in changes {
            let party = one_line(&model.parties[c.party].name);
            let line = format!("{party}: {}", change_words(model, c));
            push_wrapped(out, "  ", &line, width);
            for side in sides_words(model, c, true) {
                let first = format!("    {}: ", side.label);
                let first = format!("{first:<13}");
                push_wrapped(out, &first, &side.summary, width);
                push_parts(out, 13, &side.facts, width);
            }
            for (k, &v) in c.via.iter().enumerate() {
                let first = if k == 0 { "    via:" } else { "" };
                let first = format!("{first:<13}");
                push_wrapped(out, &first, &via_words(model, v, true), width);
            }
        }
    }
}

/// Appends `parts` joined by ` · `, breaking lines only between parts (a line then
/// starts with `·`) or inside a part longer than a line, every line after `indent`
/// spaces.
fn push_parts(out: &mut String, indent: usize, parts: &[String], width: usize) {
    let room = width.saturating_sub(indent).max(20);
    let mut line = String::new();
    let mut lines = Vec::new();
    for part in parts {
        let joined = if line.is_empty() {
            part.clone()
        } else {
            format!("{line} · {part}")
        };
        if line.is_empty() || unicode_width::UnicodeWidthStr::width(joined.as_str()) <= room {
            line = joined;
        } else {
            lines.push(std::mem::take(&mut line));
            line = format!("· {part}");
        }
    }
    lines.push(line);
    for l in lines {
        push_wrapped(out, &" ".repeat(indent), &l, width);
    }
}

/// Appends `text` wrapped to `width`, the first line after `first`, the others
/// indented as far.
fn push_wrapped(out: &mut String, first: &str, text: &str, width: usize) {
    let indent = unicode_width::UnicodeWidthStr::width(first);
    let lines = crate::wrap::lines(text, width.saturating_sub(indent).max(20));
    for (i, line) in lines.iter().enumerate() {
        if i == 0 {
            out.push_str(first);
        } else {
            out.push_str(&" ".repeat(indent));
        }
        out.push_str(line);
        out.push('\n');
    }
}
