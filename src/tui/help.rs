//! The `?` screen: every key, written from the keymap that handles them.

use super::app::{App, Screen};
use super::keys::{KEYMAP, Key, Scope};
use crate::wrap::fit;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

fn scope_title(scope: Scope) -> &'static str {
    match scope {
        Scope::All => "Everywhere",
        Scope::NotGrid => "Outside the grid",
        Scope::Only(Screen::Grid) => "Grid",
        Scope::Only(Screen::Detail) => "Cell (position and citations)",
        Scope::Only(Screen::Source) => "Source",
        Scope::Only(Screen::Help) => "Help",
        Scope::Only(Screen::Sources) => "Sources list",
    }
}

/// The help page: one section per scope, one line per binding.
pub fn lines(app: &App) -> Vec<Line<'static>> {
    let theme = app.theme;
    let mut out = vec![Line::styled("Keys (Esc or q to go back)", theme.heading())];
    let mut scopes: Vec<Scope> = Vec::new();
    for b in KEYMAP {
        if !scopes.contains(&b.scope) {
            scopes.push(b.scope);
        }
    }
    for scope in scopes {
        out.push(Line::default());
        out.push(Line::styled(scope_title(scope), theme.heading()));
        for b in KEYMAP.iter().filter(|b| b.scope == scope) {
            let keys = b.keys.iter().map(Key::label).collect::<Vec<_>>().join(", ");
            out.push(Line::from(vec![
                Span::raw("  "),
                Span::styled(fit(&keys, 18), theme.heading()),
                Span::raw(b.help),
            ]));
        }
    }
    out.push(Line::default());
    out.push(Line::styled("Mouse", theme.heading()));
    out.push(Line::raw("  wheel             scroll"));
    out.push(Line::raw("  click             select a cell of the grid"));
    out.push(Line::default());
    out.push(Line::styled("In the search line", theme.heading()));
    out.push(Line::raw(
        "  Enter             keep the search   Esc  clear it",
    ));
    out.push(Line::default());
    out.push(Line::styled("Grid marks", theme.heading()));
    out.push(Line::raw(
        "  ··◆·              where the party stands on the issue's scale (◇: could accept)",
    ));
    out.push(Line::raw(
        "  •                 changed since the previous date",
    ));
    out.push(Line::raw("  –                 no position at this date"));
    out
}

/// Draws the help into `area`.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let visible: Vec<Line> = lines(app)
        .into_iter()
        .skip(app.help_scroll)
        .take(usize::from(area.height))
        .collect();
    frame.render_widget(Paragraph::new(visible), area);
}
