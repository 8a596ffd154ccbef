//! The one keymap: it turns key presses into actions and writes the `?` help, so the
//! help can never drift from what the keys do.

use super::app::{Action, Screen};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

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

    fn matches(&self, ev: &KeyEvent) -> bool {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        match (*self, ev.code) {
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
    fn applies(&self, screen: Screen) -> bool {
        match self {
            Scope::All => true,
            Scope::Only(s) => *s == screen,
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

/// Every key binding, in the order the help lists them. The first match wins.
pub const KEYMAP: &[Binding] = &[
    Binding {
        keys: &[Ctrl('c')],
        scope: All,
        action: Action::ForceQuit,
        help: "quit, from anywhere",
    },
    Binding {
        keys: &[Char('q')],
        scope: Only(Screen::Grid),
        action: Action::Quit,
        help: "quit",
    },
    Binding {
        keys: &[Char('q'), Code(KeyCode::Esc)],
        scope: NotGrid,
        action: Action::Back,
        help: "back one level",
    },
    Binding {
        keys: &[Char('?')],
        scope: All,
        action: Action::Help,
        help: "show every key",
    },
    Binding {
        keys: &[Code(KeyCode::Up), Char('k')],
        scope: Only(Screen::Grid),
        action: Action::Up,
        help: "move up",
    },
    Binding {
        keys: &[Code(KeyCode::Down), Char('j')],
        scope: Only(Screen::Grid),
        action: Action::Down,
        help: "move down",
    },
    Binding {
        keys: &[Code(KeyCode::Left), Char('h')],
        scope: Only(Screen::Grid),
        action: Action::Left,
        help: "move left",
    },
    Binding {
        keys: &[Code(KeyCode::Right), Char('l')],
        scope: Only(Screen::Grid),
        action: Action::Right,
        help: "move right",
    },
    Binding {
        keys: &[Code(KeyCode::Enter)],
        scope: Only(Screen::Grid),
        action: Action::Open,
        help: "open the cell: position, history, citations",
    },
    Binding {
        keys: &[Code(KeyCode::Esc)],
        scope: Only(Screen::Grid),
        action: Action::Back,
        help: "clear the search",
    },
    Binding {
        keys: &[Char('t')],
        scope: Only(Screen::Grid),
        action: Action::Transpose,
        help: "transpose: parties as rows",
    },
    Binding {
        keys: &[Char('w')],
        scope: Only(Screen::Grid),
        action: Action::ToggleWrap,
        help: "wrap long summaries (rows grow)",
    },
    Binding {
        keys: &[Char('[')],
        scope: Only(Screen::Grid),
        action: Action::PrevDate,
        help: "view date: one step earlier",
    },
    Binding {
        keys: &[Char(']')],
        scope: Only(Screen::Grid),
        action: Action::NextDate,
        help: "view date: one step later",
    },
    Binding {
        keys: &[Char('/')],
        scope: Only(Screen::Grid),
        action: Action::Search,
        help: "search summaries, details and quotes",
    },
    Binding {
        keys: &[Char('n')],
        scope: Only(Screen::Grid),
        action: Action::NextMatch,
        help: "next search match",
    },
    Binding {
        keys: &[Char('N')],
        scope: Only(Screen::Grid),
        action: Action::PrevMatch,
        help: "previous search match",
    },
    Binding {
        keys: &[Code(KeyCode::Tab), Char('j'), Code(KeyCode::Down)],
        scope: Only(Screen::Detail),
        action: Action::NextItem,
        help: "select the next citation",
    },
    Binding {
        keys: &[Code(KeyCode::BackTab), Char('k'), Code(KeyCode::Up)],
        scope: Only(Screen::Detail),
        action: Action::PrevItem,
        help: "select the previous citation",
    },
    Binding {
        keys: &[Code(KeyCode::Enter)],
        scope: Only(Screen::Detail),
        action: Action::Open,
        help: "show the citation in its source",
    },
    Binding {
        keys: &[Code(KeyCode::Down), Char('j')],
        scope: Only(Screen::Source),
        action: Action::Down,
        help: "scroll down",
    },
    Binding {
        keys: &[Code(KeyCode::Up), Char('k')],
        scope: Only(Screen::Source),
        action: Action::Up,
        help: "scroll up",
    },
    Binding {
        keys: &[Char('n'), Code(KeyCode::Tab)],
        scope: Only(Screen::Source),
        action: Action::NextItem,
        help: "next cited sentence",
    },
    Binding {
        keys: &[Char('N'), Code(KeyCode::BackTab)],
        scope: Only(Screen::Source),
        action: Action::PrevItem,
        help: "previous cited sentence",
    },
    Binding {
        keys: &[Code(KeyCode::Down), Char('j')],
        scope: Only(Screen::Help),
        action: Action::Down,
        help: "scroll down",
    },
    Binding {
        keys: &[Code(KeyCode::Up), Char('k')],
        scope: Only(Screen::Help),
        action: Action::Up,
        help: "scroll up",
    },
    Binding {
        keys: &[Code(KeyCode::PageDown), Char(' ')],
        scope: All,
        action: Action::PageDown,
        help: "page down",
    },
    Binding {
        keys: &[Code(KeyCode::PageUp)],
        scope: All,
        action: Action::PageUp,
        help: "page up",
    },
    Binding {
        keys: &[Code(KeyCode::Home), Char('g')],
        scope: All,
        action: Action::Top,
        help: "go to the top",
    },
    Binding {
        keys: &[Code(KeyCode::End), Char('G')],
        scope: All,
        action: Action::Bottom,
        help: "go to the bottom",
    },
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

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyEvent;

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
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
