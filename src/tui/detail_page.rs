//! The lines of the detail page (one position, its history, its citations in their
//! sentences), made by one function for drawing and for measuring: the layout counts
//! them, the detail view draws them. The words come from [`crate::view`].

use super::styled::styled_line;
use super::theme::Theme;
use crate::diagnostic::{Diagnostic, Fix};
use crate::model::{Cell, Check, Model, PositionId, Status};
use crate::sanitize::one_line;
use crate::view::cited::{NOT_FOUND, STILL_VERIFYING};
use crate::view::compare::words::{stance_words, steps_words};
use crate::view::credit::{Credit, Piece};
use crate::view::evidence::Horizon;
use crate::view::excerpt::Excerpt;
use crate::view::facts::detail_facts;
use crate::view::state::cell_state;
use crate::wrap::wrap_ranges;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use std::ops::Range;

/// What can be selected on a detail page: an entry of the cell's history (another
/// position of the same party on the same issue) or one of the open position's
/// citations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Item {
    /// The history entry of this position.
    History(PositionId),
    /// The citation of this index.
    Citation(usize),
}

impl Default for Item {
    /// The first citation: what Enter opens on a page just opened.
    fn default() -> Self {
        Item::Citation(0)
    }
}

/// Which position is open and what on its page is selected.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Open {
    /// The position.
    pub position: PositionId,
    /// The selected history entry or citation.
    pub selected: Item,
    /// The view date and minimum confidence the page is read at (its contested mark and
    /// standing stance depend on them).
    pub horizon: Horizon,
}

/// A detail page: its lines and where each history entry and citation stands among them.
#[derive(Clone, Debug, Default)]
pub struct DetailPage {
    /// Every line, styled.
    pub lines: Vec<Line<'static>>,
    /// Where the selectable items are.
    pub anchors: Anchors,
}

/// Where the selectable items of a detail page stand among its lines.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Anchors {
    /// Each history entry other than the open position: its position and its
    /// (first, end) line, in date order.
    pub history: Vec<(PositionId, (usize, usize))>,
    /// The (first, end) line of each citation.
    pub citations: Vec<(usize, usize)>,
}

impl Anchors {
    /// Everything selectable, top to bottom: the history entries, then the citations.
    pub fn items(&self) -> Vec<Item> {
        let history = self.history.iter().map(|&(p, _)| Item::History(p));
        history
            .chain((0..self.citations.len()).map(Item::Citation))
            .collect()
    }

    /// The (first, end) line of an item, if the page has it.
    pub fn lines_of(&self, item: Item) -> Option<(usize, usize)> {
        match item {
            Item::History(p) => self.history.iter().find(|h| h.0 == p).map(|h| h.1),
            Item::Citation(i) => self.citations.get(i).copied(),
        }
    }

    /// The item drawn on line `line` of the page, if any.
    pub fn item_at(&self, line: usize) -> Option<Item> {
        self.items().into_iter().find(|&it| {
            self.lines_of(it)
                .is_some_and(|(first, end)| (first..end).contains(&line))
        })
    }
}

/// Lines being built for a view that scrolls.
struct Page {
    lines: Vec<Line<'static>>,
    width: usize,
}

impl Page {
    /// Wraps `text` (one line) under `indent`, styling `marks` (byte ranges of `text`).
    fn wrapped(&mut self, indent: &str, text: &str, marks: &[(Range<usize>, Style)], base: Style) {
        let room = self.width.saturating_sub(indent.chars().count()).max(1);
        for (i, r) in wrap_ranges(text, 0..text.len(), room)
            .into_iter()
            .enumerate()
        {
            let lead = if i == 0 {
                indent.to_string()
            } else {
                " ".repeat(indent.chars().count())
            };
            let mut line = styled_line(text, r, marks, base);
            line.spans.insert(0, Span::raw(lead));
            self.lines.push(line);
        }
    }

    fn blank(&mut self) {
        self.lines.push(Line::default());
    }

    fn heading(&mut self, text: String, style: Style) {
        self.lines.push(Line::styled(text, style));
    }
}

/// Ranges of `text` that match `query`, ignoring case the way the search does
/// (Unicode lower case), so that what matched is what is highlighted.
pub fn query_marks(text: &str, query: &str, style: Style) -> Vec<(Range<usize>, Style)> {
    let q = query.to_lowercase();
    if q.is_empty() {
        return Vec::new();
    }
    // The lower-cased text, with the byte offset in `text` of each of its bytes.
    let mut lower = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len() + 1);
    for (at, c) in text.char_indices() {
        for l in c.to_lowercase() {
            lower.push(l);
            origin.resize(lower.len(), at);
        }
    }
    origin.push(text.len());
    let end_of = |i: usize| {
        // The end of the original character holding lower-cased byte `i - 1`.
        let start = origin[i - 1];
        start + text[start..].chars().next().map_or(0, char::len_utf8)
    };
    lower
        .match_indices(&q)
        .map(|(i, m)| (origin[i]..end_of(i + m.len()), style))
        .collect()
}

/// The detail page of the open position at `width`.
pub fn content(m: &Model, open: Open, query: &str, theme: Theme, width: usize) -> DetailPage {
    content_with_orphans(m, open, query, theme, width, &[])
}

/// The citations of position `position` whose quotes are no longer found, as the
/// checks re-anchored them: the fixes of `errors` that belong to that position.
pub fn orphans_of<'a>(m: &Model, position: PositionId, errors: &'a [Diagnostic]) -> Vec<&'a Fix> {
    let Some(p) = m.positions.get(position.index()) else {
        return Vec::new();
    };
    errors
        .iter()
        .filter_map(|d| d.fix.as_deref())
        .filter(|f| f.position_line == p.line)
        .collect()
}

/// The detail page, with `orphans`: citations of the position that no longer match
/// their source, each shown at its best match (highlighted) instead of being dropped.
pub fn content_with_orphans(
    m: &Model,
    open: Open,
    query: &str,
    theme: Theme,
    width: usize,
    orphans: &[&Fix],
) -> DetailPage {
    let Some(p) = m.positions.get(open.position.index()) else {
        return DetailPage::default();
    };
    let mut page = Page {
        lines: Vec::new(),
        width: width.max(1),
    };
    position_lines(&mut page, m, open, query, theme);
    let history = history_lines(&mut page, m, open, theme);
    page.blank();
    page.heading(
        format!("Citations ({})", p.citations.len()),
        theme.heading(),
    );
    let citations = citation_lines(&mut page, m, open, query, theme);
    orphan_lines(&mut page, m, orphans, theme);
    DetailPage {
        lines: page.lines,
        anchors: Anchors { history, citations },
    }
}

/// The position itself: issue and party, summary, date, status, confidence, whether it
/// is contested, stance, range, conditions, detail and notes.
fn position_lines(page: &mut Page, m: &Model, open: Open, q: &str, theme: Theme) {
    let position = open.position;
    let p = &m.positions[position];
    let issue = &m.issues[p.issue];
    let party = &m.parties[p.party];
    page.heading(
        format!("{} · {}", one_line(&issue.name), one_line(&party.name)),
        theme.heading(),
    );
    if let Some(question) = &issue.question {
        page.wrapped("", &one_line(question), &[], theme.dim());
    }
    page.blank();
    let summary = one_line(&p.summary);
    page.wrapped(
        "",
        &summary,
        &query_marks(&summary, q, theme.matched()),
        Style::default().add_modifier(Modifier::BOLD),
    );
    page.wrapped("", &detail_facts(p), &[], theme.dim());
    if let Some(why) = crate::view::evidence::contested(m, position, open.horizon) {
        let why = one_line(&why.reason(m));
        page.wrapped("± contested: ", &why, &[], Style::default());
    }
    stance_lines(page, m, open, theme);
    for c in &p.conditions {
        page.wrapped("condition: ", &one_line(c), &[], Style::default());
    }
    if let Some(d) = &p.detail {
        page.blank();
        let d = one_line(d);
        let marks = query_marks(&d, q, theme.matched());
        page.wrapped("", &d, &marks, Style::default());
    }
    if let Some(n) = &p.notes {
        page.blank();
        page.wrapped("note: ", &one_line(n), &[], theme.dim());
    }
}

/// The stance of the open position on its issue's scale, in the comparison's words
/// (`stance: ·◆· 30-day ceasefire (step 2 of 3)`) and the range it could accept; when
/// it takes none and is the one its cell shows, the earlier stance that still stands
/// (docs/SPEC.md §5) in the words of `stances diff` (`no stance of its own; the stance
/// of 2025-04-14 stands: ·◆· …`); a withdrawn stance says that it no longer stands.
fn stance_lines(page: &mut Page, m: &Model, open: Open, theme: Theme) {
    let p = &m.positions[open.position];
    let issue = &m.issues[p.issue];
    let bar = |stance: usize| -> String {
        (0..issue.scale.len())
            .map(|i| if i == stance { '◆' } else { '·' })
            .collect()
    };
    let state = cell_state(
        m,
        Cell::new(p.issue, p.party),
        open.horizon.date,
        open.horizon.min_confidence,
    );
    let earlier = state
        .standing
        .filter(|&s| s != open.position && state.shown == Some(open.position));
    // The words before the stance's mark and label and after them, the stance, and the
    // position whose range goes with it.
    let (lead, before, stance, after, standing) = match (p.stance, earlier) {
        (Some(st), _) if p.status == Some(Status::Withdrawn) => (
            "withdrawn: ",
            String::new(),
            st,
            " — this stance no longer stands",
            None,
        ),
        (Some(st), _) => ("stance: ", String::new(), st, "", Some(open.position)),
        (None, Some(s)) => {
            let Some(st) = m.positions[s].stance else {
                return;
            };
            let before = format!("{}: ", crate::view::facts::still_stands_words(m, s));
            ("", before, st, "", Some(s))
        }
        (None, None) => return,
    };
    let bar = bar(stance);
    let text = format!("{before}{bar} {}{after}", stance_words(issue, stance));
    let mark = before.len()..before.len() + bar.len();
    page.wrapped(
        lead,
        &text,
        &[(mark, theme.stance(stance, issue.scale.len()))],
        Style::default(),
    );
    if let Some(range) = standing.and_then(|s| m.positions[s].acceptable) {
        page.wrapped(
            "could accept: ",
            &steps_words(issue, range),
            &[],
            Style::default(),
        );
    }
}

/// The orphaned citations: the quote is no longer in its source; its best match there
/// is shown in its sentence, highlighted, with how alike it is.
fn orphan_lines(page: &mut Page, m: &Model, orphans: &[&Fix], theme: Theme) {
    if orphans.is_empty() {
        return;
    }
    page.blank();
    page.heading(
        format!(
            "Orphaned citations ({}): the quote is no longer in the source; its best match",
            orphans.len()
        ),
        theme.error(),
    );
    for fix in orphans {
        let (source, found) = (&fix.found.0, &fix.found.1);
        let Some(src) = m.sources.get(source.index()) else {
            continue;
        };
        let text = &src.text.text;
        if found.end > text.len() || !text.is_char_boundary(found.start) {
            continue;
        }
        let sentences = &src.text.sentences();
        let first = sentences.partition_point(|s| s.end <= found.start);
        let last = sentences.partition_point(|s| s.start < found.end);
        let sentence = match (sentences.get(first), sentences.get(last.max(first + 1) - 1)) {
            (Some(a), Some(b)) => a.start.min(found.start)..b.end.max(found.end),
            _ => found.clone(),
        };
        let (line, quote) = Excerpt::new(text, &sentence, found).line();
        let lead = "  ≈ ";
        page.wrapped(lead, &line, &[(quote, theme.quote())], Style::default());
        let meta = format!(
            "— {} · {}% alike · `{}` shows the change",
            one_line(&src.title),
            fix.similarity,
            fix.command()
        );
        page.wrapped("    ", &meta, &[], theme.dim());
    }
}

/// Every citation of the open position as its whole sentence with the quote marked,
/// then where it comes from; returns the (first, end) line of each.
fn citation_lines(
    page: &mut Page,
    m: &Model,
    open: Open,
    q: &str,
    theme: Theme,
) -> Vec<(usize, usize)> {
    let p = &m.positions[open.position];
    let mut starts = Vec::new();
    for (i, c) in p.citations.iter().enumerate() {
        let first = page.lines.len();
        let selected = open.selected == Item::Citation(i);
        let lead = if selected {
            format!("▶ [{}] ", i + 1)
        } else {
            format!("  [{}] ", i + 1)
        };
        let base = if selected {
            theme.sentence()
        } else {
            Style::default()
        };
        let mut meta = Vec::new();
        if let Some(excerpt) = Excerpt::of(m, c) {
            // The quote is highlighted in its sentence only once it was found there.
            let (sentence, quote) = excerpt.line();
            let mut marks = vec![(quote, theme.quote())];
            marks.extend(query_marks(&sentence, q, theme.matched()));
            page.wrapped(&lead, &sentence, &marks, base);
        } else {
            // Not yet looked for (or not found): the quote as written, and say so.
            let quote = format!("“{}”", one_line(&c.quote));
            let marks = query_marks(&quote, q, theme.matched());
            page.wrapped(&lead, &quote, &marks, base);
            meta.push(match c.check {
                Check::Pending => STILL_VERIFYING.to_string(),
                _ => NOT_FOUND.to_string(),
            });
        }
        let credit = Credit::of(m, c);
        // The reader links nowhere, and leaves the address to the sources list.
        for piece in credit.pieces(|_| None) {
            match piece {
                Piece::Title(s, _) | Piece::Publisher(s) => meta.push(one_line(s)),
                Piece::Published(d) => meta.push(d.to_string()),
                Piece::Url(_) => {}
            }
        }
        if let Some(s) = credit.speaker {
            meta.push(format!("via {}", one_line(s)));
        }
        let indent = " ".repeat(lead.chars().count());
        let meta = format!("— {}", meta.join(" · "));
        page.wrapped(&indent, &meta, &[], theme.dim());
        starts.push((first, page.lines.len()));
    }
    if p.citations.is_empty() {
        page.wrapped(
            "  ",
            "(no citations: this position is not backed by a source)",
            &[],
            theme.dim(),
        );
    }
    starts
}

/// The history of the open position's cell, when it has more than one position: one
/// entry per position with its stance on the scale (`·◆·`; none when it takes none or
/// withdraws one), `▸ … (this)` for the open one, `(withdrawn)`, `(its stance stands)`
/// for an earlier position whose stance stands under the one the cell shows at the
/// view date, and `▶` before the selected one.
/// Returns each other entry's position and lines.
fn history_lines(
    page: &mut Page,
    m: &Model,
    open: Open,
    theme: Theme,
) -> Vec<(PositionId, (usize, usize))> {
    let p = &m.positions[open.position];
    let cell = Cell::new(p.issue, p.party);
    let history = m.history(cell);
    let mut entries = Vec::new();
    if history.len() < 2 {
        return entries;
    }
    let state = cell_state(m, cell, open.horizon.date, open.horizon.min_confidence);
    let scale = m.issues[p.issue].scale.len();
    page.blank();
    page.heading(
        format!("History ({} positions)", history.len()),
        theme.heading(),
    );
    for &h in history {
        let hp = &m.positions[h];
        let date = hp.as_of.map_or("undated   ".to_string(), |d| d.to_string());
        let here = h == open.position;
        let selected = open.selected == Item::History(h);
        let (lead, style) = match (here, selected) {
            (true, _) => ("▸ ", Style::default().add_modifier(Modifier::BOLD)),
            (false, true) => ("▶ ", theme.sentence()),
            (false, false) => ("  ", Style::default()),
        };
        let withdrawn = hp.status == Some(Status::Withdrawn);
        let bar: String = match hp.stance {
            Some(st) if !withdrawn => (0..scale)
                .map(|i| if i == st { '◆' } else { '·' })
                .chain([' '])
                .collect(),
            _ => String::new(),
        };
        let mut tags = Vec::new();
        if here {
            tags.push("this");
        }
        if withdrawn {
            tags.push("withdrawn");
        }
        if state.standing == Some(h) && state.shown != Some(h) {
            tags.push("its stance stands");
        }
        let tags = if tags.is_empty() {
            String::new()
        } else {
            format!("  ({})", tags.join("; "))
        };
        let text = format!("{date}  {bar}{}{tags}", one_line(&hp.summary));
        let mark = date.len() + 2..date.len() + 2 + bar.trim_end().len();
        let mark_style = hp
            .stance
            .filter(|_| !withdrawn)
            .map_or_else(Style::default, |st| theme.stance(st, scale));
        let first = page.lines.len();
        page.wrapped(lead, &text, &[(mark, mark_style)], style);
        if !here {
            entries.push((h, (first, page.lines.len())));
        }
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_ascii_search_highlights_what_it_matched() {
        let marks = query_marks("Über die ÜBER-Brücke", "über", Style::default());
        let text = "Über die ÜBER-Brücke";
        let found: Vec<&str> = marks.iter().map(|(r, _)| &text[r.clone()]).collect();
        assert_eq!(found, ["Über", "ÜBER"]);
    }
}
