//! Sources: their cited sentences, the source view and the sources list.

use super::{Action, App, Request, Screen, SourceState};
use crate::model::emit::cite_block;
use crate::model::{PositionId, SourceId};
use std::ops::Range;

impl App {
    pub(super) fn open_source(&mut self, source: SourceId, sentence: &Range<usize>) {
        self.open_source_as(source, sentence, false);
    }

    pub(super) fn open_source_as(
        &mut self,
        source: SourceId,
        sentence: &Range<usize>,
        curator: bool,
    ) {
        let targets = if curator {
            crate::view::cited::all_sentences(&self.view.model, source)
        } else {
            crate::view::cited::cited_sentences(&self.view.model, source)
        };
        let focus = targets
            .iter()
            .position(|t| t.sentence == *sentence)
            .unwrap_or(0);
        self.source = SourceState {
            source,
            targets,
            focus,
            scroll: 0,
            lines: Vec::new(),
            width: 0,
            curator,
        };
        self.stack.push(Screen::Source);
        self.layout_source();
        self.scroll_to_focus();
    }

    /// The position the open source was opened from (a citation of the detail page
    /// under it), whose quotes it highlights apart from the others; none when it was
    /// opened from the sources list.
    pub fn source_from(&self) -> Option<PositionId> {
        let n = self.stack.len();
        let under = n.checked_sub(2).and_then(|i| self.stack.get(i));
        (self.screen() == Screen::Source && under == Some(&Screen::Detail))
            .then_some(self.detail.position)
            .filter(|p| p.index() < self.view.model.positions.len())
    }

    /// Lists the open source's cited sentences anew (quotes were verified), keeping the
    /// sentence under the cursor.
    pub(super) fn refresh_source_targets(&mut self) {
        let source = self.source.source;
        if source.index() >= self.view.model.sources.len() {
            return;
        }
        let focused = self
            .source
            .targets
            .get(self.source.focus)
            .map(|t| t.sentence.clone());
        self.source.targets = if self.source.curator {
            crate::view::cited::all_sentences(&self.view.model, source)
        } else {
            crate::view::cited::cited_sentences(&self.view.model, source)
        };
        self.source.focus = focused
            .and_then(|f| self.source.targets.iter().position(|t| t.sentence == f))
            .unwrap_or(0)
            .min(self.source.targets.len().saturating_sub(1));
    }

    /// Re-wraps the open source to the current width.
    pub(super) fn layout_source(&mut self) {
        let width = usize::from(self.size.0).max(1);
        if self.source.width != width || self.source.lines.is_empty() {
            let src = &self.view.model.sources[self.source.source].text;
            // The `date` metadata line is shown in the header, not as article text.
            let body = &src.text[src.body_start..];
            let start = src.body_start + (body.len() - body.trim_start().len());
            self.source.lines = crate::wrap::wrap_text(&src.text[start..], width)
                .into_iter()
                .map(|r| r.start + start..r.end + start)
                .collect();
            self.source.width = width;
            self.scroll_to_focus();
        }
    }

    /// The screen line where a byte offset of the open source is shown.
    pub fn source_line_of(&self, offset: usize) -> usize {
        self.source
            .lines
            .partition_point(|l| l.end < offset)
            .min(self.source.lines.len().saturating_sub(1))
    }

    pub(super) fn scroll_to_focus(&mut self) {
        let Some(t) = self.source.targets.get(self.source.focus) else {
            return;
        };
        let (first, last) = (
            self.source_line_of(t.sentence.start),
            self.source_line_of(t.sentence.end),
        );
        let h = self.body_height().max(1);
        if first < self.source.scroll || last >= self.source.scroll + h {
            // Put the sentence a third of the way down, or at the top if it is long.
            let lead = if last - first + 1 >= h {
                0
            } else {
                (h - (last - first + 1)) / 3
            };
            self.source.scroll = first.saturating_sub(lead);
        }
    }

    pub(super) fn update_source(&mut self, action: Action) -> bool {
        let page = self.body_height().max(1);
        let max = self.source.lines.len().saturating_sub(1);
        let n = self.source.targets.len();
        if self.source.curator && n > 0 {
            let f = self.source.focus;
            let cited = |t: &crate::view::cited::CitedSentence| !t.cited_by.is_empty();
            let target = match action {
                Action::Down | Action::ScrollDown => Some((f + 1).min(n - 1)),
                Action::Up | Action::ScrollUp => Some(f.saturating_sub(1)),
                Action::PageDown => Some((f + self.body_height().max(1) / 2).min(n - 1)),
                Action::PageUp => Some(f.saturating_sub(self.body_height().max(1) / 2)),
                Action::Top => Some(0),
                Action::Bottom => Some(n - 1),
                Action::NextItem => (f + 1..n).find(|&i| cited(&self.source.targets[i])),
                Action::PrevItem => (0..f).rev().find(|&i| cited(&self.source.targets[i])),
                _ => None,
            };
            if target.is_some() || matches!(action, Action::NextItem | Action::PrevItem) {
                match target {
                    Some(t) => {
                        self.source.focus = t;
                        self.scroll_to_focus();
                    }
                    None => self.say("no more cited sentences that way".into()),
                }
                return true;
            }
        }
        match action {
            Action::Copy => {
                if let Some(t) = self.source.targets.get(self.source.focus) {
                    let block = cite_block(&self.view.model, self.source.source, &t.sentence);
                    self.mode = super::Mode::Popup(super::Popup {
                        title: "Copied (OSC 52): paste under a [[position]]; long lines are wrapped only on screen".into(),
                        body: block.clone(),
                    });
                    self.request = Some(Request::Copy(block));
                }
            }
            Action::Down | Action::ScrollDown => {
                self.source.scroll = (self.source.scroll + 1).min(max);
            }
            Action::Up | Action::ScrollUp => {
                self.source.scroll = self.source.scroll.saturating_sub(1);
            }
            Action::PageDown => self.source.scroll = (self.source.scroll + page).min(max),
            Action::PageUp => self.source.scroll = self.source.scroll.saturating_sub(page),
            Action::Top => self.source.scroll = 0,
            Action::Bottom => self.source.scroll = max.saturating_sub(page.saturating_sub(1)),
            Action::NextItem | Action::PrevItem if n > 0 => {
                let f = self.source.focus;
                self.source.focus = if action == Action::NextItem {
                    (f + 1) % n
                } else {
                    (f + n - 1) % n
                };
                self.scroll_to_focus();
            }
            _ => return false,
        }
        true
    }

    pub(super) fn update_sources(&mut self, action: Action) -> bool {
        let n = self.view.model.sources.len();
        if n == 0 {
            return false;
        }
        let sel = &mut self.sources_selected;
        match action {
            Action::Down | Action::ScrollDown => *sel = (*sel + 1).min(n - 1),
            Action::Up | Action::ScrollUp => *sel = sel.saturating_sub(1),
            Action::Top => *sel = 0,
            Action::Bottom => *sel = n - 1,
            Action::Open => {
                let s = SourceId(*sel);
                let first = self.view.model.sources[s]
                    .text
                    .sentences()
                    .first()
                    .cloned()
                    .unwrap_or(0..0);
                self.open_source_as(s, &first, true);
            }
            _ => return false,
        }
        true
    }
}
