//! The text of the error panel, word-wrapped: measured by the layout (how tall the
//! panel is) and drawn by the panel.

use crate::diagnostic::Diagnostic;
use crate::sanitize::one_line;
use crate::wrap::fit;
use std::path::Path;
use unicode_width::UnicodeWidthStr;

/// Which version of positions.toml the reader shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShownVersion {
    /// The file as it is on disk, resolved whole: its errors, if any, are quotes that
    /// do not match their sources.
    Current,
    /// The last version that resolved whole, while the file on disk does not load
    /// (the quotes of it not found stay listed after the file's errors).
    LastGood,
    /// The parts of a file that has never loaded whole since the reader opened.
    Parts,
}

/// What the reader shows while the file on disk does not load.
pub fn showing(shown: ShownVersion) -> &'static str {
    match shown {
        ShownVersion::Current | ShownVersion::LastGood => "showing the last good version",
        ShownVersion::Parts => "showing the parts of it that load (it has not loaded whole yet)",
    }
}

/// What the error panel is about: the file and the model shown.
pub struct Subject<'a> {
    /// positions.toml.
    pub path: &'a Path,
    /// Which version of it is shown.
    pub shown: ShownVersion,
}

/// The error panel's title: how many errors; that the file does not load and what is
/// shown meanwhile, or that only quotes failed.
fn title(subject: &Subject, errors: usize) -> String {
    let path = crate::sanitize::path(subject.path);
    if subject.shown == ShownVersion::Current {
        format!(
            " {path}: {errors} quote(s) do not match their sources — fix them and save; the rest is shown"
        )
    } else {
        format!(
            " {path} does not load ({errors} error(s)) — fix it and save; {}",
            showing(subject.shown)
        )
    }
}

/// Why the reader does not export what it shows while the file has `errors` errors:
/// `stances export` refuses such a file, and the reader does the same rather than write
/// a report that leaves the failing citations out without a word. A line for the status
/// bar and the text of a popup.
pub fn export_refusal(subject: &Subject, errors: usize) -> (String, String) {
    let path = crate::sanitize::path(subject.path);
    let what = if subject.shown == ShownVersion::Current {
        format!("{errors} quote(s) do not match their sources")
    } else {
        format!("{path} does not load ({errors} error(s))")
    };
    let line = format!("export refused: {what} — `stances check {path}` lists them");
    let popup = format!(
        "Not exported: {what}.\n\
         `stances export` refuses to export such a file, and so does the reader: \
         a report would leave the failing citations out without a word.\n\
         `stances check {path}` lists them; fix them and save, then export again."
    );
    (line, popup)
}

/// The error panel in full, word-wrapped to `width`: the title, then each diagnostic
/// and its hint lines, indented. Nothing is cut mid-word; the panel needs this many
/// rows to show everything. Diagnostics stop being added once there are more than
/// `at_most` rows (a panel that tall is not drawn in full).
pub fn error_rows(
    subject: &Subject,
    errors: &[Diagnostic],
    width: usize,
    at_most: usize,
) -> Vec<String> {
    let mut rows = wrap_indented(&title(subject, errors.len()), width, "", " ");
    for d in errors {
        if rows.len() > at_most {
            break;
        }
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

/// One row per diagnostic, its hint after it, ended at a word (for a short panel),
/// in `height` rows: when the errors do not all fit, the last row says how many more
/// there are and where to see them.
pub fn compact_rows(
    subject: &Subject,
    errors: &[Diagnostic],
    width: usize,
    height: usize,
) -> Vec<String> {
    let mut rows = vec![fit_words(&title(subject, errors.len()), width)];
    let room = height.saturating_sub(1);
    let shown = if errors.len() > room {
        room.saturating_sub(1)
    } else {
        errors.len()
    };
    for d in &errors[..shown] {
        rows.push(fit_words(
            &one_line(&d.to_string().replace('\n', " ")),
            width,
        ));
    }
    if shown < errors.len() {
        rows.push(fit_words(
            &format!(
                "… and {} more: `stances check {}` lists them all",
                errors.len() - shown,
                crate::sanitize::path(subject.path)
            ),
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
