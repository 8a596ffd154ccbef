//! Changes over time (docs/SPEC.md §6): how the grid at one date differs from the grid at another.
//!
//! [`Diff::new`] compares the cells at `from` with the cells at `to` (docs/SPEC.md §1 grid rule)
//! and lists one [`Change`] per cell that shows another position, in issue order then
//! party order. A cell differs when it shows another `[[position]]` entry: a position
//! restated at a later date with the same summary, status and stance is `changed`
//! too (its date, detail or citations are new), so applying the changes to the grid at
//! `from` always gives the grid at `to` (see [`Diff::apply`]).
//!
//! A cell can only lose its position when `from` is after `to`: every position in
//! force at `from` is dated on or before it (or undated), so it is still a candidate
//! at any later date. The command line refuses `--from` after `--to`, so only the
//! reader, whose base date may lie after the view date, meets [`Kind::Removed`].

use super::{Cells, cell_of, cells_at};
use crate::date::Date;
use crate::model::{IssueId, Model, PartyId, PositionId};

/// What happened to a cell between the two dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Empty at `from`, a position at `to`.
    New,
    /// Both have a stance and the stance differs.
    Moved,
    /// Another position otherwise (no scale, a stance on one side only, or the same
    /// stance with another summary, status or date).
    Changed,
    /// A position at `from`, none at `to` (only when `from` is after `to`).
    Removed,
}

impl Kind {
    /// The word used in JSON and in text: `new`, `moved`, `changed`, `removed`.
    pub fn id(self) -> &'static str {
        match self {
            Kind::New => "new",
            Kind::Moved => "moved",
            Kind::Changed => "changed",
            Kind::Removed => "removed",
        }
    }
}

/// How a party moved on an issue's scale, in words a reader can use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Movement {
    /// Stance at `to` minus stance at `from`, in scale steps.
    pub steps: isize,
    /// The scale step at the end moved toward: the first step when `steps` is
    /// negative, the last when positive.
    pub pole: usize,
    /// Other parties (in file order) whose stance at `to` the party came closer to.
    pub toward: Vec<PartyId>,
    /// Other parties whose stance at `to` the party moved away from.
    pub away: Vec<PartyId>,
}

/// One cell that differs between the two dates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// The issue.
    pub issue: IssueId,
    /// The party.
    pub party: PartyId,
    /// What happened.
    pub kind: Kind,
    /// The position shown at `from`, if any.
    pub before: Option<PositionId>,
    /// The position shown at `to`, if any.
    pub after: Option<PositionId>,
    /// For a move: its size and direction.
    pub movement: Option<Movement>,
}

impl Change {
    /// Signed steps of a move; `None` unless the kind is [`Kind::Moved`].
    pub fn steps(&self) -> Option<isize> {
        self.movement.as_ref().map(|m| m.steps)
    }
}

/// Every change between the grid at `from` and the grid at `to`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diff {
    /// The earlier date (`None` only when nothing in the file is dated).
    pub from: Option<Date>,
    /// The later date.
    pub to: Option<Date>,
    /// One change per differing cell, in issue order then party order.
    pub changes: Vec<Change>,
}

/// The dates `stances diff` compares when some are not given: `to` defaults to the
/// latest date of the file (or `from`, when that is later); `from` to the file's date
/// before `to`, or the day before `to` when the file has none (so that everything
/// dated `to` shows as new). Both stay `None` only when nothing is dated or given.
pub fn default_dates(
    model: &Model,
    from: Option<Date>,
    to: Option<Date>,
) -> (Option<Date>, Option<Date>) {
    let to = to.or_else(|| model.latest_date().max(from));
    let from = from.or_else(|| {
        let to = to?;
        let dates = model.dates();
        let before = dates.partition_point(|&d| d < to);
        match before.checked_sub(1) {
            Some(i) => Some(dates[i]),
            // 0000-01-01 has no day before it: compare it with itself (no change),
            // never with "no date", which would mean the latest of every cell.
            None => to.previous_day().or(Some(to)),
        }
    });
    (from, to)
}

impl Diff {
    /// The changes between the grid at `from` and the grid at `to`.
    pub fn new(model: &Model, from: Option<Date>, to: Option<Date>) -> Diff {
        let before = cells_at(model, from);
        let after = cells_at(model, to);
        Diff::between(model, from, &before, to, &after)
    }

    /// The changes between two grids already computed (`before` at `from`, `after`
    /// at `to`).
    pub fn between(
        model: &Model,
        from: Option<Date>,
        before: &Cells,
        to: Option<Date>,
        after: &Cells,
    ) -> Diff {
        let mut changes = Vec::new();
        for issue in model.issue_ids() {
            for party in model.party_ids() {
                let b = cell_of(before, issue, party);
                let a = cell_of(after, issue, party);
                if let Some(change) = classify(model, after, issue, party, b, a) {
                    changes.push(change);
                }
            }
        }
        Diff { from, to, changes }
    }

    /// `cells` (the grid at `from`) with every change's `after` put in: the grid at `to`.
    pub fn apply(&self, cells: &Cells) -> Cells {
        let mut out = cells.clone();
        for c in &self.changes {
            let slot = out
                .get_mut(c.issue.index())
                .and_then(|r| r.get_mut(c.party.index()));
            if let Some(slot) = slot {
                *slot = c.after;
            }
        }
        out
    }

    /// The change of one cell, if it changed.
    pub fn at(&self, issue: IssueId, party: PartyId) -> Option<&Change> {
        self.changes
            .iter()
            .find(|c| c.issue == issue && c.party == party)
    }

    /// How many changes of `kind` there are.
    pub fn count(&self, kind: Kind) -> usize {
        self.changes.iter().filter(|c| c.kind == kind).count()
    }

    /// The counts in words, e.g. `3 changes: 1 new, 1 moved, 1 changed` or `no changes`.
    pub fn summary(&self) -> String {
        let n = self.changes.len();
        if n == 0 {
            return "no changes".into();
        }
        let parts: Vec<String> = [Kind::New, Kind::Moved, Kind::Changed, Kind::Removed]
            .into_iter()
            .map(|k| (k, self.count(k)))
            .filter(|&(_, c)| c > 0)
            .map(|(k, c)| format!("{c} {}", k.id()))
            .collect();
        let noun = if n == 1 { "change" } else { "changes" };
        format!("{n} {noun}: {}", parts.join(", "))
    }
}

/// The change of one cell from `b` to `a`, or `None` when it shows the same position.
fn classify(
    model: &Model,
    after: &Cells,
    issue: IssueId,
    party: PartyId,
    b: Option<PositionId>,
    a: Option<PositionId>,
) -> Option<Change> {
    let stance = |p: PositionId| model.positions.get(p.index()).and_then(|p| p.stance);
    let (kind, movement) = match (b, a) {
        (None, None) => return None,
        (Some(x), Some(y)) if x == y => return None,
        (None, Some(_)) => (Kind::New, None),
        (Some(_), None) => (Kind::Removed, None),
        (Some(x), Some(y)) => match (stance(x), stance(y)) {
            (Some(s1), Some(s2)) if s1 != s2 => (
                Kind::Moved,
                Some(movement(model, after, issue, party, s1, s2)),
            ),
            _ => (Kind::Changed, None),
        },
    };
    Some(Change {
        issue,
        party,
        kind,
        before: b,
        after: a,
        movement,
    })
}

/// Size and direction of a move from step `s1` to `s2`, and which other parties'
/// stances at `to` it comes closer to or goes away from.
fn movement(
    model: &Model,
    after: &Cells,
    issue: IssueId,
    party: PartyId,
    s1: usize,
    s2: usize,
) -> Movement {
    let steps = s2 as isize - s1 as isize;
    let last = model
        .issues
        .get(issue.index())
        .map_or(0, |i| i.scale.len().saturating_sub(1));
    let pole = if steps < 0 { 0 } else { last };
    let (mut toward, mut away) = (Vec::new(), Vec::new());
    for other in model.party_ids().filter(|&q| q != party) {
        let Some(q) = cell_of(after, issue, other).and_then(|p| model.positions[p].stance) else {
            continue;
        };
        let (d1, d2) = (s1.abs_diff(q), s2.abs_diff(q));
        if d2 < d1 {
            toward.push(other);
        } else if d2 > d1 {
            away.push(other);
        }
    }
    Movement {
        steps,
        pole,
        toward,
        away,
    }
}

pub mod words;

#[cfg(test)]
mod tests;
