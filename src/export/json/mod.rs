//! The whole model as JSON, in the shape of docs/SPEC.md §3, with every citation resolved;
//! the comparison ([`compare`]) and the changes between two dates ([`diff`]) in the
//! shapes of docs/SPEC.md §5 and §6.
//!
//! Offsets are Unicode code points into the source text as decoded. Strings are exact;
//! besides the escapes JSON requires, C1 controls, bidirectional controls and the
//! line and paragraph separators are written as `\uXXXX` (see [`pretty`]), so the file
//! itself holds nothing a terminal or an editor would act on.

mod changes;
mod compare;
mod pretty;

pub use changes::{ChangeOut, DiffOut, diff};
pub use compare::{ComparisonOut, compare};
pub use pretty::pretty;

use crate::date::Date;
use crate::model::{Citation, Model, PositionId, SCHEMA, Source};
use crate::view::diff::Diff;
use crate::view::evidence::{Horizon, contested};
use crate::view::{Comparison, View};
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

/// The view as pretty-printed JSON, ending in a newline, with, when `changes` is
/// given, a `changes` array: the changes since an earlier date in the shape of
/// `stances diff` (docs/SPEC.md §6).
pub fn render(view: &View, changes: Option<&Diff>) -> String {
    let comparison = Comparison::new(view);
    let mut doc = document(view, &comparison);
    doc.changes = changes.map(|d| changes::changes_out(&view.model, d));
    pretty(&doc)
}

#[derive(Serialize)]
struct Document<'m> {
    schema: i64,
    title: &'m str,
    description: Option<&'m str>,
    as_of: Option<Date>,
    parties: Vec<PartyOut<'m>>,
    issues: Vec<IssueOut<'m>>,
    sources: Vec<SourceOut<'m>>,
    positions: Vec<PositionOut<'m>>,
    grid: Vec<Row<'m>>,
    comparison: ComparisonOut<'m>,
    #[serde(skip_serializing_if = "Option::is_none")]
    changes: Option<Vec<ChangeOut<'m>>>,
}

#[derive(Serialize)]
struct PartyOut<'m> {
    id: &'m str,
    name: &'m str,
    short: &'m str,
    kind: Option<&'m str>,
    members: &'m [String],
}

#[derive(Serialize)]
struct IssueOut<'m> {
    id: &'m str,
    name: &'m str,
    question: Option<&'m str>,
    scale: Vec<Step<'m>>,
}

#[derive(Serialize)]
struct Step<'m> {
    id: &'m str,
    label: &'m str,
}

#[derive(Serialize)]
struct SourceOut<'m> {
    id: &'m str,
    file: String,
    title: &'m str,
    publisher: Option<&'m str>,
    published: Option<Date>,
    url: Option<&'m str>,
}

#[derive(Serialize)]
struct PositionOut<'m> {
    party: &'m str,
    issue: &'m str,
    as_of: Option<Date>,
    summary: &'m str,
    detail: Option<&'m str>,
    stance: Option<&'m str>,
    acceptable: Option<[&'m str; 2]>,
    status: Option<&'m str>,
    confidence: Option<&'m str>,
    conditions: &'m [String],
    notes: Option<&'m str>,
    /// Why the position is contested (the curator's reason, or the rule's), or null.
    contested: Option<String>,
    line: usize,
    citations: Vec<CitationOut<'m>>,
}

#[derive(Serialize)]
struct CitationOut<'m> {
    source: &'m str,
    quote: &'m str,
    speaker: Option<&'m str>,
    start: usize,
    end: usize,
    sentence: SentenceOut<'m>,
}

#[derive(Serialize)]
struct SentenceOut<'m> {
    start: usize,
    end: usize,
    text: &'m str,
}

/// One grid row: the issue id and, per party id in order, the position index or null.
struct Row<'m> {
    issue: &'m str,
    cells: Vec<(&'m str, Option<usize>)>,
}

impl Serialize for Row<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Cells<'a, 'm>(&'a [(&'m str, Option<usize>)]);
        impl Serialize for Cells<'_, '_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut map = s.serialize_map(Some(self.0.len()))?;
                for (k, v) in self.0 {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
        let mut map = s.serialize_map(Some(2))?;
        map.serialize_entry("issue", self.issue)?;
        map.serialize_entry("cells", &Cells(&self.cells))?;
        map.end()
    }
}

fn document<'m>(view: &'m View, comparison: &Comparison) -> Document<'m> {
    let m = &*view.model;
    Document {
        schema: SCHEMA,
        title: &m.title,
        description: m.description.as_deref(),
        as_of: view.date,
        parties: m
            .parties
            .iter()
            .map(|p| PartyOut {
                id: &p.id,
                name: &p.name,
                short: &p.short,
                kind: p.kind.map(crate::model::Kind::id),
                members: &p.members,
            })
            .collect(),
        issues: m
            .issues
            .iter()
            .map(|i| IssueOut {
                id: &i.id,
                name: &i.name,
                question: i.question.as_deref(),
                scale: i
                    .scale
                    .iter()
                    .map(|s| Step {
                        id: &s.id,
                        label: &s.label,
                    })
                    .collect(),
            })
            .collect(),
        sources: m.sources.iter().map(source).collect(),
        positions: m
            .position_ids()
            .map(|i| position(m, i, view.horizon()))
            .collect(),
        grid: m
            .issues
            .iter()
            .zip(&view.cells)
            .map(|(issue, row)| Row {
                issue: &issue.id,
                cells: m
                    .parties
                    .iter()
                    .map(|p| p.id.as_str())
                    .zip(row.iter().map(|p| p.map(PositionId::index)))
                    .collect(),
            })
            .collect(),
        comparison: compare::json_value(m, comparison),
        changes: None,
    }
}

fn source(s: &Source) -> SourceOut<'_> {
    let file: Vec<String> = s
        .path
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    SourceOut {
        id: &s.id,
        file: file.join("/"),
        title: &s.title,
        publisher: s.publisher.as_deref(),
        published: s.published,
        url: s.url.as_deref(),
    }
}

fn position(m: &Model, i: PositionId, horizon: Horizon) -> PositionOut<'_> {
    let p = &m.positions[i];
    let issue = &m.issues[p.issue];
    PositionOut {
        party: &m.parties[p.party].id,
        issue: &issue.id,
        as_of: p.as_of,
        summary: &p.summary,
        detail: p.detail.as_deref(),
        stance: p.stance.map(|s| issue.scale[s].id.as_str()),
        acceptable: p
            .acceptable
            .map(|(a, b)| [issue.scale[a].id.as_str(), issue.scale[b].id.as_str()]),
        status: p.status.map(crate::model::Status::id),
        confidence: p.confidence.map(crate::model::Confidence::id),
        conditions: &p.conditions,
        notes: p.notes.as_deref(),
        contested: contested(m, i, horizon).map(|c| c.reason(m)),
        line: p.line,
        citations: p.citations.iter().filter_map(|c| citation(m, c)).collect(),
    }
}

/// A found citation in JSON (an exported model has no other).
fn citation<'m>(m: &'m Model, c: &'m Citation) -> Option<CitationOut<'m>> {
    let (span, sentence) = c.place()?;
    let src = &m.sources[c.source];
    let at = |byte| src.text.char_offset(byte);
    Some(CitationOut {
        source: &src.id,
        quote: &c.quote,
        speaker: c.speaker.as_deref(),
        start: at(span.start),
        end: at(span.end),
        sentence: SentenceOut {
            start: at(sentence.start),
            end: at(sentence.end),
            text: m.sentence_text(c),
        },
    })
}
