//! Boxes drawn over the views: the error panel of a broken positions file, and popups.

use super::app::App;
use crate::model::Model;
use crate::sanitize::one_line;
use crate::wrap::fit;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

/// What the reader shows while the file on disk does not load: the last good
/// version, or, when the file never loaded whole, the part of it that resolved.
pub fn showing(model: &Model) -> &'static str {
    if model.partial {
        "showing the parts of it that load (it has not loaded whole yet)"
    } else {
        "showing the last good version"
    }
}

/// The error panel's title: the file does not load, and what is shown meanwhile.
fn title(app: &App) -> String {
    format!(
        " {} does not load — fix it and save; {}",
        crate::sanitize::path(&app.path),
        showing(&app.model)
    )
}

/// The error panel in full, word-wrapped to `width`: the title, then each diagnostic
/// and its hint lines, indented. Nothing is cut mid-word; the panel needs this many
/// rows to show everything.
pub fn error_rows(app: &App, width: usize) -> Vec<String> {
    let mut rows = wrap_indented(&title(app), width, "", " ");
    for d in &app.errors {
        let mut plain = d.clone();
        plain.hint = None;
        rows.extend(wrap_indented(
            &one_line(&plain.to_string()),
            width,
            "",
            "  ",
        ));
        for hint in d.hint.iter().flat_map(|h| h.lines()) {
            let hint = one_line(&crate::sanitize::escape(hint));
            rows.extend(wrap_indented(&hint, width, "  hint: ", "        "));
        }
    }
    rows
}

/// One row per diagnostic, its hint after it, ended at a word (for a short panel).
fn compact_rows(app: &App, width: usize) -> Vec<String> {
    let mut rows = vec![fit_words(&title(app), width)];
    for d in &app.errors {
        rows.push(fit_words(
            &one_line(&d.to_string().replace('\n', " ")),
            width,
        ));
    }
    rows
}

/// `s` cut after the last whole word that fits `width` columns, marked ` …`.
fn fit_words(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let room = width.saturating_sub(2);
    let mut out = String::new();
    for word in s.split(' ') {
        let sep = usize::from(!out.is_empty());
        if out.width() + sep + word.width() > room {
            break;
        }
        if sep == 1 {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        return fit(s, width);
    }
    format!("{out} …")
}

/// Word-wraps `text` to `width` columns: the first line after `first`, the rest after `rest`.
fn wrap_indented(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    let room = width.saturating_sub(rest.width()).max(1);
    let mut out: Vec<String> = Vec::new();
    for (i, line) in crate::wrap::lines(&format!("{first}{text}"), room)
        .into_iter()
        .enumerate()
    {
        out.push(if i == 0 {
            line
        } else {
            format!("{rest}{line}")
        });
    }
    out
}

/// The error panel: [`error_rows`] when they fit `area`; else one row per
/// diagnostic, each ended at a whole word.
pub fn draw_errors(frame: &mut Frame, app: &App, area: Rect) {
    if area.height == 0 || app.errors.is_empty() {
        return;
    }
    let theme = app.theme;
    let width = usize::from(area.width);
    let mut rows = error_rows(app, width);
    if rows.len() > usize::from(area.height) {
        rows = compact_rows(app, width);
    }
    let lines: Vec<Line> = rows
        .into_iter()
        .enumerate()
        .map(|(i, row)| {
            let row = fit(&row, width);
            if i == 0 {
                Line::styled(row, theme.error())
            } else {
                Line::raw(row)
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// A popup box (e.g. a copied citation block) in the middle of `area`.
pub fn draw_popup(frame: &mut Frame, app: &App, area: Rect) {
    let Some((title, body)) = &app.popup else {
        return;
    };
    let w = area.width.saturating_sub(2);
    let lines: Vec<Line> = body
        .lines()
        .map(|l| Line::raw(crate::sanitize::text(l)))
        .collect();
    let h = (lines.len() as u16 + 4).min(area.height);
    if w < 4 || h < 3 {
        return;
    }
    let rect = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    );
    frame.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(one_line(title));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        rect,
    );
}
