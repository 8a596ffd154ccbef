//! The timeline of one issue: parties as rows, the file's dates as columns, each point
//! the party's *standing* stance at that date (`··◆·`, docs/SPEC.md §5), so that a move
//! reads as the mark shifting along a line and a statement without a stance does not
//! read as one: `●` after the mark says the cell's latest statement takes none (the
//! stance before it stands), `●` alone a statement with no stance standing, `×` a
//! withdrawal; `•` marks the date a position was taken. Below, the selected point in
//! words and the legend. Measured by [`crate::tui::layout::timeline_layout`], as
//! `update` does.

use super::app::App;
use crate::model::{Model, Status};
use crate::sanitize::one_line;
use crate::view::compare::words::stance_words;
use crate::view::state::CellState;
use crate::view::timeline::points;
use crate::wrap::{fit, lines};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// What the marks of the timeline mean.
pub const TIMELINE_LEGEND: &str =
    "◆ standing stance  • taken that day  ● without a stance  × withdrawn  – none";

/// The text of one point: `•` when the cell's latest position was taken that day, then
/// the standing stance's mark (`··◆`), then `●` when the latest takes no stance; `●`
/// alone when no stance stands, `×` when the latest withdraws it.
pub fn point_text(model: &Model, state: CellState, date: Option<crate::date::Date>) -> String {
    let Some(shown) = state.shown.and_then(|p| model.positions.get(p.index())) else {
        return "  –".into();
    };
    let taken = shown.as_of.is_some() && shown.as_of == date;
    let mut s = String::from(if taken { "• " } else { "  " });
    let steps = model
        .issues
        .get(shown.issue.index())
        .map_or(0, |i| i.scale.len().min(9));
    let standing = state.standing.and_then(|p| model.positions[p].stance);
    if let Some(st) = standing {
        s.extend((0..steps).map(|i| if i == st { '◆' } else { '·' }));
    }
    match (standing, shown.stance) {
        (_, _) if shown.status == Some(Status::Withdrawn) => s.push('×'),
        (Some(_), Some(_)) => {}
        (Some(_), None) => s.push_str(" ●"),
        (None, _) => s.push('●'),
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
    let mut lines_out = vec![Line::styled(
        fit(
            &format!("Timeline: {name} — standing stances by date; Enter opens a point"),
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
    lines_out.push(Line::from(header));
    let all = points(m, t.issue, &app.view.dates, app.view.filter.min_confidence);
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
            let state = all
                .get(party.index())
                .and_then(|r| r.get(c))
                .copied()
                .unwrap_or_default();
            let mut style = state
                .standing
                .and_then(|p| m.positions[p].stance)
                .map_or_else(Style::default, |st| {
                    theme.stance(st, m.issues[t.issue].scale.len())
                });
            if (row, c) == (t.row, t.col) {
                style = style.patch(theme.selected());
            }
            let date = app.view.dates.get(c).copied();
            spans.push(Span::styled(
                fit(&point_text(m, state, date), l.col_w - 1),
                style,
            ));
            spans.push(Span::raw(" "));
        }
        lines_out.push(Line::from(spans));
    }
    lines_out.push(Line::default());
    let mut words = lines(&selected_words(app), width.max(1));
    words.truncate(super::layout::TIMELINE_FOOT - 2);
    lines_out.extend(words.into_iter().map(|w| Line::styled(w, theme.text())));
    lines_out.push(Line::styled(fit(TIMELINE_LEGEND, width), theme.dim()));
    frame.render_widget(Paragraph::new(lines_out), area);
}

/// The selected point in words: party, date, the summary of the position the cell
/// shows, and its standing stance (its own, an earlier one that still stands, or none).
pub fn selected_words(app: &App) -> String {
    let m = &app.view.model;
    let (party, state) = app.timeline_point();
    let who = party.map_or(String::new(), |p| one_line(&m.parties[p].short));
    let date = app
        .view
        .dates
        .get(app.timeline.col)
        .map_or(String::new(), ToString::to_string);
    let Some(shown) = state.shown else {
        return format!("{who} at {date}: no position");
    };
    let p = &m.positions[shown];
    let issue = &m.issues[p.issue];
    // The position's own date, when it is not the date selected.
    let as_of = match p.as_of {
        Some(d) if Some(d) == app.view.dates.get(app.timeline.col).copied() => String::new(),
        Some(d) => format!(" (as of {d})"),
        None => " (undated)".into(),
    };
    let mut s = format!("{who} at {date}: {}{as_of}", one_line(&p.summary));
    let standing = state
        .standing
        .and_then(|st| Some((st, m.positions[st].stance?)));
    match standing {
        Some((st, k)) if st == shown => {
            s.push_str(&format!(" — stance: {}", stance_words(issue, k)));
        }
        Some((st, k)) => s.push_str(&format!(
            " — {}: {}",
            crate::view::facts::still_stands_words(m, st),
            stance_words(issue, k)
        )),
        None if p.status == Some(Status::Withdrawn) => {
            s.push_str(" — withdrawn: no stance stands");
        }
        None if !issue.scale.is_empty() => s.push_str(" — no stance"),
        None => {}
    }
    s
}
