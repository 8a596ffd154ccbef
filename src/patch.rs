//! Edits to a text shown as a unified diff (what `check --fix` prints; the file itself
//! is never written). The diff is the `similar` crate's.

use crate::diagnostic::Edit;

/// Lines of context around each change.
const CONTEXT: usize = 3;

/// `text` with `edits` applied. Edits are taken in order of their start; one that
/// overlaps an earlier one, reaches past the end or cuts a character is left out.
/// Returns the new text and the edits that were applied.
pub fn apply<'a>(text: &str, edits: &[&'a Edit]) -> (String, Vec<&'a Edit>) {
    let mut sorted: Vec<&Edit> = edits.to_vec();
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len());
    let mut applied = Vec::new();
    let mut at = 0;
    for e in sorted {
        let r = &e.range;
        if r.start < at
            || r.start > r.end
            || r.end > text.len()
            || !text.is_char_boundary(r.start)
            || !text.is_char_boundary(r.end)
        {
            continue;
        }
        out.push_str(&text[at..r.start]);
        out.push_str(&e.text);
        at = r.end;
        applied.push(e);
    }
    out.push_str(&text[at..]);
    (out, applied)
}

/// A unified diff (`--- a/NAME`, `+++ b/NAME`, `@@` hunks with three lines of
/// context) from `text` to `text` with `edits` applied, as the `similar` crate writes
/// it; empty when nothing changes.
pub fn unified(name: &str, text: &str, edits: &[&Edit]) -> String {
    let (new, _) = apply(text, edits);
    if new == text {
        return String::new();
    }
    similar::TextDiff::from_lines(text, &new)
        .unified_diff()
        .context_radius(CONTEXT)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(text: &str, old: &str, new: &str) -> Edit {
        let at = text.find(old).unwrap();
        Edit {
            range: at..at + old.len(),
            text: new.into(),
        }
    }

    #[test]
    fn one_line_changed_with_context() {
        let text = "a\nb\nc\nquote = \"x\"\nd\ne\nf\ng\n";
        let e = edit(text, "\"x\"", "\"y\"");
        assert_eq!(
            unified("p.toml", text, &[&e]),
            "--- a/p.toml\n+++ b/p.toml\n@@ -1,7 +1,7 @@\n a\n b\n c\n-quote = \"x\"\n+quote = \"y\"\n d\n e\n f\n"
        );
    }

    #[test]
    fn far_apart_changes_make_two_hunks_and_line_counts_follow() {
        let mut text = String::new();
        for i in 1..=20 {
            text.push_str(&format!("l{i}\n"));
        }
        let a = edit(&text, "l2\n", "l2a\nl2b\n");
        let b = edit(&text, "l15", "L15");
        let d = unified("p", &text, &[&b, &a]);
        assert!(
            d.contains("@@ -1,5 +1,6 @@\n l1\n-l2\n+l2a\n+l2b\n l3\n"),
            "{d}"
        );
        assert!(
            d.contains("@@ -12,7 +13,7 @@\n l12\n l13\n l14\n-l15\n+L15\n l16\n"),
            "{d}"
        );
    }

    #[test]
    fn a_multi_line_value_and_no_final_newline() {
        let text = "k = '''\nx\ny'''";
        let e = edit(text, "'''\nx\ny'''", "\"x y\"");
        assert_eq!(
            unified("p", text, &[&e]),
            "--- a/p\n+++ b/p\n@@ -1,3 +1 @@\n-k = '''\n-x\n-y'''\n\\ No newline at end of file\n+k = \"x y\"\n\\ No newline at end of file\n"
        );
        assert_eq!(unified("p", text, &[]), "");
        let bad = Edit {
            range: 5..99,
            text: "z".into(),
        };
        assert_eq!(unified("p", text, &[&bad]), "");
    }
}
