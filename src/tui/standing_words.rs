//! How the reader says that a cell's stance stands from an earlier position than the
//! one it shows (docs/SPEC.md §5 "Standing stance"): the cell's short form and the
//! detail page's sentence. The view's words for a placed party
//! ([`crate::view::compare::words::since_words`]) need a comparison; these need only
//! the standing position, for the grid's cells and for any page of the history.

use crate::date::Date;
use crate::model::{Model, PositionId};

/// The date of `position` as short as a cell can say it: `04-17`, or the whole date
/// when its year is not the view date's.
fn short_date(d: Date, view_date: Option<Date>) -> String {
    if view_date.is_some_and(|v| v.year == d.year) {
        format!("{:02}-{:02}", d.month, d.day)
    } else {
        d.to_string()
    }
}

/// A cell's words for a stance that stands from an earlier position: `stance since
/// 04-17`, or `undated stance`.
pub fn since(model: &Model, standing: PositionId, view_date: Option<Date>) -> String {
    match model.positions[standing].as_of {
        Some(d) => format!("stance since {}", short_date(d, view_date)),
        None => "undated stance".into(),
    }
}

/// The words for the stance that still stands when the position shown takes none, as
/// `stances diff` says it of a cell's state (`crate::view::diff::words::state_words`):
/// `no stance of its own; the stance of 2025-04-17 stands`.
pub fn still_stands(model: &Model, standing: PositionId) -> String {
    let of = model.positions[standing]
        .as_of
        .map_or("an undated position".to_string(), |d| d.to_string());
    format!("no stance of its own; the stance of {of} stands")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::build::{ModelText, PositionText};

    #[test]
    fn the_cell_says_since_when_with_the_year_only_when_it_differs() {
        let m = ModelText::new("T")
            .party("a", "A")
            .scaled_issue("x", "X", &[("s0", "zero"), ("s1", "one")])
            .position(
                PositionText::new("a", "x", "old")
                    .as_of("2024-12-30")
                    .stance("s0"),
            )
            .position(
                PositionText::new("a", "x", "new")
                    .as_of("2025-01-03")
                    .stance("s1"),
            )
            .position(PositionText::new("a", "x", "undated").stance("s1"))
            .model();
        let view = Date::parse("2025-01-05");
        let id = |summary: &str| {
            PositionId(
                m.positions
                    .iter()
                    .position(|p| p.summary == summary)
                    .unwrap(),
            )
        };
        assert_eq!(since(&m, id("new"), view), "stance since 01-03");
        assert_eq!(since(&m, id("old"), view), "stance since 2024-12-30");
        assert_eq!(since(&m, id("undated"), view), "undated stance");
        assert_eq!(
            still_stands(&m, id("old")),
            "no stance of its own; the stance of 2024-12-30 stands"
        );
    }
}
