//! Whether a quote's replacement says something else: a negation added or dropped, a
//! number changed, a named party changed.
//!
//! `stances check --fix` replaces a quote that is no longer in its source by the run of
//! the source's words most like it. Most such changes are typos, a corrected spelling, a
//! word of style; but "they would not accept" and "they would accept" are over 90%
//! alike. [`compare`] finds the differences that change what a quote says, by its words:
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
//! A number word or a party's name that is a word of the other text with one letter
//! more or less (`Ukrain` and `Ukraine`, `thre` and `three`; the shorter of at least
//! four letters) is taken as respelled, not changed: the usual typo a corrected source
//! fixes. Numbers in digits and negations are never taken as respelled (`now` and `not`
//! are one letter apart).
//!
//! Words are runs of letters and digits; an apostrophe between two letters stays in the
//! word (`wouldn't`), as do a period between letters or digits (`U.S.`, `3.5`) and a
//! comma between digits (`1,000`); hyphens and everything else separate words. Curly
//! apostrophes count as straight ones, and matching is by whole words only: `not` is no
//! negation inside `notable`, nor `no` inside `know`. Counts matter, not places: a
//! negation that moves within the quote is not seen, nor is a change of wording that
//! reverses the sense without one of these words (`accepted` for `rejected`).

use rustc_hash::FxHashMap;
use serde::Serialize;
use std::borrow::Cow;
use std::fmt;
use std::sync::LazyLock;

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

/// The endings that make a one-word name (of more than three letters) the word
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

/// The names that count as parties: a list of actors, each with the names it goes by,
/// indexed by the word a text must have where each name starts.
#[derive(Clone, Debug, Default)]
pub struct Names {
    /// By the first word of a name (in capitals for a short name, else in lower case,
    /// and every word for the people of a one-word name), the names that start so.
    starts: FxHashMap<String, Vec<Start>>,
}

/// A name starting with a given word.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Start {
    /// The actor it names.
    actor: usize,
    /// Its other words, in lower case.
    rest: Vec<String>,
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
        let mut out = Names::default();
        for (actor, names) in actors.into_iter().enumerate() {
            for name in names {
                let text = folded(name.as_ref());
                let words: Vec<Word> = words(&text);
                match words.as_slice() {
                    [] => {}
                    [w] if w.base.chars().count() <= SHORT_NAME => {
                        out.add(w.base.to_uppercase(), actor, Vec::new());
                    }
                    [w] => {
                        for form in peoples(&w.lower).into_iter().chain([w.lower.to_string()]) {
                            out.add(form, actor, Vec::new());
                        }
                    }
                    [first, rest @ ..] => {
                        let rest = rest.iter().map(|w| w.lower.to_string()).collect();
                        out.add(first.lower.to_string(), actor, rest);
                    }
                }
            }
        }
        out
    }

    /// Adds a name of `actor` starting with `first`, unless it is there.
    fn add(&mut self, first: String, actor: usize, rest: Vec<String>) {
        let starts = self.starts.entry(first).or_default();
        let start = Start { actor, rest };
        if !starts.contains(&start) {
            starts.push(start);
        }
    }

    /// Per actor that `text`'s words name, the actor's index and the first words that
    /// name it, as written; in the order of the actors.
    fn named(&self, text: &[Word]) -> Vec<(usize, String)> {
        // Few actors are named in a quote: a list, not one slot per actor.
        let mut first: Vec<(usize, String)> = Vec::new();
        for (at, w) in text.iter().enumerate() {
            // A short name is looked up as written, any other in lower case.
            let keys = [Some(&*w.base), (w.lower != w.base).then_some(&*w.lower)];
            for starts in keys
                .into_iter()
                .flatten()
                .filter_map(|k| self.starts.get(k))
            {
                for s in starts {
                    let end = at + 1 + s.rest.len();
                    let named = !first.iter().any(|(k, _)| *k == s.actor)
                        && end <= text.len()
                        && s.rest
                            .iter()
                            .zip(&text[at + 1..end])
                            .all(|(r, w)| **r == *w.lower);
                    if named {
                        let shown: Vec<&str> = text[at..end].iter().map(|w| w.shown).collect();
                        first.push((s.actor, shown.join(" ")));
                    }
                }
            }
        }
        first.sort_by_key(|(k, _)| *k);
        first
    }
}

/// The words for the people of the one-word name `name` (in lower case): see
/// [`DEMONYM_ENDINGS`].
fn peoples(name: &str) -> Vec<String> {
    let mut out: Vec<String> = DEMONYM_ENDINGS
        .iter()
        .map(|e| format!("{name}{e}"))
        .collect();
    if let Some(stem) = name.strip_suffix(['a', 'e', 'y']) {
        out.extend(DEMONYM_ENDINGS.iter().map(|e| format!("{stem}{e}")));
        if name.ends_with('y') {
            out.extend([stem.to_string(), format!("{stem}s")]);
        }
    }
    out
}

/// The differences of meaning between `quote` and `replacement`, in the order
/// negation, number, party; empty when the replacement says the same as far as these
/// words tell.
pub fn compare(quote: &str, replacement: &str, names: &Names) -> Vec<Finding> {
    let (quote, replacement) = (folded(quote), folded(replacement));
    let (old, new) = (words(&quote), words(&replacement));
    let keyed = |ws: &[Word], key: fn(&Word) -> Option<String>| -> Vec<(String, String)> {
        ws.iter()
            .filter_map(|w| key(w).map(|k| (k, w.shown.to_string())))
            .collect()
    };
    let actors = |ws: &[Word]| -> Vec<(String, String)> {
        names
            .named(ws)
            .into_iter()
            .map(|(k, s)| (k.to_string(), s))
            .collect()
    };
    let found = [
        (
            Change::Negation,
            difference(keyed(&old, negation), keyed(&new, negation)),
        ),
        (
            Change::Number,
            difference(keyed(&old, number), keyed(&new, number)),
        ),
        (Change::Party, difference(actors(&old), actors(&new))),
    ];
    found
        .into_iter()
        .filter_map(|(change, (dropped, added))| {
            // A negation is a short word: one letter more or less is another word.
            let marked = |w: &Word| match change {
                Change::Negation => negation(w).is_some(),
                Change::Number => number(w).is_some(),
                Change::Party => !names.named(std::slice::from_ref(w)).is_empty(),
            };
            let (dropped, added) = if change == Change::Negation {
                (dropped, added)
            } else {
                (
                    respelled(dropped, &old, &new, &marked),
                    respelled(added, &new, &old, &marked),
                )
            };
            (!dropped.is_empty() || !added.is_empty()).then_some(Finding {
                change,
                dropped,
                added,
            })
        })
        .collect()
}

/// Of `items` (numbers or party names, as written in `own`), those that are not a word
/// of `other` respelled. A respelled item has no digit, and each of its words is a
/// word that `other` has and `own` lacks, not `marked` (not a number, or not a party's
/// name, itself), with a letter more or less ([`one_letter_apart`]: `Ukrain` for
/// `Ukraine`, `thre` for `three`); in a name of several words, the others may be
/// words `other` has too (`Unted States` for `United States`).
fn respelled(
    items: Vec<String>,
    own: &[Word],
    other: &[Word],
    marked: &dyn Fn(&Word) -> bool,
) -> Vec<String> {
    if items.is_empty() {
        return items;
    }
    let mut spare: Vec<&str> = other
        .iter()
        .filter(|w| !marked(w) && !own.iter().any(|o| o.lower == w.lower))
        .map(|w| &*w.lower)
        .collect();
    items
        .into_iter()
        .filter(|item| {
            if item.chars().any(|c| c.is_ascii_digit()) {
                return true;
            }
            let words = words(item);
            let mut respelled = 0;
            for w in &words {
                if words.len() > 1 && other.iter().any(|o| o.lower == w.lower) {
                    continue;
                }
                match spare.iter().position(|s| one_letter_apart(s, &w.lower)) {
                    Some(i) => {
                        spare.swap_remove(i);
                        respelled += 1;
                    }
                    None => return true,
                }
            }
            respelled == 0
        })
        .collect()
}

/// The shortest word taken as respelled when a letter is added or dropped.
const RESPELLED: usize = 4;

/// Whether one of `a` and `b` is the other with one letter more, the shorter at least
/// [`RESPELLED`] letters long.
fn one_letter_apart(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
    if short.len() < RESPELLED || long.len() != short.len() + 1 {
        return false;
    }
    let same = short.iter().zip(&long).take_while(|(x, y)| x == y).count();
    short[same..] == long[same + 1..]
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

/// A word of a text, borrowed from its [`folded`] form.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Word<'a> {
    /// As written (curly apostrophes straight).
    shown: &'a str,
    /// Without the periods of an abbreviation (`U.S.` is `US`) and a possessive `'s`
    /// (`Russia's` is `Russia`); case kept.
    base: Cow<'a, str>,
    /// `base` in lower case.
    lower: Cow<'a, str>,
}

/// `text` with curly apostrophes and quotes straight, dashes as `-` and every white
/// space character a space, which [`words`] cuts into words.
fn folded(text: &str) -> String {
    text.chars()
        .map(|c| super::normalize::fold(c).unwrap_or(' '))
        .collect()
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

/// The words of the [`folded`] text `text`, in order (see the module's description).
fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut before = ' ';
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let after = chars.peek().map_or(' ', |&(_, c)| c);
        if c.is_alphanumeric() || (start.is_some() && joins(c, before, after)) {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push(word(&text[s..i]));
        }
        before = c;
    }
    if let Some(s) = start {
        out.push(word(&text[s..]));
    }
    out
}

/// The [`Word`] written `shown`.
fn word(shown: &str) -> Word<'_> {
    let mut base = if shown.contains('.') && !shown.bytes().any(|b| b.is_ascii_digit()) {
        Cow::Owned(shown.replace('.', ""))
    } else {
        Cow::Borrowed(shown)
    };
    if base.ends_with("'s") || base.ends_with("'S") {
        match &mut base {
            Cow::Borrowed(s) => *s = &s[..s.len() - 2],
            Cow::Owned(s) => s.truncate(s.len() - 2),
        }
    }
    let lower_already = base.chars().all(|c| {
        let mut l = c.to_lowercase();
        l.next() == Some(c) && l.next().is_none()
    });
    let lower = if lower_already {
        base.clone()
    } else {
        Cow::Owned(base.to_lowercase())
    };
    Word { shown, base, lower }
}

/// The negation `w` is, as one key for the words that mean the same (`not` for `not`,
/// `n't` and `cannot`).
fn negation(w: &Word) -> Option<String> {
    if w.lower.ends_with(CONTRACTION) || w.lower == "cannot" {
        return Some("not".into());
    }
    NEGATIONS.contains(&&*w.lower).then(|| w.lower.to_string())
}

/// The number `w` is, as its value (digits without thousands commas, or the value of
/// a number word).
fn number(w: &Word) -> Option<String> {
    static VALUES: LazyLock<FxHashMap<&str, &str>> =
        LazyLock::new(|| NUMBER_WORDS.iter().copied().collect());
    if w.lower.bytes().any(|b| b.is_ascii_digit()) {
        return Some(w.lower.replace(',', ""));
    }
    VALUES.get(&*w.lower).map(|v| (*v).to_string())
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
        // A negation is never taken as a word respelled.
        assert_eq!(
            said("they would now accept", "they would not accept"),
            ["a negation added: \"not\""]
        );
        assert_eq!(
            said("ever again", "never again"),
            ["a negation added: \"never\""]
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
        // A number word respelled by a letter is a typo fixed; digits and short words
        // are numbers changed.
        assert!(said("thre prisoners", "three prisoners").is_empty());
        assert!(said("the fourt round", "the fourth round").is_empty());
        assert_eq!(
            said("for people", "four people"),
            ["a number added: \"four\""]
        );
        assert_eq!(
            said("3,00 troops", "3,000 troops"),
            ["a number changed: \"3,00\" became \"3,000\""]
        );
        assert_eq!(
            said("dozen drones", "dozens drones"),
            ["a number changed: \"dozen\" became \"dozens\""]
        );
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
        // A name respelled by a letter is a typo fixed, not another party; a name of
        // three letters or one with another letter is another word.
        for (a, b) in [
            ("Ukrain rejected it", "Ukraine rejected it"),
            ("Rusia rejected it", "Russia rejected it"),
            ("the Ukrainan army", "the Ukrainian army"),
            ("the Unted States", "the United States"),
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
