//! Changes over time (docs/SPEC.md §6): how each cell's state at one date differs from
//! its state at another.
//!
//! A cell's state at a date is the position it shows and its standing stance (see
//! [`super::state`]). [`Diff::new`] lists one [`Change`] per cell whose state differs, in
//! issue order then party order:
//! - `new`: no position at `from`, a position at `to`;
//! - `moved`: a standing stance at both, and it differs (`steps` = after − before);
//! - `withdrawn`: a standing stance at `from`, none at `to`;
//! - `changed`: otherwise: a new statement that keeps the stance, a first stance after
//!   statements without one, another summary, status, range or confidence.
//!
//! Each change also carries `via`, every position of the cell dated after `from` and on
//! or before `to`, in date order (a move and a move back within the period both show),
//! and `fields`, the fields of the state that differ. Applying the changes to the cells
//! at `from` gives the cells at `to` (see [`Diff::apply`]).
//!
//! A cell can only lose its position when `from` is after `to`: every position in force
//! at `from` is still a candidate at any later date. The command line refuses `--from`
//! after `--to`, so only the reader, whose base date may lie after the view date, meets
//! [`Kind::Removed`].

use super::state::{Grid, meets};
use super::{Cells, Filter};
use crate::date::Date;
use crate::model::{Cell, Confidence, IssueId, Model, PartyId, PositionId};

/// What happened to a cell between the two dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// No position at `from`, a position at `to`.
    New,
    /// A standing stance at both dates, and it differs.
    Moved,
    /// A standing stance at `from`, none at `to`.
    Withdrawn,
    /// The state differs otherwise (same or no standing stance, another position shown).
    Changed,
    /// A position at `from`, none at `to` (only when `from` is after `to`).
    Removed,
}

impl Kind {
    /// Every kind, in the order counts are given.
    pub const ALL: [Kind; 5] = [
        Kind::New,
        Kind::Moved,
        Kind::Withdrawn,
        Kind::Changed,
        Kind::Removed,
    ];

    /// The word used in JSON and in text: `new`, `moved`, `withdrawn`, `changed`,
    /// `removed`.
    pub fn id(self) -> &'static str {
        match self {
            Kind::New => "new",
            Kind::Moved => "moved",
            Kind::Withdrawn => "withdrawn",
            Kind::Changed => "changed",
            Kind::Removed => "removed",
        }
    }
}

/// A field of a cell's state that a change can alter (docs/SPEC.md §6 `fields`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// The summary of the position shown.
    Summary,
    /// Its status.
    Status,
    /// Its confidence, as written (unset is its own value here: the state shows the
    /// position's fields as they are).
    Confidence,
    /// The standing stance.
    Stance,
    /// The standing position's stated range.
    Range,
}

impl Field {
    /// Every field, in the order they are listed.
    pub const ALL: [Field; 5] = [
        Field::Summary,
        Field::Status,
        Field::Confidence,
        Field::Stance,
        Field::Range,
    ];

    /// The field's name in JSON and in text.
    pub fn id(self) -> &'static str {
        match self {
            Field::Summary => "summary",
            Field::Status => "status",
            Field::Confidence => "confidence",
            Field::Stance => "stance",
            Field::Range => "range",
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
    /// The standing position at `from`, if a stance stood.
    pub standing_before: Option<PositionId>,
    /// The standing position at `to`, if a stance stands.
    pub standing_after: Option<PositionId>,
    /// For a move: its size and direction.
    pub movement: Option<Movement>,
    /// Every position of the cell dated after `from` and on or before `to` (or the other
    /// way round when `from` is later), in date order: the movement log.
    pub via: Vec<PositionId>,
    /// The fields of the state that differ between before and after (against nothing,
    /// for a new or removed position: the fields set on the other side).
    pub fields: Vec<Field>,
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
/// dated `to` shows as new), `None` (before any date) when `to` is 0000-01-01. Both
/// stay `None` only when nothing is dated or given.
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
            // 0000-01-01 has no day before it: `None`, before any date (see
            // [`Diff::of_dates`]), so that everything dated then shows as new too.
            None => to.previous_day(),
        }
    });
    (from, to)
}

impl Diff {
    /// The changes between the grid at `from` and the grid at `to`, positions below
    /// `min` confidence counting as absent.
    pub fn new(
        model: &Model,
        from: Option<Date>,
        to: Option<Date>,
        min: Option<Confidence>,
    ) -> Diff {
        let before = Grid::at(model, from, min);
        let after = Grid::at(model, to, min);
        Diff::between(model, from, &before, to, &after).with_via(model, min)
    }

    /// The changes between the dates [`default_dates`] gives: as [`Diff::new`], but
    /// with `to` and no `from` (`to` is 0000-01-01, which has no day before it) the
    /// earlier grid is the one before any date (undated positions only), so that
    /// everything dated `to` shows as new, as on any other date alone.
    pub fn of_dates(
        model: &Model,
        (from, to): (Option<Date>, Option<Date>),
        min: Option<Confidence>,
    ) -> Diff {
        if from.is_some() || to.is_none() {
            return Diff::new(model, from, to, min);
        }
        let before = Grid::before_any_date(model, min);
        let after = Grid::at(model, to, min);
        Diff::between(model, None, &before, to, &after).with_via(model, min)
    }

    /// The changes of `diff` that `filter` shows: its parties and issues, and cells
    /// whose position before or after it admits (status and confidence).
    #[must_use]
    pub fn filtered(mut self, model: &Model, filter: &Filter) -> Diff {
        let chosen = |only: Option<&Vec<_>>, x| only.is_none_or(|v: &Vec<_>| v.contains(&x));
        let admitted =
            |p: Option<PositionId>| p.is_some_and(|p| filter.admits(&model.positions[p]));
        self.changes.retain(|c| {
            chosen(filter.issues.as_ref(), c.issue)
                && filter.parties.as_ref().is_none_or(|v| v.contains(&c.party))
                && (admitted(c.before) || admitted(c.after))
        });
        self
    }

    /// The changes between two grids already computed (`before` at `from`, `after`
    /// at `to`), without their `via` (see [`Diff::new`]).
    pub fn between(
        model: &Model,
        from: Option<Date>,
        before: &Grid,
        to: Option<Date>,
        after: &Grid,
    ) -> Diff {
        let mut changes = Vec::new();
        for issue in model.issue_ids() {
            for party in model.party_ids() {
                if let Some(change) = classify(model, before, after, Cell::new(issue, party)) {
                    changes.push(change);
                }
            }
        }
        Diff { from, to, changes }
    }

    /// Fills each change's `via`: the positions of its cell dated between the two dates
    /// (after the earlier, on or before the later), that meet `min`, in date order.
    #[must_use]
    pub fn with_via(mut self, model: &Model, min: Option<Confidence>) -> Diff {
        let (lo, hi) = if self.from <= self.to {
            (self.from, self.to)
        } else {
            (self.to, self.from)
        };
        for c in &mut self.changes {
            c.via = model
                .history(Cell::new(c.issue, c.party))
                .iter()
                .copied()
                .filter(|&id| {
                    let p = &model.positions[id];
                    meets(p, min)
                        && p.as_of.is_some_and(|d| {
                            lo.is_none_or(|lo| d > lo) && hi.is_none_or(|hi| d <= hi)
                        })
                })
                .collect();
        }
        self
    }

    /// `grid` (the grid at `from`) with every change's after-state put in: the grid at
    /// `to`.
    pub fn apply(&self, grid: &Grid) -> Grid {
        let mut out = grid.clone();
        let put = |cells: &mut Cells, c: &Change, v: Option<PositionId>| {
            let slot = cells
                .get_mut(c.issue.index())
                .and_then(|r| r.get_mut(c.party.index()));
            if let Some(slot) = slot {
                *slot = v;
            }
        };
        for c in &self.changes {
            put(&mut out.shown, c, c.after);
            put(&mut out.standing, c, c.standing_after);
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

    /// The counts in words, e.g. `3 changes: 1 new, 1 moved, 1 changed`, `2 changes: 1
    /// new, 1 changed; no stance moved` or `no changes`.
    pub fn summary(&self) -> String {
        let n = self.changes.len();
        if n == 0 {
            return "no changes".into();
        }
        let parts: Vec<String> = Kind::ALL
            .into_iter()
            .map(|k| (k, self.count(k)))
            .filter(|&(_, c)| c > 0)
            .map(|(k, c)| format!("{c} {}", k.id()))
            .collect();
        let noun = if n == 1 { "change" } else { "changes" };
        // Who moved is the first question asked of a period: say when nobody did.
        let none_moved = if self.count(Kind::Moved) == 0 {
            "; no stance moved"
        } else {
            ""
        };
        format!("{n} {noun}: {}{none_moved}", parts.join(", "))
    }
}

/// The change of one cell between two grids, or `None` when its state is the same.
fn classify(model: &Model, before: &Grid, after: &Grid, cell: Cell) -> Option<Change> {
    let (b, a) = (before.state(cell), after.state(cell));
    if b == a {
        return None;
    }
    let stance = |p: Option<PositionId>| p.and_then(|p| model.positions[p].stance);
    let (kind, movement) = match (b.shown, a.shown) {
        (None, None) => return None,
        (None, Some(_)) => (Kind::New, None),
        (Some(_), None) => (Kind::Removed, None),
        (Some(_), Some(_)) => match (stance(b.standing), stance(a.standing)) {
            (Some(s1), Some(s2)) if s1 != s2 => {
                (Kind::Moved, Some(movement(model, after, cell, s1, s2)))
            }
            (Some(_), None) => (Kind::Withdrawn, None),
            _ => (Kind::Changed, None),
        },
    };
    let mut change = Change {
        issue: cell.issue,
        party: cell.party,
        kind,
        before: b.shown,
        after: a.shown,
        standing_before: b.standing,
        standing_after: a.standing,
        movement,
        via: Vec::new(),
        fields: Vec::new(),
    };
    change.fields = Field::ALL
        .into_iter()
        .filter(|&f| change.value(model, f, When::Before) != change.value(model, f, When::After))
        .collect();
    Some(change)
}

/// Before or after a change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// At `from`.
    Before,
    /// At `to`.
    After,
}

/// The value of one field of a cell's state, to compare.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Value<'m> {
    Text(&'m str),
    Word(&'static str),
    Step(usize),
    Range(usize, usize),
}

impl Change {
    /// The position shown and the standing position on one side.
    pub fn state(&self, side: When) -> (Option<PositionId>, Option<PositionId>) {
        match side {
            When::Before => (self.before, self.standing_before),
            When::After => (self.after, self.standing_after),
        }
    }

    /// One field of the state on one side (`None` when unset or when there is no
    /// position).
    fn value<'m>(&self, model: &'m Model, field: Field, side: When) -> Option<Value<'m>> {
        let (shown, standing) = self.state(side);
        let shown = shown.map(|p| &model.positions[p]);
        let standing = standing.map(|p| &model.positions[p]);
        match field {
            Field::Summary => shown.map(|p| Value::Text(&p.summary)),
            Field::Status => shown.and_then(|p| p.status).map(|s| Value::Word(s.id())),
            Field::Confidence => shown
                .and_then(|p| p.confidence)
                .map(|c| Value::Word(c.id())),
            Field::Stance => standing.and_then(|p| p.stance).map(Value::Step),
            Field::Range => standing
                .and_then(|p| p.acceptable)
                .map(|(lo, hi)| Value::Range(lo, hi)),
        }
    }
}

/// Size and direction of a move from step `s1` to `s2`, and which other parties'
/// standing stances at `to` it comes closer to or goes away from.
fn movement(model: &Model, after: &Grid, cell: Cell, s1: usize, s2: usize) -> Movement {
    let Cell { issue, party } = cell;
    let steps = s2 as isize - s1 as isize;
    let last = model
        .issues
        .get(issue.index())
        .map_or(0, |i| i.scale.len().saturating_sub(1));
    let pole = if steps < 0 { 0 } else { last };
    let (mut toward, mut away) = (Vec::new(), Vec::new());
    for other in model.party_ids().filter(|&q| q != party) {
        let standing = super::cell_of(&after.standing, issue, other);
        let Some(q) = standing.and_then(|p| model.positions[p].stance) else {
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
