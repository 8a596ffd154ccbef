//! What is shown at a view date, and every word shown, made once from a [`Model`] for the
//! reader and every exporter alike: they only lay the words out, style and escape them.
//!
//! [`View`] is the issue × party grid at a date (docs/SPEC.md §1 "The grid"): which
//! position each cell shows, which cells changed since the previous date, and which rows
//! and columns a [`Filter`] leaves visible. [`search`] finds positions by text across
//! all dates. The words: of the comparison ([`compare::words`]), of the changes
//! ([`diff::words`]), of one position ([`facts`]), of its evidence ([`evidence`]), of a
//! quote in its sentence ([`excerpt`]) and of a source's credit ([`credit`]). Nothing
//! here parses files or draws anything.

pub mod cited;
pub mod compare;
pub mod credit;
pub mod diff;
pub mod evidence;
pub mod excerpt;
pub mod facts;
pub mod filter;
pub mod search;
pub mod state;
pub mod timeline;

pub use compare::Comparison;
pub use evidence::Evidence;
pub use filter::Filter;

use crate::date::Date;
use crate::model::{IssueId, Model, PartyId, Position, PositionId};
use std::sync::Arc;

/// Per issue (rows, by [`IssueId`] index), per party (columns, by [`PartyId`] index):
/// the position shown, if any.
pub type Cells = Vec<Vec<Option<PositionId>>>;

/// The position a grid of [`Cells`] shows in the cell of `party` on `issue`, if any.
pub fn cell_of(cells: &Cells, issue: IssueId, party: PartyId) -> Option<PositionId> {
    cells
        .get(issue.index())
        .and_then(|r| r.get(party.index()))
        .copied()
        .flatten()
}

/// The cells of the grid at `date`: for each issue and party, the latest position dated
/// on or before it, undated positions counting as older than any dated one. With no
/// date, every position counts (the latest of each cell).
pub fn cells_at(model: &Model, date: Option<Date>) -> Cells {
    state::Grid::at(model, date, None).shown
}

/// The grid at one view date: what the reader draws and every exporter renders.
#[derive(Clone, Debug)]
pub struct View {
    /// The model, shared with whoever else shows it.
    pub model: Arc<Model>,
    /// Every distinct `as_of` date of the model, oldest first.
    pub dates: Vec<Date>,
    /// The view date (the latest `as_of` by default; `None` when nothing is dated).
    pub date: Option<Date>,
    /// The cells at the view date: the position each shows.
    pub cells: Cells,
    /// The standing position of each cell at the view date (docs/SPEC.md §5): the one
    /// whose stance stands, which may be older than the one shown.
    pub standing: Cells,
    /// The cells at the file's date before the view date; `None` at the earliest date
    /// (nothing came before it) or when nothing is dated.
    pub previous: Option<Cells>,
    /// What is hidden.
    pub filter: Filter,
    /// The issues shown, in file order (all of them unless filtered).
    pub issues: Vec<IssueId>,
    /// The parties shown, in file order.
    pub parties: Vec<PartyId>,
    /// A base date to compare with, and the changes from it to the view date: set
    /// with [`View::with_base`], kept by [`View::at`] and [`View::with_filter`].
    pub base: Option<diff::Diff>,
}

impl View {
    /// The grid of `model` at `date`, or at the model's latest date when `None`.
    pub fn new(model: Arc<Model>, date: Option<Date>) -> Self {
        Self::filtered(model, date, Filter::default())
    }

    /// The grid at `date` (latest when `None`) with `filter` applied.
    pub fn filtered(model: Arc<Model>, date: Option<Date>, filter: Filter) -> Self {
        let dates = model.dates();
        let date = date.or_else(|| dates.last().copied());
        let min = filter.min_confidence;
        let grid = state::Grid::at(&model, date, min);
        // The file's date in force at the view date, and the one before it.
        let in_force = date.map_or(0, |d| dates.partition_point(|&x| x <= d));
        let previous = in_force
            .checked_sub(2)
            .map(|i| state::Grid::at(&model, Some(dates[i]), min).shown);
        let mut view = View {
            model,
            dates,
            date,
            cells: grid.shown,
            standing: grid.standing,
            previous,
            filter,
            issues: Vec::new(),
            parties: Vec::new(),
            base: None,
        };
        (view.issues, view.parties) = view.filter.visible(&view.model, &view.cells);
        view
    }

    /// The same model, filter and base date at another date (latest when `None`).
    #[must_use]
    pub fn at(&self, date: Option<Date>) -> View {
        View::filtered(Arc::clone(&self.model), date, self.filter.clone())
            .with_base(self.base_date())
    }

    /// The same model, date and base date with another filter.
    #[must_use]
    pub fn with_filter(&self, filter: Filter) -> View {
        View::filtered(Arc::clone(&self.model), self.date, filter).with_base(self.base_date())
    }

    /// This view compared with the grid at `base` (none: no comparison): every cell
    /// that differs gets a [`diff::Change`] (see [`View::change_since_base`]).
    #[must_use]
    pub fn with_base(mut self, base: Option<Date>) -> View {
        self.base = base.map(|b| {
            let min = self.filter.min_confidence;
            let before = state::Grid::at(&self.model, Some(b), min);
            diff::Diff::between(&self.model, Some(b), &before, self.date, &self.grid())
                .with_via(&self.model, min)
        });
        self
    }

    /// The cells at the view date: shown and standing positions.
    pub fn grid(&self) -> state::Grid {
        state::Grid {
            shown: self.cells.clone(),
            standing: self.standing.clone(),
        }
    }

    /// The standing position of a cell (docs/SPEC.md §5), if a stance stands in it.
    pub fn standing_at(&self, issue: IssueId, party: PartyId) -> Option<PositionId> {
        cell_of(&self.standing, issue, party)
    }

    /// The standing position of a cell when it is not the one shown: the cell shows a
    /// later statement and an earlier stance still stands (the cell and the detail say
    /// so).
    pub fn earlier_standing(&self, issue: IssueId, party: PartyId) -> Option<PositionId> {
        let shown = self.position_at(issue, party)?;
        self.standing_at(issue, party).filter(|&s| s != shown)
    }

    /// The minimum confidence and the view date, which decide what counts as the record
    /// (for the `contested` mark).
    pub fn horizon(&self) -> evidence::Horizon {
        evidence::Horizon {
            date: self.date,
            min_confidence: self.filter.min_confidence,
        }
    }

    /// The base date, when one is set.
    pub fn base_date(&self) -> Option<Date> {
        self.base.as_ref().and_then(|d| d.from)
    }

    /// How a cell changed since the base date, if a base is set and it changed.
    pub fn change_since_base(&self, issue: IssueId, party: PartyId) -> Option<&diff::Change> {
        self.base.as_ref()?.at(issue, party)
    }

    /// The changes since the base date in the cells the view shows (their issue and
    /// party shown, and the cell not hidden by the status or confidence filter), as the
    /// grid marks them; `None` without a base date.
    pub fn changes_shown(&self) -> Option<usize> {
        let base = self.base.as_ref()?;
        let shown = |c: &&diff::Change| {
            self.issues.contains(&c.issue)
                && self.parties.contains(&c.party)
                && cell_of(&self.cells, c.issue, c.party)
                    .is_none_or(|p| self.filter.admits(&self.model.positions[p]))
        };
        Some(base.changes.iter().filter(shown).count())
    }

    /// Index in [`View::dates`] of the view date, when it is one of the file's dates.
    pub fn date_index(&self) -> Option<usize> {
        let d = self.date?;
        self.dates.binary_search(&d).ok()
    }

    /// The position shown in a cell, if any (hidden by the filter: none).
    pub fn position_at(&self, issue: IssueId, party: PartyId) -> Option<PositionId> {
        let p = cell_of(&self.cells, issue, party)?;
        self.filter.admits(&self.model.positions[p]).then_some(p)
    }

    /// The position shown in a cell, if any.
    pub fn cell(&self, issue: IssueId, party: PartyId) -> Option<&Position> {
        self.position_at(issue, party)
            .map(|i| &self.model.positions[i])
    }

    /// True when the cell shows another position than at the previous date (never at
    /// the earliest date: nothing came before it).
    pub fn changed(&self, issue: IssueId, party: PartyId) -> bool {
        let Some(previous) = &self.previous else {
            return false;
        };
        cell_of(&self.cells, issue, party) != cell_of(previous, issue, party)
    }

    /// The caption: title and view date.
    pub fn caption(&self) -> String {
        match self.date {
            Some(d) => format!("{} — as of {d}", self.model.title),
            None => self.model.title.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::build::{ModelText, PositionText};

    /// Parties a and b on issue x: a undated, then a on 01-01, b on 02-01.
    fn model() -> Arc<Model> {
        let m = ModelText::new("T")
            .party("a", "A")
            .party("b", "B")
            .issue("x", "X")
            .position(PositionText::new("a", "x", "undated"))
            .position(PositionText::new("a", "x", "first").as_of("2025-01-01"))
            .position(PositionText::new("b", "x", "later").as_of("2025-02-01"));
        Arc::new(m.model())
    }

    fn summary(view: &View, issue: usize, party: usize) -> Option<&str> {
        view.cell(IssueId(issue), PartyId(party))
            .map(|p| p.summary.as_str())
    }

    #[test]
    fn the_default_date_is_the_latest_and_cells_hold_the_latest_position() {
        let v = View::new(model(), None);
        assert_eq!(v.date, Date::parse("2025-02-01"));
        assert_eq!(summary(&v, 0, 0), Some("first"));
        assert_eq!(summary(&v, 0, 1), Some("later"));
    }

    #[test]
    fn before_every_date_only_undated_positions_show() {
        let v = View::new(model(), Date::parse("2024-12-31"));
        assert_eq!(summary(&v, 0, 0), Some("undated"));
        assert_eq!(summary(&v, 0, 1), None);
        assert!(v.previous.is_none());
    }

    #[test]
    fn changed_marks_cells_that_differ_from_the_previous_date_but_not_at_the_first() {
        let m = model();
        let first = View::new(Arc::clone(&m), Date::parse("2025-01-01"));
        assert!(
            !first.changed(IssueId(0), PartyId(0)),
            "nothing comes before the earliest date"
        );
        let second = View::new(m, Date::parse("2025-02-01"));
        assert!(!second.changed(IssueId(0), PartyId(0)));
        assert!(second.changed(IssueId(0), PartyId(1)));
    }

    #[test]
    fn the_base_date_survives_a_change_of_date_and_filter_and_lists_the_changes() {
        let v = View::new(model(), Date::parse("2025-01-01")).with_base(Date::parse("2025-01-01"));
        assert_eq!(v.base.as_ref().map(|d| d.changes.len()), Some(0));
        let later = v.at(Date::parse("2025-02-01"));
        assert_eq!(later.base_date(), Date::parse("2025-01-01"));
        let change = later
            .change_since_base(IssueId(0), PartyId(1))
            .expect("b is new since the base");
        assert_eq!(change.kind, diff::Kind::New);
        assert!(later.change_since_base(IssueId(0), PartyId(0)).is_none());
        let filtered = later.with_filter(Filter::default());
        assert_eq!(filtered.base, later.base);
        assert!(
            later
                .with_base(None)
                .change_since_base(IssueId(0), PartyId(1))
                .is_none()
        );
    }

    #[test]
    fn a_date_between_file_dates_compares_with_the_date_before_the_one_in_force() {
        let v = View::new(model(), Date::parse("2025-03-15"));
        assert_eq!(v.date_index(), None);
        assert!(v.changed(IssueId(0), PartyId(1)));
    }
}
