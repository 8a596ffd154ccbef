//! Finding a quote in its source, and the closest sentence when it is not there.

use super::SourceText;
use super::normalize::{fold, normalize};
use rustc_hash::FxHashMap;
use std::ops::Range;

/// The outcome of looking for a quote in a source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QuoteMatch {
    /// The quote is empty once white space is removed.
    Empty,
    /// Found at `span` (bytes of the source text); `matches` counts the candidates
    /// left after prefix/suffix (1 when the match is unambiguous).
    Found {
        /// Byte range of the matched text in the source.
        span: Range<usize>,
        /// How many places matched after prefix and suffix were applied.
        matches: usize,
    },
    /// Not in the source; `closest` is the most similar sentence, if any.
    NotFound {
        /// Byte range of the most similar sentence.
        closest: Option<Range<usize>>,
    },
}

/// Looks for `quote` in `source`, using `prefix`/`suffix` to choose among several matches.
pub fn find(
    source: &SourceText,
    quote: &str,
    prefix: Option<&str>,
    suffix: Option<&str>,
) -> QuoteMatch {
    let q = normalize(quote);
    if q.is_empty() {
        return QuoteMatch::Empty;
    }
    let hay = &source.normalized().text;
    let all: Vec<usize> = memchr::memmem::find_iter(hay.as_bytes(), q.as_bytes()).collect();
    if all.is_empty() {
        return QuoteMatch::NotFound {
            closest: closest_sentence(source, &q),
        };
    }
    let (at, matches) = choose(hay, q.len(), all.iter().copied(), prefix, suffix);
    QuoteMatch::Found {
        span: source.normalized().original_range(at, at + q.len()),
        matches,
    }
}

/// Among the places `starts` (non-empty) of a normalized quote `q_len` bytes long in
/// the normalized text `hay`, those that `prefix` and `suffix` (as written) fit: the
/// first and how many; when none fits, the first place and how many there are.
pub(crate) fn choose(
    hay: &str,
    q_len: usize,
    starts: impl Iterator<Item = usize> + Clone,
    prefix: Option<&str>,
    suffix: Option<&str>,
) -> (usize, usize) {
    let first = starts.clone().next().unwrap_or(0);
    let norm = |s: Option<&str>| s.map(normalize).filter(|n| !n.is_empty());
    let (prefix, suffix) = (norm(prefix), norm(suffix));
    if prefix.is_none() && suffix.is_none() {
        return (first, starts.count());
    }
    let fits = |&a: &usize| {
        let b = a + q_len;
        prefix
            .as_ref()
            .is_none_or(|p| hay[..a].trim_end().ends_with(p.as_str()))
            && suffix
                .as_ref()
                .is_none_or(|s| hay[b..].trim_start().starts_with(s.as_str()))
    };
    let mut chosen = starts.clone().filter(fits);
    match chosen.next() {
        Some(a) => (a, 1 + chosen.count()),
        None => (first, starts.count()),
    }
}

/// True when `quote` occurs in `source` once both are normalized, as [`find`] matches.
pub fn occurs(source: &SourceText, quote: &str) -> bool {
    let q = normalize(quote);
    !q.is_empty()
        && memchr::memmem::find(source.normalized().text.as_bytes(), q.as_bytes()).is_some()
}

/// Which of `sources` hold `quote`: the keys (e.g. indices into the model's sources)
/// of those it [`occurs`] in, in the order given. Tells where a quote cited from the
/// wrong source really is.
pub fn sources_holding<'a, K>(
    sources: impl IntoIterator<Item = (K, &'a SourceText)>,
    quote: &str,
) -> Vec<K> {
    sources
        .into_iter()
        .filter(|(_, s)| occurs(s, quote))
        .map(|(k, _)| k)
        .collect()
}

/// Where a quote that is not in the source stops matching it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Difference {
    /// The quote is there if letter case is ignored.
    Case,
    /// The quote's first `matched` words are in the source; then the source goes on
    /// with `source_next` where the quote has `quote_next` (all normalized).
    After {
        /// The end of the longest matching beginning of the quote.
        matched: String,
        /// What the source has next.
        source_next: String,
        /// What the quote has next.
        quote_next: String,
    },
}

/// Finds where `quote` (not in `source`) departs from it: the longest beginning of
/// the quote that the source holds, and what follows in each. `None` when not even
/// the first few characters match.
pub fn difference(source: &SourceText, quote: &str) -> Option<Difference> {
    let hay = &source.normalized().text;
    difference_in(hay, &hay.to_lowercase(), &normalize(quote))
}

/// [`difference`] of the normalized quote `q` in the normalized text `hay`, whose
/// lowercase form is `hay_lower` (computed once per source by callers with many quotes).
pub(crate) fn difference_in(hay: &str, hay_lower: &str, q: &str) -> Option<Difference> {
    if memchr::memmem::find(hay_lower.as_bytes(), q.to_lowercase().as_bytes()).is_some() {
        return Some(Difference::Case);
    }
    let bounds: Vec<usize> = q.char_indices().map(|(i, _)| i).chain([q.len()]).collect();
    let occurs = |k: usize| memchr::memmem::find(hay.as_bytes(), &q.as_bytes()[..bounds[k]]);
    // The longest prefix that occurs (occurring is monotone in the prefix length).
    let (mut lo, mut hi) = (0, bounds.len() - 1);
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if occurs(mid).is_some() {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    if lo < 8 {
        return None;
    }
    // Show the difference from the start of the word where it happens.
    let start = occurs(lo)?;
    let cut = match q[..bounds[lo]].rfind(' ') {
        Some(sp) if sp > 0 => sp,
        _ => bounds[lo],
    };
    let tail = |s: &str, n: usize| s.trim_start().chars().take(n).collect::<String>();
    let matched: String = {
        let chars: Vec<char> = q[..cut].chars().collect();
        chars[chars.len().saturating_sub(30)..].iter().collect()
    };
    Some(Difference::After {
        matched,
        source_next: tail(&hay[start + cut..], 30),
        quote_next: tail(&q[cut..], 30),
    })
}

/// Character bigrams of a lowercased string, counted: `(first << 32 | second, count)`
/// sorted by bigram, and the number of bigrams in all.
fn bigrams(s: &str) -> (Vec<(u64, u32)>, u32) {
    let lower = s.to_lowercase();
    let mut pairs: Vec<u64> = lower
        .chars()
        .zip(lower.chars().skip(1))
        .map(|(a, b)| (u64::from(a) << 32) | u64::from(b))
        .collect();
    let total = pairs.len() as u32;
    pairs.sort_unstable();
    let mut out: Vec<(u64, u32)> = Vec::with_capacity(pairs.len());
    for k in pairs {
        match out.last_mut() {
            Some((last, n)) if *last == k => *n += 1,
            _ => out.push((k, 1)),
        }
    }
    (out, total)
}

/// For each normalized quote of `qs`, the sentence of `source` most similar to it:
/// mostly how much of the quote's bigrams the sentence holds, partly how alike the two
/// are overall (Dice); `None` when none is similar enough, the first sentence for a
/// quote of one character or none.
///
/// One pass over the source's sentences serves all the quotes: a sentence's bigrams
/// are counted only where some quote has them, so no sentence's bigrams are sorted or
/// kept.
pub(crate) fn closest_sentences(source: &SourceText, qs: &[&str]) -> Vec<Option<Range<usize>>> {
    closest_sentences_among(source, qs, None)
}

/// [`closest_sentences`], scoring for each quote only the sentences that hold one of
/// its longest words (see [`sentences_with_words`]) when `lower` (the source's
/// normalized text, lowercased) tells where they are: a sentence that shares none of
/// them shares few of its bigrams. A quote none of whose words is long enough, or
/// none of which is in the source, is scored against every sentence.
pub(crate) fn closest_sentences_among(
    source: &SourceText,
    qs: &[&str],
    lower: Option<&str>,
) -> Vec<Option<Range<usize>>> {
    let sentences = source.sentences();
    // For each quote, the sentences it is scored against (`None`: all), as a sorted
    // list of indices; and which sentences any quote needs.
    let only: Vec<Option<Vec<usize>>> = qs
        .iter()
        .map(|q| lower.and_then(|l| sentences_with_words(source, l, q)))
        .collect();
    let mut needed: Vec<bool> = vec![only.iter().any(Option::is_none); sentences.len()];
    for list in only.iter().flatten() {
        for &i in list {
            needed[i] = true;
        }
    }
    let quotes: Vec<(Vec<(u64, u32)>, u32)> = qs.iter().map(|q| bigrams(q)).collect();
    // Every bigram of any quote gets a slot; each quote's bigrams as (slot, count).
    let mut slot: FxHashMap<u64, usize> = FxHashMap::default();
    let wanted: Vec<Vec<(usize, u32)>> = quotes
        .iter()
        .map(|(qb, _)| {
            qb.iter()
                .map(|&(b, n)| {
                    let next = slot.len();
                    (*slot.entry(b).or_insert(next), n)
                })
                .collect()
        })
        .collect();
    // Pairs no quote has are counted too, in one slot never read: counting without
    // asking first is quicker than asking.
    let unwanted = slot.len();
    let mut counts = vec![0u32; slot.len() + 1];
    let mut best: Vec<Option<(f64, usize)>> = vec![None; qs.len()];
    // The slots of the bigrams of two ASCII characters, by table rather than by hash.
    let mut ascii: Box<[u32; 128 * 128]> = vec![unwanted as u32; 128 * 128]
        .into_boxed_slice()
        .try_into()
        .expect("128 × 128 slots");
    for (&key, &x) in &slot {
        let (a, b) = (key >> 32, key & 0xffff_ffff);
        if a < 128 && b < 128 {
            ascii[(a * 128 + b) as usize] = x as u32;
        }
    }
    for (i, s) in sentences.iter().enumerate() {
        if !needed[i] {
            continue;
        }
        let mut counter = Counter {
            ascii: &ascii,
            slot: &slot,
            unwanted,
            counts: &mut counts,
            previous: NO_CHARACTER,
            total: 0,
        };
        let sentence = &source.text[s.clone()];
        if sentence.is_ascii() {
            lowered_ascii(sentence.as_bytes(), &mut counter);
        } else {
            lowered(sentence, &mut counter);
        }
        let s_total = counter.total;
        for (k, (_, q_total)) in quotes.iter().enumerate() {
            if *q_total == 0
                || only[k]
                    .as_ref()
                    .is_some_and(|l| l.binary_search(&i).is_err())
            {
                continue;
            }
            let shared: u32 = wanted[k].iter().map(|&(x, n)| n.min(counts[x])).sum();
            let containment = f64::from(shared) / f64::from(*q_total);
            let dice = 2.0 * f64::from(shared) / f64::from(q_total + s_total);
            let score = 0.7 * containment + 0.3 * dice;
            if best[k].as_ref().is_none_or(|(b, _)| score > *b) {
                best[k] = Some((score, i));
            }
        }
        counts.fill(0);
    }
    quotes
        .iter()
        .zip(best)
        .map(|((_, q_total), best)| {
            if *q_total == 0 {
                return source.sentences().first().cloned();
            }
            best.filter(|(score, _)| *score > 0.2)
                .map(|(_, i)| source.sentences()[i].clone())
        })
        .collect()
}

/// The sentences (indices, in order) that hold one of the three longest words of the
/// normalized quote `q` (of five characters or more, ends trimmed of punctuation), as
/// found in `lower`, the source's normalized text lowercased; `None` when no word is
/// that long, none is found, or lowercasing changed the text's length (its offsets are
/// then not the normalized text's). Three, as a word the source changed or dropped is
/// one of them at most.
fn sentences_with_words(source: &SourceText, lower: &str, q: &str) -> Option<Vec<usize>> {
    let normalized = source.normalized();
    if lower.len() != normalized.text.len() {
        return None;
    }
    let q = q.to_lowercase();
    let mut words: Vec<&str> = q
        .split(' ')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().count() >= 5)
        .collect();
    words.sort_unstable_by_key(|w| std::cmp::Reverse(w.len()));
    words.dedup();
    words.truncate(3);
    let sentences = source.sentences();
    let mut out: Vec<usize> = Vec::new();
    for w in words {
        for at in memchr::memmem::find_iter(lower.as_bytes(), w.as_bytes()) {
            if !lower.is_char_boundary(at) || !lower.is_char_boundary(at + w.len()) {
                continue;
            }
            let start = normalized.original_range(at, at + w.len()).start;
            let i = sentences.partition_point(|s| s.end <= start);
            if sentences.get(i).is_some_and(|s| s.start <= start) {
                out.push(i);
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    (!out.is_empty()).then_some(out)
}

/// Where the characters of [`lowered`] go.
trait Sink {
    fn push(&mut self, c: char);

    /// [`Sink::push`] of an ASCII character.
    fn push_ascii(&mut self, b: u8) {
        self.push(char::from(b));
    }
}

#[cfg(test)]
impl Sink for String {
    fn push(&mut self, c: char) {
        String::push(self, c);
    }
}

/// Counts the bigrams of a sentence's characters, by the slots of the quotes' bigrams
/// (see [`closest_sentences`]).
struct Counter<'a> {
    /// The slot of each bigram of two ASCII characters, `first * 128 + second`.
    ascii: &'a [u32; 128 * 128],
    /// The slot of each bigram of the quotes, `first << 32 | second`.
    slot: &'a FxHashMap<u64, usize>,
    /// The slot of the bigrams no quote has.
    unwanted: usize,
    counts: &'a mut [u32],
    /// The last character pushed, [`NO_CHARACTER`] before the first.
    previous: u32,
    /// How many bigrams were counted.
    total: u32,
}

/// No character: not a `char` (above `char::MAX`).
const NO_CHARACTER: u32 = u32::MAX;

impl Counter<'_> {
    /// Counts the bigram of the previous character and `b`.
    #[inline(always)]
    fn count(&mut self, b: u32) {
        let a = std::mem::replace(&mut self.previous, b);
        let slot = if a < 128 && b < 128 {
            self.ascii[((a << 7) | b) as usize] as usize
        } else if a == NO_CHARACTER {
            return;
        } else {
            let key = (u64::from(a) << 32) | u64::from(b);
            self.slot.get(&key).copied().unwrap_or(self.unwanted)
        };
        self.total += 1;
        self.counts[slot] += 1;
    }
}

impl Sink for Counter<'_> {
    #[inline(always)]
    fn push(&mut self, c: char) {
        self.count(u32::from(c));
    }

    /// Counts the bigram of the previous character and `b`, both ASCII (or `b` the
    /// first): by table only.
    #[inline(always)]
    fn push_ascii(&mut self, b: u8) {
        let a = std::mem::replace(&mut self.previous, u32::from(b));
        if a == NO_CHARACTER {
            return;
        }
        let slot = self.ascii[(((a & 0x7f) << 7) | u32::from(b & 0x7f)) as usize] as usize;
        self.total += 1;
        self.counts[slot] += 1;
    }
}

/// [`lowered`] of ASCII text, given to [`Sink::push_ascii`]: a third of the work per
/// character of the general case (the closest sentences of 1,000 quotes not found
/// read most of the sources of a model).
fn lowered_ascii(bytes: &[u8], f: &mut impl Sink) {
    let mut pending_space = false;
    let mut started = false;
    for &b in bytes {
        if matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ') {
            pending_space = started;
            continue;
        }
        if std::mem::take(&mut pending_space) {
            f.push_ascii(b' ');
        }
        started = true;
        f.push_ascii(b.to_ascii_lowercase());
    }
}

/// Gives `f` each character of `normalize(text).to_lowercase()`, as `bigrams` reads
/// it, without building the string (but for a capital sigma, which lowercases by its
/// place in the word).
fn lowered(text: &str, f: &mut impl Sink) {
    if text.contains('Σ') {
        normalize(text)
            .to_lowercase()
            .chars()
            .for_each(|c| f.push(c));
        return;
    }
    // ASCII bytes are read as they are (white space is one of the six ASCII ones
    // `char::is_whitespace` knows, and nothing else folds); other characters are
    // decoded and folded.
    let bytes = text.as_bytes();
    let mut pending_space = false;
    let mut started = false;
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        let folded = if b.is_ascii() {
            at += 1;
            (!matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ')).then_some(char::from(b))
        } else {
            let c = text[at..].chars().next().expect("a character starts here");
            at += c.len_utf8();
            fold(c)
        };
        let Some(c) = folded else {
            pending_space = started;
            continue;
        };
        if std::mem::take(&mut pending_space) {
            f.push(' ');
        }
        started = true;
        if c.is_ascii() {
            f.push(c.to_ascii_lowercase());
        } else {
            c.to_lowercase().for_each(|c| f.push(c));
        }
    }
}

/// The sentence most similar to the (normalized) quote, as [`closest_sentences`].
fn closest_sentence(source: &SourceText, q: &str) -> Option<Range<usize>> {
    closest_sentences(source, &[q]).pop().flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn lowered_is_normalize_then_lowercase(
            s in "[a-cA-C \t\n\u{b}\u{a0}.\"'’“—İΣσÅ-]{0,30}"
        ) {
            let mut got = String::new();
            lowered(&s, &mut got);
            prop_assert_eq!(got, normalize(&s).to_lowercase());
        }

        #[test]
        fn lowered_ascii_is_normalize_then_lowercase(s in "[a-cA-C \t\n\r\x0b\x0c\x1c\x1f.\"'-]{0,30}") {
            let mut got = String::new();
            lowered(&s, &mut got);
            prop_assert_eq!(&got, &normalize(&s).to_lowercase());
            let mut by_bytes = String::new();
            lowered_ascii(s.as_bytes(), &mut by_bytes);
            prop_assert_eq!(by_bytes, got);
        }
    }

    fn src(text: &str) -> SourceText {
        SourceText::from_text(text.to_string())
    }

    #[test]
    fn finds_through_normalization() {
        let s = src(
            "date 2025-04-25 Some reports suggested Witkoff may press Russia to recognize Ukraine’s right\n  to maintain its military.",
        );
        let m = find(&s, "recognize Ukraine's right to maintain", None, None);
        let QuoteMatch::Found { span, matches } = m else {
            panic!("{m:?}")
        };
        assert_eq!(matches, 1);
        assert_eq!(&s.text[span], "recognize Ukraine’s right\n  to maintain");
    }

    #[test]
    fn case_sensitive_and_not_found_shows_closest() {
        let s = src("Russia rejected a 30-day ceasefire. Kyiv proposed a truce on strikes.");
        let m = find(&s, "kyiv proposed a truce", None, None);
        assert_eq!(
            m,
            QuoteMatch::NotFound {
                closest: Some(36..69)
            }
        );
    }

    #[test]
    fn closest_sentences_among_those_holding_a_long_word_are_the_closest_of_all() {
        let s = src(
            "Talks resumed in Riyadh on Friday. “Moscow rejected the monitoring \
             scheme,” officials said. Nothing was agreed. The scheme came from Kyiv.",
        );
        let lower = s.normalized().text.to_lowercase();
        let qs = [
            "Moscow rejected the monitoring plan, officials said",
            "Kyiv proposed the scheme",
            "it is a no go",
        ];
        let all = closest_sentences(&s, &qs);
        assert_eq!(closest_sentences_among(&s, &qs, Some(&lower)), all);
        let text = |r: &Option<Range<usize>>| r.clone().map(|r| &s.text[r]);
        assert_eq!(
            text(&all[0]),
            Some("“Moscow rejected the monitoring scheme,” officials said.")
        );
        assert_eq!(text(&all[1]), Some("The scheme came from Kyiv."));
        // No word of five letters: every sentence is scored.
        assert_eq!(sentences_with_words(&s, &lower, qs[2]), None);
        assert_eq!(
            sentences_with_words(&s, &lower, qs[0]),
            Some(vec![1]),
            "monitoring, officials and rejected, the three longest words, are in sentence 1 only"
        );
    }

    #[test]
    fn the_first_difference_is_found() {
        let s = src("Russia has rejected a U.S. proposal for a 30-day ceasefire and continues.");
        assert_eq!(
            difference(&s, "russia has rejected a U.S. proposal"),
            Some(Difference::Case)
        );
        assert_eq!(
            difference(&s, "Russia has refused a U.S. proposal"),
            Some(Difference::After {
                matched: "Russia has".into(),
                source_next: "rejected a U.S. proposal for a".into(),
                quote_next: "refused a U.S. proposal".into(),
            })
        );
        assert_eq!(difference(&s, "Nothing like it"), None);
    }

    #[test]
    fn which_sources_hold_a_quote() {
        let a = src("Russia rejected a 30-day ceasefire.");
        let b = src("Kyiv proposed a truce on strikes.");
        let c = src("Kyiv  proposed a truce, again.");
        let all = [("a", &a), ("b", &b), ("c", &c)];
        assert_eq!(sources_holding(all, "Kyiv proposed a truce"), ["b", "c"]);
        assert_eq!(sources_holding(all, "rejected a 30–day"), ["a"]);
        assert!(sources_holding(all, "nowhere").is_empty());
        assert!(sources_holding(all, "  ").is_empty());
    }

    #[test]
    fn prefix_and_suffix_pick_one_of_several() {
        let s = src("He said no. She said no. They said no.");
        let QuoteMatch::Found { span, matches } = find(&s, "said no", Some("She "), None) else {
            panic!()
        };
        assert_eq!((span.start, matches), (16, 1));
        let QuoteMatch::Found { span, matches } = find(&s, "said no", None, Some(". They")) else {
            panic!()
        };
        assert_eq!((span.start, matches), (16, 1));
        let QuoteMatch::Found { span, matches } = find(&s, "said no", None, None) else {
            panic!()
        };
        assert_eq!((span.start, matches), (3, 3));
        assert_eq!(find(&s, " \n ", None, None), QuoteMatch::Empty);
    }
}
