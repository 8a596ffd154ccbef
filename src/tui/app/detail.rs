//! The open cell: selecting its history entries and citations, keeping them in view,
//! and opening them (an older position of the cell, or a citation in its source).

use super::{About, Action, App, DetailState, Message, Screen};
use crate::model::PositionId;
use crate::tui::layout::{self, Item, Open};

impl App {
    /// Opens `position` in the detail view; from a detail page (a history entry), the
    /// page left is kept for `Esc`.
    pub(super) fn open_detail(&mut self, position: PositionId) {
        let fresh = DetailState {
            position,
            ..DetailState::default()
        };
        let before = std::mem::replace(&mut self.detail, fresh);
        if self.stack.contains(&Screen::Detail) {
            self.detail_back.push(before);
        } else {
            self.detail_back.clear();
        }
        self.stack.push(Screen::Detail);
    }

    pub(super) fn update_detail(&mut self, action: Action) -> bool {
        let page = self.body_height().max(1);
        match action {
            Action::NextItem | Action::PrevItem => {
                self.step_item(action == Action::NextItem);
                self.scroll_to_selected();
            }
            Action::ScrollDown => self.detail.scroll += 1,
            Action::ScrollUp => self.detail.scroll = self.detail.scroll.saturating_sub(1),
            Action::PageDown => self.detail.scroll += page,
            Action::PageUp => self.detail.scroll = self.detail.scroll.saturating_sub(page),
            Action::Top => self.detail.scroll = 0,
            Action::Bottom => self.detail.scroll = usize::MAX,
            Action::Open => {
                self.open_selected();
                return true;
            }
            Action::Click(x, y) => return self.click_detail(x, y),
            _ => return false,
        }
        self.fix_scroll();
        true
    }

    /// Selects the next or previous item of the page: the history entries, then the
    /// citations.
    /// Selects the next (or previous) history entry or citation, wrapping around.
    fn step_item(&mut self, next: bool) {
        let items = self.detail_measure().0.items();
        let at = items.iter().position(|&i| i == self.detail.selected);
        // Round and round: past the last citation comes the oldest history entry (above
        // the citations, where the page opens), and the other way.
        let n = items.len();
        let to = match at {
            Some(i) if next => items.get((i + 1) % n),
            Some(i) => items.get((i + n - 1) % n),
            None if next => items.first(),
            None => items.last(),
        };
        if let Some(&item) = to {
            self.detail.selected = item;
        }
    }

    /// Opens what is selected: a history entry's position, or a citation's source.
    fn open_selected(&mut self) {
        let p = &self.view.model.positions[self.detail.position];
        match self.detail.selected {
            Item::History(h) if self.detail_measure().0.lines_of(Item::History(h)).is_some() => {
                self.open_history(h);
            }
            Item::Citation(i) if i < p.citations.len() && !p.citations[i].found() => {
                self.message = Some(if self.verifying.is_some() {
                    let text = format!(
                        "this quote is {} against its source ({})",
                        crate::view::cited::STILL_VERIFYING,
                        self.verify_label()
                    );
                    Message::new(text, About::Verifying)
                } else {
                    "this quote was not found in its source: see the errors"
                        .to_string()
                        .into()
                });
            }
            Item::Citation(i) if i < p.citations.len() => {
                // Found: the arm above takes the others.
                let c = &p.citations[i];
                if let Some((_, sentence)) = c.place() {
                    let (source, sentence) = (c.source, sentence.clone());
                    self.open_source(source, &sentence);
                }
            }
            _ if p.citations.is_empty() => {
                self.say("this position cites no source".into());
            }
            _ => self.say("nothing selected".into()),
        }
    }

    /// Opens an older (or later) position of the same cell, saying how to come back.
    fn open_history(&mut self, position: PositionId) {
        let m = &self.view.model;
        let date = |p: PositionId| {
            m.positions[p]
                .as_of
                .map_or("undated".to_string(), |d| d.to_string())
        };
        let message = format!(
            "the position as of {}; {} back to {}",
            date(position),
            crate::tui::keys::keys_for(Screen::Detail, Action::Back).replace('/', " or "),
            date(self.detail.position)
        );
        self.open_detail(position);
        self.say(message);
    }

    /// A click on a history entry or a citation selects and opens it.
    fn click_detail(&mut self, x: u16, y: u16) -> bool {
        let anchors = self.detail_measure().0;
        let main = self.areas().main;
        let Some(item) = layout::detail_hit(&anchors, self.detail.scroll, main, x, y) else {
            return false;
        };
        self.detail.selected = item;
        self.open_selected();
        true
    }

    /// Scrolls so that the selected item is wholly in view, if it fits.
    pub(super) fn scroll_to_selected(&mut self) {
        let (anchors, total) = self.detail_measure();
        let Some((start, end)) = anchors.lines_of(self.detail.selected) else {
            return;
        };
        let h = self.body_height().max(1);
        if start < self.detail.scroll {
            self.detail.scroll = start;
        } else if end > self.detail.scroll + h {
            self.detail.scroll = end.saturating_sub(h).min(start);
        }
        self.detail.scroll = self.detail.scroll.min(total.saturating_sub(1));
    }

    /// Where the detail page's items stand and its length at the screen's width,
    /// measured once per position and width.
    pub(super) fn detail_measure(&self) -> super::DetailMeasure {
        let width = usize::from(self.size.0);
        let model = std::sync::Arc::as_ptr(&self.view.model) as usize;
        let key = (model, self.detail.position, width, self.view.horizon());
        let mut cache = self.detail.measured.borrow_mut();
        match &*cache {
            Some((k, measure)) if *k == key => measure.clone(),
            _ => {
                let open = Open {
                    position: self.detail.position,
                    selected: Item::default(),
                    horizon: self.view.horizon(),
                };
                let measure = layout::detail_measure(&self.view.model, open, width, &self.errors);
                *cache = Some((key, measure.clone()));
                measure
            }
        }
    }
}
