//! The reader's state and its one entry point for change: [`App::update`].
//!
//! Views only read the state; the event loop only turns events into [`Action`]s.

mod curate;
mod detail;
mod grid;
mod search;
mod source;

pub use source::cite_block;

use crate::date::Date;
use crate::model::Model;
use crate::view::View;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use super::theme::Theme;

/// The screens of the reader, stacked: `Esc` goes back to the one below.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    /// The issue × party grid.
    Grid,
    /// One cell: position, history, citations.
    Detail,
    /// A source text with the cited sentence highlighted.
    Source,
    /// Every key.
    Help,
    /// The list of sources, for curators.
    Sources,
}

/// Work the event loop must do outside the pure state: input/output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Request {
    /// Load the positions file again.
    Reload,
    /// Open the editor at this line of the positions file.
    Edit(usize),
    /// Put this text on the clipboard (OSC 52).
    Copy(String),
    /// Write an export of the current view.
    Export(crate::export::Format, PathBuf),
}

/// Everything that can change the state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Move or scroll up.
    Up,
    /// Move or scroll down.
    Down,
    /// Move left.
    Left,
    /// Move right.
    Right,
    /// One page up.
    PageUp,
    /// One page down.
    PageDown,
    /// To the top.
    Top,
    /// To the bottom.
    Bottom,
    /// Open what is selected.
    Open,
    /// Back one level.
    Back,
    /// Quit (from the grid).
    Quit,
    /// Quit from anywhere.
    ForceQuit,
    /// Show the keys.
    Help,
    /// Swap rows and columns of the grid.
    Transpose,
    /// Wrap long summaries in the grid.
    ToggleWrap,
    /// View date one step earlier.
    PrevDate,
    /// View date one step later.
    NextDate,
    /// Start typing a search.
    Search,
    /// Next search match.
    NextMatch,
    /// Previous search match.
    PrevMatch,
    /// Next citation (detail) or cited sentence (source).
    NextItem,
    /// Previous citation or cited sentence.
    PrevItem,
    /// Mouse wheel up.
    ScrollUp,
    /// Mouse wheel down.
    ScrollDown,
    /// Mouse click at a column and row of the terminal.
    Click(u16, u16),
    /// The terminal has a new size.
    Resize(u16, u16),
    /// A character typed into the search line.
    InputChar(char),
    /// Backspace in the search line.
    InputBackspace,
    /// Enter in the search line.
    InputSubmit,
    /// Esc in the search line.
    InputCancel,
    /// Reload the positions file by hand.
    Reload,
    /// Edit the positions file at the selected position.
    Edit,
    /// List the sources.
    ListSources,
    /// Copy the sentence under the cursor as a citation block.
    Copy,
    /// Export the current view.
    Export,
}

/// Selection and scrolling of the grid.
#[derive(Clone, Debug, Default)]
pub struct GridState {
    /// Selected issue.
    pub issue: usize,
    /// Selected party.
    pub party: usize,
    /// First visible row (in display order).
    pub row_offset: usize,
    /// First visible scrolling column (in display order).
    pub col_offset: usize,
    /// Wrap long summaries.
    pub wrap: bool,
    /// Parties as rows, issues as columns.
    pub transposed: bool,
}

/// The open cell.
#[derive(Clone, Debug, Default)]
pub struct DetailState {
    /// The position shown.
    pub position: usize,
    /// Selected citation.
    pub citation: usize,
    /// First visible line.
    pub scroll: usize,
}

/// A cited sentence of the open source.
#[derive(Clone, Debug)]
pub struct Target {
    /// Byte range of the sentence (or run of sentences).
    pub sentence: Range<usize>,
    /// Byte ranges of the quotes inside it.
    pub quotes: Vec<Range<usize>>,
    /// Positions that cite it.
    pub cited_by: Vec<usize>,
}

/// The open source.
#[derive(Clone, Debug, Default)]
pub struct SourceState {
    /// Index of the source.
    pub source: usize,
    /// Its cited sentences, in text order.
    pub targets: Vec<Target>,
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

/// The search line and its matches.
#[derive(Clone, Debug, Default)]
pub struct SearchState {
    /// True while the user types the query.
    pub editing: bool,
    /// The query as typed.
    pub input: String,
    /// The confirmed (or live) query.
    pub query: String,
    /// Cells (issue, party) whose position matches, in display order.
    pub matches: Vec<(usize, usize)>,
    /// Index into `matches` of the current one.
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
    /// The open source.
    pub source: SourceState,
    /// Help scroll offset.
    pub help_scroll: usize,
    /// Search.
    pub search: SearchState,
    /// A one-off message for the status bar.
    pub message: Option<String>,
    /// Set when the reader should exit.
    pub quit: bool,
    /// Input/output the event loop should do next.
    pub request: Option<Request>,
    /// Errors of the positions file as it is now on disk; the last good model stays shown.
    pub errors: Vec<crate::diagnostic::Diagnostic>,
    /// A box of text shown over the view until the next key (e.g. a copied citation).
    pub popup: Option<(String, String)>,
    /// Selected line of the sources list.
    pub sources_selected: usize,
    /// The export prompt, while it is open: the path being typed and the format.
    pub export_prompt: Option<(crate::export::Format, String)>,
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
            source: SourceState::default(),
            help_scroll: 0,
            search: SearchState::default(),
            message: None,
            quit: false,
            request: None,
            errors: Vec::new(),
            popup: None,
            sources_selected: 0,
            export_prompt: None,
        };
        // Wrap summaries from the start when the whole wrapped grid fits the screen.
        app.grid.wrap = true;
        app.grid.wrap = super::grid::fits(&app);
        app.fix_scroll();
        app
    }

    /// The screen shown.
    pub fn screen(&self) -> Screen {
        *self.stack.last().unwrap_or(&Screen::Grid)
    }

    /// The view date.
    pub fn view_date(&self) -> Option<Date> {
        self.view.date
    }

    /// Number of display rows and columns of the grid.
    pub fn grid_dims(&self) -> (usize, usize) {
        let (i, p) = (self.view.issues.len(), self.view.parties.len());
        if self.grid.transposed { (p, i) } else { (i, p) }
    }

    /// The (issue, party) at a display row and column.
    pub fn cell_at(&self, row: usize, col: usize) -> (usize, usize) {
        let (i, p) = if self.grid.transposed {
            (col, row)
        } else {
            (row, col)
        };
        (
            self.view.issues.get(i).copied().unwrap_or(i),
            self.view.parties.get(p).copied().unwrap_or(p),
        )
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
        (self.grid.issue, self.grid.party) = self.cell_at(row, col);
    }

    /// The position shown in a cell, if any.
    pub fn position_at(&self, issue: usize, party: usize) -> Option<usize> {
        self.view.position_at(issue, party)
    }

    /// True when the cell's position differs from the one at the previous date.
    pub fn changed(&self, issue: usize, party: usize) -> bool {
        self.view.changed(issue, party)
    }

    /// Shows the grid at another date (the latest when `None`), keeping the filter.
    pub fn set_date(&mut self, date: Option<Date>) {
        self.view = self.view.at(date);
        if !self.search.query.is_empty() {
            self.run_search();
        }
    }

    /// Height in rows of the scrolling part of the current screen (below its header
    /// lines, above the status bar).
    pub fn body_height(&self) -> usize {
        let chrome = if self.screen() == Screen::Source {
            3
        } else {
            2
        };
        usize::from(self.size.1.saturating_sub(chrome + self.panel_height()))
    }

    /// Height of the error panel (0 when the file on disk loads).
    pub fn panel_height(&self) -> u16 {
        if self.errors.is_empty() {
            return 0;
        }
        let want = self.errors.len() as u16 + 1;
        want.min(self.size.1 / 3)
    }

    /// Applies one action; returns true when anything on screen may have changed.
    pub fn update(&mut self, action: Action) -> bool {
        self.message = None;
        if self.search.editing {
            return self.update_search_input(action);
        }
        if self.export_prompt.is_some() {
            return self.update_export_prompt(action);
        }
        if self.popup.is_some() && !matches!(action, Action::Resize(..)) {
            self.popup = None;
            if action != Action::ForceQuit {
                return true;
            }
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
            Action::Export => {
                let format = crate::export::Format::Md;
                self.export_prompt = Some((format, crate::export::file_name(&self.view, format)));
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
                    self.stack.pop();
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
                Screen::Grid => return self.update_grid(action),
                Screen::Detail => return self.update_detail(action),
                Screen::Source => return self.update_source(action),
                Screen::Help => return self.update_help(action),
                Screen::Sources => return self.update_sources(action),
            },
        }
        self.fix_scroll();
        true
    }

    /// Keeps selections inside their lists and in view after any change.
    pub fn fix_scroll(&mut self) {
        let (rows, cols) = self.grid_dims();
        if !self.view.issues.contains(&self.grid.issue) {
            self.grid.issue = self.view.issues.first().copied().unwrap_or(0);
        }
        if !self.view.parties.contains(&self.grid.party) {
            self.grid.party = self.view.parties.first().copied().unwrap_or(0);
        }
        if rows > 0 && cols > 0 {
            super::grid::scroll_into_view(self);
        }
        let width = usize::from(self.size.0);
        if self.screen() == Screen::Detail {
            let (_, _, total) = crate::tui::detail::content(self, width);
            let h = self.body_height().max(1);
            self.detail.scroll = self.detail.scroll.min(total.saturating_sub(h));
        }
        if self.screen() == Screen::Help {
            let total = super::help::lines(self).len();
            let h = self.body_height().max(1);
            self.help_scroll = self.help_scroll.min(total.saturating_sub(h));
        }
    }
}
