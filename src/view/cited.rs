//! The sentences of a source as the reader and curators see them: which are cited, by
//! which positions, with which quotes; and how a citation whose quote is not found
//! (yet) is marked.

use crate::model::{Model, Position, PositionId, SourceId};
use std::collections::HashMap;
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
    pub cited_by: Vec<PositionId>,
}

impl CitedSentence {
    fn new(sentence: Range<usize>) -> Self {
        CitedSentence {
            sentence,
            quotes: Vec::new(),
            cited_by: Vec::new(),
        }
    }
}

/// Every cited sentence of a source, with the quotes and positions citing it.
pub fn cited_sentences(model: &Model, source: SourceId) -> Vec<CitedSentence> {
    let mut targets: Vec<CitedSentence> = Vec::new();
    let mut index: HashMap<(usize, usize), usize> = HashMap::default();
    for &at in model.citations_of_source(source) {
        let Some((span, sentence)) = model.citation(at).place() else {
            continue;
        };
        let key = (sentence.start, sentence.end);
        let k = *index.entry(key).or_insert_with(|| {
            targets.push(CitedSentence::new(sentence.clone()));
            targets.len() - 1
        });
        let t = &mut targets[k];
        t.quotes.push(span.clone());
        if t.cited_by.last() != Some(&at.position) {
            t.cited_by.push(at.position);
        }
    }
    targets.sort_by_key(|t| (t.sentence.start, t.sentence.end));
    targets
}

/// Every sentence of a source as a target, cited or not (for curators).
pub fn all_sentences(model: &Model, source: SourceId) -> Vec<CitedSentence> {
    let sentences = &model.sources[source].text.sentences();
    let overlaps = |a: &Range<usize>, b: &Range<usize>| a.start < b.end && b.start < a.end;
    sentences
        .iter()
        .zip(model.citations_by_sentence(source))
        .map(|(s, cites)| {
            let mut t = CitedSentence::new(s.clone());
            for at in cites {
                let Some((span, _)) = model.citation(at).place() else {
                    continue;
                };
                if overlaps(span, s) && !t.quotes.contains(span) {
                    t.quotes.push(span.clone());
                }
                if !t.cited_by.contains(&at.position) {
                    t.cited_by.push(at.position);
                }
            }
            t
        })
        .collect()
}

/// The mark at the start of a cell whose position has a citation whose quote is not
/// verified yet: nothing unchecked looks checked.
pub const UNCHECKED_MARK: &str = "…";

/// How a quote not looked for yet is described, in the detail view and in the messages
/// that say verification is still under way.
pub const STILL_VERIFYING: &str = "not yet checked";

/// How a quote that was looked for and not found is described by its citation.
pub const NOT_FOUND: &str = "quote not found in the source (see the errors)";

/// True when a citation of `p` has a quote not (yet) found in its source.
pub fn unchecked(p: &Position) -> bool {
    p.citations.iter().any(|c| !c.found())
}
