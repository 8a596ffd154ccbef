//! The interactive reader: the issue × party grid, cells, sources and help.
//!
//! [`app`] holds the state and its pure `update`; [`keys`] is the one keymap; each view
//! module draws one screen from the state; [`terminal`] owns setup and restore; the
//! event loop here does the input and output that `update` asks for.

pub mod action;
pub mod app;
pub mod compare_layout;
pub mod detail;
pub mod detail_page;
pub mod editor;
pub mod grid;
pub mod help;
pub mod keys;
pub mod layout;
pub mod matrix;
pub mod pair;
pub mod panel;
pub mod source;
pub mod sources_list;
pub mod spectrum;
pub mod status;
pub mod styled;
pub mod terminal;
pub mod theme;
pub mod watch;

use crate::diagnostic::Diagnostic;
use crate::model::{Model, load};
use app::{Action, App, Request, Screen};
use crossterm::event::{
    self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use ratatui::Frame;
use ratatui::widgets::Paragraph;
use std::io::Write;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

pub use layout::MIN_SIZE;

/// Draws the whole screen for the current state.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if layout::too_small((area.width, area.height)) {
        let msg = Paragraph::new("terminal too small").wrap(ratatui::widgets::Wrap { trim: true });
        frame.render_widget(msg, area);
        return;
    }
    let layout::Areas {
        main,
        panel: errors,
        bar,
    } = layout::areas((area.width, area.height), app.errors.len());
    match app.screen() {
        Screen::Grid => grid::draw(frame, app, main),
        Screen::Detail => detail::draw(frame, app, main),
        Screen::Source => source::draw(frame, app, main),
        Screen::Help => help::draw(frame, app, main),
        Screen::Sources => sources_list::draw(frame, app, main),
        Screen::Spectrum => spectrum::draw(frame, app, main),
        Screen::Matrix => matrix::draw(frame, app, main),
        Screen::Pair => pair::draw(frame, app, main),
    }
    panel::draw_errors(frame, app, errors);
    panel::draw_popup(frame, app, main);
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
    if app.search.editing || app.export_prompt.is_some() || app.filter_prompt.is_some() {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        return match key.code {
            KeyCode::Char('c') if ctrl => Some(Action::ForceQuit),
            KeyCode::Char(c) if !ctrl => Some(Action::InputChar(c)),
            KeyCode::Tab => Some(Action::NextItem),
            KeyCode::Backspace => Some(Action::InputBackspace),
            KeyCode::Enter => Some(Action::InputSubmit),
            KeyCode::Esc => Some(Action::InputCancel),
            _ => None,
        };
    }
    keys::action_for(app.screen(), key)
}

/// What wakes the event loop.
enum Msg {
    /// A terminal event (or the error reading one).
    Input(std::io::Result<Event>),
    /// positions.toml or a source changed on disk.
    FilesChanged,
}

/// Commands to the input thread.
enum Control {
    /// Stop reading the terminal (another program is using it) and say so.
    Pause(Sender<()>),
    /// Read again.
    Resume,
}

/// Reads terminal events into `tx` until told to pause. It waits on the terminal
/// in slices of a quarter second so that a pause is honoured promptly; between events
/// it does no work.
fn spawn_input(tx: Sender<Msg>) -> Sender<Control> {
    let (ctl_tx, ctl_rx) = mpsc::channel::<Control>();
    std::thread::spawn(move || {
        loop {
            match ctl_rx.try_recv() {
                Ok(Control::Pause(ack)) => {
                    let _ = ack.send(());
                    // Wait for Resume (or for the reader to end).
                    loop {
                        match ctl_rx.recv() {
                            Ok(Control::Resume) => break,
                            Ok(Control::Pause(ack)) => {
                                let _ = ack.send(());
                            }
                            Err(_) => return,
                        }
                    }
                }
                Ok(Control::Resume) => {}
                Err(mpsc::TryRecvError::Disconnected) => return,
                Err(mpsc::TryRecvError::Empty) => {}
            }
            match event::poll(Duration::from_millis(250)) {
                Ok(false) => {}
                Ok(true) => {
                    let ev = event::read();
                    let failed = ev.is_err();
                    if tx.send(Msg::Input(ev)).is_err() || failed {
                        return;
                    }
                }
                Err(e) => {
                    let _ = tx.send(Msg::Input(Err(e)));
                    return;
                }
            }
        }
    });
    ctl_tx
}

/// Watches the model's files, replacing the previous watcher.
fn rewatch(app: &App, tx: &Sender<Msg>) -> Option<notify::RecommendedWatcher> {
    let files = watch::files_of(&app.path, Some(&app.view.model));
    let tx = tx.clone();
    watch::watch(&files, move || {
        let _ = tx.send(Msg::FilesChanged);
    })
    .ok()
}

/// Base64 for OSC 52.
fn base64(data: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(T[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Does the input/output an update asked for.
fn perform(
    app: &mut App,
    terminal: &mut terminal::Term,
    control: &Sender<Control>,
) -> anyhow::Result<()> {
    let Some(request) = app.request.take() else {
        return Ok(());
    };
    match request {
        Request::Reload => app.apply_reload(load(&app.path)),
        Request::Edit(line) => {
            let line = if line == usize::MAX {
                std::fs::read_to_string(&app.path).map_or(1, |t| t.lines().count().max(1))
            } else {
                line
            };
            let editor = editor::from_env();
            let (ack_tx, ack_rx) = mpsc::channel();
            let _ = control.send(Control::Pause(ack_tx));
            let _ = ack_rx.recv_timeout(Duration::from_secs(2));
            let result = terminal::suspended(terminal, || editor::run(&editor, &app.path, line))?;
            let _ = control.send(Control::Resume);
            app.apply_reload(load(&app.path));
            if let Err(e) = result {
                app.message = Some(e);
            }
        }
        Request::Copy(text) => {
            let mut out = std::io::stdout();
            let _ = write!(out, "\x1b]52;c;{}\x07", base64(text.as_bytes()));
            let _ = out.flush();
        }
        Request::Export(format, target) => {
            let view = &app.view;
            let options = crate::export::Options {
                width: 100,
                long: false,
            };
            let content = crate::export::render(view, format, &options);
            app.message = Some(
                match crate::export::write_atomic(&target, &content, &app.view.model) {
                    Ok(()) => format!("wrote {}", target.display()),
                    Err(e) => format!("export failed: {e:#}"),
                },
            );
        }
    }
    Ok(())
}

/// Opens the reader on `model`, loaded from `path`, until the user quits. `errors`
/// are the file's errors when `model` is only the part of it that loads: they are
/// shown in the error panel until the file is fixed.
pub fn run(path: PathBuf, model: Model, errors: Vec<Diagnostic>) -> anyhow::Result<()> {
    let (mut terminal, _guard) = terminal::setup()?;
    let size = terminal.size()?;
    let theme = theme::Theme::from_env();
    let mut app = App::new(model, path, theme, (size.width, size.height));
    app.errors = errors;
    app.fix_scroll();
    let (tx, rx): (Sender<Msg>, Receiver<Msg>) = mpsc::channel();
    let control = spawn_input(tx.clone());
    let mut watcher = rewatch(&app, &tx);
    terminal.draw(|f| draw(f, &app))?;
    while !app.quit {
        // Block until something happens, then take everything pending before drawing.
        let mut changed = false;
        let first = rx.recv()?;
        for msg in std::iter::once(first).chain(rx.try_iter()) {
            match msg {
                Msg::Input(ev) => {
                    if let Some(action) = action_for(&app, &ev?) {
                        changed |= app.update(action);
                    }
                }
                Msg::FilesChanged => {
                    app.request = Some(Request::Reload);
                    changed = true;
                }
            }
            if app.request.is_some() {
                let was_reload = matches!(app.request, Some(Request::Reload | Request::Edit(_)));
                perform(&mut app, &mut terminal, &control)?;
                if was_reload && app.errors.is_empty() {
                    watcher = rewatch(&app, &tx).or(watcher);
                }
            }
            if app.quit {
                break;
            }
        }
        if changed && !app.quit {
            terminal.draw(|f| draw(f, &app))?;
        }
    }
    drop(watcher);
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_of_known_strings() {
        assert_eq!(super::base64(b""), "");
        assert_eq!(super::base64(b"f"), "Zg==");
        assert_eq!(super::base64(b"fo"), "Zm8=");
        assert_eq!(super::base64(b"foo"), "Zm9v");
        assert_eq!(super::base64(b"foobar"), "Zm9vYmFy");
    }
}
