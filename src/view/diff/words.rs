//! Changes in words: what `stances diff`, the exports' "changes since" sections and the
//! reader's base-date marks say about each changed cell. Every format takes its words
//! from here and only lays them out, styles and escapes them.

use super::{Change, Diff, Kind};
use crate::date::Date;
use crate::model::{IssueId, Model, PartyId, Position};
use crate::sanitize::one_line;
use std::fmt::Write;

/// What happened to the cell, in words: `new position`, `moved 1 step toward the “…”
/// end of the scale; toward Ukraine`, `changed: summary, status`, `restated (…)`.
pub fn change_words(model: &Model, c: &Change) -> String {
    let before = c.before.and_then(|p| model.positions.get(p.index()));
    let after = c.after.and_then(|p| model.positions.get(p.index()));
    match (c.kind, &c.movement) {
        (Kind::New, _) => "new position".into(),
        (Kind::Removed, _) => "no position any more".into(),
        (Kind::Moved, Some(m)) => {
            let scale = &model.issues[c.issue].scale;
            let n = m.steps.unsigned_abs();
            let pole = scale.get(m.pole).map_or("", |s| s.label.as_str());
            let mut s = format!(
                "moved {n} step{} toward the “{}” end of the scale",
                if n == 1 { "" } else { "s" },
                one_line(pole)
            );
            let names = |ps: &[PartyId]| {
                let v: Vec<String> = ps
                    .iter()
                    .map(|&p| one_line(&model.parties[p].name))
                    .collect();
                v.join(", ")
            };
            if !m.toward.is_empty() {
                let _ = write!(s, "; toward {}", names(&m.toward));
            }
            if !m.away.is_empty() {
                let _ = write!(s, "; away from {}", names(&m.away));
            }
            s
        }
        _ => match (before, after) {
            (Some(b), Some(a)) => changed_fields(b, a),
            _ => "changed".into(),
        },
    }
}

/// `changed: summary, status` — which of the shown fields differ, or `restated`.
fn changed_fields(b: &Position, a: &Position) -> String {
    let fields = [
        ("stance", b.stance != a.stance),
        ("summary", b.summary != a.summary),
        ("status", b.status != a.status),
        ("detail", b.detail != a.detail),
        ("acceptable range", b.acceptable != a.acceptable),
        ("confidence", b.confidence != a.confidence),
    ];
    let what: Vec<&str> = fields
        .into_iter()
        .filter_map(|(name, differs)| differs.then_some(name))
        .collect();
    if what.is_empty() {
        "restated (same summary, status and stance; new date or sources)".into()
    } else {
        format!("changed: {}", what.join(", "))
    }
}

/// The reader's mark of a cell changed since the base date: `▲n` moved n steps toward
/// the last step of the scale, `▼n` toward the first, `+` new, `~` changed, `-` gone.
pub fn change_mark(change: &Change) -> String {
    match (change.kind, change.steps()) {
        (Kind::Moved, Some(n)) if n > 0 => format!("▲{n}"),
        (Kind::Moved, Some(n)) => format!("▼{}", n.unsigned_abs()),
        (Kind::New, _) => "+".into(),
        (Kind::Removed, _) => "-".into(),
        _ => "~".into(),
    }
}

/// The dates compared, e.g. `from 2025-04-17 to 2025-04-25`.
pub fn span_words(diff: &Diff) -> String {
    let d = |d: Option<Date>| d.map_or("the latest".to_string(), |d| d.to_string());
    format!("from {} to {}", d(diff.from), d(diff.to))
}

/// The date a diff starts from, as a heading shows it (empty when there is none).
pub fn since_words(diff: &Diff) -> String {
    diff.from.map_or_else(String::new, |d| d.to_string())
}

/// One side of a change: the position shown before or after it.
#[derive(Clone, Copy, Debug)]
pub struct Side<'m> {
    /// `before` or `after`.
    pub label: &'static str,
    /// The position.
    pub position: &'m Position,
}

impl Change {
    /// The positions before and after the change, as present.
    pub fn sides<'m>(&self, model: &'m Model) -> Vec<Side<'m>> {
        [("before", self.before), ("after", self.after)]
            .into_iter()
            .filter_map(|(label, p)| {
                Some(Side {
                    label,
                    position: model.positions.get(p?.index())?,
                })
            })
            .collect()
    }
}

impl Diff {
    /// The changes grouped by issue, in order: (issue, its changes).
    pub fn by_issue(&self) -> Vec<(IssueId, Vec<&Change>)> {
        let mut out: Vec<(IssueId, Vec<&Change>)> = Vec::new();
        for c in &self.changes {
            match out.last_mut() {
                Some((i, v)) if *i == c.issue => v.push(c),
                _ => out.push((c.issue, vec![c])),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::build::{ModelText, PositionText};

    #[test]
    fn changed_fields_name_the_fields_that_differ() {
        let m = ModelText::new("T")
            .party("a", "A")
            .issue("x", "X")
            .position(PositionText::new("a", "x", "one").as_of("2025-01-01"))
            .position(PositionText::new("a", "x", "one").as_of("2025-01-02"))
            .position(
                PositionText::new("a", "x", "two")
                    .status("stated")
                    .as_of("2025-01-03"),
            )
            .model();
        let p = &m.positions;
        assert!(changed_fields(&p[0], &p[1]).starts_with("restated"));
        assert_eq!(changed_fields(&p[1], &p[2]), "changed: summary, status");
        // A wider range the party could accept is a change an analyst looks for.
        let mut wider = p[2].clone();
        wider.acceptable = Some((0, 0));
        assert_eq!(changed_fields(&p[2], &wider), "changed: acceptable range");
    }
}
