//! Exports: the grid at a view date, resolved once, rendered by one module per format.
//!
//! [`View`] resolves the grid; [`notes::Notes`] numbers the citations of the cells shown;
//! each format module only renders them. [`render`] picks the module and
//! [`write_atomic`] writes the result safely. None of this prints anything, so the
//! reader can call it too.

pub mod csv;
pub mod html;
pub mod json;
pub mod md;
pub mod notes;
pub mod text;
pub mod url;
mod write;

pub use write::write_atomic;

use crate::date::Date;
use crate::model::{Issue, Model, Position};

/// An export format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
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
}

impl Default for Options {
    fn default() -> Self {
        Options {
            width: 100,
            long: false,
        }
    }
}

/// Renders `view` in `format`.
pub fn render(view: &View<'_>, format: Format, options: &Options) -> String {
    match format {
        Format::Text => text::render(view, options.width),
        Format::Md => md::render(view),
        Format::Csv if options.long => csv::render_long(view),
        Format::Csv => csv::render(view),
        Format::Html => html::render(view),
        Format::Json => json::render(view),
    }
}

/// The grid at one view date: what every exporter renders.
pub struct View<'m> {
    /// The model.
    pub model: &'m Model,
    /// The view date (the latest `as_of` by default; `None` when nothing is dated).
    pub date: Option<Date>,
    /// Per issue (rows), per party (columns): the index of the position shown.
    pub cells: Vec<Vec<Option<usize>>>,
}

impl<'m> View<'m> {
    /// Resolves the grid at `date`, or at the model's latest date.
    pub fn new(model: &'m Model, date: Option<Date>) -> Self {
        let date = date.or_else(|| model.latest_date());
        View {
            model,
            date,
            cells: model.grid_at(date),
        }
    }

    /// The position in a cell.
    pub fn cell(&self, issue: usize, party: usize) -> Option<&'m Position> {
        self.cells[issue][party].map(|i| &self.model.positions[i])
    }

    /// The caption: title and view date.
    pub fn caption(&self) -> String {
        match self.date {
            Some(d) => format!("{} — as of {d}", self.model.title),
            None => self.model.title.clone(),
        }
    }

    /// A file name to suggest for an export, e.g. `stances-2025-04-25.md`.
    pub fn file_name(&self, format: Format) -> String {
        match self.date {
            Some(d) => format!("stances-{d}.{}", format.extension()),
            None => format!("stances.{}", format.extension()),
        }
    }
}

/// A position's stance as words: the scale step's label and where it sits on the
/// scale, e.g. `No ceasefire; offensive operations continue (5 of 5)`.
pub fn stance_words(issue: &Issue, position: &Position) -> Option<String> {
    let i = position.stance?;
    let step = &issue.scale[i];
    Some(format!(
        "{} ({} of {})",
        step.label,
        i + 1,
        issue.scale.len()
    ))
}
