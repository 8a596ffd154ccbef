//! The screen's areas and every measurement that both `update` and the views need:
//! where the main view, the error panel and the status bar go, how tall grid rows are,
//! which rows and columns fit, how to scroll the selection into view, what a click hits,
//! and how long the detail and help pages are. Pure functions of the state's parts, so
//! that what `update` computes is exactly what `draw` shows.

use super::action::Screen;
use super::detail_page;
pub use super::detail_page::{Anchors, Item, Open};
use super::theme::Theme;
use crate::model::{Cell, IssueId, Model, PartyId, PositionId};
use crate::sanitize::one_line;
use crate::view::cited::{UNCHECKED_MARK, unchecked};
use crate::view::diff::words::change_mark;
use crate::view::evidence::{CONTESTED_MARK, contested};
use crate::view::{Evidence, View};
use crate::wrap::wrap_ranges;
use ratatui::layout::Rect;
use std::ops::Range;
use unicode_width::UnicodeWidthStr;

/// The smallest terminal the views are drawn in; below it, one line says so.
pub const MIN_SIZE: (u16, u16) = (20, 4);
/// The narrowest a grid column gets before columns scroll sideways.
const MIN_COL: usize = 14;
/// The tallest a wrapped grid row gets.
const MAX_ROW_LINES: usize = 6;

/// Where the parts of the screen go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Areas {
    /// The current view.
    pub main: Rect,
    /// The error panel (zero height when the file loads).
    pub panel: Rect,
    /// The status bar, the last line.
    pub bar: Rect,
}

/// True when the terminal is too small to draw the views.
pub fn too_small(size: (u16, u16)) -> bool {
    size.0 < MIN_SIZE.0 || size.1 < MIN_SIZE.1
}

/// The areas of a terminal of `size` whose error panel wants `panel_rows` rows (its
/// title included; 0 when the file loads): the panel gets at most a third of the screen.
pub fn areas(size: (u16, u16), panel_rows: usize) -> Areas {
    let (w, h) = size;
    let want = u16::try_from(panel_rows).unwrap_or(u16::MAX);
    let panel = want.min(h / 3).min(h.saturating_sub(2));
    let main_h = h.saturating_sub(1 + panel);
    Areas {
        main: Rect::new(0, 0, w, main_h),
        panel: Rect::new(0, main_h, w, panel),
        bar: Rect::new(0, h.saturating_sub(1), w, h.min(1)),
    }
}

/// Lines of the main area above the part that scrolls, per screen.
fn header_lines(screen: Screen) -> u16 {
    match screen {
        Screen::Source => 2,
        _ => 1,
    }
}

/// Height of the part of `screen` that scrolls (below its header lines), with an error
/// panel that wants `panel_rows` rows.
pub fn body_height(screen: Screen, size: (u16, u16), panel_rows: usize) -> usize {
    let main = areas(size, panel_rows).main;
    usize::from(main.height.saturating_sub(header_lines(screen)))
}

/// Where the history entries and citations of a detail page `width` wide stand, and
/// its length.
pub fn detail_measure(
    model: &Model,
    open: Open,
    width: usize,
    errors: &[crate::diagnostic::Diagnostic],
) -> (Anchors, usize) {
    let orphans = detail_page::orphans_of(model, open.position, errors);
    let theme = Theme { color: false };
    let page = detail_page::content_with_orphans(model, open, "", theme, width, &orphans);
    (page.anchors, page.lines.len())
}

/// The item of a detail page drawn in `area` and scrolled to `scroll` that a click at
/// screen position (`x`, `y`) hits, if any.
pub fn detail_hit(anchors: &Anchors, scroll: usize, area: Rect, x: u16, y: u16) -> Option<Item> {
    let inside = x >= area.x && x < area.right() && y >= area.y && y < area.bottom();
    if !inside {
        return None;
    }
    anchors.item_at(scroll + usize::from(y - area.y))
}

/// Number of lines of the help page.
pub fn help_len() -> usize {
    super::keys::help_lines(Theme { color: false }).len()
}

/// The grid as shown: the view, and whether it is transposed or wrapped.
#[derive(Clone, Copy)]
pub struct GridShape<'a> {
    /// The grid at the view date.
    pub view: &'a View,
    /// Parties as rows, issues as columns.
    pub transposed: bool,
    /// Long summaries wrap and rows grow.
    pub wrap: bool,
    /// Cells show their evidence line before the summary.
    pub evidence: bool,
}

/// Where everything of the grid goes inside its area.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GridLayout {
    /// Width of the frozen label column.
    pub head_w: usize,
    /// Width of each scrolling column (separator included).
    pub col_w: usize,
    /// Visible scrolling columns, in display order.
    pub cols: Range<usize>,
    /// Visible rows, in display order.
    pub rows: Vec<GridRow>,
}

/// One visible row of the grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GridRow {
    /// The display row.
    pub row: usize,
    /// Its first line below the header.
    pub top: usize,
    /// Its height in lines.
    pub height: usize,
}

impl GridShape<'_> {
    /// Number of display rows and columns.
    pub fn dims(&self) -> (usize, usize) {
        let (i, p) = (self.view.issues.len(), self.view.parties.len());
        if self.transposed { (p, i) } else { (i, p) }
    }

    /// The cell at a display row and column.
    pub fn cell_at(&self, row: usize, col: usize) -> Cell {
        let (i, p) = if self.transposed {
            (col, row)
        } else {
            (row, col)
        };
        Cell::new(
            self.view.issues.get(i).copied().unwrap_or(IssueId(i)),
            self.view.parties.get(p).copied().unwrap_or(PartyId(p)),
        )
    }

    /// The label of a display row: the issue's name, or the party's when transposed.
    pub fn row_label(&self, row: usize) -> String {
        let m = &self.view.model;
        let cell = self.cell_at(row, 0);
        if self.transposed {
            m.parties
                .get(cell.party.index())
                .map_or_else(String::new, |p| one_line(&p.name))
        } else {
            m.issues
                .get(cell.issue.index())
                .map_or_else(String::new, |i| one_line(&i.name))
        }
    }

    /// The header of a display column: the party's short name, or the issue's name.
    pub fn col_label(&self, col: usize) -> String {
        let m = &self.view.model;
        let cell = self.cell_at(0, col);
        if self.transposed {
            m.issues
                .get(cell.issue.index())
                .map_or_else(String::new, |i| one_line(&i.name))
        } else {
            m.parties
                .get(cell.party.index())
                .map_or_else(String::new, |p| one_line(&p.short))
        }
    }

    /// The position whose stance stands in a cell (docs/SPEC.md §5), when the filter
    /// shows it: the one the cell shows, or an earlier one under a later statement
    /// without a stance; none when nothing stands (no stance yet, or withdrawn).
    pub fn standing(&self, cell: Cell) -> Option<PositionId> {
        let s = self.view.standing_at(cell.issue, cell.party)?;
        self.view
            .filter
            .admits(&self.view.model.positions[s])
            .then_some(s)
    }

    /// The text of a cell and the byte range of its stance mark: first `…` (see
    /// [`UNCHECKED_MARK`]) while a quote of the position is not yet verified; with a base
    /// date, how it changed since then (see [`change_mark`]), else `• ` when it changed
    /// since the previous date; `±` when contested and `?` when it rests on a single
    /// account or low confidence; `··◆·` where the party's standing stance is (◇: could
    /// accept), and when that stance comes from an earlier position than the one shown,
    /// since when it stands (`stance since 04-17 — `); the evidence line when it is on
    /// (`proposed · moderate · 2 cites/1 src · 04-25 — `); then the summary of the
    /// position shown. A withdrawn stance is no mark: nothing stands.
    pub fn cell_text(&self, cell: Cell) -> Option<(String, Range<usize>)> {
        let Cell { issue, party } = cell;
        let index = self.view.position_at(issue, party)?;
        let m = &self.view.model;
        let p = &m.positions[index];
        let mut s = String::new();
        if unchecked(p) {
            s.push_str(UNCHECKED_MARK);
            s.push(' ');
        }
        if self.view.base.is_some() {
            if let Some(change) = self.view.change_since_base(issue, party) {
                s.push_str(&change_mark(change));
                s.push(' ');
            }
        } else if self.view.changed(issue, party) {
            s.push_str("• ");
        }
        let horizon = self.view.horizon();
        let evidence = Evidence::of(m, index, horizon);
        let standing = self.standing(cell);
        let earlier = standing.filter(|&st| st != index);
        let mut marks = evidence.marks();
        // The stance shown is the earlier one's: so is its being contested.
        if let Some(st) = earlier
            && !marks.contains(CONTESTED_MARK)
            && contested(m, st, horizon).is_some()
        {
            marks.insert(0, CONTESTED_MARK);
        }
        if !marks.is_empty() {
            s.push_str(&marks);
            s.push(' ');
        }
        let scale = &m.issues[issue].scale;
        let mark_start = s.len();
        if let Some(st) = standing.map(|st| &m.positions[st])
            && let Some(stance) = st.stance
        {
            for i in 0..scale.len().min(9) {
                let in_range = st.acceptable.is_some_and(|(a, b)| a <= i && i <= b);
                s.push(if i == stance {
                    '◆'
                } else if in_range {
                    '◇'
                } else {
                    '·'
                });
            }
            s.push(' ');
        }
        let mark = mark_start..s.len();
        if let Some(st) = earlier {
            s.push_str(&crate::view::facts::standing_since_words(
                m,
                st,
                self.view.date,
                self.view.filter.min_confidence,
            ));
            s.push_str(" — ");
        }
        if self.evidence {
            s.push_str(&evidence.compact(false));
            s.push_str(" — ");
        }
        s.push_str(&one_line(&p.summary));
        Some((s, mark))
    }

    /// Height in lines of a display row whose cells are `col_w` wide.
    pub fn row_height(&self, row: usize, cols: Range<usize>, col_w: usize) -> usize {
        if !self.wrap {
            return 1;
        }
        cols.map(|c| {
            self.cell_text(self.cell_at(row, c)).map_or(1, |(t, _)| {
                wrap_ranges(&t, 0..t.len(), col_w.saturating_sub(1)).len()
            })
        })
        .max()
        .unwrap_or(1)
        .clamp(1, MAX_ROW_LINES)
    }

    /// Widths and visible columns for a grid `width` wide scrolled to `col_offset`.
    fn columns(&self, width: usize, col_offset: usize) -> (usize, usize, Range<usize>) {
        let (rows, cols) = self.dims();
        let longest = (0..rows).map(|r| self.row_label(r).width()).max();
        let head_w = (longest.unwrap_or(5) + 1)
            .clamp(6, 24)
            .min(width / 3)
            .max(1.min(width));
        let rest = width.saturating_sub(head_w);
        let visible = if cols == 0 {
            0
        } else {
            (rest / MIN_COL).clamp(1, cols)
        };
        let col_w = rest.checked_div(visible).unwrap_or(0);
        let first = col_offset.min(cols.saturating_sub(visible));
        (head_w, col_w, first..first + visible)
    }

    /// The layout of the grid in `area`, scrolled to `offsets` (first row, first column).
    pub fn layout(&self, offsets: (usize, usize), area: Rect) -> GridLayout {
        let (rows, _) = self.dims();
        let (head_w, col_w, cols) = self.columns(usize::from(area.width), offsets.1);
        let body = usize::from(area.height).saturating_sub(1);
        let mut out = Vec::new();
        let mut top = 0;
        for row in offsets.0.min(rows)..rows {
            if top >= body {
                break;
            }
            // Only the columns on screen decide a row's height.
            let height = self.row_height(row, cols.clone(), col_w);
            out.push(GridRow { row, top, height });
            top += height;
        }
        GridLayout {
            head_w,
            col_w,
            cols,
            rows: out,
        }
    }

    /// True when every row fits in `area` at once (with the columns at `col_offset`).
    pub fn fits(&self, col_offset: usize, area: Rect) -> bool {
        let (rows, _) = self.dims();
        let (_, col_w, cols) = self.columns(usize::from(area.width), col_offset);
        let body = usize::from(area.height).saturating_sub(1);
        let mut total = 0;
        for r in 0..rows {
            total += self.row_height(r, cols.clone(), col_w);
            if total > body {
                return false;
            }
        }
        true
    }

    /// The offsets that keep `selected` (row, column) wholly visible in `area`, moving
    /// as little as possible from `offsets`.
    pub fn scroll_into_view(
        &self,
        selected: (usize, usize),
        offsets: (usize, usize),
        area: Rect,
    ) -> (usize, usize) {
        let (sel_row, sel_col) = selected;
        let (mut row_off, mut col_off) = offsets;
        let (_, col_w, cols) = self.columns(usize::from(area.width), col_off);
        let visible = cols.len().max(1);
        if sel_col < col_off {
            col_off = sel_col;
        } else if sel_col >= col_off + visible {
            col_off = sel_col + 1 - visible;
        }
        let cols = col_off..col_off + visible;
        let body = usize::from(area.height).saturating_sub(1).max(1);
        row_off = row_off.min(sel_row);
        // Measure each row once, then drop rows from the top until the selection fits.
        let heights: Vec<usize> = (row_off..=sel_row)
            .map(|r| self.row_height(r, cols.clone(), col_w))
            .collect();
        let mut used: usize = heights.iter().sum();
        for h in &heights {
            if used <= body || row_off >= sel_row {
                break;
            }
            used -= h;
            row_off += 1;
        }
        (row_off, col_off)
    }

    /// The display (row, column) of the cell at screen position (`x`, `y`) of a grid
    /// drawn in `area`, if the click hit one.
    pub fn hit(
        &self,
        offsets: (usize, usize),
        area: Rect,
        x: u16,
        y: u16,
    ) -> Option<(usize, usize)> {
        let inside = x >= area.x && x < area.right() && y >= area.y && y < area.bottom();
        if !inside {
            return None;
        }
        let l = self.layout(offsets, area);
        let (x, y) = (usize::from(x - area.x), usize::from(y - area.y));
        if y == 0 || x < l.head_w || l.col_w == 0 {
            return None;
        }
        let col = l.cols.start + (x - l.head_w) / l.col_w;
        let row = l
            .rows
            .iter()
            .find(|r| (r.top + 1..r.top + 1 + r.height).contains(&y))?
            .row;
        (col < l.cols.end).then_some((row, col))
    }
}

/// Lines of the timeline above its rows: the title and the dates.
pub const TIMELINE_HEAD: usize = 2;
/// Lines of the timeline below its rows: a blank, the selected point (two lines) and
/// the legend.
pub const TIMELINE_FOOT: usize = 4;

/// Where the timeline's columns and rows go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimelineLayout {
    /// Width of the party column.
    pub head_w: usize,
    /// Width of each date column (separator included).
    pub col_w: usize,
    /// Visible dates (indices into the file's dates).
    pub cols: Range<usize>,
    /// Visible rows (indices into the parties shown).
    pub rows: Range<usize>,
}

/// The timeline of `issue` in `area` for the parties shown and `dates` dates, scrolled
/// so that `selected` (row, date) is visible.
pub fn timeline_layout(
    view: &View,
    issue: IssueId,
    dates: usize,
    selected: (usize, usize),
    area: Rect,
) -> TimelineLayout {
    let m = &view.model;
    let width = usize::from(area.width);
    let longest = view
        .parties
        .iter()
        .map(|&p| one_line(&m.parties[p].short).width())
        .max();
    let head_w = (longest.unwrap_or(5) + 1).clamp(6, 16).min(width / 3);
    let steps = m
        .issues
        .get(issue.index())
        .map_or(0, |i| i.scale.len().min(9));
    // `• ··◆ ●` and a space.
    let col_w = (steps + 5).max(11);
    let visible = (width.saturating_sub(head_w) / col_w).clamp(1, dates.max(1));
    let first = (selected.1 + 1).saturating_sub(visible);
    let body = usize::from(area.height).saturating_sub(TIMELINE_HEAD + TIMELINE_FOOT);
    let shown = body.clamp(1, view.parties.len().max(1));
    let top = (selected.0 + 1).saturating_sub(shown);
    TimelineLayout {
        head_w,
        col_w,
        cols: first..(first + visible).min(dates),
        rows: top..(top + shown).min(view.parties.len()),
    }
}

impl TimelineLayout {
    /// The (row, date) of the point at screen position (`x`, `y`) of `area`, if any.
    pub fn hit(&self, area: Rect, x: u16, y: u16) -> Option<(usize, usize)> {
        let inside = x >= area.x && x < area.right() && y >= area.y && y < area.bottom();
        if !inside || self.col_w == 0 {
            return None;
        }
        let (x, y) = (usize::from(x - area.x), usize::from(y - area.y));
        let row = self.rows.start + y.checked_sub(TIMELINE_HEAD)?;
        let col = self.cols.start + x.checked_sub(self.head_w)? / self.col_w;
        (self.rows.contains(&row) && self.cols.contains(&col)).then_some((row, col))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_panel_takes_room_from_the_main_area_not_the_status_bar() {
        let a = areas((60, 9), 6);
        assert_eq!(a.panel.height, 3);
        assert_eq!(a.main.height, 5);
        assert_eq!(a.panel.y, 5);
        assert_eq!(a.bar.y, 8);
        assert_eq!(areas((60, 9), 0).main.height, 8);
    }

    #[test]
    fn tiny_terminals_give_empty_areas_without_overflow() {
        for h in 0..4 {
            for w in 0..3 {
                let a = areas((w, h), 3);
                assert!(a.main.height + a.panel.height + a.bar.height <= h);
            }
        }
    }
}
