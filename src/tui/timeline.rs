//! The timeline of one issue: parties as rows, the file's dates as columns, each point
//! the party's stance mark at that date (`··◆·`, or `●` on an issue without a scale),
//! so that a move reads as the mark shifting along a line; `•` marks the date a
//! position was taken. Below, the selected point's position. Measured by
//! [`crate::tui::layout::timeline_layout`], as `update` does.

use super::app::App;
use crate::model::PositionId;
use crate::sanitize::one_line;
use crate::view::timeline::points;
use crate::wrap::fit;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The text of one point: `•` when the position was taken that day, then its mark.
pub fn point_text(app: &App, position: Option<PositionId>, date: usize) -> String {
    let m = &app.view.model;
    let Some(p) = position.and_then(|p| m.positions.get(p.index())) else {
        return "  –".into();
    };
    let taken = p.as_of.is_some() && p.as_of == app.view.dates.get(date).copied();
    let mut s = String::from(if taken { "• " } else { "  " });
    let steps = m
        .issues
        .get(p.issue.index())
        .map_or(0, |i| i.scale.len().min(9));
    match p.stance {
        Some(st) => s.extend((0..steps).map(|i| if i == st { '◆' } else { '·' })),
        None => s.push('●'),
    }
    s
}

/// Draws the timeline into `area`.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let theme = app.theme;
    let m = &app.view.model;
    let t = &app.timeline;
    let l = app.timeline_layout();
    let width = usize::from(area.width);
    let name = m
        .issues
        .get(t.issue.index())
        .map_or(String::new(), |i| one_line(&i.name));
    let mut lines = vec![Line::styled(
        fit(
            &format!(
                "Timeline: {name} — • a position taken that day, ● one without a stance; Enter opens a point"
            ),
            width,
        ),
        theme.heading(),
    )];
    let mut header = vec![Span::styled(fit("Party", l.head_w), theme.heading())];
    for c in l.cols.clone() {
        let date = app.view.dates[c].to_string();
        let style = if c == t.col {
            theme.heading().patch(theme.selected())
        } else {
            theme.heading()
        };
        header.push(Span::styled(fit(&date, l.col_w - 1), style));
        header.push(Span::raw(" "));
    }
    lines.push(Line::from(header));
    let all = points(m, t.issue, &app.view.dates);
    for row in l.rows.clone() {
        let party = app.view.parties[row];
        let mut spans = vec![Span::styled(
            fit(&one_line(&m.parties[party].short), l.head_w),
            if row == t.row {
                theme.heading().patch(theme.selected())
            } else {
                theme.heading()
            },
        )];
        for c in l.cols.clone() {
            let position = all
                .get(party.index())
                .and_then(|r| r.get(c))
                .copied()
                .flatten();
            let mut style = position
                .and_then(|p| m.positions[p].stance)
                .map_or_else(Style::default, |st| {
                    theme.stance(st, m.issues[t.issue].scale.len())
                });
            if (row, c) == (t.row, t.col) {
                style = style.patch(theme.selected());
            }
            spans.push(Span::styled(
                fit(&point_text(app, position, c), l.col_w - 1),
                style,
            ));
            spans.push(Span::raw(" "));
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::default());
    lines.push(Line::styled(fit(&selected_words(app), width), theme.text()));
    frame.render_widget(Paragraph::new(lines), area);
}

/// The selected point in words: party, date, summary and stance.
fn selected_words(app: &App) -> String {
    let m = &app.view.model;
    let (party, position) = app.timeline_point();
    let who = party.map_or(String::new(), |p| one_line(&m.parties[p].short));
    let date = app
        .view
        .dates
        .get(app.timeline.col)
        .map_or(String::new(), ToString::to_string);
    let Some(p) = position.map(|p| &m.positions[p]) else {
        return format!("{who} at {date}: no position");
    };
    let mut s = format!("{who} at {date}: {}", one_line(&p.summary));
    if let Some(words) = crate::view::facts::stance_words(&m.issues[p.issue], p) {
        s.push_str(&format!(" — {}", one_line(&words)));
    }
    s.push_str(&match p.as_of {
        Some(d) => format!(" (as of {d})"),
        None => " (undated)".into(),
    });
    s
}
