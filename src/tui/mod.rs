//! The interactive reader: the issue × party grid, cells, sources and help.
//!
//! [`app`] holds the state and its pure `update`; [`keys`] is the one keymap; each view
//! module draws one screen from the state; [`terminal`] owns setup and restore.

pub mod app;
pub mod detail;
pub mod grid;
pub mod help;
pub mod keys;
pub mod source;
pub mod status;
pub mod terminal;
pub mod text;
pub mod theme;

use crate::model::Model;
use app::{Action, App, Screen};
use crossterm::event::{
    self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;
use std::path::PathBuf;
use std::sync::mpsc;

/// The smallest terminal the views are drawn in; below it, one line says so.
pub const MIN_SIZE: (u16, u16) = (20, 4);

/// Draws the whole screen for the current state.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        let msg = text::fit("terminal too small", usize::from(area.width));
        frame.render_widget(
            Paragraph::new(msg),
            Rect::new(area.x, area.y, area.width, 1.min(area.height)),
        );
        return;
    }
    let main = Rect::new(area.x, area.y, area.width, area.height - 1);
    let bar = Rect::new(area.x, area.y + area.height - 1, area.width, 1);
    match app.screen() {
        Screen::Grid => grid::draw(frame, app, main),
        Screen::Detail => detail::draw(frame, app, main),
        Screen::Source => source::draw(frame, app, main),
        Screen::Help => help::draw(frame, app, main),
    }
    status::draw(frame, app, bar);
}

/// The action for a terminal event, if any. Only key presses count (not releases).
pub fn action_for(app: &App, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => key_action(app, key),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollUp => Some(Action::ScrollUp),
            MouseEventKind::ScrollDown => Some(Action::ScrollDown),
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(m.column, m.row)),
            _ => None,
        },
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        _ => None,
    }
}

fn key_action(app: &App, key: &KeyEvent) -> Option<Action> {
    if app.search.editing {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        return match key.code {
            KeyCode::Char('c') if ctrl => Some(Action::ForceQuit),
            KeyCode::Char(c) if !ctrl => Some(Action::InputChar(c)),
            KeyCode::Backspace => Some(Action::InputBackspace),
            KeyCode::Enter => Some(Action::InputSubmit),
            KeyCode::Esc => Some(Action::InputCancel),
            _ => None,
        };
    }
    keys::action_for(app.screen(), key)
}

/// Opens the reader on `model`, loaded from `path`, until the user quits.
pub fn run(path: PathBuf, model: Model) -> anyhow::Result<()> {
    let (mut terminal, _guard) = terminal::setup()?;
    let size = terminal.size()?;
    let mut app = App::new(
        model,
        path,
        theme::Theme::from_env(),
        (size.width, size.height),
    );
    let (tx, rx) = mpsc::channel::<std::io::Result<Event>>();
    std::thread::spawn(move || {
        loop {
            let ev = event::read();
            let failed = ev.is_err();
            if tx.send(ev).is_err() || failed {
                break;
            }
        }
    });
    terminal.draw(|f| draw(f, &app))?;
    while !app.quit {
        // Block until something happens, then take everything pending before drawing.
        let mut changed = false;
        let first = rx.recv()?;
        for ev in std::iter::once(first).chain(rx.try_iter()) {
            if let Some(action) = action_for(&app, &ev?) {
                changed |= app.update(action);
            }
            if app.quit {
                break;
            }
        }
        if changed && !app.quit {
            terminal.draw(|f| draw(f, &app))?;
        }
    }
    Ok(())
}
