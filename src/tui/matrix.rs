//! The party × party table (`m`): every pair's mean distance over the issues where both
//! are placed, each with that issue count beside it (`0.44/3`: 0 same stance, 1
//! opposite poles; `—` no common issue), so that a distance over fewer issues is never
//! read against one over more without its base in view. Below: how to read it, when
//! there is room, and the selected pair's counts in words. `Enter` opens the two-party
//! view.

use super::app::App;
use super::compare_layout::matrix_layout;
use crate::sanitize::one_line;
use crate::view::Comparison;
use crate::view::compare::words::{PAIRS_NOTE, distance_cell, filter_words, min_confidence_words};
use crate::wrap::{fit, lines};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// What the title says the table holds.
pub const MATRIX_TITLE: &str = "Party × party: distance/shared issues (0 same … 1 opposite)";

/// Draws the table into `area`.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let theme = app.theme;
    let view = &app.view;
    let m = &view.model;
    let width = usize::from(area.width);
    let c = Comparison::new(view);
    let sel = app.compare.matrix_sel;
    let l = matrix_layout(view, &c, (app.compare.matrix_offsets, sel), area);
    let (sel_r, sel_c) = sel;
    let short = |i: usize| one_line(&m.parties[view.parties[i]].short);
    let date = view
        .date
        .map_or("undated".to_string(), |d| format!("as of {d}"));
    let title = format!("{MATRIX_TITLE} — {date}");
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
    let body = usize::from(area.height).saturating_sub(l.footer.len());
    out.truncate(body);
    // How to read the table, and what a minimum confidence left out, when they fit.
    let mut note: Vec<String> = Vec::new();
    for words in min_confidence_words(c.min_confidence)
        .into_iter()
        .chain(filter_words(view))
    {
        note.extend(lines(&words, width.max(1)));
    }
    note.extend(lines(PAIRS_NOTE, width.max(1)));
    if out.len() + 1 + note.len() <= body {
        out.push(Line::default());
        out.extend(note.into_iter().map(|n| Line::styled(n, theme.dim())));
    }
    while out.len() < body {
        out.push(Line::default());
    }
    out.extend(
        l.footer
            .iter()
            .map(|f| Line::styled(fit(f, width), theme.text())),
    );
    frame.render_widget(Paragraph::new(out), area);
}
