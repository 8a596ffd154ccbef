//! Keeping text from positions files and sources from acting on the terminal.

/// Replaces control characters (C0, DEL, C1, and bidirectional overrides) so the
/// string cannot move the cursor, change colours or reorder the line; tabs become
/// spaces and line breaks are kept.
pub fn text(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\n' => '\n',
            '\t' => ' ',
            c if is_unsafe(c) => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// Like [`text`], but line breaks become spaces too: for one-line cells and messages
/// (a newline inside a diagnostic's own layout is kept by the caller).
pub fn line(s: &str) -> String {
    s.split('\n')
        .map(|l| text(l.trim_end_matches('\r')))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Like [`text`], but everything on one line.
pub fn one_line(s: &str) -> String {
    s.split_whitespace().map(text).collect::<Vec<_>>().join(" ")
}

/// True for characters that must never reach a terminal raw.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() && c != '\n'
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_escape_sequences_and_overrides() {
        assert_eq!(
            text("a\x1b[31mred\x07\u{9b}2J"),
            "a\u{FFFD}[31mred\u{FFFD}\u{FFFD}2J"
        );
        assert_eq!(text("x\u{202E}y\tz\n"), "x\u{FFFD}y z\n");
        assert_eq!(one_line(" a\r\n b\x1b "), "a b\u{FFFD}");
        assert_eq!(text("Україна 中文 ’"), "Україна 中文 ’");
    }
}
