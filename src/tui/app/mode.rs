//! What the reader is doing besides showing a screen: typing a line (a search, an
//! export path, a filter) or showing a popup, one at a time; and what the status bar's
//! one-off message is about.

use std::fmt;
use std::ops::Deref;
use tui_input::Input;

/// A box of text shown over the view until the next key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Popup {
    /// Its title.
    pub title: String,
    /// Its text.
    pub body: String,
}

/// The export prompt: where to write the current view, and in which format.
#[derive(Clone, Debug)]
pub struct ExportPrompt {
    /// The format; a known extension typed in the path decides it.
    pub format: crate::export::Format,
    /// The path being typed, with its cursor.
    pub path: Input,
    /// Set once the user was told that the file exists: Enter again overwrites it.
    pub confirm_overwrite: bool,
}

/// What keys do besides moving on the screen shown.
#[derive(Clone, Debug, Default)]
pub enum Mode {
    /// Keys act on the screen.
    #[default]
    Normal,
    /// A search is being typed.
    Search(Input),
    /// The path to export to is being typed.
    Export(ExportPrompt),
    /// A filter is being typed.
    Filter(Input),
    /// A popup is shown until the next key.
    Popup(Popup),
}

impl Mode {
    /// The line being typed, when one is.
    pub fn input_mut(&mut self) -> Option<&mut Input> {
        match self {
            Mode::Search(input) | Mode::Filter(input) => Some(input),
            Mode::Export(prompt) => Some(&mut prompt.path),
            Mode::Normal | Mode::Popup(_) => None,
        }
    }

    /// True while a line is being typed: keys edit it.
    pub fn typing(&self) -> bool {
        matches!(self, Mode::Search(_) | Mode::Export(_) | Mode::Filter(_))
    }
}

/// What a status-bar message is about, for what later events do with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum About {
    /// Nothing that changes by itself.
    Other,
    /// That quotes are still being verified: it goes once they are.
    Verifying,
    /// That the file was reloaded: verification may add how many quotes failed.
    Reloaded,
}

/// A one-off message for the status bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// What it says.
    pub text: String,
    /// What it is about.
    pub about: About,
}

impl Message {
    /// A message about `about`.
    pub fn new(text: String, about: About) -> Self {
        Message { text, about }
    }

    /// The message after a reload that took the new version in.
    pub fn reloaded() -> Self {
        Message::new("reloaded".into(), About::Reloaded)
    }
}

impl From<String> for Message {
    fn from(text: String) -> Self {
        Message::new(text, About::Other)
    }
}

impl Deref for Message {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}
