//! Styled screen lines: a slice of text with marked ranges, made safe to draw
//! (measuring and wrapping live in [`crate::wrap`]).

use std::ops::Range;

/// Builds one screen line from `text[line]`, styling the parts that fall inside each
/// of `marks` (later marks win), with control characters made harmless.
pub fn styled_line(
    text: &str,
    line: Range<usize>,
    marks: &[(Range<usize>, ratatui::style::Style)],
    base: ratatui::style::Style,
) -> ratatui::text::Line<'static> {
    use ratatui::text::{Line, Span};
    // Cut points: the line's ends and every mark boundary inside it.
    let mut cuts = vec![line.start, line.end];
    for (r, _) in marks {
        for p in [r.start, r.end] {
            if p > line.start && p < line.end && text.is_char_boundary(p) {
                cuts.push(p);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let spans: Vec<Span<'static>> = cuts
        .windows(2)
        .map(|w| {
            let style = marks
                .iter()
                .filter(|(r, _)| r.start <= w[0] && w[1] <= r.end)
                .fold(base, |s, (_, m)| s.patch(*m));
            Span::styled(
                crate::sanitize::text(&text[w[0]..w[1]]).replace('\n', " "),
                style,
            )
        })
        .collect();
    Line::from(spans)
}
