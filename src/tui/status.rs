//! The status bar: what is shown (view date, selection, search, title) on the left,
//! key hints on the right, or the search or export line while one is being typed.

use super::app::{Action, App, Screen};
use super::keys::keys_for;
use crate::sanitize::one_line;
use crate::wrap::fit;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "es" }
}

/// The left part (state, or a message first) and the right part (key hints).
pub fn parts(app: &App) -> (String, String) {
    let m = &app.view.model;
    if let Some((format, path)) = &app.export_prompt {
        let name = crate::export::Format::name(*format);
        return (
            format!("export {name} to: {}▏", one_line(path)),
            "Tab format  Enter write  Esc cancel".into(),
        );
    }
    if let Some(text) = &app.filter_prompt {
        return (
            format!("filter: {}▏", one_line(text)),
            "Enter apply  Esc cancel  (empty: show all)".into(),
        );
    }
    if app.search.editing {
        let n = app.search.matches.len();
        let left = format!("/{}▏  {n} match{}", one_line(&app.search.input), plural(n));
        return (left, "Enter keep  Esc clear".into());
    }
    let date = match (app.view.date, app.view.date_index()) {
        (Some(d), Some(i)) => format!("as of {d} ({}/{})", i + 1, app.view.dates.len()),
        (Some(d), None) => format!("as of {d}"),
        (None, _) => "undated".into(),
    };
    // Most important first: the right end is cut when the bar is narrow.
    let mut left = vec![date];
    if !app.view.filter.is_empty() {
        left.push(format!(
            "filter: {}",
            one_line(&app.view.filter.describe(m))
        ));
    }
    let screen = app.screen();
    if screen == Screen::Grid && !m.issues.is_empty() && !m.parties.is_empty() {
        let issue = one_line(&m.issues[app.grid.issue].name);
        left.push(format!(
            "{issue} × {}",
            one_line(&m.parties[app.grid.party].short)
        ));
    }
    if !app.search.query.is_empty() {
        let n = app.search.matches.len();
        let at = app
            .search
            .current
            .map_or(String::new(), |i| format!("{}/", i + 1));
        left.push(format!(
            "“{}” {at}{n} match{}",
            one_line(&app.search.query),
            plural(n)
        ));
    }
    left.push(one_line(&m.title));
    if let Some(msg) = &app.message {
        // A message comes first, so a narrow bar still shows it.
        left.insert(0, one_line(msg));
    }
    let hint = |a: Action, what: &str| format!("{} {what}", keys_for(screen, a));
    let hints = match screen {
        Screen::Grid => vec![
            hint(Action::Open, "open"),
            hint(Action::Help, "help"),
            hint(Action::Quit, "quit"),
        ],
        Screen::Detail => vec![
            hint(Action::NextItem, "next"),
            hint(Action::Open, "source"),
            "Esc back".into(),
        ],
        Screen::Source => vec!["n/N cited".into(), "c copy".into(), "Esc back".into()],
        Screen::Help => vec!["Esc back".into()],
        Screen::Sources => vec!["Enter open".into(), "Esc back".into()],
        Screen::Spectrum => vec!["←/→ issue".into(), "[/] date".into(), "Esc back".into()],
        Screen::Matrix => vec!["Enter pair".into(), "[/] date".into(), "Esc back".into()],
        Screen::Pair => vec!["[/] date".into(), "Esc back".into()],
    };
    (left.join(" │ "), hints.join("  "))
}

/// The whole status bar as one string (left and right parts joined).
pub fn text(app: &App) -> String {
    let (left, right) = parts(app);
    format!("{left} │ {right}")
}

/// Draws the status bar into `area` (one line): hints keep their place on the right
/// and the left part is cut first.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let width = usize::from(area.width);
    let (left, right) = parts(app);
    let right = if right.width() + 12 > width {
        String::new()
    } else {
        right
    };
    let room = width.saturating_sub(right.width() + 3);
    let mut style = app.theme.status();
    if app.message.is_some() {
        style = style.add_modifier(ratatui::style::Modifier::BOLD);
    }
    let line = Line::from(vec![
        Span::styled(fit(&format!(" {left}"), room), style),
        Span::styled(fit(&format!(" {right} "), width - room), app.theme.status()),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}
