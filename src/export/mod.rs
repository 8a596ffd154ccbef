//! Exports: the grid at a view date, resolved once, rendered by one module per format.

pub mod text;

use crate::date::Date;
use crate::model::{Model, Position};

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
