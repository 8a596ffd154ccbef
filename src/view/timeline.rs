//! One issue over time: for each party, the position in force at each of the file's
//! dates (docs/SPEC.md §1 grid rule), so that the reader can draw a party's moves as a line.

use super::{cell_of, cells_at};
use crate::date::Date;
use crate::model::{IssueId, Model, PositionId};

/// `points[party][d]`: the position of the party on the issue at `dates[d]`, if any,
/// for every party of the model (by [`PartyId`](crate::model::PartyId) index, file
/// order) and every date given.
pub fn points(model: &Model, issue: IssueId, dates: &[Date]) -> Vec<Vec<Option<PositionId>>> {
    let grids: Vec<_> = dates.iter().map(|&d| cells_at(model, Some(d))).collect();
    model
        .party_ids()
        .map(|party| grids.iter().map(|g| cell_of(g, issue, party)).collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::build::{ModelText, PositionText};

    #[test]
    fn each_party_has_the_position_in_force_at_each_date_undated_ones_everywhere() {
        let m = ModelText::new("T")
            .party("a", "A")
            .party("b", "B")
            .issue("x", "X")
            .position(PositionText::new("a", "x", "one").as_of("2025-01-01"))
            .position(PositionText::new("a", "x", "two").as_of("2025-01-03"))
            .position(PositionText::new("b", "x", "always"))
            .model();
        let dates = m.dates();
        let p = |i| Some(PositionId(i));
        assert_eq!(points(&m, IssueId(0), &dates), [[p(0), p(1)], [p(2), p(2)]]);
        assert_eq!(points(&m, IssueId(5), &dates), [[None, None], [None, None]]);
    }
}
