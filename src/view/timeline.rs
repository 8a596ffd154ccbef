//! One issue over time: for each party, its cell's state at each of the file's dates
//! (docs/SPEC.md §1 grid rule, §5 "Standing stance"): the position the cell shows and
//! the one whose stance stands, so that the reader can draw a party's moves as a line
//! of standing stances, with the statements without a stance made between them.

use super::state::{CellState, cell_state};
use crate::date::Date;
use crate::model::{Cell, Confidence, IssueId, Model};

/// `points[party][d]`: the state of the party's cell on the issue at `dates[d]` (the
/// position shown and the standing one, either possibly none), for every party of the
/// model (by [`PartyId`](crate::model::PartyId) index, file order) and every date
/// given; positions below `min` count as absent.
pub fn points(
    model: &Model,
    issue: IssueId,
    dates: &[Date],
    min: Option<Confidence>,
) -> Vec<Vec<CellState>> {
    model
        .party_ids()
        .map(|party| {
            dates
                .iter()
                .map(|&d| cell_state(model, Cell::new(issue, party), Some(d), min))
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PositionId;
    use crate::model::build::{ModelText, PositionText};

    fn state(shown: Option<usize>, standing: Option<usize>) -> CellState {
        CellState {
            shown: shown.map(PositionId),
            standing: standing.map(PositionId),
        }
    }

    #[test]
    fn each_party_has_its_cell_state_at_each_date_undated_ones_everywhere() {
        let m = ModelText::new("T")
            .party("a", "A")
            .party("b", "B")
            .issue("x", "X")
            .position(PositionText::new("a", "x", "one").as_of("2025-01-01"))
            .position(PositionText::new("a", "x", "two").as_of("2025-01-03"))
            .position(PositionText::new("b", "x", "always"))
            .model();
        let dates = m.dates();
        let shown = |i| state(Some(i), None);
        assert_eq!(
            points(&m, IssueId(0), &dates, None),
            [[shown(0), shown(1)], [shown(2), shown(2)]]
        );
        let none = CellState::default();
        assert_eq!(
            points(&m, IssueId(5), &dates, None),
            [[none, none], [none, none]]
        );
    }

    #[test]
    fn a_stance_stands_under_a_later_statement_until_withdrawn_and_low_ones_drop_out() {
        let p = |summary: &str, day: &str| {
            PositionText::new("a", "x", summary).as_of(&format!("2025-01-{day}"))
        };
        let m = ModelText::new("T")
            .party("a", "A")
            .scaled_issue("x", "X", &[("s0", "zero"), ("s1", "one")])
            .position(p("stance", "01").stance("s1"))
            .position(p("statement", "02"))
            .position(p("withdrawn", "03").stance("s1").status("withdrawn"))
            .position(p("low", "04").stance("s0").confidence("low"))
            .model();
        let dates = m.dates();
        assert_eq!(
            points(&m, IssueId(0), &dates, None)[0],
            [
                state(Some(0), Some(0)),
                state(Some(1), Some(0)),
                state(Some(2), None),
                state(Some(3), Some(3)),
            ]
        );
        assert_eq!(
            points(&m, IssueId(0), &dates, Some(Confidence::Moderate))[0][3],
            state(Some(2), None),
            "below the minimum the low stance is absent: the withdrawal is the latest"
        );
    }
}
