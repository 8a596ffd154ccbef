//! The sentences of a source as the reader and curators see them: which are cited, by
//! which positions, with which quotes; and a ready citation block for a sentence.

use crate::model::Model;
use std::ops::Range;

/// A sentence of a source (or a run of sentences), with the quotes inside it and the
/// positions citing it.
#[derive(Clone, Debug)]
pub struct CitedSentence {
    /// Byte range of the sentence (or run of sentences).
    pub sentence: Range<usize>,
    /// Byte ranges of the quotes inside it.
    pub quotes: Vec<Range<usize>>,
    /// Positions that cite it.
    pub cited_by: Vec<usize>,
}

/// Every cited sentence of a source, with the quotes and positions citing it.
pub fn cited_sentences(model: &Model, source: usize) -> Vec<CitedSentence> {
    let mut targets: Vec<CitedSentence> = Vec::new();
    let mut index: std::collections::HashMap<(usize, usize), usize> = Default::default();
    for &(pi, ci) in model.citations_of_source(source) {
        {
            let c = &model.positions[pi].citations[ci];
            let key = (c.sentence.start, c.sentence.end);
            let at = *index.entry(key).or_insert_with(|| {
                targets.push(CitedSentence {
                    sentence: c.sentence.clone(),
                    quotes: Vec::new(),
                    cited_by: Vec::new(),
                });
                targets.len() - 1
            });
            let t = &mut targets[at];
            t.quotes.push(c.span.clone());
            if t.cited_by.last() != Some(&pi) {
                t.cited_by.push(pi);
            }
        }
    }
    targets.sort_by_key(|t| (t.sentence.start, t.sentence.end));
    targets
}

/// Every sentence of a source as a target, cited or not (for curators).
pub fn all_sentences(model: &Model, source: usize) -> Vec<CitedSentence> {
    let sentences = &model.sources[source].text.sentences();
    let overlaps = |a: &Range<usize>, b: &Range<usize>| a.start < b.end && b.start < a.end;
    sentences
        .iter()
        .zip(model.citations_by_sentence(source))
        .map(|(s, cites)| {
            let mut t = CitedSentence {
                sentence: s.clone(),
                quotes: Vec::new(),
                cited_by: Vec::new(),
            };
            for (pi, ci) in cites {
                let span = &model.positions[pi].citations[ci].span;
                if overlaps(span, s) && !t.quotes.contains(span) {
                    t.quotes.push(span.clone());
                }
                if !t.cited_by.contains(&pi) {
                    t.cited_by.push(pi);
                }
            }
            t
        })
        .collect()
}

/// A ready `[[position.cite]]` block quoting a sentence of a source.
pub fn cite_block(model: &Model, source: usize, sentence: &Range<usize>) -> String {
    let src = &model.sources[source];
    let text: String = src.text.text[sentence.clone()]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let quote = safe_toml_string(&text);
    let id = crate::model::toml_value(&src.id);
    format!("[[position.cite]]\nsource = {id}\nquote = {quote}\n")
}

/// `s` as a TOML basic string that reads back as exactly `s`: quotes and backslashes
/// escaped, and every character that is unsafe on a terminal (controls, bidi marks)
/// written as a `\u` escape, so the block is safe to show and its quote still matches.
pub fn safe_toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if crate::sanitize::is_unsafe(c) || c.is_control() => {
                let u = u32::from(c);
                if u <= 0xFFFF {
                    out.push_str(&format!("\\u{u:04X}"));
                } else {
                    out.push_str(&format!("\\U{u:08X}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::safe_toml_string;

    #[test]
    fn a_quote_with_unsafe_characters_reads_back_exactly_from_its_block() {
        for s in [
            "plain",
            "a \"quoted\" \\ word",
            "Ctrl \u{1} char",
            "ESC \u{1b}[31m red",
            "bidi \u{202e} rlo",
            "emoji 👩\u{200d}👩",
            "'''\"\"\"",
        ] {
            let block = format!("q = {}", safe_toml_string(s));
            assert!(!block.chars().any(crate::sanitize::is_unsafe), "{block:?}");
            let table: toml::Table = toml::from_str(&block).unwrap();
            assert_eq!(table["q"].as_str(), Some(s), "{block}");
        }
    }
}
