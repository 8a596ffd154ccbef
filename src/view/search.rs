//! Finding positions by text: summaries, details and quotes, case-insensitively.

use crate::date::Date;
use crate::model::Model;

/// True when `position`'s summary, detail or one of its quotes holds `query`,
/// ignoring case. An empty query matches nothing.
pub fn position_matches(model: &Model, position: usize, query: &str) -> bool {
    let q = query.to_lowercase();
    if q.is_empty() {
        return false;
    }
    let Some(p) = model.positions.get(position) else {
        return false;
    };
    let has = |s: &str| s.to_lowercase().contains(&q);
    has(&p.summary)
        || p.detail.as_deref().is_some_and(has)
        || p.citations
            .iter()
            .any(|c| has(&c.quote) || has(model.quote_text(c)))
}

/// Every position that matches `query`, in file order, at any date.
pub fn matching_positions(model: &Model, query: &str) -> Vec<usize> {
    (0..model.positions.len())
        .filter(|&i| position_matches(model, i, query))
        .collect()
}

/// A date at which `position` is the one its cell shows: its `as_of`; for an undated
/// position, the day before the earliest dated position of the same cell (`None` when
/// its cell has no dated position: it is shown at every date).
pub fn shown_at(model: &Model, position: usize) -> Option<Date> {
    let p = model.positions.get(position)?;
    if p.as_of.is_some() {
        return p.as_of;
    }
    model
        .positions
        .iter()
        .filter(|q| q.issue == p.issue && q.party == p.party)
        .filter_map(|q| q.as_of)
        .min()
        .and_then(Date::previous_day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_position_is_shown_at_its_date_and_an_undated_one_before_the_first_date() {
        let m = crate::model::test_model(
            r#"schema = 1
title = "T"
[parties.a]
name = "A"
[issues.x]
name = "X"
[[position]]
party = "a"
issue = "x"
summary = "old Constitution"
[[position]]
party = "a"
issue = "x"
summary = "new"
as_of = 2025-03-01
"#,
        );
        assert_eq!(shown_at(&m, 1), Date::parse("2025-03-01"));
        assert_eq!(shown_at(&m, 0), Date::parse("2025-02-28"));
        assert_eq!(matching_positions(&m, "constitution"), [0]);
    }
}
