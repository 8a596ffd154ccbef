//! Styles of the reader, with and without colour (`NO_COLOR`).

use ratatui::style::{Color, Modifier, Style};

/// The styles every view draws with.
#[derive(Clone, Copy, Debug)]
pub struct Theme {
    /// False when `NO_COLOR` is set: only bold, reverse and underline are used.
    pub color: bool,
}

impl Theme {
    /// The theme for this environment: no colour when `NO_COLOR` is set and not empty.
    pub fn from_env() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme { color: !no_color }
    }

    fn pick(self, colored: Style, plain: Style) -> Style {
        if self.color { colored } else { plain }
    }

    /// Plain text.
    pub fn text(&self) -> Style {
        Style::default()
    }

    /// Secondary text (dates, labels).
    pub fn dim(&self) -> Style {
        self.pick(Style::default().fg(Color::DarkGray), Style::default())
    }

    /// Headings and headers.
    pub fn heading(&self) -> Style {
        self.pick(
            Style::default()
                .fg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            Style::default().add_modifier(Modifier::BOLD),
        )
    }

    /// The selected cell or item: reverse video works without colour.
    pub fn selected(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    /// The status bar.
    pub fn status(&self) -> Style {
        self.pick(
            Style::default().fg(Color::Black).bg(Color::Gray),
            Style::default().add_modifier(Modifier::REVERSED),
        )
    }

    /// A sentence that holds the cited quote.
    pub fn sentence(&self) -> Style {
        self.pick(
            Style::default().fg(Color::White).bg(Color::Rgb(40, 40, 80)),
            Style::default().add_modifier(Modifier::UNDERLINED),
        )
    }

    /// The quoted words themselves.
    pub fn quote(&self) -> Style {
        self.pick(
            Style::default()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        )
    }

    /// Another position's quote in the sentence under the cursor, when the source was
    /// opened from a position: bold and underlined on no background, so that it reads
    /// apart from [`Theme::quote`] (highlighted: reversed without colour) and from the
    /// sentence around it, with colour or without.
    pub fn other_quote(&self) -> Style {
        let marked = Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
        self.pick(marked.fg(Color::Yellow), marked)
    }

    /// Other cited sentences in a source.
    pub fn other_cited(&self) -> Style {
        self.pick(
            Style::default()
                .fg(Color::LightYellow)
                .add_modifier(Modifier::UNDERLINED),
            Style::default().add_modifier(Modifier::UNDERLINED),
        )
    }

    /// Search matches.
    pub fn matched(&self) -> Style {
        self.pick(
            Style::default().fg(Color::Black).bg(Color::LightGreen),
            Style::default().add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
        )
    }

    /// Errors in the status bar and the error panel.
    pub fn error(&self) -> Style {
        self.pick(
            Style::default()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD),
            Style::default().add_modifier(Modifier::BOLD | Modifier::REVERSED),
        )
    }

    /// The colour of step `step` of a scale of `len` steps: one pole blue, the other orange.
    pub fn stance(&self, step: usize, len: usize) -> Style {
        const RAMP: [Color; 5] = [
            Color::Rgb(70, 130, 220),
            Color::Rgb(90, 170, 200),
            Color::Rgb(170, 170, 170),
            Color::Rgb(230, 160, 60),
            Color::Rgb(220, 90, 40),
        ];
        if !self.color {
            return Style::default();
        }
        let i = if len <= 1 {
            0
        } else {
            step * (RAMP.len() - 1) / (len - 1)
        };
        Style::default().fg(RAMP[i.min(RAMP.len() - 1)])
    }
}
