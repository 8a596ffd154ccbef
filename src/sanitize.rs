//! Keeping text from positions files and sources from acting on a terminal or a
//! document: the one place that decides which characters are unsafe.
//!
//! Control characters (C0, DEL, C1: escape sequences start with them), bidirectional
//! embeddings, overrides, isolates and marks (they reorder what is shown), and
//! noncharacters all become U+FFFD. Line breaks are normalized to `\n`.
//!
//! Values echoed inside a line of output (a diagnostic, a summary line, a path in an
//! error) are [`escape`]d instead: a line break or an escape sequence in an id or a
//! file name shows as `\n` or `\u{1b}`, so it can neither start a forged line nor
//! act on the terminal.

use std::path::Path;

/// True for characters that must never be shown or written raw. Callers decide about
/// `\n` and `\t` before asking (both are controls).
pub fn is_unsafe(c: char) -> bool {
    let u = c as u32;
    c.is_control()
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
        || (0xFDD0..=0xFDEF).contains(&u)
        || u & 0xFFFE == 0xFFFE
}

/// True for the characters other than `\n` that end a line or a paragraph: carriage
/// return, vertical tab, form feed, NEL (U+0085), and the line and paragraph separators
/// U+2028 and U+2029. A terminal may move the cursor on one, or draw it at a width of
/// its own, leaving stale characters on screen: they are shown as line breaks.
pub fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// For documents: line breaks (`\r\n` and each of [`is_line_break`]) become `\n`,
/// `\n` and tabs are kept, every other unsafe character becomes U+FFFD.
pub fn clean(s: &str) -> String {
    s.replace("\r\n", "\n")
        .chars()
        .map(|c| match c {
            c if is_line_break(c) => '\n',
            '\n' | '\t' => c,
            c if is_unsafe(c) => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// For the terminal: like [`clean`], with tabs as spaces (line breaks are kept).
pub fn text(s: &str) -> String {
    // Most text has nothing to change: it is copied as it is (printable ASCII and line
    // feeds are told at a glance).
    let plain = |b: u8| b == b'\n' || (b' '..=b'~').contains(&b);
    if s.bytes().all(plain)
        || s.chars()
            .all(|c| c == '\n' || !(is_unsafe(c) || is_line_break(c)))
    {
        return s.to_string();
    }
    clean(s).replace('\t', " ")
}

/// Collapses every run of white space to one space (without trimming the ends).
pub fn collapse_space(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}

/// [`clean`]ed text on one line: white space runs collapsed, ends trimmed.
pub fn one_line(s: &str) -> String {
    collapse_space(&clean(s)).trim().to_string()
}

/// A value for one line of output: line breaks, tabs and every unsafe character
/// written as Rust-style escapes (`\n`, `\r`, `\t`, `\u{1b}`), the rest kept. The
/// result holds no control character, so escaping twice changes nothing.
pub fn escape(s: &str) -> String {
    // Printable ASCII, most of what is echoed, has nothing to escape.
    if s.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_unsafe(c) || is_line_break(c) => {
                out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out
}

/// A path for one line of output, [`escape`]d.
pub fn path(p: &Path) -> String {
    escape(&p.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_reordering_are_defused() {
        assert_eq!(
            text("a\x1b[31mred\x07\u{9b}2J"),
            "a\u{FFFD}[31mred\u{FFFD}\u{FFFD}2J"
        );
        assert_eq!(text("x\u{202E}y\tz\n"), "x\u{FFFD}y z\n");
        assert_eq!(clean("a\x1b[31mb\r\nc\rd\te"), "a\u{FFFD}[31mb\nc\nd\te");
        assert_eq!(
            clean("x\u{202E}y\u{2067}z\u{9b}"),
            "x\u{FFFD}y\u{FFFD}z\u{FFFD}"
        );
        assert_eq!(clean("中文 עברית ‘q’ \u{FFFE}"), "中文 עברית ‘q’ \u{FFFD}");
        assert_eq!(one_line(" a\r\n b\x1b "), "a b\u{FFFD}");
        assert_eq!(one_line("  a \n\n b\t"), "a b");
        assert_eq!(collapse_space(" a  b "), " a b ");
        assert_eq!(text("Україна 中文 ’"), "Україна 中文 ’");
    }

    #[test]
    fn escaped_values_stay_on_one_line() {
        let forged = "seeds\npositions.toml:1:1: error: FORGED";
        assert_eq!(escape(forged), "seeds\\npositions.toml:1:1: error: FORGED");
        assert_eq!(
            escape("a\x1b]0;title\x07b\r\t\u{202E}\u{2028}"),
            "a\\u{1b}]0;title\\u{7}b\\r\\t\\u{202e}\\u{2028}"
        );
        assert_eq!(escape(&escape("x\ny")), escape("x\ny"));
        assert_eq!(escape("Україна 中文 ‘q’"), "Україна 中文 ‘q’");
        assert_eq!(path(Path::new("dir\x1b[2J/p.toml")), "dir\\u{1b}[2J/p.toml");
    }

    #[test]
    fn line_and_paragraph_separators_become_line_breaks() {
        let s = "a\u{2028}b\u{2029}c\u{85}d\u{b}e\u{c}f\rg";
        assert_eq!(clean(s), "a\nb\nc\nd\ne\nf\ng");
        assert_eq!(text(s), "a\nb\nc\nd\ne\nf\ng");
        assert_eq!(one_line(s), "a b c d e f g");
        assert_eq!(escape("a\u{85}\u{2029}"), "a\\u{85}\\u{2029}");
    }
}
