//! The reader's vocabulary: its screens, the actions that change its state, and the
//! input/output requests that `update` leaves for the event loop. Plain types, so that
//! the keymap, the layout and the state can all use them without importing each other.

use std::path::PathBuf;

/// The screens of the reader, stacked: `Esc` goes back to the one below.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    /// The issue × party grid.
    Grid,
    /// One cell: position, history, citations.
    Detail,
    /// A source text with the cited sentence highlighted.
    Source,
    /// Every key.
    Help,
    /// The list of sources, for curators.
    Sources,
    /// One issue over time: parties as rows, the file's dates as columns.
    Timeline,
    /// The spectrum of one issue: each party's stance and range, zone or gap.
    Spectrum,
    /// The party × party table of distances.
    Matrix,
    /// Two parties side by side, issue by issue.
    Pair,
}

/// Work the event loop must do outside the pure state: input/output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Request {
    /// Load the positions file again.
    Reload,
    /// Open the editor on the positions file, at this place.
    Edit(EditAt),
    /// Put this text on the clipboard (OSC 52).
    Copy(String),
    /// Write an export of the current view.
    Export(crate::export::Format, PathBuf),
}

/// Everything that can change the state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Move or scroll up.
    Up,
    /// Move or scroll down.
    Down,
    /// Move left.
    Left,
    /// Move right.
    Right,
    /// One page up.
    PageUp,
    /// One page down.
    PageDown,
    /// To the top.
    Top,
    /// To the bottom.
    Bottom,
    /// Open what is selected.
    Open,
    /// Back one level.
    Back,
    /// Quit (from the grid).
    Quit,
    /// Quit from anywhere.
    ForceQuit,
    /// Show the keys.
    Help,
    /// Swap rows and columns of the grid.
    Transpose,
    /// Wrap long summaries in the grid.
    ToggleWrap,
    /// View date one step earlier.
    PrevDate,
    /// View date one step later.
    NextDate,
    /// Show the timeline of the selected issue.
    Timeline,
    /// Mark the view date as the base to compare with, or clear the base.
    ToggleBase,
    /// Start typing a search.
    Search,
    /// Next search match.
    NextMatch,
    /// Previous search match.
    PrevMatch,
    /// Next citation (detail) or cited sentence (source).
    NextItem,
    /// Previous citation or cited sentence.
    PrevItem,
    /// Mouse wheel up.
    ScrollUp,
    /// Mouse wheel down.
    ScrollDown,
    /// Mouse click at a column and row of the terminal.
    Click(u16, u16),
    /// The terminal has a new size.
    Resize(u16, u16),
    /// A character typed into the search or export line.
    InputChar(char),
    /// An edit of the search or export line: cursor moves, deletions.
    InputEdit(tui_input::InputRequest),
    /// Enter in the search line.
    InputSubmit,
    /// Esc in the search line.
    InputCancel,
    /// Reload the positions file by hand.
    Reload,
    /// Edit the positions file at the selected position.
    Edit,
    /// List the sources.
    ListSources,
    /// Copy the sentence under the cursor as a citation block.
    Copy,
    /// Export the current view.
    Export,
    /// Open the spectrum of the selected issue.
    Spectrum,
    /// Open the party × party table.
    Matrix,
    /// Show or hide the evidence line in grid cells.
    ToggleEvidence,
    /// Open the filter prompt.
    Filter,
}

/// Where the editor opens the positions file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditAt {
    /// At this 1-based line.
    Line(usize),
    /// At its last line (nothing selected to edit: add to the end).
    End,
}
