//! The `?` screen: every key, written from the keymap that handles them.

use super::app::App;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// Draws the help into `area`.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let visible: Vec<Line> = super::keys::help_lines(app.theme)
        .into_iter()
        .skip(app.help_scroll)
        .take(usize::from(area.height))
        .collect();
    frame.render_widget(Paragraph::new(visible), area);
}
