//! `stances sentences`: the numbered sentences of a source, with what cites them.

use crate::date::Date;
use crate::model::{Model, SourceId};
use crate::source::SourceText;
use serde::Serialize;

/// A position that cites a sentence.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct CitedBy {
    /// Party id.
    pub party: String,
    /// Issue id.
    pub issue: String,
    /// The position's date.
    pub as_of: Option<Date>,
}

/// One sentence of a source.
#[derive(Clone, Debug, Serialize)]
pub struct Sentence {
    /// 1-based number.
    pub n: usize,
    /// Start, in code points of the decoded source text.
    pub start: usize,
    /// End (exclusive), in code points.
    pub end: usize,
    /// The sentence, white space runs collapsed to single spaces.
    pub text: String,
    /// Positions citing it (empty when uncited).
    pub cited_by: Vec<CitedBy>,
}

/// The sentences of `text`; `cited` names the model and this source in it.
pub fn list(text: &SourceText, cited: Option<(&Model, SourceId)>) -> Vec<Sentence> {
    let by_sentence = cited.map(|(m, si)| m.citations_by_sentence(si));
    text.sentences()
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut cited_by = Vec::new();
            if let (Some((m, _)), Some(cites)) = (cited, by_sentence.as_ref()) {
                for at in &cites[i] {
                    let p = &m.positions[at.position];
                    let by = CitedBy {
                        party: m.parties[p.party].id.clone(),
                        issue: m.issues[p.issue].id.clone(),
                        as_of: p.as_of,
                    };
                    if !cited_by.contains(&by) {
                        cited_by.push(by);
                    }
                }
            }
            Sentence {
                n: i + 1,
                start: text.char_offset(r.start),
                end: text.char_offset(r.end),
                text: text.text[r.clone()]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
                cited_by,
            }
        })
        .collect()
}

/// Plain text: the number, `*` for a cited sentence, and the sentence.
pub fn to_text(sentences: &[Sentence]) -> String {
    let mut out = String::new();
    for s in sentences {
        let mark = if s.cited_by.is_empty() { ' ' } else { '*' };
        out.push_str(&format!(
            "{:>4}{mark} {}\n",
            s.n,
            crate::sanitize::one_line(&s.text)
        ));
    }
    out
}
