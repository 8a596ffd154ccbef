//! Curating: the export prompt, the line to edit, and reloading the model.

use super::{Action, App, EditAt, Message, Mode, Request, Screen};
use crate::export::Format;
use crate::model::{IssueId, Model, PartyId, PositionId, SourceId};
use crate::tui::layout::Item;
use crate::tui::panel_text::ShownVersion;
use crate::view::View;
use std::path::PathBuf;
use std::sync::Arc;
use tui_input::{Input, InputRequest};

impl App {
    pub(super) fn update_export_prompt(&mut self, action: Action) -> bool {
        let Mode::Export(prompt) = &mut self.mode else {
            return false;
        };
        match action {
            Action::InputChar('\t') | Action::NextItem => {
                let next = next_format(prompt.format);
                let typed = prompt.path.value();
                let stem = typed.rsplit_once('.').map_or(typed, |(s, _)| s);
                prompt.path = Input::new(format!("{stem}.{}", next.extension()));
                prompt.format = next;
                prompt.confirm_overwrite = false;
            }
            Action::InputChar(c) => {
                prompt.path.handle(InputRequest::InsertChar(c));
                prompt.confirm_overwrite = false;
            }
            Action::InputEdit(edit) => {
                prompt.path.handle(edit);
                prompt.confirm_overwrite = false;
            }
            Action::InputSubmit => self.submit_export(),
            Action::InputCancel => self.mode = Mode::Normal,
            Action::ForceQuit => self.quit = true,
            Action::Resize(w, h) => self.size = (w, h),
            _ => return false,
        }
        true
    }

    /// Says why nothing is exported while the file has errors, as `stances export`
    /// refuses it: in a popup and in the status bar (the prompt, if open, closes).
    pub(super) fn refuse_export(&mut self) {
        let subject = self.panel_subject();
        let (line, text) = crate::tui::panel_text::export_refusal(&subject, self.errors.len());
        self.mode = Mode::Popup(super::Popup {
            title: "Export refused".into(),
            body: text,
        });
        self.say(line);
    }

    /// Enter in the export prompt: the path's extension picks the format, an existing
    /// file needs a second Enter, then the event loop writes the file; nothing is
    /// written while the file has errors (they may have come since the prompt opened).
    fn submit_export(&mut self) {
        if !self.errors.is_empty() {
            self.refuse_export();
            return;
        }
        let Mode::Export(prompt) = &mut self.mode else {
            return;
        };
        let typed = prompt.path.value().trim();
        if typed.is_empty() {
            self.say("type a file name to export to".into());
            return;
        }
        // `~/` means the home directory, as in a shell.
        let target = match (typed.strip_prefix("~/"), std::env::var_os("HOME")) {
            (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
            _ => PathBuf::from(typed),
        };
        if let Err(e) = crate::export::refuse_model_files(&target, &self.view.model) {
            self.say(e.to_string());
            return;
        }
        let extension = target.extension().and_then(|e| e.to_str()).unwrap_or("");
        match Format::from_extension(extension) {
            Some(format) => prompt.format = format,
            None if !extension.is_empty() => {
                self.say(format!(
                    "no export format is called .{}: end the name in .md, .csv, .html, .json or .txt",
                    crate::sanitize::one_line(extension)
                ));
                return;
            }
            None => {}
        }
        // A FIFO or a device would block the reader until something reads it: the
        // command line writes into those (`stances export -o`), the reader does not.
        if std::fs::metadata(&target).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
            self.say(format!(
                "{} is not a regular file: the reader exports to files only (use stances export -o for pipes)",
                crate::sanitize::path(&target)
            ));
            return;
        }
        let exists = target.exists();
        if exists && !prompt.confirm_overwrite && target.is_file() {
            prompt.confirm_overwrite = true;
            self.say(format!(
                "{} exists: Enter again replaces it, Esc keeps it",
                crate::sanitize::one_line(&target.display().to_string())
            ));
            return;
        }
        self.request = Some(Request::Export(prompt.format, target));
        self.mode = Mode::Normal;
    }

    /// The line of the positions file to edit for what is selected: the position's
    /// `[[position]]` header; in a source, the citing quote; else the end of the file.
    pub fn edit_line(&self) -> EditAt {
        // While the file does not load, the first error is what needs editing.
        if let Some(line) = self.errors.iter().find_map(|d| d.line) {
            return EditAt::Line(line);
        }
        let end = EditAt::End;
        let at = |line: usize| EditAt::Line(line);
        match self.screen() {
            Screen::Grid => self
                .position_at(self.selected_cell())
                .map_or(end, |p| at(self.view.model.positions[p].line)),
            Screen::Detail => self
                .view
                .model
                .positions
                .get(self.detail.position.index())
                .map_or(end, |p| at(p.line)),
            Screen::Source => {
                let Some(t) = self.source.targets.get(self.source.focus) else {
                    return end;
                };
                t.cited_by
                    .iter()
                    .flat_map(|&pi| &self.view.model.positions[pi].citations)
                    .find(|c| {
                        c.source == self.source.source
                            && c.place().is_some_and(|(_, sentence)| {
                                sentence.start < t.sentence.end && t.sentence.start < sentence.end
                            })
                    })
                    .map_or(end, |c| at(c.line))
            }
            Screen::Timeline => self
                .timeline_point()
                .1
                .shown
                .map_or(end, |p| at(self.view.model.positions[p].line)),
            Screen::Spectrum => self
                .view
                .parties
                .get(self.compare.spectrum_sel)
                .and_then(|&p| self.view.position_at(self.grid.issue, p))
                .map_or(end, |p| at(self.view.model.positions[p].line)),
            Screen::Help | Screen::Sources | Screen::Matrix | Screen::Pair => end,
        }
    }

    /// Finds the detail pages left for history entries again in the reloaded model;
    /// when one is gone, only the page shown stays open.
    fn reload_detail_back(&mut self, keys: Vec<Option<CellKey>>) {
        let m = &self.view.model;
        let found: Option<Vec<PositionId>> = keys
            .into_iter()
            .map(|k| k.and_then(|k| find_position(m, &k)))
            .collect();
        let details = self.stack.iter().filter(|&&s| s == Screen::Detail).count();
        match found {
            Some(found) if found.len() + 1 == details => {
                for (d, p) in self.detail_back.iter_mut().zip(found) {
                    d.position = p;
                    d.selected = Item::default();
                }
            }
            _ => {
                self.detail_back.clear();
                // Keep the last detail page only: the one whose state is current.
                let mut left = details.saturating_sub(1);
                self.stack.retain(|&s| {
                    let drop = s == Screen::Detail && left > 0;
                    left -= usize::from(drop);
                    !drop
                });
            }
        }
    }

    /// Takes a freshly loaded model, or keeps the one shown (the last good one, or the
    /// part of a file that never loaded whole) and shows the errors: any error keeps the
    /// model shown. The reader loads without verifying quotes
    /// ([`crate::model::load_unverified`]) and verifies the new model's in the
    /// background, as on opening: quotes not found then join the panel as they are
    /// found, and the new version stays shown.
    pub fn apply_reload(&mut self, loaded: crate::model::Loaded) {
        // The errors change: the detail page (orphaned citations) is measured anew.
        *self.detail.measured.borrow_mut() = None;
        let errors: Vec<_> = loaded
            .diagnostics
            .into_iter()
            .filter(crate::diagnostic::Diagnostic::is_error)
            .collect();
        let Some(model) = loaded.model else {
            self.keep_last_good(errors);
            return;
        };
        self.shown_version = ShownVersion::Current;
        self.shown_quote_errors.clear();
        let before = self.remember();
        let base = self.view.base_date();
        self.view = View::filtered(Arc::new(model), None, self.view.filter.clone()).with_base(base);
        self.errors = errors;
        let found = self.find_again(&before);
        // Keep the view date, unless it was the latest: then follow new data.
        if before.date.is_some() && before.date != before.latest {
            self.set_date(before.date);
        } else if !self.search.query.is_empty() {
            self.run_search();
        }
        self.close_gone_views(&found);
        if let Some(p) = found.open {
            self.detail.position = p;
            let n = self.view.model.positions[p].citations.len();
            self.detail.selected = match self.detail.selected {
                Item::Citation(i) => Item::Citation(i.min(n.saturating_sub(1))),
                Item::History(_) => Item::default(),
            };
        }
        self.reload_detail_back(before.back);
        if let (Some(s), Some(sentence)) = (found.source, before.source_sentence) {
            self.reopen_source(s, &sentence);
        }
        self.sources_selected = self
            .sources_selected
            .min(self.view.model.sources.len().saturating_sub(1));
        self.message = Some(if found.moved && self.screen() == Screen::Detail {
            "reloaded; the open position's date changed: showing the latest of that cell"
                .to_string()
                .into()
        } else {
            Message::reloaded()
        });
        self.fix_scroll();
    }

    /// The file does not load: keep showing what is shown, with its errors.
    /// The quotes of the model shown that were not found stay listed after the file's
    /// errors (their verification goes on if it is under way).
    fn keep_last_good(&mut self, errors: Vec<crate::diagnostic::Diagnostic>) {
        self.errors = errors;
        self.errors.extend(self.shown_quote_errors.iter().cloned());
        // A version that never loaded whole stays the parts that load.
        if self.shown_version == ShownVersion::Current {
            self.shown_version = ShownVersion::LastGood;
        }
        // The count is the panel title's: quote errors of the model shown may join.
        self.say(format!(
            "{} does not load; {}",
            crate::sanitize::path(&self.path),
            crate::tui::panel_text::showing(self.shown_version)
        ));
        self.fix_scroll();
    }

    /// What is selected and open, by ids, to find it again in a reloaded model.
    fn remember(&self) -> Remembered {
        let old = &self.view.model;
        let party_id = |p: PartyId| old.parties.get(p.index()).map(|x| x.id.clone());
        let issue_id = |i: IssueId| old.issues.get(i.index()).map(|x| x.id.clone());
        Remembered {
            party: party_id(self.grid.party),
            issue: issue_id(self.grid.issue),
            date: self.view_date(),
            latest: self.view.dates.last().copied(),
            open: cell_key(old, self.detail.position),
            back: self
                .detail_back
                .iter()
                .map(|d| cell_key(old, d.position))
                .collect(),
            source: old
                .sources
                .get(self.source.source.index())
                .map(|s| s.id.clone()),
            source_sentence: self
                .source
                .targets
                .get(self.source.focus)
                .map(|t| t.sentence.clone()),
            timeline_issue: issue_id(self.timeline.issue),
            pair: (party_id(self.compare.pair.0), party_id(self.compare.pair.1)),
        }
    }

    /// Finds what was remembered in the new model; selects the same cell, and keeps the
    /// timeline's issue and the two-party view's parties.
    fn find_again(&mut self, r: &Remembered) -> Found {
        let m = &self.view.model;
        let party_index = |id: &Option<String>| {
            let id = id.as_ref()?;
            m.parties.iter().position(|p| &p.id == id).map(PartyId)
        };
        let issue_index = |id: &Option<String>| {
            let id = id.as_ref()?;
            m.issues.iter().position(|i| &i.id == id).map(IssueId)
        };
        self.grid.party = party_index(&r.party).unwrap_or_default();
        self.grid.issue = issue_index(&r.issue).unwrap_or_default();
        // The same position; else (its date was edited) the latest of the same cell.
        let exact = r.open.as_ref().and_then(|k| find_position(m, k));
        let latest_of_cell = || {
            let (pa, is, _) = r.open.as_ref()?;
            m.position_ids()
                .filter(|&i| {
                    let p = &m.positions[i];
                    &m.parties[p.party].id == pa && &m.issues[p.issue].id == is
                })
                .max_by_key(|&i| m.positions[i].as_of)
        };
        let open = exact.or_else(latest_of_cell);
        let found = Found {
            open,
            moved: exact.is_none() && open.is_some(),
            source: r
                .source
                .as_ref()
                .and_then(|id| m.sources.iter().position(|s| &s.id == id))
                .map(SourceId),
            timeline: issue_index(&r.timeline_issue),
            pair: party_index(&r.pair.0).zip(party_index(&r.pair.1)),
        };
        if let Some(i) = found.timeline {
            self.timeline.issue = i;
        }
        if let Some(pair) = found.pair {
            self.compare.pair = pair;
        }
        found
    }

    /// Closes the screens whose subject is gone from the reloaded model (and those
    /// above them).
    fn close_gone_views(&mut self, found: &Found) {
        let mut keep = Vec::new();
        for &screen in &self.stack {
            let ok = match screen {
                Screen::Detail => found.open.is_some(),
                Screen::Source => {
                    found.source.is_some()
                        && keep
                            .iter()
                            .all(|s| *s != Screen::Detail || found.open.is_some())
                }
                Screen::Pair => found.pair.is_some(),
                Screen::Timeline => found.timeline.is_some(),
                _ => true,
            };
            if !ok {
                break;
            }
            keep.push(screen);
        }
        self.stack = keep;
    }

    /// Opens source `s` of the reloaded model again at the same sentence and scroll.
    fn reopen_source(&mut self, s: SourceId, sentence: &std::ops::Range<usize>) {
        let scroll = self.source.scroll;
        self.source.targets = if self.source.curator {
            crate::view::cited::all_sentences(&self.view.model, s)
        } else {
            crate::view::cited::cited_sentences(&self.view.model, s)
        };
        self.source.source = s;
        self.source.focus = self
            .source
            .targets
            .iter()
            .position(|t| &t.sentence == sentence)
            .unwrap_or(0);
        self.source.lines.clear();
        self.layout_source();
        self.source.scroll = scroll.min(self.source.lines.len().saturating_sub(1));
    }
}

/// What the reader had selected and open before a reload, by ids.
struct Remembered {
    party: Option<String>,
    issue: Option<String>,
    date: Option<crate::date::Date>,
    latest: Option<crate::date::Date>,
    open: Option<CellKey>,
    back: Vec<Option<CellKey>>,
    source: Option<String>,
    source_sentence: Option<std::ops::Range<usize>>,
    timeline_issue: Option<String>,
    pair: (Option<String>, Option<String>),
}

/// Where the remembered things are in the reloaded model.
struct Found {
    /// The open position (the same one, or the latest of its cell).
    open: Option<PositionId>,
    /// True when the open position itself is gone and the latest of its cell is shown.
    moved: bool,
    source: Option<SourceId>,
    timeline: Option<IssueId>,
    pair: Option<(PartyId, PartyId)>,
}

/// A position by what identifies it across reloads: party id, issue id, date.
type CellKey = (String, String, Option<crate::date::Date>);

/// The key of position `p` of `m`.
fn cell_key(m: &Model, p: PositionId) -> Option<CellKey> {
    let p = m.positions.get(p.index())?;
    Some((
        m.parties[p.party].id.clone(),
        m.issues[p.issue].id.clone(),
        p.as_of,
    ))
}

/// The position of `m` with key `k`.
fn find_position(m: &Model, k: &CellKey) -> Option<PositionId> {
    m.position_ids()
        .find(|&p| cell_key(m, p).as_ref() == Some(k))
}

fn next_format(format: Format) -> Format {
    match format {
        Format::Md => Format::Html,
        Format::Html => Format::Csv,
        Format::Csv => Format::Json,
        Format::Json => Format::Text,
        Format::Text => Format::Md,
    }
}
