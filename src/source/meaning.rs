//! Whether a quote's replacement says something else: a negation added or dropped, a
//! number changed, a named party changed.
//!
//! `stances check --fix` replaces a quote that is no longer in its source by the run of
//! the source's words most like it. Most such changes are typos, a corrected spelling, a
//! word of style; but "they would not accept" and "they would accept" are 94% alike.
//! [`compare`] finds the differences that change what a quote says, by its words:
//!
//! - **Negations** (English): the words of [`NEGATIONS`] and the contraction `n't`
//!   (`don't`, `won't`, `can't`). `cannot`, `can't` and `can not` are one negation, so
//!   writing one for the other changes nothing; `not` for `never` does (it is shown as
//!   a negation changed).
//! - **Numbers**: every word with a digit (`12`, `1,000`, `30` of `30-day`, `3.5`,
//!   `10th`, `G7`), and the number words of [`NUMBER_WORDS`]. A number word counts as
//!   its value (`twelve` is `12`, `a dozen` is `12`, `first` is `1st`, `hundred` is
//!   `100`), so writing a number in words or digits changes nothing; `three hundred`
//!   for `300` is still seen as a change (the words are not added up).
//! - **Parties**: the names of [`Names`] (for the model, each party's id, name and
//!   short name, and each member of a coalition on its own). A name is matched as whole
//!   words, without regard to case, except a name of one word of at most three letters
//!   (`US`, `EU`, the id `us`), which must be written in capitals: `US` and `U.S.` name
//!   the United States, `us` does not. A name of one word also matches the words for
//!   its people ([`DEMONYM_ENDINGS`]: `Russian` and `Russians` name Russia, `Ukrainian`
//!   Ukraine, `European` Europe, `German` Germany); irregular ones (`French`, `British`,
//!   `American`) and places standing for a party (`Kyiv`, `the Kremlin`) are not known
//!   unless the model gives them as a name. A party named in one text and not the other
//!   is a change; naming it otherwise (`US` for `United States`, `Russian` for
//!   `Russia's`) is not.
//!
//! Words are runs of letters and digits; an apostrophe between two letters stays in the
//! word (`wouldn't`), as do a period between letters or digits (`U.S.`, `3.5`) and a
//! comma between digits (`1,000`); hyphens and everything else separate words. Curly
//! apostrophes count as straight ones, and matching is by whole words only: `not` is no
//! negation inside `notable`, nor `no` inside `know`. Counts matter, not places: a
//! negation that moves within the quote is not seen, nor is a change of wording that
//! reverses the sense without one of these words (`accepted` for `rejected`).

use serde::Serialize;
use std::fmt;

/// The negation words (English), matched as whole words in lower case. With the
/// contraction `n't`, the whole list of what counts as a negation.
pub const NEGATIONS: &[&str] = &[
    "not", "no", "never", "none", "nobody", "nothing", "nowhere", "neither", "nor", "without",
    "cannot", "non",
];

/// The contraction that makes a word a negation (`don't`, `won't`), after curly
/// apostrophes are made straight.
const CONTRACTION: &str = "n't";

/// The number words (English) and the value each counts as: cardinals to twenty and
/// the tens, the multipliers, `dozen`, and the ordinals `first` to `tenth` (which are
/// the ordinals of digits, `1st` to `10th`). Plurals (`hundreds`, `dozens`) count as
/// themselves. Words with a digit are numbers without being listed.
pub const NUMBER_WORDS: &[(&str, &str)] = &[
    ("zero", "0"),
    ("one", "1"),
    ("two", "2"),
    ("three", "3"),
    ("four", "4"),
    ("five", "5"),
    ("six", "6"),
    ("seven", "7"),
    ("eight", "8"),
    ("nine", "9"),
    ("ten", "10"),
    ("eleven", "11"),
    ("twelve", "12"),
    ("thirteen", "13"),
    ("fourteen", "14"),
    ("fifteen", "15"),
    ("sixteen", "16"),
    ("seventeen", "17"),
    ("eighteen", "18"),
    ("nineteen", "19"),
    ("twenty", "20"),
    ("thirty", "30"),
    ("forty", "40"),
    ("fifty", "50"),
    ("sixty", "60"),
    ("seventy", "70"),
    ("eighty", "80"),
    ("ninety", "90"),
    ("dozen", "12"),
    ("dozens", "dozens"),
    ("hundred", "100"),
    ("hundreds", "hundreds"),
    ("thousand", "1000"),
    ("thousands", "thousands"),
    ("million", "1000000"),
    ("millions", "millions"),
    ("billion", "1000000000"),
    ("billions", "billions"),
    ("trillion", "1000000000000"),
    ("first", "1st"),
    ("second", "2nd"),
    ("third", "3rd"),
    ("fourth", "4th"),
    ("fifth", "5th"),
    ("sixth", "6th"),
    ("seventh", "7th"),
    ("eighth", "8th"),
    ("ninth", "9th"),
    ("tenth", "10th"),
];

/// Names of at most this many characters, of one word, match only in capitals.
const SHORT_NAME: usize = 3;

/// The endings that make a one-word name (of more than [`SHORT_NAME`] letters) the word
/// for its people: added to the name (`Iran` → `Iranian`, `Israel` → `Israeli`, `Russia`
/// → `Russian`) or to the name without its final `a`, `e` or `y` (`Ukraine` →
/// `Ukrainian`, `Europe` → `European`, `China` → `Chinese`, `Italy` → `Italian`). A name
/// ending in `y` also matches without it, and with `s` instead (`Germany` → `German`,
/// `Germans`).
pub const DEMONYM_ENDINGS: &[&str] = &[
    "n", "ns", "an", "ans", "ian", "ians", "ean", "eans", "ese", "i", "is",
];

/// What kind of difference changes what a quote says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    /// A negation added, dropped or changed.
    Negation,
    /// A number added, dropped or changed.
    Number,
    /// A named party added, dropped or changed.
    Party,
}

impl Change {
    /// The word for it: `negation`, `number`, `party` (also its JSON form).
    pub fn noun(self) -> &'static str {
        match self {
            Change::Negation => "negation",
            Change::Number => "number",
            Change::Party => "party",
        }
    }
}

/// One difference of meaning between a quote and its replacement: which words of the
/// kind the quote has and the replacement has not (`dropped`), and the reverse
/// (`added`), as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The kind of difference.
    pub change: Change,
    /// Words of the quote missing from the replacement.
    pub dropped: Vec<String>,
    /// Words of the replacement missing from the quote.
    pub added: Vec<String>,
}

impl fmt::Display for Finding {
    /// `a negation dropped: "not"`, `a number changed: "12" became "13"`, `a party
    /// added: "Ukraine"`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |words: &[String]| {
            words
                .iter()
                .map(|w| format!("\"{w}\""))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let noun = self.change.noun();
        match (self.dropped.is_empty(), self.added.is_empty()) {
            (false, false) => write!(
                f,
                "a {noun} changed: {} became {}",
                list(&self.dropped),
                list(&self.added)
            ),
            (false, true) => write!(f, "a {noun} dropped: {}", list(&self.dropped)),
            _ => write!(f, "a {noun} added: {}", list(&self.added)),
        }
    }
}

/// The names that count as parties: a list of actors, each with the names it goes by.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Names {
    /// Per actor, its names, each as words.
    actors: Vec<Vec<Name>>,
}

/// One name, as words.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Name {
    /// The words, in lower case, or in capitals for a short name.
    words: Vec<String>,
    /// Whether the name matches only in capitals (one word of up to three letters).
    capitals: bool,
    /// Whether the word for its people matches too (one longer word).
    demonyms: bool,
}

impl Names {
    /// The actors named by `actors`: each item lists the names one actor goes by (a
    /// party's id, name and short name, or one member of a coalition). Empty names are
    /// left out.
    pub fn new<A, N, S>(actors: A) -> Self
    where
        A: IntoIterator<Item = N>,
        N: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let actors = actors
            .into_iter()
            .map(|names| {
                let mut out: Vec<Name> = Vec::new();
                for name in names {
                    let words: Vec<String> =
                        words(name.as_ref()).into_iter().map(|w| w.base).collect();
                    let Some(first) = words.first() else {
                        continue;
                    };
                    let capitals = words.len() == 1 && first.chars().count() <= SHORT_NAME;
                    let words: Vec<String> = words
                        .iter()
                        .map(|w| {
                            if capitals {
                                w.to_uppercase()
                            } else {
                                w.to_lowercase()
                            }
                        })
                        .collect();
                    let demonyms = words.len() == 1 && !capitals;
                    let name = Name {
                        words,
                        capitals,
                        demonyms,
                    };
                    if !out.contains(&name) {
                        out.push(name);
                    }
                }
                out
            })
            .filter(|names| !names.is_empty())
            .collect();
        Names { actors }
    }

    /// Per actor that `text`'s words name, the actor's index and the first words that
    /// name it, as written.
    fn named(&self, text: &[Word]) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        for (k, names) in self.actors.iter().enumerate() {
            let first = (0..text.len())
                .filter_map(|at| {
                    names
                        .iter()
                        .find(|n| n.matches(&text[at..]))
                        .map(|n| (at, n.words.len()))
                })
                .next();
            if let Some((at, len)) = first {
                let shown: Vec<&str> = text[at..at + len]
                    .iter()
                    .map(|w| w.shown.as_str())
                    .collect();
                out.push((k, shown.join(" ")));
            }
        }
        out
    }
}

impl Name {
    /// Whether `text` starts with this name (or the word for its people).
    fn matches(&self, text: &[Word]) -> bool {
        self.words.len() <= text.len()
            && self.words.iter().zip(text).all(|(n, w)| {
                if self.capitals {
                    *n == w.base
                } else {
                    *n == w.lower || (self.demonyms && is_demonym(n, &w.lower))
                }
            })
    }
}

/// Whether `word` is the word for the people of `name` (both in lower case): see
/// [`DEMONYM_ENDINGS`].
fn is_demonym(name: &str, word: &str) -> bool {
    let ends = |stem: &str, endings: &[&str]| {
        word.strip_prefix(stem)
            .is_some_and(|rest| endings.contains(&rest))
    };
    if ends(name, DEMONYM_ENDINGS) {
        return true;
    }
    match name.strip_suffix(['a', 'e', 'y']) {
        Some(stem) if name.ends_with('y') => ends(stem, DEMONYM_ENDINGS) || ends(stem, &["", "s"]),
        Some(stem) => ends(stem, DEMONYM_ENDINGS),
        None => false,
    }
}

/// The differences of meaning between `quote` and `replacement`, in the order
/// negation, number, party; empty when the replacement says the same as far as these
/// words tell.
pub fn compare(quote: &str, replacement: &str, names: &Names) -> Vec<Finding> {
    let (old, new) = (words(quote), words(replacement));
    let mut out = Vec::new();
    let keyed = |ws: &[Word], key: fn(&Word) -> Option<String>| -> Vec<(String, String)> {
        ws.iter()
            .filter_map(|w| key(w).map(|k| (k, w.shown.clone())))
            .collect()
    };
    for (change, key) in [
        (Change::Negation, negation as fn(&Word) -> Option<String>),
        (Change::Number, number),
    ] {
        let (dropped, added) = difference(keyed(&old, key), keyed(&new, key));
        if !dropped.is_empty() || !added.is_empty() {
            out.push(Finding {
                change,
                dropped,
                added,
            });
        }
    }
    let (dropped, added) = difference(
        names
            .named(&old)
            .into_iter()
            .map(|(k, s)| (k.to_string(), s))
            .collect(),
        names
            .named(&new)
            .into_iter()
            .map(|(k, s)| (k.to_string(), s))
            .collect(),
    );
    if !dropped.is_empty() || !added.is_empty() {
        out.push(Finding {
            change: Change::Party,
            dropped,
            added,
        });
    }
    out
}

/// The words (as shown) of the `(key, shown)` pairs of `old` whose key `new` has not
/// (counting each key as often as it occurs), and the reverse.
fn difference(
    old: Vec<(String, String)>,
    new: Vec<(String, String)>,
) -> (Vec<String>, Vec<String>) {
    let mut unused: Vec<Option<(String, String)>> = new.into_iter().map(Some).collect();
    let mut dropped = Vec::new();
    for (key, shown) in old {
        match unused
            .iter_mut()
            .find(|n| n.as_ref().is_some_and(|(k, _)| *k == key))
        {
            Some(slot) => *slot = None,
            None => dropped.push(shown),
        }
    }
    let added = unused
        .into_iter()
        .flatten()
        .map(|(_, shown)| shown)
        .collect();
    (dropped, added)
}

/// A word of a text.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Word {
    /// As written (curly apostrophes straight).
    shown: String,
    /// Without the periods of an abbreviation (`U.S.` is `US`) and a possessive `'s`
    /// (`Russia's` is `Russia`); case kept.
    base: String,
    /// `base` in lower case.
    lower: String,
}

/// Whether `c` may continue a word between `before` and `after`.
fn joins(c: char, before: char, after: char) -> bool {
    match c {
        '\'' => before.is_alphabetic() && after.is_alphabetic(),
        '.' => before.is_alphanumeric() && after.is_alphanumeric(),
        ',' => before.is_ascii_digit() && after.is_ascii_digit(),
        _ => false,
    }
}

/// The words of `text`, in order (see the module's description).
fn words(text: &str) -> Vec<Word> {
    let chars: Vec<char> = text
        .chars()
        .map(|c| super::normalize::fold(c).unwrap_or(' '))
        .collect();
    let mut out = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let inner = i > 0
            && i + 1 < chars.len()
            && !current.is_empty()
            && joins(c, chars[i - 1], chars[i + 1]);
        if c.is_alphanumeric() || inner {
            current.push(c);
        } else if !current.is_empty() {
            out.push(word(std::mem::take(&mut current)));
        }
    }
    if !current.is_empty() {
        out.push(word(current));
    }
    out
}

/// A [`Word`] of the characters `shown`.
fn word(shown: String) -> Word {
    let mut base = if shown.chars().any(|c| c.is_ascii_digit()) {
        shown.clone()
    } else {
        shown.replace('.', "")
    };
    for possessive in ["'s", "'S"] {
        if let Some(stem) = base.strip_suffix(possessive) {
            base = stem.to_string();
        }
    }
    let lower = base.to_lowercase();
    Word { shown, base, lower }
}

/// The negation `w` is, as one key for the words that mean the same (`not` for `not`,
/// `n't` and `cannot`).
fn negation(w: &Word) -> Option<String> {
    if w.lower.ends_with(CONTRACTION) || w.lower == "cannot" {
        return Some("not".into());
    }
    NEGATIONS
        .contains(&w.lower.as_str())
        .then(|| w.lower.clone())
}

/// The number `w` is, as its value (digits without thousands commas, or the value of
/// a number word).
fn number(w: &Word) -> Option<String> {
    if w.lower.chars().any(|c| c.is_ascii_digit()) {
        return Some(w.lower.replace(',', ""));
    }
    NUMBER_WORDS
        .iter()
        .find(|(word, _)| *word == w.lower)
        .map(|(_, value)| (*value).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn names() -> Names {
        Names::new([
            vec!["us", "United States", "US"],
            vec!["ru", "Russia", "RU"],
            vec!["ua", "Ukraine", "UA"],
            vec!["europe", "Europe", "Europe"],
            vec!["France"],
            vec!["Germany"],
        ])
    }

    /// The findings of replacing `a` by `b`, as the hint shows them.
    fn said(a: &str, b: &str) -> Vec<String> {
        compare(a, b, &names())
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn a_negation_dropped_added_or_changed() {
        assert_eq!(
            said(
                "they would not accept a formal recognition",
                "they would accept a formal recognition"
            ),
            ["a negation dropped: \"not\""]
        );
        assert_eq!(
            said("Kyiv will agree", "Kyiv will never agree"),
            ["a negation added: \"never\""]
        );
        assert_eq!(
            said("they would not accept", "they would never accept"),
            ["a negation changed: \"not\" became \"never\""]
        );
        assert_eq!(
            said("a binding deal", "a non-binding deal"),
            ["a negation added: \"non\""]
        );
        for (a, b) in [
            ("no deal", "a deal"),
            ("neither side", "either side"),
            ("nor Kyiv", "or Kyiv"),
            ("none of it", "all of it"),
            ("nobody agreed", "somebody agreed"),
            ("nothing changed", "something changed"),
            ("without conditions", "with conditions"),
            ("it cannot hold", "it can hold"),
            ("nowhere near", "somewhere near"),
        ] {
            assert_eq!(compare(a, b, &names())[0].change, Change::Negation, "{a}");
        }
    }

    #[test]
    fn contractions_count_with_curly_apostrophes_and_in_any_case() {
        assert_eq!(
            said("they won’t sign", "they will sign"),
            ["a negation dropped: \"won't\""]
        );
        assert_eq!(said("DON'T", "do"), ["a negation dropped: \"DON'T\""]);
        // One negation written three ways: nothing changes.
        for (a, b) in [
            ("it cannot hold", "it can't hold"),
            ("it can not hold", "it cannot hold"),
            ("they wouldn't sign", "they would not sign"),
            ("Not now", "not now"),
        ] {
            assert!(said(a, b).is_empty(), "{a} / {b}");
        }
    }

    #[test]
    fn whole_words_only() {
        for (a, b) in [
            ("a notable step", "a table step"),
            ("they know", "they knew"),
            ("a nonce word", "a word"),
            ("someone said", "somebody said"),
            ("oftentimes", "often"),
            ("a tone of", "a tune of"),
            ("Russian", "Russians"),
            ("they told us", "they told them"),
            ("the bus", "the car"),
            ("a method", "the method"),
        ] {
            assert!(said(a, b).is_empty(), "{a} / {b}: {:?}", said(a, b));
        }
    }

    #[test]
    fn numbers_in_digits_and_words() {
        assert_eq!(
            said("12 people were freed", "13 people were freed"),
            ["a number changed: \"12\" became \"13\""]
        );
        assert_eq!(
            said("three prisoners", "four prisoners"),
            ["a number changed: \"three\" became \"four\""]
        );
        assert_eq!(
            said("a 30-day ceasefire", "a ceasefire"),
            ["a number dropped: \"30\""]
        );
        assert_eq!(
            said("the first round", "the second round"),
            ["a number changed: \"first\" became \"second\""]
        );
        assert_eq!(
            said("3 million", "3 billion"),
            ["a number changed: \"million\" became \"billion\""]
        );
        assert_eq!(
            said("dozens of drones", "hundreds of drones"),
            ["a number changed: \"dozens\" became \"hundreds\""]
        );
        assert_eq!(said("a 3.5% rise", "a 3.6% rise").len(), 1);
        // The same number written otherwise is no change.
        for (a, b) in [
            ("12 people", "twelve people"),
            ("a dozen people", "12 people"),
            ("1,000 troops", "1000 troops"),
            ("the 1st round", "the first round"),
            ("Ten days", "10 days"),
            ("twenty-five", "20 5"),
        ] {
            assert!(said(a, b).is_empty(), "{a} / {b}: {:?}", said(a, b));
        }
    }

    #[test]
    fn parties_by_any_of_their_names() {
        assert_eq!(
            said("Russia rejected the plan", "Ukraine rejected the plan"),
            ["a party changed: \"Russia\" became \"Ukraine\""]
        );
        assert_eq!(
            said("the US and Russia agreed", "Russia agreed"),
            ["a party dropped: \"US\""]
        );
        assert_eq!(
            said("France objected", "Germany objected"),
            ["a party changed: \"France\" became \"Germany\""]
        );
        // Another name of the same party, a possessive, an abbreviation, other case.
        for (a, b) in [
            ("the United States proposed", "the US proposed"),
            ("the U.S. proposed", "the US proposed"),
            ("Russia's demands", "the demands of Russia"),
            ("RUSSIA said", "Russia said"),
            ("Europe and Europe", "Europe"),
        ] {
            assert!(said(a, b).is_empty(), "{a} / {b}: {:?}", said(a, b));
        }
        // The word for a party's people names it; a word that only begins like it
        // does not.
        assert_eq!(
            said("Russian troops advanced", "Ukrainian troops advanced"),
            ["a party changed: \"Russian\" became \"Ukrainian\""]
        );
        assert_eq!(
            said("European leaders met", "leaders met"),
            ["a party dropped: \"European\""]
        );
        assert_eq!(
            said("German officials said", "French officials said"),
            ["a party dropped: \"German\""]
        );
        for (a, b) in [
            ("Russia's demands", "the Russian demands"),
            ("the Russians said", "Russia said"),
            ("Ukraine's army", "the Ukrainian army"),
            ("Germany said", "the Germans said"),
            ("a franc", "a coin"),
            ("Russell said", "Ross said"),
            ("Europa", "Eurostar"),
        ] {
            assert!(said(a, b).is_empty(), "{a} / {b}: {:?}", said(a, b));
        }
        // A short name in lower case is a word, not the party.
        assert!(said("they told us", "they told them").is_empty());
        assert_eq!(
            said("they told us", "they told US"),
            ["a party added: \"US\""]
        );
        // No names, no party findings.
        assert!(compare("Russia", "Ukraine", &Names::default()).is_empty());
    }

    #[test]
    fn several_kinds_in_order() {
        let f = compare(
            "Russia would not free 12 prisoners",
            "Ukraine would free 13 prisoners",
            &names(),
        );
        let kinds: Vec<Change> = f.iter().map(|f| f.change).collect();
        assert_eq!(kinds, [Change::Negation, Change::Number, Change::Party]);
    }

    #[test]
    fn the_json_words() {
        assert_eq!(
            serde_json::to_string(&[Change::Negation, Change::Number, Change::Party]).unwrap(),
            "[\"negation\",\"number\",\"party\"]"
        );
    }

    /// Ordinary words: none a negation, a number or a name, nor made one by joining.
    const PLAIN: &[&str] = &[
        "the",
        "talks",
        "would",
        "accept",
        "a",
        "formal",
        "recognition",
        "of",
        "control",
        "said",
        "envoy",
        "plan",
        "territory",
        "ceasefire",
        "demands",
        "Kremlin",
        "Kyiv",
        "proposal",
        "rejected",
        "talked",
        "on",
        "in",
        "and",
        "notable",
        "known",
        "stone",
        "bus",
        "us",
        "nonce",
        "everyone",
        "someone",
    ];

    /// Words that are a negation, a number or a party.
    const MARKED: &[&str] = &[
        "not",
        "never",
        "won't",
        "cannot",
        "no",
        "12",
        "three",
        "first",
        "1,000",
        "Russia",
        "US",
        "United States",
        "France",
    ];

    fn text(words: &[usize], marked: &[(usize, usize)], sep: &[&str]) -> String {
        let mut out: Vec<&str> = words.iter().map(|&i| PLAIN[i % PLAIN.len()]).collect();
        for &(at, m) in marked {
            out.insert(at % (out.len() + 1), MARKED[m % MARKED.len()]);
        }
        let mut s = String::new();
        for (i, w) in out.iter().enumerate() {
            if i > 0 {
                s.push_str(sep[i % sep.len()]);
            }
            s.push_str(w);
        }
        s
    }

    proptest! {
        /// A replacement that changes only ordinary words (and where the words are)
        /// is never flagged, whatever negations, numbers and parties both share.
        #[test]
        fn ordinary_changes_are_never_flagged(
            a in proptest::collection::vec(0..PLAIN.len(), 0..12),
            b in proptest::collection::vec(0..PLAIN.len(), 0..12),
            marked in proptest::collection::vec((0..20usize, 0..MARKED.len()), 0..4),
            moved in proptest::collection::vec(0..20usize, 4),
        ) {
            let old = text(&a, &marked, &[" ", ", ", " - ", ". "]);
            let shifted: Vec<(usize, usize)> =
                marked.iter().zip(moved.iter().cycle()).map(|(&(_, m), &at)| (at, m)).collect();
            let new = text(&b, &shifted, &[" ", "; ", "\n", " ("]);
            prop_assert!(compare(&old, &new, &names()).is_empty(), "{} / {}", old, new);
        }

        /// Adding one negation, number or party to ordinary words is always flagged,
        /// and as what it is.
        #[test]
        fn one_marked_word_added_is_flagged(
            a in proptest::collection::vec(0..PLAIN.len(), 0..12),
            at in 0..20usize,
            m in 0..MARKED.len(),
        ) {
            let old = text(&a, &[], &[" "]);
            let new = text(&a, &[(at, m)], &[" "]);
            let found = compare(&old, &new, &names());
            prop_assert_eq!(found.len(), 1, "{} / {}", old, new);
            let want = match m {
                0..=4 => Change::Negation,
                5..=8 => Change::Number,
                _ => Change::Party,
            };
            prop_assert_eq!(found[0].change, want);
            prop_assert!(found[0].dropped.is_empty());
        }
    }
}
