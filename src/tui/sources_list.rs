//! The list of sources, with how much of each the model cites.

use super::app::App;
use crate::model::SourceId;
use crate::sanitize::one_line;
use crate::wrap::fit;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

/// One line per source: id, sentences cited out of all, title and date.
pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let theme = app.theme;
    let m = &app.view.model;
    let mut out = vec![Line::styled(
        "Sources — Enter opens one with every cited sentence marked",
        theme.heading(),
    )];
    // Columns line up: ids padded to the longest (at most 24), counts to the widest.
    let counts: Vec<String> = m
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let cited = crate::view::cited::all_sentences(m, SourceId(i))
                .iter()
                .filter(|t| !t.cited_by.is_empty())
                .count();
            format!("{cited}/{} cited", s.text.sentences().len())
        })
        .collect();
    let id_w = m
        .sources
        .iter()
        .map(|s| one_line(&s.id).width())
        .max()
        .unwrap_or(0);
    let id_w = id_w.min(24);
    let count_w = counts.iter().map(|c| c.width()).max().unwrap_or(0);
    for (i, s) in m.sources.iter().enumerate() {
        let date = s.published.map_or(String::new(), |d| format!(" ({d})"));
        let text = format!(
            "{}  {:>count_w$}  {}{date}{}",
            fit(&one_line(&s.id), id_w),
            counts[i],
            one_line(&s.title),
            origin(&s.file, s.url.as_deref()),
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

/// Where a source came from (see [`crate::view::credit::origin`]), e.g.
/// `  · PDF · ledger.example`, or nothing.
fn origin(file: &str, url: Option<&str>) -> String {
    let parts = crate::view::credit::origin(file, url);
    if parts.is_empty() {
        String::new()
    } else {
        format!("  · {}", parts.join(" · "))
    }
}

/// Draws the list into `area`, scrolled so the selection is visible.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let all = lines(app, usize::from(area.width));
    let h = usize::from(area.height).max(1);
    let skip = (app.sources_selected + 2).saturating_sub(h);
    let visible: Vec<Line> = all.into_iter().skip(skip).take(h).collect();
    frame.render_widget(Paragraph::new(visible), area);
}
