//! Diagnostics: an error or warning tied to a file, line and column.

use crate::sanitize::escape;
use serde::Serialize;
use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The model is usable; `--strict` still fails.
    Warning,
    /// The model cannot be used.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One finding about a positions file or one of its sources.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file the finding is in, as the user named it.
    pub file: PathBuf,
    /// 1-based line, when the finding has a place in the file.
    pub line: Option<usize>,
    /// 1-based column in characters, when the finding has a place.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when there is something useful to say (may hold several lines).
    pub hint: Option<String>,
    /// A correction that can be applied, when one is known (a quote re-anchored in a
    /// changed source). Left out of the JSON when there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<Box<Fix>>,
}

/// A quote's replacement: the text its source now has where the quote most likely was.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// The text to cite instead, as the source has it (white space runs as one space).
    pub quote: String,
    /// How alike the old quote and the new text are, 0 to 1 in hundredths.
    #[serde(serialize_with = "hundredths")]
    pub similarity: u8,
    /// The other source the text is in, when it is not the one cited.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// What the new text changes in what the quote says, when it changes something
    /// (the first of a negation, a number, a named party: see [`crate::source::meaning`]).
    /// Such a fix is no routine correction: `check --fix` leaves it out of its diff
    /// unless `--allow-meaning-change` is given. Left out of the JSON when there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meaning_change: Option<crate::source::meaning::Change>,
    /// The edits to positions.toml that apply the fix (byte ranges and new text).
    #[serde(skip)]
    pub edits: Vec<Edit>,
    /// Where the text is: the source and the byte range in its text, for showing the
    /// orphaned citation.
    #[serde(skip)]
    pub found: (crate::id::SourceId, std::ops::Range<usize>),
    /// 1-based line of the `[[position]]` the citation belongs to.
    #[serde(skip)]
    pub position_line: usize,
}

/// Replace the bytes `range` of the positions file with `text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    /// Byte range in the positions file.
    pub range: std::ops::Range<usize>,
    /// What goes there.
    pub text: String,
}

impl Fix {
    /// Whether `check --fix` applies this fix: always when it changes nothing of what
    /// the quote says, else only when the meaning change is `allowed`.
    pub fn applies(&self, allowed: bool) -> bool {
        allowed || self.meaning_change.is_none()
    }

    /// The command whose diff holds this fix: `stances check --fix`, with
    /// `--allow-meaning-change` when the fix changes what the quote says.
    pub fn command(&self) -> &'static str {
        if self.applies(false) {
            "stances check --fix"
        } else {
            "stances check --fix --allow-meaning-change"
        }
    }
}

// serde's `serialize_with` hands the field by reference.
#[allow(clippy::trivially_copy_pass_by_ref)]
fn hundredths<S: serde::Serializer>(v: &u8, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(f64::from(*v) / 100.0)
}

impl Diagnostic {
    /// A diagnostic about a whole file, with no line or column.
    pub fn file_level(severity: Severity, file: &Path, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            file: file.to_path_buf(),
            line: None,
            column: None,
            message: message.into(),
            hint: None,
            fix: None,
        }
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    /// `FILE:LINE:COLUMN: error: message`, then indented `hint:` lines. The file name,
    /// the message and each hint line are [`escape`]d: a line break or an escape
    /// sequence in an echoed value cannot start a line of its own or reach the terminal.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", crate::sanitize::path(&self.file))?;
        if let (Some(line), Some(column)) = (self.line, self.column) {
            write!(f, ":{line}:{column}")?;
        }
        write!(f, ": {}: {}", self.severity, escape(&self.message))?;
        if let Some(hint) = &self.hint {
            for line in hint.lines() {
                write!(f, "\n    hint: {}", escape(line))?;
            }
        }
        Ok(())
    }
}

/// Maps byte offsets of a text to 1-based line and column (columns count characters).
///
/// Line starts are kept as `u32`, 4 bytes a line: positions.toml is at most 16 MiB. On a
/// text over 4 GiB every line past that point would count as the last one (no panic).
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<u32>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        // Counted first, so that the list is made once at its length.
        let mut starts = Vec::with_capacity(memchr::memchr_iter(b'\n', bytes).count() + 1);
        starts.push(0);
        starts.extend(
            memchr::memchr_iter(b'\n', bytes).map(|i| u32::try_from(i + 1).unwrap_or(u32::MAX)),
        );
        LineIndex { starts }
    }

    /// The 1-based line of byte `offset`.
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s as usize <= offset)
    }

    /// The 1-based (line, column) of byte `offset` in `text` (the text this index was built on).
    pub fn locate(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s as usize <= offset) - 1;
        let start = self.starts[line] as usize;
        let column = text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line + 1, column + 1)
    }
}

/// Counts errors and warnings for a summary line.
pub fn summary(diagnostics: &[Diagnostic]) -> (usize, usize) {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    (errors, diagnostics.len() - errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_lines_and_character_columns() {
        let text = "ab\ncé d\n\nx";
        let idx = LineIndex::new(text);
        assert_eq!(idx.locate(text, 0), (1, 1));
        assert_eq!(idx.locate(text, 3), (2, 1));
        assert_eq!(idx.locate(text, text.find('d').unwrap()), (2, 4));
        assert_eq!(idx.locate(text, text.find('x').unwrap()), (4, 1));
        assert_eq!(idx.locate(text, 999), (4, 2));
    }

    #[test]
    fn renders_location_and_hints() {
        let d = Diagnostic {
            severity: Severity::Error,
            file: "p.toml".into(),
            line: Some(3),
            column: Some(9),
            message: "unknown party `usa`".into(),
            hint: Some("did you mean `us`?\nknown parties: us, ru".into()),
            fix: None,
        };
        assert_eq!(
            d.to_string(),
            "p.toml:3:9: error: unknown party `usa`\n    hint: did you mean `us`?\n    hint: known parties: us, ru"
        );
    }

    #[test]
    fn echoed_values_cannot_forge_a_line() {
        let d = Diagnostic {
            severity: Severity::Warning,
            file: "a\x1b]0;t\x07/p.toml".into(),
            line: Some(1),
            column: Some(2),
            message: "unknown party `x\npositions.toml:1:1: error: FORGED`".into(),
            hint: Some("try `y\rz`\nor \u{9b}2J".into()),
            fix: None,
        };
        assert_eq!(
            d.to_string(),
            "a\\u{1b}]0;t\\u{7}/p.toml:1:2: warning: unknown party `x\\npositions.toml:1:1: error: FORGED`\n    hint: try `y\\rz`\n    hint: or \\u{9b}2J"
        );
    }
}
