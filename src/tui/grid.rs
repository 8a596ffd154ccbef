//! The issue × party grid, drawn from the layout that `update` also uses
//! ([`crate::tui::layout::GridShape`]).

use super::app::App;
use super::layout::{GridLayout, GridRow};
use super::styled::styled_line;
use crate::view::cited::{UNCHECKED_MARK, unchecked};
use crate::wrap::{fit, wrap_ranges};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::ops::Range;
use unicode_width::UnicodeWidthStr;

/// A cell prepared for drawing: its text, the stance mark's range and colour, and its lines.
struct PreparedCell {
    text: String,
    /// The unchecked mark `…` (empty when every quote is verified).
    unchecked: Range<usize>,
    mark: Range<usize>,
    style: Style,
    lines: Vec<Range<usize>>,
}

/// The visible cells of a display row, prepared for drawing.
fn prepare_row(
    app: &App,
    row: usize,
    cols: Range<usize>,
    col_w: usize,
) -> Vec<Option<PreparedCell>> {
    let shape = app.grid_shape();
    cols.map(|c| {
        let cell = shape.cell_at(row, c);
        let (issue, party) = (cell.issue, cell.party);
        let (text, mark) = shape.cell_text(cell)?;
        let unchecked = if app.view.cell(issue, party).is_some_and(unchecked) {
            0..UNCHECKED_MARK.len()
        } else {
            0..0
        };
        // The mark is the standing stance's, which may be an earlier position's.
        let style = shape
            .standing(cell)
            .and_then(|p| app.view.model.positions[p].stance)
            .map_or_else(Style::default, |st| {
                app.theme
                    .stance(st, app.view.model.issues[issue].scale.len())
            });
        let lines = if app.grid.wrap {
            wrap_ranges(&text, 0..text.len(), col_w.saturating_sub(1))
        } else {
            std::iter::once(0..text.len()).collect()
        };
        Some(PreparedCell {
            text,
            unchecked,
            mark,
            style,
            lines,
        })
    })
    .collect()
}

/// The header line: the corner, then the column labels, with `‹`/`›` kept visible
/// (never cut) when columns are scrolled off to that side.
fn header_line(app: &App, l: &GridLayout) -> Line<'static> {
    let theme = app.theme;
    let shape = app.grid_shape();
    let (_, cols) = app.grid_dims();
    let sel_col = app.selected().1;
    let corner = if app.grid.transposed {
        "Party"
    } else {
        "Issue"
    };
    let mut header = vec![Span::styled(fit(corner, l.head_w), theme.heading())];
    for c in l.cols.clone() {
        let left = if c == l.cols.start && c > 0 {
            "‹ "
        } else {
            ""
        };
        let right = if c + 1 == l.cols.end && c + 1 < cols {
            " ›"
        } else {
            ""
        };
        let room = l.col_w.saturating_sub(1);
        let arrows = left.width() + right.width();
        let label = if room > arrows {
            let text = fit(&shape.col_label(c), room - arrows);
            format!("{left}{}{right}", text.trim_end())
        } else {
            shape.col_label(c)
        };
        let style = if c == sel_col {
            theme.heading().patch(theme.selected())
        } else {
            theme.heading()
        };
        header.push(Span::styled(fit(&label, room), style));
        header.push(Span::raw(" "));
    }
    Line::from(header)
}

/// Where a cell's line goes: line `line_no` of a row `height` lines tall, `width`
/// columns, in style `base`, selected or not.
struct CellLine {
    line_no: usize,
    height: usize,
    width: usize,
    base: Style,
    selected: bool,
}

/// The spans of one screen line of a cell.
fn cell_spans(app: &App, cell: Option<&PreparedCell>, at: &CellLine) -> Vec<Span<'static>> {
    let CellLine {
        line_no,
        height,
        width,
        base,
        selected,
    } = *at;
    match cell {
        Some(cell) => {
            let piece = cell.lines.get(line_no).cloned().unwrap_or(0..0);
            let cut = line_no + 1 == height && cell.lines.len() > height;
            let fitted = if cut {
                // The row is full but the text goes on: say so.
                fit(&format!("{}…", cell.text[piece.clone()].trim_end()), width)
            } else {
                fit(&cell.text[piece.clone()], width)
            };
            // Re-anchor the stance mark onto the fitted string.
            let mut marks = Vec::new();
            if piece.start == 0 && !cell.unchecked.is_empty() && fitted.starts_with(UNCHECKED_MARK)
            {
                marks.push((cell.unchecked.clone(), base.patch(app.theme.dim())));
            }
            if piece.start == 0 && !cell.mark.is_empty() {
                let end = cell.mark.end.min(fitted.len());
                if cell.mark.start < end {
                    marks.push((cell.mark.start..end, base.patch(cell.style)));
                }
            }
            styled_line(&fitted, 0..fitted.len(), &marks, base).spans
        }
        None => {
            let text = if line_no == 0 { "–" } else { "" };
            let style = if selected {
                base
            } else {
                base.patch(app.theme.dim())
            };
            vec![Span::styled(fit(text, width), style)]
        }
    }
}

/// The screen lines of one grid row.
fn row_lines(app: &App, l: &GridLayout, row: &GridRow) -> Vec<Line<'static>> {
    let theme = app.theme;
    let (sel_row, sel_col) = app.selected();
    let (r, h) = (row.row, row.height);
    let cells = prepare_row(app, r, l.cols.clone(), l.col_w);
    let label_style = if r == sel_row {
        theme.heading().patch(theme.selected())
    } else {
        theme.heading()
    };
    // Whether each cell's position matches the search: worked out once per cell, not
    // once per line of it.
    let matched: Vec<bool> = (0..cells.len())
        .map(|ci| {
            app.position_at(app.cell_at(r, l.cols.start + ci))
                .is_some_and(|p| app.position_matches(p))
        })
        .collect();
    let mut out = Vec::with_capacity(h);
    for line_no in 0..h {
        let label = if line_no == 0 {
            app.grid_shape().row_label(r)
        } else {
            String::new()
        };
        let mut spans = vec![
            Span::styled(fit(&label, l.head_w.saturating_sub(1)), label_style),
            Span::raw(" "),
        ];
        for (ci, cell) in cells.iter().enumerate() {
            let c = l.cols.start + ci;
            let mut base = Style::default();
            if matched[ci] {
                base = base.patch(theme.matched());
            }
            let selected = r == sel_row && c == sel_col;
            if selected {
                base = base.patch(theme.selected());
            }
            let at = CellLine {
                line_no,
                height: h,
                width: l.col_w.saturating_sub(1),
                base,
                selected,
            };
            spans.extend(cell_spans(app, cell.as_ref(), &at));
            spans.push(Span::raw(" "));
        }
        out.push(Line::from(spans));
    }
    out
}

/// Draws the grid into `area`.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let l = app.grid_shape().layout(app.grid_offsets(), area);
    let (rows, cols) = app.grid_dims();
    let mut lines = vec![header_line(app, &l)];
    if rows == 0 || cols == 0 {
        let why = if app.view.filter.is_empty() {
            "(no issues or no parties in this file)"
        } else {
            "(the filter hides every issue or party: f to change it, an empty filter shows all)"
        };
        lines.push(Line::styled(why, app.theme.dim()));
    }
    for row in &l.rows {
        lines.extend(row_lines(app, &l, row));
    }
    frame.render_widget(Paragraph::new(lines), area);
}
