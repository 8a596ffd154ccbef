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

fn split_paragraph(text: &str, para: Range<usize>, out: &mut Vec<Range<usize>>) {
    let p = &text[para.clone()];
    let track_quotes = quotes_balanced(p);
    let chars: Vec<(usize, char)> = p.char_indices().collect();
    let mut in_quote = false;
    let mut sentence_start = 0usize;
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if track_quotes {
            match c {
                '"' => in_quote = !in_quote,
                '\u{201C}' => in_quote = true,
                '\u{201D}' => in_quote = false,
                _ => {}
            }
        }
        if !is_terminal(c) {
            i += 1;
            continue;
        }
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
        let after = &p[chars[k].0..];
        let abbreviation = c == '.' && is_abbreviation(&p[sentence_start..at], after);
        let lower = chars[k].1.is_lowercase();
        let ends = !in_quote && (cjk || (!lower && !abbreviation));
        if ends {
            out.push(para.start + sentence_start..para.start + end);
            sentence_start = chars[k].0;
        }
        i = k;
    }
    if sentence_start < p.len() {
        out.push(trim_range(text, para.start + sentence_start..para.end));
    }
}

/// True when the word before a full stop is an abbreviation or an initial that does
/// not end the sentence here, `after` being the text after it.
fn is_abbreviation(before: &str, after: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
        .trim_start_matches(['(', '"', '\'', '\u{201C}', '\u{2018}', '[']);
    if word.is_empty() {
        return false;
    }
    let lower = word.to_lowercase();
    // Initials (J. R. Smith) and dotted abbreviations (U.S., e.g., a.m.).
    let letters_only = word.chars().all(|c| c.is_alphabetic() || c == '.');
    let segments_single = word.split('.').all(|s| s.chars().count() <= 1);
    if letters_only && segments_single && word.chars().next().is_some_and(char::is_alphabetic) {
        let dotted = word.contains('.');
        return !(dotted && OPENERS.contains(&first_word(after)));
    }
    if matches!(lower.as_str(), "no" | "nos" | "art" | "sec") {
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
    fn crlf_and_offsets_are_exact() {
        let t = "  One.  Two?\r\n\r\nThree";
        let s = split(t, 0);
        assert_eq!(s, vec![2..6, 8..12, 16..21]);
        assert_eq!(covering(&s, &(9..11)), 1..2);
        assert_eq!(covering(&s, &(3..10)), 0..2);
        assert_eq!(covering(&s, &(6..8)), 1..2);
    }
}
