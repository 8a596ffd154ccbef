//! One issue over time: for each party, the position in force at each of the file's
//! dates (SPEC §1 grid rule), so that the reader can draw a party's moves as a line.

use super::cells_at;
use crate::date::Date;
use crate::model::Model;

/// `points[party][d]`: the position of `party` on the issue at `dates[d]`, if any,
/// for every party of the model (file order) and every date given.
pub fn points(model: &Model, issue: usize, dates: &[Date]) -> Vec<Vec<Option<usize>>> {
    let grids: Vec<_> = dates.iter().map(|&d| cells_at(model, Some(d))).collect();
    (0..model.parties.len())
        .map(|party| {
            grids
                .iter()
                .map(|g| g.get(issue).and_then(|r| r.get(party)).copied().flatten())
                .collect()
        })
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
        assert_eq!(
            points(&m, 0, &dates),
            [[Some(0), Some(1)], [Some(2), Some(2)]]
        );
        assert_eq!(points(&m, 5, &dates), [[None, None], [None, None]]);
    }
}
