//! A source text, wrapped to the screen, with the cited sentence highlighted and
//! every other cited sentence of that source marked.

use super::app::App;
use super::styled::styled_line;
use crate::sanitize::one_line;
use crate::wrap::fit;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// The two header lines: which source and which sentence is under the cursor; which
/// positions cite it.
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
    let by: Vec<String> = t
        .cited_by
        .iter()
        .map(|&pi| {
            let p = &m.positions[pi];
            let date = p.as_of.map_or(String::new(), |d| format!(" {d}"));
            format!(
                "{} on {}{date}",
                one_line(&m.parties[p.party].short),
                one_line(&m.issues[p.issue].name)
            )
        })
        .collect();
    (head, format!("cited by: {}", by.join("; ")))
}

/// Draws the source view into `area` (header line, then the text).
pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let theme = app.theme;
    let st = &app.source;
    let text = &app.view.model.sources[st.source].text.text;
    let (head, cited) = header(app);
    let width = usize::from(area.width);
    let mut lines = vec![
        Line::styled(fit(&head, width), theme.heading()),
        Line::styled(fit(&cited, width), theme.dim()),
    ];
    // The `date` metadata line is not part of the text: shown dim.
    let body_start = app.view.model.sources[st.source].text.body_start;
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
                marks.extend(t.quotes.iter().map(|q| (q.clone(), theme.quote())));
            }
        }
        marks.insert(0, (0..body_start, theme.dim()));
        lines.push(styled_line(text, r.clone(), &marks, theme.text()));
    }
    frame.render_widget(Paragraph::new(lines), area);
}
