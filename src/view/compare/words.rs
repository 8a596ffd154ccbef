//! The comparison in words: what `stances compare`, the exports' comparison sections
//! and the reader's spectrum (`a`), party × party table (`m`) and two-party view say.
//! Every format takes its words from here and only lays them out, styles and escapes
//! them.
//!
//! Strings from the model inside a sentence made here (scale labels, party names) are
//! put on one line ([`one_line`]); a format escapes the whole sentence.

use super::{Comparison, IssueComparison, PairComparison, Placed};
use crate::model::{Issue, IssueId, Model, PartyId};
use crate::sanitize::one_line;
use crate::view::View;
use crate::view::evidence::{Evidence, flag_words};

/// What to say when no visible issue has a scale.
pub const NO_SCALES: &str = "No issue shown has a scale, so no stances can be compared.\n\
hint: give an issue an ordered scale ([issues.ID.scale], one pole to the other) and positions a `stance` on it.";

/// The message when the filter hides every issue with a scale.
pub const FILTERED_OUT: &str = "The filter hides every issue with a scale (or every stance on them), so nothing is compared.\n\
hint: widen the filter, or leave it out.";

/// Why there is nothing to compare: no issue with a scale, or a filter that hides them.
pub fn nothing_to_compare(view: &View) -> &'static str {
    if view.filter.is_empty() {
        NO_SCALES
    } else {
        FILTERED_OUT
    }
}

/// The issue's steps `lo..=hi` in words: `step 2 (Defer)` or `steps 2–3 (Defer … Crimea)`.
pub fn steps_words(issue: &Issue, (lo, hi): (usize, usize)) -> String {
    let label = |i: usize| one_line(&issue.scale[i].label);
    if lo == hi {
        format!("step {} ({})", lo + 1, label(lo))
    } else {
        format!(
            "steps {}–{} ({} … {})",
            lo + 1,
            hi + 1,
            label(lo),
            label(hi)
        )
    }
}

/// Party short names, joined: `RU, UA`.
pub fn party_list(model: &Model, parties: &[PartyId]) -> String {
    names(model, parties).join(", ")
}

/// The short names of `parties`, each on one line.
fn names(model: &Model, parties: &[PartyId]) -> Vec<String> {
    parties
        .iter()
        .map(|&p| one_line(&model.parties[p].short))
        .collect()
}

/// Names joined as a sentence would: `US`, `US and Europe`, `US, RU and Europe`.
pub fn and_list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// What a zone or gap assumes of the parties whose range is assumed: `if US accepts
/// only its stance`, `if US and Europe accept only their stances`.
pub fn assumes_words(model: &Model, assumes: &[PartyId]) -> String {
    let list = and_list(&names(model, assumes));
    if assumes.len() == 1 {
        format!("if {list} accepts only its stance")
    } else {
        format!("if {list} accept only their stances")
    }
}

/// `1 step`, `2 steps`.
pub fn step_count(n: usize) -> String {
    format!("{n} step{}", if n == 1 { "" } else { "s" })
}

/// The zone or the gap of an issue, in sentences: what it assumes of the parties whose
/// flexibility is unknown, who blocks on a stated range and who would block if firm,
/// e.g. `No zone if US and Europe accept only their stances: a gap of 2 steps.
/// Blocking: UA. Would block if firm: US, Europe.`
pub fn zone_words(model: &Model, ic: &IssueComparison) -> String {
    let issue = &model.issues[ic.issue];
    match (ic.zone, ic.gap) {
        (Some(zone), _) if ic.assumes.is_empty() => format!(
            "Zone: {} — every placed party has said it could accept it.{}",
            steps_words(issue, zone),
            among_placed_words(model, ic)
        ),
        (Some(zone), _) => {
            let wider = names(model, &ic.assumes);
            format!(
                "Zone: {} — every placed party could accept it; it may be wider {}.{}",
                steps_words(issue, zone),
                if wider.len() == 1 {
                    format!(
                        "if {} accepts more than its stance (its range is assumed)",
                        wider[0]
                    )
                } else {
                    format!(
                        "if {} accept more than their stances (their ranges are assumed)",
                        and_list(&wider)
                    )
                },
                among_placed_words(model, ic)
            )
        }
        (None, Some(gap)) => {
            let mut s = if ic.assumes.is_empty() {
                format!("No zone: a gap of {}.", step_count(gap))
            } else {
                format!(
                    "No zone {}: a gap of {}.",
                    assumes_words(model, &ic.assumes),
                    step_count(gap)
                )
            };
            if !ic.blocking.is_empty() {
                s.push_str(&format!(" Blocking: {}.", party_list(model, &ic.blocking)));
            }
            if !ic.blocking_if_firm.is_empty() {
                s.push_str(&format!(
                    " Would block if firm: {}.",
                    party_list(model, &ic.blocking_if_firm)
                ));
            }
            s.push_str(&stated_gap_words(model, ic));
            s
        }
        (None, None) => format!(
            "No zone or gap: {}; it takes two.",
            match ic.placed.len() {
                0 => "no party has a stance",
                _ => "only one party has a stance",
            }
        ),
    }
}

/// When a zone holds among the placed parties while others take no stance or have no
/// position: ` It holds among US and RU only: UA takes no stance; Europe has no
/// position.` (empty otherwise).
fn among_placed_words(model: &Model, ic: &IssueComparison) -> String {
    let mut others = Vec::new();
    for (parties, one, many) in [
        (&ic.unplaced, "takes no stance", "take no stance"),
        (&ic.absent, "has no position", "have no position"),
    ] {
        if !parties.is_empty() {
            let verb = if parties.len() == 1 { one } else { many };
            others.push(format!("{} {verb}", and_list(&names(model, parties))));
        }
    }
    if others.is_empty() {
        return String::new();
    }
    let placed: Vec<PartyId> = ic.placed.iter().map(|p| p.party).collect();
    format!(
        " It holds among {} only: {}.",
        and_list(&names(model, &placed)),
        others.join("; ")
    )
}

/// When a gap rests on assumed ranges but the stated ranges alone do not meet either:
/// ` Whatever US accepts, RU and UA do not meet: their stated ranges are 1 step apart.`
/// (empty otherwise), so that a gap is never read as hanging on a party whose
/// flexibility is unknown when it does not.
fn stated_gap_words(model: &Model, ic: &IssueComparison) -> String {
    let stated: Vec<&Placed> = ic.placed.iter().filter(|p| !p.assumed).collect();
    if ic.assumes.is_empty() || stated.len() < 2 {
        return String::new();
    }
    let max_lo = stated.iter().map(|p| p.range.0).max().unwrap_or(0);
    let min_hi = stated.iter().map(|p| p.range.1).min().unwrap_or(0);
    if max_lo <= min_hi {
        return String::new();
    }
    let edges: Vec<PartyId> = stated
        .iter()
        .filter(|p| p.range.0 == max_lo || p.range.1 == min_hi)
        .map(|p| p.party)
        .collect();
    let assumed = and_list(&names(model, &ic.assumes));
    let verb = if ic.assumes.len() == 1 {
        "accepts"
    } else {
        "accept"
    };
    format!(
        " Whatever {assumed} {verb}, {} do not meet: their stated ranges are {} apart.",
        and_list(&names(model, &edges)),
        step_count(max_lo - min_hi)
    )
}

/// A position's conditions in words: `on condition: after a ceasefire; unconditional`
/// (none: `None`).
pub fn conditions_words(conditions: &[String]) -> Option<String> {
    if conditions.is_empty() {
        return None;
    }
    let all: Vec<String> = conditions.iter().map(|c| one_line(c)).collect();
    Some(format!("on condition: {}", all.join("; ")))
}

/// The parties with a position but no standing stance: `No stance: RU.` (none: `None`).
pub fn no_stance_words(model: &Model, ic: &IssueComparison) -> Option<String> {
    (!ic.unplaced.is_empty()).then(|| format!("No stance: {}.", party_list(model, &ic.unplaced)))
}

/// [`no_stance_words`], with `(withdrawn)` after a party whose latest statement withdrew
/// its stance: `No stance: RU (withdrawn), Europe.`.
fn no_stance_in_view(view: &View, ic: &IssueComparison) -> Option<String> {
    let m = &*view.model;
    if ic.unplaced.is_empty() {
        return None;
    }
    let names: Vec<String> = ic
        .unplaced
        .iter()
        .map(|&p| {
            let name = one_line(&m.parties[p].short);
            let withdrawn = super::super::cell_of(&view.cells, ic.issue, p)
                .is_some_and(|s| m.positions[s].status == Some(crate::model::Status::Withdrawn));
            if withdrawn {
                format!("{name} (withdrawn)")
            } else {
                name
            }
        })
        .collect();
    Some(format!("No stance: {}.", names.join(", ")))
}

/// The parties with no position on the issue: `No position: UA, Europe.`.
pub fn no_position_words(model: &Model, ic: &IssueComparison) -> Option<String> {
    (!ic.absent.is_empty()).then(|| format!("No position: {}.", party_list(model, &ic.absent)))
}

/// A stance by its label and its place on the scale: `Crimea recognized (step 2 of 3)`.
pub fn stance_words(issue: &Issue, stance: usize) -> String {
    format!(
        "{} (step {} of {})",
        one_line(&issue.scale[stance].label),
        stance + 1,
        issue.scale.len()
    )
}

/// A party's range in words: `range: steps 1–2 (stated)`, `range: this step only
/// (stated)`, or `range: assumed, the stance alone (flexibility unknown)`.
pub fn range_words(p: &Placed) -> String {
    let (lo, hi) = p.range;
    if p.assumed {
        "range: assumed, the stance alone (flexibility unknown)".into()
    } else if lo == hi {
        "range: this step only (stated)".into()
    } else {
        format!("range: steps {}–{} (stated)", lo + 1, hi + 1)
    }
}

/// The word for a party with a stated range at the gap's edges.
pub const BLOCKING: &str = "blocking";

/// The words for a party with an assumed range at the gap's edges.
pub const WOULD_BLOCK_IF_FIRM: &str = "would block if firm";

/// How a party takes part in a gap: [`BLOCKING`], [`WOULD_BLOCK_IF_FIRM`], or `None`.
pub fn role_words(ic: &IssueComparison, party: PartyId) -> Option<&'static str> {
    if ic.blocks(party) {
        Some(BLOCKING)
    } else if ic.would_block_if_firm(party) {
        Some(WOULD_BLOCK_IF_FIRM)
    } else {
        None
    }
}

/// Since when a placed party's stance stands: `since 2025-04-17`, and, when the cell
/// shows a later statement without a stance, `since 2025-04-17; its latest statement
/// (2025-04-23) takes no stance`.
pub fn since_words(model: &Model, p: &Placed) -> String {
    let date = |id: crate::model::PositionId| {
        model.positions[id]
            .as_of
            .map_or("undated".to_string(), |d| d.to_string())
    };
    let since = match p.since {
        Some(d) => format!("since {d}"),
        None => "undated".into(),
    };
    if p.stands_from_earlier() {
        format!(
            "{since}; its latest statement ({}) takes no stance",
            date(p.shown)
        )
    } else {
        since
    }
}

/// What a step of the scale is for a placed party.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepMark {
    /// The party's stance (`X`).
    Stance,
    /// Another step of the range it could accept (`=`).
    Acceptable,
    /// A step outside its range (`·`, or nothing in a table).
    Outside,
}

/// The mark of every step of a scale of `steps` steps for placed party `p`.
pub fn step_marks(steps: usize, p: &Placed) -> Vec<StepMark> {
    (0..steps)
        .map(|k| {
            if k == p.stance {
                StepMark::Stance
            } else if (p.range.0..=p.range.1).contains(&k) {
                StepMark::Acceptable
            } else {
                StepMark::Outside
            }
        })
        .collect()
}

/// The axis of one placed party, one column per step: `X` its stance, `=` the rest of
/// its range, `·` a step outside it; two neighbouring steps it could accept are joined
/// by `==`, others by two spaces (`X==  ·  ·`). It reads the same without colour.
pub fn axis(steps: usize, p: &Placed) -> String {
    let marks = step_marks(steps, p);
    let inside = |m: StepMark| m != StepMark::Outside;
    let mut s = String::new();
    for (k, &m) in marks.iter().enumerate() {
        if k > 0 {
            s.push_str(if inside(marks[k - 1]) && inside(m) {
                "=="
            } else {
                "  "
            });
        }
        s.push(match m {
            StepMark::Stance => 'X',
            StepMark::Acceptable => '=',
            StepMark::Outside => '·',
        });
    }
    s
}

/// The axis header: step numbers over the columns of [`axis`] (`1  2  3`).
pub fn axis_header(steps: usize) -> String {
    let mut s = String::new();
    for k in 0..steps {
        let n = (k + 1).to_string();
        s.push_str(&n);
        if k + 1 < steps {
            s.push_str(&" ".repeat(3usize.saturating_sub(n.len())));
        }
    }
    s
}

/// One placed party of an issue, in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlacedWords {
    /// Where it stands.
    pub placed: Placed,
    /// Its stance: [`stance_words`].
    pub stance: String,
    /// [`range_words`].
    pub range: String,
    /// [`role_words`]: blocking, would block if firm, or nothing.
    pub role: Option<&'static str>,
    /// `moderate confidence`.
    pub confidence: String,
    /// The conditions of the standing position: `on condition: unconditional`, or
    /// `None`.
    pub conditions: Option<String>,
    /// [`since_words`].
    pub since: String,
    /// Its evidence warnings in words (`± contested, ? single account`), or empty.
    pub flags: String,
    /// Its evidence marks (`±?`), or empty.
    pub marks: String,
}

impl PlacedWords {
    /// Everything said of it after its stance, in order: range, role, confidence,
    /// since, warnings (those that apply).
    pub fn notes(&self) -> Vec<String> {
        let mut notes = vec![self.range.clone()];
        notes.extend(self.role.map(str::to_string));
        notes.extend(self.conditions.clone());
        notes.push(self.confidence.clone());
        notes.push(self.since.clone());
        if !self.flags.is_empty() {
            notes.push(self.flags.clone());
        }
        notes
    }
}

/// One scaled issue of the comparison, in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssueWords {
    /// The placed parties, in file order.
    pub placed: Vec<PlacedWords>,
    /// [`zone_words`].
    pub zone: String,
    /// [`no_stance_words`].
    pub no_stance: Option<String>,
    /// [`no_position_words`].
    pub no_position: Option<String>,
}

impl IssueWords {
    /// The words of issue comparison `ic` of `view`.
    pub fn new(view: &View, ic: &IssueComparison) -> Self {
        let m = &*view.model;
        let issue = &m.issues[ic.issue];
        IssueWords {
            placed: ic
                .placed
                .iter()
                .map(|p| PlacedWords {
                    placed: p.clone(),
                    stance: stance_words(issue, p.stance),
                    range: range_words(p),
                    role: role_words(ic, p.party),
                    confidence: format!("{} confidence", p.confidence),
                    conditions: conditions_words(&m.positions[p.position].conditions),
                    since: since_words(m, p),
                    flags: flag_words(m, p.position, view.horizon()),
                    marks: Evidence::of(m, p.position, view.horizon()).marks(),
                })
                .collect(),
            zone: zone_words(m, ic),
            no_stance: no_stance_in_view(view, ic),
            no_position: no_position_words(m, ic),
        }
    }

    /// The issue's conclusion in sentences: the zone or gap, then who has no stance and
    /// who no position.
    pub fn conclusion(&self) -> Vec<String> {
        let mut out = vec![self.zone.clone()];
        out.extend(self.no_stance.clone());
        out.extend(self.no_position.clone());
        out
    }
}

/// A distance with two decimals, or `—` when there is none.
pub fn distance_value(d: Option<f64>) -> String {
    d.map_or("—".to_string(), |d| format!("{d:.2}"))
}

/// A pair's distance with its base beside it: `0.44 over 3 issues`, `0.00 over 1 issue`,
/// or `— (no shared issue)`.
pub fn distance_words(p: &PairComparison) -> String {
    match p.distance {
        Some(d) => format!(
            "{d:.2} over {} issue{}",
            p.issues,
            if p.issues == 1 { "" } else { "s" }
        ),
        None => "— (no shared issue)".into(),
    }
}

/// A pair's distance and its issue count for a narrow cell: `0.44/3`, or `—`.
pub fn distance_cell(p: &PairComparison) -> String {
    match p.distance {
        Some(d) => format!("{d:.2}/{}", p.issues),
        None => "—".into(),
    }
}

/// What the pairs table says and how to read it.
pub const PAIRS_NOTE: &str = "Over the issues where both parties are placed; distance 0 is the same stance, 1 the opposite poles. Read each distance with its issue count: a distance over fewer issues does not compare with one over more. Overlap and apart issues that rest on a range assumed to be the stance alone are counted again as \"on assumed ranges\".";

/// The two parties of a pair by short name: `US – RU`.
pub fn pair_name(m: &Model, p: &PairComparison) -> String {
    format!(
        "{} – {}",
        one_line(&m.parties[p.a].short),
        one_line(&m.parties[p.b].short)
    )
}

/// The columns of a table of pairs after the two parties, by name.
pub const PAIR_COLUMNS: [&str; 6] = [
    "Issues",
    "Same",
    "Overlap",
    "Apart",
    "On assumed ranges",
    "Distance",
];

/// A pair's cells under [`PAIR_COLUMNS`]: its counts and [`distance_words`].
pub fn pair_cells(p: &PairComparison) -> [String; 6] {
    [
        p.issues.to_string(),
        p.same.to_string(),
        p.overlap.to_string(),
        p.apart.to_string(),
        p.assumed.to_string(),
        distance_words(p),
    ]
}

/// A pair's counts in words: `2 shared issues: 1 same, 0 overlap, 1 apart (1 on an
/// assumed range); distance 0.50 over 2 issues`.
pub fn pair_counts(p: &PairComparison) -> String {
    let assumed = if p.assumed > 0 {
        format!(" ({} on an assumed range)", p.assumed)
    } else {
        String::new()
    };
    format!(
        "{} shared issue{}: {} same, {} overlap, {} apart{assumed}; distance {}",
        p.issues,
        if p.issues == 1 { "" } else { "s" },
        p.same,
        p.overlap,
        p.apart,
        distance_words(p)
    )
}

/// Whether two parties `a` and `b` agree on `issue`, in words; `c` is the issue's
/// comparison when it has a scale.
pub fn agreement(
    view: &View,
    c: Option<&IssueComparison>,
    issue: IssueId,
    a: PartyId,
    b: PartyId,
) -> String {
    let m = &view.model;
    let name = |p: PartyId| one_line(&m.parties[p].short);
    let placed = c.map(|c| (c.placed_of(a), c.placed_of(b)));
    match (view.cell(issue, a), view.cell(issue, b), placed) {
        (None, None, _) => "neither has a position".into(),
        (Some(_), None, _) => format!("only {} has a position", name(a)),
        (None, Some(_), _) => format!("only {} has a position", name(b)),
        (_, _, Some((Some(pa), Some(pb)))) => {
            if pa.stance == pb.stance {
                format!(
                    "agree: same stance, {}",
                    stance_words(&m.issues[issue], pa.stance)
                )
            } else if pa.range.0 <= pb.range.1 && pb.range.0 <= pa.range.1 {
                if pa.assumed || pb.assumed {
                    "differ, but their ranges overlap (one assumed): they could meet".into()
                } else {
                    "differ, but their ranges overlap: they could meet".into()
                }
            } else {
                let steps = pa.stance.abs_diff(pb.stance);
                let assumed = if pa.assumed || pb.assumed {
                    " (if the assumed ranges hold)"
                } else {
                    ""
                };
                format!(
                    "apart: stances {} apart, ranges do not meet{assumed}",
                    step_count(steps)
                )
            }
        }
        (_, _, Some(_)) => "both have a position; not both have a stance".into(),
        (_, _, None) => "both have a position (no scale: read them)".into(),
    }
}

impl Comparison {
    /// The words of every scaled issue of this comparison of `view`, in order.
    pub fn words(&self, view: &View) -> Vec<IssueWords> {
        self.issues
            .iter()
            .map(|ic| IssueWords::new(view, ic))
            .collect()
    }
}

/// What the words for a party at the gap's edges mean.
pub const ROLES_LEGEND: &str = "Blocking: at an edge of the gap on a range the party has stated. Would block if firm: at an edge only on an assumed range, its stance alone, because its flexibility is unknown.";

/// What the marks of an axis mean (each step of [`axis`]).
pub const AXIS_LEGEND: &str = "X stance   = acceptable range   · outside it";

/// What a minimum confidence leaves out, in words: `Positions below high confidence
/// are left out (an unset confidence counts as moderate).` (none: `None`).
pub fn min_confidence_words(min: Option<crate::model::Confidence>) -> Option<String> {
    min.map(|min| {
        format!(
            "Positions below {min} confidence are left out (an unset confidence counts as moderate)."
        )
    })
}

/// What the view's filter leaves out of the comparison, in words: `Filtered
/// (party:us,ru issue:territory): not shown: UA, Europe; Ceasefire, NATO.` (none:
/// `None`), so that a conclusion drawn among fewer parties never reads as the whole.
pub fn filter_words(view: &View) -> Option<String> {
    // A minimum confidence has its own sentence (`min_confidence_words`).
    let filter = crate::view::filter::Filter {
        min_confidence: None,
        ..view.filter.clone()
    };
    if filter.is_empty() {
        return None;
    }
    let m = &*view.model;
    let hidden_parties: Vec<PartyId> = m
        .party_ids()
        .filter(|p| !view.parties.contains(p))
        .collect();
    let hidden_issues: Vec<String> = m
        .issue_ids()
        .filter(|i| !view.issues.contains(i))
        .map(|i| one_line(&m.issues[i].name))
        .collect();
    let mut hidden = Vec::new();
    if !hidden_parties.is_empty() {
        hidden.push(party_list(m, &hidden_parties));
    }
    if !hidden_issues.is_empty() {
        hidden.push(hidden_issues.join(", "));
    }
    let what = if hidden.is_empty() {
        String::new()
    } else {
        format!(": not shown: {}", hidden.join("; "))
    };
    Some(format!(
        "Filtered ({}){what}.",
        one_line(&filter.describe(m))
    ))
}
