//! Changes between two dates in JSON (docs/SPEC.md §6): `stances diff --format json` and the
//! `changes` key of `export --format json --since`.

use crate::date::Date;
use crate::model::{IssueId, Model, PositionId};
use crate::view::diff::{Diff, When};
use serde::Serialize;

/// The `stances diff --format json` document.
#[derive(Serialize)]
pub struct DiffOut<'m> {
    /// The earlier date.
    pub from: Option<Date>,
    /// The later date.
    pub to: Option<Date>,
    /// One entry per changed cell.
    pub changes: Vec<ChangeOut<'m>>,
}

/// One change in JSON.
#[derive(Serialize)]
pub struct ChangeOut<'m> {
    issue: &'m str,
    party: &'m str,
    kind: &'static str,
    steps: Option<isize>,
    fields: Vec<&'static str>,
    before: Option<StateOut<'m>>,
    after: Option<StateOut<'m>>,
    via: Vec<ViaOut<'m>>,
}

/// A cell's state before or after a change: the position shown (its summary, status,
/// confidence, date and line), then the standing stance, its stated range and its date.
#[derive(Serialize)]
struct StateOut<'m> {
    summary: &'m str,
    status: Option<&'static str>,
    confidence: Option<&'static str>,
    as_of: Option<Date>,
    line: usize,
    stance: Option<&'m str>,
    range: Option<[&'m str; 2]>,
    stance_as_of: Option<Date>,
}

/// One position of the movement log.
#[derive(Serialize)]
struct ViaOut<'m> {
    as_of: Option<Date>,
    summary: &'m str,
    stance: Option<&'m str>,
    line: usize,
}

/// The changes of `diff` in the shape of docs/SPEC.md §6.
pub fn changes_out<'m>(model: &'m Model, diff: &Diff) -> Vec<ChangeOut<'m>> {
    let step_id = |issue: IssueId, step: usize| -> &'m str {
        model.issues[issue]
            .scale
            .get(step)
            .map_or("", |s| s.id.as_str())
    };
    let state = |(shown, standing): (Option<PositionId>, Option<PositionId>)| {
        let p = &model.positions[shown?];
        let st = standing.map(|s| &model.positions[s]);
        Some(StateOut {
            summary: &p.summary,
            status: p.status.map(crate::model::Status::id),
            confidence: p.confidence.map(crate::model::Confidence::id),
            as_of: p.as_of,
            line: p.line,
            stance: st.and_then(|s| s.stance).map(|k| step_id(p.issue, k)),
            range: st
                .and_then(|s| s.acceptable)
                .map(|(lo, hi)| [step_id(p.issue, lo), step_id(p.issue, hi)]),
            stance_as_of: st.and_then(|s| s.as_of),
        })
    };
    diff.changes
        .iter()
        .map(|c| ChangeOut {
            issue: &model.issues[c.issue].id,
            party: &model.parties[c.party].id,
            kind: c.kind.id(),
            steps: c.steps(),
            fields: c.fields.iter().map(|f| f.id()).collect(),
            before: state(c.state(When::Before)),
            after: state(c.state(When::After)),
            via: c
                .via
                .iter()
                .map(|&v| {
                    let p = &model.positions[v];
                    ViaOut {
                        as_of: p.as_of,
                        summary: &p.summary,
                        stance: p.stance.map(|k| step_id(p.issue, k)),
                        line: p.line,
                    }
                })
                .collect(),
        })
        .collect()
}

/// `stances diff --format json`: `{"from", "to", "changes"}`, pretty-printed.
pub fn diff(model: &Model, diff: &Diff) -> String {
    super::pretty::pretty(&DiffOut {
        from: diff.from,
        to: diff.to,
        changes: changes_out(model, diff),
    })
}
