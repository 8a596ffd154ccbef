//! The list of sources, with how much of each the model cites.

use super::app::App;
use crate::sanitize::one_line;
use crate::wrap::fit;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// One line per source: id, sentences cited out of all, title and date.
pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let theme = app.theme;
    let m = &app.view.model;
    let mut out = vec![Line::styled(
        "Sources — Enter opens one with every cited sentence marked",
        theme.heading(),
    )];
    for (i, s) in m.sources.iter().enumerate() {
        let cited = crate::view::cited::all_sentences(m, i)
            .iter()
            .filter(|t| !t.cited_by.is_empty())
            .count();
        let date = s.published.map_or(String::new(), |d| format!(" ({d})"));
        let text = format!(
            "{}  {cited}/{} cited  {}{date}",
            one_line(&s.id),
            s.text.sentences.len(),
            one_line(&s.title),
        );
        let style = if i == app.sources_selected {
            theme.selected()
        } else {
            theme.text()
        };
        out.push(Line::styled(fit(&text, width), style));
    }
    if m.sources.is_empty() {
        out.push(Line::styled("(this file declares no sources)", theme.dim()));
    }
    out
}

/// Draws the list into `area`, scrolled so the selection is visible.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let all = lines(app, usize::from(area.width));
    let h = usize::from(area.height).max(1);
    let skip = (app.sources_selected + 2).saturating_sub(h);
    let visible: Vec<Line> = all.into_iter().skip(skip).take(h).collect();
    frame.render_widget(Paragraph::new(visible), area);
}
