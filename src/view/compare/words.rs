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

/// The word for a party at the gap's edges.
pub const BLOCKING: &str = "blocking";

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
    let names: Vec<String> = parties
        .iter()
        .map(|&p| one_line(&model.parties[p].short))
        .collect();
    names.join(", ")
}

/// The zone or the gap of an issue in one sentence, naming the blocking parties.
pub fn zone_words(model: &Model, ic: &IssueComparison) -> String {
    let issue = &model.issues[ic.issue];
    match (ic.zone, ic.gap) {
        (Some(zone), _) => format!(
            "Zone: {} — every placed party could accept it.",
            steps_words(issue, zone)
        ),
        (None, Some(gap)) => format!(
            "No zone: a gap of {gap} step{} between the ranges. Blocking (at its edges): {}.",
            if gap == 1 { "" } else { "s" },
            party_list(model, &ic.blocking)
        ),
        (None, None) => format!(
            "No zone or gap: {} placed on the scale; it takes two.",
            match ic.placed.len() {
                0 => "no party is".to_string(),
                1 => "only one party is".to_string(),
                n => format!("{n} parties are"),
            }
        ),
    }
}

/// A party's range in words: `range 1–2`, or `range 3 (assumed: the stance alone)`.
pub fn range_words(p: &Placed) -> String {
    let (lo, hi) = p.range;
    let range = if lo == hi {
        format!("range {}", lo + 1)
    } else {
        format!("range {}–{}", lo + 1, hi + 1)
    };
    if p.assumed {
        format!("{range} (assumed: the stance alone)")
    } else {
        range
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
    /// [`range_words`].
    pub range: String,
    /// True when it is at the gap's edges ([`BLOCKING`]).
    pub blocking: bool,
    /// Its evidence warnings in words (`± contested, ? single account`), or empty.
    pub flags: String,
    /// Its evidence marks (`±?`), or empty.
    pub marks: String,
}

/// One scaled issue of the comparison, in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssueWords {
    /// The placed parties, in file order.
    pub placed: Vec<PlacedWords>,
    /// [`zone_words`].
    pub zone: String,
    /// The parties with a position but no stance, in file order.
    pub unplaced: Vec<PartyId>,
    /// The parties shown with no position on the issue at the view date.
    pub absent: Vec<PartyId>,
}

impl PlacedWords {
    /// Its range and, when it has any, its warnings: `range 3; ± contested`.
    pub fn range_and_flags(&self) -> String {
        if self.flags.is_empty() {
            self.range.clone()
        } else {
            format!("{}; {}", self.range, self.flags)
        }
    }
}

impl IssueWords {
    /// The words of issue comparison `ic` of `view`.
    pub fn new(view: &View, ic: &IssueComparison) -> Self {
        let m = &*view.model;
        IssueWords {
            placed: ic
                .placed
                .iter()
                .map(|p| PlacedWords {
                    placed: p.clone(),
                    range: range_words(p),
                    blocking: ic.blocks(p.party),
                    flags: flag_words(m, p.position),
                    marks: Evidence::of(m, p.position).marks(),
                })
                .collect(),
            zone: zone_words(m, ic),
            unplaced: ic.unplaced.clone(),
            absent: ic.without_position(&view.parties),
        }
    }
}

/// A distance with two decimals, or `—` when there is none.
pub fn distance_words(d: Option<f64>) -> String {
    d.map_or("—".to_string(), |d| format!("{d:.2}"))
}

/// The two parties of a pair by short name: `US – RU`.
pub fn pair_name(m: &Model, p: &PairComparison) -> String {
    format!(
        "{} – {}",
        one_line(&m.parties[p.a].short),
        one_line(&m.parties[p.b].short)
    )
}

/// The columns of a table of pairs after the two parties, by name.
pub const PAIR_COLUMNS: [&str; 5] = ["Issues", "Same", "Overlap", "Apart", "Distance"];

/// A pair's cells under [`PAIR_COLUMNS`]: its counts and [`distance_words`].
pub fn pair_cells(p: &PairComparison) -> [String; 5] {
    [
        p.issues.to_string(),
        p.same.to_string(),
        p.overlap.to_string(),
        p.apart.to_string(),
        distance_words(p.distance),
    ]
}

/// A pair's counts in words: `2 shared issue(s): 1 same, 0 overlap, 1 apart; distance
/// 0.50`.
pub fn pair_counts(p: &PairComparison) -> String {
    format!(
        "{} shared issue(s): {} same, {} overlap, {} apart; distance {}",
        p.issues,
        p.same,
        p.overlap,
        p.apart,
        distance_words(p.distance)
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
                format!("agree: same stance (step {})", pa.stance + 1)
            } else if pa.range.0 <= pb.range.1 && pb.range.0 <= pa.range.1 {
                "differ, but their ranges overlap: they could meet".into()
            } else {
                let steps = pa.stance.abs_diff(pb.stance);
                format!(
                    "apart: stances {steps} step{} apart, ranges do not meet",
                    if steps == 1 { "" } else { "s" }
                )
            }
        }
        (_, _, Some(_)) => "both have a position; not both on the scale".into(),
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
