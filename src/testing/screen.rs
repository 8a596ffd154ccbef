//! The reader drawn on ratatui's `TestBackend`, and the screen read back as text.

use super::fixtures::{fixture, fixture_model};
use crate::tui::app::App;
use crate::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;
use unicode_width::UnicodeWidthStr;

/// A reader on fixture `name` in a terminal of `w`×`h`.
pub fn app(name: &str, w: u16, h: u16, color: bool) -> App {
    App::new(fixture_model(name), fixture(name), Theme { color }, (w, h))
}

/// Draws the whole screen.
///
/// # Panics
/// When the test backend cannot draw (it always can).
pub fn render(app: &App) -> Buffer {
    let (w, h) = app.size;
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("a test terminal");
    t.draw(|f| crate::tui::draw(f, app)).expect("a frame");
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

/// Display width of a string, in columns.
pub fn width(s: &str) -> u16 {
    u16::try_from(s.width()).unwrap_or(u16::MAX)
}

/// The screen position of the first occurrence of `needle`.
pub fn find(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
    for (y, line) in lines(buf).iter().enumerate() {
        if let Some(i) = line.find(needle) {
            return Some((width(&line[..i]), u16::try_from(y).ok()?));
        }
    }
    None
}

/// True when the cell at `at` has modifier `m`.
pub fn has_modifier(buf: &Buffer, at: (u16, u16), m: Modifier) -> bool {
    buf[at].modifier.contains(m)
}
