//! The positions model: what positions.toml says, with every reference resolved.
//!
//! [`load`] reads a positions file and its sources into a [`Model`], collecting every
//! problem as a [`Diagnostic`](crate::diagnostic::Diagnostic) instead of stopping at
//! the first one.

mod load;
mod parse;
mod reanchor;
mod resolve;
mod usable;
mod vocab;

pub use load::{Loaded, MAX_POSITIONS_BYTES, load, load_str};
pub use usable::{Policy, Unusable};
pub use vocab::{Confidence, Kind, Status};

use crate::date::Date;
use crate::source::SourceText;
use std::ops::Range;
use std::path::PathBuf;

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
    /// Sources in file order, with their text.
    pub sources: Vec<Source>,
    /// Positions in file order.
    pub positions: Vec<Position>,
    /// True when the file has errors and this is only the part of it that resolved
    /// ([`Loaded::partial`]): there is no complete version of it to fall back on.
    pub partial: bool,
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
    /// Index into [`Model::parties`].
    pub party: usize,
    /// Index into [`Model::issues`].
    pub issue: usize,
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

/// A quote backing a position, found in its source.
#[derive(Clone, Debug)]
pub struct Citation {
    /// Index into [`Model::sources`].
    pub source: usize,
    /// The quote as written.
    pub quote: String,
    /// Who said or reported it.
    pub speaker: Option<String>,
    /// Byte range of the matched text in the source.
    pub span: Range<usize>,
    /// Byte range of the sentence (or run of sentences) holding the match.
    pub sentence: Range<usize>,
    /// 1-based line of the `quote` value in positions.toml.
    pub line: usize,
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

    /// Positions of `party` on `issue`, oldest first (undated first).
    pub fn history(&self, party: usize, issue: usize) -> Vec<usize> {
        let mut v: Vec<usize> = (0..self.positions.len())
            .filter(|&i| self.positions[i].party == party && self.positions[i].issue == issue)
            .collect();
        v.sort_by_key(|&i| self.positions[i].as_of);
        v
    }

    /// For each sentence of source `source`, the citations whose cited sentence (or
    /// run of sentences) covers it, as (position index, citation index), in file order.
    pub fn citations_by_sentence(&self, source: usize) -> Vec<Vec<(usize, usize)>> {
        let sentences = &self.sources[source].text.sentences;
        let mut out = vec![Vec::new(); sentences.len()];
        for (pi, p) in self.positions.iter().enumerate() {
            for (ci, c) in p
                .citations
                .iter()
                .enumerate()
                .filter(|(_, c)| c.source == source)
            {
                let first = sentences.partition_point(|s| s.end <= c.sentence.start);
                let last = sentences.partition_point(|s| s.start < c.sentence.end);
                for cites in &mut out[first..last.max(first)] {
                    cites.push((pi, ci));
                }
            }
        }
        out
    }

    /// The text of a citation's matched span.
    pub fn quote_text(&self, c: &Citation) -> &str {
        &self.sources[c.source].text.text[c.span.clone()]
    }

    /// The text of a citation's sentence.
    pub fn sentence_text(&self, c: &Citation) -> &str {
        &self.sources[c.source].text.text[c.sentence.clone()]
    }
}
