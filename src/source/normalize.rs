//! Quote normalization with a map back to the original text.
//!
//! Runs of white space become one space, curly quotes and apostrophes become straight
//! ones, en and em dashes become `-`. Everything else is kept as is (matching stays
//! case-sensitive).

/// The normalized form of one character, or `None` for white space.
pub(crate) fn fold(c: char) -> Option<char> {
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
    normalize_into(s, &mut out);
    out
}

/// Appends [`normalize`]`(s)` to `out` (so that many quotes can share one buffer).
pub fn normalize_into(s: &str, out: &mut String) {
    for_each_normalized(s, |c| out.push(c));
}

/// Calls `f` with each character of [`normalize`]`(s)`, without building the string.
pub(crate) fn for_each_normalized(s: &str, mut f: impl FnMut(char)) {
    let mut pending_space = false;
    let mut started = false;
    for c in s.chars() {
        match fold(c) {
            None => pending_space = started,
            Some(c) => {
                if std::mem::take(&mut pending_space) {
                    f(' ');
                }
                started = true;
                f(c);
            }
        }
    }
}

/// A normalized copy of a text region, mapping it back to the original.
///
/// The map keeps only the points where the distance between a normalized offset and
/// its original offset changes (after a run of several white space characters, or a
/// folded character of another length): a few per paragraph rather than one per byte.
#[derive(Clone, Debug)]
pub struct Normalized {
    /// The normalized text.
    pub text: String,
    /// `(normalized offset, distance)`, sorted by offset, the first at 0: from that
    /// offset on, a character starting at normalized offset `k` starts at `k +
    /// distance` in the original.
    shifts: Vec<(u32, u32)>,
}

impl Normalized {
    /// Normalizes `original[start..]`, keeping offsets relative to `original`.
    ///
    /// Unlike [`normalize`], leading and trailing white space collapse to one space
    /// rather than vanish, so that every original character has a counterpart.
    pub fn new(original: &str, start: usize) -> Self {
        let region = &original[start..];
        let mut text = String::with_capacity(region.len());
        let mut shifts = vec![(0u32, start as u32)];
        let mut in_space = false;
        // Sets the distance from normalized offset `at` on.
        let mut shift = |at: usize, distance: usize| match shifts.last_mut() {
            Some(last) if last.0 as usize == at => last.1 = distance as u32,
            Some(last) if last.1 as usize == distance => {}
            _ => shifts.push((at as u32, distance as u32)),
        };
        let bytes = region.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // A run of ASCII characters other than white space is copied as it is: the
            // distance does not change along it.
            let plain = bytes[i..]
                .iter()
                .position(|&b| b >= 0x80 || b.is_ascii_whitespace() || b == 0x0b)
                .unwrap_or(bytes.len() - i);
            if plain > 0 {
                text.push_str(&region[i..i + plain]);
                in_space = false;
                i += plain;
                continue;
            }
            let Some(c) = region[i..].chars().next() else {
                break;
            };
            i += c.len_utf8();
            let end = start + i;
            match fold(c) {
                None if in_space => shift(text.len(), end - text.len()),
                None => {
                    in_space = true;
                    text.push(' ');
                    shift(text.len(), end - text.len());
                }
                Some(f) => {
                    in_space = false;
                    text.push(f);
                    shift(text.len(), end - text.len());
                }
            }
        }
        shifts.shrink_to_fit();
        Normalized { text, shifts }
    }

    /// The distance in force at normalized offset `at`.
    fn distance(&self, at: usize) -> usize {
        let i = self.shifts.partition_point(|&(k, _)| k as usize <= at);
        self.shifts[i.saturating_sub(1)].1 as usize
    }

    /// The original byte range of the normalized byte range `start..end` (non-empty,
    /// on character boundaries).
    pub fn original_range(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        start + self.distance(start)..end + self.distance(end)
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

    /// The map as it was: every normalized byte's original start and end.
    fn per_byte(original: &str, start: usize) -> (Vec<usize>, Vec<usize>) {
        let (mut origin, mut origin_end) = (Vec::new(), Vec::new());
        let mut in_space = false;
        for (i, c) in original[start..].char_indices() {
            let (at, end) = (start + i, start + i + c.len_utf8());
            match fold(c) {
                None if in_space => *origin_end.last_mut().unwrap() = end,
                None => {
                    in_space = true;
                    origin.push(at);
                    origin_end.push(end);
                }
                Some(f) => {
                    in_space = false;
                    for _ in 0..f.len_utf8() {
                        origin.push(at);
                        origin_end.push(end);
                    }
                }
            }
        }
        (origin, origin_end)
    }

    proptest! {
        /// The compact map gives what a map of every byte gives, for every range of
        /// whole characters.
        #[test]
        fn compact_map_agrees_with_a_per_byte_map(
            text in "[a-c ’‘“”—–\\-\"'\t\n\r\u{b}\u{a0}\u{e9}\u{4e2d}]{0,30}",
            start in 0usize..8,
        ) {
            let start = (0..=start.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap();
            let n = Normalized::new(&text, start);
            let (origin, origin_end) = per_byte(&text, start);
            let bounds: Vec<usize> = n.text.char_indices().map(|(i, _)| i).chain([n.text.len()]).collect();
            for (x, &a) in bounds.iter().enumerate() {
                for &b in &bounds[x + 1..] {
                    prop_assert_eq!(n.original_range(a, b), origin[a]..origin_end[b - 1]);
                }
            }
        }

        /// The span found for any substring of the normalized text slices back to
        /// original text that normalizes to the same quote.
        #[test]
        fn span_normalizes_back_to_the_quote(
            text in "[a-c ’‘“”—–\\-\"'\t\n\r\u{b}\u{a0}\u{e9}\u{4e2d}]{0,40}",
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
