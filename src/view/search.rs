//! Finding positions by text: summaries, details and quotes, case-insensitively.

use crate::date::Date;
use crate::model::{Model, PositionId};

/// A query to look for in many texts, ignoring case: lowercased once; an ASCII query in
/// an ASCII text (most texts) is looked for without lowercasing the text.
pub struct Query {
    /// The query lowercased.
    lower: String,
}

impl Query {
    /// The query for `query` as typed.
    pub fn new(query: &str) -> Self {
        Query {
            lower: query.to_lowercase(),
        }
    }

    /// True when `text` holds the query, ignoring case: as
    /// `text.to_lowercase().contains(&query.to_lowercase())`. An empty query is in no
    /// text.
    pub fn found_in(&self, text: &str) -> bool {
        let needle = self.lower.as_bytes();
        let Some((&first, rest)) = needle.split_first() else {
            return false;
        };
        if !(self.lower.is_ascii() && text.is_ascii()) {
            return text.to_lowercase().contains(&self.lower);
        }
        // ASCII lowercases to ASCII, byte for byte: each place the first byte is, in
        // either case, is compared on.
        let hay = text.as_bytes();
        let (lower, upper) = (first, first.to_ascii_uppercase());
        memchr::memchr2_iter(lower, upper, hay).any(|i| {
            hay.get(i + 1..i + needle.len())
                .is_some_and(|after| after.eq_ignore_ascii_case(rest))
        })
    }
}

/// True when `position`'s summary, detail or one of its quotes holds `query`,
/// ignoring case. An empty query matches nothing.
pub fn position_matches(model: &Model, position: PositionId, query: &Query) -> bool {
    let Some(p) = model.positions.get(position.index()) else {
        return false;
    };
    let has = |s: &str| query.found_in(s);
    has(&p.summary)
        || p.detail.as_deref().is_some_and(has)
        || p.citations
            .iter()
            .any(|c| has(&c.quote) || has(model.quote_text(c)))
}

/// For each position, in file order, whether it matches `query` (at any date).
pub fn matching_positions(model: &Model, query: &str) -> Vec<bool> {
    let query = Query::new(query);
    model
        .position_ids()
        .map(|i| position_matches(model, i, &query))
        .collect()
}

/// A date at which `position` is the one its cell shows: its `as_of`; for an undated
/// position, the day before the earliest dated position of the same cell (`None` when
/// its cell has no dated position: it is shown at every date).
pub fn shown_at(model: &Model, position: PositionId) -> Option<Date> {
    let p = model.positions.get(position.index())?;
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
    use crate::model::build::{ModelText, PositionText};

    #[test]
    fn a_position_is_shown_at_its_date_and_an_undated_one_before_the_first_date() {
        let m = ModelText::new("T")
            .party("a", "A")
            .issue("x", "X")
            .position(PositionText::new("a", "x", "old Constitution"))
            .position(PositionText::new("a", "x", "new").as_of("2025-03-01"))
            .model();
        assert_eq!(shown_at(&m, PositionId(1)), Date::parse("2025-03-01"));
        assert_eq!(shown_at(&m, PositionId(0)), Date::parse("2025-02-28"));
        assert_eq!(matching_positions(&m, "constitution"), [true, false]);
        assert_eq!(matching_positions(&m, "NEW"), [false, true]);
        assert_eq!(matching_positions(&m, ""), [false, false]);
    }

    proptest::proptest! {
        /// The query is found where lowercasing both finds it.
        #[test]
        fn a_query_is_found_as_in_the_lowercased_text(
            text in "[aAbB İKΣσé]{0,12}",
            query in "[aAbB İkKΣσé]{0,3}",
        ) {
            let expected = !query.is_empty()
                && text.to_lowercase().contains(&query.to_lowercase());
            proptest::prop_assert_eq!(Query::new(&query).found_in(&text), expected);
        }
    }
}
