//! Changes between two dates in JSON (docs/SPEC.md §6): `stances diff --format json` and the
//! `changes` key of `export --format json --since`.

use crate::date::Date;
use crate::model::{Model, PositionId};
use crate::view::diff::Diff;
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
    before: Option<SideOut<'m>>,
    after: Option<SideOut<'m>>,
}

/// A position before or after a change, in JSON.
#[derive(Serialize)]
struct SideOut<'m> {
    summary: &'m str,
    status: Option<&'static str>,
    stance: Option<&'m str>,
    as_of: Option<Date>,
    line: usize,
}

/// The changes of `diff` in the shape of docs/SPEC.md §6.
pub fn changes_out<'m>(model: &'m Model, diff: &Diff) -> Vec<ChangeOut<'m>> {
    let side = |p: Option<PositionId>| {
        let p = model.positions.get(p?.index())?;
        let scale = &model.issues.get(p.issue.index())?.scale;
        Some(SideOut {
            summary: &p.summary,
            status: p.status.map(crate::model::Status::id),
            stance: p.stance.and_then(|s| scale.get(s)).map(|s| s.id.as_str()),
            as_of: p.as_of,
            line: p.line,
        })
    };
    diff.changes
        .iter()
        .map(|c| ChangeOut {
            issue: &model.issues[c.issue].id,
            party: &model.parties[c.party].id,
            kind: c.kind.id(),
            steps: c.steps(),
            before: side(c.before),
            after: side(c.after),
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
