//! Exports: the grid at a view date, resolved once, rendered by one module per format.
//!
//! [`View`](crate::view::View) is the grid at a date; [`notes::Notes`] numbers the citations of the cells shown;
//! each format module only renders them. [`render`] picks the module and
//! [`write_atomic`] writes the result safely. None of this prints anything, so the
//! reader can call it too.

pub mod compare;
pub mod csv;
pub mod diff;
pub mod html;
mod html_compare;
pub mod json;
pub mod md;
pub mod notes;
pub mod text;
pub mod url;
mod write;

pub use write::{WriteError, refuse_model_files, write_atomic};

use crate::model::{Issue, Model, Position};
use crate::view::View;
use crate::view::diff::Diff;
use crate::view::evidence::{CONTESTED_MARK, Evidence, THIN_MARK};

/// An export format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// A plain aligned table.
    Text,
    /// GitHub-flavoured Markdown.
    Md,
    /// RFC 4180 CSV.
    Csv,
    /// One self-contained HTML5 page.
    Html,
    /// The whole model with resolved citations.
    Json,
}

impl Format {
    /// The format's name on the command line (`--format NAME`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Md => "md",
            Format::Csv => "csv",
            Format::Html => "html",
            Format::Json => "json",
        }
    }

    /// The format a file extension names (`md`, `csv`, `html` or `htm`, `json`, `txt`),
    /// ignoring case.
    pub fn from_extension(extension: &str) -> Option<Format> {
        match extension.to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Md),
            "csv" => Some(Format::Csv),
            "html" | "htm" => Some(Format::Html),
            "json" => Some(Format::Json),
            _ => None,
        }
    }

    /// The usual file extension of the format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Md => "md",
            Format::Csv => "csv",
            Format::Html => "html",
            Format::Json => "json",
        }
    }
}

/// Options that some formats use.
#[derive(Clone, Debug)]
pub struct Options {
    /// Width of the text table, in columns.
    pub width: usize,
    /// CSV: one row per citation.
    pub long: bool,
    /// Add the changes since this date (to the view date): a section in text, md and
    /// html, a `changes` array in json. CSV has no place for them.
    pub since: Option<crate::date::Date>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            width: 100,
            long: false,
            since: None,
        }
    }
}

/// Renders `view` in `format`, with the changes since `options.since` when given.
pub fn render(view: &View, format: Format, options: &Options) -> String {
    let changes = options
        .since
        .map(|d| Diff::new(&view.model, Some(d), view.date));
    let changes = changes.as_ref();
    let m = &*view.model;
    match format {
        Format::Text => {
            let mut out = text::render(view, options.width);
            if let Some(d) = changes {
                out.push('\n');
                let head = format!("Changes since {}: {}", since(d), d.summary());
                out.push_str(&crate::wrap::lines(&head, options.width).join("\n"));
                out.push('\n');
                diff::text_changes(m, d, options.width, &mut out);
            }
            out
        }
        Format::Md => {
            let mut out = md::render(view);
            if let Some(d) = changes {
                out.push_str(&format!(
                    "\n## Changes since {}\n\n{}.\n",
                    since(d),
                    d.summary()
                ));
                diff::md_changes(m, d, 3, &mut out);
            }
            out
        }
        Format::Csv if options.long => csv::render_long(view),
        Format::Csv => csv::render(view),
        Format::Html => html::render_with(view, changes),
        Format::Json => json::render_with(view, changes),
    }
}

/// The date a diff starts from, as shown in a heading.
fn since(d: &Diff) -> String {
    d.from.map_or_else(String::new, |d| d.to_string())
}

/// A file name to suggest for an export of `view`, e.g. `stances-2025-04-25.md`.
pub fn file_name(view: &View, format: Format) -> String {
    match view.date {
        Some(d) => format!("stances-{d}.{}", format.extension()),
        None => format!("stances.{}", format.extension()),
    }
}

/// A position's stance as words: the scale step's label and where it sits on the
/// scale, e.g. `No ceasefire; offensive operations continue — step 5 of 5` (no
/// brackets, so it nests in the brackets of a cell).
pub fn stance_words(issue: &Issue, position: &Position) -> Option<String> {
    let i = position.stance?;
    let step = &issue.scale[i];
    Some(format!(
        "{} — step {} of {}",
        step.label,
        i + 1,
        issue.scale.len()
    ))
}

/// Status, date and confidence, e.g. `proposed · as of 2025-04-17 · moderate confidence`.
pub fn meta(p: &Position) -> String {
    let mut parts: Vec<String> = Vec::new();
    parts.extend(p.status.map(|s| s.to_string()));
    parts.extend(p.as_of.map(|d| format!("as of {d}")));
    parts.extend(p.confidence.as_ref().map(|c| format!("{c} confidence")));
    parts.join(" · ")
}

/// The evidence warnings of position `position` in words, each after its mark:
/// `± contested, ? single account, ? low confidence` (empty when there are none).
pub fn flag_words(model: &Model, position: usize) -> String {
    let e = Evidence::of(model, position);
    let mut words = Vec::new();
    if e.contested.is_some() {
        words.push(format!("{CONTESTED_MARK} contested"));
    }
    if e.single_account && e.thin() && !e.low_confidence {
        words.push(format!("{THIN_MARK} single account"));
    }
    if e.low_confidence {
        words.push(format!("{THIN_MARK} low confidence"));
    }
    words.join(", ")
}

/// The contested cells shown, in grid order, as `(issue, party, reason)`.
pub fn contested_cells(view: &View) -> Vec<(usize, usize, String)> {
    let m = &*view.model;
    let mut out = Vec::new();
    for &ii in &view.issues {
        for &pi in &view.parties {
            let Some(pos) = view.position_at(ii, pi) else {
                continue;
            };
            if let Some(c) = crate::view::evidence::contested(m, pos) {
                out.push((ii, pi, c.reason(m)));
            }
        }
    }
    out
}
