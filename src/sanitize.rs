//! Keeping text from positions files and sources from acting on a terminal or a
//! document: the one place that decides which characters are unsafe.
//!
//! Control characters (C0, DEL, C1: escape sequences start with them), bidirectional
//! embeddings, overrides, isolates and marks (they reorder what is shown), and
//! noncharacters all become U+FFFD. Line breaks are normalized to `\n`.

/// True for characters that must never be shown or written raw. Callers decide about
/// `\n` and `\t` before asking (both are controls).
pub fn is_unsafe(c: char) -> bool {
    let u = c as u32;
    c.is_control()
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
        || (0xFDD0..=0xFDEF).contains(&u)
        || u & 0xFFFE == 0xFFFE
}

/// For documents: line breaks become `\n`, `\n` and tabs are kept, every other unsafe
/// character becomes U+FFFD.
pub fn clean(s: &str) -> String {
    s.replace("\r\n", "\n")
        .chars()
        .map(|c| match c {
            '\r' => '\n',
            '\n' | '\t' => c,
            c if is_unsafe(c) => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// For the terminal: like [`clean`], with tabs as spaces (line breaks are kept).
pub fn text(s: &str) -> String {
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
}
