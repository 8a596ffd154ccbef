//! One cell opened: the position, its history, and its citations in their sentences.

use super::app::App;
use super::styled::styled_line;
use crate::sanitize::one_line;
use crate::wrap::wrap_ranges;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::ops::Range;

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

/// Ranges of `text` that match `query`, case-insensitively (ASCII folding).
pub fn query_marks(text: &str, query: &str, style: Style) -> Vec<(Range<usize>, Style)> {
    if query.is_empty() || !query.is_ascii() {
        return text
            .match_indices(query)
            .filter(|_| !query.is_empty())
            .map(|(i, m)| (i..i + m.len(), style))
            .collect();
    }
    let hay = text.to_ascii_lowercase();
    let q = query.to_ascii_lowercase();
    hay.match_indices(&q)
        .map(|(i, m)| (i..i + m.len(), style))
        .collect()
}

/// A sentence made one display line, with the quote's range mapped onto it.
fn flatten(text: &str, sentence: &Range<usize>, quote: &Range<usize>) -> (String, Range<usize>) {
    let mut out = String::new();
    let (mut qs, mut qe) = (0, 0);
    let mut in_space = false;
    for (i, c) in text[sentence.clone()].char_indices() {
        let at = sentence.start + i;
        if at == quote.start {
            qs = out.len();
        }
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            in_space = false;
            out.push(c);
        }
        if at + c.len_utf8() == quote.end {
            qe = out.len();
        }
    }
    if qe < qs {
        qe = out.len();
    }
    (crate::sanitize::text(&out), qs..qe)
}

/// The detail page at `width`: its lines, the (first, end) line of each citation, and
/// the number of lines.
pub fn content(app: &App, width: usize) -> (Vec<Line<'static>>, Vec<(usize, usize)>, usize) {
    let theme = app.theme;
    let m = &app.view.model;
    let Some(p) = m.positions.get(app.detail.position) else {
        return (Vec::new(), Vec::new(), 0);
    };
    let issue = &m.issues[p.issue];
    let party = &m.parties[p.party];
    let q = &app.search.query;
    let mut page = Page {
        lines: Vec::new(),
        width: width.max(1),
    };

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
        Style::default().add_modifier(ratatui::style::Modifier::BOLD),
    );
    let mut facts = vec![format!(
        "as of {}",
        p.as_of.map_or("undated".to_string(), |d| d.to_string())
    )];
    if let Some(s) = &p.status {
        facts.push(format!("status: {s}"));
    }
    if let Some(c) = &p.confidence {
        facts.push(format!("confidence: {c}"));
    }
    page.wrapped("", &facts.join(" · "), &[], theme.dim());
    if let Some(st) = p.stance {
        let step = &issue.scale[st];
        let bar: String = (0..issue.scale.len())
            .map(|i| if i == st { '◆' } else { '·' })
            .collect();
        let text = format!("{bar} {} — {}", one_line(&step.id), one_line(&step.label));
        let mark = 0..bar.len();
        page.wrapped(
            "stance: ",
            &text,
            &[(mark, theme.stance(st, issue.scale.len()))],
            Style::default(),
        );
    }
    if let Some((a, b)) = p.acceptable {
        let text = format!(
            "{} … {}",
            one_line(&issue.scale[a].id),
            one_line(&issue.scale[b].id)
        );
        page.wrapped("could accept: ", &text, &[], Style::default());
    }
    for c in &p.conditions {
        page.wrapped("condition: ", &one_line(c), &[], Style::default());
    }
    if let Some(d) = &p.detail {
        page.blank();
        let d = one_line(d);
        page.wrapped(
            "",
            &d,
            &query_marks(&d, q, theme.matched()),
            Style::default(),
        );
    }
    if let Some(n) = &p.notes {
        page.blank();
        page.wrapped("note: ", &one_line(n), &[], theme.dim());
    }

    let history = m.history(p.party, p.issue);
    if history.len() > 1 {
        page.blank();
        page.heading(
            format!("History ({} positions)", history.len()),
            theme.heading(),
        );
        for &h in &history {
            let hp = &m.positions[h];
            let date = hp.as_of.map_or("undated   ".to_string(), |d| d.to_string());
            let here = h == app.detail.position;
            let lead = if here { "▸ " } else { "  " };
            let text = format!(
                "{date}  {}{}",
                one_line(&hp.summary),
                if here { "  (this)" } else { "" }
            );
            page.wrapped(
                lead,
                &text,
                &[],
                if here {
                    Style::default().add_modifier(ratatui::style::Modifier::BOLD)
                } else {
                    Style::default()
                },
            );
        }
    }

    page.blank();
    page.heading(
        format!("Citations ({})", p.citations.len()),
        theme.heading(),
    );
    let mut starts = Vec::new();
    for (i, c) in p.citations.iter().enumerate() {
        let first = page.lines.len();
        let src = &m.sources[c.source];
        let (sentence, quote) = flatten(&src.text.text, &c.sentence, &c.span);
        let selected = i == app.detail.citation;
        let lead = if selected {
            format!("▶ [{}] ", i + 1)
        } else {
            format!("  [{}] ", i + 1)
        };
        let mut marks = vec![(quote, theme.quote())];
        marks.extend(query_marks(&sentence, q, theme.matched()));
        let base = if selected {
            theme.sentence()
        } else {
            Style::default()
        };
        page.wrapped(&lead, &sentence, &marks, base);
        let mut meta = vec![one_line(&src.title)];
        if let Some(p) = &src.publisher {
            meta.push(one_line(p));
        }
        if let Some(d) = src.published {
            meta.push(d.to_string());
        }
        if let Some(s) = &c.speaker {
            meta.push(format!("via {}", one_line(s)));
        }
        let indent = " ".repeat(lead.chars().count());
        page.wrapped(
            &indent,
            &format!("— {}", meta.join(" · ")),
            &[],
            theme.dim(),
        );
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
    let total = page.lines.len();
    (page.lines, starts, total)
}

/// Draws the detail page into `area`.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let (lines, _, _) = content(app, usize::from(area.width));
    let visible: Vec<Line> = lines
        .into_iter()
        .skip(app.detail.scroll)
        .take(usize::from(area.height))
        .collect();
    frame.render_widget(Paragraph::new(visible), area);
}
