//! The timeline of one issue: which party and date is selected, moving between them,
//! switching issues, and opening the position at a point.

use super::{Action, App, Screen};
use crate::model::{Cell, IssueId, PartyId};
use crate::tui::layout::{self, TimelineLayout};
use crate::view::state::{CellState, cell_state};

/// The open timeline.
#[derive(Clone, Debug, Default)]
pub struct TimelineState {
    /// The issue shown.
    pub issue: IssueId,
    /// Selected row: an index into the parties shown.
    pub row: usize,
    /// Selected column: an index into the file's dates.
    pub col: usize,
}

impl App {
    /// Opens the timeline of the selected issue at the selected party and view date.
    pub(super) fn open_timeline(&mut self) {
        let dates = &self.view.dates;
        if dates.is_empty() {
            self.say("no position in this file has an as_of date".into());
            return;
        }
        let in_force = self
            .view
            .date
            .map_or(dates.len(), |d| dates.partition_point(|&x| x <= d));
        self.timeline = TimelineState {
            issue: self.grid.issue,
            row: self
                .view
                .parties
                .iter()
                .position(|&p| p == self.grid.party)
                .unwrap_or(0),
            col: in_force.saturating_sub(1),
        };
        self.stack.push(Screen::Timeline);
    }

    /// The timeline's layout on the current screen.
    pub fn timeline_layout(&self) -> TimelineLayout {
        let t = &self.timeline;
        layout::timeline_layout(
            &self.view,
            t.issue,
            self.view.dates.len(),
            (t.row, t.col),
            self.areas().main,
        )
    }

    /// The party and its cell's state at the selected point of the timeline: the
    /// position shown and the one whose stance stands (positions below the filter's
    /// minimum confidence left out).
    pub fn timeline_point(&self) -> (Option<PartyId>, CellState) {
        let t = &self.timeline;
        let party = self.view.parties.get(t.row).copied();
        let state = party.and_then(|party| {
            let date = *self.view.dates.get(t.col)?;
            let cell = Cell::new(t.issue, party);
            Some(cell_state(
                &self.view.model,
                cell,
                Some(date),
                self.view.filter.min_confidence,
            ))
        });
        (party, state.unwrap_or_default())
    }

    pub(super) fn update_timeline(&mut self, action: Action) -> bool {
        let rows = self.view.parties.len();
        let cols = self.view.dates.len();
        let t = &mut self.timeline;
        match action {
            Action::Up | Action::ScrollUp => t.row = t.row.saturating_sub(1),
            Action::Down | Action::ScrollDown => t.row = (t.row + 1).min(rows.saturating_sub(1)),
            Action::Left => t.col = t.col.saturating_sub(1),
            Action::Right => t.col = (t.col + 1).min(cols.saturating_sub(1)),
            Action::Top => t.col = 0,
            Action::Bottom => t.col = cols.saturating_sub(1),
            Action::NextItem | Action::PrevItem => {
                self.step_timeline_issue(action == Action::NextItem);
            }
            Action::Open => self.open_timeline_point(),
            Action::Click(x, y) => {
                let Some(hit) = self.timeline_layout().hit(self.areas().main, x, y) else {
                    return false;
                };
                let again = hit == (self.timeline.row, self.timeline.col);
                (self.timeline.row, self.timeline.col) = hit;
                if again {
                    self.open_timeline_point();
                }
            }
            _ => return false,
        }
        true
    }

    /// Shows the next or previous issue shown in the grid.
    fn step_timeline_issue(&mut self, next: bool) {
        let issues = &self.view.issues;
        let Some(i) = issues.iter().position(|&x| x == self.timeline.issue) else {
            return;
        };
        let n = issues.len();
        let j = if next { (i + 1) % n } else { (i + n - 1) % n };
        self.timeline.issue = issues[j];
    }

    /// Opens the position at the selected point in the detail view.
    fn open_timeline_point(&mut self) {
        match self.timeline_point() {
            (_, CellState { shown: Some(p), .. }) => self.open_detail(p),
            (party, CellState { shown: None, .. }) => {
                let m = &self.view.model;
                let who = party.map_or(String::new(), |p| m.parties[p].name.clone());
                let date = self.view.dates.get(self.timeline.col);
                self.say(format!(
                    "no position of {who} on {} at {}",
                    m.issues
                        .get(self.timeline.issue.index())
                        .map_or("", |i| i.name.as_str()),
                    date.map_or(String::new(), ToString::to_string)
                ));
            }
        }
    }
}
