//! Which cells, rows and columns a view shows: filters by party, issue, status and
//! confidence, and hiding rows and columns left empty.

use super::Cells;
use crate::model::{Confidence, Model, Position, Status};

/// What a view hides. The default hides nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only these parties (indices into the model's parties); `None` shows all.
    pub parties: Option<Vec<usize>>,
    /// Only these issues; `None` shows all.
    pub issues: Option<Vec<usize>>,
    /// Only positions with one of these statuses; `None` shows all.
    pub statuses: Option<Vec<Status>>,
    /// Only positions with one of these confidences; `None` shows all.
    pub confidences: Option<Vec<Confidence>>,
    /// Hide issues and parties whose cells are all empty (after the filters above).
    pub hide_empty: bool,
}

impl Filter {
    /// True when nothing is hidden.
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// True when a position passes the status and confidence filters.
    pub fn admits(&self, p: &Position) -> bool {
        let status_ok = self
            .statuses
            .as_ref()
            .is_none_or(|s| p.status.is_some_and(|st| s.contains(&st)));
        let confidence_ok = self
            .confidences
            .as_ref()
            .is_none_or(|c| p.confidence.is_some_and(|co| c.contains(&co)));
        status_ok && confidence_ok
    }

    /// The issues and parties shown, in file order.
    pub fn visible(&self, model: &Model, cells: &Cells) -> (Vec<usize>, Vec<usize>) {
        let chosen =
            |only: &Option<Vec<usize>>, i: usize| only.as_ref().is_none_or(|v| v.contains(&i));
        let mut issues: Vec<usize> = (0..model.issues.len())
            .filter(|&i| chosen(&self.issues, i))
            .collect();
        let mut parties: Vec<usize> = (0..model.parties.len())
            .filter(|&p| chosen(&self.parties, p))
            .collect();
        if self.hide_empty {
            let shown = |i: usize, p: usize| {
                cells
                    .get(i)
                    .and_then(|r| r.get(p))
                    .copied()
                    .flatten()
                    .is_some_and(|pos| self.admits(&model.positions[pos]))
            };
            let all_parties = parties.clone();
            issues.retain(|&i| all_parties.iter().any(|&p| shown(i, p)));
            parties.retain(|&p| issues.iter().any(|&i| shown(i, p)));
        }
        (issues, parties)
    }
}
