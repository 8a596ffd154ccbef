//! Drawing the reader on ratatui's TestBackend and reading the screen back as text.
#![allow(dead_code)]

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;
use stances::model::{Model, load};
use stances::tui::app::App;
use stances::tui::theme::Theme;
use std::path::{Path, PathBuf};

/// The path of a committed fixture model: `tests/fixtures/NAME/positions.toml`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .join("positions.toml")
}

/// Loads a fixture, which must load without errors.
pub fn model(name: &str) -> Model {
    let loaded = load(&fixture(name));
    loaded
        .model
        .unwrap_or_else(|| panic!("fixture {name} loads: {:#?}", loaded.diagnostics))
}

/// A reader on fixture `name` in a terminal of `w`×`h`.
pub fn app(name: &str, w: u16, h: u16, color: bool) -> App {
    App::new(model(name), fixture(name), Theme { color }, (w, h))
}

/// Draws the whole screen.
pub fn render(app: &App) -> Buffer {
    let (w, h) = app.size;
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| stances::tui::draw(f, app)).unwrap();
    t.backend().buffer().clone()
}

/// The screen as lines of text, trailing spaces removed.
pub fn lines(buf: &Buffer) -> Vec<String> {
    let a = buf.area;
    (0..a.height)
        .map(|y| {
            let mut s = String::new();
            let mut x = 0;
            while x < a.width {
                let sym = buf[(x, y)].symbol();
                s.push_str(sym);
                x += width(sym).max(1);
            }
            s.trim_end().to_string()
        })
        .collect()
}

/// The screen as one text, for snapshots.
pub fn text(buf: &Buffer) -> String {
    lines(buf).join("\n") + "\n"
}

/// Display width of a string.
pub fn width(s: &str) -> u16 {
    use unicode_width::UnicodeWidthStr;
    s.width() as u16
}

/// The screen position of the first occurrence of `needle`.
pub fn find(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
    for (y, line) in lines(buf).iter().enumerate() {
        if let Some(i) = line.find(needle) {
            return Some((width(&line[..i]), y as u16));
        }
    }
    None
}

/// True when the cell at `at` has modifier `m`.
pub fn has_modifier(buf: &Buffer, at: (u16, u16), m: Modifier) -> bool {
    buf[at].modifier.contains(m)
}
