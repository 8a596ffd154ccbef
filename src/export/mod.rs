//! Exports: the grid at a view date, the comparison and the changes between two
//! dates, rendered by one module per format ([`text`], [`md`], [`csv`], [`html`],
//! [`json`]).
//!
//! Every word comes from [`crate::view`]; a format module only lays the words out and
//! escapes them ([`escape`]). [`notes::Notes`] numbers the citations of the cells
//! shown for the formats that footnote them. [`render`] picks the module and
//! [`write_atomic`] writes the result safely. None of this prints anything, so the
//! reader can call it too.

pub mod csv;
pub mod escape;
pub mod html;
pub mod json;
pub mod md;
pub mod notes;
pub mod text;
pub mod url;
mod write;

pub use write::{WriteError, refuse_model_files, write_atomic};

use crate::view::View;
use crate::view::diff::Diff;

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
    let changes = options.since.map(|d| {
        Diff::new(&view.model, Some(d), view.date, view.filter.min_confidence)
            .filtered(&view.model, &view.filter)
    });
    let changes = changes.as_ref();
    match format {
        Format::Text => text::render(view, options.width, changes),
        Format::Md => md::render(view, changes),
        Format::Csv if options.long => csv::render_long(view),
        Format::Csv => csv::render(view),
        Format::Html => html::render(view, changes),
        Format::Json => json::render(view, changes),
    }
}

/// A file name to suggest for an export of `view`, e.g. `stances-2025-04-25.md`.
pub fn file_name(view: &View, format: Format) -> String {
    match view.date {
        Some(d) => format!("stances-{d}.{}", format.extension()),
        None => format!("stances.{}", format.extension()),
    }
}
