//! The issue × party grid: layout (shared with mouse hit-testing) and drawing.

use super::app::App;
use super::styled::styled_line;
use crate::sanitize::one_line;
use crate::wrap::{fit, wrap_ranges};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::ops::Range;
use unicode_width::UnicodeWidthStr;

/// A cell prepared for drawing: its text, the stance mark's range and colour, and its lines.
type PreparedCell = (String, Range<usize>, Style, Vec<Range<usize>>);

/// The narrowest a party column gets before columns scroll sideways.
const MIN_COL: usize = 14;
/// The tallest a wrapped row gets.
const MAX_ROW_LINES: usize = 6;

/// Where everything of the grid goes on screen.
pub struct GridLayout {
    /// Width of the frozen label column.
    pub head_w: usize,
    /// Width of each scrolling column (separator included).
    pub col_w: usize,
    /// Visible scrolling columns, in display order.
    pub cols: Range<usize>,
    /// Visible rows: (row, first screen line below the header, height).
    pub rows: Vec<(usize, usize, usize)>,
}

fn row_label(app: &App, row: usize) -> String {
    if app.grid.transposed {
        one_line(&app.view.model.parties[row].name)
    } else {
        one_line(&app.view.model.issues[row].name)
    }
}

fn col_label(app: &App, col: usize) -> String {
    if app.grid.transposed {
        one_line(&app.view.model.issues[col].name)
    } else {
        one_line(&app.view.model.parties[col].short)
    }
}

/// The text of a cell and the byte range of its stance mark (for colour).
pub fn cell_text(app: &App, issue: usize, party: usize) -> Option<(String, Range<usize>, Style)> {
    let pi = app.position_at(issue, party)?;
    let p = &app.view.model.positions[pi];
    let mut s = String::new();
    if app.changed(issue, party) {
        s.push_str("• ");
    }
    let scale = &app.view.model.issues[issue].scale;
    let mark_start = s.len();
    let mut style = Style::default();
    if let Some(st) = p.stance {
        for i in 0..scale.len().min(9) {
            let in_range = p.acceptable.is_some_and(|(a, b)| a <= i && i <= b);
            s.push(if i == st {
                '◆'
            } else if in_range {
                '◇'
            } else {
                '·'
            });
        }
        s.push(' ');
        style = app.theme.stance(st, scale.len());
    }
    let mark = mark_start..s.len();
    s.push_str(&one_line(&p.summary));
    Some((s, mark, style))
}

fn row_height(app: &App, row: usize, cols: usize, col_w: usize) -> usize {
    if !app.grid.wrap {
        return 1;
    }
    (0..cols)
        .map(|c| {
            let (issue, party) = app.cell_at(row, c);
            cell_text(app, issue, party).map_or(1, |(t, _, _)| {
                wrap_ranges(&t, 0..t.len(), col_w.saturating_sub(1)).len()
            })
        })
        .max()
        .unwrap_or(1)
        .clamp(1, MAX_ROW_LINES)
}

/// Computes the layout for a grid drawn in `area`.
pub fn layout(app: &App, area: Rect) -> GridLayout {
    let (rows, cols) = app.grid_dims();
    let width = usize::from(area.width);
    let longest = (0..rows)
        .map(|r| row_label(app, r).width())
        .max()
        .unwrap_or(5);
    let head_w = (longest + 1).clamp(6, 24).min(width / 3).max(1.min(width));
    let rest = width.saturating_sub(head_w);
    let visible = if cols == 0 {
        0
    } else {
        (rest / MIN_COL).clamp(1, cols)
    };
    let col_w = rest.checked_div(visible).unwrap_or(0);
    let first_col = app.grid.col_offset.min(cols.saturating_sub(visible));
    let body = usize::from(area.height).saturating_sub(1);
    let mut out_rows = Vec::new();
    let mut y = 0;
    for r in app.grid.row_offset.min(rows)..rows {
        if y >= body {
            break;
        }
        let h = row_height(app, r, cols, col_w);
        out_rows.push((r, y, h));
        y += h;
    }
    GridLayout {
        head_w,
        col_w,
        cols: first_col..first_col + visible,
        rows: out_rows,
    }
}

/// True when every row of the grid fits on screen at once.
pub fn fits(app: &App) -> bool {
    let area = area(app);
    let l = layout(app, area);
    let (rows, cols) = app.grid_dims();
    let total: usize = (0..rows).map(|r| row_height(app, r, cols, l.col_w)).sum();
    total <= usize::from(area.height).saturating_sub(1)
}

/// The area the grid is drawn in: the screen less the status bar.
pub fn area(app: &App) -> Rect {
    Rect::new(0, 0, app.size.0, app.size.1.saturating_sub(1))
}

/// Adjusts the grid's offsets so the selected cell is fully visible.
pub fn scroll_into_view(app: &mut App) {
    let (sel_row, sel_col) = app.selected();
    let area = area(app);
    let l = layout(app, area);
    let visible = l.cols.len().max(1);
    if sel_col < app.grid.col_offset {
        app.grid.col_offset = sel_col;
    } else if sel_col >= app.grid.col_offset + visible {
        app.grid.col_offset = sel_col + 1 - visible;
    }
    let body = usize::from(area.height).saturating_sub(1).max(1);
    let (_, cols) = app.grid_dims();
    if sel_row < app.grid.row_offset {
        app.grid.row_offset = sel_row;
    }
    // Measure each row once, then drop rows from the top until the selection fits.
    let heights: Vec<usize> = (app.grid.row_offset..=sel_row)
        .map(|r| row_height(app, r, cols, l.col_w))
        .collect();
    let mut used: usize = heights.iter().sum();
    for h in &heights {
        if used <= body || app.grid.row_offset >= sel_row {
            break;
        }
        used -= h;
        app.grid.row_offset += 1;
    }
}

/// The (row, column) of the cell at a screen position, if the click hit one.
pub fn hit(app: &App, x: u16, y: u16) -> Option<(usize, usize)> {
    let l = layout(app, area(app));
    let (x, y) = (usize::from(x), usize::from(y));
    if y == 0 || x < l.head_w || l.col_w == 0 {
        return None;
    }
    let col = l.cols.start + (x - l.head_w) / l.col_w;
    let row = l
        .rows
        .iter()
        .find(|(_, top, h)| (top + 1..top + 1 + h).contains(&y))?
        .0;
    (col < l.cols.end).then_some((row, col))
}

/// Draws the grid into `area`.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let theme = app.theme;
    let l = layout(app, area);
    let (rows, cols) = app.grid_dims();
    let (sel_row, sel_col) = app.selected();
    let mut lines: Vec<Line> = Vec::new();

    // Header: the corner, then column labels, with arrows when columns are hidden.
    let corner = if app.grid.transposed {
        "Party"
    } else {
        "Issue"
    };
    let mut header = vec![Span::styled(fit(corner, l.head_w), theme.heading())];
    for c in l.cols.clone() {
        let mut label = col_label(app, c);
        if c == l.cols.start && c > 0 {
            label = format!("‹ {label}");
        }
        if c + 1 == l.cols.end && c + 1 < cols {
            label = format!("{label} ›");
        }
        let style = if c == sel_col {
            theme.heading().patch(theme.selected())
        } else {
            theme.heading()
        };
        header.push(Span::styled(fit(&label, l.col_w.saturating_sub(1)), style));
        header.push(Span::raw(" "));
    }
    lines.push(Line::from(header));

    if rows == 0 || cols == 0 {
        lines.push(Line::styled(
            "(no issues or no parties in this file)",
            theme.dim(),
        ));
    }
    for &(r, _, h) in &l.rows {
        let cells: Vec<Option<PreparedCell>> = l
            .cols
            .clone()
            .map(|c| {
                let (issue, party) = app.cell_at(r, c);
                cell_text(app, issue, party).map(|(t, mark, style)| {
                    let wrapped = if app.grid.wrap {
                        wrap_ranges(&t, 0..t.len(), l.col_w.saturating_sub(1))
                    } else {
                        std::iter::once(0..t.len()).collect()
                    };
                    (t, mark, style, wrapped)
                })
            })
            .collect();
        for line_no in 0..h {
            let label = if line_no == 0 {
                row_label(app, r)
            } else {
                String::new()
            };
            let label_style = if r == sel_row {
                theme.heading().patch(theme.selected())
            } else {
                theme.heading()
            };
            let mut spans = vec![
                Span::styled(fit(&label, l.head_w.saturating_sub(1)), label_style),
                Span::raw(" "),
            ];
            for (ci, cell) in cells.iter().enumerate() {
                let c = l.cols.start + ci;
                let (issue, party) = app.cell_at(r, c);
                let selected = r == sel_row && c == sel_col;
                let matched = app
                    .position_at(issue, party)
                    .is_some_and(|p| app.position_matches(p));
                let mut base = Style::default();
                if matched {
                    base = base.patch(theme.matched());
                }
                if selected {
                    base = base.patch(theme.selected());
                }
                let w = l.col_w.saturating_sub(1);
                match cell {
                    Some((t, mark, style, wrapped)) => {
                        let piece = wrapped.get(line_no).cloned().unwrap_or(0..0);
                        let cut = line_no + 1 == h && wrapped.len() > h;
                        let fitted = if cut {
                            // The row is full but the text goes on: say so.
                            fit(&format!("{}…", t[piece.clone()].trim_end()), w)
                        } else {
                            fit(&t[piece.clone()], w)
                        };
                        // Re-anchor the stance mark onto the fitted string.
                        let marks = if piece.start == 0 && !mark.is_empty() {
                            vec![(mark.start..mark.end.min(fitted.len()), base.patch(*style))]
                        } else {
                            Vec::new()
                        };
                        let line = styled_line(&fitted, 0..fitted.len(), &marks, base);
                        spans.extend(line.spans);
                    }
                    None => {
                        let text = if line_no == 0 { "–" } else { "" };
                        spans.push(Span::styled(
                            fit(text, w),
                            base.patch(if selected { base } else { theme.dim() }),
                        ));
                    }
                }
                spans.push(Span::raw(" "));
            }
            lines.push(Line::from(spans));
        }
    }
    frame.render_widget(Paragraph::new(lines), area);
}
