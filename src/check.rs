//! `stances check`: load a positions file and report its diagnostics as text or JSON,
//! or (`--fix`) the corrections of re-anchored quotes as a diff.

use crate::diagnostic::{Diagnostic, summary};
use crate::model::{Loaded, load};
use std::io::Write;
use std::path::Path;

/// What a check found, and the exit status it implies.
pub struct Outcome {
    /// The loaded model and diagnostics.
    pub loaded: Loaded,
    /// 0 when fine, 1 on errors (or warnings under `strict`).
    pub status: i32,
}

/// Loads `path` and decides the exit status.
pub fn run(path: &Path, strict: bool) -> Outcome {
    let loaded = load(path);
    let (errors, warnings) = summary(&loaded.diagnostics);
    let status = i32::from(errors > 0 || (strict && warnings > 0));
    Outcome { loaded, status }
}

/// How many diagnostics one thread formats at a time.
const DIAGNOSTICS_PER_BLOCK: usize = 256;

/// Writes diagnostics as text, followed by a summary line.
pub fn write_text(
    out: &mut dyn Write,
    path: &Path,
    outcome: &Outcome,
    strict: bool,
) -> std::io::Result<()> {
    // Thousands of diagnostics (a model whose sources were corrected) are formatted on
    // every core, in blocks, and written in order.
    let diagnostics = &outcome.loaded.diagnostics;
    let text = crate::par::par_chunks(diagnostics, DIAGNOSTICS_PER_BLOCK, |block| {
        let mut text = String::new();
        for d in block {
            text.push_str(&crate::sanitize::text(&d.to_string()));
            text.push('\n');
        }
        text
    });
    for block in text {
        out.write_all(block.as_bytes())?;
    }
    let (errors, warnings) = summary(&outcome.loaded.diagnostics);
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    let shown = crate::sanitize::path(path);
    match &outcome.loaded.model {
        Some(m) if errors == 0 => {
            let cites: usize = m.positions.iter().map(|p| p.citations.len()).sum();
            let verdict = if strict && warnings > 0 {
                "fails --strict"
            } else {
                "ok"
            };
            writeln!(
                out,
                "{shown}: {verdict}: {}, {}, {}, {}, {}, {} ({})",
                plural(m.parties.len(), "party").replace("partys", "parties"),
                plural(m.issues.len(), "issue"),
                plural(m.sources.len(), "source"),
                plural(m.positions.len(), "position"),
                plural(cites, "citation"),
                plural(warnings, "warning"),
                if warnings == 0 {
                    "all quotes found"
                } else {
                    "see above"
                },
            )
        }
        _ => writeln!(
            out,
            "{shown}: {}, {}",
            plural(errors, "error"),
            plural(warnings, "warning")
        ),
    }
}

/// Writes diagnostics as a JSON array, with the escapes of the JSON export: a control
/// or bidirectional character quoted from a file is written as `\uXXXX`, never raw.
pub fn write_json(out: &mut dyn Write, diagnostics: &[Diagnostic]) -> std::io::Result<()> {
    out.write_all(crate::export::json::pretty(&diagnostics).as_bytes())
}

/// The fixes among `diagnostics` that `check --fix` applies ([`Fix::applies`]: those
/// that change what a quote says only when `allow_meaning_change`), applied to the
/// positions file at `path`, as a unified diff (empty when there is nothing to fix).
/// The file is read again, never written.
///
/// [`Fix::applies`]: crate::diagnostic::Fix::applies
pub fn fix_diff(
    path: &Path,
    diagnostics: &[Diagnostic],
    allow_meaning_change: bool,
) -> Result<String, crate::source::SourceError> {
    let edits: Vec<&crate::diagnostic::Edit> = diagnostics
        .iter()
        .filter_map(|d| d.fix.as_deref())
        .filter(|f| f.applies(allow_meaning_change))
        .flat_map(|f| &f.edits)
        .collect();
    if edits.is_empty() {
        return Ok(String::new());
    }
    let bytes = crate::source::read_regular(path, crate::model::MAX_POSITIONS_BYTES)?;
    let text = crate::source::decode(bytes)?;
    let name = path.file_name().unwrap_or(path.as_os_str());
    Ok(crate::patch::unified(name, &text, &edits))
}

/// What `check --fix` did with the errors of a check, for its closing note.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FixCounts {
    /// Errors whose fix the diff holds.
    pub fixed: usize,
    /// Of those, the fixes that change what the quote says (only with
    /// `--allow-meaning-change`).
    pub meaning_changes: usize,
    /// Errors whose fix changes what the quote says, left out of the diff.
    pub left_out: usize,
    /// Errors with no fix.
    pub unfixed: usize,
}

impl FixCounts {
    /// Counts the errors among `diagnostics` by what `check --fix` does with them.
    pub fn of(diagnostics: &[Diagnostic], allow_meaning_change: bool) -> Self {
        let mut n = FixCounts::default();
        for d in diagnostics.iter().filter(|d| d.is_error()) {
            match d.fix.as_deref() {
                None => n.unfixed += 1,
                Some(f) if !f.applies(allow_meaning_change) => n.left_out += 1,
                Some(f) => {
                    n.fixed += 1;
                    n.meaning_changes += usize::from(f.meaning_change.is_some());
                }
            }
        }
        n
    }

    /// The closing note of `check --fix` (without the `stances: note: ` it is printed
    /// with), given whether the `diff` it printed is empty: how many errors the diff
    /// fixes, how many fixes it leaves out because they change what the quote says (and
    /// how to include them), how many errors have no fix and why.
    pub fn note(&self, diff_is_empty: bool) -> String {
        let FixCounts {
            fixed,
            meaning_changes,
            left_out,
            unfixed,
        } = *self;
        if diff_is_empty && left_out == 0 {
            return "no quote to re-anchor, nothing to fix".into();
        }
        let total = fixed + left_out + unfixed;
        let mut note = format!("the diff on stdout fixes {fixed} of the {total} errors");
        if meaning_changes == 1 {
            note.push_str(
                " (1 of them changes what its quote says, included by --allow-meaning-change)",
            );
        } else if meaning_changes > 1 {
            note.push_str(&format!(
                " ({meaning_changes} of them change what their quotes say, included by --allow-meaning-change)"
            ));
        }
        if left_out > 0 {
            let (fixes, its, them) = if left_out == 1 {
                ("1 fix is".to_string(), "its hint says", "it")
            } else {
                (format!("{left_out} fixes are"), "their hints say", "them")
            };
            note.push_str(&format!(
                "; {fixes} left out: the source now says something different (a negation, a number or a party changed; {its} which): reread the source, then fix {them} by hand or include {them} with --allow-meaning-change"
            ));
        }
        if unfixed > 0 {
            let percent = (crate::source::anchor::THRESHOLD * 100.0).round();
            note.push_str(&format!(
                "; the other {unfixed} have no fix (no run of words of a source is {percent}% alike to their quote, or they are not about a quote's words): their hints say what is wrong"
            ));
        }
        note
    }
}

#[cfg(test)]
mod tests {
    use super::FixCounts;

    fn note(fixed: usize, meaning_changes: usize, left_out: usize, unfixed: usize) -> String {
        let counts = FixCounts {
            fixed,
            meaning_changes,
            left_out,
            unfixed,
        };
        counts.note(fixed == 0)
    }

    #[test]
    fn the_closing_note_counts_what_is_left_out_and_says_how_to_include_it() {
        assert_eq!(note(0, 0, 0, 3), "no quote to re-anchor, nothing to fix");
        assert_eq!(
            note(2, 0, 0, 0),
            "the diff on stdout fixes 2 of the 2 errors"
        );
        assert_eq!(
            note(1, 0, 1, 0),
            "the diff on stdout fixes 1 of the 2 errors; 1 fix is left out: the source now says something different (a negation, a number or a party changed; its hint says which): reread the source, then fix it by hand or include it with --allow-meaning-change"
        );
        assert_eq!(
            note(0, 0, 2, 1),
            "the diff on stdout fixes 0 of the 3 errors; 2 fixes are left out: the source now says something different (a negation, a number or a party changed; their hints say which): reread the source, then fix them by hand or include them with --allow-meaning-change; the other 1 have no fix (no run of words of a source is 85% alike to their quote, or they are not about a quote's words): their hints say what is wrong"
        );
        assert_eq!(
            note(3, 1, 0, 0),
            "the diff on stdout fixes 3 of the 3 errors (1 of them changes what its quote says, included by --allow-meaning-change)"
        );
        assert_eq!(
            note(3, 2, 0, 0),
            "the diff on stdout fixes 3 of the 3 errors (2 of them change what their quotes say, included by --allow-meaning-change)"
        );
    }
}
