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

    #[test]
    fn each_party_has_the_position_in_force_at_each_date_undated_ones_everywhere() {
        let m = crate::model::test_model(
            r#"schema = 1
title = "T"
[parties.a]
name = "A"
[parties.b]
name = "B"
[issues.x]
name = "X"
[[position]]
party = "a"
issue = "x"
summary = "one"
as_of = 2025-01-01
[[position]]
party = "a"
issue = "x"
summary = "two"
as_of = 2025-01-03
[[position]]
party = "b"
issue = "x"
summary = "always"
"#,
        );
        let dates = m.dates();
        let p = |i| Some(PositionId(i));
        assert_eq!(points(&m, IssueId(0), &dates), [[p(0), p(1)], [p(2), p(2)]]);
        assert_eq!(points(&m, IssueId(5), &dates), [[None, None], [None, None]]);
    }
}
