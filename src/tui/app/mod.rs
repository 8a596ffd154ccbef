//! The reader's state and its one entry point for change: [`App::update`].
//!
//! Views only read the state; the event loop only turns events into [`Action`]s.

mod compare;
mod curate;
mod detail;
mod grid;
mod mode;
mod search;
pub use search::PASTE_LIMIT;
mod source;
mod timeline;
mod verifying;

pub use crate::view::cited::CitedSentence;
pub use compare::CompareState;
pub use mode::{About, ExportPrompt, Message, Mode, Popup};
pub use timeline::TimelineState;

use crate::date::Date;
use crate::model::{Cell, IssueId, Model, PartyId, PositionId, SourceId};
use crate::view::View;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use super::layout;
use super::theme::Theme;
pub use crate::tui::action::{Action, EditAt, Request, Screen};

/// Selection and scrolling of the grid.
#[derive(Clone, Debug, Default)]
pub struct GridState {
    /// Selected issue.
    pub issue: IssueId,
    /// Selected party.
    pub party: PartyId,
    /// First visible row (in display order).
    pub row_offset: usize,
    /// First visible scrolling column (in display order).
    pub col_offset: usize,
    /// Wrap long summaries.
    pub wrap: bool,
    /// Parties as rows, issues as columns.
    pub transposed: bool,
    /// Cells show their evidence: status · confidence · cites/sources · date.
    pub evidence: bool,
}

/// The open cell.
#[derive(Clone, Debug, Default)]
pub struct DetailState {
    /// The position shown.
    pub position: PositionId,
    /// The selected history entry or citation.
    pub selected: layout::Item,
    /// First visible line.
    pub scroll: usize,
    /// Where the page's items stand and its length, measured for (model, position,
    /// width).
    pub measured: std::cell::RefCell<Option<(DetailKey, DetailMeasure)>>,
}

/// What a detail page's measure depends on: the model (by address), the position and
/// the width.
pub type DetailKey = (usize, PositionId, usize, crate::view::evidence::Horizon);
/// Where the history entries and citations of a detail page stand, and its length.
pub type DetailMeasure = (layout::Anchors, usize);

/// The open source.
#[derive(Clone, Debug, Default)]
pub struct SourceState {
    /// The source.
    pub source: SourceId,
    /// Its cited sentences, in text order.
    pub targets: Vec<CitedSentence>,
    /// The target under the cursor.
    pub focus: usize,
    /// First visible line.
    pub scroll: usize,
    /// The text wrapped to `width`: byte ranges, one per screen line.
    pub lines: Vec<Range<usize>>,
    /// The width `lines` were wrapped to.
    pub width: usize,
    /// Curator mode: the cursor visits every sentence, cited or not.
    pub curator: bool,
}

/// The search and its matches (the line being typed is [`Mode::Search`]).
#[derive(Clone, Debug, Default)]
pub struct SearchState {
    /// The confirmed (or live) query.
    pub query: String,
    /// Cells whose position matches, in display order.
    pub matches: Vec<Cell>,
    /// Matching positions not shown at the view date, with a date that shows each
    /// (`None`: a position shown at no date), in file order.
    pub elsewhere: Vec<(PositionId, Option<Date>)>,
    /// Index of the current match: into `matches`, then on into `elsewhere`.
    pub current: Option<usize>,
}

/// The whole state of the reader.
pub struct App {
    /// The grid at the view date, with the model it shows (`view.model`).
    pub view: View,
    /// The positions file.
    pub path: PathBuf,
    /// Styles.
    pub theme: Theme,
    /// Open screens; the last is shown.
    pub stack: Vec<Screen>,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    /// Grid selection and scrolling.
    pub grid: GridState,
    /// The open cell.
    pub detail: DetailState,
    /// Detail pages left by opening a history entry, newest last: `Esc` returns to
    /// them (one per [`Screen::Detail`] on the stack below the top one).
    pub detail_back: Vec<DetailState>,
    /// The open source.
    pub source: SourceState,
    /// Help scroll offset.
    pub help_scroll: usize,
    /// Search.
    pub search: SearchState,
    /// A one-off message for the status bar.
    pub message: Option<Message>,
    /// A line being typed or a popup shown, if any.
    pub mode: Mode,
    /// Set when the reader should exit.
    pub quit: bool,
    /// Input/output the event loop should do next.
    pub request: Option<Request>,
    /// Errors of the positions file as it is now on disk; the last good model stays shown.
    pub errors: Vec<crate::diagnostic::Diagnostic>,
    /// Selected line of the sources list.
    pub sources_selected: usize,
    /// The timeline of one issue, while it is open.
    pub timeline: TimelineState,
    /// The comparison screens: spectrum, party × party table, two-party view.
    pub compare: CompareState,
    /// While quotes are being verified in the background: (verified, to verify).
    pub verifying: Option<(usize, usize)>,
    /// Which version of positions.toml is shown: the one on disk, the last good one
    /// while the file does not load, or the parts of a file that never loaded whole.
    pub shown_version: super::panel_text::ShownVersion,
    /// The errors of the quotes of the model shown not found in their sources, as
    /// verification found them: they stay in the panel while a later version of the
    /// file does not load and this model stays shown.
    pub shown_quote_errors: Vec<crate::diagnostic::Diagnostic>,
}

impl App {
    /// A reader on `model`, showing its latest date, for a terminal of `size`.
    pub fn new(
        model: impl Into<Arc<Model>>,
        path: PathBuf,
        theme: Theme,
        size: (u16, u16),
    ) -> Self {
        let mut app = App {
            view: View::new(model.into(), None),
            path,
            theme,
            stack: vec![Screen::Grid],
            size,
            grid: GridState::default(),
            detail: DetailState::default(),
            detail_back: Vec::new(),
            source: SourceState::default(),
            help_scroll: 0,
            search: SearchState::default(),
            message: None,
            mode: Mode::Normal,
            quit: false,
            request: None,
            errors: Vec::new(),
            sources_selected: 0,
            timeline: TimelineState::default(),
            compare: CompareState::default(),
            verifying: None,
            shown_version: super::panel_text::ShownVersion::Current,
            shown_quote_errors: Vec::new(),
        };
        // Wrap summaries from the start when the whole wrapped grid fits the screen.
        app.grid.wrap = true;
        app.grid.wrap = app.grid_shape().fits(0, app.areas().main);
        app.fix_scroll();
        app
    }

    /// The screen shown.
    pub fn screen(&self) -> Screen {
        *self.stack.last().unwrap_or(&Screen::Grid)
    }

    /// Says `text` in the status bar until the next key.
    pub fn say(&mut self, text: String) {
        self.message = Some(text.into());
    }

    /// The export prompt, while it is open.
    pub fn export_prompt(&self) -> Option<&ExportPrompt> {
        match &self.mode {
            Mode::Export(prompt) => Some(prompt),
            _ => None,
        }
    }

    /// The filter being typed, while the filter prompt is open.
    pub fn filter_prompt(&self) -> Option<&tui_input::Input> {
        match &self.mode {
            Mode::Filter(input) => Some(input),
            _ => None,
        }
    }

    /// The search being typed, while it is.
    pub fn search_input(&self) -> Option<&tui_input::Input> {
        match &self.mode {
            Mode::Search(input) => Some(input),
            _ => None,
        }
    }

    /// The popup shown, if any.
    pub fn popup(&self) -> Option<&Popup> {
        match &self.mode {
            Mode::Popup(popup) => Some(popup),
            _ => None,
        }
    }

    /// The view date.
    pub fn view_date(&self) -> Option<Date> {
        self.view.date
    }

    /// Number of display rows and columns of the grid.
    pub fn grid_dims(&self) -> (usize, usize) {
        self.grid_shape().dims()
    }

    /// The cell at a display row and column.
    pub fn cell_at(&self, row: usize, col: usize) -> Cell {
        self.grid_shape().cell_at(row, col)
    }

    /// The selected (row, column) in display order.
    pub fn selected(&self) -> (usize, usize) {
        let i = self.view.issues.iter().position(|&x| x == self.grid.issue);
        let p = self.view.parties.iter().position(|&x| x == self.grid.party);
        let (i, p) = (i.unwrap_or(0), p.unwrap_or(0));
        if self.grid.transposed { (p, i) } else { (i, p) }
    }

    /// Selects the cell at a display row and column.
    pub fn select(&mut self, row: usize, col: usize) {
        self.select_cell(self.cell_at(row, col));
    }

    /// Selects a cell of the grid.
    pub fn select_cell(&mut self, cell: Cell) {
        (self.grid.issue, self.grid.party) = (cell.issue, cell.party);
    }

    /// The cell selected in the grid.
    pub fn selected_cell(&self) -> Cell {
        Cell::new(self.grid.issue, self.grid.party)
    }

    /// The position shown in a cell, if any.
    pub fn position_at(&self, cell: Cell) -> Option<PositionId> {
        self.view.position_at(cell.issue, cell.party)
    }

    /// Shows the grid at another date (the latest when `None`), keeping the filter.
    pub fn set_date(&mut self, date: Option<Date>) {
        self.view = self.view.at(date);
        if !self.search.query.is_empty() {
            self.run_search();
        }
    }

    /// Height in rows of the scrolling part of the current screen (below its header
    /// lines, above the error panel and the status bar).
    pub fn body_height(&self) -> usize {
        layout::body_height(self.screen(), self.size, self.panel_rows(self.size))
    }

    /// Where the parts of the screen go.
    pub fn areas(&self) -> layout::Areas {
        self.areas_in(self.size)
    }

    /// Where the parts of a screen of `size` go: the error panel gets the rows its
    /// wrapped text needs, at most a third of the screen.
    pub fn areas_in(&self, size: (u16, u16)) -> layout::Areas {
        layout::areas(size, self.panel_rows(size))
    }

    /// Rows the error panel wants on a screen of `size` (0 when the file loads). The
    /// layout gives it at most a third of the screen, so once every error has a row of
    /// that many the wrapped text is not measured (a broken file may have thousands).
    fn panel_rows(&self, size: (u16, u16)) -> usize {
        if self.errors.is_empty() {
            return 0;
        }
        let at_least = self.errors.len() + 1;
        if at_least >= usize::from(size.1 / 3) {
            return at_least;
        }
        let rows = super::panel_text::error_rows(
            &self.panel_subject(),
            &self.errors,
            usize::from(size.0),
            usize::MAX,
        );
        rows.len()
    }

    /// Shows the errors of a file that did not load whole, as the reader opens on the
    /// part of it that resolves (none: it loaded whole, its quotes perhaps still to
    /// verify).
    pub fn set_opening_errors(&mut self, errors: Vec<crate::diagnostic::Diagnostic>) {
        self.shown_version = if errors.is_empty() {
            super::panel_text::ShownVersion::Current
        } else {
            super::panel_text::ShownVersion::Parts
        };
        self.errors = errors;
    }

    /// What the error panel is about (see [`App::shown_version`]).
    pub fn panel_subject(&self) -> super::panel_text::Subject<'_> {
        super::panel_text::Subject {
            path: &self.path,
            shown: self.shown_version,
        }
    }

    /// The grid as shown, for measuring and drawing it.
    pub fn grid_shape(&self) -> layout::GridShape<'_> {
        layout::GridShape {
            view: &self.view,
            transposed: self.grid.transposed,
            wrap: self.grid.wrap,
            evidence: self.grid.evidence,
        }
    }

    /// The grid's scroll offsets: first row, first column.
    pub fn grid_offsets(&self) -> (usize, usize) {
        (self.grid.row_offset, self.grid.col_offset)
    }

    /// Applies one action; returns true when anything on screen may have changed.
    pub fn update(&mut self, action: Action) -> bool {
        self.message = None;
        match self.mode {
            Mode::Search(_) => return self.update_search_input(action),
            Mode::Export(_) => return self.update_export_prompt(action),
            Mode::Filter(_) => return self.update_filter_prompt(action),
            Mode::Popup(_) if !matches!(action, Action::Resize(..)) => {
                self.mode = Mode::Normal;
                if action != Action::ForceQuit {
                    return true;
                }
            }
            Mode::Normal | Mode::Popup(_) => {}
        }
        match action {
            Action::Reload => {
                self.request = Some(Request::Reload);
                return true;
            }
            Action::Edit => {
                self.request = Some(Request::Edit(self.edit_line()));
                return true;
            }
            Action::ListSources => {
                if self.screen() != Screen::Sources {
                    self.stack.push(Screen::Sources);
                }
            }
            Action::Export if self.verifying.is_some() => {
                let text = format!(
                    "quotes are {} (verifying… {}); export once they are checked",
                    crate::view::cited::STILL_VERIFYING,
                    self.verify_progress()
                );
                self.message = Some(Message::new(text, About::Verifying));
                return true;
            }
            Action::Export if !self.errors.is_empty() => {
                self.refuse_export();
                return true;
            }
            Action::Export => {
                let format = crate::export::Format::Md;
                let name = crate::export::file_name(&self.view, format);
                self.mode = Mode::Export(ExportPrompt {
                    format,
                    path: tui_input::Input::new(name),
                    confirm_overwrite: false,
                });
                return true;
            }
            Action::ForceQuit => self.quit = true,
            Action::Quit => self.quit = true,
            Action::Help => {
                if self.screen() != Screen::Help {
                    self.help_scroll = 0;
                    self.stack.push(Screen::Help);
                }
            }
            Action::Back => {
                if self.stack.len() > 1 {
                    self.go_back();
                } else if !self.search.query.is_empty() {
                    self.search = SearchState::default();
                } else {
                    return false;
                }
            }
            Action::Resize(w, h) => {
                self.size = (w, h);
                if self.screen() == Screen::Source {
                    self.layout_source();
                }
            }
            _ => match self.screen() {
                Screen::Grid => {
                    return self
                        .update_grid_compare(action)
                        .unwrap_or_else(|| self.update_grid(action));
                }
                Screen::Spectrum => return self.update_spectrum(action),
                Screen::Matrix => return self.update_matrix(action),
                Screen::Pair => return self.update_pair(action),
                Screen::Detail => return self.update_detail(action),
                Screen::Source => return self.update_source(action),
                Screen::Help => return self.update_help(action),
                Screen::Sources => return self.update_sources(action),
                Screen::Timeline => return self.update_timeline(action),
            },
        }
        self.fix_scroll();
        true
    }

    /// Closes the screen shown; closing a detail page opened from another one's history
    /// returns to that one as it was.
    fn go_back(&mut self) {
        let closed = self.stack.pop();
        if closed == Some(Screen::Detail)
            && self.stack.contains(&Screen::Detail)
            && let Some(before) = self.detail_back.pop()
        {
            self.detail = before;
        }
    }

    /// Keeps selections inside their lists and in view after any change.
    pub fn fix_scroll(&mut self) {
        let (rows, cols) = self.grid_dims();
        if !self.view.issues.contains(&self.grid.issue) {
            self.grid.issue = self.view.issues.first().copied().unwrap_or_default();
        }
        if !self.view.parties.contains(&self.grid.party) {
            self.grid.party = self.view.parties.first().copied().unwrap_or_default();
        }
        if rows > 0 && cols > 0 {
            let offsets = self.grid_shape().scroll_into_view(
                self.selected(),
                self.grid_offsets(),
                self.areas().main,
            );
            (self.grid.row_offset, self.grid.col_offset) = offsets;
        }
        let h = self.body_height().max(1);
        if self.screen() == Screen::Detail {
            let total = self.detail_measure().1;
            self.detail.scroll = self.detail.scroll.min(total.saturating_sub(h));
        }
        if self.screen() == Screen::Help {
            self.help_scroll = self.help_scroll.min(layout::help_len().saturating_sub(h));
        }
        self.fix_compare_scroll();
    }
}
