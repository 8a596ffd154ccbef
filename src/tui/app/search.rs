//! The search line and its matches.

use super::{Action, App, SearchState};
use tui_input::InputRequest;

impl App {
    pub(super) fn update_search_input(&mut self, action: Action) -> bool {
        match action {
            Action::InputChar(c) => {
                self.search.input.handle(InputRequest::InsertChar(c));
            }
            Action::InputEdit(edit) => {
                self.search.input.handle(edit);
            }
            Action::InputSubmit => {
                self.search.editing = false;
                if self.search.matches.is_empty() && !self.search.query.is_empty() {
                    self.message = Some(format!("no match for “{}”", self.search.query));
                }
                return true;
            }
            Action::InputCancel => {
                self.search = SearchState::default();
                return true;
            }
            Action::ForceQuit => self.quit = true,
            Action::Resize(w, h) => self.size = (w, h),
            _ => return false,
        }
        self.search.query = self.search.input.value().to_string();
        self.run_search();
        if let Some(&(issue, party)) = self.search.matches.first() {
            self.search.current = Some(0);
            self.grid.issue = issue;
            self.grid.party = party;
        }
        self.fix_scroll();
        true
    }

    /// True when a position's summary, detail or one of its quotes holds the query.
    pub fn position_matches(&self, position: usize) -> bool {
        crate::view::search::position_matches(&self.view.model, position, &self.search.query)
    }

    pub(super) fn run_search(&mut self) {
        let (rows, cols) = self.grid_dims();
        let mut matches = Vec::new();
        for r in 0..rows {
            for c in 0..cols {
                let (issue, party) = self.cell_at(r, c);
                if self
                    .position_at(issue, party)
                    .is_some_and(|p| self.position_matches(p))
                {
                    matches.push((issue, party));
                }
            }
        }
        self.search.matches = matches;
        self.search.current = None;
    }

    pub(super) fn step_match(&mut self, forward: bool) {
        let n = self.search.matches.len();
        if n == 0 {
            self.message = Some(if self.search.query.is_empty() {
                "no search: press / to search".into()
            } else {
                format!("no match for “{}”", self.search.query)
            });
            return;
        }
        let i = match self.search.current {
            None => 0,
            Some(i) if forward => (i + 1) % n,
            Some(i) => (i + n - 1) % n,
        };
        self.search.current = Some(i);
        (self.grid.issue, self.grid.party) = self.search.matches[i];
        self.fix_scroll();
    }
}
