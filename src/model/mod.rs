//! The positions model: what positions.toml says, with every reference resolved.
//!
//! [`load`] reads a positions file and its sources into a [`Model`], collecting every
//! problem as a [`Diagnostic`](crate::diagnostic::Diagnostic) instead of stopping at
//! the first one.

pub mod build;
pub mod emit;
mod ids;
mod load;
mod names;
mod parse;
mod parts;
mod quotes;
mod reanchor;
mod resolve;
mod usable;
mod vocab;

pub use crate::id::{Cell, CitationAt, IssueId, PartyId, PositionId, SourceId};
#[cfg(test)]
pub(crate) use load::test_model;
pub use load::{Loaded, MAX_POSITIONS_BYTES, load, load_str, load_unverified, sort_by_place};
pub use names::Named;
pub use quotes::{Unverified, Verified};
pub use usable::{Policy, Unusable};
pub use vocab::{Confidence, Kind, Status};

use crate::date::Date;
use crate::source::SourceText;
use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

/// True for a valid id of a party, issue or source: `[a-z0-9][a-z0-9_-]*`.
pub fn valid_source_id(id: &str) -> bool {
    parse::valid_id(id)
}

/// The schema version this program reads.
pub const SCHEMA: i64 = 1;

/// A loaded, valid positions model.
#[derive(Clone, Debug)]
pub struct Model {
    /// The positions file, as the user named it.
    pub path: PathBuf,
    /// `title`.
    pub title: String,
    /// `description`.
    pub description: Option<String>,
    /// The sources directory, resolved against the positions file's directory.
    pub sources_dir: PathBuf,
    /// Parties in file order.
    pub parties: Vec<Party>,
    /// Issues in file order.
    pub issues: Vec<Issue>,
    /// Sources in file order, with their text: shared (not copied) with clones of the
    /// model and with quote verification running in the background.
    pub sources: Arc<Vec<Source>>,
    /// Positions in file order.
    pub positions: Vec<Position>,
    /// True when the file has errors and this is only the part of it that resolved
    /// ([`Loaded::partial`]): there is no complete version of it to fall back on.
    pub partial: bool,
    /// Indexes built on first use (history by cell, citations by source); build a model
    /// by hand with `Default::default()` here.
    pub index: Index,
}

/// Lookups built from a model's positions on first use, so that a key press or a frame
/// does not scan every position. [`Model::verified`] drops them when citations change.
#[derive(Clone, Debug, Default)]
pub struct Index {
    /// Positions of each cell, oldest first (undated first).
    history: OnceLock<HashMap<Cell, Vec<PositionId>>>,
    /// Per source, its found citations, in file order.
    by_source: OnceLock<Vec<Vec<CitationAt>>>,
}

/// A negotiating party (a column of the grid).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Party {
    /// The id under `[parties]`.
    pub id: String,
    /// Full name.
    pub name: String,
    /// Column header (default: the id uppercased).
    pub short: String,
    /// What kind of party it is.
    pub kind: Option<Kind>,
    /// Members, for a coalition.
    pub members: Vec<String>,
}

/// An issue under negotiation (a row of the grid).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    /// The id under `[issues]`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The question the issue asks.
    pub question: Option<String>,
    /// An ordered spectrum from one pole to the other, possibly empty.
    pub scale: Vec<ScaleStep>,
}

impl Issue {
    /// True when the issue has a question or a scale to explain it.
    pub fn is_described(&self) -> bool {
        self.question.is_some() || !self.scale.is_empty()
    }
}

/// One step of an issue's scale.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScaleStep {
    /// The key in the scale table.
    pub id: String,
    /// What the step means.
    pub label: String,
}

/// A source document and its text.
#[derive(Clone, Debug)]
pub struct Source {
    /// The id under `[sources]`.
    pub id: String,
    /// `file` as written, relative to the sources directory.
    pub file: String,
    /// The file's path relative to the positions file's directory.
    pub path: PathBuf,
    /// Title.
    pub title: String,
    /// Publisher.
    pub publisher: Option<String>,
    /// Publication date: `published`, else the source's own `date` line.
    pub published: Option<Date>,
    /// URL.
    pub url: Option<String>,
    /// The decoded text with sentences.
    pub text: SourceText,
}

/// One party's position on one issue, as of a date.
#[derive(Clone, Debug)]
pub struct Position {
    /// The party holding it.
    pub party: PartyId,
    /// The issue it is on.
    pub issue: IssueId,
    /// The one-line grid cell.
    pub summary: String,
    /// Longer explanation.
    pub detail: Option<String>,
    /// When the position was held.
    pub as_of: Option<Date>,
    /// Index into the issue's scale.
    pub stance: Option<usize>,
    /// Range of scale indices the party could accept (inclusive).
    pub acceptable: Option<(usize, usize)>,
    /// `status`.
    pub status: Option<Status>,
    /// `confidence`.
    pub confidence: Option<Confidence>,
    /// Conditions attached.
    pub conditions: Vec<String>,
    /// Curator's notes.
    pub notes: Option<String>,
    /// `contested`: the curator's reason for marking the position contested.
    pub contested: Option<String>,
    /// Citations, resolved to their sources.
    pub citations: Vec<Citation>,
    /// 1-based line of the `[[position]]` header.
    pub line: usize,
}

/// How far a citation's quote has been checked against its source, and where it was
/// found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Check {
    /// Not yet looked for.
    Pending,
    /// Found in its source.
    Found {
        /// Byte range of the matched text in the source.
        span: Range<usize>,
        /// Byte range of the sentence (or run of sentences) holding the match.
        sentence: Range<usize>,
    },
    /// Not found (an error says why); a fully loaded model holds no such citation.
    NotFound,
}

/// A quote backing a position, found in its source (or, while the reader verifies
/// quotes in the background, still to be looked for: see [`Citation::check`]).
#[derive(Clone, Debug)]
pub struct Citation {
    /// The source it quotes.
    pub source: SourceId,
    /// The quote as written (shared with the verifier while it is looked for).
    pub quote: Arc<str>,
    /// Who said or reported it.
    pub speaker: Option<String>,
    /// 1-based line of the `quote` value in positions.toml.
    pub line: usize,
    /// Whether the quote was looked for yet, and found.
    pub check: Check,
}

impl Citation {
    /// True once the quote has been found in its source (`span` and `sentence` hold).
    pub fn found(&self) -> bool {
        matches!(self.check, Check::Found { .. })
    }

    /// Where the quote is in its source, once found: the byte range of the matched
    /// text and of the sentence (or run of sentences) holding it.
    pub fn place(&self) -> Option<(&Range<usize>, &Range<usize>)> {
        match &self.check {
            Check::Found { span, sentence } => Some((span, sentence)),
            _ => None,
        }
    }
}

/// Allowed values of `kind`.
pub const KINDS: &[&str] = Kind::IDS;
/// Allowed values of `status`.
pub const STATUSES: &[&str] = Status::IDS;
/// Allowed values of `confidence`.
pub const CONFIDENCES: &[&str] = Confidence::IDS;

impl Model {
    /// Every distinct `as_of` date, oldest first.
    pub fn dates(&self) -> Vec<Date> {
        let mut dates: Vec<Date> = self.positions.iter().filter_map(|p| p.as_of).collect();
        dates.sort();
        dates.dedup();
        dates
    }

    /// The latest `as_of` in the model: the default view date.
    pub fn latest_date(&self) -> Option<Date> {
        self.positions.iter().filter_map(|p| p.as_of).max()
    }

    /// The positions of a cell, oldest first (undated first).
    pub fn history(&self, cell: Cell) -> &[PositionId] {
        let index = self.index.history.get_or_init(|| {
            let mut map: HashMap<Cell, Vec<PositionId>> = HashMap::new();
            for (i, p) in self.positions.iter().enumerate() {
                map.entry(Cell::new(p.issue, p.party))
                    .or_default()
                    .push(PositionId(i));
            }
            for v in map.values_mut() {
                v.sort_by_key(|&i| self.positions[i].as_of);
            }
            map
        });
        index.get(&cell).map_or(&[], Vec::as_slice)
    }

    /// Every party id, in file order.
    pub fn party_ids(&self) -> impl DoubleEndedIterator<Item = PartyId> + Clone + use<> {
        PartyId::all(self.parties.len())
    }

    /// Every issue id, in file order.
    pub fn issue_ids(&self) -> impl DoubleEndedIterator<Item = IssueId> + Clone + use<> {
        IssueId::all(self.issues.len())
    }

    /// Every position id, in file order.
    pub fn position_ids(&self) -> impl DoubleEndedIterator<Item = PositionId> + Clone + use<> {
        PositionId::all(self.positions.len())
    }

    /// The citation a [`CitationAt`] names.
    pub fn citation(&self, at: CitationAt) -> &Citation {
        &self.positions[at.position].citations[at.citation]
    }

    /// The found citations of a source, in file order, from the index.
    pub fn citations_of_source(&self, source: SourceId) -> &[CitationAt] {
        let index = self.index.by_source.get_or_init(|| {
            let mut by = vec![Vec::new(); self.sources.len()];
            for (pi, p) in self.positions.iter().enumerate() {
                for (ci, c) in p.citations.iter().enumerate() {
                    if c.found()
                        && let Some(list) = by.get_mut(c.source.index())
                    {
                        list.push(CitationAt {
                            position: PositionId(pi),
                            citation: ci,
                        });
                    }
                }
            }
            by
        });
        index.get(source.index()).map_or(&[], Vec::as_slice)
    }

    /// For each sentence of a source, the found citations whose cited sentence (or run
    /// of sentences) covers it, in file order.
    pub fn citations_by_sentence(&self, source: SourceId) -> Vec<Vec<CitationAt>> {
        let sentences = &self.sources[source].text.sentences();
        let mut out = vec![Vec::new(); sentences.len()];
        for &at in self.citations_of_source(source) {
            let Some((_, sentence)) = self.citation(at).place() else {
                continue;
            };
            let first = sentences.partition_point(|s| s.end <= sentence.start);
            let last = sentences.partition_point(|s| s.start < sentence.end);
            for cites in &mut out[first..last.max(first)] {
                cites.push(at);
            }
        }
        out
    }

    /// Records verified quotes (see [`Unverified::run`]): found citations get their
    /// place, the others are marked not found. Drops the indexes that depend on it.
    pub fn verified(&mut self, v: &Verified) {
        for f in &v.found {
            if let Some(c) = self.citation_mut(f.at) {
                c.check = Check::Found {
                    span: f.span.clone(),
                    sentence: f.sentence.clone(),
                };
            }
        }
        for &at in &v.missing {
            if let Some(c) = self.citation_mut(at) {
                c.check = Check::NotFound;
            }
        }
        self.index.by_source = OnceLock::new();
    }

    fn citation_mut(&mut self, at: CitationAt) -> Option<&mut Citation> {
        self.positions
            .get_mut(at.position.index())?
            .citations
            .get_mut(at.citation)
    }

    /// Leaves out the citations whose quote was not found, as a model loaded in one go
    /// has none. Drops the indexes that depend on it.
    pub fn drop_not_found(&mut self) {
        for p in &mut self.positions {
            p.citations.retain(|c| c.check != Check::NotFound);
        }
        self.index.by_source = OnceLock::new();
    }

    /// Number of citations whose quote is not yet looked for.
    pub fn pending_quotes(&self) -> usize {
        self.positions
            .iter()
            .flat_map(|p| &p.citations)
            .filter(|c| c.check == Check::Pending)
            .count()
    }

    /// The text of a found citation's matched span (empty while it is not found).
    pub fn quote_text(&self, c: &Citation) -> &str {
        c.place().map_or("", |(span, _)| {
            &self.sources[c.source].text.text[span.clone()]
        })
    }

    /// The text of a found citation's sentence (empty while it is not found).
    pub fn sentence_text(&self, c: &Citation) -> &str {
        c.place().map_or("", |(_, sentence)| {
            &self.sources[c.source].text.text[sentence.clone()]
        })
    }
}
