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

/// What the filter prompt says after the text typed: the terms it takes, and that an
/// empty filter shows everything.
pub const FILTER_KEYS: &str =
    "(party: issue: status: confidence: min-confidence: hide-empty; empty: all)";

/// A line being typed, with a `▏` at its cursor.
fn with_cursor(input: &tui_input::Input) -> String {
    let value = input.value();
    let at = value
        .char_indices()
        .nth(input.cursor())
        .map_or(value.len(), |(i, _)| i);
    format!("{}▏{}", one_line(&value[..at]), one_line(&value[at..]))
}

/// The matches at other dates, e.g. ` (+1 at 2025-04-17)`, or nothing.
fn elsewhere(app: &App) -> String {
    match app.search.elsewhere.len() {
        0 => String::new(),
        k => format!(" (+{k} at {})", app.elsewhere_dates()),
    }
}

/// The left part (state, or a message first) and the right part (key hints).
pub fn parts(app: &App) -> (String, String) {
    if let Some(line) = typing(app) {
        return line;
    }
    let mut hints = hints(app.screen());
    if app.screen() == Screen::Grid && !app.grid.wrap {
        // Cut summaries end in …: say how to read them whole.
        hints.insert(
            1,
            format!("{} wrap", keys_for(Screen::Grid, Action::ToggleWrap)),
        );
    }
    (state(app).join(" │ "), hints.join("  "))
}

/// The status bar while a line is being typed (export path, filter, search), if one is.
fn typing(app: &App) -> Option<(String, String)> {
    // A message (why a line was refused) comes before the line being typed.
    let with_message = |left: String, hint: &str| match &app.message {
        Some(msg) => (format!("{} │ {left}", one_line(msg)), hint.to_string()),
        None => (left, hint.to_string()),
    };
    if let Some(prompt) = app.export_prompt() {
        let hint = if prompt.confirm_overwrite {
            "Enter replace  Esc keep"
        } else {
            "Tab format  Enter write  Esc cancel"
        };
        let name = prompt.format.name();
        let left = format!("export {name} to: {}", with_cursor(&prompt.path));
        return Some(with_message(left, hint));
    }
    if let Some(text) = app.filter_prompt() {
        let left = format!("filter: {}   {FILTER_KEYS}", with_cursor(text));
        return Some(with_message(left, "Enter apply  Esc cancel"));
    }
    if let Some(input) = app.search_input() {
        let n = app.search.matches.len();
        let left = format!(
            "/{}  {n} match{}{}",
            with_cursor(input),
            plural(n),
            elsewhere(app)
        );
        return Some((left, "Enter keep  Esc clear".into()));
    }
    None
}

/// What is shown, most important first (the right end is cut when the bar is narrow):
/// a message, the view date, the base date, the filter, the selection, the search, the
/// title.
fn state(app: &App) -> Vec<String> {
    let m = &app.view.model;
    let date = match (app.view.date, app.view.date_index()) {
        (Some(d), Some(i)) => format!("as of {d} ({}/{})", i + 1, app.view.dates.len()),
        (Some(d), None) => format!("as of {d}"),
        (None, _) => "undated".into(),
    };
    let mut left = vec![date];
    if let (Some(diff), Some(n)) = (&app.view.base, app.view.changes_shown()) {
        let since = diff.from.map_or_else(String::new, |d| d.to_string());
        let s = if n == 1 { "" } else { "s" };
        left.push(format!("{n} change{s} since {since}"));
    }
    if !app.view.filter.is_empty() {
        left.push(format!(
            "filter: {}",
            one_line(&app.view.filter.describe(m))
        ));
    }
    if app.screen() == Screen::Grid && !m.issues.is_empty() && !m.parties.is_empty() {
        let issue = one_line(&m.issues[app.grid.issue].name);
        let party = one_line(&m.parties[app.grid.party].short);
        left.push(format!("{issue} × {party}"));
    }
    if !app.search.query.is_empty() {
        let n = app.search.matches.len();
        let at = app
            .search
            .current
            .map_or(String::new(), |i| format!("{}/", i + 1));
        left.push(format!(
            "“{}” {at}{n} match{}{}",
            one_line(&app.search.query),
            plural(n),
            elsewhere(app)
        ));
    }
    left.push(one_line(&m.title));
    if app.verifying.is_some() {
        left.insert(0, app.verify_label());
    }
    if let Some(msg) = &app.message {
        left.insert(0, one_line(msg));
    }
    left
}

/// The key hints of `screen`, from the keymap (at most two keys each), so they never
/// disagree with it.
fn hints(screen: Screen) -> Vec<String> {
    let hint = |a: Action, what: &str| {
        let keys = keys_for(screen, a);
        let short: Vec<&str> = keys.split('/').take(2).collect();
        format!("{} {what}", short.join("/"))
    };
    match screen {
        Screen::Grid => vec![
            hint(Action::Open, "open"),
            hint(Action::Help, "help"),
            hint(Action::Quit, "quit"),
        ],
        Screen::Detail => vec![
            hint(Action::NextItem, "next"),
            hint(Action::Open, "open"),
            hint(Action::Back, "back"),
        ],
        Screen::Source => vec![
            hint(Action::NextItem, "cited"),
            hint(Action::Copy, "copy"),
            hint(Action::Back, "back"),
        ],
        Screen::Help => vec![
            hint(Action::Down, "scroll"),
            hint(Action::PageDown, "page"),
            hint(Action::Back, "back"),
        ],
        Screen::Sources => vec![hint(Action::Open, "open"), hint(Action::Back, "back")],
        Screen::Timeline => vec![
            "←→ date".into(),
            hint(Action::NextItem, "issue"),
            hint(Action::Open, "open"),
            hint(Action::Back, "back"),
        ],
        Screen::Spectrum => vec![
            "←/→ issue".into(),
            "[/] date".into(),
            hint(Action::Back, "back"),
        ],
        Screen::Matrix => vec![
            hint(Action::Open, "pair"),
            "[/] date".into(),
            hint(Action::Back, "back"),
        ],
        Screen::Pair => vec!["[/] date".into(), hint(Action::Back, "back")],
    }
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
    // Too narrow for every hint: the first go first (the last, "back" or "quit", is
    // the one to keep), then all; the date on the left ("as of …") is kept whole.
    let mut right = right.as_str();
    while !right.is_empty() && right.width() + 26 > width {
        right = right.split_once("  ").map_or("", |(_, rest)| rest);
    }
    let right = right.to_string();
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
