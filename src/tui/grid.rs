//! The issue × party grid, drawn from the layout that `update` also uses
//! ([`crate::tui::layout::GridShape`]).

use super::app::App;
use super::styled::styled_line;
use crate::wrap::{fit, wrap_ranges};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::ops::Range;

/// A cell prepared for drawing: its text, the stance mark's range and colour, and its lines.
struct PreparedCell {
    text: String,
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
        let (issue, party) = shape.cell_at(row, c);
        let (text, mark) = shape.cell_text(issue, party)?;
        let style = app
            .view
            .cell(issue, party)
            .and_then(|p| p.stance)
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
            mark,
            style,
            lines,
        })
    })
    .collect()
}

/// Draws the grid into `area`.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let theme = app.theme;
    let shape = app.grid_shape();
    let l = shape.layout(app.grid_offsets(), area);
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
        let mut label = shape.col_label(c);
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
    for row in &l.rows {
        let (r, h) = (row.row, row.height);
        let cells = prepare_row(app, r, l.cols.clone(), l.col_w);
        for line_no in 0..h {
            let label = if line_no == 0 {
                shape.row_label(r)
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
                    Some(PreparedCell {
                        text: t,
                        mark,
                        style,
                        lines: wrapped,
                    }) => {
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
