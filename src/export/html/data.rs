//! The model as the report's page script reads it (docs/SPEC.md §8): embedded once in
//! the page as `<script type="application/json" id="stances-data">`.
//!
//! It holds the whole model, so that the page computes any view date, minimum
//! confidence and filter exactly as the library does: the parties and issues with their
//! scales, every position (its fields, the curator's `contested`, its citations), the
//! sources some position cites with their whole text, the view the export was made at
//! (date, base date, filter) and the fixed words of [`crate::view`] that the script
//! puts into its sentences. Every string is [`clean`]ed as the page's text is. Offsets
//! into a source's text are UTF-16 code units of the text as embedded (what
//! `String.prototype.slice` takes), computed here. Every `<` is written `\u003c`, so no
//! `</script` or `<!--` can end or bend the element.

use crate::date::Date;
use crate::export::url;
use crate::model::{Confidence, Model, SourceId, Status};
use crate::sanitize::{clean, is_unsafe};
use crate::view::View;
use crate::view::compare::words::{
    BLOCKING, FILTERED_OUT, NO_SCALES, PAIR_COLUMNS, PAIRS_NOTE, WOULD_BLOCK_IF_FIRM,
};
use crate::view::evidence::{CONTESTED_MARK, CONTESTED_WINDOW_DAYS, THIN_MARK, THIN_MEANS};
use serde::Serialize;

/// The id of the data element.
pub const ID: &str = "stances-data";

/// Everything the page script reads.
#[derive(Serialize)]
struct Data {
    title: String,
    description: Option<String>,
    /// Every distinct `as_of` date, oldest first.
    dates: Vec<Date>,
    /// The view the export was made at: what the page first shows.
    view: ViewData,
    parties: Vec<PartyData>,
    issues: Vec<IssueData>,
    positions: Vec<PositionData>,
    sources: Vec<SourceData>,
    words: Words,
}

#[derive(Serialize)]
struct ViewData {
    date: Option<Date>,
    /// The base date of `--since`, when given.
    base: Option<Date>,
    min_confidence: Option<&'static str>,
    /// Indices into `parties` (`None`: all).
    parties: Option<Vec<usize>>,
    /// Indices into `issues` (`None`: all).
    issues: Option<Vec<usize>>,
    statuses: Option<Vec<&'static str>>,
    confidences: Option<Vec<&'static str>>,
    hide_empty: bool,
}

#[derive(Serialize)]
struct PartyData {
    id: String,
    name: String,
    short: String,
}

#[derive(Serialize)]
struct IssueData {
    id: String,
    name: String,
    question: Option<String>,
    scale: Vec<StepData>,
}

#[derive(Serialize)]
struct StepData {
    id: String,
    label: String,
}

#[derive(Serialize)]
struct PositionData {
    /// Index into `parties`.
    party: usize,
    /// Index into `issues`.
    issue: usize,
    summary: String,
    detail: Option<String>,
    /// The curator's notes.
    notes: Option<String>,
    as_of: Option<Date>,
    /// Step index into the issue's scale.
    stance: Option<usize>,
    /// `[lo, hi]` step indices.
    acceptable: Option<[usize; 2]>,
    status: Option<&'static str>,
    confidence: Option<&'static str>,
    conditions: Vec<String>,
    /// The curator's reason for marking it contested.
    contested: Option<String>,
    citations: Vec<CitationData>,
}

#[derive(Serialize)]
struct CitationData {
    /// Index into `sources` (the cited ones only).
    source: usize,
    speaker: Option<String>,
    /// The matched text, `[start, end)` in UTF-16 code units of the source's text.
    quote: [usize; 2],
    /// The sentence (or run of sentences) holding it.
    sentence: [usize; 2],
}

#[derive(Serialize)]
struct SourceData {
    id: String,
    title: String,
    publisher: Option<String>,
    published: Option<Date>,
    /// The address as written (cleaned).
    url: Option<String>,
    /// The address as a link ([`url::href`]), when it can be one.
    href: Option<String>,
    /// The whole text, as embedded (see [`embed`]).
    text: String,
}

/// The fixed words of `view/` that the script's sentences use, so that they exist once.
#[derive(Serialize)]
struct Words {
    pairs_note: &'static str,
    pair_columns: [&'static str; 6],
    blocking: &'static str,
    would_block_if_firm: &'static str,
    no_scales: &'static str,
    filtered_out: &'static str,
    contested_mark: char,
    thin_mark: char,
    thin_means: &'static str,
    contested_window_days: i64,
    /// How to read the comparison, as HTML.
    intro_html: String,
}

/// The data element's content for `view` (with `base`, the date of `--since`): JSON
/// with every `<` escaped.
pub fn json(view: &View, base: Option<Date>) -> String {
    let data = data(view, base);
    let text = serde_json::to_string(&data).unwrap_or_else(|_| "null".into());
    // `<` only occurs inside JSON strings, where `\u003c` means the same.
    text.replace('<', "\\u003c")
}

fn data(view: &View, base: Option<Date>) -> Data {
    let m = &*view.model;
    let f = &view.filter;
    let (sources, index) = cited_sources(m);
    let positions = m
        .positions
        .iter()
        .map(|p| PositionData {
            party: p.party.index(),
            issue: p.issue.index(),
            summary: clean(&p.summary),
            detail: p.detail.as_deref().map(clean),
            notes: p.notes.as_deref().map(clean),
            as_of: p.as_of,
            stance: p.stance,
            acceptable: p.acceptable.map(|(lo, hi)| [lo, hi]),
            status: p.status.map(Status::id),
            confidence: p.confidence.map(Confidence::id),
            conditions: p.conditions.iter().map(|c| clean(c)).collect(),
            contested: p.contested.as_deref().map(clean),
            citations: p
                .citations
                .iter()
                .filter_map(|c| {
                    let (span, sentence) = c.place()?;
                    let s = index[c.source.index()]?;
                    let at = |b: usize| sources[s].offset(b);
                    Some(CitationData {
                        source: s,
                        speaker: c.speaker.as_deref().map(clean),
                        quote: [at(span.start), at(span.end)],
                        sentence: [at(sentence.start), at(sentence.end)],
                    })
                })
                .collect(),
        })
        .collect();
    Data {
        title: clean(&m.title),
        description: m.description.as_deref().map(clean),
        dates: view.dates.clone(),
        view: ViewData {
            date: view.date,
            base,
            min_confidence: f.min_confidence.map(Confidence::id),
            parties: f
                .parties
                .as_ref()
                .map(|v| v.iter().map(|p| p.index()).collect()),
            issues: f
                .issues
                .as_ref()
                .map(|v| v.iter().map(|i| i.index()).collect()),
            statuses: f
                .statuses
                .as_ref()
                .map(|v| v.iter().map(|s| s.id()).collect()),
            confidences: f
                .confidences
                .as_ref()
                .map(|v| v.iter().map(|c| c.id()).collect()),
            hide_empty: f.hide_empty,
        },
        parties: m
            .parties
            .iter()
            .map(|p| PartyData {
                id: clean(&p.id),
                name: clean(&p.name),
                short: clean(&p.short),
            })
            .collect(),
        issues: m
            .issues
            .iter()
            .map(|i| IssueData {
                id: clean(&i.id),
                name: clean(&i.name),
                question: i.question.as_deref().map(clean),
                scale: i
                    .scale
                    .iter()
                    .map(|s| StepData {
                        id: clean(&s.id),
                        label: clean(&s.label),
                    })
                    .collect(),
            })
            .collect(),
        positions,
        sources: sources.into_iter().map(|s| s.data).collect(),
        words: Words {
            pairs_note: PAIRS_NOTE,
            pair_columns: PAIR_COLUMNS,
            blocking: BLOCKING,
            would_block_if_firm: WOULD_BLOCK_IF_FIRM,
            no_scales: NO_SCALES,
            filtered_out: FILTERED_OUT,
            contested_mark: CONTESTED_MARK,
            thin_mark: THIN_MARK,
            thin_means: THIN_MEANS,
            contested_window_days: CONTESTED_WINDOW_DAYS,
            intro_html: super::compare::intro_html(),
        },
    }
}

/// A cited source as embedded, with the UTF-16 offset of every byte offset that a
/// citation names.
struct Embedded {
    data: SourceData,
    /// (byte offset in the source's text, UTF-16 offset in the embedded text), sorted.
    offsets: Vec<(usize, usize)>,
}

impl Embedded {
    /// The UTF-16 offset of byte offset `byte` (one of those it was made with).
    fn offset(&self, byte: usize) -> usize {
        match self.offsets.binary_search_by_key(&byte, |&(b, _)| b) {
            Ok(i) => self.offsets[i].1,
            // Not asked for: the offset of the character at or after it.
            Err(i) => self.offsets.get(i).map_or(0, |&(_, u)| u),
        }
    }
}

/// The sources that some found citation cites, in file order, embedded; and for each
/// source of the model its index among them.
fn cited_sources(m: &Model) -> (Vec<Embedded>, Vec<Option<usize>>) {
    let mut wanted: Vec<Vec<usize>> = vec![Vec::new(); m.sources.len()];
    for c in m.positions.iter().flat_map(|p| &p.citations) {
        if let Some((span, sentence)) = c.place()
            && let Some(w) = wanted.get_mut(c.source.index())
        {
            w.extend([span.start, span.end, sentence.start, sentence.end]);
        }
    }
    let mut index = vec![None; m.sources.len()];
    let mut out = Vec::new();
    for (i, mut bytes) in wanted.into_iter().enumerate() {
        if bytes.is_empty() {
            continue;
        }
        bytes.sort_unstable();
        bytes.dedup();
        let s = &m.sources[SourceId(i)];
        let (text, offsets) = embed(&s.text.text, &bytes);
        index[i] = Some(out.len());
        out.push(Embedded {
            data: SourceData {
                id: clean(&s.id),
                title: clean(&s.title),
                publisher: s.publisher.as_deref().map(clean),
                published: s.published,
                url: s.url.as_deref().map(clean),
                href: s.url.as_deref().and_then(url::href),
                text,
            },
            offsets: bytes.into_iter().zip(offsets).collect(),
        });
    }
    (out, index)
}

/// A source's text as the page shows it, and the UTF-16 offset in it of each of
/// `bytes` (sorted byte offsets of `text`). Line breaks become `\n`; unsafe characters
/// become U+FFFD, or a space when they are white space (a vertical tab, a form feed,
/// U+0085), so that white space stays white space: a sentence collapsed to one line
/// ([`crate::view::excerpt::Excerpt`]) reads the same from either text.
pub fn embed(text: &str, bytes: &[usize]) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut units = 0;
    let mut offsets = Vec::with_capacity(bytes.len());
    let mut want = bytes.iter().copied().peekable();
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        while want.next_if(|&b| b <= at).is_some() {
            offsets.push(units);
        }
        let put = match c {
            '\r' if chars.peek().is_some_and(|&(_, n)| n == '\n') => None,
            '\r' => Some('\n'),
            '\n' | '\t' => Some(c),
            c if is_unsafe(c) && c.is_whitespace() => Some(' '),
            c if is_unsafe(c) => Some('\u{FFFD}'),
            c => Some(c),
        };
        if let Some(p) = put {
            out.push(p);
            units += p.len_utf16();
        }
    }
    offsets.extend(want.map(|_| units));
    (out, offsets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_are_utf16_units_of_the_embedded_text() {
        let text = "a\r\nÄ😀b\u{1b}c\u{b}d\re\u{1FFFE}f";
        let bytes: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        let (out, at) = embed(text, &bytes);
        assert_eq!(out, "a\nÄ😀b\u{FFFD}c d\ne\u{FFFD}f");
        let units: Vec<u16> = out.encode_utf16().collect();
        // Each character of the source starts where its replacement starts.
        let start = |c: &str| at[bytes.iter().position(|&b| &text[b..] == c).unwrap()];
        assert_eq!(
            String::from_utf16(&units[start("b\u{1b}c\u{b}d\re\u{1FFFE}f")..]).unwrap(),
            "b\u{FFFD}c d\ne\u{FFFD}f"
        );
        assert_eq!(
            String::from_utf16(&units[start("f")..]).unwrap(),
            "f",
            "after a supplementary noncharacter (two units, replaced by one)"
        );
        // The \r of \r\n is dropped: it starts where the \n does.
        assert_eq!(at[1], at[2]);
        assert_eq!(embed("xy", &[2]).1, [2], "the end of the text");
    }

    #[test]
    fn no_less_than_sign_is_left_in_the_json() {
        let m = crate::model::build::ModelText::new("</script><!-- <b>")
            .party("a", "A")
            .issue("x", "X")
            .model();
        let view = View::new(std::sync::Arc::new(m), None);
        let json = json(&view, None);
        assert!(!json.contains('<'), "{json}");
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["title"], "</script><!-- <b>");
    }
}
