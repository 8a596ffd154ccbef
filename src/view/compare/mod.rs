//! Where the parties stand on each scaled issue, where they could meet and who blocks
//! it, and how far apart each pair of parties is (docs/SPEC.md §5), computed from a
//! [`View`].
//!
//! Only issues with a scale take part. A party is *placed* on an issue when a stance
//! stands in its cell (its *standing* position, see [`super::state`]: a later statement
//! without a stance does not unplace it); it is *unplaced* when it has a position but
//! no standing stance, and *absent* without a position. Its *range* is `acceptable`
//! (stated) or `[stance, stance]`, *assumed*: its flexibility is unknown. The *zone* is
//! the intersection of all placed ranges; when it is empty the *gap* is
//! `max(lo) - min(hi)` steps. *Blocking* names the parties at the gap's edges whose
//! range is stated; those at the edges on an assumed range only *would block if firm*.
//! The zone or gap holds only if the parties it *assumes* accept no more than their
//! stance. Everything respects the view's filter: hidden issues, parties and positions
//! do not take part, and positions below its minimum confidence count as absent.

pub mod words;

use super::View;
use super::state::effective_confidence;
use crate::date::Date;
use crate::model::{Confidence, IssueId, Model, PartyId, PositionId};

/// One party placed on an issue's scale.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placed {
    /// The party.
    pub party: PartyId,
    /// The standing position: the one whose stance stands.
    pub position: PositionId,
    /// The position the cell shows (the standing one, or a later statement without a
    /// stance).
    pub shown: PositionId,
    /// The stance, as a step index.
    pub stance: usize,
    /// The acceptable range `(lo, hi)`, inclusive, as step indices.
    pub range: (usize, usize),
    /// True when the standing position gives no `acceptable`: the range is the stance
    /// alone, and the party's flexibility is unknown.
    pub assumed: bool,
    /// The standing position's confidence (unset counts as moderate).
    pub confidence: Confidence,
    /// True when the standing position is contested at the view date (`±`).
    pub contested: bool,
    /// Since when the stance has stood without a break (`None`: undated); see
    /// [`super::state::stance_since`].
    pub since: Option<Date>,
}

impl Placed {
    /// True when the stance comes from an earlier position than the one the cell shows.
    pub fn stands_from_earlier(&self) -> bool {
        self.position != self.shown
    }

    /// The date of the standing position, if it is dated.
    pub fn as_of(&self, model: &Model) -> Option<Date> {
        model.positions[self.position].as_of
    }
}

/// The comparison of one scaled issue at the view date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssueComparison {
    /// The issue.
    pub issue: IssueId,
    /// The parties with a standing stance, in file order.
    pub placed: Vec<Placed>,
    /// The parties with a position on the issue but no standing stance, in file order.
    pub unplaced: Vec<PartyId>,
    /// The parties shown with no position on the issue at all, in file order.
    pub absent: Vec<PartyId>,
    /// The steps every placed party could accept, when two or more are placed and
    /// their ranges meet.
    pub zone: Option<(usize, usize)>,
    /// The steps between the ranges, when two or more are placed and they do not meet.
    pub gap: Option<usize>,
    /// The placed parties whose range is assumed (file order): the zone or gap holds
    /// only if they accept no more than their stance.
    pub assumes: Vec<PartyId>,
    /// With a gap: the parties with a stated range at its edges (file order); else empty.
    pub blocking: Vec<PartyId>,
    /// With a gap: the parties with an assumed range at its edges, who would block if
    /// firm (file order); else empty.
    pub blocking_if_firm: Vec<PartyId>,
}

/// How two parties compare over the issues where both are placed.
#[derive(Clone, Debug, PartialEq)]
pub struct PairComparison {
    /// The first party (earlier in file order).
    pub a: PartyId,
    /// The second party.
    pub b: PartyId,
    /// How many issues both are placed on.
    pub issues: usize,
    /// Issues where they take the same stance.
    pub same: usize,
    /// Issues where the stances differ but the ranges intersect.
    pub overlap: usize,
    /// Issues where the ranges do not intersect.
    pub apart: usize,
    /// Of the `overlap` and `apart` issues, how many rest on a range assumed to be the
    /// stance alone (either party's).
    pub assumed: usize,
    /// Mean of `|stance_a - stance_b| / (steps - 1)` over those issues, in `[0, 1]`;
    /// `None` when they share no issue.
    pub distance: Option<f64>,
}

/// The whole comparison at a view date.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// The view date.
    pub date: Option<Date>,
    /// The minimum confidence positions were held to (`None`: every position).
    pub min_confidence: Option<Confidence>,
    /// One entry per visible issue with a scale, in file order.
    pub issues: Vec<IssueComparison>,
    /// Every pair of visible parties, `a` before `b` in file order.
    pub pairs: Vec<PairComparison>,
}

impl Comparison {
    /// Compares the parties of `view` at its date.
    pub fn new(view: &View) -> Self {
        let issues: Vec<IssueComparison> = view
            .issues
            .iter()
            .filter(|&&i| !view.model.issues[i].scale.is_empty())
            .map(|&i| compare_issue(view, i))
            .collect();
        let mut pairs = Vec::new();
        for (k, &a) in view.parties.iter().enumerate() {
            for &b in &view.parties[k + 1..] {
                pairs.push(compare_pair(view, &issues, a, b));
            }
        }
        Comparison {
            date: view.date,
            min_confidence: view.filter.min_confidence,
            issues,
            pairs,
        }
    }

    /// The comparison of issue `issue`, if it takes part.
    pub fn issue(&self, issue: IssueId) -> Option<&IssueComparison> {
        self.issues.iter().find(|c| c.issue == issue)
    }

    /// The comparison of parties `x` and `y` (either order).
    pub fn pair(&self, x: PartyId, y: PartyId) -> Option<&PairComparison> {
        self.pairs
            .iter()
            .find(|p| (p.a, p.b) == (x, y) || (p.a, p.b) == (y, x))
    }

    /// The most issues any pair shares: distances over fewer are not ranked against
    /// those without their counts in view.
    pub fn most_shared(&self) -> usize {
        self.pairs.iter().map(|p| p.issues).max().unwrap_or(0)
    }
}

impl IssueComparison {
    /// Where party `party` is placed, if it is.
    pub fn placed_of(&self, party: PartyId) -> Option<&Placed> {
        self.placed.iter().find(|p| p.party == party)
    }

    /// True when `party` is one of the blocking parties (on a stated range).
    pub fn blocks(&self, party: PartyId) -> bool {
        self.blocking.contains(&party)
    }

    /// True when `party` would block if it accepted no more than its stance.
    pub fn would_block_if_firm(&self, party: PartyId) -> bool {
        self.blocking_if_firm.contains(&party)
    }
}

/// Placed, unplaced and absent parties, zone, gap and blocking of one issue.
pub fn compare_issue(view: &View, issue: IssueId) -> IssueComparison {
    let m = &*view.model;
    let (mut placed, mut unplaced, mut absent) = (Vec::new(), Vec::new(), Vec::new());
    // A status or confidence filter applies to what is compared: the standing position
    // for a placed party, the latest statement for one without a stance.
    let admitted = |p: Option<PositionId>| p.filter(|&p| view.filter.admits(&m.positions[p]));
    for &party in &view.parties {
        let shown = super::cell_of(&view.cells, issue, party);
        let Some(shown) = shown else {
            absent.push(party);
            continue;
        };
        let standing = admitted(view.standing_at(issue, party));
        let Some((position, p)) = standing.map(|s| (s, &m.positions[s])) else {
            if admitted(Some(shown)).is_some() {
                unplaced.push(party);
            } else {
                absent.push(party);
            }
            continue;
        };
        let Some(stance) = p.stance else {
            unplaced.push(party);
            continue;
        };
        placed.push(Placed {
            party,
            position,
            shown,
            stance,
            range: p.acceptable.unwrap_or((stance, stance)),
            assumed: p.acceptable.is_none(),
            confidence: effective_confidence(p),
            contested: super::evidence::contested(m, position, view.horizon()).is_some(),
            since: super::state::stance_since(m, position, view.filter.min_confidence),
        });
    }
    let meeting = meet(&placed);
    let assumes = placed
        .iter()
        .filter(|p| p.assumed)
        .map(|p| p.party)
        .collect();
    IssueComparison {
        issue,
        placed,
        unplaced,
        absent,
        zone: meeting.zone,
        gap: meeting.gap,
        assumes,
        blocking: meeting.blocking,
        blocking_if_firm: meeting.blocking_if_firm,
    }
}

/// Where a set of placed parties' ranges meet, or how far apart they are.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Meeting {
    zone: Option<(usize, usize)>,
    gap: Option<usize>,
    blocking: Vec<PartyId>,
    blocking_if_firm: Vec<PartyId>,
}

/// Zone, gap and the parties at the gap's edges, stated and assumed (docs/SPEC.md §5).
fn meet(placed: &[Placed]) -> Meeting {
    if placed.len() < 2 {
        return Meeting::default();
    }
    let max_lo = placed.iter().map(|p| p.range.0).max().unwrap_or(0);
    let min_hi = placed.iter().map(|p| p.range.1).min().unwrap_or(0);
    if max_lo <= min_hi {
        return Meeting {
            zone: Some((max_lo, min_hi)),
            ..Meeting::default()
        };
    }
    let at_edge = |assumed: bool| {
        placed
            .iter()
            .filter(|p| p.assumed == assumed && (p.range.0 == max_lo || p.range.1 == min_hi))
            .map(|p| p.party)
            .collect()
    };
    Meeting {
        zone: None,
        gap: Some(max_lo - min_hi),
        blocking: at_edge(false),
        blocking_if_firm: at_edge(true),
    }
}

/// Same / overlap / apart and the mean distance of two parties.
fn compare_pair(view: &View, issues: &[IssueComparison], a: PartyId, b: PartyId) -> PairComparison {
    let mut out = PairComparison {
        a,
        b,
        issues: 0,
        same: 0,
        overlap: 0,
        apart: 0,
        assumed: 0,
        distance: None,
    };
    let mut total = 0.0;
    for ic in issues {
        let (Some(pa), Some(pb)) = (ic.placed_of(a), ic.placed_of(b)) else {
            continue;
        };
        out.issues += 1;
        if pa.stance == pb.stance {
            out.same += 1;
        } else {
            if pa.range.0 <= pb.range.1 && pb.range.0 <= pa.range.1 {
                out.overlap += 1;
            } else {
                out.apart += 1;
            }
            if pa.assumed || pb.assumed {
                out.assumed += 1;
            }
        }
        let steps = view.model.issues[ic.issue].scale.len();
        total += pa.stance.abs_diff(pb.stance) as f64 / steps.saturating_sub(1).max(1) as f64;
    }
    if out.issues > 0 {
        out.distance = Some(total / out.issues as f64);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Model;
    use crate::model::build::{ModelText, PositionText};

    fn parties(ids: &[usize]) -> Vec<PartyId> {
        ids.iter().copied().map(PartyId).collect()
    }
    use proptest::prelude::*;
    use std::sync::Arc;

    /// Parties a, b, c, d; issue x on a five-step scale, y on a three-step one, and an
    /// issue without a scale.
    fn head() -> ModelText {
        let x = [
            ("s0", "zero"),
            ("s1", "one"),
            ("s2", "two"),
            ("s3", "three"),
            ("s4", "four"),
        ];
        let y = [("y0", "zero"), ("y1", "one"), ("y2", "two")];
        ModelText::new("T")
            .party("a", "A")
            .party("b", "B")
            .party("c", "C")
            .party("d", "D")
            .scaled_issue("x", "X", &x)
            .scaled_issue("y", "Y", &y)
            .issue("plain", "No scale")
    }

    /// A position of `party` on `issue` with optional stance and acceptable range.
    fn pos(
        party: &str,
        issue: &str,
        stance: Option<&str>,
        acc: Option<(&str, &str)>,
    ) -> PositionText {
        let mut p = PositionText::new(party, issue, "s");
        if let Some(st) = stance {
            p = p.stance(st);
        }
        if let Some((lo, hi)) = acc {
            p = p.acceptable(lo, hi);
        }
        p
    }

    fn model(positions: &[PositionText]) -> Arc<Model> {
        let text = positions.iter().cloned().fold(head(), ModelText::position);
        Arc::new(crate::model::test_model(&text.to_toml()))
    }

    fn compare(positions: &[PositionText]) -> Comparison {
        Comparison::new(&View::new(model(positions), None))
    }

    #[test]
    fn only_scaled_issues_take_part() {
        let c = compare(&[pos("a", "plain", None, None)]);
        assert_eq!(
            c.issues.iter().map(|i| i.issue).collect::<Vec<_>>(),
            [IssueId(0), IssueId(1)]
        );
        assert_eq!(c.pairs.len(), 6, "four parties make six pairs");
    }

    #[test]
    fn ranges_that_meet_make_a_zone() {
        let c = compare(&[
            pos("a", "x", Some("s1"), Some(("s0", "s3"))),
            pos("b", "x", Some("s3"), Some(("s2", "s4"))),
        ]);
        let x = &c.issues[0];
        assert_eq!(x.zone, Some((2, 3)));
        assert_eq!((x.gap, x.blocking.len()), (None, 0));
        assert!(!x.placed[0].assumed);
    }

    #[test]
    fn a_gap_names_every_party_at_its_edges_ties_included() {
        let c = compare(&[
            pos("a", "x", Some("s0"), None),
            pos("b", "x", Some("s0"), Some(("s0", "s1"))),
            pos("c", "x", Some("s4"), Some(("s3", "s4"))),
            pos("d", "x", Some("s3"), None),
        ]);
        let x = &c.issues[0];
        assert_eq!(x.zone, None);
        // max(lo) = 3 (c, d), min(hi) = 0 (a).
        assert_eq!(x.gap, Some(3));
        // c states its range; a and d only have a stance: they would block if firm.
        assert_eq!(x.blocking, parties(&[2]));
        assert_eq!(x.blocking_if_firm, parties(&[0, 3]));
        assert_eq!(x.assumes, parties(&[0, 3]));
        assert!(x.placed[0].assumed && x.placed[0].range == (0, 0));
    }

    /// A dated position of `party` on `issue`, with status and confidence when given.
    fn dated(party: &str, issue: &str, day: u8, stance: Option<&str>) -> PositionText {
        pos(party, issue, stance, None).as_of(&format!("2025-01-{day:02}"))
    }

    #[test]
    fn a_statement_without_a_stance_keeps_the_standing_stance_and_withdrawal_ends_it() {
        let m = model(&[
            dated("a", "x", 1, Some("s1")),
            dated("b", "x", 1, Some("s3")).acceptable("s2", "s4"),
            dated("a", "x", 2, None),
            dated("a", "x", 3, Some("s1")).status("withdrawn"),
        ]);
        let at = |day: &str| Comparison::new(&View::new(Arc::clone(&m), Date::parse(day)));
        let c = at("2025-01-02");
        let x = &c.issues[0];
        let a = x.placed_of(PartyId(0)).expect("a's stance of 01-01 stands");
        assert_eq!(
            (a.stance, a.position, a.shown),
            (1, PositionId(0), PositionId(2))
        );
        assert!(a.stands_from_earlier());
        assert_eq!(x.gap, Some(1));
        assert_eq!(
            (x.blocking.clone(), x.blocking_if_firm.clone()),
            (parties(&[1]), parties(&[0]))
        );
        let c = at("2025-01-03");
        let x = &c.issues[0];
        assert!(x.placed_of(PartyId(0)).is_none());
        assert_eq!(x.unplaced, parties(&[0]));
        assert_eq!(x.absent, parties(&[2, 3]));
        assert_eq!((x.zone, x.gap), (None, None));
    }

    #[test]
    fn a_minimum_confidence_leaves_positions_out_as_if_absent() {
        let m = model(&[
            dated("a", "x", 1, Some("s1")).confidence("high"),
            dated("a", "x", 2, Some("s4")).confidence("low"),
            dated("b", "x", 2, Some("s1")),
        ]);
        let filter = crate::view::Filter {
            min_confidence: Some(Confidence::Moderate),
            ..Default::default()
        };
        let c = Comparison::new(&View::filtered(Arc::clone(&m), None, filter));
        let a = c.issues[0].placed_of(PartyId(0)).unwrap();
        assert_eq!((a.stance, a.confidence), (1, Confidence::High));
        assert_eq!(c.issues[0].zone, Some((1, 1)));
        let high = crate::view::Filter {
            min_confidence: Some(Confidence::High),
            ..Default::default()
        };
        let c = Comparison::new(&View::filtered(m, None, high));
        // b's confidence is unset: it counts as moderate, below high.
        assert_eq!(c.issues[0].absent, parties(&[1, 2, 3]));
    }

    #[test]
    fn one_placed_party_has_no_zone_gap_or_blocking() {
        let c = compare(&[pos("a", "x", Some("s2"), None), pos("b", "x", None, None)]);
        let x = &c.issues[0];
        assert_eq!((x.zone, x.gap), (None, None));
        assert!(x.blocking.is_empty());
        assert_eq!(x.placed.len(), 1);
        assert_eq!(x.unplaced, parties(&[1]));
    }

    #[test]
    fn parties_without_a_position_are_neither_placed_nor_unplaced() {
        let c = compare(&[pos("c", "y", None, None), pos("a", "y", Some("y1"), None)]);
        let y = &c.issues[1];
        assert_eq!(y.unplaced, parties(&[2]));
        let placed: Vec<PartyId> = y.placed.iter().map(|p| p.party).collect();
        assert_eq!(placed, parties(&[0]));
    }

    #[test]
    fn pairs_count_same_overlap_apart_and_mean_distance() {
        let c = compare(&[
            pos("a", "x", Some("s0"), Some(("s0", "s2"))),
            pos("b", "x", Some("s2"), None),
            pos("a", "y", Some("y0"), None),
            pos("b", "y", Some("y2"), None),
            pos("c", "y", Some("y0"), None),
        ]);
        let ab = c.pair(PartyId(0), PartyId(1)).unwrap();
        assert_eq!((ab.issues, ab.same, ab.overlap, ab.apart), (2, 0, 1, 1));
        // x: 2/4, y: 2/2 → mean 0.75.
        assert_eq!(ab.distance, Some(0.75));
        let ac = c.pair(PartyId(2), PartyId(0)).unwrap();
        assert_eq!((ac.issues, ac.same, ac.distance), (1, 1, Some(0.0)));
    }

    #[test]
    fn a_pair_with_no_common_issue_has_no_distance() {
        let c = compare(&[
            pos("a", "x", Some("s0"), None),
            pos("b", "y", Some("y0"), None),
        ]);
        let ab = c.pair(PartyId(0), PartyId(1)).unwrap();
        assert_eq!((ab.issues, ab.distance), (0, None));
        let cd = c.pair(PartyId(2), PartyId(3)).unwrap();
        assert_eq!(cd.distance, None);
    }

    #[test]
    fn the_filter_hides_parties_from_the_comparison() {
        let m = model(&[
            pos("a", "x", Some("s0"), None),
            pos("b", "x", Some("s4"), None),
        ]);
        let filter = crate::view::Filter {
            parties: Some(parties(&[0, 2])),
            ..Default::default()
        };
        let c = Comparison::new(&View::filtered(m, None, filter));
        assert_eq!(c.issues[0].placed.len(), 1);
        assert_eq!(c.pairs.len(), 1);
    }

    /// A placed party with an arbitrary range on a 6-step scale (stance inside it).
    fn arb_placed() -> impl Strategy<Value = (usize, usize, usize)> {
        (0usize..6, 0usize..6).prop_flat_map(|(x, y)| {
            let (lo, hi) = (x.min(y), x.max(y));
            (Just(lo), Just(hi), lo..=hi)
        })
    }

    fn to_placed(v: &[(usize, usize, usize)]) -> Vec<Placed> {
        v.iter()
            .enumerate()
            .map(|(party, &(lo, hi, stance))| Placed {
                party: PartyId(party),
                position: PositionId(party),
                shown: PositionId(party),
                stance,
                range: (lo, hi),
                assumed: lo == hi && party % 2 == 0,
                confidence: Confidence::Moderate,
                contested: false,
                since: None,
            })
            .collect()
    }

    proptest! {
        #[test]
        fn the_zone_lies_in_every_range(v in prop::collection::vec(arb_placed(), 2..8)) {
            let placed = to_placed(&v);
            let Meeting { zone, gap, blocking, blocking_if_firm } = meet(&placed);
            prop_assert!(zone.is_some() != gap.is_some());
            if let Some((lo, hi)) = zone {
                prop_assert!(lo <= hi);
                for p in &placed {
                    prop_assert!(p.range.0 <= lo && hi <= p.range.1);
                }
                prop_assert!(blocking.is_empty() && blocking_if_firm.is_empty());
            }
        }

        #[test]
        fn blocking_parties_are_exactly_those_at_the_edges(
            v in prop::collection::vec(arb_placed(), 2..8)
        ) {
            let placed = to_placed(&v);
            let Meeting { gap, blocking, blocking_if_firm, .. } = meet(&placed);
            let Some(gap) = gap else { return Ok(()) };
            let max_lo = placed.iter().map(|p| p.range.0).max().unwrap();
            let min_hi = placed.iter().map(|p| p.range.1).min().unwrap();
            prop_assert_eq!(gap, max_lo - min_hi);
            prop_assert!(gap > 0);
            for p in &placed {
                let at_edge = p.range.0 == max_lo || p.range.1 == min_hi;
                // Blocking never names an assumed range; "if firm" only assumed ones.
                prop_assert_eq!(blocking.contains(&p.party), at_edge && !p.assumed);
                prop_assert_eq!(blocking_if_firm.contains(&p.party), at_edge && p.assumed);
            }
            prop_assert!(blocking.windows(2).all(|w| w[0] < w[1]), "file order");
            prop_assert!(blocking_if_firm.windows(2).all(|w| w[0] < w[1]), "file order");
        }

        #[test]
        fn pair_distance_is_between_zero_and_one(
            stances in prop::collection::vec((prop::option::of(0usize..5), prop::option::of(0usize..5)), 1..3)
        ) {
            let steps = ["s0", "s1", "s2", "s3", "s4"];
            let ys = ["y0", "y1", "y2"];
            let mut ps = Vec::new();
            for (k, (sa, sb)) in stances.iter().enumerate() {
                let (issue, names): (&str, &[&str]) = if k == 0 { ("x", &steps) } else { ("y", &ys) };
                if let Some(s) = sa { ps.push(pos("a", issue, Some(names[s % names.len()]), None)); }
                if let Some(s) = sb { ps.push(pos("b", issue, Some(names[s % names.len()]), None)); }
            }
            let c = compare(&ps);
            for p in &c.pairs {
                prop_assert_eq!(p.same + p.overlap + p.apart, p.issues);
                match p.distance {
                    Some(d) => prop_assert!((0.0..=1.0).contains(&d) && p.issues > 0),
                    None => prop_assert_eq!(p.issues, 0),
                }
            }
        }
    }
}
