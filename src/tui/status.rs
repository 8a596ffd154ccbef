//! The status bar: title, view date, selection, and key hints (or the search line).

use super::app::{Action, App, Screen};
use super::keys::keys_for;
use crate::sanitize::one_line;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The status bar text as separate parts.
pub fn text(app: &App) -> String {
    let m = &app.model;
    if let Some((format, path)) = &app.export_prompt {
        return format!(
            "export {} to: {}▏  (Tab format · Enter write · Esc cancel)",
            super::app::extension(*format),
            one_line(path)
        );
    }
    if app.search.editing {
        let n = app.search.matches.len();
        return format!(
            "/{}▏  {n} match{}  (Enter keep · Esc clear)",
            one_line(&app.search.input),
            if n == 1 { "" } else { "es" }
        );
    }
    let date = match app.date_index {
        Some(i) => format!("as of {} ({}/{})", app.dates[i], i + 1, app.dates.len()),
        None => "undated".into(),
    };
    let mut parts = vec![one_line(&m.title), date];
    let screen = app.screen();
    if screen == Screen::Grid && !m.issues.is_empty() && !m.parties.is_empty() {
        parts.push(format!(
            "{} × {}",
            one_line(&m.issues[app.grid.issue].name),
            one_line(&m.parties[app.grid.party].short)
        ));
    }
    if !app.search.query.is_empty() {
        let n = app.search.matches.len();
        let at = app
            .search
            .current
            .map_or(String::new(), |i| format!("{}/", i + 1));
        parts.push(format!(
            "“{}” {at}{n} match{}",
            one_line(&app.search.query),
            if n == 1 { "" } else { "es" }
        ));
    }
    if let Some(msg) = &app.message {
        // A message comes first, so a narrow bar still shows it.
        parts.insert(0, one_line(msg));
    } else {
        let hint = |a: Action, what: &str| format!("{} {what}", keys_for(screen, a));
        let hints = match screen {
            Screen::Grid => vec![
                hint(Action::Open, "open"),
                "[ ] date".into(),
                hint(Action::Search, "search"),
                hint(Action::Help, "help"),
                hint(Action::Quit, "quit"),
            ],
            Screen::Detail => vec![
                hint(Action::NextItem, "next citation"),
                hint(Action::Open, "source"),
                "Esc back".into(),
            ],
            Screen::Source => vec![
                "n/N cited sentences".into(),
                "j/k scroll".into(),
                "Esc back".into(),
            ],
            Screen::Help => vec!["Esc back".into()],
            Screen::Sources => vec!["Enter open".into(), "Esc back".into()],
        };
        parts.push(hints.join("  "));
    }
    parts.join(" │ ")
}

/// Draws the status bar into `area` (one line).
pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let style = if app.message.is_some() {
        app.theme
            .status()
            .add_modifier(ratatui::style::Modifier::BOLD)
    } else {
        app.theme.status()
    };
    let line = Line::from(vec![Span::styled(
        super::text::fit(&format!(" {}", text(app)), usize::from(area.width)),
        style,
    )]);
    frame.render_widget(Paragraph::new(line), area);
}
