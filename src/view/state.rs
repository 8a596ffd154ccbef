//! Each cell's state at a date (docs/SPEC.md §1 "The grid", §5 "Standing stance"): the
//! position the cell shows, and the position whose stance stands in it.
//!
//! The cell shows the party's latest position on the issue dated on or before the date
//! (undated positions count as older than any dated one). Its *standing* position is
//! the latest of those with a `stance`, unless a later one has status `withdrawn`: then
//! nothing stands. A later position without a stance does not replace it: a new
//! statement is evidence, not a change of stance. With a minimum confidence, positions
//! below it count as absent (an unset confidence counts as `moderate`).

use super::Cells;
use crate::date::Date;
use crate::model::{Cell, Confidence, Model, Position, PositionId, Status};

/// The confidence a position counts with: its own, or `moderate` when unset.
pub fn effective_confidence(p: &Position) -> Confidence {
    p.confidence.unwrap_or(Confidence::Moderate)
}

/// How strong a confidence is, for comparing: low 1, moderate 2, high 3.
pub fn confidence_rank(c: Confidence) -> u8 {
    match c {
        Confidence::Low => 1,
        Confidence::Moderate => 2,
        Confidence::High => 3,
    }
}

/// True when position `p` counts under a minimum confidence (`None`: every position).
pub fn meets(p: &Position, min: Option<Confidence>) -> bool {
    min.is_none_or(|m| confidence_rank(effective_confidence(p)) >= confidence_rank(m))
}

/// What one cell holds at a date.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CellState {
    /// The position the cell shows: the latest one.
    pub shown: Option<PositionId>,
    /// The position whose stance stands (not withdrawn since).
    pub standing: Option<PositionId>,
}

/// The state of `cell` at `date` (every position counts when `None`), with positions
/// below `min` left out.
pub fn cell_state(
    model: &Model,
    cell: Cell,
    date: Option<Date>,
    min: Option<Confidence>,
) -> CellState {
    state_until(model, cell, date.map_or(Until::Always, Until::Date), min)
}

/// How far in time a cell's state reaches.
#[derive(Clone, Copy)]
enum Until {
    /// Every position counts.
    Always,
    /// Undated positions and those dated on or before the date.
    Date(Date),
    /// Undated positions only: before the first date there is.
    BeforeAnyDate,
}

fn state_until(model: &Model, cell: Cell, until: Until, min: Option<Confidence>) -> CellState {
    let mut state = CellState::default();
    for &id in model.history(cell) {
        let p = &model.positions[id];
        let later = match (p.as_of, until) {
            (Some(d), Until::Date(view)) => d > view,
            (Some(_), Until::BeforeAnyDate) => true,
            _ => false,
        };
        if later {
            // History is in date order (undated first): nothing later can count.
            break;
        }
        if !meets(p, min) {
            continue;
        }
        state.shown = Some(id);
        if p.status == Some(Status::Withdrawn) {
            state.standing = None;
        } else if p.stance.is_some() {
            state.standing = Some(id);
        }
    }
    state
}

/// Every cell's state at a date: the positions shown and the standing ones.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grid {
    /// Per issue, per party: the position shown.
    pub shown: Cells,
    /// Per issue, per party: the standing position (its stance stands).
    pub standing: Cells,
}

impl Grid {
    /// The grid of `model` at `date` (every position counts when `None`), positions
    /// below `min` left out.
    pub fn at(model: &Model, date: Option<Date>, min: Option<Confidence>) -> Grid {
        Grid::until(model, date.map_or(Until::Always, Until::Date), min)
    }

    /// The grid before any date (`stances diff` up to 0000-01-01, which has no day
    /// before it): only undated positions count, positions below `min` left out.
    pub fn before_any_date(model: &Model, min: Option<Confidence>) -> Grid {
        Grid::until(model, Until::BeforeAnyDate, min)
    }

    fn until(model: &Model, until: Until, min: Option<Confidence>) -> Grid {
        let (issues, parties) = (model.issues.len(), model.parties.len());
        let mut shown = vec![vec![None; parties]; issues];
        let mut standing = vec![vec![None; parties]; issues];
        for issue in model.issue_ids() {
            for party in model.party_ids() {
                let s = state_until(model, Cell::new(issue, party), until, min);
                shown[issue.index()][party.index()] = s.shown;
                standing[issue.index()][party.index()] = s.standing;
            }
        }
        Grid { shown, standing }
    }

    /// The state of one cell.
    pub fn state(&self, cell: Cell) -> CellState {
        CellState {
            shown: super::cell_of(&self.shown, cell.issue, cell.party),
            standing: super::cell_of(&self.standing, cell.issue, cell.party),
        }
    }
}

/// Since when the stance of `standing` has stood without a break: the date of the
/// earliest position of its cell, up to `standing`, that takes the same stance with no
/// other stance and no withdrawal between them (a statement without a stance does not
/// break it). `None` when that position is undated. Positions below `min` count as
/// absent.
pub fn stance_since(model: &Model, standing: PositionId, min: Option<Confidence>) -> Option<Date> {
    let p = &model.positions[standing];
    let stance = p.stance;
    let mut start: Option<Option<Date>> = None;
    for &id in model.history(Cell::new(p.issue, p.party)) {
        let q = &model.positions[id];
        if meets(q, min) || id == standing {
            if q.status == Some(Status::Withdrawn) {
                start = None;
            } else if q.stance.is_some() {
                if q.stance == stance {
                    start.get_or_insert(q.as_of);
                } else {
                    start = None;
                }
            }
        }
        if id == standing {
            break;
        }
    }
    start.unwrap_or(p.as_of)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::build::{ModelText, PositionText};
    use crate::model::{IssueId, PartyId};

    /// One party on one three-step issue: an undated stance, a statement without one,
    /// a low-confidence stance, its withdrawal, another statement, a new stance.
    fn model() -> Model {
        let p = |summary: &str, day: u8| {
            PositionText::new("a", "x", summary).as_of(&format!("2025-01-{day:02}"))
        };
        ModelText::new("T")
            .party("a", "A")
            .scaled_issue("x", "X", &[("s0", "zero"), ("s1", "one"), ("s2", "two")])
            .position(PositionText::new("a", "x", "undated stance").stance("s0"))
            .position(p("a statement without a stance", 2).confidence("high"))
            .position(
                p("a low-confidence stance", 3)
                    .stance("s2")
                    .confidence("low"),
            )
            .position(p("withdrawn", 4).status("withdrawn").stance("s2"))
            .position(p("again without a stance", 5))
            .position(p("a new stance", 6).stance("s1"))
            .model()
    }

    fn at(m: &Model, date: &str, min: Option<Confidence>) -> (Option<usize>, Option<usize>) {
        let s = cell_state(m, Cell::new(IssueId(0), PartyId(0)), Date::parse(date), min);
        (s.shown.map(|p| p.0), s.standing.map(|p| p.0))
    }

    #[test]
    fn a_stance_stands_through_statements_without_one_until_withdrawn() {
        let m = model();
        assert_eq!(at(&m, "2025-01-01", None), (Some(0), Some(0)));
        assert_eq!(at(&m, "2025-01-02", None), (Some(1), Some(0)));
        assert_eq!(at(&m, "2025-01-03", None), (Some(2), Some(2)));
        assert_eq!(at(&m, "2025-01-04", None), (Some(3), None));
        assert_eq!(at(&m, "2025-01-05", None), (Some(4), None));
        assert_eq!(at(&m, "2025-01-06", None), (Some(5), Some(5)));
    }

    #[test]
    fn a_stance_stands_since_the_first_of_a_run_of_the_same_stance() {
        let m = ModelText::new("T")
            .party("a", "A")
            .scaled_issue("x", "X", &[("s0", "zero"), ("s1", "one")])
            .position(
                PositionText::new("a", "x", "first")
                    .as_of("2025-01-01")
                    .stance("s1"),
            )
            .position(PositionText::new("a", "x", "no stance").as_of("2025-01-02"))
            .position(
                PositionText::new("a", "x", "again")
                    .as_of("2025-01-03")
                    .stance("s1"),
            )
            .position(
                PositionText::new("a", "x", "other")
                    .as_of("2025-01-04")
                    .stance("s0"),
            )
            .position(
                PositionText::new("a", "x", "back")
                    .as_of("2025-01-05")
                    .stance("s1"),
            )
            .model();
        assert_eq!(
            stance_since(&m, PositionId(2), None),
            Date::parse("2025-01-01")
        );
        assert_eq!(
            stance_since(&m, PositionId(4), None),
            Date::parse("2025-01-05")
        );
        assert_eq!(
            stance_since(&m, PositionId(0), None),
            Date::parse("2025-01-01")
        );
    }

    #[test]
    fn positions_below_the_minimum_confidence_count_as_absent() {
        let m = model();
        let moderate = Some(Confidence::Moderate);
        // The low-confidence stance is left out: the undated one still stands.
        assert_eq!(at(&m, "2025-01-03", moderate), (Some(1), Some(0)));
        let high = Some(Confidence::High);
        // Unset confidence counts as moderate, so only the high statement is left.
        assert_eq!(at(&m, "2025-01-06", high), (Some(1), None));
        assert_eq!(at(&m, "2025-01-01", high), (None, None));
    }
}
