//! Edits to a text shown as a unified diff (what `check --fix` prints; the file itself
//! is never written). The diff is the `similar` crate's.

use crate::diagnostic::Edit;
use std::ffi::OsStr;

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
/// it; empty when nothing changes. `name` (the file's name as the system holds it) is
/// written in the headers as git writes it: see [`header_name`].
pub fn unified(name: &OsStr, text: &str, edits: &[&Edit]) -> String {
    let (new, _) = apply(text, edits);
    if new == text {
        return String::new();
    }
    let bytes = name.as_encoded_bytes();
    similar::TextDiff::from_lines(text, &new)
        .unified_diff()
        .context_radius(CONTEXT)
        .header(&header_name("a/", bytes), &header_name("b/", bytes))
        .to_string()
}

/// `prefix` and the file name `name` as a header of a unified diff names them, so that
/// GNU `patch` and `git apply` both find the file: as it is when it is plain text
/// (letters, digits, ASCII punctuation, inner spaces); followed by a tab when it holds
/// a space, as git writes it (`patch` would read the name only to the first space);
/// otherwise in double quotes with C escapes (`\n`, `\t`, `\"`, `\\`, octal for the
/// other control characters and for every byte past ASCII), as git quotes names, so
/// that a name holding a newline and one holding a backslash and an `n` differ, and no
/// control character reaches the terminal.
pub fn header_name(prefix: &str, name: &[u8]) -> String {
    let plain = std::str::from_utf8(name).ok().filter(|s| {
        !s.is_empty()
            && !s.starts_with(' ')
            && !s.ends_with(' ')
            && s.chars().all(|c| {
                (c.is_ascii_graphic() && c != '"' && c != '\\')
                    || c == ' '
                    || (!c.is_ascii() && c.is_alphanumeric())
            })
    });
    if let Some(s) = plain {
        let tab = if s.contains(' ') { "\t" } else { "" };
        return format!("{prefix}{s}{tab}");
    }
    let mut out = format!("\"{prefix}");
    for &b in name {
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\t' => out.push_str("\\t"),
            b'\r' => out.push_str("\\r"),
            0x07 => out.push_str("\\a"),
            0x08 => out.push_str("\\b"),
            0x0b => out.push_str("\\v"),
            0x0c => out.push_str("\\f"),
            0x20..=0x7e => out.push(char::from(b)),
            _ => out.push_str(&format!("\\{b:03o}")),
        }
    }
    out.push('"');
    out
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
            unified(OsStr::new("p.toml"), text, &[&e]),
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
        let d = unified(OsStr::new("p"), &text, &[&b, &a]);
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
            unified(OsStr::new("p"), text, &[&e]),
            "--- a/p\n+++ b/p\n@@ -1,3 +1 @@\n-k = '''\n-x\n-y'''\n\\ No newline at end of file\n+k = \"x y\"\n\\ No newline at end of file\n"
        );
        assert_eq!(unified(OsStr::new("p"), text, &[]), "");
        let bad = Edit {
            range: 5..99,
            text: "z".into(),
        };
        assert_eq!(unified(OsStr::new("p"), text, &[&bad]), "");
    }

    #[test]
    fn file_names_are_written_as_git_writes_them() {
        let h = |name: &[u8]| header_name("a/", name);
        assert_eq!(h(b"positions.toml"), "a/positions.toml");
        assert_eq!(h("pos\u{e9}.toml".as_bytes()), "a/pos\u{e9}.toml");
        assert_eq!(h(b"my positions.toml"), "a/my positions.toml\t");
        // A newline and a backslash before an `n` are told apart.
        assert_eq!(h(b"a\nb.toml"), r#""a/a\nb.toml""#);
        assert_eq!(h(b"a\\nb.toml"), r#""a/a\\nb.toml""#);
        assert_eq!(h(b"q\"d\tx\x01\x7f"), r#""a/q\"d\tx\001\177""#);
        // A space at an end, U+2028 and a byte that is not UTF-8.
        assert_eq!(h(b"p.toml "), r#""a/p.toml ""#);
        assert_eq!(h("p\u{2028}".as_bytes()), r#""a/p\342\200\250""#);
        assert_eq!(h(b"p\xff"), r#""a/p\377""#);
    }
}
