//! The search line and its matches.

use super::{Action, App, Mode, SearchState};
use crate::model::{Cell, PositionId};
use tui_input::InputRequest;

/// The most characters a paste puts into a line being typed.
pub const PASTE_LIMIT: usize = 500;

impl App {
    pub(super) fn update_search_input(&mut self, action: Action) -> bool {
        let Mode::Search(input) = &mut self.mode else {
            return false;
        };
        match action {
            Action::InputChar(c) => {
                input.handle(InputRequest::InsertChar(c));
            }
            Action::InputEdit(edit) => {
                input.handle(edit);
            }
            Action::InputSubmit => {
                self.mode = Mode::Normal;
                let (here, other) = (self.search.matches.len(), self.search.elsewhere.len());
                if here == 0 && !self.search.query.is_empty() {
                    self.say(if other == 0 {
                        format!("no match for “{}”", self.search.query)
                    } else {
                        format!(
                            "no match at this date; {other} at other dates ({}): n goes there",
                            self.elsewhere_dates()
                        )
                    });
                }
                return true;
            }
            Action::InputCancel => {
                self.mode = Mode::Normal;
                self.search = SearchState::default();
                return true;
            }
            Action::ForceQuit => self.quit = true,
            Action::Resize(w, h) => self.size = (w, h),
            _ => return false,
        }
        self.search_edited();
        true
    }

    /// Runs the search for the line as typed and selects its first match.
    fn search_edited(&mut self) {
        if let Mode::Search(input) = &self.mode {
            self.search.query = input.value().to_string();
        }
        self.run_search();
        if let Some(&cell) = self.search.matches.first() {
            self.search.current = Some(0);
            self.select_cell(cell);
        }
        self.fix_scroll();
    }

    /// Pasted text (bracketed paste) goes into the line being typed as one edit: its
    /// first line, without control characters, at most [`PASTE_LIMIT`] characters; a
    /// search runs once for the whole paste. Returns true when something changed.
    pub fn paste(&mut self, text: &str) -> bool {
        let line = text.lines().next().unwrap_or("");
        let chars = line.chars().filter(|c| !c.is_control()).take(PASTE_LIMIT);
        if let Mode::Export(prompt) = &mut self.mode {
            prompt.confirm_overwrite = false;
        }
        let Some(input) = self.mode.input_mut() else {
            return false;
        };
        for c in chars {
            input.handle(InputRequest::InsertChar(c));
        }
        if matches!(self.mode, Mode::Search(_)) {
            self.search_edited();
        }
        true
    }

    /// True when a position's summary, detail or one of its quotes holds the query.
    pub fn position_matches(&self, position: PositionId) -> bool {
        if self.search.query.is_empty() {
            return false;
        }
        let query = crate::view::search::Query::new(&self.search.query);
        crate::view::search::position_matches(&self.view.model, position, &query)
    }

    /// The matches of the query: the cells shown, and the positions at other dates.
    /// Every position is looked at once.
    pub(super) fn run_search(&mut self) {
        let matching =
            crate::view::search::matching_positions(&self.view.model, &self.search.query);
        let (rows, cols) = self.grid_dims();
        let mut matches = Vec::new();
        for r in 0..rows {
            for c in 0..cols {
                let cell = self.cell_at(r, c);
                if self.position_at(cell).is_some_and(|p| matching[p.index()]) {
                    matches.push(cell);
                }
            }
        }
        self.search.matches = matches;
        self.search.current = None;
        let m = &self.view.model;
        let mut shown = vec![false; m.positions.len()];
        for p in self
            .search
            .matches
            .iter()
            .filter_map(|&cell| self.position_at(cell))
        {
            shown[p.index()] = true;
        }
        self.search.elsewhere = m
            .position_ids()
            .filter(|&p| matching[p.index()] && !shown[p.index()])
            .filter(|&p| {
                let pos = &m.positions[p];
                self.view.issues.contains(&pos.issue) && self.view.parties.contains(&pos.party)
            })
            .map(|p| (p, crate::view::search::shown_at(m, p)))
            .collect();
    }

    /// The dates of the matches at other dates, e.g. `2025-04-17, 2025-04-22`.
    pub fn elsewhere_dates(&self) -> String {
        let mut dates: Vec<String> = self
            .search
            .elsewhere
            .iter()
            .map(|(_, d)| d.map_or("no date".into(), |d| d.to_string()))
            .collect();
        dates.sort();
        dates.dedup();
        dates.join(", ")
    }

    /// Moves the view date to where the `k`th match at another date is shown and
    /// selects it there.
    fn jump_elsewhere(&mut self, k: usize) {
        let Some(&(p, date)) = self.search.elsewhere.get(k) else {
            return;
        };
        let Some(date) = date else {
            self.say("that match is in a position no date shows".into());
            return;
        };
        self.set_date(Some(date));
        let pos = &self.view.model.positions[p];
        let cell = Cell::new(pos.issue, pos.party);
        self.select_cell(cell);
        self.search.current = self.search.matches.iter().position(|&c| c == cell);
        self.say(format!(
            "view date moved to {date}: the match is a position of that date"
        ));
        self.fix_scroll();
    }

    pub(super) fn step_match(&mut self, forward: bool) {
        let here = self.search.matches.len();
        let n = here + self.search.elsewhere.len();
        if n == 0 {
            self.say(if self.search.query.is_empty() {
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
        if i >= here {
            self.jump_elsewhere(i - here);
            return;
        }
        self.search.current = Some(i);
        self.select_cell(self.search.matches[i]);
        self.fix_scroll();
    }
}
