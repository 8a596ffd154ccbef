//! The open cell: selecting citations and keeping them in view.

use super::{Action, App};
use crate::tui::detail_page::Open;
use crate::tui::layout;

impl App {
    pub(super) fn update_detail(&mut self, action: Action) -> bool {
        let p = &self.view.model.positions[self.detail.position];
        let n = p.citations.len();
        let page = self.body_height().max(1);
        match action {
            Action::NextItem if n > 0 => {
                self.detail.citation = (self.detail.citation + 1).min(n - 1)
            }
            Action::PrevItem => self.detail.citation = self.detail.citation.saturating_sub(1),
            Action::ScrollDown => self.detail.scroll += 1,
            Action::ScrollUp => self.detail.scroll = self.detail.scroll.saturating_sub(1),
            Action::PageDown => self.detail.scroll += page,
            Action::PageUp => self.detail.scroll = self.detail.scroll.saturating_sub(page),
            Action::Top => self.detail.scroll = 0,
            Action::Bottom => self.detail.scroll = usize::MAX,
            Action::Open if n > 0 => {
                let c = &p.citations[self.detail.citation];
                let (source, sentence) = (c.source, c.sentence.clone());
                self.open_source(source, &sentence);
                return true;
            }
            Action::Open => {
                self.message = Some("this position cites no source".into());
                return true;
            }
            _ => return false,
        }
        if matches!(action, Action::NextItem | Action::PrevItem) {
            self.scroll_to_citation();
        }
        self.fix_scroll();
        true
    }

    pub(super) fn scroll_to_citation(&mut self) {
        let (starts, total) = self.detail_measure();
        let Some(&(start, end)) = starts.get(self.detail.citation) else {
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

    /// The detail page's citation lines and length at the screen's width, measured once
    /// per position and width.
    pub(super) fn detail_measure(&self) -> (Vec<(usize, usize)>, usize) {
        let width = usize::from(self.size.0);
        let model = std::sync::Arc::as_ptr(&self.view.model) as usize;
        let key = (model, self.detail.position, width);
        let mut cache = self.detail.measured.borrow_mut();
        match &*cache {
            Some((k, measure)) if *k == key => measure.clone(),
            _ => {
                let open = Open {
                    position: self.detail.position,
                    citation: 0,
                };
                let measure = layout::detail_measure(&self.view.model, open, width);
                *cache = Some((key, measure.clone()));
                measure
            }
        }
    }
}
