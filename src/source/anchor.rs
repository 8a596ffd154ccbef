//! Re-anchoring: where a quote that is no longer in its source most likely went.
//!
//! Sources get corrected after publication; a quote copied before the correction no
//! longer matches exactly. [`re_anchor`] finds the run of the source's words most like
//! the quote: windows of about the quote's length are proposed where the quote's words
//! line up with the source's (one vote per shared word at the same offset), and the
//! best-voted few are scored by a character-level edit distance. The result is the
//! exact text to put in the quote, with how alike the two are.

use super::SourceText;
use super::normalize::normalize;
use std::collections::HashMap;
use std::ops::Range;

/// The similarity (0 to 1) from which a best match counts as the quote's new text.
pub const THRESHOLD: f64 = 0.85;

/// Quotes longer than this (in characters, normalized) are not re-anchored: the edit
/// distance grows with the square of the length.
const MAX_QUOTE_CHARS: usize = 1500;

/// How many of the best-voted window starts are scored.
const CANDIDATES: usize = 8;

/// A quote word occurring more often than this in the quote casts no votes (it would
/// vote for every offset of a common word).
const MAX_REPEATS: usize = 4;

/// The best approximate match of a quote in a source.
#[derive(Clone, Debug, PartialEq)]
pub struct Anchor {
    /// Byte range of the matching run of words in the source text.
    pub span: Range<usize>,
    /// How alike the quote and that text are: 1 minus their character edit distance
    /// over the longer length, both normalized (0 to 1).
    pub similarity: f64,
}

impl Anchor {
    /// The text to put in the quote: the source's words with white space runs as one
    /// space (characters otherwise as the source has them).
    pub fn replacement(&self, source: &SourceText) -> String {
        source
            .text
            .get(self.span.clone())
            .unwrap_or("")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// The words of a source's content, built once per source and kept.
fn words(source: &SourceText) -> &[(Range<usize>, String)] {
    source.words.get_or_init(|| build_words(source))
}

/// The words of a source's content: byte ranges in its text and their normalized form.
fn build_words(source: &SourceText) -> Vec<(Range<usize>, String)> {
    let text = &source.text;
    let start = source.body_start.min(text.len());
    let mut out = Vec::new();
    let mut word_start: Option<usize> = None;
    for (i, c) in text[start..].char_indices() {
        let at = start + i;
        match (c.is_whitespace(), word_start) {
            (true, Some(ws)) => {
                out.push((ws..at, normalize(&text[ws..at])));
                word_start = None;
            }
            (false, None) => word_start = Some(at),
            _ => {}
        }
    }
    if let Some(ws) = word_start {
        out.push((ws..text.len(), normalize(&text[ws..])));
    }
    out
}

/// The best approximate match of `quote` in `source`, whatever its similarity; `None`
/// when no word of the quote is in the source (or the quote is empty or very long).
pub fn best_match(source: &SourceText, quote: &str) -> Option<Anchor> {
    let q = normalize(quote);
    if q.is_empty() || q.chars().count() > MAX_QUOTE_CHARS {
        return None;
    }
    let q_words: Vec<&str> = q.split(' ').collect();
    let n = q_words.len();
    let mut at: HashMap<&str, Vec<usize>> = HashMap::new();
    for (j, w) in q_words.iter().enumerate() {
        at.entry(w).or_default().push(j);
    }
    at.retain(|_, js| js.len() <= MAX_REPEATS);
    let words = words(source);
    let mut votes: HashMap<usize, u32> = HashMap::new();
    for (i, (_, w)) in words.iter().enumerate() {
        if let Some(js) = at.get(w.as_str()) {
            for &j in js {
                *votes.entry(i.saturating_sub(j)).or_insert(0) += 1;
            }
        }
    }
    let mut ranked: Vec<(usize, u32)> = votes.into_iter().collect();
    ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.truncate(CANDIDATES);
    let mut best: Option<(f64, usize, usize)> = None;
    for (start, _) in ranked {
        for first in [start.saturating_sub(1), start, start + 1] {
            for len in [n.saturating_sub(1), n, n + 1] {
                let end = (first + len).min(words.len());
                if len == 0 || first >= end {
                    continue;
                }
                let window = words[first..end]
                    .iter()
                    .map(|(_, w)| w.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                let sim = strsim::normalized_levenshtein(&q, &window);
                if best.is_none_or(|(b, _, _)| sim > b) {
                    best = Some((sim, first, end));
                }
            }
        }
    }
    let (similarity, first, end) = best?;
    let span = words[first].0.start..words[end - 1].0.end;
    Some(trim_punctuation(source, &q, span, similarity))
}

/// Drops punctuation at the ends of `span` (a comma after the last word, an opening
/// quotation mark) where the quote does better without it.
fn trim_punctuation(source: &SourceText, q: &str, span: Range<usize>, sim: f64) -> Anchor {
    let text = &source.text;
    let mut best = Anchor {
        span: span.clone(),
        similarity: sim,
    };
    let is_punct = |c: char| !c.is_alphanumeric();
    let lead: Vec<usize> = text[span.clone()]
        .char_indices()
        .take_while(|&(_, c)| is_punct(c))
        .take(3)
        .map(|(i, c)| span.start + i + c.len_utf8())
        .collect();
    let trail: Vec<usize> = text[span.clone()]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_punct(c))
        .take(3)
        .map(|(i, _)| span.start + i)
        .collect();
    for &a in std::iter::once(&span.start).chain(&lead) {
        for &b in std::iter::once(&span.end).chain(&trail) {
            if a >= b {
                continue;
            }
            let sim = strsim::normalized_levenshtein(q, &normalize(&text[a..b]));
            if sim > best.similarity {
                best = Anchor {
                    span: a..b,
                    similarity: sim,
                };
            }
        }
    }
    best
}

/// A few runs of a quote's words, to tell cheaply whether a source may hold an
/// approximate match of it: three runs of three words, spread over the quote, for a
/// quote of nine words or more; shorter runs for shorter quotes. One changed word spoils
/// at most one of the runs, so a quote re-worded by one edit still passes, while sources
/// that share only common words with it are spared the scoring. Built once per quote.
pub struct Runs(Vec<String>);

impl Runs {
    /// The runs of `quote` (normalized).
    pub fn of(quote: &str) -> Runs {
        let q = normalize(quote);
        let words: Vec<&str> = q.split(' ').filter(|w| !w.is_empty()).collect();
        let n = words.len();
        let k = match n {
            0 => return Runs(Vec::new()),
            1..=3 => 1,
            4..=8 => 2,
            _ => 3,
        };
        let last = n - k;
        let mut starts = vec![0, last / 2, last];
        starts.dedup();
        Runs(
            starts
                .into_iter()
                .map(|at| words[at..at + k].join(" "))
                .collect(),
        )
    }

    /// True when `source` holds one of the runs.
    pub fn in_source(&self, source: &SourceText) -> bool {
        self.0.iter().any(|run| super::quote::occurs(source, run))
    }
}

/// True when `source` may hold an approximate match of `quote` (see [`Runs`]).
pub fn may_hold(source: &SourceText, quote: &str) -> bool {
    Runs::of(quote).in_source(source)
}

/// The new text of a quote not found exactly: the [`best_match`] when it is at least
/// [`THRESHOLD`] alike.
pub fn re_anchor(source: &SourceText, quote: &str) -> Option<Anchor> {
    best_match(source, quote).filter(|a| a.similarity >= THRESHOLD)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const TEXT: &str = "date 2025-04-25\n\nRussia has rejected a U.S. proposal for a 30-day \
        ceasefire, the Kremlin said on Friday. Kyiv proposed a truce on strikes against \
        energy sites, and European leaders backed the plan in talks in London.\n\nThe \
        envoy is expected to meet Putin in Moscow next week, officials said.";

    fn src(text: &str) -> SourceText {
        SourceText::from_text(text.to_string())
    }

    #[test]
    fn a_changed_word_is_found_with_its_new_text() {
        let s = src(TEXT);
        let a = re_anchor(
            &s,
            "Russia has refused a U.S. proposal for a 30-day ceasefire",
        )
        .unwrap();
        assert_eq!(
            a.replacement(&s),
            "Russia has rejected a U.S. proposal for a 30-day ceasefire"
        );
        assert!(
            a.similarity > 0.85 && a.similarity < 1.0,
            "{}",
            a.similarity
        );
    }

    #[test]
    fn line_breaks_and_curly_quotes_in_the_source_are_kept_as_its_words() {
        let s = src("date 2025-04-25\nThe envoy’s plan\n  was backed by leaders.");
        let a = re_anchor(&s, "The envoy's plan was backed by leader").unwrap();
        assert_eq!(a.replacement(&s), "The envoy’s plan was backed by leaders");
        assert_eq!(
            &s.text[a.span.clone()],
            "The envoy’s plan\n  was backed by leaders"
        );
    }

    #[test]
    fn a_source_that_shares_a_run_of_words_may_hold_a_reworded_quote() {
        let s = src(TEXT);
        // One word changed: one of the three runs still matches.
        assert!(may_hold(
            &s,
            "Kyiv proposed a truce on strikes against power sites, and European leaders backed"
        ));
        assert!(!may_hold(
            &s,
            "a quote about something else in a different article entirely"
        ));
        assert!(may_hold(&s, "Kremlin"));
        assert!(!may_hold(&s, ""));
    }

    #[test]
    fn unrelated_quotes_are_not_anchored() {
        let s = src(TEXT);
        assert_eq!(re_anchor(&s, "Nothing of the kind was ever said"), None);
        assert_eq!(re_anchor(&s, "   "), None);
        assert_eq!(best_match(&s, "zebra quokka"), None);
        let long = "word ".repeat(1000);
        assert_eq!(best_match(&s, &long), None);
        let b = best_match(&s, "Kyiv rejected everything the envoy said").unwrap();
        assert!(b.similarity < THRESHOLD);
    }

    /// One edit of one character of `s` at char index `at`: 0 substitutes, 1 inserts,
    /// 2 deletes.
    fn mutate(s: &str, kind: u8, at: usize, c: char) -> String {
        let mut chars: Vec<char> = s.chars().collect();
        let at = at % chars.len();
        match kind % 3 {
            0 => chars[at] = c,
            1 => chars.insert(at, c),
            _ => {
                chars.remove(at);
            }
        }
        chars.into_iter().collect()
    }

    proptest! {
        /// A run of words of the source, changed by one edit, is re-anchored to
        /// exactly that run.
        #[test]
        fn one_edit_anchors_back_to_the_original(
            first in 0usize..40, len in 3usize..12,
            kind in 0u8..3, at in 0usize..200, c in "[a-zA-Z0-9 ,.'-]",
        ) {
            let s = src(TEXT);
            let words: Vec<&str> = s.text[s.body_start..].split_whitespace().collect();
            let first = first % (words.len() - len);
            let original = words[first..first + len].join(" ");
            prop_assume!(s.text.matches(original.as_str()).count() <= 1);
            let quote = mutate(&original, kind, at, c.chars().next().unwrap());
            prop_assume!(!crate::source::quote::occurs(&s, &quote));
            let a = best_match(&s, &quote).expect("a match");
            prop_assert_eq!(a.replacement(&s), original);
        }
    }
}
