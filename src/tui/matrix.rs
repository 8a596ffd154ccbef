//! The party × party table (`m`): the mean distance of every pair over the issues where
//! both are placed (0 same stance, 1 opposite poles; `—` no common issue), with the
//! selected pair's counts below. `Enter` opens the two-party view.

use super::app::App;
use super::compare_layout::matrix_layout;
use crate::model::PartyId;
use crate::sanitize::one_line;
use crate::view::Comparison;
use crate::view::compare::words::{distance_cell, pair_counts};
use crate::wrap::fit;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Draws the table into `area`.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let theme = app.theme;
    let view = &app.view;
    let m = &view.model;
    let width = usize::from(area.width);
    let c = Comparison::new(view);
    let l = matrix_layout(view, app.compare.matrix_offsets, area);
    let (sel_r, sel_c) = app.compare.matrix_sel;
    let short = |i: usize| one_line(&m.parties[view.parties[i]].short);
    let date = view
        .date
        .map_or("undated".to_string(), |d| format!("as of {d}"));
    let title =
        format!("Party × party distance/shared issues (0 same stance … 1 opposite poles) — {date}");
    let mut out = vec![Line::styled(fit(&title, width), theme.heading())];
    let mut header = vec![Span::raw(" ".repeat(l.head_w))];
    for col in l.cols.clone() {
        let style = if col == sel_c {
            theme.heading().patch(theme.selected())
        } else {
            theme.heading()
        };
        header.push(Span::styled(
            fit(&short(col), l.col_w.saturating_sub(1)),
            style,
        ));
        header.push(Span::raw(" "));
    }
    out.push(Line::from(header));
    for row in l.rows.clone() {
        let label_style = if row == sel_r {
            theme.heading().patch(theme.selected())
        } else {
            theme.heading()
        };
        // The label keeps a space before the first number, however long it is.
        let mut spans = vec![
            Span::styled(fit(&short(row), l.head_w.saturating_sub(1)), label_style),
            Span::raw(" "),
        ];
        for col in l.cols.clone() {
            let (a, b) = (view.parties[row], view.parties[col]);
            let text = if a == b {
                "·".to_string()
            } else {
                c.pair(a, b).map_or("—".into(), distance_cell)
            };
            let style = if (row, col) == (sel_r, sel_c) {
                theme.selected()
            } else {
                theme.text()
            };
            spans.push(Span::styled(fit(&text, l.col_w.saturating_sub(1)), style));
            spans.push(Span::raw(" "));
        }
        out.push(Line::from(spans));
    }
    if view.parties.is_empty() {
        out.push(Line::styled("(no parties shown)", theme.dim()));
    }
    let footer = footer(app, &c);
    let body = usize::from(area.height.saturating_sub(1));
    out.truncate(body);
    while out.len() < body {
        out.push(Line::default());
    }
    out.push(Line::styled(fit(&footer, width), theme.dim()));
    frame.render_widget(Paragraph::new(out), area);
}

/// The selected pair in words: counts, distance and what Enter does.
fn footer(app: &App, c: &Comparison) -> String {
    let view = &app.view;
    let (r, col) = app.compare.matrix_sel;
    let (Some(&a), Some(&b)) = (view.parties.get(r), view.parties.get(col)) else {
        return String::new();
    };
    let name = |p: PartyId| one_line(&view.model.parties[p].short);
    match c.pair(a, b) {
        Some(p) if a != b => format!(
            "{} × {}: {} — Enter: issue by issue",
            name(a),
            name(b),
            pair_counts(p)
        ),
        _ => format!("{}: pick another party's column to compare", name(a)),
    }
}
