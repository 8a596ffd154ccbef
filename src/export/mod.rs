//! Exports: the grid at a view date, resolved once, rendered by one module per format.

pub mod text;

use crate::date::Date;
use crate::model::{Model, Position};
use std::path::Path;

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

/// Options that some formats use.
#[derive(Clone, Debug)]
pub struct Options {
    /// Width of the text table, in columns.
    pub width: usize,
    /// CSV: one row per citation.
    pub long: bool,
}

/// Renders `view` in `format`.
pub fn render(view: &View<'_>, format: Format, options: &Options) -> String {
    match format {
        Format::Text => text::render(view, options.width),
        _ => todo!("export format {format:?}"),
    }
}

/// Writes `content` to `target` through a temporary file and a rename.
pub fn write_atomic(target: &Path, content: &str, model: &Model) -> anyhow::Result<()> {
    let _ = (target, content, model);
    todo!("atomic write")
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
}
