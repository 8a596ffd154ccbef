//! `stances check`: load a positions file and report its diagnostics as text or JSON.

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

/// The fixes among `diagnostics` applied to the positions file at `path`, as a unified
/// diff (empty when there is nothing to fix). The file is read again, never written.
pub fn fix_diff(
    path: &Path,
    diagnostics: &[Diagnostic],
) -> Result<String, crate::source::SourceError> {
    let edits: Vec<&crate::diagnostic::Edit> = diagnostics
        .iter()
        .filter_map(|d| d.fix.as_deref())
        .flat_map(|f| &f.edits)
        .collect();
    if edits.is_empty() {
        return Ok(String::new());
    }
    let bytes = crate::source::read_regular(path, crate::model::MAX_POSITIONS_BYTES)?;
    let text = crate::source::decode(bytes)?;
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    Ok(crate::patch::unified(
        &crate::sanitize::escape(&name),
        &text,
        &edits,
    ))
}
