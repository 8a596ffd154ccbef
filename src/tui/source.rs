//! A source text, wrapped to the screen, with the cited sentence highlighted and
//! every other cited sentence of that source marked. Opened from a position, the
//! quotes of that position are highlighted (reversed without colour) wherever they are
//! on screen, and the other positions' quotes in the sentence under the cursor are in
//! bold, not highlighted: the header says whose is whose.

use super::app::App;
use super::styled::styled_line;
use crate::model::{Model, PositionId, SourceId};
use crate::sanitize::one_line;
use crate::wrap::fit;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use std::ops::Range;

/// A position as the source view names it: `US on Territory 2025-04-17`.
fn who(m: &Model, p: PositionId) -> String {
    let p = &m.positions[p];
    let date = p.as_of.map_or(String::new(), |d| format!(" {d}"));
    format!(
        "{} on {}{date}",
        one_line(&m.parties[p.party].short),
        one_line(&m.issues[p.issue].name)
    )
}

/// Where the quotes of position `from` are in source `source` (byte ranges of its
/// text; found quotes only).
pub fn own_quotes(m: &Model, from: Option<PositionId>, source: SourceId) -> Vec<Range<usize>> {
    let Some(p) = from.and_then(|p| m.positions.get(p.index())) else {
        return Vec::new();
    };
    p.citations
        .iter()
        .filter(|c| c.source == source)
        .filter_map(|c| c.place().map(|(span, _)| span.clone()))
        .collect()
}

/// The two header lines: which source and which sentence is under the cursor; which
/// positions cite it: opened from a position that cites it, whose quote is highlighted
/// and whose are in bold.
pub fn header(app: &App) -> (String, String) {
    let m = &app.view.model;
    let st = &app.source;
    let src = &m.sources[st.source];
    let mut head = one_line(&src.title);
    if let Some(d) = src.published {
        head.push_str(&format!(" ({d})"));
    }
    let Some(t) = st.targets.get(st.focus) else {
        return (head, "no sentence of this source is cited".into());
    };
    let what = if st.curator {
        "sentence"
    } else {
        "cited sentence"
    };
    head.push_str(&format!(" — {what} {}/{}", st.focus + 1, st.targets.len()));
    if t.cited_by.is_empty() {
        return (
            head,
            "not cited yet — c copies it as a [[position.cite]] block".into(),
        );
    }
    let from = app.source_from().filter(|p| t.cited_by.contains(p));
    let others: Vec<String> = t
        .cited_by
        .iter()
        .filter(|&&p| Some(p) != from)
        .map(|&p| who(m, p))
        .collect();
    let Some(from) = from else {
        return (head, format!("cited by: {}", others.join("; ")));
    };
    let mut line = format!("highlighted: {} (you came from it)", who(m, from));
    if !others.is_empty() {
        line.push_str(&format!(" · bold: {}", others.join("; ")));
    }
    (head, line)
}

/// Draws the source view into `area` (header line, then the text).
pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let theme = app.theme;
    let st = &app.source;
    let m = &app.view.model;
    let text = &m.sources[st.source].text.text;
    let (head, cited) = header(app);
    let width = usize::from(area.width);
    let mut lines = vec![
        Line::styled(fit(&head, width), theme.heading()),
        Line::styled(fit(&cited, width), theme.dim()),
    ];
    let from = app.source_from();
    let own = own_quotes(m, from, st.source);
    // Without a position to come from, every quote of the sentence is highlighted.
    let others_style = if from.is_some() {
        theme.other_quote()
    } else {
        theme.quote()
    };
    // The `date` metadata line is not part of the text: shown dim.
    let body_start = m.sources[st.source].text.body_start;
    let body = usize::from(area.height.saturating_sub(2));
    for r in st.lines.iter().skip(st.scroll).take(body) {
        let mut marks = Vec::new();
        for (ti, t) in st.targets.iter().enumerate() {
            if t.sentence.end < r.start || t.sentence.start > r.end {
                continue;
            }
            let focus = ti == st.focus;
            if t.cited_by.is_empty() && !focus {
                continue;
            }
            marks.push((
                t.sentence.clone(),
                if focus {
                    theme.sentence()
                } else {
                    theme.other_cited()
                },
            ));
            if focus {
                let others = t.quotes.iter().filter(|q| !own.contains(q));
                marks.extend(others.map(|q| (q.clone(), others_style)));
            }
        }
        // The position's own quotes last: they win where quotes overlap.
        marks.extend(own.iter().map(|q| (q.clone(), theme.quote())));
        marks.insert(0, (0..body_start, theme.dim()));
        lines.push(styled_line(text, r.clone(), &marks, theme.text()));
    }
    frame.render_widget(Paragraph::new(lines), area);
}
