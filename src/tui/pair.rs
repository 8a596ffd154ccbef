//! Two parties side by side (Enter in the party × party table): issue by issue, whether
//! they agree, each cell's summary and stance, and its evidence. Measured by
//! [`super::compare_layout::pair_lines`].

use super::app::App;
use super::compare_layout::{PairLine, pair_lines};
use crate::model::PartyId;
use crate::sanitize::one_line;
use crate::wrap::fit;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// Draws the two-party view into `area`.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let theme = app.theme;
    let view = &app.view;
    let (a, b) = app.compare.pair;
    let width = usize::from(area.width);
    if b.index() >= view.model.parties.len() {
        return;
    }
    let name = |p: PartyId| one_line(&view.model.parties[p].short);
    let date = view
        .date
        .map_or("undated".to_string(), |d| format!("as of {d}"));
    let title = format!("{} vs {}, issue by issue — {date}", name(a), name(b));
    let mut out = vec![Line::styled(fit(&title, width), theme.heading())];
    let h = usize::from(area.height.saturating_sub(1));
    for (kind, text) in pair_lines(view, (a, b), width)
        .into_iter()
        .skip(app.compare.pair_scroll)
        .take(h)
    {
        let style = match kind {
            PairLine::Heading => theme.heading(),
            PairLine::Evidence => theme.dim(),
            PairLine::Text | PairLine::Blank => theme.text(),
        };
        out.push(Line::styled(text, style));
    }
    frame.render_widget(Paragraph::new(out), area);
}
