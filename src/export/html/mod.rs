//! One self-contained HTML5 page (docs/SPEC.md §3, §8): inline CSS, the model as JSON
//! ([`data`]) and the page script (`report.js`), no external resource; a Content
//! Security Policy lets nothing be fetched and nothing run but that script.
//!
//! Without script the page is a report to read and print: the table has a `<caption>`
//! and scoped headers; a cell shows the summary, the stance in words with its place on
//! the scale (its colour only repeats that), status and date, and links to its
//! citations. Then the changes since an earlier date ([`changes`]), the comparison
//! ([`compare`]), the issues and their scales. Each citation below shows its whole
//! sentence with the quote in `<mark>`, the source (linked with a `#:~:text=` fragment
//! when it has a URL) and links back to the cells citing it. Every string is escaped by
//! [`super::escape::html`] (which cleans it).
//!
//! With script, `report.js` makes the page the reader: it computes any view date,
//! base date, minimum confidence and filter as [`crate::view`] does, says it in the same
//! words, redraws these sections, and opens a cell's detail and a citation's source in
//! dialogs.

mod changes;
mod compare;
pub mod data;

use super::escape::html as esc;
use super::notes::Notes;
use super::url;
use crate::model::{Cell, Issue, IssueId, PartyId, Status};
use crate::view::View;
use crate::view::credit::{Credit, Piece};
use crate::view::diff::Diff;
use crate::view::evidence::flag_words;
use crate::view::facts::{cell_facts, earlier_stance_words, stance_of_steps};
use base64::Engine;
use sha2::{Digest, Sha256};
use std::fmt::Write;

const STYLE: &str = include_str!("html.css");

/// The page script: plain JavaScript, no dependency.
pub const SCRIPT: &str = include_str!("report.js");

/// The Content Security Policy: nothing fetched, no plugin, no form, no base URL; only
/// the page's own style and script (named by hash) apply; images only from `data:`.
fn policy() -> String {
    let hash = |text: &str| {
        let digest = Sha256::digest(text.as_bytes());
        format!(
            "'sha256-{}'",
            base64::engine::general_purpose::STANDARD.encode(digest)
        )
    };
    format!(
        "default-src 'none'; style-src {}; script-src {}; img-src data:; base-uri 'none'; form-action 'none'",
        hash(&style_text()),
        hash(&script_text())
    )
}

/// The text of the `<style>` element.
fn style_text() -> String {
    format!("\n{STYLE}")
}

/// The text of the page script's `<script>` element.
fn script_text() -> String {
    format!("\n{SCRIPT}")
}

/// The view as an HTML page with, when `changes` is given, a section of the changes
/// since an earlier date after the table.
pub fn render(view: &View, changes: Option<&Diff>) -> String {
    let m = &*view.model;
    let notes = Notes::new(view);
    let caption = esc(&view.caption());
    let mut out = String::with_capacity(4096 + m.positions.len() * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n\
         <meta name=\"generator\" content=\"stances {}\">\n<title>{caption}</title>\n\
         <style>{}</style>\n</head>\n<body>\n<header>\n<h1>{}</h1>\n",
        policy(),
        env!("CARGO_PKG_VERSION"),
        style_text(),
        esc(&m.title),
    );
    if let Some(d) = view.date {
        let _ = writeln!(
            out,
            "<p id=\"as-of\">Positions as of <time datetime=\"{d}\">{d}</time>.</p>"
        );
    }
    if let Some(d) = &m.description {
        let _ = writeln!(out, "<p class=\"desc\">{}</p>", esc(d));
    }
    out.push_str("</header>\n<main>\n<div class=\"scroll\" id=\"grid-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"The grid\">\n<table class=\"grid\">\n");
    let _ = write!(
        out,
        "<caption>{caption}</caption>\n<thead>\n<tr><th scope=\"col\">Issue</th>"
    );
    for &p in &view.parties {
        let _ = write!(out, "<th scope=\"col\">{}</th>", esc(&m.parties[p].name));
    }
    out.push_str("</tr>\n</thead>\n<tbody>\n");
    for &ii in &view.issues {
        let issue = &m.issues[ii];
        let _ = writeln!(out, "<tr>\n<th scope=\"row\">{}</th>", esc(&issue.name));
        for &pi in &view.parties {
            cell(view, &notes, ii, pi, &mut out);
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
    if let Some(d) = changes {
        out.push_str(&changes::section(m, d));
    }
    compare::section(view, &mut out);
    issues(view, &mut out);
    citations(view, &notes, &mut out);
    let _ = write!(
        out,
        "</main>\n<script type=\"application/json\" id=\"{}\">{}</script>\n<script>{}</script>\n</body>\n</html>\n",
        data::ID,
        data::json(view, changes.and_then(|d| d.from)),
        script_text()
    );
    out
}

/// One `<td>`.
fn cell(view: &View, notes: &Notes<'_>, ii: IssueId, pi: PartyId, out: &mut String) {
    let m = &*view.model;
    let ids = format!(
        "data-issue=\"{}\" data-party=\"{}\"",
        esc(&m.issues[ii].id),
        esc(&m.parties[pi].id)
    );
    let Some(p) = view.cell(ii, pi) else {
        let _ = writeln!(
            out,
            "<td class=\"empty\" {ids}><span aria-hidden=\"true\">—</span><span class=\"vh\">No position</span></td>"
        );
        return;
    };
    let issue = &m.issues[ii];
    let _ = write!(
        out,
        "<td {ids}><span class=\"summary\" dir=\"auto\">{}</span>",
        esc(&p.summary)
    );
    if let Some(s) = p.stance.filter(|_| p.status == Some(Status::Withdrawn)) {
        // What was withdrawn, without the shade of a stance held.
        let _ = write!(
            out,
            "<span class=\"stance withdrawn\">Withdrawn: {}</span>",
            esc(&stance_of_steps(issue, s)),
        );
    } else if let Some(s) = p.stance {
        let _ = write!(
            out,
            "<span class=\"stance {}\">Stance: {}</span>",
            shade(issue, s),
            esc(&stance_of_steps(issue, s)),
        );
    } else if let Some(standing) = view.earlier_standing(ii, pi) {
        let step = view.model.positions[standing].stance.unwrap_or(0);
        let words = earlier_stance_words(&view.model, standing, view.horizon()).unwrap_or_default();
        let _ = write!(
            out,
            "<span class=\"stance earlier {}\">{}</span>",
            shade(issue, step),
            esc(&upper_first(&words)),
        );
    }
    let facts = cell_facts(p);
    if !facts.is_empty() {
        let _ = write!(out, "<span class=\"meta\">{}</span>", esc(&facts));
    }
    let flags = view
        .position_at(ii, pi)
        .map(|i| flag_words(&view.model, i, view.horizon()))
        .unwrap_or_default();
    if !flags.is_empty() {
        let _ = write!(out, "<span class=\"flags\">{}</span>", esc(&flags));
    }
    let refs = notes.of_cell(Cell::new(ii, pi));
    if !refs.is_empty() {
        out.push_str("<span class=\"refs\">");
        for (i, &n) in refs.iter().enumerate() {
            let k = notes.back_index(n, Cell::new(ii, pi));
            let _ = write!(
                out,
                "{}<a id=\"ref-{n1}-{k}\" href=\"#cite-{n1}\" aria-label=\"Citation {n1}\">[{n1}]</a>",
                if i > 0 { " " } else { "" },
                n1 = n + 1
            );
        }
        out.push_str("</span>");
    }
    out.push_str("</td>\n");
}

/// The colour class of scale step `step`: `s0` at one pole to `s4` at the other.
fn shade(issue: &Issue, step: usize) -> String {
    let n = issue.scale.len();
    let k = if n <= 1 {
        2
    } else {
        (step * 4 + (n - 1) / 2) / (n - 1)
    };
    format!("s{k}")
}

/// The issues: their questions and scales (an ordered list each, pole to pole).
fn issues(view: &View, out: &mut String) {
    let issues = &view.model.issues;
    if !issues.iter().any(Issue::is_described) {
        return;
    }
    out.push_str("<section aria-labelledby=\"issues\">\n<h2 id=\"issues\">Issues</h2>\n");
    for issue in issues {
        let _ = writeln!(out, "<h3>{}</h3>", esc(&issue.name));
        if let Some(q) = &issue.question {
            let _ = writeln!(out, "<p class=\"question\">{}</p>", esc(q));
        }
        if issue.scale.is_empty() {
            continue;
        }
        out.push_str("<ol class=\"scale\">\n");
        for (s, step) in issue.scale.iter().enumerate() {
            let _ = writeln!(
                out,
                "<li><span class=\"stance {}\">{}</span> <code>{}</code></li>",
                shade(issue, s),
                esc(&step.label),
                esc(&step.id)
            );
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</section>\n");
}

/// The numbered citations.
fn citations(view: &View, notes: &Notes<'_>, out: &mut String) {
    let cited = notes.excerpts(view);
    if cited.is_empty() {
        return;
    }
    let m = &*view.model;
    out.push_str("<section aria-labelledby=\"citations\">\n<h2 id=\"citations\">Citations</h2>\n<ol class=\"cites\">\n");
    for (n, note, excerpt) in cited {
        let c = note.citation;
        let _ = write!(
            out,
            "<li id=\"cite-{n}\">\n<blockquote><p dir=\"auto\">{}<mark>{}</mark>{}</p></blockquote>\n<p class=\"src\">",
            esc(&excerpt.before),
            esc(&excerpt.quote),
            esc(&excerpt.after),
        );
        let credit = Credit::of(m, c);
        if let Some(sp) = credit.speaker {
            let _ = write!(out, "{} — ", esc(sp));
        }
        let quote = m.quote_text(c);
        let parts: Vec<String> = credit
            .pieces(url::href)
            .into_iter()
            .map(|piece| match piece {
                Piece::Title(title, Some(h)) => format!(
                    "<cite><a href=\"{}\" data-url=\"{}\">{}</a></cite>",
                    esc(&url::with_text_fragment(&h, quote)),
                    esc(&h),
                    esc(title)
                ),
                Piece::Title(title, None) => format!("<cite>{}</cite>", esc(title)),
                Piece::Publisher(s) | Piece::Url(s) => esc(s),
                Piece::Published(d) => format!("<time datetime=\"{d}\">{d}</time>"),
            })
            .collect();
        out.push_str(&parts.join(", "));
        out.push_str("</p>\n<p class=\"back\">Cited for: ");
        for (k, cell) in note.cited_by.iter().enumerate() {
            let sep = if k > 0 { ", " } else { "" };
            let _ = write!(
                out,
                "{sep}<a href=\"#ref-{n}-{k}\">{} on {}</a>",
                esc(&m.parties[cell.party].name),
                esc(&m.issues[cell.issue].name)
            );
        }
        out.push_str("</p>\n</li>\n");
    }
    out.push_str("</ol>\n</section>\n");
}

/// `text` with its first letter in capitals.
fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}
