//! What changed between two dates (SPEC §6), as text, Markdown, HTML and JSON: the
//! output of `stances diff` and the "changes since" section of `export --since`.
//!
//! Each change says what happened to one cell and, for a move, the direction in words:
//! toward which end of the issue's scale, and toward or away from which other parties'
//! stances at the later date. Then the position before and after: summary, stance,
//! status, date and the line of its `[[position]]` in the file. Every string from the
//! model is sanitized and escaped for its format.

use super::html::esc;
use super::md::escape;
use crate::date::Date;
use crate::model::{Model, Position};
use crate::sanitize::one_line;
use crate::view::diff::{Change, Diff, Kind};
use serde::Serialize;
use std::fmt::Write;

/// The `stances diff --format json` document.
#[derive(Serialize)]
pub struct DiffOut<'m> {
    /// The earlier date.
    pub from: Option<Date>,
    /// The later date.
    pub to: Option<Date>,
    /// One entry per changed cell.
    pub changes: Vec<ChangeOut<'m>>,
}

/// One change in JSON.
#[derive(Serialize)]
pub struct ChangeOut<'m> {
    issue: &'m str,
    party: &'m str,
    kind: &'static str,
    steps: Option<isize>,
    before: Option<SideOut<'m>>,
    after: Option<SideOut<'m>>,
}

/// A position before or after a change, in JSON.
#[derive(Serialize)]
struct SideOut<'m> {
    summary: &'m str,
    status: Option<&'static str>,
    stance: Option<&'m str>,
    as_of: Option<Date>,
    line: usize,
}

/// The changes of `diff` in the shape of SPEC §6.
pub fn changes_out<'m>(model: &'m Model, diff: &Diff) -> Vec<ChangeOut<'m>> {
    let side = |p: Option<usize>| {
        let p = model.positions.get(p?)?;
        let scale = &model.issues.get(p.issue)?.scale;
        Some(SideOut {
            summary: &p.summary,
            status: p.status.map(|s| s.id()),
            stance: p.stance.and_then(|s| scale.get(s)).map(|s| s.id.as_str()),
            as_of: p.as_of,
            line: p.line,
        })
    };
    diff.changes
        .iter()
        .map(|c| ChangeOut {
            issue: &model.issues[c.issue].id,
            party: &model.parties[c.party].id,
            kind: c.kind.id(),
            steps: c.steps(),
            before: side(c.before),
            after: side(c.after),
        })
        .collect()
}

/// `stances diff --format json`: `{"from", "to", "changes"}`, pretty-printed.
pub fn json(model: &Model, diff: &Diff) -> String {
    super::json::pretty(&DiffOut {
        from: diff.from,
        to: diff.to,
        changes: changes_out(model, diff),
    })
}

/// The dates compared, e.g. `from 2025-04-17 to 2025-04-25`.
fn span(diff: &Diff) -> String {
    let d = |d: Option<Date>| d.map_or("the latest".to_string(), |d| d.to_string());
    format!("from {} to {}", d(diff.from), d(diff.to))
}

/// What happened to the cell, in words (plain text, not escaped).
pub fn words(model: &Model, c: &Change) -> String {
    let before = c.before.and_then(|p| model.positions.get(p));
    let after = c.after.and_then(|p| model.positions.get(p));
    match (c.kind, &c.movement) {
        (Kind::New, _) => "new position".into(),
        (Kind::Removed, _) => "no position any more".into(),
        (Kind::Moved, Some(m)) => {
            let scale = &model.issues[c.issue].scale;
            let n = m.steps.unsigned_abs();
            let pole = scale.get(m.pole).map_or("", |s| s.label.as_str());
            let mut s = format!(
                "moved {n} step{} toward the “{}” end of the scale",
                if n == 1 { "" } else { "s" },
                one_line(pole)
            );
            let names = |ps: &[usize]| {
                let v: Vec<String> = ps
                    .iter()
                    .map(|&p| one_line(&model.parties[p].name))
                    .collect();
                v.join(", ")
            };
            if !m.toward.is_empty() {
                let _ = write!(s, "; toward {}", names(&m.toward));
            }
            if !m.away.is_empty() {
                let _ = write!(s, "; away from {}", names(&m.away));
            }
            s
        }
        _ => match (before, after) {
            (Some(b), Some(a)) => changed_words(b, a),
            _ => "changed".into(),
        },
    }
}

/// `changed: summary, status` — which of the shown fields differ, or `restated`.
fn changed_words(b: &Position, a: &Position) -> String {
    let mut what = Vec::new();
    if b.stance != a.stance {
        what.push("stance");
    }
    if b.summary != a.summary {
        what.push("summary");
    }
    if b.status != a.status {
        what.push("status");
    }
    if b.detail != a.detail {
        what.push("detail");
    }
    if b.acceptable != a.acceptable {
        what.push("acceptable range");
    }
    if b.confidence != a.confidence {
        what.push("confidence");
    }
    if what.is_empty() {
        "restated (same summary, status and stance; new date or sources)".into()
    } else {
        format!("changed: {}", what.join(", "))
    }
}

/// A position's stance, status, date and line, e.g.
/// `stance: Russian control of Crimea recognized (3 of 4) · proposed · as of 2025-04-17 · line 88`.
pub fn meta(model: &Model, p: &Position) -> String {
    meta_parts(model, p).join(" · ")
}

/// The parts of [`meta`], each to be kept on one line where it fits.
fn meta_parts(model: &Model, p: &Position) -> Vec<String> {
    let mut parts = Vec::new();
    let issue = &model.issues[p.issue];
    if let Some(words) = super::stance_words(issue, p) {
        parts.push(format!("stance: {}", one_line(&words)));
    }
    if let Some((lo, hi)) = p.acceptable {
        let (lo, hi) = (&issue.scale[lo].id, &issue.scale[hi].id);
        parts.push(format!("could accept {} … {}", one_line(lo), one_line(hi)));
    }
    parts.extend(p.status.map(|s| s.to_string()));
    parts.push(p.as_of.map_or("undated".into(), |d| format!("as of {d}")));
    parts.push(format!("line {}", p.line));
    parts
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

/// Changes grouped by issue, in order: (issue index, its changes).
fn by_issue(diff: &Diff) -> Vec<(usize, Vec<&Change>)> {
    let mut out: Vec<(usize, Vec<&Change>)> = Vec::new();
    for c in &diff.changes {
        match out.last_mut() {
            Some((i, v)) if *i == c.issue => v.push(c),
            _ => out.push((c.issue, vec![c])),
        }
    }
    out
}

/// The two sides of a change: `("before", position)` and `("after", position)`, as present.
fn sides<'m>(model: &'m Model, c: &Change) -> Vec<(&'static str, &'m Position)> {
    [("before", c.before), ("after", c.after)]
        .into_iter()
        .filter_map(|(label, p)| Some((label, model.positions.get(p?)?)))
        .collect()
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

/// `stances diff --format text`: a heading with the dates and counts, then per issue
/// each change and the position before and after, wrapped to `width`.
pub fn text(model: &Model, diff: &Diff, width: usize) -> String {
    let mut out = String::new();
    push_wrapped(&mut out, "", &one_line(&model.title), width);
    let head = format!("Changes {}: {}", span(diff), diff.summary());
    push_wrapped(&mut out, "", &head, width);
    text_changes(model, diff, width, &mut out);
    out
}

/// The changes of `diff` as text blocks (for `stances diff` and `export --since`).
pub fn text_changes(model: &Model, diff: &Diff, width: usize, out: &mut String) {
    for (issue, changes) in by_issue(diff) {
        out.push('\n');
        push_wrapped(out, "", &one_line(&model.issues[issue].name), width);
        for c in changes {
            let party = one_line(&model.parties[c.party].name);
            push_wrapped(out, "  ", &format!("{party}: {}", words(model, c)), width);
            for (label, p) in sides(model, c) {
                let first = format!("    {label}: ");
                let first = format!("{first:<13}");
                push_wrapped(out, &first, &one_line(&p.summary), width);
                push_parts(out, 13, &meta_parts(model, p), width);
            }
        }
    }
}

/// `stances diff --format md`: a heading, the counts, then per issue a list of changes
/// with the positions before and after as nested items.
pub fn md(model: &Model, diff: &Diff) -> String {
    let mut out = format!(
        "# Changes {}\n\n{}: {}.\n",
        span(diff),
        escape(&model.title),
        diff.summary()
    );
    md_changes(model, diff, 2, &mut out);
    out
}

/// The changes of `diff` as Markdown, one heading of level `level` per issue.
pub fn md_changes(model: &Model, diff: &Diff, level: usize, out: &mut String) {
    let hashes = "#".repeat(level);
    for (issue, changes) in by_issue(diff) {
        let _ = write!(out, "\n{hashes} {}\n\n", escape(&model.issues[issue].name));
        for c in changes {
            let party = escape(&model.parties[c.party].name);
            let _ = writeln!(out, "- **{party}** {}.", escape(&words(model, c)));
            for (label, p) in sides(model, c) {
                let _ = writeln!(
                    out,
                    "  - {}{}: {} ({})",
                    label[..1].to_uppercase(),
                    &label[1..],
                    escape(&p.summary),
                    escape(&meta(model, p))
                );
            }
        }
    }
}

/// The changes of `diff` as an HTML `<section>` headed "Changes since D".
pub fn html_section(model: &Model, diff: &Diff) -> String {
    let mut out = String::from("<section aria-labelledby=\"changes\">\n<h2 id=\"changes\">");
    match diff.from {
        Some(d) => {
            let _ = writeln!(out, "Changes since <time datetime=\"{d}\">{d}</time></h2>");
        }
        None => out.push_str("Changes</h2>\n"),
    }
    let _ = writeln!(out, "<p>{}.</p>", esc(&diff.summary()));
    for (issue, changes) in by_issue(diff) {
        let _ = writeln!(
            out,
            "<h3>{}</h3>\n<ul class=\"changes\">",
            esc(&model.issues[issue].name)
        );
        for c in changes {
            let _ = writeln!(
                out,
                "<li><p><strong>{}</strong> {}.</p>",
                esc(&model.parties[c.party].name),
                esc(&words(model, c))
            );
            for (label, p) in sides(model, c) {
                let _ = writeln!(
                    out,
                    "<p class=\"{label}\">{label}: <span dir=\"auto\">{}</span> <span class=\"meta\">({})</span></p>",
                    esc(&p.summary),
                    esc(&meta(model, p))
                );
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changed_words_name_the_fields_that_differ() {
        let m = crate::model::test_model(
            r#"schema = 1
title = "T"
[parties.a]
name = "A"
[issues.x]
name = "X"
[[position]]
party = "a"
issue = "x"
summary = "one"
as_of = 2025-01-01
[[position]]
party = "a"
issue = "x"
summary = "one"
as_of = 2025-01-02
[[position]]
party = "a"
issue = "x"
summary = "two"
status = "stated"
as_of = 2025-01-03
"#,
        );
        let p = &m.positions;
        assert!(changed_words(&p[0], &p[1]).starts_with("restated"));
        assert_eq!(changed_words(&p[1], &p[2]), "changed: summary, status");
        // A wider range the party could accept is a change an analyst looks for.
        let mut wider = p[2].clone();
        wider.acceptable = Some((0, 0));
        assert_eq!(changed_words(&p[2], &wider), "changed: acceptable range");
    }
}
