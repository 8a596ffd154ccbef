//! Boxes drawn over the views: the error panel of a broken positions file, and popups.

use super::app::App;
use crate::sanitize::one_line;
use crate::wrap::fit;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

/// The diagnostics of the file on disk while it does not load (the last good model stays).
pub fn draw_errors(frame: &mut Frame, app: &App, area: Rect) {
    if area.height == 0 || app.errors.is_empty() {
        return;
    }
    let theme = app.theme;
    let width = usize::from(area.width);
    let mut lines = vec![Line::styled(
        fit(
            &format!(
                " {} does not load — fix it and save; showing the last good version",
                app.path.display()
            ),
            width,
        ),
        theme.error(),
    )];
    for d in &app.errors {
        lines.push(Line::raw(fit(
            &one_line(&d.to_string().replace('\n', " ")),
            width,
        )));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// A popup box (e.g. a copied citation block) in the middle of `area`.
pub fn draw_popup(frame: &mut Frame, app: &App, area: Rect) {
    let Some((title, body)) = &app.popup else {
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
