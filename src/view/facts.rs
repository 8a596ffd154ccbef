//! One position in words: its stance on the issue's scale and its status, date and
//! confidence, in the few forms the reader and the exports show them. Strings from the
//! model are put on one line where a line is made here; the formats escape what they
//! are given.

use crate::model::{Issue, Model, Position};

/// A stance as words: the step's label and where it sits on the scale, e.g.
/// `No ceasefire; offensive operations continue — step 5 of 5` (no brackets, so it
/// nests in the brackets of a cell). The label is as written.
pub fn stance_words(issue: &Issue, position: &Position) -> Option<String> {
    let i = position.stance?;
    let step = &issue.scale[i];
    Some(format!(
        "{} — step {} of {}",
        step.label,
        i + 1,
        issue.scale.len()
    ))
}

/// A cell's own stance as words, [`stance_words`], and for a position that withdraws
/// its stance `withdrawn: ` before them, so that what was withdrawn never reads as held.
pub fn cell_stance_words(issue: &Issue, position: &Position) -> Option<String> {
    let words = stance_words(issue, position)?;
    Some(
        if position.status == Some(crate::model::Status::Withdrawn) {
            format!("withdrawn: {words}")
        } else {
            words
        },
    )
}

/// A stance by its label and its place among the steps: `Crimea recognized (3 of 4)`.
/// The label is as written.
pub fn stance_of_steps(issue: &Issue, step: usize) -> String {
    format!(
        "{} ({} of {})",
        issue.scale[step].label,
        step + 1,
        issue.scale.len()
    )
}

/// Status, date and confidence as a cell of a report shows them:
/// `proposed · as of 2025-04-17 · moderate confidence` (parts left out when unknown).
pub fn cell_facts(p: &Position) -> String {
    let mut parts: Vec<String> = Vec::new();
    parts.extend(p.status.map(|s| s.to_string()));
    parts.extend(p.as_of.map(|d| format!("as of {d}")));
    parts.extend(p.confidence.as_ref().map(|c| format!("{c} confidence")));
    parts.join(" · ")
}

/// Status, date and confidence as the plain-text table shows them:
/// `proposed · 2025-04-25 · moderate`.
pub fn compact_facts(p: &Position) -> String {
    let parts: Vec<String> = [
        p.status.map(|s| s.to_string()),
        p.as_of.map(|d| d.to_string()),
        p.confidence.map(|c| c.to_string()),
    ]
    .into_iter()
    .flatten()
    .collect();
    parts.join(" · ")
}

/// Date, status and confidence as the reader's detail page shows them:
/// `as of 2025-04-17 · status: proposed · confidence: moderate`.
pub fn detail_facts(p: &Position) -> String {
    let mut facts = vec![
        p.as_of
            .map_or("undated".to_string(), |d| format!("as of {d}")),
    ];
    if let Some(s) = &p.status {
        facts.push(format!("status: {s}"));
    }
    if let Some(c) = &p.confidence {
        facts.push(format!("confidence: {c}"));
    }
    facts.join(" · ")
}

/// The stance that stands in a cell from an earlier position, when the cell shows a
/// later statement without one: `stance still standing: 30-day ceasefire — step 2 of 5,
/// since 2025-04-14 (high confidence; ± contested)`: since when it has stood without a
/// break (`undated` for an undated position), the confidence and the evidence warnings
/// of the position it stands on, at `horizon`. The label is as written.
pub fn earlier_stance_words(
    model: &Model,
    standing: crate::model::PositionId,
    horizon: crate::view::evidence::Horizon,
) -> Option<String> {
    let p = model.positions.get(standing.index())?;
    let words = stance_words(&model.issues[p.issue], p)?;
    let since = crate::view::state::stance_since(model, standing, horizon.min_confidence)
        .map_or("undated".to_string(), |d| format!("since {d}"));
    let mut about = vec![format!(
        "{} confidence",
        crate::view::state::effective_confidence(p)
    )];
    let flags = crate::view::evidence::flag_words(model, standing, horizon);
    if !flags.is_empty() {
        about.push(flags);
    }
    Some(format!(
        "stance still standing: {words}, {since} ({})",
        about.join("; ")
    ))
}

/// A date as short as a grid cell can say it: `04-17`, or the whole date when its year
/// is not the view date's.
fn short_date(d: crate::date::Date, view_date: Option<crate::date::Date>) -> String {
    if view_date.is_some_and(|v| v.year == d.year) {
        format!("{:02}-{:02}", d.month, d.day)
    } else {
        d.to_string()
    }
}

/// A grid cell's words for a stance that stands from an earlier position than the one
/// it shows: `stance since 04-17`, or `undated stance`.
pub fn standing_since_words(
    model: &Model,
    standing: crate::model::PositionId,
    view_date: Option<crate::date::Date>,
    min: Option<crate::model::Confidence>,
) -> String {
    match crate::view::state::stance_since(model, standing, min) {
        Some(d) => format!("stance since {}", short_date(d, view_date)),
        None => "undated stance".into(),
    }
}

/// What stands when the position shown takes no stance of its own, as `stances diff`
/// says it: `no stance of its own; the stance of 2025-04-17 stands`, or `no stance of
/// its own; an undated stance stands`. The date is the one since which the stance has
/// stood without a break ([`crate::view::state::stance_since`]), as `compare` says it.
pub fn still_stands_words(model: &Model, standing: crate::model::PositionId) -> String {
    let which = crate::view::state::stance_since(model, standing, None)
        .map_or("an undated stance".to_string(), |d| {
            format!("the stance of {d}")
        });
    format!("no stance of its own; {which} stands")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;
    use crate::model::PositionId;
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
        assert_eq!(
            standing_since_words(&m, id("new"), view, None),
            "stance since 01-03"
        );
        assert_eq!(
            standing_since_words(&m, id("old"), view, None),
            "stance since 2024-12-30"
        );
        assert_eq!(
            standing_since_words(&m, id("undated"), view, None),
            "undated stance"
        );
        assert_eq!(
            still_stands_words(&m, id("old")),
            "no stance of its own; the stance of 2024-12-30 stands"
        );
    }
}
