//! One cell opened: the position, its history, and its citations in their sentences.

use super::app::App;
use super::detail_page::{Open, content_with_orphans, orphans_of};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// Draws the detail page into `area`.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let open = Open {
        position: app.detail.position,
        selected: app.detail.selected,
        horizon: app.view.horizon(),
    };
    let orphans = orphans_of(&app.view.model, app.detail.position, &app.errors);
    let page = content_with_orphans(
        &app.view.model,
        open,
        &app.search.query,
        app.theme,
        usize::from(area.width),
        &orphans,
    );
    let visible: Vec<Line> = page
        .lines
        .into_iter()
        .skip(app.detail.scroll)
        .take(usize::from(area.height))
        .collect();
    frame.render_widget(Paragraph::new(visible), area);
}
