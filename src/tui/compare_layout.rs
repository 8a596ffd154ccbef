//! Measuring the comparison screens, as [`super::layout`] does for the grid: the lines
//! of the spectrum and of the two-party view, which matrix cells fit, how to scroll a
//! selection into view and what a click hits. Pure functions of the view, used by
//! `update` and by the views alike, so what is measured is what is drawn.

use crate::model::{IssueId, PartyId};
use crate::sanitize::one_line;
use crate::view::View;
use crate::view::compare::words::{
    AXIS_LEGEND, IssueWords, agreement, axis, axis_header, distance_cell, filter_words,
    min_confidence_words, pair_counts, range_words, since_words, stance_words,
};
use crate::view::compare::{Comparison, IssueComparison, compare_issue};
use crate::view::evidence::{Evidence, marks_legend};
use crate::wrap::{fit, lines};
use ratatui::layout::Rect;
use std::ops::Range;
use unicode_width::UnicodeWidthStr;

/// Lines above the scrolling part of each comparison screen (its title).
pub const TITLE_LINES: u16 = 1;

/// Width of the party-name column of the spectrum and the pair view.
fn name_width(view: &View) -> usize {
    view.parties
        .iter()
        .map(|&p| one_line(&view.model.parties[p].short).width())
        .max()
        .unwrap_or(5)
        .clamp(5, 14)
}

/// The comparison of `issue` at the view date, when the issue has a scale.
pub fn spectrum_of(view: &View, issue: IssueId) -> Option<IssueComparison> {
    let scaled = view
        .model
        .issues
        .get(issue.index())
        .is_some_and(|i| !i.scale.is_empty());
    scaled.then(|| compare_issue(view, issue))
}

/// What a line of the spectrum is, for its style and for what a click on it selects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpectrumLine {
    /// The scale's steps, the axis header, a blank line.
    Text,
    /// A line of party `row` (display index into the view's parties): `first` is its
    /// name, axis and stance; `blocking` when it blocks on a stated range.
    Party {
        /// The party's display index.
        row: usize,
        /// True on the entry's first line.
        first: bool,
        /// True when the party blocks on a stated range.
        blocking: bool,
    },
    /// A sentence of the conclusion: the zone or gap, who has no stance or no position.
    Conclusion,
    /// What the marks mean, the keys, and what a minimum confidence leaves out.
    Legend,
}

/// The spectrum's lines below its title, `width` wide: what a minimum confidence leaves
/// out, the scale's steps, the axis header; then every party shown, in file order: a
/// placed one on the axis with its stance in words and what is said of it (range
/// stated or assumed, blocking or would block if firm, confidence, since when,
/// warnings), the others with their position and no stance, or no position; then the
/// conclusion in sentences and the legend. The same words as `stances compare`.
pub fn spectrum_lines(view: &View, issue: IssueId, width: usize) -> Vec<(SpectrumLine, String)> {
    let width = width.max(1);
    let m = &*view.model;
    let mut out = Vec::new();
    let push = |out: &mut Vec<(SpectrumLine, String)>, kind: SpectrumLine, text: &str, w: usize| {
        out.extend(lines(text, w.max(1)).into_iter().map(|l| (kind, l)));
    };
    // What a minimum confidence and the filter leave out, so that a zone among fewer
    // parties never reads as the whole.
    for words in min_confidence_words(view.filter.min_confidence)
        .into_iter()
        .chain(filter_words(view))
    {
        push(&mut out, SpectrumLine::Legend, &words, width);
    }
    let Some(issue_def) = m.issues.get(issue.index()) else {
        return out;
    };
    let Some(ic) = spectrum_of(view, issue) else {
        let text = format!(
            "{} has no scale, so its positions cannot be placed on a spectrum. Each party's position follows.",
            one_line(&issue_def.name)
        );
        push(&mut out, SpectrumLine::Text, &text, width);
        out.push((SpectrumLine::Text, String::new()));
        let w = name_width(view);
        for (row, &party) in view.parties.iter().enumerate() {
            let text = match view.cell(issue, party) {
                Some(pos) => one_line(&pos.summary),
                None => NO_POSITION.into(),
            };
            party_entry(
                &mut out,
                (row, false),
                (&name_cell(view, party, w), "  "),
                &[text],
                width,
            );
        }
        return out;
    };
    let steps = issue_def.scale.len();
    // Each step's number, its label wrapped under the label.
    for (k, step) in issue_def.scale.iter().enumerate() {
        let label = lines(&one_line(&step.label), width.saturating_sub(3).max(1));
        for (i, l) in label.into_iter().enumerate() {
            let text = if i == 0 {
                format!("{:>2} {l}", k + 1)
            } else {
                format!("   {l}")
            };
            out.push((SpectrumLine::Text, fit(&text, width).trim_end().to_string()));
        }
    }
    out.push((SpectrumLine::Text, String::new()));
    let w = name_width(view);
    out.push((
        SpectrumLine::Text,
        fit(&format!("{}  {}", " ".repeat(w), axis_header(steps)), width)
            .trim_end()
            .to_string(),
    ));
    let words = IssueWords::new(view, &ic);
    for (row, &party) in view.parties.iter().enumerate() {
        let name = name_cell(view, party, w);
        if let Some(pw) = words.placed.iter().find(|p| p.placed.party == party) {
            let head = format!("{name}  {}", axis(steps, &pw.placed));
            let blocking = ic.blocks(party);
            let texts = [pw.stance.clone(), pw.notes().join("; ")];
            party_entry(&mut out, (row, blocking), (&head, "   "), &texts, width);
            continue;
        }
        let text = match view.cell(issue, party) {
            Some(pos) => format!("no stance — {}", one_line(&pos.summary)),
            None => NO_POSITION.into(),
        };
        party_entry(&mut out, (row, false), (&name, "  "), &[text], width);
    }
    if view.parties.is_empty() {
        out.push((SpectrumLine::Legend, "(no parties shown)".into()));
    }
    out.push((SpectrumLine::Text, String::new()));
    for sentence in words.conclusion() {
        push(&mut out, SpectrumLine::Conclusion, &sentence, width);
    }
    out.push((SpectrumLine::Text, String::new()));
    push(&mut out, SpectrumLine::Legend, &spectrum_legend(), width);
    out
}

/// What the spectrum says of a party with no position at the view date.
const NO_POSITION: &str = "– no position at this date";

/// A party's short name, cut and padded to `w` columns.
fn name_cell(view: &View, party: PartyId, w: usize) -> String {
    fit(&one_line(&view.model.parties[party].short), w)
}

/// One party's entry: `head` (its name, and its axis when placed), then after `sep`
/// each of `texts` wrapped beside it; below the head when the screen is too narrow to put
/// them beside it.
fn party_entry(
    out: &mut Vec<(SpectrumLine, String)>,
    (row, blocking): (usize, bool),
    (head, sep): (&str, &str),
    texts: &[String],
    width: usize,
) {
    let kind = |first: bool| SpectrumLine::Party {
        row,
        first,
        blocking,
    };
    let indent = head.width() + sep.width();
    let beside = indent + MIN_TEXT <= width;
    let (indent, room) = if beside {
        (indent, width - indent)
    } else {
        (2, width.saturating_sub(2).max(1))
    };
    let wrapped: Vec<String> = texts
        .iter()
        .filter(|t| !t.is_empty())
        .flat_map(|t| lines(t, room))
        .collect();
    let pad = " ".repeat(indent);
    let mut rest = wrapped.into_iter();
    let first = match (beside, rest.next()) {
        (true, Some(t)) => format!("{head}{sep}{t}"),
        (false, Some(t)) => {
            out.push((kind(true), fit(head, width).trim_end().to_string()));
            for t in std::iter::once(t).chain(rest) {
                let line = fit(&format!("{pad}{t}"), width);
                out.push((kind(false), line.trim_end().to_string()));
            }
            return;
        }
        (_, None) => head.to_string(),
    };
    out.push((kind(true), fit(&first, width).trim_end().to_string()));
    for t in rest {
        out.push((kind(false), format!("{pad}{t}")));
    }
}

/// The narrowest the words beside a party's axis get before they go below it.
const MIN_TEXT: usize = 24;

/// The legend under the spectrum: the axis marks, the evidence marks and the keys.
pub fn spectrum_legend() -> String {
    format!(
        "{AXIS_LEGEND}   {}   ←/→ other issue   [/] date   Enter open the cell",
        marks_legend()
    )
}

/// The lines of the spectrum's body (below its title) that entry `row` takes, and the
/// number of lines in all.
fn entry_lines(all: &[(SpectrumLine, String)], row: usize) -> (Option<Range<usize>>, usize) {
    let mut at: Option<Range<usize>> = None;
    for (i, (kind, _)) in all.iter().enumerate() {
        if let SpectrumLine::Party { row: r, .. } = kind
            && *r == row
        {
            at = Some(at.map_or(i..i + 1, |a| a.start..i + 1));
        }
    }
    (at, all.len())
}

/// First line of the spectrum's body to show so that party entry `sel` is in view,
/// moving as little as possible from `scroll`: the first party brings the lines above
/// it along, the last the conclusion and legend below it. What does not fit a short
/// screen can be scrolled to (`scroll` anywhere that still shows part of the entry).
pub fn spectrum_scroll(
    view: &View,
    issue: IssueId,
    sel: usize,
    scroll: usize,
    area: Rect,
) -> usize {
    let all = spectrum_lines(view, issue, usize::from(area.width));
    let body = usize::from(area.height.saturating_sub(TITLE_LINES)).max(1);
    let total = all.len();
    let (Some(entry), _) = entry_lines(&all, sel) else {
        return scroll.min(total.saturating_sub(body));
    };
    let start = if sel == 0 { 0 } else { entry.start };
    let end = if sel + 1 >= view.parties.len() {
        total
    } else {
        entry.end
    };
    if end - start <= body {
        scroll.clamp(end.saturating_sub(body), start)
    } else {
        scroll.clamp(start, end.saturating_sub(body).max(start))
    }
}

/// The party row (display index) of the spectrum at screen position `y`, if any.
pub fn spectrum_hit(
    view: &View,
    issue: IssueId,
    scroll: usize,
    area: Rect,
    y: u16,
) -> Option<usize> {
    if y < area.y + TITLE_LINES || y >= area.bottom() {
        return None;
    }
    let line = usize::from(y - area.y - TITLE_LINES) + scroll;
    let all = spectrum_lines(view, issue, usize::from(area.width));
    match all.get(line)?.0 {
        SpectrumLine::Party { row, .. } => Some(row),
        _ => None,
    }
}

/// Where the party × party table goes: a title line, a header line, the rows, and
/// below them the selected pair in words ([`matrix_footer`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MatrixLayout {
    /// Width of the row labels.
    pub head_w: usize,
    /// Width of each column (separator included).
    pub col_w: usize,
    /// Visible columns (display indices into the view's parties).
    pub cols: Range<usize>,
    /// Visible rows.
    pub rows: Range<usize>,
    /// The footer's lines: the selected pair in words, wrapped.
    pub footer: Vec<String>,
}

/// The narrowest a matrix column gets: `0.33/4` and a space, or a short name.
const MATRIX_COL: usize = 8;

/// The selected pair in words: its counts and its distance over its issue count, and
/// what Enter does; on the diagonal, how to pick a pair.
pub fn matrix_footer(view: &View, c: &Comparison, (r, col): (usize, usize)) -> String {
    let (Some(&a), Some(&b)) = (view.parties.get(r), view.parties.get(col)) else {
        return String::new();
    };
    let name = |p: PartyId| one_line(&view.model.parties[p].short);
    match c.pair(a, b) {
        Some(p) if a != b => format!(
            "{} × {}: {} — Enter: issue by issue",
            name(a),
            name(b),
            pair_counts(p)
        ),
        _ => format!("{}: pick another party's column to compare", name(a)),
    }
}

/// The matrix layout in `area` for the comparison `c`, scrolled to `offsets` (first
/// row, first column), with `sel` (row, column) selected: every column is as wide as
/// the widest distance with its issue count, so no count is ever cut; the footer takes
/// the lines its words need, up to a third of the area.
pub fn matrix_layout(
    view: &View,
    c: &Comparison,
    (offsets, sel): ((usize, usize), (usize, usize)),
    area: Rect,
) -> MatrixLayout {
    let n = view.parties.len();
    let width = usize::from(area.width);
    let head_w = (name_width(view) + 1).min(width / 3).max(1);
    let widest = c.pairs.iter().map(|p| distance_cell(p).width()).max();
    let col_w = widest.map_or(MATRIX_COL, |w| (w + 1).max(MATRIX_COL));
    let visible_cols = (width.saturating_sub(head_w) / col_w).clamp(1, n.max(1));
    let mut footer = lines(&matrix_footer(view, c, sel), width.max(1));
    footer.truncate(usize::from(area.height / 3).max(1));
    let body = usize::from(area.height)
        .saturating_sub(2 + footer.len())
        .max(1);
    let c0 = offsets.1.min(n.saturating_sub(visible_cols));
    let r0 = offsets.0.min(n.saturating_sub(body));
    MatrixLayout {
        head_w,
        col_w,
        cols: c0..(c0 + visible_cols).min(n),
        rows: r0..(r0 + body).min(n),
        footer,
    }
}

/// Offsets that keep the selected (row, column) of the matrix visible.
pub fn matrix_scroll(
    view: &View,
    sel: (usize, usize),
    offsets: (usize, usize),
    area: Rect,
) -> (usize, usize) {
    let c = Comparison::new(view);
    let l = matrix_layout(view, &c, (offsets, sel), area);
    let (rows, cols) = (l.rows.len().max(1), l.cols.len().max(1));
    let keep = |sel: usize, off: usize, len: usize| {
        if sel < off {
            sel
        } else if sel >= off + len {
            sel + 1 - len
        } else {
            off
        }
    };
    (
        keep(sel.0, l.rows.start, rows),
        keep(sel.1, l.cols.start, cols),
    )
}

/// The matrix cell (row, column) at screen position (`x`, `y`), if a click hit one.
pub fn matrix_hit(
    view: &View,
    (offsets, sel): ((usize, usize), (usize, usize)),
    area: Rect,
    (x, y): (u16, u16),
) -> Option<(usize, usize)> {
    let inside = x >= area.x && x < area.right() && y >= area.y + 2 && y < area.bottom();
    if !inside {
        return None;
    }
    let c = Comparison::new(view);
    let l = matrix_layout(view, &c, (offsets, sel), area);
    let (x, y) = (usize::from(x - area.x), usize::from(y - area.y - 2));
    let row = l.rows.start + y;
    let col = l.cols.start + x.checked_sub(l.head_w)? / l.col_w;
    (row < l.rows.end && col < l.cols.end).then_some((row, col))
}

/// What a line of the two-party view is, for its style.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PairLine {
    /// An issue's name and whether the two agree.
    Heading,
    /// Text of the two cells, side by side.
    Text,
    /// The evidence line of the two cells.
    Evidence,
    /// A blank line.
    Blank,
}

/// The two-party view's lines at `width`: the two parties' counts and distance over
/// their shared issues ([`pair_counts`]); then per visible issue, the issue and whether
/// the two agree, then each party's summary, standing stance and evidence side by side.
pub fn pair_lines(
    view: &View,
    (a, b): (PartyId, PartyId),
    width: usize,
) -> Vec<(PairLine, String)> {
    let m = &view.model;
    let comparison = Comparison::new(view);
    let half = width.saturating_sub(3) / 2;
    let mut out = Vec::new();
    if let Some(p) = comparison.pair(a, b) {
        out.extend(
            lines(&pair_counts(p), width.max(1))
                .into_iter()
                .map(|l| (PairLine::Heading, l)),
        );
        out.push((PairLine::Blank, String::new()));
    }
    let names = (one_line(&m.parties[a].name), one_line(&m.parties[b].name));
    out.push((PairLine::Text, side_by_side(&names.0, &names.1, half)));
    for &issue in &view.issues {
        let ic = comparison.issue(issue);
        out.push((PairLine::Blank, String::new()));
        let head = format!(
            "{} — {}",
            one_line(&m.issues[issue].name),
            agreement(view, ic, issue, a, b)
        );
        out.extend(
            lines(&head, width.max(1))
                .into_iter()
                .map(|l| (PairLine::Heading, l)),
        );
        let (left, right) = (
            cell_lines(view, ic, (issue, a), half),
            cell_lines(view, ic, (issue, b), half),
        );
        for k in 0..left.0.len().max(right.0.len()) {
            let l = left.0.get(k).map_or("", String::as_str);
            let r = right.0.get(k).map_or("", String::as_str);
            out.push((PairLine::Text, side_by_side(l, r, half)));
        }
        if !left.1.is_empty() || !right.1.is_empty() {
            out.push((PairLine::Evidence, side_by_side(&left.1, &right.1, half)));
        }
    }
    out
}

/// Two columns `half` wide joined by a bar.
fn side_by_side(l: &str, r: &str, half: usize) -> String {
    format!("{} │ {}", fit(l, half), fit(r, half))
        .trim_end()
        .to_string()
}

/// A party's cell in the two-party view: its summary, then its standing stance in the
/// comparison's words (which may come from an earlier position: since when says so)
/// and its range, or that it has none, wrapped; and its evidence line.
fn cell_lines(
    view: &View,
    ic: Option<&IssueComparison>,
    (issue, party): (IssueId, PartyId),
    width: usize,
) -> (Vec<String>, String) {
    let Some(i) = view.position_at(issue, party) else {
        return (vec!["–".into()], String::new());
    };
    let m = &view.model;
    let mut text = one_line(&m.positions[i].summary);
    match ic.and_then(|c| c.placed_of(party)) {
        Some(p) => text.push_str(&format!(
            " — stance: {}; {}; {}",
            stance_words(&m.issues[issue], p.stance),
            range_words(p),
            since_words(m, p)
        )),
        None if ic.is_some() => text.push_str(" — no stance"),
        None => {}
    }
    let e = Evidence::of(m, i, view.horizon());
    let evidence = format!("{} {}", e.marks(), e.compact(false))
        .trim_start()
        .to_string();
    (lines(&text, width.max(1)), evidence)
}
