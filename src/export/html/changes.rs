//! The changes since an earlier date as a section of the HTML page (`export --since`):
//! per issue a list of changes in words, each with the positions before and after.

use crate::export::escape::html as esc;
use crate::model::Model;
use crate::view::diff::Diff;
use crate::view::diff::words::{change_words, sides_words, via_words};
use std::fmt::Write;

/// The changes of `diff` as an HTML `<section>` headed "Changes since D".
pub fn section(model: &Model, diff: &Diff) -> String {
    let mut out = String::from("<section aria-labelledby=\"changes\">\n<h2 id=\"changes\">");
    match diff.from {
        Some(d) => {
            let _ = writeln!(out, "Changes since <time datetime=\"{d}\">{d}</time></h2>");
        }
        None => out.push_str("Changes</h2>\n"),
    }
    let _ = writeln!(out, "<p>{}.</p>", esc(&diff.summary()));
    for (issue, changes) in diff.by_issue() {
        let _ = writeln!(
            out,
            "<h3>{}</h3>\n<ul class=\"changes\">",
            esc(&model.issues[issue].name)
        );
        for c in changes {
            let _ = writeln!(
                out,
                "<li><p><strong>{}</strong> {}.</p>",
                esc(&model.parties[c.party].name),
                esc(&change_words(model, c))
            );
            for side in sides_words(model, c, false) {
                let _ = writeln!(
                    out,
                    "<p class=\"{label}\">{label}: <span dir=\"auto\">{}</span> <span class=\"meta\">({})</span></p>",
                    esc(&side.summary),
                    esc(&side.facts.join(" · ")),
                    label = side.label
                );
            }
            if !c.via.is_empty() {
                out.push_str("<p class=\"via\">In the period:</p>\n<ol class=\"via\">\n");
                for &v in &c.via {
                    let _ = writeln!(out, "<li>{}</li>", esc(&via_words(model, v, false)));
                }
                out.push_str("</ol>\n");
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
    out
}
