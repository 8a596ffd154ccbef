//! The comparison screens' state changes: the spectrum of an issue (`a`), the party ×
//! party table (`m`) and the two-party view it opens; the evidence toggle (`v`) and the
//! filter prompt (`f`) of the grid. All of them follow the view date.

use super::{Action, App, Mode, Screen};
use crate::model::PartyId;
use crate::tui::compare_layout as cl;
use crate::view::Filter;

/// Selection and scrolling of the comparison screens.
#[derive(Clone, Debug, Default)]
pub struct CompareState {
    /// Spectrum: the selected party row (display index into the view's parties).
    pub spectrum_sel: usize,
    /// Spectrum: first line of the body shown.
    pub spectrum_scroll: usize,
    /// Matrix: the selected (row, column), display indices into the view's parties.
    pub matrix_sel: (usize, usize),
    /// Matrix: first row and column shown.
    pub matrix_offsets: (usize, usize),
    /// The two parties of the two-party view, in file order.
    pub pair: (PartyId, PartyId),
    /// Two-party view: first line shown.
    pub pair_scroll: usize,
}

impl App {
    /// Handles the grid's comparison keys: `None` when `action` is not one of them, else
    /// whether anything on screen may have changed.
    pub(super) fn update_grid_compare(&mut self, action: Action) -> Option<bool> {
        match action {
            Action::Spectrum => {
                self.compare.spectrum_sel = self
                    .view
                    .parties
                    .iter()
                    .position(|&p| p == self.grid.party)
                    .unwrap_or(0);
                self.compare.spectrum_scroll = 0;
                self.stack.push(Screen::Spectrum);
            }
            Action::Matrix => {
                self.compare.matrix_offsets = (0, 0);
                self.stack.push(Screen::Matrix);
            }
            Action::ToggleEvidence => {
                self.grid.evidence = !self.grid.evidence;
                self.say(if self.grid.evidence {
                    "evidence shown: status · confidence · cites/sources · date".into()
                } else {
                    "evidence hidden (± and ? marks stay)".into()
                });
                self.fix_scroll();
            }
            Action::Filter => {
                let typed = self.view.filter.describe(&self.view.model);
                self.mode = Mode::Filter(tui_input::Input::new(typed));
            }
            _ => return None,
        }
        Some(true)
    }

    /// Typing in the filter prompt: Enter applies it, Esc leaves the filter as it was.
    pub(super) fn update_filter_prompt(&mut self, action: Action) -> bool {
        let Mode::Filter(text) = &mut self.mode else {
            return false;
        };
        match action {
            Action::InputChar(c) => {
                text.handle(tui_input::InputRequest::InsertChar(c));
            }
            Action::InputEdit(edit) => {
                text.handle(edit);
            }
            Action::InputCancel => self.mode = Mode::Normal,
            Action::ForceQuit => self.quit = true,
            Action::InputSubmit => {
                let typed = text.value().to_string();
                match Filter::parse(&self.view.model, &typed) {
                    Ok(filter) => {
                        self.mode = Mode::Normal;
                        let empty = filter.is_empty();
                        self.view = self.view.with_filter(filter);
                        self.say(if empty {
                            "filter cleared: everything shown".into()
                        } else {
                            "filter applied (f to change it; an empty filter shows all)".into()
                        });
                        self.fix_scroll();
                    }
                    Err(e) => self.say(format!("filter: {e}")),
                }
            }
            _ => return false,
        }
        true
    }

    /// Keys of the spectrum: move between parties, other issues, open a cell.
    pub(super) fn update_spectrum(&mut self, action: Action) -> bool {
        let n = self.view.parties.len();
        let page = self.body_height().max(1);
        let c = &mut self.compare;
        // Past the first or the last party the page scrolls on: the lines above the
        // first (the scale) and below the last (the conclusion) may not fit.
        let last = c.spectrum_sel + 1 >= n;
        match action {
            Action::Up | Action::ScrollUp if c.spectrum_sel == 0 => {
                c.spectrum_scroll = c.spectrum_scroll.saturating_sub(1);
            }
            Action::Down | Action::ScrollDown if last => c.spectrum_scroll += 1,
            Action::Up | Action::ScrollUp => c.spectrum_sel -= 1,
            Action::Down | Action::ScrollDown => c.spectrum_sel += 1,
            Action::PageUp => c.spectrum_sel = c.spectrum_sel.saturating_sub(page),
            Action::PageDown => c.spectrum_sel += page,
            Action::Top => (c.spectrum_sel, c.spectrum_scroll) = (0, 0),
            Action::Bottom => (c.spectrum_sel, c.spectrum_scroll) = (n, usize::MAX),
            Action::Left | Action::Right => self.step_issue(action == Action::Right),
            Action::PrevDate | Action::NextDate => self.step_date(action == Action::NextDate),
            Action::Click(_, y) => {
                let main = self.areas().main;
                let scroll = self.compare.spectrum_scroll;
                match cl::spectrum_hit(&self.view, self.grid.issue, scroll, main, y) {
                    Some(row) => self.compare.spectrum_sel = row,
                    None => return false,
                }
            }
            Action::Open => {
                let party = self.view.parties.get(self.compare.spectrum_sel).copied();
                match party.and_then(|p| self.view.position_at(self.grid.issue, p)) {
                    Some(pos) => self.open_detail(pos),
                    None => self.say("no position of this party at this date".into()),
                }
            }
            _ => return false,
        }
        self.fix_compare_scroll();
        true
    }

    /// Shows the spectrum of the previous or next visible issue.
    fn step_issue(&mut self, next: bool) {
        let issues = &self.view.issues;
        let at = issues
            .iter()
            .position(|&i| i == self.grid.issue)
            .unwrap_or(0);
        let to = if next {
            (at + 1).min(issues.len().saturating_sub(1))
        } else {
            at.saturating_sub(1)
        };
        if let Some(&i) = issues.get(to) {
            self.grid.issue = i;
        }
        self.compare.spectrum_scroll = 0;
    }

    /// Keys of the party × party table: move, open a pair.
    pub(super) fn update_matrix(&mut self, action: Action) -> bool {
        let n = self.view.parties.len();
        if n == 0 {
            return matches!(action, Action::PrevDate | Action::NextDate)
                && self.step_date_and(action == Action::NextDate);
        }
        let page = self.body_height().max(1);
        let (r, c) = &mut self.compare.matrix_sel;
        match action {
            Action::Up | Action::ScrollUp => *r = r.saturating_sub(1),
            Action::Down | Action::ScrollDown => *r = (*r + 1).min(n - 1),
            Action::Left => *c = c.saturating_sub(1),
            Action::Right => *c = (*c + 1).min(n - 1),
            Action::Top => *r = 0,
            Action::Bottom => *r = n - 1,
            Action::PageUp => *r = r.saturating_sub(page),
            Action::PageDown => *r = (*r + page).min(n - 1),
            Action::PrevDate | Action::NextDate => self.step_date(action == Action::NextDate),
            Action::Click(x, y) => {
                let main = self.areas().main;
                let at = (self.compare.matrix_offsets, self.compare.matrix_sel);
                match cl::matrix_hit(&self.view, at, main, (x, y)) {
                    Some(cell) => self.compare.matrix_sel = cell,
                    None => return false,
                }
            }
            Action::Open => self.open_pair(),
            _ => return false,
        }
        self.fix_compare_scroll();
        true
    }

    /// Steps the date; always true (for the matrix with no parties).
    fn step_date_and(&mut self, later: bool) -> bool {
        self.step_date(later);
        true
    }

    /// Opens the two-party view of the selected matrix cell.
    fn open_pair(&mut self) {
        let (r, c) = self.compare.matrix_sel;
        let (Some(&a), Some(&b)) = (self.view.parties.get(r), self.view.parties.get(c)) else {
            return;
        };
        if a == b {
            self.say("pick two different parties".into());
            return;
        }
        self.compare.pair = (a.min(b), a.max(b));
        self.compare.pair_scroll = 0;
        self.stack.push(Screen::Pair);
    }

    /// Keys of the two-party view: scroll, change the date.
    pub(super) fn update_pair(&mut self, action: Action) -> bool {
        let page = self.body_height().max(1);
        let s = &mut self.compare.pair_scroll;
        match action {
            Action::Down | Action::ScrollDown => *s += 1,
            Action::Up | Action::ScrollUp => *s = s.saturating_sub(1),
            Action::PageDown => *s += page,
            Action::PageUp => *s = s.saturating_sub(page),
            Action::Top => *s = 0,
            Action::Bottom => *s = usize::MAX,
            Action::PrevDate | Action::NextDate => self.step_date(action == Action::NextDate),
            _ => return false,
        }
        self.fix_compare_scroll();
        true
    }

    /// Keeps the comparison screens' selections inside their lists and in view.
    pub(super) fn fix_compare_scroll(&mut self) {
        let main = self.areas().main;
        let n = self.view.parties.len();
        let c = &mut self.compare;
        c.spectrum_sel = c.spectrum_sel.min(n.saturating_sub(1));
        c.matrix_sel = (
            c.matrix_sel.0.min(n.saturating_sub(1)),
            c.matrix_sel.1.min(n.saturating_sub(1)),
        );
        match self.screen() {
            Screen::Spectrum => {
                self.compare.spectrum_scroll = cl::spectrum_scroll(
                    &self.view,
                    self.grid.issue,
                    self.compare.spectrum_sel,
                    self.compare.spectrum_scroll,
                    main,
                );
            }
            Screen::Matrix => {
                self.compare.matrix_offsets = cl::matrix_scroll(
                    &self.view,
                    self.compare.matrix_sel,
                    self.compare.matrix_offsets,
                    main,
                );
            }
            Screen::Pair => {
                let total =
                    cl::pair_lines(&self.view, self.compare.pair, usize::from(main.width)).len();
                let body = self.body_height().max(1);
                self.compare.pair_scroll = self.compare.pair_scroll.min(total.saturating_sub(body));
            }
            _ => {}
        }
    }
}
