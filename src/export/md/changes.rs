//! What changed between two dates as Markdown: `stances diff --format md` and the
//! changes section of `export --since`. Per issue a list of changes, each with the
//! positions before and after as nested items.

use crate::export::escape::md as escape;
use crate::model::Model;
use crate::view::diff::Diff;
use crate::view::diff::words::{change_words, sides_words, span_words, via_words};
use std::fmt::Write;

/// `stances diff --format md`: a heading, the counts, then per issue a list of changes
/// with the positions before and after as nested items.
pub fn diff(model: &Model, diff: &Diff) -> String {
    let mut out = format!(
        "# Changes {}\n\n{}: {}.\n",
        span_words(diff),
        escape(&model.title),
        diff.summary()
    );
    push_changes(model, diff, 2, &mut out);
    out
}

/// The changes of `diff` as Markdown, one heading of level `level` per issue.
pub(super) fn push_changes(model: &Model, diff: &Diff, level: usize, out: &mut String) {
    let hashes = "#".repeat(level);
    for (issue, changes) in diff.by_issue() {
        let _ = write!(out, "\n{hashes} {}\n\n", escape(&model.issues[issue].name));
        for c in changes {
            let party = escape(&model.parties[c.party].name);
            let _ = writeln!(out, "- **{party}** {}.", escape(&change_words(model, c)));
            for side in sides_words(model, c, false) {
                let label = side.label;
                let _ = writeln!(
                    out,
                    "  - {}{}: {} ({})",
                    label[..1].to_uppercase(),
                    &label[1..],
                    escape(&side.summary),
                    escape(&side.facts.join(" · "))
                );
            }
            if !c.via.is_empty() {
                let via: Vec<String> = c.via.iter().map(|&v| via_words(model, v, false)).collect();
                let _ = writeln!(out, "  - In the period: {}", escape(&via.join("; ")));
            }
        }
    }
}
