//! The spectrum of one issue (`a`): what `stances compare` says of it, laid out to the
//! screen. The scale's steps; every party shown, a placed one on the axis with its
//! stance in words and what is said of it (range stated or assumed, blocking or would
//! block if firm, confidence, since when, warnings), the others with their position
//! and no stance, or no position; then the zone or gap and what it assumes, who blocks,
//! who would block if firm, who has no stance and who no position. A blocking party's
//! line is bold besides saying so. Measured by [`super::compare_layout`].

use super::app::App;
use super::compare_layout::{SpectrumLine, spectrum_lines};
use crate::sanitize::one_line;
use crate::wrap::fit;
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
    let h = usize::from(area.height.saturating_sub(1));
    let mut shown = vec![Line::styled(fit(&title, width), theme.heading())];
    let body = spectrum_lines(view, issue, width);
    for (kind, text) in body.into_iter().skip(app.compare.spectrum_scroll).take(h) {
        let style = match kind {
            SpectrumLine::Text | SpectrumLine::Conclusion => theme.text(),
            SpectrumLine::Legend => theme.dim(),
            SpectrumLine::Party {
                row,
                first,
                blocking,
            } => {
                let mut style = theme.text();
                if first && blocking {
                    style = style.add_modifier(Modifier::BOLD);
                }
                if first && row == app.compare.spectrum_sel {
                    style = style.patch(theme.selected());
                }
                style
            }
        };
        shown.push(Line::styled(text, style));
    }
    frame.render_widget(Paragraph::new(shown), area);
}
