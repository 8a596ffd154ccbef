//! The one keymap: it turns key presses into actions and writes the `?` help, so the
//! help can never drift from what the keys do.

use super::action::{Action, Screen};
use super::theme::Theme;
use crate::wrap::fit;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::text::{Line, Span};

/// A key as the keymap names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// A printable character.
    Char(char),
    /// A character with Ctrl held.
    Ctrl(char),
    /// Any other key.
    Code(KeyCode),
}

impl Key {
    /// How the key is written in the help.
    pub fn label(&self) -> String {
        match self {
            Key::Char(' ') => "Space".into(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Key::Code(code) => match code {
                KeyCode::Up => "↑".into(),
                KeyCode::Down => "↓".into(),
                KeyCode::Left => "←".into(),
                KeyCode::Right => "→".into(),
                KeyCode::Enter => "Enter".into(),
                KeyCode::Esc => "Esc".into(),
                KeyCode::Tab => "Tab".into(),
                KeyCode::BackTab => "Shift-Tab".into(),
                KeyCode::PageUp => "PgUp".into(),
                KeyCode::PageDown => "PgDn".into(),
                KeyCode::Home => "Home".into(),
                KeyCode::End => "End".into(),
                other => format!("{other:?}"),
            },
        }
    }

    fn matches(self, ev: &KeyEvent) -> bool {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        // Alt+key is not the key: Alt-q must not quit.
        if ev.modifiers.contains(KeyModifiers::ALT) {
            return false;
        }
        match (self, ev.code) {
            (Key::Ctrl(c), KeyCode::Char(k)) => ctrl && k.eq_ignore_ascii_case(&c),
            (Key::Char(c), KeyCode::Char(k)) => !ctrl && k == c,
            (Key::Code(c), code) => !ctrl && c == code,
            _ => false,
        }
    }
}

/// Where a binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Every screen.
    All,
    /// One screen.
    Only(Screen),
    /// Every screen but the grid.
    NotGrid,
}

impl Scope {
    fn applies(self, screen: Screen) -> bool {
        match self {
            Scope::All => true,
            Scope::Only(s) => s == screen,
            Scope::NotGrid => screen != Screen::Grid,
        }
    }
}

/// One line of the keymap.
pub struct Binding {
    /// The keys that trigger it.
    pub keys: &'static [Key],
    /// Where it applies.
    pub scope: Scope,
    /// What it does.
    pub action: Action,
    /// The help text.
    pub help: &'static str,
}

use Key::{Char, Code, Ctrl};
use Scope::{All, NotGrid, Only};

const fn bind(keys: &'static [Key], scope: Scope, action: Action, help: &'static str) -> Binding {
    Binding {
        keys,
        scope,
        action,
        help,
    }
}

use Screen::{Detail, Grid, Help, Matrix, Pair, Source, Sources, Spectrum, Timeline};

/// Every key binding, in the order the help lists them. The first match wins.
#[rustfmt::skip]
pub const KEYMAP: &[Binding] = &[
    bind(&[Ctrl('c')], All, Action::ForceQuit, "quit, from anywhere"),
    bind(&[Char('q')], Only(Grid), Action::Quit, "quit"),
    bind(&[Char('q'), Code(KeyCode::Esc)], NotGrid, Action::Back, "back one level"),
    bind(&[Char('?')], All, Action::Help, "show every key"),
    bind(&[Char('e')], All, Action::Edit, "edit positions.toml here ($VISUAL, $EDITOR or vi)"),
    bind(&[Char('r')], All, Action::Reload, "reload positions.toml and the sources"),
    bind(&[Code(KeyCode::PageDown), Char(' ')], All, Action::PageDown, "page down"),
    bind(&[Code(KeyCode::PageUp)], All, Action::PageUp, "page up"),
    bind(&[Code(KeyCode::Home), Char('g')], All, Action::Top, "go to the top"),
    bind(&[Code(KeyCode::End), Char('G')], All, Action::Bottom, "go to the bottom"),
    bind(&[Code(KeyCode::Up), Char('k')], Only(Grid), Action::Up, "move up"),
    bind(&[Code(KeyCode::Down), Char('j')], Only(Grid), Action::Down, "move down"),
    bind(&[Code(KeyCode::Left), Char('h')], Only(Grid), Action::Left, "move left"),
    bind(&[Code(KeyCode::Right), Char('l')], Only(Grid), Action::Right, "move right"),
    bind(&[Code(KeyCode::Enter)], Only(Grid), Action::Open, "open the cell: position, history, citations"),
    bind(&[Code(KeyCode::Esc)], Only(Grid), Action::Back, "clear the search"),
    bind(&[Char('t')], Only(Grid), Action::Transpose, "transpose: parties as rows"),
    bind(&[Char('w')], Only(Grid), Action::ToggleWrap, "wrap long summaries, or one line per row"),
    bind(&[Char('[')], Only(Grid), Action::PrevDate, "view date: one step earlier"),
    bind(&[Char(']')], Only(Grid), Action::NextDate, "view date: one step later"),
    bind(&[Char('T')], Only(Grid), Action::Timeline, "timeline of the issue: each party's standing stance at each date"),
    bind(&[Char('b')], Only(Grid), Action::ToggleBase, "base date to compare with (▲▼ moved, + new, × withdrawn, ~ changed); again: off"),
    bind(&[Char('/')], Only(Grid), Action::Search, "search summaries, details and quotes"),
    bind(&[Char('n')], Only(Grid), Action::NextMatch, "next search match"),
    bind(&[Char('N')], Only(Grid), Action::PrevMatch, "previous search match"),
    bind(&[Char('s')], Only(Grid), Action::ListSources, "list the sources, to find what to cite"),
    bind(&[Char('x')], Only(Grid), Action::Export, "export the view (Tab: format, Enter: write)"),
    bind(&[Char('a')], Only(Grid), Action::Spectrum, "spectrum of the issue: stances, ranges, zone or gap, who blocks"),
    bind(&[Char('m')], Only(Grid), Action::Matrix, "party × party table of distances"),
    bind(&[Char('v')], Only(Grid), Action::ToggleEvidence, "evidence in cells: status · confidence · cites/sources · date"),
    bind(&[Char('f')], Only(Grid), Action::Filter, "filter: party:us,ru issue:… status:… confidence:… min-confidence:… hide-empty"),
    bind(&[Code(KeyCode::Tab), Char('j'), Code(KeyCode::Down)], Only(Detail), Action::NextItem, "select the next history entry or citation"),
    bind(&[Code(KeyCode::BackTab), Char('k'), Code(KeyCode::Up)], Only(Detail), Action::PrevItem, "select the previous history entry or citation"),
    bind(&[Code(KeyCode::Enter)], Only(Detail), Action::Open, "open it: a history entry's position (Esc: back), a citation in its source"),
    bind(&[Code(KeyCode::Down), Char('j')], Only(Source), Action::Down, "scroll down (opened from the list: next sentence)"),
    bind(&[Code(KeyCode::Up), Char('k')], Only(Source), Action::Up, "scroll up (opened from the list: previous sentence)"),
    bind(&[Char('n'), Code(KeyCode::Tab)], Only(Source), Action::NextItem, "next cited sentence"),
    bind(&[Char('N'), Code(KeyCode::BackTab)], Only(Source), Action::PrevItem, "previous cited sentence"),
    bind(&[Char('c')], Only(Source), Action::Copy, "copy the sentence as a [[position.cite]] block"),
    bind(&[Code(KeyCode::Down), Char('j')], Only(Sources), Action::Down, "next source"),
    bind(&[Code(KeyCode::Up), Char('k')], Only(Sources), Action::Up, "previous source"),
    bind(&[Code(KeyCode::Enter)], Only(Sources), Action::Open, "open it: every cited sentence marked"),
    bind(&[Code(KeyCode::Left), Char('h')], Only(Timeline), Action::Left, "earlier date"),
    bind(&[Code(KeyCode::Right), Char('l')], Only(Timeline), Action::Right, "later date"),
    bind(&[Code(KeyCode::Up), Char('k')], Only(Timeline), Action::Up, "previous party"),
    bind(&[Code(KeyCode::Down), Char('j')], Only(Timeline), Action::Down, "next party"),
    bind(&[Code(KeyCode::Tab)], Only(Timeline), Action::NextItem, "next issue"),
    bind(&[Code(KeyCode::BackTab)], Only(Timeline), Action::PrevItem, "previous issue"),
    bind(&[Code(KeyCode::Enter)], Only(Timeline), Action::Open, "open the position at that date (a click on the selected point too)"),
    bind(&[Code(KeyCode::Down), Char('j')], Only(Spectrum), Action::Down, "next party"),
    bind(&[Code(KeyCode::Up), Char('k')], Only(Spectrum), Action::Up, "previous party"),
    bind(&[Code(KeyCode::Left), Char('h')], Only(Spectrum), Action::Left, "previous issue"),
    bind(&[Code(KeyCode::Right), Char('l')], Only(Spectrum), Action::Right, "next issue"),
    bind(&[Code(KeyCode::Enter)], Only(Spectrum), Action::Open, "open the party's cell"),
    bind(&[Char('[')], Only(Spectrum), Action::PrevDate, "view date: one step earlier"),
    bind(&[Char(']')], Only(Spectrum), Action::NextDate, "view date: one step later"),
    bind(&[Code(KeyCode::Up), Char('k')], Only(Matrix), Action::Up, "move up"),
    bind(&[Code(KeyCode::Down), Char('j')], Only(Matrix), Action::Down, "move down"),
    bind(&[Code(KeyCode::Left), Char('h')], Only(Matrix), Action::Left, "move left"),
    bind(&[Code(KeyCode::Right), Char('l')], Only(Matrix), Action::Right, "move right"),
    bind(&[Code(KeyCode::Enter)], Only(Matrix), Action::Open, "compare the two parties issue by issue"),
    bind(&[Char('[')], Only(Matrix), Action::PrevDate, "view date: one step earlier"),
    bind(&[Char(']')], Only(Matrix), Action::NextDate, "view date: one step later"),
    bind(&[Code(KeyCode::Down), Char('j')], Only(Pair), Action::Down, "scroll down"),
    bind(&[Code(KeyCode::Up), Char('k')], Only(Pair), Action::Up, "scroll up"),
    bind(&[Char('[')], Only(Pair), Action::PrevDate, "view date: one step earlier"),
    bind(&[Char(']')], Only(Pair), Action::NextDate, "view date: one step later"),
    bind(&[Code(KeyCode::Down), Char('j')], Only(Help), Action::Down, "scroll down"),
    bind(&[Code(KeyCode::Up), Char('k')], Only(Help), Action::Up, "scroll up"),
];

/// The action for a key press on `screen`, if any.
pub fn action_for(screen: Screen, ev: &KeyEvent) -> Option<Action> {
    KEYMAP
        .iter()
        .find(|b| b.scope.applies(screen) && b.keys.iter().any(|k| k.matches(ev)))
        .map(|b| b.action)
}

/// The keys bound to `action` on `screen`, for hints in the status bar.
pub fn keys_for(screen: Screen, action: Action) -> String {
    KEYMAP
        .iter()
        .filter(|b| b.action == action && b.scope.applies(screen))
        .flat_map(|b| b.keys.iter().map(Key::label))
        .collect::<Vec<_>>()
        .join("/")
}

fn scope_title(scope: Scope) -> &'static str {
    match scope {
        Scope::All => "Everywhere",
        Scope::NotGrid => "Outside the grid",
        Scope::Only(Screen::Grid) => "Grid",
        Scope::Only(Screen::Detail) => "Cell (position, history and citations)",
        Scope::Only(Screen::Source) => "Source",
        Scope::Only(Screen::Help) => "Help",
        Scope::Only(Screen::Sources) => "Sources list",
        Scope::Only(Screen::Timeline) => "Timeline (T)",
        Scope::Only(Screen::Spectrum) => "Spectrum of an issue (a)",
        Scope::Only(Screen::Matrix) => "Party × party table (m)",
        Scope::Only(Screen::Pair) => "Two parties side by side",
    }
}

/// The `?` help page, written from [`KEYMAP`]: one section per scope, one line per binding.
pub fn help_lines(theme: Theme) -> Vec<Line<'static>> {
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
    out.push(Line::raw(
        "  click             select a cell of the grid, a party of the spectrum, a pair of the table",
    ));
    out.push(Line::raw(
        "  click             open a history entry or a citation of the open cell",
    ));
    out.push(Line::raw(
        "  click             select a point of the timeline; click it again: open it",
    ));
    out.push(Line::default());
    out.push(Line::styled("In the search line", theme.heading()));
    out.push(Line::raw(
        "  Enter             keep the search   Esc  clear it",
    ));
    out.push(Line::default());
    out.push(Line::styled("Grid marks", theme.heading()));
    out.push(Line::raw(
        "  ··◆·              where the party's stance stands on the issue's scale (◇: could accept)",
    ));
    out.push(Line::raw(
        "  stance since …    the stance of an earlier position stands: the latest statement takes none",
    ));
    out.push(Line::raw(
        "  •                 changed since the previous date (timeline: a position taken that day)",
    ));
    out.push(Line::raw(
        "  ● ×               timeline: a statement without a stance (the stance before it stands); withdrawn",
    ));
    out.push(Line::raw(
        "  ▲n ▼n + × ~       since the base (b): n steps to the last/first step; new; withdrawn; changed",
    ));
    out.push(Line::raw("  –                 no position at this date"));
    out.push(Line::raw(
        "  … (dim, first)    a quote of this position is not verified yet (checked in the background)",
    ));
    out.push(Line::raw(
        "  ±                 contested: a nearby position of the party pulls the other way, or the curator says so",
    ));
    out.push(Line::raw(
        "  ?                 thin evidence: low confidence, or one account (one source, one speaker) not rated high",
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyEvent;

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn alt_and_a_key_is_not_the_key() {
        let alt_q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::ALT);
        assert_eq!(action_for(Screen::Grid, &alt_q), None);
        let shift_g = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(action_for(Screen::Grid, &shift_g), Some(Action::Bottom));
    }

    #[test]
    fn core_keys_of_the_spec() {
        use Screen::*;
        assert_eq!(
            action_for(Grid, &press(KeyCode::Char('j'))),
            Some(Action::Down)
        );
        assert_eq!(action_for(Grid, &press(KeyCode::Left)), Some(Action::Left));
        assert_eq!(action_for(Grid, &press(KeyCode::Enter)), Some(Action::Open));
        assert_eq!(
            action_for(Grid, &press(KeyCode::Char('q'))),
            Some(Action::Quit)
        );
        assert_eq!(
            action_for(Detail, &press(KeyCode::Char('q'))),
            Some(Action::Back)
        );
        assert_eq!(action_for(Source, &press(KeyCode::Esc)), Some(Action::Back));
        assert_eq!(
            action_for(Detail, &press(KeyCode::Tab)),
            Some(Action::NextItem)
        );
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for s in [Grid, Detail, Source, Help] {
            assert_eq!(action_for(s, &ctrl_c), Some(Action::ForceQuit));
            assert_eq!(
                action_for(s, &press(KeyCode::Char('?'))),
                Some(Action::Help)
            );
        }
        assert_eq!(
            action_for(Grid, &press(KeyCode::Char('/'))),
            Some(Action::Search)
        );
        assert_eq!(keys_for(Grid, Action::Open), "Enter");
    }
}
