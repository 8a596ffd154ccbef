//! Text measured in terminal columns: cutting to a width and word-wrapping. Shared
//! by the reader's views and the plain-text export.

//!
//! Text is measured and cut by grapheme clusters, so an emoji sequence joined by ZWJ,
//! a flag or a letter with combining marks is never split.

use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Cuts `s` to at most `width` display columns, ending in `…` when cut, then pads with spaces.
pub fn fit(s: &str, width: usize) -> String {
    let mut out = String::new();
    if s.width() <= width {
        out.push_str(s);
    } else if width > 0 {
        let mut used = 0;
        for g in s.graphemes(true) {
            let w = g.width();
            if used + w > width - 1 {
                break;
            }
            used += w;
            out.push_str(g);
        }
        out.push('…');
    }
    let pad = width.saturating_sub(out.width());
    out.extend(std::iter::repeat_n(' ', pad));
    out
}

/// Word-wraps `text[range]` (one line, no line breaks) into byte ranges of at most
/// `width` display columns; spaces at a break are dropped, long words are cut.
pub fn wrap_ranges(text: &str, range: Range<usize>, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut out = Vec::new();
    let s = &text[range.clone()];
    let mut start = 0; // start of the current line (relative)
    let mut used = 0; // width used on the current line
    let mut last_space: Option<usize> = None; // relative index of the last space on the line
    for (i, g) in s.grapheme_indices(true) {
        let w = g.width();
        if g == " " {
            last_space = Some(i);
        }
        if used + w > width && i > start {
            match last_space.filter(|&sp| sp > start) {
                Some(sp) if g != " " => {
                    out.push(range.start + start..range.start + sp);
                    start = sp + 1;
                    used = s[start..i].width();
                }
                _ => {
                    out.push(range.start + start..range.start + i);
                    start = if g == " " { i + 1 } else { i };
                    used = 0;
                }
            }
            last_space = None;
            if g == " " {
                continue;
            }
        }
        used += w;
    }
    if start < s.len() || out.is_empty() {
        out.push(range.start + start..range.end);
    }
    out
}

/// Wraps a multi-line text: each line break starts a new line; returns byte ranges.
pub fn wrap_text(text: &str, width: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        out.extend(wrap_ranges(text, at..at + body.len(), width));
        at += line.len();
    }
    if text.is_empty() {
        out.push(0..0);
    }
    out
}

/// Word-wraps one line of text into owned lines of at most `width` columns.
pub fn lines(s: &str, width: usize) -> Vec<String> {
    wrap_ranges(s, 0..s.len(), width)
        .into_iter()
        .map(|r| s[r].to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_with_ellipsis_and_padding() {
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("ab", 4), "ab  ");
        assert_eq!(fit("中文中文", 5), "中文…");
        assert_eq!(fit("中文中文", 4), "中… ");
        assert_eq!(fit("abc", 0), "");
    }

    #[test]
    fn wraps_to_ranges() {
        let t = "one two three four";
        let r = wrap_ranges(t, 0..t.len(), 9);
        let lines: Vec<&str> = r.iter().map(|r| &t[r.clone()]).collect();
        assert_eq!(lines, ["one two", "three", "four"]);
        let t = "abcdefghij";
        let lines: Vec<&str> = wrap_ranges(t, 0..10, 4)
            .into_iter()
            .map(|r| &t[r])
            .collect();
        assert_eq!(lines, ["abcd", "efgh", "ij"]);
        let t = "a\n\nb c";
        let lines: Vec<&str> = wrap_text(t, 10).into_iter().map(|r| &t[r]).collect();
        assert_eq!(lines, ["a", "", "b c"]);
    }

    #[test]
    fn wraps_words_and_cuts_long_ones() {
        assert_eq!(lines("one two three", 7), ["one two", "three"]);
        assert_eq!(lines("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(lines("中文中文", 4), ["中文", "中文"]);
        assert_eq!(lines("", 5), [""]);
    }

    #[test]
    fn grapheme_clusters_are_never_split() {
        // A family emoji joined by ZWJ, and an e with a combining acute accent.
        let family = "👩\u{200D}👩\u{200D}👧";
        let cut = fit(&format!("{family}{family}{family}"), 5);
        assert!(cut.starts_with(family), "{cut:?}");
        assert!(!cut.contains("\u{200D}…"), "{cut:?}");
        let accented = "e\u{301}e\u{301}e\u{301}e\u{301}";
        for line in lines(accented, 2) {
            assert!(!line.starts_with('\u{301}'), "{line:?}");
        }
        assert_eq!(lines(accented, 2).len(), 2);
    }
}
