//! Boxes drawn over the views: the error panel of a broken positions file, and popups.

use super::app::App;
use super::panel_text::{compact_rows, error_rows};
use crate::sanitize::one_line;
use crate::wrap::fit;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

/// The error panel: [`error_rows`] when they fit `area`; else one row per
/// diagnostic, each ended at a whole word, as many as fit.
pub fn draw_errors(frame: &mut Frame, app: &App, area: Rect) {
    if area.height == 0 || app.errors.is_empty() {
        return;
    }
    let theme = app.theme;
    let width = usize::from(area.width);
    let height = usize::from(area.height);
    // Only as many errors are formatted as the panel can show: there may be thousands.
    let subject = app.panel_subject();
    let mut rows = error_rows(&subject, &app.errors, width, height);
    if rows.len() > height {
        rows = compact_rows(&subject, &app.errors, width, height);
    }
    let lines: Vec<Line> = rows
        .into_iter()
        .enumerate()
        .map(|(i, row)| {
            let row = fit(&row, width);
            if i == 0 {
                Line::styled(row, theme.error())
            } else {
                Line::raw(row)
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// A popup box (e.g. a copied citation block) in the middle of `area`.
pub fn draw_popup(frame: &mut Frame, app: &App, area: Rect) {
    let Some(super::app::Popup { title, body }) = app.popup() else {
        return;
    };
    let w = area.width.saturating_sub(2);
    let lines: Vec<Line> = body
        .lines()
        .map(|l| Line::raw(crate::sanitize::text(l)))
        .collect();
    let h = (lines.len() as u16 + 4).min(area.height);
    if w < 4 || h < 3 {
        return;
    }
    let rect = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    );
    frame.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(one_line(title));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        rect,
    );
}
