//! Re-anchoring: where a quote that is no longer in its source most likely went.
//!
//! Sources get corrected after publication; a quote copied before the correction no
//! longer matches exactly. [`re_anchor`] finds the run of the source's words most like
//! the quote: windows of about the quote's length are proposed where the quote's words
//! line up with the source's (one vote per shared word at the same offset), and the
//! best-voted few are scored by a character-level edit distance. The result is the
//! exact text to put in the quote, with how alike the two are: whole words of the
//! source, a changed word at either end of the quote kept (in its new form) rather
//! than dropped.
//!
//! The verifier re-anchors all the quotes it did not find at once: one pass over each
//! source's words (`RunsSeen::find_anchoring`) finds which of them share runs of a
//! quote's words, and re-anchors in that source the quotes it is cited for. Those not
//! found word for word in another source and not placed in their own are then tried
//! in the other sources that share a run (`re_anchor_all`). In each of the two
//! passes, a source's words are listed and hashed once for all the quotes it is looked
//! at for (keeping the lists between passes would cost 16 bytes per word of every
//! source), and looked up by those hashes. Of the windows proposed, the likeliest is
//! scored first and bounds the others' distance (most are not scored at all); the
//! edit distance is computed bit-parallel, and only within the band that could still
//! beat the best so far.

use super::SourceText;
use super::normalize::normalize;
use crate::par::par_map;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use rapidfuzz::distance::levenshtein::{Args, BatchComparator};
use rustc_hash::FxHashMap;
use std::hash::Hasher;
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
    /// over the longer length, both normalized (0 to 1). Where a word of the source
    /// stands in for a word at an end of the quote, the letters by which it is longer
    /// are not counted (see `widened`).
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

/// The words of a source's content: each a run of its normalized text between spaces,
/// which is the normalized form of a run of the source's text between white space.
/// Built for the quotes of a batch and dropped after (16 bytes per word).
struct Words<'a> {
    /// The source's normalized text.
    text: &'a str,
    /// Whether `text` is all ASCII (a window's characters are then its bytes).
    ascii: bool,
    /// Byte range of each word in `text`, in order.
    spans: Vec<(u32, u32)>,
    /// The [`word_hash`] of each word, for lookups without hashing words again.
    hashes: Vec<u64>,
}

impl<'a> Words<'a> {
    fn of(source: &'a SourceText) -> Self {
        let text = source.normalized().text.as_str();
        let spans = spans_of_words(text);
        // Words are cut at spaces, so their bytes need no check of character bounds.
        let bytes = text.as_bytes();
        let hashes = spans
            .iter()
            .map(|&(a, b)| word_hash(&bytes[a as usize..b as usize]))
            .collect();
        Words {
            text,
            ascii: text.is_ascii(),
            spans,
            hashes,
        }
    }

    /// The normalized text of words `first..end`: they are separated by one space.
    fn window(&self, first: usize, end: usize) -> &'a str {
        &self.text[self.spans[first].0 as usize..self.spans[end - 1].1 as usize]
    }

    /// The number of characters between two byte offsets of `text`, in either order.
    fn chars_between(&self, a: u32, b: u32) -> usize {
        let (a, b) = (a.min(b) as usize, a.max(b) as usize);
        if self.ascii {
            b - a
        } else {
            self.text[a..b].chars().count()
        }
    }

    /// The length of `window` in characters.
    fn chars(&self, window: &str) -> usize {
        if self.ascii {
            window.len()
        } else {
            window.chars().count()
        }
    }
}

/// [`word_bounds`] of a whole source: its spaces are found 8 bytes at a time (a byte
/// equal to a space is one whose XOR with it is zero, which a few operations on the
/// 8 bytes as one number tell exactly), and the words are what lies between.
fn spans_of_words(text: &str) -> Vec<(u32, u32)> {
    const SPACES: u64 = u64::from_ne_bytes([b' '; 8]);
    const LOW7: u64 = u64::from_ne_bytes([0x7f; 8]);
    let bytes = text.as_bytes();
    let mut spans = Vec::with_capacity(bytes.len() / 6 + 1);
    let mut start = 0;
    let mut space_at = |spans: &mut Vec<(u32, u32)>, at: usize| {
        if at > start {
            spans.push((start as u32, at as u32));
        }
        start = at + 1;
    };
    let mut chunks = bytes.chunks_exact(8);
    for (c, chunk) in chunks.by_ref().enumerate() {
        let x = u64::from_le_bytes(chunk.try_into().expect("8 bytes")) ^ SPACES;
        // The top bit of each byte of x that is zero, and no other bit.
        let mut zero = !(((x & LOW7).wrapping_add(LOW7)) | x) & !LOW7;
        while zero != 0 {
            space_at(&mut spans, c * 8 + zero.trailing_zeros() as usize / 8);
            zero &= zero - 1;
        }
    }
    let rest = bytes.len() - chunks.remainder().len();
    for (j, &b) in chunks.remainder().iter().enumerate() {
        if b == b' ' {
            space_at(&mut spans, rest + j);
        }
    }
    if bytes.len() > start {
        spans.push((start as u32, bytes.len() as u32));
    }
    spans
}

/// A hash of one word (its bytes).
fn word_hash(word: &[u8]) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    h.write(word);
    h.finish()
}

/// The hash of a run of words, from its hash so far and the next word's.
fn extend_run_hash(run: u64, word: u64) -> u64 {
    (run.rotate_left(26) ^ word).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// A bit per bucket of hashes of runs of words (or of words), in a table small enough
/// to stay in cache, set for those looked for: most runs of a source are none of them,
/// and the bit says so before the hash map is asked. A hash's bucket is its top bits
/// (the last multiplication of [`extend_run_hash`] mixes them best; a word's hash has
/// its multiplied bits rotated there).
struct HashFilter {
    /// log2 of the number of bits.
    bits: u32,
    table: Vec<u64>,
}

impl HashFilter {
    /// About 16 bits per hash looked for, at least 1,024 bits.
    fn for_hashes(n: usize) -> Self {
        let bits = (n * 16).max(1024).next_power_of_two().trailing_zeros();
        HashFilter {
            bits,
            table: vec![0; (1usize << bits) / 64],
        }
    }

    fn bucket(&self, h: u64) -> usize {
        (h >> (64 - self.bits)) as usize
    }

    fn insert(&mut self, h: u64) {
        let b = self.bucket(h);
        self.table[b / 64] |= 1 << (b % 64);
    }

    /// False when no run inserted has the hash `h`.
    fn may_contain(&self, h: u64) -> bool {
        let b = self.bucket(h);
        self.table[b / 64] & (1 << (b % 64)) != 0
    }
}

/// The hash of a run of words (separated by single spaces), as [`Words`] make it.
fn run_hash(run: &str) -> u64 {
    run.split(' ')
        .fold(0, |h, w| extend_run_hash(h, word_hash(w.as_bytes())))
}

/// `1 - distance / longer length`, in characters, as [`strsim::normalized_levenshtein`]
/// computes it, with a bit-parallel distance on the quote compared many times. Given a
/// `bar`, `None` when the similarity is certainly below it (the distance is then only
/// computed within a band, which is much quicker).
fn similarity(
    quote: &BatchComparator<char>,
    q_len: usize,
    other: (&str, usize),
    bar: Option<f64>,
) -> Option<f64> {
    let longer = q_len.max(other.1);
    if longer == 0 {
        return Some(1.0);
    }
    let distance = distance_to(quote, other, cutoff_under(bar, longer))?;
    Some(1.0 - distance as f64 / longer as f64)
}

/// The largest distance at which a similarity over `longer` characters may still reach
/// `bar`: below the bar means a distance over (1 - bar) × longer, and one over this is
/// that by a margin of more than one edit, whatever the rounding. `None` when there is
/// no bar, or any distance may reach it.
fn cutoff_under(bar: Option<f64>, longer: usize) -> Option<usize> {
    let cutoff = bar.map(|bar| ((1.0 - bar) * longer as f64).floor().max(0.0) as usize + 1);
    cutoff.filter(|&c| c < longer)
}

/// The edit distance from the quote to `other` (its text and its length in characters),
/// or `None` when it is over `cutoff`.
fn distance_to(
    quote: &BatchComparator<char>,
    (other, other_len): (&str, usize),
    cutoff: Option<usize>,
) -> Option<usize> {
    // ASCII (as many bytes as characters) is read as bytes: no decoding, and its length
    // known without counting.
    if other.len() == other_len {
        distance_within(quote, other.bytes().map(char::from), cutoff)
    } else {
        distance_within(quote, other.chars(), cutoff)
    }
}

/// The edit distance from the quote to `other`, or `None` when it is over `cutoff`.
fn distance_within<I>(
    quote: &BatchComparator<char>,
    other: I,
    cutoff: Option<usize>,
) -> Option<usize>
where
    I: DoubleEndedIterator<Item = char> + Clone,
{
    match cutoff {
        Some(cutoff) => quote.distance_with_args(other, &Args::default().score_cutoff(cutoff)),
        None => Some(quote.distance(other)),
    }
}

/// The best approximate match of `quote` in `source`, whatever its similarity; `None`
/// when no word of the quote is in the source (or the quote is empty or very long).
pub fn best_match(source: &SourceText, quote: &str) -> Option<Anchor> {
    best_all(source, &[&normalize(quote)], None).pop().flatten()
}

/// [`best_match`] of each of the normalized quotes `qs`: the source's words are listed
/// once, and voted on in one pass per [`VOTING_GROUP`] quotes.
///
/// Windows of about a quote's length are proposed where its words line up with the
/// source's: a word of the source equal to the quote's `j`-th word, at index `i`, votes
/// for the window starting at `i - j`.
///
/// Given a `floor`, a quote whose best match is less alike than that may get `None`
/// instead (windows that cannot reach it are not fully scored). A quote given several
/// times is matched once.
fn best_all(source: &SourceText, qs: &[&str], floor: Option<f64>) -> Vec<Option<Anchor>> {
    best_all_in(source, &Words::of(source), qs, floor)
}

/// [`best_all`] with the source's words already listed.
fn best_all_in(
    source: &SourceText,
    words: &Words,
    qs: &[&str],
    floor: Option<f64>,
) -> Vec<Option<Anchor>> {
    let mut distinct = Interned::default();
    let of: Vec<usize> = qs.iter().map(|q| distinct.id(q)).collect();
    // The votes of a group of quotes are held together, so a group is kept small: a
    // common word of a long source votes once per occurrence for each quote holding it.
    let best: Vec<Option<Anchor>> = distinct
        .list
        .chunks(VOTING_GROUP)
        .flat_map(|group| best_in_group(source, words, group, floor))
        .collect();
    of.into_iter().map(|i| best[i].clone()).collect()
}

/// How many quotes are voted for in one pass over a source's words.
const VOTING_GROUP: usize = 16;

/// [`best_all`] for a group of quotes.
fn best_in_group(
    source: &SourceText,
    words: &Words,
    qs: &[&str],
    floor: Option<f64>,
) -> Vec<Option<Anchor>> {
    let usable = |q: &str| !q.is_empty() && q.chars().count() <= MAX_QUOTE_CHARS;
    // Each voting word of a quote, by its hash: (the word, quote, its index in the quote).
    let mut voters: FxHashMap<u64, Vec<(&str, usize, usize)>> = FxHashMap::default();
    for (k, q) in qs.iter().enumerate().filter(|(_, q)| usable(q)) {
        let mut at: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
        for (j, w) in q.split(' ').enumerate() {
            at.entry(w).or_default().push(j);
        }
        for (w, js) in at.into_iter().filter(|(_, js)| js.len() <= MAX_REPEATS) {
            voters
                .entry(word_hash(w.as_bytes()))
                .or_default()
                .extend(js.into_iter().map(|j| (w, k, j)));
        }
    }
    // Most words of a source are none of the quotes': a bit per hash bucket says so
    // before the map is asked.
    let mut filter = HashFilter::for_hashes(voters.len());
    for &h in voters.keys() {
        filter.insert(h);
    }
    let mut votes: Vec<FxHashMap<usize, u32>> = vec![FxHashMap::default(); qs.len()];
    for (i, (&(a, b), &h)) in words.spans.iter().zip(&words.hashes).enumerate() {
        if !filter.may_contain(h) {
            continue;
        }
        if let Some(v) = voters.get(&h) {
            let word = &words.text[a as usize..b as usize];
            for &(_, k, j) in v.iter().filter(|(w, _, _)| *w == word) {
                *votes[k].entry(i.saturating_sub(j)).or_insert(0) += 1;
            }
        }
    }
    qs.iter()
        .zip(votes)
        .map(|(q, votes)| best_voted(source, words, q, votes, floor))
        .collect()
}

/// Scores the best-voted windows for the normalized quote `q` and keeps the best.
fn best_voted(
    source: &SourceText,
    words: &Words,
    q: &str,
    votes: FxHashMap<usize, u32>,
    floor: Option<f64>,
) -> Option<Anchor> {
    let mut ranked: Vec<(usize, u32)> = votes.into_iter().collect();
    // The CANDIDATES most voted, ties to the earlier start, in that order.
    let order = |a: &(usize, u32), b: &(usize, u32)| b.1.cmp(&a.1).then(a.0.cmp(&b.0));
    if ranked.len() > CANDIDATES {
        ranked.select_nth_unstable_by(CANDIDATES - 1, order);
        ranked.truncate(CANDIDATES);
    }
    ranked.sort_unstable_by(order);
    if ranked.is_empty() {
        return None;
    }
    let quote = PreparedQuote::new(q);
    let q_len = quote.chars;
    // Trimming punctuation off a window's ends raises its similarity by at most the
    // characters trimmed over q_len: windows below the floor by more than any proposed
    // window could trim cannot end above it (the best window is the same as with any
    // lower bar, so the outcome is too).
    let lowest = floor.map(|f| {
        let trimmable = trimmable(words, &ranked, quote.words);
        f - trimmable as f64 / q_len as f64 - 1e-9
    });
    let best = best_window(words, &quote, &ranked, lowest)?;
    let anchor = |w: &Widened| {
        let (a, b) = (words.spans[w.first].0, words.spans[w.end - 1].1);
        let span = source.normalized().original_range(a as usize, b as usize);
        trim_punctuation(
            source,
            &quote.scorer,
            (q_len, w.discount),
            span,
            w.similarity,
        )
    };
    let found = anchor(&Widened {
        first: best.first,
        end: best.end,
        discount: 0,
        similarity: best.similarity,
    });
    if floor.is_some_and(|f| found.similarity < f) {
        return Some(found);
    }
    // Of the best window and the same with a changed word kept, the more alike; the
    // changed word on a tie.
    let kept = widened(words, &quote, q, &best)
        .iter()
        .map(anchor)
        .fold(
            found,
            |a, b| if b.similarity >= a.similarity { b } else { a },
        );
    Some(kept)
}

/// The most characters [`trim_punctuation`] could take off the ends of any window
/// proposed around the `ranked` starts for a quote of `n` words: the non-alphanumeric
/// characters (at most 3) that start a window's first word or end its last.
fn trimmable(words: &Words, ranked: &[(usize, u32)], n: usize) -> usize {
    let count = words.spans.len();
    let text = words.text;
    let lead = |first: usize| {
        text[words.spans[first].0 as usize..]
            .chars()
            .take(3)
            .take_while(|c| !c.is_alphanumeric())
            .count()
    };
    let trail = |end: usize| {
        text[..words.spans[end - 1].1 as usize]
            .chars()
            .rev()
            .take(3)
            .take_while(|c| !c.is_alphanumeric())
            .count()
    };
    let (mut head, mut tail) = (0, 0);
    for &(start, _) in ranked {
        let firsts = start.saturating_sub(1)..(start + 2).min(count);
        for first in firsts.clone() {
            head = head.max(lead(first));
        }
        // A window ends `n - 1` to `n + 1` words after its first, or at the last word.
        let ends = (firsts.start + n.saturating_sub(1).max(1)).min(count)
            ..=(firsts.end - 1 + n + 1).min(count);
        for end in ends {
            tail = tail.max(trail(end));
        }
    }
    head + tail
}

/// A window with the source's words beside it standing in for words at the ends of
/// the quote that it leaves out (see [`widened`]).
struct Widened {
    first: usize,
    end: usize,
    /// The characters by which the new words are longer than the quote's words they
    /// stand in for, not counted against the window.
    discount: usize,
    /// Its similarity to the quote, with the discount.
    similarity: f64,
}

/// `1 - distance / longer length` of a window `len` characters long, the `discount`
/// characters by which words standing in for the quote's are longer taken off its
/// distance and its length.
fn discounted(distance: usize, discount: usize, q_len: usize, len: usize) -> f64 {
    let longer = q_len.max(len.saturating_sub(discount)).max(1);
    1.0 - distance.saturating_sub(discount) as f64 / longer as f64
}

/// Keeps the quote's words whole. When the best window has fewer words than the quote
/// `q`, it may leave out a word the source changed at an end of the quote: character
/// by character, dropping a short word costs less than changing it into a longer one
/// ("plan" into "scheme" is 6 edits, dropping " plan" 5), so a corrected word would be
/// cut from the quote rather than replaced. The windows widened by the source's next
/// word, its previous word, or both (within the sentence, and only up to the quote's
/// number of words) are proposed, each scored with the letters by which a new word is
/// longer than the quote's word it stands in for not counted.
fn widened(words: &Words, quote: &PreparedQuote, q: &str, best: &Scored) -> Vec<Widened> {
    let missing = quote.words.saturating_sub(best.end - best.first);
    if missing == 0 {
        return Vec::new();
    }
    let (Some(q_first), Some(q_last)) = (q.split(' ').next(), q.rsplit(' ').next()) else {
        return Vec::new();
    };
    let word = |i: usize| words.window(i, i + 1);
    let longer_by = |new: &str, old: &str| letters(new).saturating_sub(letters(old));
    // The discount of widening at the end and at the start, where the source allows it.
    let at_end = (best.end < words.spans.len()
        && !ends_sentence(word(best.end - 1))
        && word(best.end) != q_last)
        .then(|| longer_by(word(best.end), q_last));
    let at_start =
        (best.first > 0 && !ends_sentence(word(best.first - 1)) && word(best.first - 1) != q_first)
            .then(|| longer_by(word(best.first - 1), q_first));
    let mut out = Vec::new();
    let mut propose = |first: usize, end: usize, discount: usize| {
        let window = words.window(first, end);
        let len = words.chars(window);
        if let Some(d) = distance_to(&quote.scorer, (window, len), None) {
            out.push(Widened {
                first,
                end,
                discount,
                similarity: discounted(d, discount, quote.chars, len),
            });
        }
    };
    if let Some(d) = at_end {
        propose(best.first, best.end + 1, d);
    }
    if let Some(d) = at_start {
        propose(best.first - 1, best.end, d);
    }
    if let (Some(e), Some(s), true) = (at_end, at_start, missing >= 2) {
        propose(best.first - 1, best.end + 1, e + s);
    }
    out
}

/// The number of letters and digits of a word.
fn letters(word: &str) -> usize {
    word.chars().filter(|c| c.is_alphanumeric()).count()
}

/// True for a word that ends a sentence: `.`, `!`, `?` or `…` at its end, before any
/// closing quotation marks and brackets.
fn ends_sentence(word: &str) -> bool {
    word.trim_end_matches(['"', '\'', ')', ']', '»'])
        .ends_with(['.', '!', '?', '…'])
}

/// A normalized quote prepared for scoring windows against it.
struct PreparedQuote {
    scorer: BatchComparator<char>,
    /// Its length in characters.
    chars: usize,
    /// Its number of words.
    words: usize,
    /// Its length in bytes.
    bytes: usize,
    /// How many times each ASCII character occurs in it.
    ascii: [u16; 128],
}

impl PreparedQuote {
    fn new(q: &str) -> Self {
        let mut ascii = [0u16; 128];
        for b in q.bytes().filter(u8::is_ascii) {
            ascii[usize::from(b)] += 1;
        }
        PreparedQuote {
            scorer: BatchComparator::new(q.chars()),
            chars: q.chars().count(),
            words: q.split(' ').count(),
            bytes: q.len(),
            ascii,
        }
    }

    /// How many characters the quote and `window` have in common, however placed (as
    /// many of each as the one with fewer has); `None` for a window that is not ASCII.
    ///
    /// An edit makes at most one pair of equal characters, so the edit distance to a
    /// window is at least the longer length less the characters they have in common;
    /// and a window made by adding characters to this one has at most as many more in
    /// common. Counting costs a fraction of the distance.
    fn common(&self, window: &str) -> Option<usize> {
        if !window.is_ascii() {
            return None;
        }
        let mut left = self.ascii;
        let mut common = 0;
        for b in window.bytes() {
            let n = &mut left[usize::from(b)];
            let has = *n > 0;
            *n -= u16::from(has);
            common += usize::from(has);
        }
        Some(common)
    }
}

/// The most alike of the windows proposed around each of the `ranked` starts, in that
/// order (see [`score_around`]), counted only from `lowest` up.
fn best_window(
    words: &Words,
    quote: &PreparedQuote,
    ranked: &[(usize, u32)],
    lowest: Option<f64>,
) -> Option<Scored> {
    let mut best: Option<Scored> = None;
    for (group, &(start, _)) in ranked.iter().enumerate() {
        score_around(words, quote, start, group, lowest, &mut best);
    }
    best
}

/// A window of a source's words scored against a quote.
#[derive(Clone, Copy)]
struct Scored {
    similarity: f64,
    /// Its place in the order windows are proposed in: of two as alike, the earlier wins.
    order: usize,
    /// Its words, `first..end`.
    first: usize,
    end: usize,
}

/// Scores the windows proposed around the voted start `start` (the `group`-th most
/// voted; see [`proposed_windows`]) for `quote`, keeping the best in `best`, counted
/// only from `lowest` up.
///
/// The window at `start` as long as the quote is scored first, and bounds the others:
/// one starting or ending elsewhere is that window with the characters in between added
/// or taken off, so its distance to the quote is at least the first's less those
/// characters. A window this shows cannot reach the bar is not scored (most proposed
/// starts are a common word's, nothing like the quote, which counting their characters
/// often shows before the first is scored). The best is the same as if every window
/// were scored in order.
fn score_around(
    words: &Words,
    quote: &PreparedQuote,
    start: usize,
    group: usize,
    lowest: Option<f64>,
    best: &mut Option<Scored>,
) {
    let (q_len, n, scorer) = (quote.chars, quote.words, &quote.scorer);
    let count = words.spans.len();
    let bar = |best: &Option<Scored>| best.map(|b| b.similarity).or(lowest);
    // Every window lies within these words: if even they have too few characters in
    // common with the quote, no window can reach the bar (the longer a window, the
    // more distance the bar allows it, but never more than its added characters).
    // (Not counted when one of them is much longer than the quote: its windows are
    // dropped for their length.)
    let region = words.window(start.saturating_sub(1), (start + n + 2).min(count));
    if region.len() <= 4 * quote.bytes + 64
        && let (Some(cutoff), Some(common)) = (cutoff_under(bar(best), q_len), quote.common(region))
        && q_len - common > cutoff
    {
        return;
    }
    let (windows, proposed) = proposed_windows(start, n, count, group);
    let windows = &windows[..proposed];
    let center = (start, (start + n).min(count));
    // Near the ends of the source, one window may be proposed twice: it counts from the
    // first time. (The center is always proposed: `start` is a word of the source.)
    let Some(at_center) = windows.iter().position(|&(_, f, e)| (f, e) == center) else {
        return;
    };
    let center_order = windows[at_center].0;
    let bytes = |(first, end): (usize, usize)| (words.spans[first].0, words.spans[end - 1].1);
    let (a0, b0) = bytes(center);
    // How many characters a window adds to or takes off the center one, at both ends,
    // and how many it adds.
    let shift = |w: (usize, usize)| {
        let (a, b) = bytes(w);
        words.chars_between(a0, a) + words.chars_between(b0, b)
    };
    let added = |w: (usize, usize)| {
        let (a, b) = bytes(w);
        words.chars_between(a.min(a0), a0) + words.chars_between(b0, b.max(b0))
    };
    // Keeps window `first..end`, the `order`-th proposed, at `distance` over `longer`
    // characters, if it is the best so far.
    let keep = |best: &mut Option<Scored>, distance: usize, longer: usize, (order, first, end)| {
        let similarity = 1.0 - distance as f64 / longer as f64;
        let candidate = Scored {
            similarity,
            order,
            first,
            end,
        };
        let better = best.is_none_or(|b| {
            candidate.similarity > b.similarity
                || (candidate.similarity == b.similarity && candidate.order < b.order)
        });
        if better && lowest.is_none_or(|l| candidate.similarity >= l) {
            *best = Some(candidate);
        }
    };
    // A window whose length differs from the quote's by more than the bar allows is
    // dropped before anything else is worked out for it.
    let too_long_or_short = |len: usize, bar: Option<f64>| {
        cutoff_under(bar, q_len.max(len)).is_some_and(|c| q_len.abs_diff(len) > c)
    };
    let text = words.window(center.0, center.1);
    // The length of each window in characters (counted once: in text that is not ASCII
    // a window's characters are counted one by one).
    let mut lens = [0; 9];
    for (l, &(_, f, e)) in lens.iter_mut().zip(windows) {
        *l = words.chars(words.window(f, e));
    }
    let slack = windows
        .iter()
        .zip(lens)
        .filter(|&(_, l)| !too_long_or_short(l, bar(best)))
        .map(|(&(_, f, e), _)| shift((f, e)))
        .max()
        .unwrap_or(0);
    let len = lens[at_center];
    let cutoff = cutoff_under(bar(best), q_len.max(len));
    let length_apart = too_long_or_short(len, bar(best));
    let common = cutoff
        .filter(|_| !length_apart)
        .and_then(|_| quote.common(text));
    let least = common.map_or(q_len.abs_diff(len), |c| q_len.max(len) - c);
    // Too unlike the quote to be the best, the center is not scored, and bounds the
    // others by the least its distance can be; otherwise its distance is computed as
    // far as it can bound them.
    let (center_distance, at_least) = if cutoff.is_some_and(|c| least > c) {
        (None, least)
    } else {
        let cutoff = cutoff.map(|c| c + slack);
        let d = distance_to(scorer, (text, len), cutoff);
        (d, d.unwrap_or_else(|| cutoff.map_or(0, |c| c + 1)))
    };
    if let Some(d) = center_distance {
        keep(best, d, q_len.max(len), (center_order, center.0, center.1));
    }
    for (&(order, first, end), len) in windows.iter().zip(lens) {
        if (first, end) == center {
            continue;
        }
        let text = words.window(first, end);
        let longer = q_len.max(len);
        let cutoff = cutoff_under(bar(best), longer);
        // The cheapest bounds first: the lengths, then the center's, then counting.
        let unlike = |c: usize| {
            too_long_or_short(len, bar(best))
                || at_least.saturating_sub(shift((first, end))) > c
                || common
                    .is_some_and(|common| longer.saturating_sub(common + added((first, end))) > c)
                || quote.common(text).is_some_and(|common| longer - common > c)
        };
        if cutoff.is_some_and(unlike) {
            continue;
        }
        if let Some(d) = distance_to(scorer, (text, len), cutoff) {
            keep(best, d, longer, (order, first, end));
        }
    }
}

/// The windows proposed around the voted start `start` (the `group`-th most voted) for
/// a quote of `n` words, in a source of `count` words, as (order, first, end), and how
/// many there are: starting a word before, at or after `start`, a word shorter than
/// the quote, as long, or a word longer, in that order (`order` counts from `group *
/// 9`), leaving out the empty ones.
fn proposed_windows(
    start: usize,
    n: usize,
    count: usize,
    group: usize,
) -> ([(usize, usize, usize); 9], usize) {
    let mut windows = [(0, 0, 0); 9];
    let mut proposed = 0;
    for (i, first) in [start.saturating_sub(1), start, start + 1]
        .into_iter()
        .enumerate()
    {
        for (j, len) in [n.saturating_sub(1), n, n + 1].into_iter().enumerate() {
            let end = (first + len).min(count);
            if len > 0 && first < end {
                windows[proposed] = (group * 9 + i * 3 + j, first, end);
                proposed += 1;
            }
        }
    }
    (windows, proposed)
}

/// Drops punctuation at the ends of `span` (a comma after the last word, an opening
/// quotation mark) where the quote does better without it.
fn trim_punctuation(
    source: &SourceText,
    q: &BatchComparator<char>,
    (q_len, discount): (usize, usize),
    span: Range<usize>,
    sim: f64,
) -> Anchor {
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
            let window = normalize(&text[a..b]);
            let other = (window.as_str(), window.chars().count());
            let sim = if discount == 0 {
                similarity(q, q_len, other, Some(best.similarity))
            } else {
                distance_to(q, other, None).map(|d| discounted(d, discount, q_len, other.1))
            };
            let Some(sim) = sim else {
                continue;
            };
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
/// that share only common words with it are spared the scoring.
fn spread_runs(q: &str) -> Vec<&str> {
    let bounds: Vec<(usize, usize)> = word_bounds(q).collect();
    let n = bounds.len();
    let k = match n {
        0 => return Vec::new(),
        1..=3 => 1,
        4..=8 => 2,
        _ => 3,
    };
    let last = n - k;
    let mut starts = vec![0, last / 2, last];
    starts.dedup();
    starts
        .into_iter()
        .map(|at| &q[bounds[at].0..bounds[at + k - 1].1])
        .collect()
}

/// The runs of words of a quote of three words or more (whose words are at `bounds`)
/// that a source must hold to be scored for it, and how many of them it must hold:
///
/// - eleven words or more: [`spread_runs`] of its inner words, three runs of three
///   words apart from one another; one is enough (a run of three words is rarely in a
///   source by chance);
/// - eight to ten words: [`spread_runs`] of its inner words, three pairs apart from one
///   another; two are needed;
/// - four to seven words: pairs of its words, apart from one another from the first
///   (two or three pairs); all but one are needed;
/// - three words: both pairs; one is needed.
///
/// A quote changed by one word (changed, added or left out) keeps all its runs but one
/// whole, so a source holding it so holds as many as needed (but for a three-word
/// quote whose middle word changed, or a short quote also cut inside a word of the
/// source at an end). A run is never a single word, and pairs are asked for two or
/// more at a time: a word, or any one pair, of a short quote is in many sources, and
/// re-anchoring the quotes found nowhere in every source that held one of their words
/// (or one pair) cost up to twelve times the check of the same model without broken
/// quotes (BENCHMARKS.md).
fn runs_of<'q>(q: &'q str, bounds: &[(usize, usize)]) -> (Vec<&'q str>, usize) {
    let n = bounds.len();
    let words = |from: usize, to: usize| &q[bounds[from].0..bounds[to].1];
    match n {
        11.. => (spread_runs(words(1, n - 2)), 1),
        8..=10 => (spread_runs(words(1, n - 2)), 2),
        4..=7 => {
            let pairs: Vec<&str> = (0..n / 2).map(|i| words(2 * i, 2 * i + 1)).collect();
            let need = pairs.len() - 1;
            (pairs, need)
        }
        _ => (bounds.windows(2).map(|p| &q[p[0].0..p[1].1]).collect(), 1),
    }
}

/// Up to three of a quote's inner words (neither the first nor the last), from the
/// middle: wherever the quote is in a text, these are whole words of it, while the
/// first and last words may be parts of longer ones. `None` for a quote of fewer than
/// three words.
fn inner_run(q: &str) -> Option<&str> {
    let bounds: Vec<(usize, usize)> = word_bounds(q).collect();
    let n = bounds.len();
    if n < 3 {
        return None;
    }
    let inner = n - 2;
    let k = inner.min(3);
    let start = 1 + (inner - k) / 2;
    Some(&q[bounds[start].0..bounds[start + k - 1].1])
}

/// The byte ranges of the words of a normalized text (separated by single spaces).
/// Words are short: a plain loop over the bytes finds them faster than a search.
fn word_bounds(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while bytes.get(at) == Some(&b' ') {
            at += 1;
        }
        let start = at;
        while bytes.get(at).is_some_and(|&b| b != b' ') {
            at += 1;
        }
        (at > start).then_some((start, at))
    })
}

/// The new text of a quote not found exactly: the [`best_match`] when it is at least
/// [`THRESHOLD`] alike.
pub fn re_anchor(source: &SourceText, quote: &str) -> Option<Anchor> {
    best_match(source, quote).filter(|a| a.similarity >= THRESHOLD)
}

/// Which sources hold which [runs](runs_of) of words of many quotes, found in one pass
/// over each source's words for all of them: a source that does not hold a quote's
/// [inner run](inner_run) cannot hold the quote word for word, and one that holds too
/// few of its runs is not scored for it.
///
/// A quote's first and last words may be parts of longer words of the source, so runs
/// are taken from its inner words, which are whole words wherever the quote is (but
/// for quotes of seven words or fewer, which have too few inner words). A quote
/// of one or two words has none: it and its words are looked for as strings (an
/// automaton of the distinct ones, in one pass over each source).
pub(crate) struct RunsSeen {
    /// For each quote, its runs.
    runs: Vec<Vec<Pattern>>,
    /// For each quote, how many of its runs a source must hold to be scored for it.
    needed: Vec<usize>,
    /// For each quote, what a source holding it word for word must hold.
    exact: Vec<Pattern>,
    /// For each word pattern, the sources that hold it as whole words, in order.
    word_holders: Vec<Vec<u32>>,
    /// For each text pattern, the sources whose normalized text holds it, in order.
    text_holders: Vec<Vec<u32>>,
}

/// A pattern a source may hold, by its index among its kind.
#[derive(Clone, Copy)]
enum Pattern {
    /// Whole words.
    Words(usize),
    /// A string anywhere.
    Text(usize),
}

/// Distinct patterns, each numbered once.
#[derive(Default)]
struct Interned<'q> {
    list: Vec<&'q str>,
    index: FxHashMap<&'q str, usize>,
}

impl<'q> Interned<'q> {
    fn id(&mut self, p: &'q str) -> usize {
        let next = self.list.len();
        *self.index.entry(p).or_insert_with(|| {
            self.list.push(p);
            next
        })
    }
}

impl RunsSeen {
    /// The runs of the normalized `quotes` in `texts` (`None` holds nothing), on up to
    /// `threads` threads.
    #[cfg(test)]
    pub(crate) fn find(texts: &[Option<&SourceText>], quotes: &[&str], threads: usize) -> Self {
        Self::find_anchoring(texts, quotes, &[], threads).0
    }

    /// [`RunsSeen::find`], and each quote given its source (`sources[k]`, for the first
    /// quotes) [`re_anchor`]ed in it: the source's words, listed for the runs, serve
    /// for that too.
    pub(crate) fn find_anchoring(
        texts: &[Option<&SourceText>],
        quotes: &[&str],
        sources: &[usize],
        threads: usize,
    ) -> (Self, Vec<Option<Anchor>>) {
        let mut own: Vec<Vec<usize>> = vec![Vec::new(); texts.len()];
        for (k, &s) in sources.iter().enumerate() {
            own[s].push(k);
        }
        let mut words = Interned::default();
        let mut strings = Interned::default();
        let mut runs = Vec::with_capacity(quotes.len());
        let mut needed = Vec::with_capacity(quotes.len());
        let mut exact = Vec::with_capacity(quotes.len());
        for &q in quotes {
            let bounds: Vec<(usize, usize)> = word_bounds(q).collect();
            if bounds.len() >= 3 {
                let inner = &q[bounds[1].0..bounds[bounds.len() - 2].1];
                let (of_quote, need) = runs_of(q, &bounds);
                runs.push(
                    of_quote
                        .into_iter()
                        .map(|r| Pattern::Words(words.id(r)))
                        .collect(),
                );
                needed.push(need);
                let run = inner_run(q).unwrap_or(inner);
                exact.push(Pattern::Words(words.id(run)));
            } else {
                let each = bounds
                    .iter()
                    .map(|&(a, b)| Pattern::Text(strings.id(&q[a..b])));
                runs.push(each.collect());
                needed.push(1);
                exact.push(Pattern::Text(strings.id(q)));
            }
        }
        // The word patterns by the hash of their run, and their lengths in words. Most
        // runs of a source are no pattern's: a bit per hash bucket, in a table small
        // enough to stay in cache, tells which are worth looking up.
        let mut by_hash: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
        let mut filter = HashFilter::for_hashes(words.list.len());
        let mut lengths = Vec::new();
        for (i, p) in words.list.iter().enumerate() {
            let h = run_hash(p);
            filter.insert(h);
            by_hash.entry(h).or_default().push(i as u32);
            let n = p.split(' ').count();
            if lengths.len() <= n {
                lengths.resize(n + 1, false);
            }
            lengths[n] = true;
        }
        let per_source = par_map(texts.len(), threads, |s| {
            let Some(text) = texts[s] else {
                return (Vec::new(), vec![None; own[s].len()]);
            };
            let w = Words::of(text);
            let qs: Vec<&str> = own[s].iter().map(|&k| quotes[k]).collect();
            let anchored = re_anchor_in(text, &w, &qs);
            let n = w.spans.len();
            let mut seen: Vec<u32> = Vec::new();
            for i in 0..n {
                let mut h = 0;
                let longest = lengths.len().min(n - i + 1);
                for (k, &is_length) in lengths.iter().enumerate().take(longest).skip(1) {
                    h = extend_run_hash(h, w.hashes[i + k - 1]);
                    if !is_length || !filter.may_contain(h) {
                        continue;
                    }
                    if let Some(ps) = by_hash.get(&h) {
                        let window = w.window(i, i + k);
                        seen.extend(ps.iter().filter(|&&p| words.list[p as usize] == window));
                    }
                }
            }
            (seen, anchored)
        });
        let mut anchors: Vec<Option<Anchor>> = vec![None; sources.len()];
        let mut per_source_seen = Vec::with_capacity(per_source.len());
        for (s, (seen, anchored)) in per_source.into_iter().enumerate() {
            for (&k, a) in own[s].iter().zip(anchored) {
                anchors[k] = a;
            }
            per_source_seen.push(seen);
        }
        let seen = RunsSeen {
            runs,
            needed,
            exact,
            word_holders: holders_per_pattern(words.list.len(), per_source_seen),
            text_holders: text_holders(texts, &strings.list, threads),
        };
        (seen, anchors)
    }

    fn holders(&self, p: Pattern) -> &[u32] {
        match p {
            Pattern::Words(i) => &self.word_holders[i],
            Pattern::Text(i) => &self.text_holders[i],
        }
    }

    /// False when source `s` cannot hold quote `k` word for word.
    #[cfg(test)]
    pub(crate) fn may_hold(&self, k: usize, s: usize) -> bool {
        self.holders(self.exact[k])
            .binary_search(&(s as u32))
            .is_ok()
    }

    /// The sources that may hold quote `k` word for word, in order (all others cannot).
    pub(crate) fn exact_holders(&self, k: usize) -> impl Iterator<Item = usize> + '_ {
        self.holders(self.exact[k]).iter().map(|&s| s as usize)
    }

    /// True when source `s` holds one of the runs of quote `k`, as it may to hold the
    /// quote changed by one edit.
    #[cfg(test)]
    pub(crate) fn any(&self, k: usize, s: usize) -> bool {
        self.run_holders(k).contains(&s)
    }

    /// The sources that hold as many of the runs of quote `k` as [`runs_of`] needs, in
    /// order.
    pub(crate) fn run_holders(&self, k: usize) -> Vec<usize> {
        let mut all: Vec<usize> = self.runs[k]
            .iter()
            .flat_map(|&r| self.holders(r))
            .map(|&s| s as usize)
            .collect();
        all.sort_unstable();
        let need = self.needed[k];
        let mut out: Vec<usize> = Vec::new();
        for run in all.chunk_by(|a, b| a == b) {
            if run.len() >= need {
                out.push(run[0]);
            }
        }
        out
    }
}

/// For each of `patterns`, the sources whose normalized text holds it (anywhere, not
/// only as whole words), in order: one pass of an automaton of them all over each.
fn text_holders(texts: &[Option<&SourceText>], patterns: &[&str], threads: usize) -> Vec<Vec<u32>> {
    if patterns.is_empty() {
        return Vec::new();
    }
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(patterns)
        .expect("an automaton of the quotes");
    let per_source = par_map(texts.len(), threads, |s| {
        let Some(text) = texts[s] else {
            return Vec::new();
        };
        let found = ac.find_overlapping_iter(text.normalized().text.as_str());
        found.map(|m| m.pattern().as_u32()).collect()
    });
    holders_per_pattern(patterns.len(), per_source)
}

/// For each of `patterns` patterns, the sources that hold it, in order, from the
/// patterns each source holds (`per_source`, in any order, repeats allowed).
fn holders_per_pattern(patterns: usize, per_source: Vec<Vec<u32>>) -> Vec<Vec<u32>> {
    let mut holders = vec![Vec::new(); patterns];
    for (s, mut seen) in per_source.into_iter().enumerate() {
        seen.sort_unstable();
        seen.dedup();
        for p in seen {
            holders[p as usize].push(s as u32);
        }
    }
    holders
}

/// A quote not found word for word, to re-anchor.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Lost<'a> {
    /// Index of its source.
    pub source: usize,
    /// Its normalized text.
    pub quote: &'a str,
    /// Its index in the [`RunsSeen`].
    pub key: usize,
}

/// Re-anchors many quotes not found exactly, on up to `threads` threads: for each,
/// [`re_anchor`] in its own source (`own`, by key, as [`RunsSeen::find_anchoring`]
/// made it), or failing that the best of [`re_anchor`] in the other sources (`None`
/// for one that did not load) that hold one of its runs of words (`seen`), the later
/// source on a tie. A source's words are listed once for all the quotes looked for
/// in it.
pub(crate) fn re_anchor_all(
    texts: &[Option<&SourceText>],
    quotes: &[Lost],
    seen: &RunsSeen,
    own: &[Option<Anchor>],
    threads: usize,
) -> Vec<Option<(usize, Anchor)>> {
    let mut out: Vec<Option<(usize, Anchor)>> = quotes
        .iter()
        .map(|q| own[q.key].clone().map(|a| (q.source, a)))
        .collect();
    let mut candidates: Vec<Vec<usize>> = vec![Vec::new(); texts.len()];
    for (k, q) in quotes.iter().enumerate().filter(|(k, _)| out[*k].is_none()) {
        for s in seen.run_holders(q.key) {
            if s != q.source && texts[s].is_some() {
                candidates[s].push(k);
            }
        }
    }
    let found = anchor_in_sources(texts, quotes, &candidates, threads);
    for (s, list) in found.into_iter().enumerate() {
        for (&k, a) in candidates[s].iter().zip(list) {
            if let Some(a) = a
                && out[k]
                    .as_ref()
                    .is_none_or(|(_, b)| a.similarity >= b.similarity)
            {
                out[k] = Some((s, a));
            }
        }
    }
    out
}

/// For each source, [`re_anchor`] of the quotes `which[source]` in it.
fn anchor_in_sources(
    texts: &[Option<&SourceText>],
    quotes: &[Lost],
    which: &[Vec<usize>],
    threads: usize,
) -> Vec<Vec<Option<Anchor>>> {
    par_map(texts.len(), threads, |s| {
        let (Some(text), false) = (texts[s], which[s].is_empty()) else {
            return vec![None; which[s].len()];
        };
        let qs: Vec<&str> = which[s].iter().map(|&k| quotes[k].quote).collect();
        re_anchor_in(text, &Words::of(text), &qs)
    })
}

/// [`re_anchor`] of each of the normalized quotes `qs` in `source`, whose words are
/// `words`.
fn re_anchor_in(source: &SourceText, words: &Words, qs: &[&str]) -> Vec<Option<Anchor>> {
    if qs.is_empty() {
        return Vec::new();
    }
    best_all_in(source, words, qs, Some(THRESHOLD))
        .into_iter()
        .map(|a| a.filter(|a| a.similarity >= THRESHOLD))
        .collect()
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
    fn a_corrected_word_at_an_end_of_the_quote_is_replaced_not_dropped() {
        let s = src(
            "date 2025-05-02\n\nMoscow rejected the joint monitoring scheme, \
            officials said on Friday. The scheme was put forward by Kyiv.",
        );
        let a = re_anchor(&s, "rejected the joint monitoring plan").unwrap();
        assert_eq!(a.replacement(&s), "rejected the joint monitoring scheme");
        // Dropping the word was more alike character by character: the new word counts
        // as no worse than dropping the old.
        assert!(a.similarity >= THRESHOLD, "{}", a.similarity);
        // At the start too.
        let a = re_anchor(&s, "plan was put forward by Kyiv.").unwrap();
        assert_eq!(a.replacement(&s), "scheme was put forward by Kyiv.");
        // Whole words: never a piece of one.
        let a = re_anchor(&s, "Moscow rejected the joint monitor").unwrap();
        assert_eq!(a.replacement(&s), "Moscow rejected the joint monitoring");
    }

    #[test]
    fn a_word_the_source_really_dropped_is_not_replaced_by_the_next_sentence() {
        let s = src("date 2025-05-02\n\nMoscow rejected the joint monitoring. \
            Negotiators left Riyadh without a date for new talks.");
        // (The full stop stays: it is one edit closer to " plan" than nothing.)
        let a = re_anchor(&s, "Moscow rejected the joint monitoring plan").unwrap();
        assert_eq!(a.replacement(&s), "Moscow rejected the joint monitoring.");
        let a = re_anchor(&s, "plan Negotiators left Riyadh without a date").unwrap();
        assert_eq!(a.replacement(&s), "Negotiators left Riyadh without a date");
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
    fn the_inner_run_leaves_out_the_first_and_last_words() {
        assert_eq!(inner_run("a b c d e f g h i j"), Some("d e f"));
        assert_eq!(
            inner_run("ceasefire now, said the envoy"),
            Some("now, said the")
        );
        assert_eq!(inner_run("a b c"), Some("b"));
        assert_eq!(inner_run("a b"), None);
        // A quote that starts and ends inside words of the source is found by its
        // inner run, and a two-word one as a string.
        let s = src("date 2025-01-01\n\nThe ceasefire proposal was rejected outright.");
        let texts = [Some(&s)];
        let seen = RunsSeen::find(&texts, &["easefire proposal was reject", "posal wa"], 1);
        assert!(seen.may_hold(0, 0) && seen.may_hold(1, 0));
        let seen = RunsSeen::find(&texts, &["easefire offer was reject", "posal is"], 1);
        assert!(!seen.may_hold(0, 0) && !seen.may_hold(1, 0));
    }

    /// [`best_window`] the plain way: every window proposed is scored, in order.
    fn best_window_scoring_all(
        words: &Words,
        quote: &PreparedQuote,
        ranked: &[(usize, u32)],
        lowest: Option<f64>,
    ) -> Option<(f64, usize, usize)> {
        let (q_len, n, count) = (quote.chars, quote.words, words.spans.len());
        let mut best: Option<(f64, usize, usize)> = None;
        for &(start, _) in ranked {
            for first in [start.saturating_sub(1), start, start + 1] {
                for len in [n.saturating_sub(1), n, n + 1] {
                    let end = (first + len).min(count);
                    if len == 0 || first >= end {
                        continue;
                    }
                    let bar = best.map(|(b, _, _)| b).or(lowest);
                    let window = words.window(first, end);
                    let other = (window, words.chars(window));
                    let Some(sim) = similarity(&quote.scorer, q_len, other, bar) else {
                        continue;
                    };
                    if best.is_none_or(|(b, _, _)| sim > b) && lowest.is_none_or(|l| sim >= l) {
                        best = Some((sim, first, end));
                    }
                }
            }
        }
        best
    }

    proptest! {
        /// Bounding windows by the first scored and by counting characters changes
        /// nothing: the best window is the one scoring every window in order finds,
        /// ties and all, with or without a floor, in ASCII text or not.
        #[test]
        fn bounds_keep_the_best_window(
            text in "[abcd ]{1,150}",
            accent in proptest::bool::ANY,
            cut in (0usize..150, 1usize..40),
            edit in (0usize..40, "[abe ]"),
            starts in proptest::collection::vec(0usize..40, 1..8),
            floor in proptest::option::of(0.3f64..0.95),
        ) {
            let text = if accent { text.replacen('d', "é", 1) } else { text };
            // The quote: a piece of the text with one character changed, so that some
            // windows are close to it and set a high bar.
            let chars: Vec<char> = text.chars().collect();
            let from = cut.0 % chars.len();
            let mut piece: Vec<char> = chars[from..(from + cut.1).min(chars.len())].to_vec();
            let at = edit.0 % piece.len();
            piece[at] = edit.1.chars().next().unwrap();
            let q = normalize(&piece.into_iter().collect::<String>());
            let source = src(&format!("date 2025-01-01\n\n{text}"));
            let words = Words::of(&source);
            prop_assume!(!words.spans.is_empty() && !q.is_empty());
            let quote = PreparedQuote::new(&q);
            let ranked: Vec<(usize, u32)> = starts
                .into_iter()
                .map(|s| (s % words.spans.len(), 1))
                .collect();
            let got = best_window(&words, &quote, &ranked, floor)
                .map(|b| (b.similarity, b.first, b.end));
            prop_assert_eq!(got, best_window_scoring_all(&words, &quote, &ranked, floor));
        }

        /// The source's word list is the one `word_bounds` gives, chunks of 64 bytes
        /// notwithstanding.
        #[test]
        fn a_source_is_split_into_words_as_a_quote_is(text in "[ab é]{0,200}") {
            let by_bounds: Vec<(u32, u32)> =
                word_bounds(&text).map(|(a, b)| (a as u32, b as u32)).collect();
            prop_assert_eq!(spans_of_words(&text), by_bounds);
        }
    }

    #[test]
    fn a_short_quote_is_looked_for_by_pairs_of_its_words_two_at_a_time() {
        fn runs(q: &str) -> (Vec<&str>, usize) {
            let bounds: Vec<(usize, usize)> = word_bounds(q).collect();
            runs_of(q, &bounds)
        }
        assert_eq!(runs("a b c"), (vec!["a b", "b c"], 1));
        assert_eq!(runs("a b c d e"), (vec!["a b", "c d"], 1));
        assert_eq!(runs("a b c d e f g"), (vec!["a b", "c d", "e f"], 2));
        // Eight words or more: runs of the inner words, apart from one another.
        assert_eq!(runs("a b c d e f g h"), (vec!["b c", "d e", "f g"], 2));
        assert_eq!(
            runs("a b c d e f g h i j k"),
            (vec!["b c d", "e f g", "h i j"], 1)
        );
        // A source holding a quote of six words with its third word changed holds two
        // of its three pairs: it is scored for it; one holding a single pair is not.
        let s = src("date 2025-01-01\n\nthe envoy met the minister in Riyadh on Friday.");
        let other = src("date 2025-01-01\n\nthe envoy met nobody.");
        let texts = [None, Some(&s), Some(&other)];
        let seen = RunsSeen::find(&texts, &["envoy met a minister in Riyadh"], 1);
        assert_eq!(seen.run_holders(0), vec![1]);
    }

    proptest! {
        /// The floor below which windows are not scored (by how much punctuation the
        /// windows proposed could have trimmed) changes no outcome: a quote is
        /// re-anchored with a floor exactly as the best match with none, filtered.
        #[test]
        fn the_floor_changes_no_outcome(
            words in proptest::collection::vec("(ab|ba|abc|cab|a|—|“ab”|ab,|ab\\.|\\(ab\\)|b!)", 4..60),
            cut in (0usize..60, 2usize..12),
            edit in (0usize..40, "[ab ,.]"),
        ) {
            let text = words.join(" ");
            let from = cut.0 % words.len();
            let piece = words[from..(from + cut.1).min(words.len())].join(" ");
            let mut chars: Vec<char> = piece.chars().collect();
            let at = edit.0 % chars.len();
            chars[at] = edit.1.chars().next().unwrap();
            let q = normalize(&chars.into_iter().collect::<String>());
            let source = src(&format!("date 2025-01-01\n\n{text}"));
            let floored = re_anchor_in(&source, &Words::of(&source), &[q.as_str()]);
            prop_assert_eq!(floored, vec![re_anchor(&source, &q)]);
        }
    }

    #[test]
    fn runs_are_spread_over_the_quote() {
        assert_eq!(
            spread_runs("a b c d e f g h i j"),
            vec!["a b c", "d e f", "h i j"]
        );
        assert_eq!(spread_runs("a b c d"), vec!["a b", "b c", "c d"]);
        assert_eq!(spread_runs("Kremlin"), vec!["Kremlin"]);
        assert!(spread_runs("").is_empty());
    }

    #[test]
    fn many_quotes_are_anchored_in_their_source_or_in_another_that_shares_a_run() {
        let own = src(TEXT);
        let other = src(
            "date 2025-04-26\n\nThe talks in Riyadh ended without a deal on the Black Sea, \
            both delegations said late on Tuesday evening.",
        );
        let texts = [Some(&own), Some(&other), None];
        let q = |s: &str| normalize(s);
        let (a, b, c, d, e) = (
            q("Russia has refused a U.S. proposal for a 30-day ceasefire"),
            q(
                "The talks in Riyadh ended without an agreement on the Black Sea, both delegations said",
            ),
            q("a quote about something else in a different article entirely"),
            q("Kyiv proposed a truce"),
            // Cited from the wrong source, one word changed, starting and ending inside
            // words of the right one: its runs come from its inner words.
            q("alks in Riyadh ended without an deal on the Black Sea, both delegations sa"),
        );
        let quotes: Vec<Lost> = [(0, &a), (0, &b), (0, &c), (2, &d), (0, &e)]
            .into_iter()
            .enumerate()
            .map(|(key, (source, quote))| Lost { source, quote, key })
            .collect();
        let texts_of: Vec<&str> = quotes.iter().map(|q| q.quote).collect();
        let sources: Vec<usize> = quotes.iter().map(|q| q.source).collect();
        for threads in [1, 2, 4] {
            let (seen, anchored) = RunsSeen::find_anchoring(&texts, &texts_of, &sources, threads);
            assert!(seen.may_hold(3, 0) && !seen.may_hold(1, 1));
            assert!(seen.any(1, 1) && !seen.any(2, 1));
            let got = re_anchor_all(&texts, &quotes, &seen, &anchored, threads);
            let (s, anchor) = got[0].clone().expect("found in its own source");
            assert_eq!((s, anchor), (0, re_anchor(&own, &a).unwrap()));
            let (s, anchor) = got[1].clone().expect("found in the other source");
            assert_eq!(s, 1);
            assert_eq!(
                anchor.replacement(&other),
                "The talks in Riyadh ended without a deal on the Black Sea, both delegations said"
            );
            assert_eq!(got[2], None);
            // Its own source did not load; the only other one holding it is source 0.
            assert_eq!(got[3].as_ref().map(|(s, _)| *s), Some(0));
            assert_eq!(got[4].as_ref().map(|(s, _)| *s), Some(1));
        }
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
        /// A run of words of the source, changed by one edit, is re-anchored to that
        /// run, or to one at least as alike.
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
            // Another run may be exactly as close (an inserted "a" before "truce" is one
            // edit from "truce" and from "a truce"): then either is right.
            let original_alike = 1.0
                - strsim::levenshtein(&quote, &original) as f64
                    / quote.chars().count().max(original.chars().count()) as f64;
            let got = a.replacement(&s);
            prop_assert!(
                got == original || a.similarity >= original_alike - 1e-9,
                "{got:?} ({}) is less alike than {original:?} ({original_alike})",
                a.similarity
            );
        }
    }
}
