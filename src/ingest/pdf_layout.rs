//! The lines of PDF pages, from where the PDF reader draws each character, and the
//! paragraphs they make: running heads and feet dropped, words hyphenated at a line
//! end joined, and a paragraph ended where the layout ends one. Line spacing is
//! measured in the document itself, so single, one-and-a-half and double spacing
//! read alike.

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

/// How many lines at the top and at the bottom of a page may be a running header or
/// footer.
const EDGE_LINES: usize = 2;

/// The longest line taken for a running header or footer.
const MAX_RUNNING_LINE: usize = 100;

/// The longest line with digits taken for a running header or footer ("Page 3 of
/// 12", "Report 2025 - 4"): longer numbered lines are body text.
const MAX_NUMBERED_RUNNING_LINE: usize = 32;

/// One line of a page: where it starts and ends across the page, its baseline down
/// the page from the top, its font size, and its text (all in points).
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// Left end.
    pub x: f64,
    /// Right end.
    pub end: f64,
    /// Baseline, from the top of the page.
    pub y: f64,
    /// The largest font size on the line.
    pub size: f64,
    /// The text.
    pub text: String,
}

/// Collects the lines of each page as the PDF reader draws its characters.
#[derive(Default)]
pub struct Collector {
    /// The lines of each page read so far, in the order they are drawn.
    pub pages: Vec<Vec<Line>>,
    /// The page's height, to measure down from its top.
    height: f64,
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.height = media_box.ury - media_box.lly;
        self.pages.push(Vec::new());
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        let (x, y) = (trm.m31, self.height - trm.m32);
        let (vx, vy) = (
            font_size * (trm.m11 + trm.m21),
            font_size * (trm.m12 + trm.m22),
        );
        let size = (vx * vy).abs().sqrt();
        let size = if size.is_finite() && size > 0.0 {
            size
        } else {
            1.0
        };
        if !x.is_finite() || !y.is_finite() {
            return Ok(());
        }
        let end = x + width * size;
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let page = self.pages.last_mut().expect("a page was just pushed");
        match page.last_mut() {
            Some(line) if (y - line.y).abs() <= 0.5 * size.max(line.size) => {
                let gap = x - line.end;
                if gap > 0.15 * size && !line.text.ends_with(' ') && !text.starts_with(' ') {
                    line.text.push(' ');
                }
                line.text.push_str(text);
                line.x = line.x.min(x);
                line.end = line.end.max(end);
                line.size = line.size.max(size);
            }
            _ => page.push(Line {
                x,
                end,
                y,
                size,
                text: text.to_string(),
            }),
        }
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// The text of a document laid out in pages of lines, and its heading.
#[derive(Debug, PartialEq)]
pub struct Laid {
    /// Paragraphs separated by a blank line.
    pub text: String,
    /// The lines of the first page set larger than the body text, joined: the
    /// document's own title.
    pub heading: Option<String>,
}

/// A line with its digits blanked and white space collapsed, so "Page 1 of 2" and
/// "Page 2 of 2" compare equal.
fn shape(line: &str) -> String {
    line.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// The indices of the lines at the top and at the bottom of a page; none on a page
/// of so few lines that its only text would be taken for them.
fn edges(lines: &[Line]) -> Vec<usize> {
    let mut by_height: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].text.trim().is_empty())
        .collect();
    if by_height.len() <= EDGE_LINES {
        return Vec::new();
    }
    by_height.sort_by(|&a, &b| lines[a].y.total_cmp(&lines[b].y));
    let top = by_height.iter().take(EDGE_LINES);
    let bottom = by_height.iter().rev().take(EDGE_LINES);
    top.chain(bottom).copied().collect()
}

/// The shapes of the lines that run at the top or bottom of at least half of the
/// pages (two at least): short, and shorter still if they hold digits (which may
/// change from page to page), so numbered body lines are kept.
fn running(pages: &[Vec<Line>]) -> Vec<String> {
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for lines in pages {
        let mut shapes: Vec<String> = edges(lines)
            .into_iter()
            .map(|i| shape(&lines[i].text))
            .collect();
        shapes.sort();
        shapes.dedup();
        for s in shapes {
            *counts.entry(s).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .filter(|(s, n)| {
            let limit = if s.contains('#') {
                MAX_NUMBERED_RUNNING_LINE
            } else {
                MAX_RUNNING_LINE
            };
            *n >= 2 && 2 * n >= pages.len() && s.chars().count() <= limit
        })
        .map(|(s, _)| s)
        .collect()
}

/// True when sizes `a` and `b` are the same within 15%.
fn same_size(a: f64, b: f64) -> bool {
    (a - b).abs() <= 0.15 * a.max(b)
}

/// The median of `v` (which is sorted).
fn median(v: &mut [f64]) -> Option<f64> {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied()
}

/// The distance from one baseline to the next that lines of about `size` keep in
/// this document: the median over its pages (the narrowest of one or two), or 1.2
/// times the size when no two lines of that size follow one another.
fn pitch(pages: &[Vec<Line>], size: f64) -> f64 {
    let mut gaps: Vec<f64> = pages
        .iter()
        .flat_map(|lines| lines.windows(2))
        .filter(|w| same_size(w[0].size, size) && same_size(w[1].size, size))
        .map(|w| w[1].y - w[0].y)
        .filter(|g| *g > 0.1 * size && *g < 4.0 * size)
        .collect();
    match gaps.len() {
        0 => 1.2 * size,
        // With two gaps one may be a paragraph's: the narrower is the spacing.
        1..3 => gaps.iter().copied().fold(f64::MAX, f64::min),
        _ => median(&mut gaps).unwrap_or(1.2 * size),
    }
}

/// True when a line ends a sentence (closing quotes or brackets after the mark
/// allowed).
fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(['"', '\'', '”', '’', ')', ']', '»'])
        .ends_with(['.', '!', '?', ':', '…'])
}

/// True when `line` ends with a word broken by a hyphen that `next` goes on.
fn hyphenated(line: &str, next: &str) -> bool {
    let mut rev = line.trim_end().chars().rev();
    rev.next()
        .is_some_and(|c| matches!(c, '-' | '\u{00AD}' | '\u{2010}'))
        && rev.next().is_some_and(char::is_alphabetic)
        && next
            .trim_start()
            .chars()
            .next()
            .is_some_and(char::is_lowercase)
}

/// Adds `line` to a paragraph: a word hyphenated at the end of the previous line is
/// joined to its rest (`nego-` + `tiations`), else a space separates the lines.
fn join_line(current: &mut String, line: &str) {
    if hyphenated(current, line) {
        current.truncate(current.trim_end().len());
        current.pop();
    } else if !current.is_empty() {
        current.push(' ');
    }
    current.push_str(line.trim());
}

/// The text column of a page's body lines: its left and right ends.
fn column(lines: &[&Line], body: f64) -> (f64, f64) {
    let body_lines = lines.iter().filter(|l| same_size(l.size, body));
    let (mut left, mut right) = (f64::MAX, f64::MIN);
    for l in body_lines {
        left = left.min(l.x);
        right = right.max(l.end);
    }
    (left, right)
}

/// True when the layout ends a paragraph between lines `a` and `b` of one page: a
/// gap wider than the document's line spacing, a change of font size, or a line
/// that ends a sentence short of the column's end or before an indented line. A
/// jump up the page (a new column) ends one only after a sentence.
fn breaks(a: &Line, b: &Line, line_pitch: f64, column: (f64, f64)) -> bool {
    if hyphenated(&a.text, &b.text) {
        return false;
    }
    let gap = b.y - a.y;
    if gap <= 0.1 * a.size {
        return ends_sentence(&a.text);
    }
    if !same_size(a.size, b.size) || gap > 1.3 * line_pitch + 0.5 {
        return true;
    }
    let (left, right) = column;
    let short = right > left && a.end - left < 0.75 * (right - left);
    let indented =
        b.x - left > a.size && b.x - left < 8.0 * a.size && (a.x - left).abs() < 0.5 * a.size;
    ends_sentence(&a.text) && (short || indented)
}

/// The paragraphs of the pages, separated by a blank line, and the document's
/// heading. A paragraph that runs on to the next page is kept whole.
pub fn paragraphs(pages: &[Vec<Line>]) -> Laid {
    let running = running(pages);
    // The body's font size: the one most characters are set in.
    let mut by_size: Vec<(f64, usize)> = Vec::new();
    for l in pages.iter().flatten() {
        let n = l.text.chars().count();
        match by_size.iter_mut().find(|(s, _)| same_size(*s, l.size)) {
            Some((_, count)) => *count += n,
            None => by_size.push((l.size, n)),
        }
    }
    let body = by_size
        .iter()
        .max_by_key(|(_, n)| *n)
        .map_or(11.0, |(s, _)| *s);
    let mut pitches: Vec<(f64, f64)> = Vec::new();
    let mut pitch_of = |size: f64| match pitches.iter().find(|(s, _)| same_size(*s, size)) {
        Some((_, p)) => *p,
        None => {
            let p = pitch(pages, size);
            pitches.push((size, p));
            p
        }
    };
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut last: Option<Line> = None;
    let mut heading: Vec<&str> = Vec::new();
    for (n, lines) in pages.iter().enumerate() {
        let edge = edges(lines);
        let kept: Vec<&Line> = lines
            .iter()
            .enumerate()
            .filter(|(i, l)| {
                let is_running = edge.contains(i) && running.contains(&shape(&l.text));
                !l.text.trim().is_empty() && !is_running
            })
            .map(|(_, l)| l)
            .collect();
        if n == 0 {
            let largest = kept.iter().map(|l| l.size).fold(0.0, f64::max);
            if largest >= 1.2 * body {
                heading = kept
                    .iter()
                    .skip_while(|l| !same_size(l.size, largest))
                    .take_while(|l| same_size(l.size, largest))
                    .map(|l| l.text.trim())
                    .collect();
            }
        }
        let column = column(&kept, body);
        for (i, line) in kept.iter().enumerate() {
            let new_paragraph = match (i, &last) {
                (_, None) => false,
                // A page that ends a sentence ends its paragraph.
                (0, Some(prev)) => ends_sentence(&prev.text) && !hyphenated(&prev.text, &line.text),
                (_, Some(prev)) => breaks(prev, line, pitch_of(prev.size), column),
            };
            if new_paragraph && !current.trim().is_empty() {
                out.push(std::mem::take(&mut current));
            }
            join_line(&mut current, &line.text);
            last = Some((*line).clone());
        }
    }
    if !current.trim().is_empty() {
        out.push(current);
    }
    let heading = heading.join(" ");
    Laid {
        text: out.join("\n\n"),
        heading: (heading.chars().count() >= 3 && heading.chars().count() <= 200)
            .then_some(heading),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lines at the left margin (72 pt), `pitch` apart from `top`, 11 pt, each as
    /// wide as its text would be (5.5 pt a character).
    fn column_of(top: f64, pitch: f64, texts: &[&str]) -> Vec<Line> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| Line {
                x: 72.0,
                end: 72.0 + 5.5 * t.chars().count() as f64,
                y: top + pitch * i as f64,
                size: 11.0,
                text: t.to_string(),
            })
            .collect()
    }

    const PROSE: [&str; 8] = [
        "The ministers agreed on Monday to resume the nego-",
        "tiations on a full ceasefire in Geneva on 12 May, and",
        "to report to their governments by the end of the week.",
        "",
        "Both delegations welcomed the release of prisoners and",
        "the return of children to their families, which the",
        "mediators had called for since the talks began.",
        "",
    ];

    #[test]
    fn any_line_spacing_up_to_double_reads_alike() {
        for pitch in [12.0, 13.0, 16.5, 18.0, 20.0, 22.0, 24.0] {
            // A blank line of the source is a paragraph's extra space: half a line.
            let mut lines = Vec::new();
            let mut y = 100.0;
            for t in PROSE {
                if t.is_empty() {
                    y += pitch * 0.6;
                    continue;
                }
                lines.extend(column_of(y, 0.0, &[t]));
                y += pitch;
            }
            let laid = paragraphs(&[lines]);
            assert_eq!(
                laid.text,
                "The ministers agreed on Monday to resume the negotiations on a full ceasefire in Geneva on 12 May, and to report to their governments by the end of the week.\n\nBoth delegations welcomed the release of prisoners and the return of children to their families, which the mediators had called for since the talks began.",
                "at {pitch} pt"
            );
        }
    }

    #[test]
    fn short_last_lines_and_indents_end_paragraphs_without_extra_space() {
        let mut lines = column_of(
            100.0,
            20.0,
            &[
                "The ministers agreed on Monday to resume the talks",
                "in Geneva.",
                "Both delegations welcomed the release of prisoners and",
                "the return of children to their families, as promised.",
                "A monitoring mission will report every two weeks to the",
            ],
        );
        lines[4].x += 22.0;
        let laid = paragraphs(&[lines]);
        assert_eq!(
            laid.text,
            "The ministers agreed on Monday to resume the talks in Geneva.\n\nBoth delegations welcomed the release of prisoners and the return of children to their families, as promised.\n\nA monitoring mission will report every two weeks to the"
        );
    }

    #[test]
    fn numbered_body_lines_at_the_foot_of_every_page_are_kept() {
        let page = |n: u32, body: &str| {
            let mut lines = column_of(100.0, 14.0, &[body]);
            let point = format!("Annex point {n}: the parties agree to exchange prisoners.");
            lines.extend(column_of(700.0, 14.0, &[&point]));
            lines.extend(column_of(740.0, 14.0, &[&format!("Page {n}")]));
            lines
        };
        let laid = paragraphs(&[page(10, "The first page."), page(11, "The next one.")]);
        assert_eq!(
            laid.text,
            "The first page.\n\nAnnex point 10: the parties agree to exchange prisoners.\n\nThe next one.\n\nAnnex point 11: the parties agree to exchange prisoners."
        );
    }

    #[test]
    fn heads_feet_headings_and_pages() {
        let page = |n: usize, body: &[&str]| {
            let mut lines = vec![Line {
                x: 72.0,
                end: 300.0,
                y: 30.0,
                size: 9.0,
                text: "MINISTRY PRESS OFFICE".into(),
            }];
            lines.extend(column_of(100.0, 18.0, body));
            lines.push(Line {
                x: 280.0,
                end: 330.0,
                y: 770.0,
                size: 9.0,
                text: format!("Page {n} of 3"),
            });
            lines
        };
        let mut first = vec![Line {
            x: 72.0,
            end: 400.0,
            y: 60.0,
            size: 18.0,
            text: "Joint statement".into(),
        }];
        first.extend(page(
            1,
            &[
                "The talks will go on in a well-",
                "Known place and the next one",
            ],
        ));
        let pages = [
            first,
            page(2, &["continues here. A new-", "found hope."]),
            page(3, &["Last page."]),
        ];
        let laid = paragraphs(&pages);
        assert_eq!(laid.heading.as_deref(), Some("Joint statement"));
        assert_eq!(
            laid.text,
            "Joint statement\n\nThe talks will go on in a well- Known place and the next one continues here. A newfound hope.\n\nLast page."
        );
    }
}
