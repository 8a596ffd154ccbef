//! Measuring the comparison screens, as [`super::layout`] does for the grid: the lines
//! of the spectrum and of the two-party view, which matrix cells fit, how to scroll a
//! selection into view and what a click hits. Pure functions of the view, used by
//! `update` and by the views alike, so what is measured is what is drawn.

use crate::model::{IssueId, PartyId};
use crate::sanitize::one_line;
use crate::view::View;
use crate::view::compare::words::{
    BLOCKING, agreement, axis, axis_header, range_words, zone_words,
};
use crate::view::compare::{Comparison, IssueComparison, compare_issue};
use crate::view::evidence::{CONTESTED_MARK, Evidence, THIN_MARK, THIN_MEANS};
use crate::view::facts::stance_words;
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

/// The spectrum's lines above the party rows, `width` wide: the scale's steps, the
/// zone or gap in words, and the axis header.
pub fn spectrum_intro(view: &View, issue: IssueId, width: usize) -> Vec<String> {
    let m = &view.model;
    let Some(ic) = spectrum_of(view, issue) else {
        let name = m
            .issues
            .get(issue.index())
            .map_or(String::new(), |i| one_line(&i.name));
        let mut out = lines(
            &format!(
                "{name} has no scale, so its positions cannot be placed on a spectrum. Each party's position follows."
            ),
            width,
        );
        out.push(String::new());
        return out;
    };
    let scale = &m.issues[issue].scale;
    let mut out = Vec::new();
    for (k, step) in scale.iter().enumerate() {
        out.extend(lines(
            &format!("{:>2} {}", k + 1, one_line(&step.label)),
            width,
        ));
    }
    out.extend(lines(&zone_words(m, &ic), width));
    out.push(String::new());
    let w = name_width(view);
    out.push(fit(
        &format!("{}  {}", " ".repeat(w), axis_header(scale.len())),
        width,
    ));
    out
}

/// The spectrum's row for `party` (a model index): its mark and range on the axis, or
/// its position without a stance, or that it has none.
pub fn spectrum_row(
    view: &View,
    ic: Option<&IssueComparison>,
    issue: IssueId,
    party: PartyId,
) -> String {
    let m = &view.model;
    let name = fit(&one_line(&m.parties[party].short), name_width(view));
    let placed = ic.and_then(|c| c.placed_of(party));
    if let (Some(ic), Some(p)) = (ic, placed) {
        let mut notes = vec![range_words(p)];
        if ic.blocks(party) {
            notes.push(BLOCKING.to_uppercase());
        }
        let marks = Evidence::of(m, p.position, view.horizon()).marks();
        if !marks.is_empty() {
            notes.push(marks);
        }
        let steps = m.issues[issue].scale.len();
        return format!("{name}  {}   {}", axis(steps, p), notes.join("; "));
    }
    match view.cell(issue, party) {
        Some(pos) if ic.is_some() => format!("{name}  (no stance) {}", one_line(&pos.summary)),
        Some(pos) => format!("{name}  {}", one_line(&pos.summary)),
        None => format!("{name}  – no position at this date"),
    }
}

/// The legend under the spectrum.
pub fn spectrum_legend() -> String {
    format!(
        "X stance  = could accept  · outside  {}: at the gap's edges  {CONTESTED_MARK} contested  {THIN_MARK} {THIN_MEANS}  ←/→ other issue  Enter open the cell",
        BLOCKING.to_uppercase()
    )
}

/// First line of the spectrum's body to show so that party row `sel` is visible.
pub fn spectrum_scroll(
    view: &View,
    issue: IssueId,
    sel: usize,
    scroll: usize,
    area: Rect,
) -> usize {
    let intro = spectrum_intro(view, issue, usize::from(area.width)).len();
    let body = usize::from(area.height.saturating_sub(TITLE_LINES)).max(1);
    let line = intro + sel;
    if sel == 0 {
        0
    } else if line < scroll {
        line
    } else if line >= scroll + body {
        line + 1 - body
    } else {
        scroll
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
    let intro = spectrum_intro(view, issue, usize::from(area.width)).len();
    let row = line.checked_sub(intro)?;
    (row < view.parties.len()).then_some(row)
}

/// Where the party × party table goes: a title line, a header line, the rows, and a
/// footer line describing the selected pair.
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
}

/// Width of a matrix column: `0.33` and a space, or a short name.
const MATRIX_COL: usize = 8;

/// The matrix layout in `area`, scrolled to `offsets` (first row, first column).
pub fn matrix_layout(view: &View, offsets: (usize, usize), area: Rect) -> MatrixLayout {
    let n = view.parties.len();
    let width = usize::from(area.width);
    let head_w = (name_width(view) + 1).min(width / 3).max(1);
    let visible_cols = (width.saturating_sub(head_w) / MATRIX_COL).clamp(1, n.max(1));
    let body = usize::from(area.height.saturating_sub(3)).max(1);
    let c0 = offsets.1.min(n.saturating_sub(visible_cols));
    let r0 = offsets.0.min(n.saturating_sub(body));
    MatrixLayout {
        head_w,
        col_w: MATRIX_COL,
        cols: c0..(c0 + visible_cols).min(n),
        rows: r0..(r0 + body).min(n),
    }
}

/// Offsets that keep the selected (row, column) of the matrix visible.
pub fn matrix_scroll(
    view: &View,
    sel: (usize, usize),
    offsets: (usize, usize),
    area: Rect,
) -> (usize, usize) {
    let l = matrix_layout(view, offsets, area);
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
    offsets: (usize, usize),
    area: Rect,
    x: u16,
    y: u16,
) -> Option<(usize, usize)> {
    let inside =
        x >= area.x && x < area.right() && y >= area.y + 2 && y < area.bottom().saturating_sub(1);
    if !inside {
        return None;
    }
    let l = matrix_layout(view, offsets, area);
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

/// The two-party view's lines at `width`: per visible issue, the issue and whether
/// the two agree, then each party's summary, stance and evidence side by side.
pub fn pair_lines(
    view: &View,
    (a, b): (PartyId, PartyId),
    width: usize,
) -> Vec<(PairLine, String)> {
    let m = &view.model;
    let comparison = Comparison::new(view);
    let half = width.saturating_sub(3) / 2;
    let mut out = Vec::new();
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
            lines(&head, width)
                .into_iter()
                .map(|l| (PairLine::Heading, l)),
        );
        let (left, right) = (
            cell_lines(view, issue, a, half),
            cell_lines(view, issue, b, half),
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

/// A party's cell in the two-party view: its summary and stance, wrapped, and its
/// evidence line.
fn cell_lines(view: &View, issue: IssueId, party: PartyId, width: usize) -> (Vec<String>, String) {
    let Some(i) = view.position_at(issue, party) else {
        return (vec!["–".into()], String::new());
    };
    let p = &view.model.positions[i];
    let mut text = one_line(&p.summary);
    if let Some(words) = stance_words(&view.model.issues[issue], p) {
        text.push_str(&format!(" (stance: {})", one_line(&words)));
    }
    let e = Evidence::of(&view.model, i, view.horizon());
    let evidence = format!("{} {}", e.marks(), e.compact(false))
        .trim_start()
        .to_string();
    (lines(&text, width.max(1)), evidence)
}
