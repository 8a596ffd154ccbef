//! Unit tests of [`super`]: each change kind, undated positions, moves over several
//! dates, the default dates, and a property test that the changes turn one grid into
//! the other.

use super::*;
use crate::model::Confidence;
use crate::model::build::{ModelText, PositionText};
use crate::view::state::Grid;
use proptest::prelude::*;

/// Parties a, b, c; issue x with a three-step scale, issue y without one. `a` moves
/// twice on x (undated `lo`, then `mid` on 01-01, `hi` on 03-01); `b` is new on x on
/// 02-01; `c` is undated on x; `a` changes its summary on y.
fn model() -> Model {
    let p = PositionText::new;
    let m = ModelText::new("T")
        .party("a", "A")
        .party("b", "B")
        .party("c", "C")
        .scaled_issue(
            "x",
            "X",
            &[("lo", "Low"), ("mid", "Middle"), ("hi", "High")],
        )
        .issue("y", "Y")
        .position(p("a", "x", "A starts low").stance("lo"))
        .position(
            p("a", "x", "A to the middle")
                .as_of("2025-01-01")
                .stance("mid"),
        )
        .position(p("a", "x", "A to high").as_of("2025-03-01").stance("hi"))
        .position(p("b", "x", "B high").as_of("2025-02-01").stance("hi"))
        .position(p("c", "x", "C in the middle, undated").stance("mid"))
        .position(p("a", "y", "Y one").as_of("2025-01-01").status("stated"))
        .position(p("a", "y", "Y two").as_of("2025-03-01").status("stated"))
        .position(p("b", "y", "B on y, undated"));
    crate::model::test_model(&m.to_toml())
}

fn date(s: &str) -> Option<Date> {
    let d = Date::parse(s);
    assert!(d.is_some(), "not a date: {s}");
    d
}

/// `(issue, party, kind, steps)` of every change.
fn kinds(d: &Diff) -> Vec<(usize, usize, Kind, Option<isize>)> {
    d.changes
        .iter()
        .map(|c| (c.issue.index(), c.party.index(), c.kind, c.steps()))
        .collect()
}

#[test]
fn a_position_appearing_is_new() {
    let d = Diff::new(&model(), date("2025-01-01"), date("2025-02-01"), None);
    assert_eq!(kinds(&d), [(0, 1, Kind::New, None)]);
    assert_eq!(d.changes[0].before, None);
    assert_eq!(d.changes[0].after, Some(PositionId(3)));
}

#[test]
fn a_stance_change_is_a_move_with_its_direction_and_a_summary_change_is_changed() {
    let d = Diff::new(&model(), date("2025-02-01"), date("2025-03-01"), None);
    assert_eq!(
        kinds(&d),
        [(0, 0, Kind::Moved, Some(1)), (1, 0, Kind::Changed, None)]
    );
    let m = d.changes[0].movement.as_ref().unwrap();
    assert_eq!(m.pole, 2, "toward the last step, High");
    assert_eq!(m.toward, [PartyId(1)], "closer to B, at High");
    assert_eq!(m.away, [PartyId(2)], "away from C, in the middle");
    assert_eq!(
        (d.changes[1].before, d.changes[1].after),
        (Some(PositionId(5)), Some(PositionId(6)))
    );
}

#[test]
fn a_position_that_moves_twice_is_one_move_of_the_net_steps_across_both_dates() {
    let m = model();
    let first = Diff::new(&m, date("2024-12-31"), date("2025-01-01"), None);
    assert_eq!(
        first.at(IssueId(0), PartyId(0)).and_then(Change::steps),
        Some(1)
    );
    let second = Diff::new(&m, date("2025-01-01"), date("2025-03-01"), None);
    assert_eq!(
        second.at(IssueId(0), PartyId(0)).and_then(Change::steps),
        Some(1)
    );
    let both = Diff::new(&m, date("2024-12-31"), date("2025-03-01"), None);
    assert_eq!(
        both.at(IssueId(0), PartyId(0)).and_then(Change::steps),
        Some(2)
    );
    assert_eq!(
        both.at(IssueId(0), PartyId(0)).unwrap().before,
        Some(PositionId(0)),
        "the undated start"
    );
}

#[test]
fn undated_positions_apply_at_every_date_and_never_change() {
    let d = Diff::new(&model(), date("1999-01-01"), date("2099-01-01"), None);
    assert!(d.at(IssueId(0), PartyId(2)).is_none(), "c on x is undated");
    assert!(d.at(IssueId(1), PartyId(1)).is_none(), "b on y is undated");
    assert_eq!(
        kinds(&d),
        [
            (0, 0, Kind::Moved, Some(2)),
            (0, 1, Kind::New, None),
            (1, 0, Kind::New, None)
        ]
    );
}

#[test]
fn after_the_last_date_nothing_changes() {
    let d = Diff::new(&model(), date("2030-01-01"), date("2030-02-01"), None);
    assert!(d.changes.is_empty());
    assert_eq!(d.summary(), "no changes");
}

#[test]
fn going_back_in_time_a_position_can_be_removed() {
    let d = Diff::new(&model(), date("2025-02-01"), date("2025-01-01"), None);
    assert_eq!(kinds(&d), [(0, 1, Kind::Removed, None)]);
    assert_eq!(d.changes[0].after, None);
}

#[test]
fn default_dates_are_the_latest_and_the_one_before_it() {
    let m = model();
    assert_eq!(
        default_dates(&m, None, None),
        (date("2025-02-01"), date("2025-03-01"))
    );
    assert_eq!(
        default_dates(&m, None, date("2025-02-15")),
        (date("2025-02-01"), date("2025-02-15"))
    );
    assert_eq!(
        default_dates(&m, None, date("2025-01-01")),
        (date("2024-12-31"), date("2025-01-01")),
        "no file date before it: the day before"
    );
    assert_eq!(
        default_dates(&m, date("2030-01-01"), None),
        (date("2030-01-01"), date("2030-01-01")),
        "a --from after the latest date compares it with itself"
    );
    assert_eq!(
        default_dates(&m, None, date("0000-01-01")),
        (None, date("0000-01-01")),
        "no day before 0000-01-01: before any date"
    );
}

#[test]
fn the_summary_counts_each_kind() {
    let d = Diff::new(&model(), date("2025-01-01"), date("2025-03-01"), None);
    assert_eq!(d.summary(), "3 changes: 1 new, 1 moved, 1 changed");
    let d = Diff::new(&model(), date("2025-01-01"), date("2025-02-01"), None);
    assert_eq!(d.summary(), "1 change: 1 new; no stance moved");
}

/// One synthetic position: party, issue, day (or undated), stance, withdrawn, confidence
/// (0 unset, 1 low, 2 moderate, 3 high).
type Synth = (usize, usize, Option<u8>, Option<usize>, bool, u8);

/// A model of parties p0..p2 and issues i0 (a 4-step scale) and i1 (none) with
/// `positions`. Two positions of a cell at one date are an error of the file, kept in the
/// model (the diff must cope with them too).
fn synthetic(positions: &[Synth]) -> Model {
    let steps: Vec<(String, String)> = (0..4)
        .map(|i| (format!("s{i}"), format!("Step {i}")))
        .collect();
    let steps: Vec<(&str, &str)> = steps
        .iter()
        .map(|(k, l)| (k.as_str(), l.as_str()))
        .collect();
    let mut m = ModelText::new("P")
        .party("p0", "P0")
        .party("p1", "P1")
        .party("p2", "P2")
        .scaled_issue("i0", "I0", &steps)
        .issue("i1", "I1");
    for (n, &(party, issue, day, stance, withdrawn, confidence)) in positions.iter().enumerate() {
        let mut p = PositionText::new(&format!("p{party}"), &format!("i{issue}"), &format!("s{n}"));
        if let Some(d) = day {
            p = p.as_of(&format!("2025-01-{d:02}"));
        }
        if let (0, Some(s)) = (issue, stance) {
            p = p.stance(&format!("s{s}"));
        }
        if withdrawn {
            p = p.status("withdrawn");
        }
        if let Some(c) =
            [None, Some("low"), Some("moderate"), Some("high")][usize::from(confidence % 4)]
        {
            p = p.confidence(c);
        }
        m = m.position(p);
    }
    crate::model::test_model(&m.to_toml())
}

fn positions() -> impl Strategy<Value = Vec<Synth>> {
    proptest::collection::vec(
        (
            0..3usize,
            0..2usize,
            proptest::option::of(1..8u8),
            proptest::option::of(0..4usize),
            proptest::bool::weighted(0.15),
            0..4u8,
        ),
        0..16,
    )
}

fn min_confidence() -> impl Strategy<Value = Option<Confidence>> {
    proptest::option::of(proptest::sample::select(Confidence::ALL.to_vec()))
}

proptest! {
    #[test]
    fn applying_the_changes_to_the_grid_at_from_gives_the_grid_at_to(
        ps in positions(),
        d1 in proptest::option::of(0..9u8),
        d2 in proptest::option::of(0..9u8),
        min in min_confidence(),
    ) {
        let m = synthetic(&ps);
        let day = |d: Option<u8>| d.and_then(|d| Date::new(2025, 1, d.max(1)));
        let (from, to) = (day(d1), day(d2));
        let diff = Diff::new(&m, from, to, min);
        prop_assert_eq!(diff.apply(&Grid::at(&m, from, min)), Grid::at(&m, to, min));
        for c in &diff.changes {
            prop_assert_ne!(c.state(When::Before), c.state(When::After));
            prop_assert_eq!(c.kind == Kind::Moved, c.movement.is_some());
            prop_assert_eq!(c.steps().is_some(), c.kind == Kind::Moved);
            if c.kind == Kind::Withdrawn {
                prop_assert!(c.standing_before.is_some() && c.standing_after.is_none());
            }
        }
        if let (Some(a), Some(b)) = (from, to) && a <= b {
            prop_assert_eq!(diff.count(Kind::Removed), 0, "nothing disappears going forward");
        }
    }

    /// `via` is every position of the cell dated after `from` and on or before `to`
    /// that meets the minimum confidence, in date order.
    #[test]
    fn via_is_every_position_in_the_period_in_date_order(
        ps in positions(),
        d1 in 1..8u8,
        d2 in 1..8u8,
        min in min_confidence(),
    ) {
        let m = synthetic(&ps);
        let (from, to) = (Date::new(2025, 1, d1.min(d2)), Date::new(2025, 1, d1.max(d2)));
        let diff = Diff::new(&m, from, to, min);
        for c in &diff.changes {
            let expected: Vec<PositionId> = {
                let mut v: Vec<PositionId> = m
                    .position_ids()
                    .filter(|&i| {
                        let p = &m.positions[i];
                        p.party == c.party
                            && p.issue == c.issue
                            && crate::view::state::meets(p, min)
                            && p.as_of.is_some_and(|d| Some(d) > from && Some(d) <= to)
                    })
                    .collect();
                v.sort_by_key(|&i| m.positions[i].as_of);
                v
            };
            prop_assert_eq!(&c.via, &expected);
        }
        // Every cell with a position in the period changed.
        for i in m.position_ids() {
            let p = &m.positions[i];
            if crate::view::state::meets(p, min) && p.as_of.is_some_and(|d| Some(d) > from && Some(d) <= to) {
                prop_assert!(diff.at(p.issue, p.party).is_some());
            }
        }
    }

    /// Adding a position without a stance (not withdrawn) never changes which stance
    /// stands in its cell, at any date.
    #[test]
    fn a_stance_less_position_never_changes_a_standing_stance(
        ps in positions(),
        party in 0..3usize,
        day in proptest::option::of(1..8u8),
        view in 1..9u8,
        min in min_confidence(),
    ) {
        let base = synthetic(&ps);
        let mut more = ps.clone();
        more.retain(|&(p, i, d, ..)| (p, i, d) != (party, 0, day));
        let without = synthetic(&more);
        more.push((party, 0, day, None, false, 3));
        let with = synthetic(&more);
        let date = Date::new(2025, 1, view);
        let stance_at = |m: &Model| {
            let s = crate::view::state::cell_state(m, crate::model::Cell::new(IssueId(0), PartyId(party)), date, min);
            s.standing.map(|p| (m.positions[p].stance, m.positions[p].as_of))
        };
        prop_assert_eq!(stance_at(&without), stance_at(&with));
        let _ = base;
    }
}
