//! Changes in words: what `stances diff`, the exports' "changes since" sections and the
//! reader's base-date marks say about each changed cell. Every format takes its words
//! from here and only lays them out, styles and escapes them.

use super::{Change, Diff, Kind, When};
use crate::date::Date;
use crate::model::{IssueId, Model, PartyId, PositionId};
use crate::sanitize::one_line;
use crate::view::compare::words::{stance_words, steps_words};
use crate::view::state::effective_confidence;
use std::fmt::Write;

/// What happened to the cell, in words: `new position`, `moved 1 step toward the “…”
/// end of the scale; toward Ukraine`, `withdrawn: the stance “…” no longer stands`,
/// `changed (summary, status): a new statement without a stance; the stance “…” of
/// 2025-04-17 still stands`, `restated (…)`.
pub fn change_words(model: &Model, c: &Change) -> String {
    let issue = &model.issues[c.issue];
    // A stance with the date since which it has stood without a break.
    let stance_of = |p: Option<PositionId>| {
        let id = p?;
        let stance = model.positions[id].stance?;
        Some((stance, crate::view::state::stance_since(model, id, None)))
    };
    let label = |step: usize| one_line(issue.scale.get(step).map_or("", |s| s.label.as_str()));
    match (c.kind, &c.movement) {
        (Kind::New, _) => "new position".into(),
        (Kind::Removed, _) => "no position any more".into(),
        (Kind::Withdrawn, _) => match stance_of(c.standing_before) {
            Some((step, _)) => format!("withdrawn: the stance “{}” no longer stands", label(step)),
            None => "withdrawn".into(),
        },
        (Kind::Moved, Some(m)) => moved_words(model, c, m),
        _ => {
            if c.fields.is_empty() {
                return "restated (same summary, status, confidence and stance; a new date or sources)"
                    .into();
            }
            let fields = fields_words(c);
            let after_has_stance = c.after.is_some_and(|p| model.positions[p].stance.is_some());
            match (stance_of(c.standing_before), stance_of(c.standing_after)) {
                (None, Some((step, _))) => {
                    format!("changed ({fields}): a first stance, “{}”", label(step))
                }
                (Some(_), Some((step, date))) if !after_has_stance => format!(
                    "changed ({fields}): a new statement without a stance; the stance “{}”{} still stands",
                    label(step),
                    date.map_or(String::new(), |d| format!(" of {d}"))
                ),
                (Some(_), Some((step, _))) => {
                    format!("changed ({fields}); the stance is still “{}”", label(step))
                }
                _ => format!("changed ({fields})"),
            }
        }
    }
}

/// The fields that differ, named: `summary, status`.
pub fn fields_words(c: &Change) -> String {
    let names: Vec<&str> = c.fields.iter().map(|f| f.id()).collect();
    names.join(", ")
}

/// A move in words: its size, the end of the scale it goes toward, and the parties it
/// comes closer to or goes away from.
fn moved_words(model: &Model, c: &Change, m: &super::Movement) -> String {
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

/// One side of a change in words: the summary of the position shown, and its facts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StateWords {
    /// `before` or `after`.
    pub label: &'static str,
    /// The summary of the position shown.
    pub summary: String,
    /// Its standing stance (its own, or an earlier one that still stands, or none), the
    /// range it stated, status, date, confidence and, when asked, its line.
    pub facts: Vec<String>,
}

/// The state before or after a change in words (`None` when the cell was empty),
/// with positions.toml's line numbers when `lines` (for curators, not reports).
pub fn state_words(model: &Model, c: &Change, when: When, lines: bool) -> Option<StateWords> {
    let (shown, standing) = c.state(when);
    let p = model.positions.get(shown?.index())?;
    let issue = &model.issues[p.issue];
    let mut facts = Vec::new();
    match standing.map(|s| &model.positions[s]) {
        Some(st) if Some(shown?) == standing => {
            facts.extend(
                st.stance
                    .map(|k| format!("stance: {}", stance_words(issue, k))),
            );
        }
        Some(st) => {
            let stands = crate::view::facts::still_stands_words(model, standing?);
            facts.extend(
                st.stance
                    .map(|k| format!("{stands}: {}", stance_words(issue, k))),
            );
        }
        None if !issue.scale.is_empty() => {
            facts.push(if p.status == Some(crate::model::Status::Withdrawn) {
                "no stance stands (withdrawn)".into()
            } else {
                "no stance".into()
            });
        }
        None => {}
    }
    if let Some((lo, hi)) = standing.and_then(|s| model.positions[s].acceptable) {
        facts.push(format!("could accept {}", steps_words(issue, (lo, hi))));
    }
    facts.extend(p.status.map(|s| s.to_string()));
    facts.push(p.as_of.map_or("undated".into(), |d| format!("as of {d}")));
    facts.push(format!("{} confidence", effective_confidence(p)));
    if lines {
        facts.push(format!("line {}", p.line));
    }
    Some(StateWords {
        label: match when {
            When::Before => "before",
            When::After => "after",
        },
        summary: one_line(&p.summary),
        facts,
    })
}

/// Both sides of a change that have a position, before then after.
pub fn sides_words(model: &Model, c: &Change, lines: bool) -> Vec<StateWords> {
    [When::Before, When::After]
        .into_iter()
        .filter_map(|w| state_words(model, c, w, lines))
        .collect()
}

/// One position of a change's movement log: `2025-04-23 “Trump: …” (no stance)`, with
/// ` · line 175` when `lines`.
pub fn via_words(model: &Model, position: PositionId, lines: bool) -> String {
    let p = &model.positions[position];
    let issue = &model.issues[p.issue];
    let date = p.as_of.map_or("undated".into(), |d| d.to_string());
    let stance = match p.stance {
        Some(k) if p.status == Some(crate::model::Status::Withdrawn) => {
            format!("withdraws: {}", stance_words(issue, k))
        }
        Some(k) => format!("stance: {}", stance_words(issue, k)),
        None if p.status == Some(crate::model::Status::Withdrawn) => "withdrawn".into(),
        None if issue.scale.is_empty() => String::new(),
        None => "no stance".into(),
    };
    let mut s = format!("{date} “{}”", one_line(&p.summary));
    if !stance.is_empty() {
        let _ = write!(s, " ({stance})");
    }
    if lines {
        let _ = write!(s, " · line {}", p.line);
    }
    s
}

/// The reader's mark of a cell changed since the base date: `▲n` moved n steps toward
/// the last step of the scale, `▼n` toward the first, `+` new, `×` withdrawn, `~`
/// changed, `-` gone.
pub fn change_mark(change: &Change) -> String {
    match (change.kind, change.steps()) {
        (Kind::Moved, Some(n)) if n > 0 => format!("▲{n}"),
        (Kind::Moved, Some(n)) => format!("▼{}", n.unsigned_abs()),
        (Kind::New, _) => "+".into(),
        (Kind::Withdrawn, _) => "×".into(),
        (Kind::Removed, _) => "-".into(),
        _ => "~".into(),
    }
}

/// The dates compared, e.g. `from 2025-04-17 to 2025-04-25`.
pub fn span_words(diff: &Diff) -> String {
    let d = |d: Option<Date>| d.map_or("the latest".to_string(), |d| d.to_string());
    match (diff.from, diff.to) {
        (None, Some(to)) => format!("from before any date to {to}"),
        (from, to) => format!("from {} to {}", d(from), d(to)),
    }
}

/// The date a diff starts from, as a heading shows it (empty when there is none).
pub fn since_words(diff: &Diff) -> String {
    diff.from.map_or_else(String::new, |d| d.to_string())
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
