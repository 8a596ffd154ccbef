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
pub mod panel_text;
pub mod source;
pub mod sources_list;
pub mod spectrum;
pub mod status;
pub mod styled;
pub mod terminal;
pub mod theme;
pub mod timeline;
pub mod watch;

use crate::diagnostic::Diagnostic;
use crate::model::{Loaded, Model, Unverified, Verified, load_unverified};
use app::{Action, App, Request, Screen};
use crossterm::event::{
    self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use ratatui::Frame;
use ratatui::widgets::Paragraph;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
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
    } = app.areas_in((area.width, area.height));
    match app.screen() {
        Screen::Grid => grid::draw(frame, app, main),
        Screen::Detail => detail::draw(frame, app, main),
        Screen::Source => source::draw(frame, app, main),
        Screen::Help => help::draw(frame, app, main),
        Screen::Sources => sources_list::draw(frame, app, main),
        Screen::Timeline => timeline::draw(frame, app, main),
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
    if app.mode.typing() {
        return input_action(key);
    }
    keys::action_for(app.screen(), key)
}

/// The action for a key while a line (search or export path) is being typed: readline's
/// usual keys move the cursor and delete.
fn input_action(key: &KeyEvent) -> Option<Action> {
    use tui_input::InputRequest as R;
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    let edit = |r: R| Some(Action::InputEdit(r));
    match key.code {
        KeyCode::Char('c') if ctrl => Some(Action::ForceQuit),
        KeyCode::Char('a') if ctrl => edit(R::GoToStart),
        KeyCode::Char('e') if ctrl => edit(R::GoToEnd),
        KeyCode::Char('w') if ctrl => edit(R::DeletePrevWord),
        KeyCode::Char('u') if ctrl => edit(R::DeleteFromStart),
        KeyCode::Char('k') if ctrl => edit(R::DeleteTillEnd),
        KeyCode::Char('b') if alt => edit(R::GoToPrevWord),
        KeyCode::Char('f') if alt => edit(R::GoToNextWord),
        KeyCode::Char('d') if alt => edit(R::DeleteNextWord),
        KeyCode::Char(c) if !ctrl && !alt => Some(Action::InputChar(c)),
        KeyCode::Backspace if ctrl || alt => edit(R::DeletePrevWord),
        KeyCode::Backspace => edit(R::DeletePrevChar),
        KeyCode::Delete => edit(R::DeleteNextChar),
        KeyCode::Left if ctrl || alt => edit(R::GoToPrevWord),
        KeyCode::Right if ctrl || alt => edit(R::GoToNextWord),
        KeyCode::Left => edit(R::GoToPrevChar),
        KeyCode::Right => edit(R::GoToNextChar),
        KeyCode::Home => edit(R::GoToStart),
        KeyCode::End => edit(R::GoToEnd),
        KeyCode::Tab => Some(Action::NextItem),
        KeyCode::Enter => Some(Action::InputSubmit),
        KeyCode::Esc => Some(Action::InputCancel),
        _ => None,
    }
}

/// Why the reader stopped before the user quit.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The terminal could not be set up, read or drawn on.
    #[error("terminal: {0}")]
    Terminal(#[from] std::io::Error),
    /// The thread reading the terminal ended.
    #[error("the terminal input stopped")]
    InputClosed,
    /// A signal stopped the reader (the terminal was restored first).
    #[error("stopped by signal {0}")]
    Signal(i32),
}

/// The signals that stop the reader: it restores the terminal and ends, as it does on
/// `q`, instead of dying with the terminal in raw mode on the alternate screen.
const STOP_SIGNALS: [i32; 4] = [
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGINT,
    signal_hook::consts::SIGQUIT,
];

/// Forwards stop signals to the event loop. While the editor runs, Ctrl-C and Ctrl-\
/// typed there reach this process too: those belong to the editor and are ignored.
fn spawn_signals(tx: Sender<Msg>, editing: Arc<AtomicBool>) -> std::io::Result<()> {
    let mut signals = signal_hook::iterator::Signals::new(STOP_SIGNALS)?;
    std::thread::spawn(move || {
        for sig in signals.forever() {
            let typed = sig == signal_hook::consts::SIGINT || sig == signal_hook::consts::SIGQUIT;
            if typed && editing.load(Ordering::SeqCst) {
                continue;
            }
            if tx.send(Msg::Signal(sig)).is_err() {
                return;
            }
        }
    });
    Ok(())
}

/// What wakes the event loop.
enum Msg {
    /// A terminal event (or the error reading one).
    Input(std::io::Result<Event>),
    /// positions.toml or a source changed on disk.
    FilesChanged,
    /// A signal asked the reader to stop (TERM, HUP, INT, QUIT).
    Signal(i32),
    /// A batch of quotes verified in the background, by the verification numbered so
    /// (each reload that takes a new model in starts the next).
    Verified(u64, Verified),
    /// The file read anew in the background, by the reload numbered so.
    Reloaded(u64, Box<(Loaded, Option<Unverified>)>),
}

/// Quotes verified per message: about fifty messages in all, each at least this many.
const MIN_BATCH: usize = 200;

/// How many quotes the reader verifies per batch (per message to the event loop), out
/// of `total`.
pub fn verify_batch_size(total: usize) -> usize {
    (total / 50).max(MIN_BATCH)
}

/// The verification of the model shown, under way in the background.
struct Verifying {
    /// Counts the verifications started: results of an earlier one are dropped.
    generation: u64,
    /// Cleared to stop the one under way.
    current: Arc<AtomicBool>,
}

impl Verifying {
    /// Stops the verification under way, if any, and starts one of `unverified`, if
    /// any quotes are left to verify.
    fn restart(&mut self, app: &mut App, unverified: Option<Unverified>, tx: &Sender<Msg>) {
        self.current.store(false, Ordering::SeqCst);
        self.generation += 1;
        self.current = Arc::new(AtomicBool::new(true));
        let unverified = unverified.filter(|u| !u.is_empty());
        app.start_verifying(unverified.as_ref().map_or(0, Unverified::len));
        if let Some(unverified) = unverified {
            spawn_verify(
                unverified,
                tx.clone(),
                Arc::clone(&self.current),
                self.generation,
            );
        }
    }
}

/// Verifies the model's quotes on a thread of their own, sending each batch's results
/// to the event loop; stops when the reader is gone or has taken a new model in.
fn spawn_verify(
    unverified: Unverified,
    tx: Sender<Msg>,
    current: Arc<AtomicBool>,
    generation: u64,
) {
    std::thread::spawn(move || {
        let batch = verify_batch_size(unverified.len());
        unverified.run(batch, |v| {
            current.load(Ordering::SeqCst) && tx.send(Msg::Verified(generation, v)).is_ok()
        });
    });
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

/// Reloads of the file, read on a thread of their own so that keys keep working.
struct Reloading {
    /// Counts the reloads started: only the last one's result is taken in.
    generation: u64,
    /// The files as they were when the last reload started, to tell whether they
    /// changed while they were read.
    before: Option<watch::Snapshot>,
}

impl Reloading {
    /// Reads the file anew in the background; its result comes as [`Msg::Reloaded`].
    fn start(&mut self, app: &App, tx: &Sender<Msg>) {
        self.generation += 1;
        self.before = Some(watch::Snapshot::take(watch::files_of(
            &app.path,
            Some(&app.view.model),
        )));
        let (path, generation, tx) = (app.path.clone(), self.generation, tx.clone());
        std::thread::spawn(move || {
            let read = load_unverified(&path);
            let _ = tx.send(Msg::Reloaded(generation, Box::new(read)));
        });
    }
}

/// Does the input/output an update asked for; a reload is started by the event loop,
/// in the background ([`Reloading`]), and after the editor one is asked for.
fn perform(
    app: &mut App,
    request: Request,
    terminal: &mut terminal::Term,
    control: &Sender<Control>,
    editing: &AtomicBool,
) -> Result<(), Error> {
    match request {
        Request::Reload => app.request = Some(Request::Reload),
        Request::Edit(at) => {
            let line = match at {
                app::EditAt::Line(line) => line,
                app::EditAt::End => {
                    std::fs::read_to_string(&app.path).map_or(1, |t| t.lines().count().max(1))
                }
            };
            let editor = editor::from_env();
            let (ack_tx, ack_rx) = mpsc::channel();
            let _ = control.send(Control::Pause(ack_tx));
            let _ = ack_rx.recv_timeout(Duration::from_secs(2));
            editing.store(true, Ordering::SeqCst);
            let result = terminal::suspended(terminal, || editor::run(&editor, &app.path, line));
            editing.store(false, Ordering::SeqCst);
            let result = result?;
            let _ = control.send(Control::Resume);
            if let Err(e) = result {
                app.say(e.to_string());
            }
            app.request = Some(Request::Reload);
        }
        Request::Copy(text) => {
            let copy = crossterm::clipboard::CopyToClipboard::to_clipboard_from(text);
            let _ = crossterm::execute!(std::io::stdout(), copy);
        }
        Request::Export(format, target) => {
            let view = &app.view;
            let options = crate::export::Options::default();
            let content = crate::export::render(view, format, &options);
            app.say(
                match crate::export::write_atomic(&target, &content, &app.view.model) {
                    Ok(()) => format!(
                        "wrote {} ({}, issues as rows, as of the view date)",
                        std::path::absolute(&target)
                            .unwrap_or(target.clone())
                            .display(),
                        format.name()
                    ),
                    Err(e) => format!("export failed: {e}"),
                },
            );
        }
    }
    Ok(())
}

/// Opens the reader on `model`, loaded from `path`, until the user quits. `errors`
/// are the file's errors when `model` is only the part of it that loads: they are
/// shown in the error panel until the file is fixed. `unverified`: the model's quotes
/// still to verify, which is done in the background while the reader is open (cells
/// show `…` until their quotes are found; errors join the panel as they are found).
pub fn run(
    path: PathBuf,
    model: Model,
    errors: Vec<Diagnostic>,
    unverified: Option<Unverified>,
) -> Result<(), Error> {
    // The files as the reader opens on them: a change saved before the watcher is in
    // place (it starts after the first frame) is no event for it, and is read then.
    let opened = watch::Snapshot::take(watch::files_of(&path, Some(&model)));
    let (mut terminal, _guard) = terminal::setup()?;
    let size = terminal.size()?;
    let theme = theme::Theme::from_env();
    let mut app = App::new(model, path, theme, (size.width, size.height));
    app.set_opening_errors(errors);
    app.start_verifying(unverified.as_ref().map_or(0, Unverified::len));
    app.fix_scroll();
    let (tx, rx): (Sender<Msg>, Receiver<Msg>) = mpsc::channel();
    let mut verifying = Verifying {
        generation: 0,
        current: Arc::new(AtomicBool::new(true)),
    };
    let mut reloading = Reloading {
        generation: 0,
        before: None,
    };
    let control = spawn_input(tx.clone());
    let editing = Arc::new(AtomicBool::new(false));
    spawn_signals(tx.clone(), Arc::clone(&editing))?;
    let mut stopped_by = None;
    terminal.draw(|f| draw(f, &app))?;
    // Watching the files starts right after the first frame, not to delay it.
    let mut watcher = rewatch(&app, &tx);
    if opened.changed() {
        let _ = tx.send(Msg::FilesChanged);
    }
    // Verification starts once the first frame is out, not to slow it down.
    if let Some(unverified) = unverified.filter(|u| !u.is_empty()) {
        let (current, generation) = (Arc::clone(&verifying.current), verifying.generation);
        spawn_verify(unverified, tx.clone(), current, generation);
    }
    while !app.quit {
        // Block until something happens, then take everything pending before drawing.
        let mut changed = false;
        let first = rx.recv().map_err(|_| Error::InputClosed)?;
        for msg in std::iter::once(first).chain(rx.try_iter()) {
            match msg {
                Msg::Input(Ok(Event::Paste(text))) => changed |= app.paste(&text),
                Msg::Input(ev) => {
                    if let Some(action) = action_for(&app, &ev?) {
                        changed |= app.update(action);
                    }
                }
                Msg::FilesChanged => {
                    app.request = Some(Request::Reload);
                    changed = true;
                }
                Msg::Signal(sig) => {
                    stopped_by = Some(sig);
                    app.quit = true;
                }
                Msg::Verified(generation, v) => {
                    // Results for a model since replaced by a reload are dropped.
                    if generation == verifying.generation {
                        changed |= app.apply_verified(v);
                    }
                }
                // Only the last reload started is taken in.
                Msg::Reloaded(generation, read) if generation == reloading.generation => {
                    let (loaded, unverified) = *read;
                    let shown = Arc::clone(&app.view.model);
                    app.apply_reload(loaded);
                    changed = true;
                    // A new model is verified in the background, as on opening (the
                    // verification of the one it replaces stops), and watched anew:
                    // its sources may have changed. A model kept because the file
                    // does not load goes on being verified.
                    if !Arc::ptr_eq(&shown, &app.view.model) {
                        verifying.restart(&mut app, unverified, &tx);
                        let loaded = watch::Snapshot::take(watch::files_of(
                            &app.path,
                            Some(&app.view.model),
                        ));
                        watcher = rewatch(&app, &tx).or(watcher);
                        // What changed while the files were read, before the new
                        // watcher was in place, is read again.
                        let before = reloading.before.take();
                        if before.is_some_and(|b| b.changed()) || loaded.changed() {
                            let _ = tx.send(Msg::FilesChanged);
                        }
                    }
                }
                Msg::Reloaded(..) => {}
            }
            match app.request.take() {
                // A reload asked for (by a change on disk, `r`, or the editor's exit).
                Some(Request::Reload) => reloading.start(&app, &tx),
                Some(request) => {
                    perform(&mut app, request, &mut terminal, &control, &editing)?;
                    if matches!(app.request.take(), Some(Request::Reload)) {
                        reloading.start(&app, &tx);
                    }
                }
                None => {}
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
    match stopped_by {
        Some(sig) => Err(Error::Signal(sig)),
        None => Ok(()),
    }
}
