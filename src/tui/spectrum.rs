//! The spectrum of one issue (`a`): the scale's steps as an axis, each party's mark and
//! range, the zone or gap in words, blocking parties in bold and named, parties without
//! a stance or without a position listed. Measured by [`super::compare_layout`].

use super::app::App;
use super::compare_layout::{spectrum_intro, spectrum_legend, spectrum_of, spectrum_row};
use crate::sanitize::one_line;
use crate::wrap::{fit, lines};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// Draws the spectrum of the selected issue into `area`.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let theme = app.theme;
    let view = &app.view;
    let width = usize::from(area.width);
    let issue = app.grid.issue;
    let Some(name) = view
        .model
        .issues
        .get(issue.index())
        .map(|i| one_line(&i.name))
    else {
        return;
    };
    let date = view
        .date
        .map_or("undated".to_string(), |d| format!("as of {d}"));
    let title = format!("Spectrum: {name} — {date}");
    let mut body: Vec<Line> = spectrum_intro(view, issue, width)
        .into_iter()
        .map(|l| Line::styled(l, theme.text()))
        .collect();
    let ic = spectrum_of(view, issue);
    for (row, &party) in view.parties.iter().enumerate() {
        let text = fit(&spectrum_row(view, ic.as_ref(), issue, party), width);
        let mut style = theme.text();
        if ic.as_ref().is_some_and(|c| c.blocks(party)) {
            style = style.add_modifier(Modifier::BOLD);
        }
        if row == app.compare.spectrum_sel {
            style = style.patch(theme.selected());
        }
        body.push(Line::styled(text, style));
    }
    if view.parties.is_empty() {
        body.push(Line::styled("(no parties shown)", theme.dim()));
    }
    body.push(Line::default());
    body.extend(
        lines(&spectrum_legend(), width)
            .into_iter()
            .map(|l| Line::styled(l, theme.dim())),
    );
    let h = usize::from(area.height.saturating_sub(1));
    let mut shown = vec![Line::styled(fit(&title, width), theme.heading())];
    shown.extend(body.into_iter().skip(app.compare.spectrum_scroll).take(h));
    frame.render_widget(Paragraph::new(shown), area);
}
