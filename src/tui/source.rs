//! A source text, wrapped to the screen, with the cited sentence highlighted and
//! every other cited sentence of that source marked.

use super::app::App;
use super::text::styled_line;
use crate::sanitize::one_line;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// The two header lines: which source and which cited sentence; which positions cite it.
pub fn header(app: &App) -> (String, String) {
    let m = &app.model;
    let st = &app.source;
    let src = &m.sources[st.source];
    let mut head = one_line(&src.title);
    if let Some(d) = src.published {
        head.push_str(&format!(" ({d})"));
    }
    let mut cited = "no sentence of this source is cited".to_string();
    if let Some(t) = st.targets.get(st.focus) {
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
        head.push_str(&format!(
            " — cited sentence {}/{}",
            st.focus + 1,
            st.targets.len()
        ));
        cited = format!("cited by: {}", by.join("; "));
    }
    (head, cited)
}

/// Draws the source view into `area` (header line, then the text).
pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let theme = app.theme;
    let st = &app.source;
    let text = &app.model.sources[st.source].text.text;
    let (head, cited) = header(app);
    let mut lines = vec![
        Line::styled(head, theme.heading()),
        Line::styled(cited, theme.dim()),
    ];
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
        lines.push(styled_line(text, r.clone(), &marks, theme.text()));
    }
    frame.render_widget(Paragraph::new(lines), area);
}
