//! Curating: the export prompt, the line to edit, and reloading the model.

use super::{Action, App, Request, Screen};
use std::path::PathBuf;

impl App {
    pub(super) fn update_export_prompt(&mut self, action: Action) -> bool {
        let Some((format, path)) = &mut self.export_prompt else {
            return false;
        };
        match action {
            Action::InputChar('\t') | Action::NextItem => {
                let next = next_format(*format);
                let stem = path
                    .rsplit_once('.')
                    .map_or(path.as_str(), |(s, _)| s)
                    .to_string();
                *path = format!("{stem}.{}", next.extension());
                *format = next;
            }
            Action::InputChar(c) => path.push(c),
            Action::InputBackspace => {
                path.pop();
            }
            Action::InputSubmit => {
                let typed = path.trim();
                // `~/` means the home directory, as in a shell.
                let target = match (typed.strip_prefix("~/"), std::env::var_os("HOME")) {
                    (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
                    _ => PathBuf::from(typed),
                };
                self.request = Some(Request::Export(*format, target));
                self.export_prompt = None;
            }
            Action::InputCancel => self.export_prompt = None,
            Action::ForceQuit => self.quit = true,
            Action::Resize(w, h) => self.size = (w, h),
            _ => return false,
        }
        true
    }

    /// The line of the positions file to edit for what is selected: the position's
    /// `[[position]]` header; in a source, the citing quote; else the end of the file.
    pub fn edit_line(&self) -> usize {
        // While the file does not load, the first error is what needs editing.
        if let Some(line) = self.errors.iter().find_map(|d| d.line) {
            return line;
        }
        let end = usize::MAX;
        match self.screen() {
            Screen::Grid => self
                .position_at(self.grid.issue, self.grid.party)
                .map_or(end, |p| self.model.positions[p].line),
            Screen::Detail => self
                .model
                .positions
                .get(self.detail.position)
                .map_or(end, |p| p.line),
            Screen::Source => {
                let Some(t) = self.source.targets.get(self.source.focus) else {
                    return end;
                };
                t.cited_by
                    .iter()
                    .flat_map(|&pi| &self.model.positions[pi].citations)
                    .find(|c| {
                        c.source == self.source.source
                            && c.sentence.start < t.sentence.end
                            && t.sentence.start < c.sentence.end
                    })
                    .map_or(end, |c| c.line)
            }
            Screen::Help | Screen::Sources => end,
        }
    }

    /// Takes a freshly loaded model, or keeps the one shown (the last good one, or the
    /// part of a file that never loaded whole) and shows the errors.
    pub fn apply_reload(&mut self, loaded: crate::model::Loaded) {
        let Some(model) = loaded.model else {
            self.errors = loaded
                .diagnostics
                .into_iter()
                .filter(|d| d.is_error())
                .collect();
            self.message = Some(format!(
                "{} has {} error(s); {}",
                crate::sanitize::path(&self.path),
                self.errors.len(),
                crate::tui::panel::showing(&self.model)
            ));
            self.fix_scroll();
            return;
        };
        // Remember what was selected by id, to find it again in the new model.
        let old = &self.model;
        let party = old.parties.get(self.grid.party).map(|p| p.id.clone());
        let issue = old.issues.get(self.grid.issue).map(|i| i.id.clone());
        let date = self.view_date();
        let open = old.positions.get(self.detail.position).map(|p| {
            (
                old.parties[p.party].id.clone(),
                old.issues[p.issue].id.clone(),
                p.as_of,
            )
        });
        let source = old.sources.get(self.source.source).map(|s| s.id.clone());
        let source_sentence = self
            .source
            .targets
            .get(self.source.focus)
            .map(|t| t.sentence.clone());

        self.model = model;
        self.errors.clear();
        let m = &self.model;
        self.grid.party = party
            .and_then(|id| m.parties.iter().position(|p| p.id == id))
            .unwrap_or(0);
        self.grid.issue = issue
            .and_then(|id| m.issues.iter().position(|i| i.id == id))
            .unwrap_or(0);
        self.dates = m.dates();
        self.date_index = date
            .and_then(|d| self.dates.iter().position(|&x| x == d))
            .or(self.dates.len().checked_sub(1));
        let same_cell = |p: &crate::model::Position, pa: &str, is: &str| {
            m.parties[p.party].id == pa && m.issues[p.issue].id == is
        };
        // The same position; else (its date was edited) the latest of the same cell.
        let mut moved = false;
        let reopened = open.and_then(|(pa, is, as_of)| {
            let exact = m
                .positions
                .iter()
                .position(|p| same_cell(p, &pa, &is) && p.as_of == as_of);
            exact.or_else(|| {
                moved = true;
                (0..m.positions.len())
                    .filter(|&i| same_cell(&m.positions[i], &pa, &is))
                    .max_by_key(|&i| m.positions[i].as_of)
            })
        });
        let source_index = source.and_then(|id| m.sources.iter().position(|s| s.id == id));
        self.refresh_cells();
        // Close views whose subject is gone.
        let mut keep = Vec::new();
        for &screen in &self.stack {
            let ok = match screen {
                Screen::Detail => reopened.is_some(),
                Screen::Source => {
                    source_index.is_some()
                        && keep
                            .iter()
                            .all(|s| *s != Screen::Detail || reopened.is_some())
                }
                _ => true,
            };
            if !ok {
                break;
            }
            keep.push(screen);
        }
        self.stack = keep;
        if let Some(p) = reopened {
            self.detail.position = p;
            let n = self.model.positions[p].citations.len();
            self.detail.citation = self.detail.citation.min(n.saturating_sub(1));
        }
        if let (Some(s), Some(sentence)) = (source_index, source_sentence) {
            let curator = self.source.curator;
            let scroll = self.source.scroll;
            self.source.targets = if curator {
                Self::all_sentences_of(&self.model, s)
            } else {
                Self::cited_sentences_of(&self.model, s)
            };
            self.source.source = s;
            self.source.focus = self
                .source
                .targets
                .iter()
                .position(|t| t.sentence == sentence)
                .unwrap_or(0);
            self.source.lines.clear();
            self.layout_source();
            self.source.scroll = scroll.min(self.source.lines.len().saturating_sub(1));
        }
        self.sources_selected = self
            .sources_selected
            .min(self.model.sources.len().saturating_sub(1));
        self.message = Some(if moved && self.screen() == Screen::Detail {
            "reloaded; the open position's date changed: showing the latest of that cell".into()
        } else {
            "reloaded".into()
        });
        self.fix_scroll();
    }
}

fn next_format(format: crate::export::Format) -> crate::export::Format {
    use crate::export::Format::*;
    match format {
        Md => Html,
        Html => Csv,
        Csv => Json,
        Json => Text,
        Text => Md,
    }
}
