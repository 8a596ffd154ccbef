//! The reader's state and its one entry point for change: [`App::update`].
//!
//! Views only read the state; the event loop only turns events into [`Action`]s.

use crate::date::Date;
use crate::model::Model;
use std::ops::Range;
use std::path::PathBuf;

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

impl GridState {
    /// The selected (row, column) in display order.
    pub fn selected(&self) -> (usize, usize) {
        if self.transposed {
            (self.party, self.issue)
        } else {
            (self.issue, self.party)
        }
    }

    fn select(&mut self, row: usize, col: usize) {
        if self.transposed {
            (self.party, self.issue) = (row, col);
        } else {
            (self.issue, self.party) = (row, col);
        }
    }
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
    /// The model shown.
    pub model: Model,
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
    /// The model's dates, oldest first.
    pub dates: Vec<Date>,
    /// Index of the view date in `dates` (`None` when nothing is dated).
    pub date_index: Option<usize>,
    /// The cells at the view date: per issue, per party, a position index.
    pub cells: Vec<Vec<Option<usize>>>,
    /// The cells at the previous date, to mark what changed.
    pub previous_cells: Vec<Vec<Option<usize>>>,
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
    pub fn new(model: Model, path: PathBuf, theme: Theme, size: (u16, u16)) -> Self {
        let dates = model.dates();
        let mut app = App {
            date_index: dates.len().checked_sub(1),
            dates,
            model,
            path,
            theme,
            stack: vec![Screen::Grid],
            size,
            grid: GridState::default(),
            cells: Vec::new(),
            previous_cells: Vec::new(),
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
        app.refresh_cells();
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
        self.date_index.map(|i| self.dates[i])
    }

    /// Number of display rows and columns of the grid.
    pub fn grid_dims(&self) -> (usize, usize) {
        let (i, p) = (self.model.issues.len(), self.model.parties.len());
        if self.grid.transposed { (p, i) } else { (i, p) }
    }

    /// The (issue, party) at a display row and column.
    pub fn cell_at(&self, row: usize, col: usize) -> (usize, usize) {
        if self.grid.transposed {
            (col, row)
        } else {
            (row, col)
        }
    }

    /// The position shown in a cell, if any.
    pub fn position_at(&self, issue: usize, party: usize) -> Option<usize> {
        self.cells.get(issue)?.get(party).copied().flatten()
    }

    /// True when the cell's position differs from the one at the previous date.
    pub fn changed(&self, issue: usize, party: usize) -> bool {
        let before = self
            .previous_cells
            .get(issue)
            .and_then(|r| r.get(party))
            .copied()
            .flatten();
        self.date_index.is_some() && self.position_at(issue, party) != before
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

    fn refresh_cells(&mut self) {
        let date = self.view_date();
        self.cells = self.model.grid_at(date);
        self.previous_cells = match self.date_index {
            Some(0) => self.model.grid_at(Date::new(0, 1, 1)),
            Some(i) => self.model.grid_at(Some(self.dates[i - 1])),
            None => self.cells.clone(),
        };
        if !self.search.query.is_empty() {
            self.run_search();
        }
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
                let date = self
                    .view_date()
                    .map_or("undated".to_string(), |d| d.to_string());
                let format = crate::export::Format::Md;
                self.export_prompt =
                    Some((format, format!("stances-{date}.{}", format.extension())));
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

    fn update_grid(&mut self, action: Action) -> bool {
        let (rows, cols) = self.grid_dims();
        if rows == 0 || cols == 0 {
            return false;
        }
        let (mut r, mut c) = self.grid.selected();
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
                let (issue, party) = self.cell_at(r, c);
                match self.position_at(issue, party) {
                    Some(p) => self.open_detail(p),
                    None => {
                        self.message = Some(format!(
                            "no position of {} on {} at this date",
                            self.model.parties[party].name, self.model.issues[issue].name
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
                self.message = Some(if self.grid.wrap {
                    "summaries wrapped: rows grow".into()
                } else {
                    "one line per row: long summaries end in …".into()
                });
            }
            Action::PrevDate | Action::NextDate => {
                let Some(i) = self.date_index else {
                    self.message = Some("no position in this file has an as_of date".into());
                    return true;
                };
                let next = if action == Action::PrevDate {
                    i.checked_sub(1)
                } else {
                    Some(i + 1)
                };
                match next.filter(|&n| n < self.dates.len()) {
                    Some(n) => {
                        self.date_index = Some(n);
                        self.refresh_cells();
                    }
                    None => {
                        let end = if action == Action::PrevDate {
                            "earliest"
                        } else {
                            "latest"
                        };
                        self.message = Some(format!("already at the {end} date"));
                    }
                }
                return true;
            }
            Action::Search => {
                self.search.editing = true;
                self.search.input = self.search.query.clone();
                return true;
            }
            Action::NextMatch | Action::PrevMatch => {
                self.step_match(action == Action::NextMatch);
                return true;
            }
            Action::Click(x, y) => {
                if let Some((row, col)) = super::grid::hit(self, x, y) {
                    (r, c) = (row, col);
                } else {
                    return false;
                }
            }
            _ => return false,
        }
        self.grid.select(r, c);
        self.fix_scroll();
        true
    }

    fn open_detail(&mut self, position: usize) {
        self.detail = DetailState {
            position,
            citation: 0,
            scroll: 0,
        };
        self.stack.push(Screen::Detail);
    }

    fn update_detail(&mut self, action: Action) -> bool {
        let p = &self.model.positions[self.detail.position];
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

    fn scroll_to_citation(&mut self) {
        let width = usize::from(self.size.0);
        let (_, starts, total) = super::detail::content(self, width);
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

    /// Every cited sentence of a source, with the quotes and positions citing it.
    pub fn targets_of(model: &Model, source: usize) -> Vec<Target> {
        let mut targets: Vec<Target> = Vec::new();
        let mut index: std::collections::HashMap<(usize, usize), usize> = Default::default();
        for (pi, p) in model.positions.iter().enumerate() {
            for c in p.citations.iter().filter(|c| c.source == source) {
                let key = (c.sentence.start, c.sentence.end);
                let at = *index.entry(key).or_insert_with(|| {
                    targets.push(Target {
                        sentence: c.sentence.clone(),
                        quotes: Vec::new(),
                        cited_by: Vec::new(),
                    });
                    targets.len() - 1
                });
                let t = &mut targets[at];
                t.quotes.push(c.span.clone());
                if t.cited_by.last() != Some(&pi) {
                    t.cited_by.push(pi);
                }
            }
        }
        targets.sort_by_key(|t| (t.sentence.start, t.sentence.end));
        targets
    }

    /// Every sentence of a source as a target, cited or not (for curators).
    pub fn all_sentences_of(model: &Model, source: usize) -> Vec<Target> {
        let sentences = &model.sources[source].text.sentences;
        let mut all: Vec<Target> = sentences
            .iter()
            .map(|s| Target {
                sentence: s.clone(),
                quotes: Vec::new(),
                cited_by: Vec::new(),
            })
            .collect();
        let overlaps = |a: &Range<usize>, b: &Range<usize>| a.start < b.end && b.start < a.end;
        for cited in Self::targets_of(model, source) {
            let first = sentences.partition_point(|s| s.end <= cited.sentence.start);
            let last = sentences.partition_point(|s| s.start < cited.sentence.end);
            for t in &mut all[first..last.max(first)] {
                t.quotes.extend(
                    cited
                        .quotes
                        .iter()
                        .filter(|q| overlaps(q, &t.sentence))
                        .cloned(),
                );
                for &p in &cited.cited_by {
                    if !t.cited_by.contains(&p) {
                        t.cited_by.push(p);
                    }
                }
            }
        }
        all
    }

    fn open_source(&mut self, source: usize, sentence: &Range<usize>) {
        self.open_source_as(source, sentence, false);
    }

    fn open_source_as(&mut self, source: usize, sentence: &Range<usize>, curator: bool) {
        let targets = if curator {
            Self::all_sentences_of(&self.model, source)
        } else {
            Self::targets_of(&self.model, source)
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

    /// Re-wraps the open source to the current width.
    fn layout_source(&mut self) {
        let width = usize::from(self.size.0).max(1);
        if self.source.width != width || self.source.lines.is_empty() {
            let text = &self.model.sources[self.source.source].text.text;
            self.source.lines = super::text::wrap_text(text, width);
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

    fn scroll_to_focus(&mut self) {
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

    fn update_source(&mut self, action: Action) -> bool {
        let page = self.body_height().max(1);
        let max = self.source.lines.len().saturating_sub(1);
        let n = self.source.targets.len();
        if self.source.curator && n > 0 {
            let f = self.source.focus;
            let cited = |t: &Target| !t.cited_by.is_empty();
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
                    None => self.message = Some("no more cited sentences that way".into()),
                }
                return true;
            }
        }
        match action {
            Action::Copy => {
                if let Some(t) = self.source.targets.get(self.source.focus) {
                    let block = cite_block(&self.model, self.source.source, &t.sentence);
                    self.popup = Some((
                        "Copied (OSC 52): paste under a [[position]]; long lines are wrapped only on screen".into(),
                        block.clone(),
                    ));
                    self.request = Some(Request::Copy(block));
                }
            }
            Action::Down | Action::ScrollDown => {
                self.source.scroll = (self.source.scroll + 1).min(max)
            }
            Action::Up | Action::ScrollUp => {
                self.source.scroll = self.source.scroll.saturating_sub(1)
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

    fn update_help(&mut self, action: Action) -> bool {
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

    fn update_search_input(&mut self, action: Action) -> bool {
        match action {
            Action::InputChar(c) => self.search.input.push(c),
            Action::InputBackspace => {
                self.search.input.pop();
            }
            Action::InputSubmit => {
                self.search.editing = false;
                if self.search.matches.is_empty() && !self.search.query.is_empty() {
                    self.message = Some(format!("no match for “{}”", self.search.query));
                }
                return true;
            }
            Action::InputCancel => {
                self.search = SearchState::default();
                return true;
            }
            Action::ForceQuit => self.quit = true,
            Action::Resize(w, h) => self.size = (w, h),
            _ => return false,
        }
        self.search.query = self.search.input.clone();
        self.run_search();
        if let Some(&(issue, party)) = self.search.matches.first() {
            self.search.current = Some(0);
            self.grid.issue = issue;
            self.grid.party = party;
        }
        self.fix_scroll();
        true
    }

    /// True when a position's summary, detail or one of its quotes holds the query.
    pub fn position_matches(&self, position: usize) -> bool {
        let q = self.search.query.to_lowercase();
        if q.is_empty() {
            return false;
        }
        let p = &self.model.positions[position];
        let has = |s: &str| s.to_lowercase().contains(&q);
        has(&p.summary)
            || p.detail.as_deref().is_some_and(has)
            || p.citations
                .iter()
                .any(|c| has(&c.quote) || has(self.model.quote_text(c)))
    }

    fn run_search(&mut self) {
        let (rows, cols) = self.grid_dims();
        let mut matches = Vec::new();
        for r in 0..rows {
            for c in 0..cols {
                let (issue, party) = self.cell_at(r, c);
                if self
                    .position_at(issue, party)
                    .is_some_and(|p| self.position_matches(p))
                {
                    matches.push((issue, party));
                }
            }
        }
        self.search.matches = matches;
        self.search.current = None;
    }

    fn step_match(&mut self, forward: bool) {
        let n = self.search.matches.len();
        if n == 0 {
            self.message = Some(if self.search.query.is_empty() {
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
        self.search.current = Some(i);
        (self.grid.issue, self.grid.party) = self.search.matches[i];
        self.fix_scroll();
    }

    fn update_sources(&mut self, action: Action) -> bool {
        let n = self.model.sources.len();
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
                let s = *sel;
                let first = self.model.sources[s]
                    .text
                    .sentences
                    .first()
                    .cloned()
                    .unwrap_or(0..0);
                self.open_source_as(s, &first, true);
            }
            _ => return false,
        }
        true
    }

    fn update_export_prompt(&mut self, action: Action) -> bool {
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

    /// Takes a freshly loaded model, or keeps the last good one and shows the errors.
    pub fn apply_reload(&mut self, loaded: crate::model::Loaded) {
        let Some(model) = loaded.model else {
            self.errors = loaded
                .diagnostics
                .into_iter()
                .filter(|d| d.is_error())
                .collect();
            self.message = Some(format!(
                "{} has {} error(s); showing the last good version",
                self.path.display(),
                self.errors.len()
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
                Self::targets_of(&self.model, s)
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

    /// Keeps selections inside their lists and in view after any change.
    pub fn fix_scroll(&mut self) {
        let (rows, cols) = self.grid_dims();
        self.grid.issue = self
            .grid
            .issue
            .min(self.model.issues.len().saturating_sub(1));
        self.grid.party = self
            .grid
            .party
            .min(self.model.parties.len().saturating_sub(1));
        if rows > 0 && cols > 0 {
            super::grid::scroll_into_view(self);
        }
        let width = usize::from(self.size.0);
        if self.screen() == Screen::Detail {
            let (_, _, total) = super::detail::content(self, width);
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

/// A ready `[[position.cite]]` block quoting a sentence of a source.
pub fn cite_block(model: &Model, source: usize, sentence: &Range<usize>) -> String {
    let src = &model.sources[source];
    let text: String = src.text.text[sentence.clone()]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let quote = toml::Value::String(crate::sanitize::text(&text)).to_string();
    let id = toml::Value::String(src.id.clone()).to_string();
    format!("[[position.cite]]\nsource = {id}\nquote = {quote}\n")
}
