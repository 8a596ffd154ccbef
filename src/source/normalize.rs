//! Quote normalization with a map back to the original text.
//!
//! Runs of white space become one space, curly quotes and apostrophes become straight
//! ones, en and em dashes become `-`. Everything else is kept as is (matching stays
//! case-sensitive).

/// The normalized form of one character, or `None` for white space.
fn fold(c: char) -> Option<char> {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => Some('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => Some('"'),
        '\u{2013}' | '\u{2014}' => Some('-'),
        c if c.is_whitespace() => None,
        c => Some(c),
    }
}

/// Normalizes a quote for matching: folded characters, single spaces, trimmed.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        match fold(c) {
            None => pending_space = !out.is_empty(),
            Some(f) => {
                if pending_space {
                    out.push(' ');
                    pending_space = false;
                }
                out.push(f);
            }
        }
    }
    out
}

/// A normalized copy of a text region, mapping every byte back to the original.
#[derive(Clone, Debug)]
pub struct Normalized {
    /// The normalized text.
    pub text: String,
    /// For each byte of `text`, the byte offset in the original of the character it came from.
    origin: Vec<u32>,
    /// For each byte of `text`, the byte offset just past that original character (or white space run).
    origin_end: Vec<u32>,
}

impl Normalized {
    /// Normalizes `original[start..]`, keeping offsets relative to `original`.
    ///
    /// Unlike [`normalize`], leading and trailing white space collapse to one space
    /// rather than vanish, so that every original character has a counterpart.
    pub fn new(original: &str, start: usize) -> Self {
        let region = &original[start..];
        let mut text = String::with_capacity(region.len());
        let mut origin = Vec::with_capacity(region.len());
        let mut origin_end = Vec::with_capacity(region.len());
        let mut in_space = false;
        for (i, c) in region.char_indices() {
            let at = (start + i) as u32;
            let end = at + c.len_utf8() as u32;
            match fold(c) {
                None if in_space => {
                    if let Some(last) = origin_end.last_mut() {
                        *last = end;
                    }
                }
                None => {
                    in_space = true;
                    text.push(' ');
                    origin.push(at);
                    origin_end.push(end);
                }
                Some(f) => {
                    in_space = false;
                    text.push(f);
                    for _ in 0..f.len_utf8() {
                        origin.push(at);
                        origin_end.push(end);
                    }
                }
            }
        }
        Normalized {
            text,
            origin,
            origin_end,
        }
    }

    /// The original byte range of the normalized byte range `start..end` (non-empty).
    pub fn original_range(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        self.origin[start] as usize..self.origin_end[end - 1] as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn folds_quotes_dashes_and_space() {
        assert_eq!(
            normalize("  Ukraine’s  “full”\n\tceasefire — now "),
            "Ukraine's \"full\" ceasefire - now"
        );
        assert_eq!(normalize("a\u{2013}b"), "a-b");
        assert_eq!(normalize(""), "");
    }

    #[test]
    fn maps_back_to_original_bytes() {
        let orig = "date x\nUkraine’s   “demilitarize”\r\n the";
        let n = Normalized::new(orig, 7);
        let q = "Ukraine's \"demilitarize\" the";
        let at = n.text.find(q).unwrap();
        let r = n.original_range(at, at + q.len());
        assert_eq!(&orig[r], "Ukraine’s   “demilitarize”\r\n the");
    }

    proptest! {
        /// The span found for any substring of the normalized text slices back to
        /// original text that normalizes to the same quote.
        #[test]
        fn span_normalizes_back_to_the_quote(
            text in "[a-c ’‘“”—–\\-\"'\t\n\r\u{e9}\u{4e2d}]{0,40}",
            a in 0usize..60, len in 1usize..60,
        ) {
            let n = Normalized::new(&text, 0);
            let chars: Vec<(usize, char)> = n.text.char_indices().collect();
            prop_assume!(!chars.is_empty());
            let a = a % chars.len();
            let b = (a + len).min(chars.len());
            let start = chars[a].0;
            let end = chars.get(b).map_or(n.text.len(), |c| c.0);
            let quote = normalize(&n.text[start..end]);
            prop_assume!(!quote.is_empty());
            let r = n.original_range(start, end);
            prop_assert_eq!(normalize(&text[r.clone()]), quote.clone());
            // The normalized text itself normalizes (trimmed) to what was sliced.
            prop_assert!(normalize(&n.text).contains(&quote));
        }
    }
}
