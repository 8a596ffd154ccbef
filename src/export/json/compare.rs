//! The comparison in JSON (docs/SPEC.md §5), by ids: `stances compare --format json` and the
//! `comparison` key of the JSON export.

use crate::model::{Model, PartyId};
use crate::view::View;
use crate::view::compare::Comparison;
use serde::Serialize;

/// The comparison in the shape of docs/SPEC.md §5, by ids.
#[derive(Serialize)]
pub struct ComparisonOut<'m> {
    as_of: Option<crate::date::Date>,
    min_confidence: Option<&'static str>,
    issues: Vec<IssueOut<'m>>,
    pairs: Vec<PairOut<'m>>,
}

#[derive(Serialize)]
struct IssueOut<'m> {
    id: &'m str,
    scale: Vec<&'m str>,
    placed: Vec<PlacedOut<'m>>,
    unplaced: Vec<&'m str>,
    absent: Vec<&'m str>,
    zone: Option<[usize; 2]>,
    gap: Option<usize>,
    assumes: Vec<&'m str>,
    blocking: Vec<&'m str>,
    blocking_if_firm: Vec<&'m str>,
}

#[derive(Serialize)]
struct PlacedOut<'m> {
    party: &'m str,
    stance: usize,
    range: [usize; 2],
    assumed: bool,
    confidence: &'static str,
    contested: bool,
    as_of: Option<crate::date::Date>,
    line: usize,
}

#[derive(Serialize)]
struct PairOut<'m> {
    a: &'m str,
    b: &'m str,
    issues: usize,
    same: usize,
    overlap: usize,
    apart: usize,
    distance: Option<f64>,
}

/// The comparison by ids, ready to serialize (also the `comparison` key of the JSON export).
pub fn json_value<'m>(m: &'m Model, c: &Comparison) -> ComparisonOut<'m> {
    let id = |p: PartyId| m.parties[p].id.as_str();
    let ids = |ps: &[PartyId]| ps.iter().map(|&p| id(p)).collect::<Vec<_>>();
    ComparisonOut {
        as_of: c.date,
        min_confidence: c.min_confidence.map(crate::model::Confidence::id),
        issues: c
            .issues
            .iter()
            .map(|ic| IssueOut {
                id: &m.issues[ic.issue].id,
                scale: m.issues[ic.issue]
                    .scale
                    .iter()
                    .map(|s| s.id.as_str())
                    .collect(),
                placed: ic
                    .placed
                    .iter()
                    .map(|p| PlacedOut {
                        party: id(p.party),
                        stance: p.stance,
                        range: [p.range.0, p.range.1],
                        assumed: p.assumed,
                        confidence: p.confidence.id(),
                        contested: p.contested,
                        as_of: m.positions[p.position].as_of,
                        line: m.positions[p.position].line,
                    })
                    .collect(),
                unplaced: ids(&ic.unplaced),
                absent: ids(&ic.absent),
                zone: ic.zone.map(|(lo, hi)| [lo, hi]),
                gap: ic.gap,
                assumes: ids(&ic.assumes),
                blocking: ids(&ic.blocking),
                blocking_if_firm: ids(&ic.blocking_if_firm),
            })
            .collect(),
        pairs: c
            .pairs
            .iter()
            .map(|p| PairOut {
                a: id(p.a),
                b: id(p.b),
                issues: p.issues,
                same: p.same,
                overlap: p.overlap,
                apart: p.apart,
                distance: p.distance,
            })
            .collect(),
    }
}

/// `stances compare --format json`: the comparison `c` of `view` as pretty JSON
/// (docs/SPEC.md §5), ending in a newline.
pub fn compare(view: &View, c: &Comparison) -> String {
    super::pretty::pretty(&json_value(&view.model, c))
}
