//! A quote shown inside its sentence, as the reader's detail page and the exports'
//! citations show it: the sentence made one line once (every run of white space one
//! space, every unsafe character U+FFFD), cut into the words before the quote, the
//! quote and the words after it.

use crate::model::{Citation, Model};
use std::ops::Range;

/// A sentence on one line, cut around its quote.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Excerpt {
    /// The sentence before the quote.
    pub before: String,
    /// The quote as the source has it.
    pub quote: String,
    /// The sentence after the quote.
    pub after: String,
}

impl Excerpt {
    /// The sentence `sentence` of `text` with the quote at `quote` (byte ranges of
    /// `text`; the quote is cut to the sentence).
    pub fn new(text: &str, sentence: &Range<usize>, quote: &Range<usize>) -> Self {
        let mut line = String::new();
        let (mut qs, mut qe) = (0, 0);
        let mut in_space = false;
        for (i, c) in text[sentence.clone()].char_indices() {
            let at = sentence.start + i;
            if at == quote.start {
                qs = line.len();
            }
            if c.is_whitespace() {
                if !in_space {
                    line.push(' ');
                }
                in_space = true;
            } else {
                in_space = false;
                line.push(if crate::sanitize::is_unsafe(c) {
                    '\u{FFFD}'
                } else {
                    c
                });
            }
            if at + c.len_utf8() == quote.end {
                qe = line.len();
            }
        }
        if qe < qs {
            qe = line.len();
        }
        Excerpt {
            after: line[qe..].to_string(),
            quote: line[qs..qe].to_string(),
            before: line[..qs].to_string(),
        }
    }

    /// The excerpt of a found citation of `model` (`None` while its quote is not found).
    pub fn of(model: &Model, c: &Citation) -> Option<Self> {
        let (span, sentence) = c.place()?;
        Some(Excerpt::new(
            &model.sources[c.source].text.text,
            sentence,
            span,
        ))
    }

    /// The whole sentence on one line, and where the quote is in it.
    pub fn line(&self) -> (String, Range<usize>) {
        let start = self.before.len();
        let line = format!("{}{}{}", self.before, self.quote, self.after);
        (line, start..start + self.quote.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_control_character_before_the_quote_does_not_shift_it() {
        let text = "Before \u{1b}[2J and then the quote here.";
        let start = text.find("the quote").unwrap();
        let e = Excerpt::new(text, &(0..text.len()), &(start..start + 9));
        assert_eq!(e.quote, "the quote");
        assert_eq!(e.before, "Before \u{FFFD}[2J and then ");
        let (line, q) = e.line();
        assert_eq!(&line[q], "the quote");
    }

    #[test]
    fn white_space_is_collapsed_once_across_the_cuts() {
        let text = "One  \n two\tthree  four.";
        let q = text.find("two").unwrap();
        let e = Excerpt::new(text, &(0..text.len()), &(q..q + 3));
        assert_eq!((e.before.as_str(), e.quote.as_str()), ("One ", "two"));
        assert_eq!(e.after, " three four.");
    }
}
