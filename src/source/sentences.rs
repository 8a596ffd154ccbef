//! Sentence splitting that knows abbreviations, initials, decimals and quotations.
//!
//! A blank line always ends a paragraph and so a sentence. Whether a single line break
//! ends one depends on the document: in hard-wrapped text (blank lines between
//! paragraphs, or lines of a steady width) it is just a space; in text written one
//! paragraph per line it ends the paragraph, unless the line does not end a sentence
//! (no `.`, `!`, `?`, `…`, `。` at its end): then the sentence goes on on the next line.

use std::ops::Range;

/// Abbreviations (lowercase, without the final dot) that do not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "mx", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "maj",
    "brig", "gov", "sen", "rep", "pres", "amb", "hon", "rev", "fr", "st", "jr", "sr", "messrs",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon",
    "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "vs", "approx", "est",
    "dept", "univ", "fig", "figs", "cf", "al", "ca", "ed", "eds", "vol", "pp", "op", "mt", "ft",
];

/// Dotted abbreviations of several letters (`U.S.`, `U.K.`, `a.m.`) can also end a
/// sentence: they do when one of these words, which usually open one, follows.
const OPENERS: &[&str] = &[
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "As",
    "After",
    "Before",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "But",
    "And",
    "Or",
    "So",
    "Yet",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "Their",
    "His",
    "Her",
    "Its",
    "Our",
    "When",
    "While",
    "If",
    "Although",
    "However",
    "Meanwhile",
    "Earlier",
    "Later",
    "Still",
    "Since",
    "Then",
    "What",
    "Why",
    "How",
    "Who",
    "Some",
    "Many",
    "Most",
    "Both",
    "Each",
    "Such",
    "According",
    "Asked",
];

/// The byte ranges of the sentences of `text[start..]`, trimmed of white space, in order.
pub fn split(text: &str, start: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for para in paragraphs(text, start) {
        split_paragraph(text, para, &mut out);
    }
    out
}

/// The indices of the sentences that overlap the byte range `span`.
pub fn covering(sentences: &[Range<usize>], span: &Range<usize>) -> Range<usize> {
    let first = sentences.partition_point(|s| s.end <= span.start);
    let last = sentences.partition_point(|s| s.start < span.end.max(span.start + 1));
    if first >= last {
        // The span sits between sentences (only white space): take the next one, if any.
        let i = first.min(sentences.len().saturating_sub(1));
        return i..(i + 1).min(sentences.len());
    }
    first..last
}

/// Lines of `text[start..]` as byte ranges without their line break.
fn lines(text: &str, start: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut at = start;
    for line in text[start..].split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        out.push(at..at + body.len());
        at += line.len();
    }
    out
}

/// Paragraphs as byte ranges, trimmed.
fn paragraphs(text: &str, start: usize) -> Vec<Range<usize>> {
    let lines = lines(text, start);
    let blank = |r: &Range<usize>| text[r.clone()].trim().is_empty();
    let has_blank_separator = lines.windows(3).any(|w| !blank(&w[0]) && blank(&w[1]))
        || lines
            .windows(2)
            .any(|w| !blank(&w[0]) && blank(&w[1]) && w[1].end < text.len());
    let wrapped = has_blank_separator || looks_hard_wrapped(text, &lines);
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut current: Option<Range<usize>> = None;
    for line in &lines {
        let trimmed = trim_range(text, line.clone());
        if trimmed.is_empty() {
            out.extend(current.take());
            continue;
        }
        match &mut current {
            Some(p) if wrapped || !ends_sentence(&text[p.clone()]) => p.end = trimmed.end,
            _ => {
                out.extend(current.take());
                current = Some(trimmed);
            }
        }
    }
    out.extend(current);
    out
}

/// True when `s` ends with sentence-final punctuation (closing quotes or brackets after
/// it allowed).
fn ends_sentence(s: &str) -> bool {
    s.trim_end()
        .trim_end_matches(is_closer)
        .chars()
        .next_back()
        .is_some_and(is_terminal)
}

/// True when lines have a steady width, as text wrapped at a fixed column does.
fn looks_hard_wrapped(text: &str, lines: &[Range<usize>]) -> bool {
    let widths: Vec<usize> = lines
        .iter()
        .map(|l| text[l.clone()].trim_end().chars().count())
        .filter(|&w| w > 0)
        .collect();
    if widths.len() < 3 {
        return false;
    }
    let body = &widths[..widths.len() - 1];
    let max = body.iter().copied().max().unwrap_or(0);
    let steady = body.iter().filter(|&&w| w * 10 >= max * 6).count();
    max <= 100 && steady * 10 >= body.len() * 8
}

fn trim_range(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead == s.len() {
        return r.start..r.start;
    }
    r.start + lead..r.end - trail
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '\u{201D}' | '\u{2019}' | ')' | ']' | '»' | '」' | '』' | '）' | '】' | '〕'
    )
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '\u{2026}') || is_cjk_terminal(c)
}

/// Full stops and marks of Chinese and Japanese text, which no space follows.
fn is_cjk_terminal(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '｡')
}

/// The word at the start of `s`, opening quotes and brackets skipped.
fn first_word(s: &str) -> &str {
    let s = s.trim_start_matches(['"', '\'', '\u{201C}', '\u{2018}', '(', '[']);
    let end = s.find(|c: char| !c.is_alphabetic()).unwrap_or(s.len());
    &s[..end]
}

/// True when double quotation marks in the paragraph pair up, so they can be trusted.
fn quotes_balanced(p: &str) -> bool {
    let straight = p.matches('"').count();
    let open = p.matches('\u{201C}').count();
    let close = p.matches('\u{201D}').count();
    straight.is_multiple_of(2) && open == close
}

/// True for the marks that start an item of a list written in running text.
fn is_bullet(c: char) -> bool {
    matches!(c, '•' | '‣' | '⁃' | '◦' | '▪' | '▫' | '●' | '○' | '■' | '□')
}

/// The label of an item of a list written in running text: `3.`, `3)`, `3.)`, `c.`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Label {
    /// A number of one to three digits.
    Number(u16),
    /// A lowercase letter.
    Letter(u8),
}

impl Label {
    /// True when `self` comes right after `previous` (2 after 1, `b` after `a`).
    fn follows(self, previous: Option<Label>) -> bool {
        match (previous, self) {
            (Some(Label::Number(a)), Label::Number(b)) => b == a + 1,
            (Some(Label::Letter(a)), Label::Letter(b)) => b == a + 1,
            _ => false,
        }
    }

    /// True for the first label of a list: `1` or `a`.
    fn is_first(self) -> bool {
        matches!(self, Label::Number(1) | Label::Letter(b'a'))
    }
}

/// The list label at `chars[i..]` and how many characters it takes, punctuation
/// included: one to three digits or a lowercase letter, then `.`, `)` or `.)`, then
/// white space.
fn label_at(chars: &[(usize, char)], i: usize) -> Option<(Label, usize)> {
    let digits = chars[i..]
        .iter()
        .take(4)
        .take_while(|(_, c)| c.is_ascii_digit())
        .count();
    let (label, mut len) = match digits {
        1..=3 => {
            let n = chars[i..i + digits].iter().fold(0u16, |n, (_, c)| {
                n * 10 + c.to_digit(10).unwrap_or(0) as u16
            });
            (Label::Number(n), digits)
        }
        0 => match chars[i].1 {
            c @ 'a'..='z' => (Label::Letter(c as u8), 1),
            _ => return None,
        },
        _ => return None,
    };
    let punct = |j: usize| chars.get(i + j).map(|x| x.1);
    match (punct(len), punct(len + 1)) {
        (Some('.'), Some(')')) => len += 2,
        (Some('.' | ')'), _) => len += 1,
        _ => return None,
    }
    punct(len)
        .is_some_and(char::is_whitespace)
        .then_some((label, len))
}

/// The end of a spaced ellipsis (`. . .`) starting at `chars[i]`, if one does.
fn spaced_ellipsis(chars: &[(usize, char)], i: usize) -> Option<usize> {
    let is = |j: usize, c: char| chars.get(j).is_some_and(|x| x.1 == c);
    let starts_word = i == 0 || chars[i - 1].1.is_whitespace();
    (starts_word
        && is(i, '.')
        && is(i + 1, ' ')
        && is(i + 2, '.')
        && is(i + 3, ' ')
        && is(i + 4, '.'))
    .then_some(i + 5)
}

/// True when a mark whose run of terminal marks and closers ends at `chars[k]` (the
/// first character after the white space that follows it) is followed by a citation
/// in parentheses that ends the sentence itself: `"…" (Smith 55).`
fn citation_follows(chars: &[(usize, char)], k: usize) -> bool {
    if chars.get(k).map(|x| x.1) != Some('(') {
        return false;
    }
    let inside = chars[k + 1..]
        .iter()
        .take(80)
        .take_while(|(_, c)| *c != ')' && !is_terminal(*c));
    let close = k + 1 + inside.count();
    chars.get(close).map(|x| x.1) == Some(')')
        && chars.get(close + 1).is_some_and(|x| is_terminal(x.1))
}

/// Splits one paragraph, `text[para]`, adding its sentences to `out`.
fn split_paragraph(text: &str, para: Range<usize>, out: &mut Vec<Range<usize>>) {
    let p = &text[para.clone()];
    let track_quotes = quotes_balanced(p);
    let chars: Vec<(usize, char)> = p.char_indices().collect();
    let mut in_quote = false;
    let mut sentence_start = 0usize;
    let mut last_label: Option<Label> = None;
    // Ends the sentence before byte `at` of the paragraph, if it has words.
    let cut = |start: &mut usize, at: usize, out: &mut Vec<Range<usize>>| {
        let r = trim_range(text, para.start + *start..para.start + at);
        if text[r.clone()].chars().any(char::is_alphanumeric) {
            out.push(r);
            *start = at;
        }
    };
    let mut i = 0;
    loop {
        // Letters and spaces, most of a text, neither end a sentence nor start an item.
        i += chars[i.min(chars.len())..]
            .iter()
            .take_while(|(_, c)| c.is_ascii_alphabetic() || *c == ' ')
            .count();
        let Some(&(_, c)) = chars.get(i) else {
            break;
        };
        if track_quotes {
            match c {
                '"' => in_quote = !in_quote,
                '\u{201C}' => in_quote = true,
                '\u{201D}' => in_quote = false,
                _ => {}
            }
        }
        // A list written in running text: a bullet, or a label (`3.`, `b)`) that
        // starts a list or follows the one before, starts an item and so a sentence. A
        // letter's label is looked at from its `.` or `)`.
        let item = if c.is_ascii_digit() || is_bullet(c) {
            Some(i)
        } else if matches!(c, '.' | ')') && i > 0 && chars[i - 1].1.is_ascii_lowercase() {
            Some(i - 1)
        } else {
            None
        };
        let word_start =
            |s: usize| s == 0 || chars[s - 1].1.is_whitespace() || is_bullet(chars[s - 1].1);
        if let Some(s) = item.filter(|&s| !in_quote && word_start(s)) {
            let (from, first) = chars[s];
            let next = chars.get(s + 1).map(|x| x.1);
            if is_bullet(first) && next.is_none_or(|n| n.is_whitespace() || n.is_ascii_digit()) {
                cut(&mut sentence_start, from, out);
                i = s + 1;
                continue;
            }
            if let Some((label, len)) = label_at(&chars, s) {
                let before = p[sentence_start..from].trim_end();
                let after_bullet = before.ends_with(is_bullet);
                let item_start =
                    before.trim_start_matches(is_bullet).is_empty() || before.ends_with(':');
                if after_bullet || label.follows(last_label) || (label.is_first() && item_start) {
                    if !after_bullet && !item_start {
                        cut(&mut sentence_start, from, out);
                    }
                    last_label = Some(label);
                    i = s + len;
                    continue;
                }
            }
        }
        if !is_terminal(c) {
            i += 1;
            continue;
        }
        // Ellipses: `. . .` never ends a sentence, though a fourth dot after it may;
        // `...` and `…` end one only before a capital letter.
        let mut ellipsis = false;
        if c == '.' {
            if let Some(e) = spaced_ellipsis(&chars, i) {
                let fourth = chars.get(e).is_some_and(|x| x.1 == ' ')
                    && chars.get(e + 1).is_some_and(|x| x.1 == '.');
                i = if fourth { e + 1 } else { e };
                if !fourth {
                    continue;
                }
            } else {
                let dots = chars[i..].iter().take(4).take_while(|x| x.1 == '.').count();
                ellipsis = dots == 3;
            }
        }
        let c = chars[i].1;
        ellipsis |= c == '\u{2026}';
        let at = chars[i].0;
        // Take the whole run of terminal marks and closing quotes or brackets.
        let mut j = i + 1;
        while j < chars.len() && (is_terminal(chars[j].1) || is_closer(chars[j].1)) {
            if track_quotes {
                match chars[j].1 {
                    '"' => in_quote = !in_quote,
                    '\u{201D}' => in_quote = false,
                    _ => {}
                }
            }
            j += 1;
        }
        let end = chars.get(j).map_or(p.len(), |x| x.0);
        let mut k = j;
        while k < chars.len() && chars[k].1.is_whitespace() {
            k += 1;
        }
        let cjk = is_cjk_terminal(c);
        if k == chars.len() || (k == j && !cjk) {
            // No space after the mark (decimals, "U.S" inside), or the paragraph ends here.
            i = j;
            continue;
        }
        let next = chars[k].1;
        let after = &p[chars[k].0..];
        let ends = !in_quote
            && if cjk {
                true
            } else if ellipsis {
                after
                    .trim_start_matches(['"', '\'', '\u{201C}', '\u{2018}', '«'])
                    .starts_with(char::is_uppercase)
            } else {
                let abbreviation = c == '.' && is_abbreviation(&p[sentence_start..at], after);
                !next.is_lowercase()
                    && !abbreviation
                    && !citation_follows(&chars, k)
                    && !after
                        .trim_start_matches(|c: char| c == '.' || c.is_whitespace() || is_closer(c))
                        .is_empty()
            };
        if ends {
            cut(&mut sentence_start, end, out);
            if sentence_start == end {
                sentence_start = chars[k].0;
            }
        }
        i = k;
    }
    if sentence_start < p.len() {
        let r = trim_range(text, para.start + sentence_start..para.end);
        if !r.is_empty() {
            out.push(r);
        }
    }
}

/// True when the word before a full stop is an abbreviation or an initial that does
/// not end the sentence here, `after` being the text after it.
fn is_abbreviation(before: &str, after: &str) -> bool {
    let mut words = before.rsplit(|c: char| c.is_whitespace());
    let word = words
        .next()
        .unwrap_or("")
        .trim_start_matches(['(', '"', '\'', '\u{201C}', '\u{2018}', '[']);
    if word.is_empty() {
        return false;
    }
    // "you and I." is the pronoun; "Albert I. Jones" an initial.
    if word == "I" {
        let previous = words.find(|w| !w.is_empty());
        if previous.is_some_and(|w| w.starts_with(char::is_lowercase)) {
            return false;
        }
    }
    let lower = word.to_lowercase();
    // Initials (J. R. Smith) and dotted abbreviations (U.S., e.g., a.m.).
    let letters_only = word.chars().all(|c| c.is_alphabetic() || c == '.');
    let segments_single = word.split('.').all(|s| s.chars().count() <= 1);
    if letters_only && segments_single && word.chars().next().is_some_and(char::is_alphabetic) {
        let dotted = word.contains('.');
        return !(dotted && OPENERS.contains(&first_word(after)));
    }
    if matches!(lower.as_str(), "no" | "nos" | "n°" | "nº" | "art" | "sec") {
        return after.starts_with(|c: char| c.is_ascii_digit());
    }
    ABBREVIATIONS.contains(&lower.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split(text, 0).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn keeps_abbreviations_initials_and_decimals() {
        let t = "U.S. Special Envoy Steve Witkoff is expected to meet Mr. Putin at 3.5 p.m. on Jan. 5. He met Gen. J. R. Smith. It cost $2.5 billion, e.g. more than before.";
        assert_eq!(
            sentences(t),
            [
                "U.S. Special Envoy Steve Witkoff is expected to meet Mr. Putin at 3.5 p.m. on Jan. 5.",
                "He met Gen. J. R. Smith.",
                "It cost $2.5 billion, e.g. more than before."
            ]
        );
    }

    #[test]
    fn keeps_quotations_whole() {
        let t = "Zelensky said no. \"This violates our Constitution. This is our territory,\" he said. “Get this DONE!” he wrote. Is it? Yes!";
        assert_eq!(
            sentences(t),
            [
                "Zelensky said no.",
                "\"This violates our Constitution. This is our territory,\" he said.",
                "“Get this DONE!” he wrote.",
                "Is it?",
                "Yes!"
            ]
        );
    }

    #[test]
    fn one_paragraph_per_line_ends_at_each_line_that_ends_a_sentence() {
        let t = "First line.\nSecond line. Third here!\n“Quoted.”\nLast one without stop\n";
        assert_eq!(
            sentences(t),
            [
                "First line.",
                "Second line.",
                "Third here!",
                "“Quoted.”",
                "Last one without stop"
            ]
        );
    }

    #[test]
    fn a_sentence_broken_over_two_lines_is_one() {
        // One paragraph per line, of very different lengths: not hard-wrapped text.
        let first = "Russia has rejected a U.S. proposal for a 30-day ceasefire and continues its attacks on Ukrainian cities, officials in Kyiv said on Monday.";
        let t = format!(
            "{first}\nZelensky said Kyiv would only attend talks\nafter a full ceasefire had taken effect.\nMoscow did not answer at once, a spokesman said later that day in a short statement.\n"
        );
        assert!(!looks_hard_wrapped(&t, &lines(&t, 0)));
        assert_eq!(
            sentences(&t),
            [
                first,
                "Zelensky said Kyiv would only attend talks\nafter a full ceasefire had taken effect.",
                "Moscow did not answer at once, a spokesman said later that day in a short statement."
            ]
        );
        // A blank line still ends it.
        let t = "A heading without a stop\n\nThe text starts here.\nAnd goes on.";
        assert_eq!(
            sentences(t),
            [
                "A heading without a stop",
                "The text starts here.",
                "And goes on."
            ]
        );
    }

    #[test]
    fn a_dotted_abbreviation_ends_a_sentence_before_an_opening_word() {
        let t = "Witkoff flew back to the U.S. The talks resume on Monday. U.S. Special Envoy Steve Witkoff is expected in Moscow. He left at 9 a.m. It was late.";
        assert_eq!(
            sentences(t),
            [
                "Witkoff flew back to the U.S.",
                "The talks resume on Monday.",
                "U.S. Special Envoy Steve Witkoff is expected in Moscow.",
                "He left at 9 a.m.",
                "It was late."
            ]
        );
        // Initials and titles still never end one.
        assert_eq!(
            sentences("He met J. The Younger and Mr. A Smith."),
            ["He met J. The Younger and Mr. A Smith."]
        );
        assert_eq!(
            sentences("See art. 5 and no. 7 of it."),
            ["See art. 5 and no. 7 of it."]
        );
    }

    #[test]
    fn cjk_sentences_end_at_their_marks_without_a_space() {
        assert_eq!(
            sentences("双方将在下周继续会谈。停火协议仍未签署。"),
            ["双方将在下周继续会谈。", "停火协议仍未签署。"]
        );
        assert_eq!(
            sentences("他说：「我们不会让步！」会谈结束了吗？还没有。"),
            ["他说：「我们不会让步！」", "会谈结束了吗？", "还没有。"]
        );
    }

    #[test]
    fn hard_wrapped_lines_join_and_blank_lines_split() {
        let t = "The plan reportedly includes recognition\nof Crimea and barring Ukraine from\njoining NATO. Kyiv said no\n\nA heading\n\nNext paragraph.";
        assert_eq!(
            sentences(t),
            [
                "The plan reportedly includes recognition\nof Crimea and barring Ukraine from\njoining NATO.",
                "Kyiv said no",
                "A heading",
                "Next paragraph."
            ]
        );
    }

    #[test]
    fn ellipses_never_split_a_sentence_into_dots() {
        assert_eq!(
            sentences(
                "He was weakened . . . and then compounds. . . . The practice was not abandoned. . . ."
            ),
            [
                "He was weakened . . . and then compounds.",
                ". . . The practice was not abandoned. . . ."
            ]
        );
        assert_eq!(
            sentences("It ends with a period . . . . Next one. I mean...see . . . I didn’t."),
            [
                "It ends with a period . . . .",
                "Next one.",
                "I mean...see . . . I didn’t."
            ]
        );
        assert_eq!(
            sentences("He paused... Then he left. So… “No,” he said. Wait… and see."),
            [
                "He paused...",
                "Then he left.",
                "So…",
                "“No,” he said.",
                "Wait… and see."
            ]
        );
        assert_eq!(
            sentences("\"Bohr [...] used stairways [...]\" (Smith 55)."),
            ["\"Bohr [...] used stairways [...]\" (Smith 55)."]
        );
        assert_eq!(sentences("... And then. . . ."), ["... And then. . . ."]);
    }

    #[test]
    fn lists_in_running_text_are_split_into_items() {
        assert_eq!(
            sentences(
                "The plan has three points: 1. A ceasefire 2. An exchange of prisoners 3. Talks in May."
            ),
            [
                "The plan has three points: 1. A ceasefire",
                "2. An exchange of prisoners",
                "3. Talks in May."
            ]
        );
        assert_eq!(
            sentences("1) Troops withdraw. 2) Sanctions ease. Options: a) first b) second"),
            [
                "1) Troops withdraw.",
                "2) Sanctions ease.",
                "Options: a) first",
                "b) second"
            ]
        );
        assert_eq!(
            sentences("Demands: • 9. No NATO • 10. Crimea recognized"),
            ["Demands:", "• 9. No NATO", "• 10. Crimea recognized"]
        );
        // A number or a letter that is not a label keeps its full stop.
        assert_eq!(
            sentences("The vote was 52 to 48. The motion passed on Jan. 1. Then they left."),
            [
                "The vote was 52 to 48.",
                "The motion passed on Jan. 1.",
                "Then they left."
            ]
        );
    }

    #[test]
    fn the_pronoun_i_and_numbered_abbreviations() {
        assert_eq!(
            sentences("We make a good team, you and I. Did you see Albert I. Jones yesterday?"),
            [
                "We make a good team, you and I.",
                "Did you see Albert I. Jones yesterday?"
            ]
        );
        assert_eq!(
            sentences("It is at N°. 1026.253.553. That is where."),
            ["It is at N°. 1026.253.553.", "That is where."]
        );
        // A parenthetical that is a sentence of its own stays one.
        assert_eq!(
            sentences("He said no. (The talks go on.) They met."),
            ["He said no.", "(The talks go on.)", "They met."]
        );
    }

    proptest::proptest! {
        /// Sentences are in order, do not overlap, are trimmed and hold words, and
        /// together hold every character of the text that is not white space.
        #[test]
        fn sentences_cover_the_text_in_order(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "a", "I", "U.S.", "Mr.", "1.", "2.", "b)", ". . .", "...", "…", ".", "?", "!",
                " ", " ", "\n", "\n\n", "\"", "“", "”", "(", ")", "•", "。", "Word", "word", "42",
            ]), 0..40)
        ) {
            let text: String = parts.concat();
            let found = split(&text, 0);
            let mut last = 0;
            for r in &found {
                proptest::prop_assert!(last <= r.start && r.start < r.end && r.end <= text.len());
                let s = &text[r.clone()];
                proptest::prop_assert_eq!(s.trim(), s);
                last = r.end;
            }
            for (at, c) in text.char_indices().filter(|(_, c)| !c.is_whitespace()) {
                proptest::prop_assert!(
                    found.iter().any(|r| r.contains(&at)),
                    "{:?} at {} is in no sentence of {:?}", c, at, text
                );
            }
        }
    }

    #[test]
    fn crlf_and_offsets_are_exact() {
        let t = "  One.  Two?\r\n\r\nThree";
        let s = split(t, 0);
        assert_eq!(s, vec![2..6, 8..12, 16..21]);
        assert_eq!(covering(&s, &(9..11)), 1..2);
        assert_eq!(covering(&s, &(3..10)), 0..2);
        assert_eq!(covering(&s, &(6..8)), 1..2);
    }
}
