//! How strong the evidence behind a position is: its status, confidence and date, how
//! many citations and distinct sources back it, and two warnings that need no toggle:
//! *thin* evidence and *contested* positions.
//!
//! **Single account**: the position has at least one citation, all from one source,
//! and the citations name at most one speaker (one report, or one person on record).
//!
//! **Thin** (see [`Evidence::thin`]): low confidence, or a single account that the
//! curator has not rated high confidence.
//!
//! **Contested** (see [`contested`]): a position with a `stance`, dated, is contested
//! at a view date when the same party, on the same issue, within the
//! [`CONTESTED_WINDOW_DAYS`] days before *or after* it (and on or before the view date:
//! a statement not yet made contests nothing), also held a position that
//! - takes a stance two or more steps away from it, or
//! - takes no stance (the curator could not place it on the scale) and is held with
//!   higher confidence (an unset confidence counts as moderate);
//!
//! or when the curator marks it with `contested = "why"`. A later statement counts as
//! much as an earlier one: a stance is standing evidence, and a denial days after it
//! contests it from the day it is made. Undated positions are never contested by this
//! rule (nothing says how near they are); the curator can still mark them. What counts
//! as the record is a [`Horizon`]: the view date and the minimum confidence.

use super::View;
use crate::date::Date;
use crate::model::{
    Cell, Confidence, IssueId, Model, PartyId, Position, PositionId, SourceId, Status,
};
use std::collections::HashSet;

/// How many days before and after a position the party's record is searched for
/// contrary evidence.
pub const CONTESTED_WINDOW_DAYS: i64 = 7;

/// What counts as the record when a position's evidence is judged: positions dated on
/// or before `date` (every one when `None`) that meet `min_confidence`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Horizon {
    /// The view date.
    pub date: Option<Date>,
    /// Positions below this confidence count as absent.
    pub min_confidence: Option<Confidence>,
}

impl Horizon {
    /// True when position `p` is part of the record.
    pub fn admits(&self, p: &Position) -> bool {
        let dated_in = match (p.as_of, self.date) {
            (Some(d), Some(view)) => d <= view,
            _ => true,
        };
        dated_in && super::state::meets(p, self.min_confidence)
    }
}

/// The mark of a contested cell (drawn next to the summary; not colour alone).
pub const CONTESTED_MARK: char = '±';
/// The mark of a cell whose evidence is thin: low confidence, or a single account not
/// rated high confidence.
pub const THIN_MARK: char = '?';

/// What [`THIN_MARK`] means, in the legends.
pub const THIN_MEANS: &str = "thin evidence: one account not rated high, or low confidence";

/// The legend of both marks: `± contested   ? thin evidence: …`.
pub fn marks_legend() -> String {
    format!("{CONTESTED_MARK} contested   {THIN_MARK} {THIN_MEANS}")
}

/// The evidence warnings of position `position` in words, each after its mark:
/// `± contested, ? single account, ? low confidence` (empty when there are none).
pub fn flag_words(model: &Model, position: PositionId, horizon: Horizon) -> String {
    let e = Evidence::of(model, position, horizon);
    let mut words = Vec::new();
    if e.contested.is_some() {
        words.push(format!("{CONTESTED_MARK} contested"));
    }
    if e.single_account && e.thin() && !e.low_confidence {
        words.push(format!("{THIN_MARK} single account"));
    }
    if e.low_confidence {
        words.push(format!("{THIN_MARK} low confidence"));
    }
    words.join(", ")
}

/// A contested cell shown, and why it is contested.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContestedCell {
    /// The issue.
    pub issue: IssueId,
    /// The party.
    pub party: PartyId,
    /// Why, in words ([`Contested::reason`]).
    pub reason: String,
}

/// The contested cells `view` shows, in grid order (issue, then party).
pub fn contested_cells(view: &View) -> Vec<ContestedCell> {
    let m = &*view.model;
    let mut out = Vec::new();
    for &issue in &view.issues {
        for &party in &view.parties {
            let Some(pos) = view.position_at(issue, party) else {
                continue;
            };
            if let Some(c) = contested(m, pos, view.horizon()) {
                out.push(ContestedCell {
                    issue,
                    party,
                    reason: c.reason(m),
                });
            }
        }
    }
    out
}

/// Why a position counts as contested.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Contested {
    /// The curator says so, with this reason (`contested = "..."`).
    Curator(String),
    /// A position days before or after takes a stance two or more steps away.
    Stance(PositionId),
    /// A more confident position days before or after takes no stance.
    Unplaced(PositionId),
}

impl Contested {
    /// The reason in words, e.g. `2025-04-23: "Trump: nobody asks ..." (no stance, high confidence)`.
    pub fn reason(&self, model: &Model) -> String {
        let describe = |i: PositionId, what: String| {
            let p: &Position = &model.positions[i];
            let date = p.as_of.map_or(String::new(), |d| format!("{d}: "));
            format!("{date}“{}” ({what})", p.summary)
        };
        match self {
            Contested::Curator(why) => why.clone(),
            Contested::Stance(i) => {
                let p = &model.positions[*i];
                let scale = &model.issues[p.issue].scale;
                let label = p.stance.map_or("", |s| scale[s].label.as_str());
                describe(*i, format!("stance: {label}"))
            }
            Contested::Unplaced(i) => {
                let c = super::state::effective_confidence(&model.positions[*i]).id();
                describe(*i, format!("no stance, {c} confidence"))
            }
        }
    }
}

/// The evidence behind one position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evidence {
    /// `status`.
    pub status: Option<Status>,
    /// `confidence`.
    pub confidence: Option<Confidence>,
    /// `as_of`.
    pub as_of: Option<Date>,
    /// Number of citations.
    pub citations: usize,
    /// Number of distinct sources cited.
    pub sources: usize,
    /// Number of distinct speakers named in the citations.
    pub speakers: usize,
    /// Cited from one source with at most one speaker.
    pub single_account: bool,
    /// `confidence = "low"`.
    pub low_confidence: bool,
    /// Why the position is contested, if it is.
    pub contested: Option<Contested>,
}

impl Evidence {
    /// The evidence behind position `position` of `model`, with the record `horizon`
    /// holds (for the contested mark).
    pub fn of(model: &Model, position: PositionId, horizon: Horizon) -> Self {
        let p = &model.positions[position];
        let sources: HashSet<SourceId> = p.citations.iter().map(|c| c.source).collect();
        let speakers: HashSet<&str> = p
            .citations
            .iter()
            .filter_map(|c| c.speaker.as_deref())
            .collect();
        Evidence {
            status: p.status,
            confidence: p.confidence,
            as_of: p.as_of,
            citations: p.citations.len(),
            sources: sources.len(),
            speakers: speakers.len(),
            single_account: !p.citations.is_empty() && sources.len() == 1 && speakers.len() <= 1,
            low_confidence: p.confidence == Some(Confidence::Low),
            contested: contested(model, position, horizon),
        }
    }

    /// True when the evidence is thin: low confidence, or a single account (one source,
    /// one speaker) that the curator has not rated high confidence (a direct, on-record
    /// statement rated high is not thin because only one article carries it).
    pub fn thin(&self) -> bool {
        self.low_confidence || (self.single_account && self.confidence != Some(Confidence::High))
    }

    /// The marks of the cell: [`CONTESTED_MARK`] and [`THIN_MARK`], as they apply.
    pub fn marks(&self) -> String {
        let mut s = String::new();
        if self.contested.is_some() {
            s.push(CONTESTED_MARK);
        }
        if self.thin() {
            s.push(THIN_MARK);
        }
        s
    }

    /// One line: `proposed · moderate · 2 cites/1 src · 04-25` (parts left out when
    /// unknown; the year is shown when `full_date`).
    pub fn compact(&self, full_date: bool) -> String {
        let mut parts: Vec<String> = Vec::new();
        parts.extend(self.status.map(|s| s.id().to_string()));
        parts.extend(self.confidence.map(|c| c.id().to_string()));
        let cites = if self.citations == 1 { "cite" } else { "cites" };
        parts.push(format!("{} {cites}/{} src", self.citations, self.sources));
        parts.extend(self.as_of.map(|d| {
            if full_date {
                d.to_string()
            } else {
                format!("{:02}-{:02}", d.month, d.day)
            }
        }));
        parts.join(" · ")
    }
}

/// Why position `position` is contested at `horizon` (the rule in the module
/// documentation), if it is.
pub fn contested(model: &Model, position: PositionId, horizon: Horizon) -> Option<Contested> {
    let p = &model.positions[position];
    if let Some(why) = &p.contested {
        return Some(Contested::Curator(why.clone()));
    }
    let (stance, date) = (p.stance?, p.as_of?);
    let rank = |q: &Position| super::state::confidence_rank(super::state::effective_confidence(q));
    // Nearest first (the earlier of two as near): the position that pulls the other way.
    model
        .history(Cell::new(p.issue, p.party))
        .iter()
        .copied()
        .filter(|&i| i != position)
        .filter_map(|i| {
            let q = &model.positions[i];
            let days = days_between(q.as_of?, date).abs();
            if !(1..=CONTESTED_WINDOW_DAYS).contains(&days) || !horizon.admits(q) {
                return None;
            }
            let why = match q.stance {
                Some(s) if s.abs_diff(stance) >= 2 => Contested::Stance(i),
                None if rank(q) > rank(p) => Contested::Unplaced(i),
                _ => return None,
            };
            Some((days, why))
        })
        .min_by_key(|(days, _)| *days)
        .map(|(_, why)| why)
}

/// Days from `a` to `b` (negative when `b` is earlier).
pub fn days_between(a: Date, b: Date) -> i64 {
    day_number(b) - day_number(a)
}

/// Days since 1970-01-01 (proleptic Gregorian calendar).
fn day_number(d: Date) -> i64 {
    let (y, m, day) = (i64::from(d.year), i64::from(d.month), i64::from(d.day));
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::build::{ModelText, PositionText};

    /// The US on land (a four-step scale), sources a and b, and `positions`.
    fn model(positions: Vec<PositionText>) -> Model {
        let scale = [
            ("none", "none"),
            ("some", "some"),
            ("more", "more"),
            ("all", "all"),
        ];
        let head = ModelText::new("T")
            .party("us", "US")
            .scaled_issue("land", "Land", &scale)
            .source("a", "a.txt", "A", "Alpha said one. Beta said two.")
            .source("b", "b.txt", "B", "Gamma said three.");
        positions
            .into_iter()
            .fold(head, ModelText::position)
            .model()
    }

    /// A position of the US on land at `date`, with a stance or none, and a confidence.
    fn position(date: &str, stance: Option<&str>, confidence: &str) -> PositionText {
        let p = PositionText::new("us", "land", date).as_of(date);
        let p = match stance {
            Some(s) => p.stance(s),
            None => p,
        };
        p.confidence(confidence)
    }

    #[test]
    fn days_between_counts_calendar_days() {
        let d = |s| Date::parse(s).unwrap();
        assert_eq!(days_between(d("2025-04-23"), d("2025-04-25")), 2);
        assert_eq!(days_between(d("2024-02-28"), d("2024-03-01")), 2);
        assert_eq!(days_between(d("2025-01-01"), d("2024-12-31")), -1);
        assert_eq!(day_number(d("1970-01-01")), 0);
    }

    #[test]
    fn a_more_confident_unplaced_statement_in_the_week_before_contests() {
        let m = model(vec![
            position("2025-04-23", None, "high"),
            position("2025-04-25", Some("all"), "moderate"),
        ]);
        assert_eq!(
            contested(&m, PositionId(1), Horizon::default()),
            Some(Contested::Unplaced(PositionId(0)))
        );
        assert!(
            contested(&m, PositionId(0), Horizon::default()).is_none(),
            "no stance: not contested"
        );
        assert!(
            Contested::Unplaced(PositionId(0))
                .reason(&m)
                .contains("2025-04-23")
        );
    }

    #[test]
    fn a_later_more_confident_statement_contests_from_the_day_it_is_made() {
        let m = model(vec![
            position("2025-04-17", Some("all"), "moderate"),
            position("2025-04-23", None, "high"),
        ]);
        let at = |day: &str| Horizon {
            date: Date::parse(day),
            min_confidence: None,
        };
        assert_eq!(contested(&m, PositionId(0), at("2025-04-22")), None);
        assert_eq!(
            contested(&m, PositionId(0), at("2025-04-23")),
            Some(Contested::Unplaced(PositionId(1)))
        );
        // Left out below a minimum confidence of high? No: it is high. Below moderate
        // the plan itself would be out; the denial still counts.
        let strict = Horizon {
            date: None,
            min_confidence: Some(Confidence::High),
        };
        assert_eq!(
            contested(&m, PositionId(0), strict),
            Some(Contested::Unplaced(PositionId(1)))
        );
    }

    #[test]
    fn a_less_confident_unplaced_statement_does_not_contest() {
        let m = model(vec![
            position("2025-04-23", None, "moderate"),
            position("2025-04-25", Some("all"), "moderate"),
        ]);
        assert_eq!(contested(&m, PositionId(1), Horizon::default()), None);
    }

    #[test]
    fn a_stance_two_steps_away_within_the_window_contests_but_not_one_step_or_later() {
        let m = model(vec![
            position("2025-04-18", Some("none"), "low"),
            position("2025-04-25", Some("more"), "high"),
        ]);
        assert_eq!(
            contested(&m, PositionId(1), Horizon::default()),
            Some(Contested::Stance(PositionId(0)))
        );
        let near = model(vec![
            position("2025-04-24", Some("some"), "low"),
            position("2025-04-25", Some("more"), "high"),
        ]);
        assert_eq!(contested(&near, PositionId(1), Horizon::default()), None);
        let old = model(vec![
            position("2025-04-17", Some("none"), "low"),
            position("2025-04-25", Some("more"), "high"),
        ]);
        assert_eq!(
            contested(&old, PositionId(1), Horizon::default()),
            None,
            "eight days is outside the window"
        );
    }

    #[test]
    fn the_curator_can_mark_a_position_contested() {
        let m = model(vec![
            position("2025-04-25", None, "high").contested("denied two days later"),
        ]);
        assert_eq!(
            contested(&m, PositionId(0), Horizon::default()),
            Some(Contested::Curator("denied two days later".into()))
        );
    }

    #[test]
    fn single_account_low_confidence_and_the_compact_line() {
        let m = model(vec![
            position("2025-04-20", None, "low")
                .status("proposed")
                .cite_by("a", "Alpha said one.", "Reuters")
                .cite("a", "Beta said two."),
            position("2025-04-21", None, "high")
                .cite_by("a", "Alpha said one.", "X")
                .cite_by("a", "Beta said two.", "Y"),
            position("2025-04-22", None, "high").cite("b", "Gamma said three."),
        ]);
        let e = Evidence::of(&m, PositionId(0), Horizon::default());
        assert!(e.single_account && e.low_confidence && e.thin());
        assert_eq!(e.compact(false), "proposed · low · 2 cites/1 src · 04-20");
        assert_eq!(e.marks(), "?");
        let e = Evidence::of(&m, PositionId(1), Horizon::default());
        assert!(!e.single_account, "two speakers are two accounts");
        assert_eq!((e.citations, e.sources, e.speakers), (2, 1, 2));
        assert_eq!(
            Evidence::of(&m, PositionId(2), Horizon::default()).compact(true),
            "high · 1 cite/1 src · 2025-04-22"
        );
    }
}
