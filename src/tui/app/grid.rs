//! Moving in the grid, opening a cell, and the help screen.

use super::{Action, App};

impl App {
    pub(super) fn update_grid(&mut self, action: Action) -> bool {
        let (rows, cols) = self.grid_dims();
        if rows == 0 || cols == 0 {
            return false;
        }
        let (mut r, mut c) = self.selected();
        let page = (self.body_height() / 2).max(1);
        match action {
            Action::Up | Action::ScrollUp => r = r.saturating_sub(1),
            Action::Down | Action::ScrollDown => r = (r + 1).min(rows - 1),
            Action::Left => c = c.saturating_sub(1),
            Action::Right => c = (c + 1).min(cols - 1),
            Action::PageUp => r = r.saturating_sub(page),
            Action::PageDown => r = (r + page).min(rows - 1),
            Action::Top => r = 0,
            Action::Bottom => r = rows - 1,
            Action::Open => {
                let cell = self.cell_at(r, c);
                match self.position_at(cell) {
                    Some(p) => self.open_detail(p),
                    None => {
                        let m = &self.view.model;
                        self.say(format!(
                            "no position of {} on {} at this date",
                            m.parties[cell.party].name, m.issues[cell.issue].name
                        ));
                    }
                }
                return true;
            }
            Action::Transpose => {
                self.grid.transposed = !self.grid.transposed;
                (self.grid.row_offset, self.grid.col_offset) = (0, 0);
                self.fix_scroll();
                return true;
            }
            Action::ToggleWrap => {
                self.grid.wrap = !self.grid.wrap;
                self.say(if self.grid.wrap {
                    "summaries wrapped: rows grow".into()
                } else {
                    "one line per row: long summaries end in …".into()
                });
            }
            Action::PrevDate | Action::NextDate => {
                self.step_date(action == Action::NextDate);
                return true;
            }
            Action::Timeline => {
                self.open_timeline();
                return true;
            }
            Action::ToggleBase => {
                self.toggle_base();
                return true;
            }
            Action::Search => {
                let typed = tui_input::Input::new(self.search.query.clone());
                self.mode = super::Mode::Search(typed);
                return true;
            }
            Action::NextMatch | Action::PrevMatch => {
                self.step_match(action == Action::NextMatch);
                return true;
            }
            Action::Click(x, y) => {
                let main = self.areas().main;
                if let Some((row, col)) = self.grid_shape().hit(self.grid_offsets(), main, x, y) {
                    (r, c) = (row, col);
                } else {
                    return false;
                }
            }
            _ => return false,
        }
        self.select(r, c);
        self.fix_scroll();
        true
    }

    pub(super) fn update_help(&mut self, action: Action) -> bool {
        let page = self.body_height().max(1);
        match action {
            Action::Down | Action::ScrollDown => self.help_scroll += 1,
            Action::Up | Action::ScrollUp => self.help_scroll = self.help_scroll.saturating_sub(1),
            Action::PageDown => self.help_scroll += page,
            Action::PageUp => self.help_scroll = self.help_scroll.saturating_sub(page),
            Action::Top => self.help_scroll = 0,
            Action::Bottom => self.help_scroll = usize::MAX,
            _ => return false,
        }
        self.fix_scroll();
        true
    }

    /// Marks the view date as the base date, or clears the base when one is set.
    fn toggle_base(&mut self) {
        let base = match (self.view.base_date(), self.view.date) {
            (Some(_), _) => None,
            (None, Some(d)) => Some(d),
            (None, None) => {
                self.say("no position in this file has an as_of date".into());
                return;
            }
        };
        self.view = self.view.clone().with_base(base);
        self.say(match base {
            Some(d) => format!("base date {d}: step the date with [ ] to see what changed since"),
            None => "base date cleared".into(),
        });
    }

    /// Moves the view date one of the file's dates later or earlier.
    pub(super) fn step_date(&mut self, later: bool) {
        let dates = &self.view.dates;
        if dates.is_empty() {
            self.say("no position in this file has an as_of date".into());
            return;
        }
        // Where the view date stands among the file's dates (it may lie between two).
        let after = self
            .view
            .date
            .map_or(dates.len(), |d| dates.partition_point(|&x| x <= d));
        let next = if later {
            dates.get(after).copied()
        } else {
            after.checked_sub(2).map(|i| dates[i])
        };
        match next {
            Some(d) => self.set_date(Some(d)),
            None => {
                let end = if later { "latest" } else { "earliest" };
                self.say(format!("already at the {end} date"));
            }
        }
    }
}
