//! PDF documents: the text layer page by page (`pdf-extract` on `lopdf`), with the
//! headers and footers that repeat on every page dropped, words hyphenated at a line
//! end joined, and paragraphs kept; title and date from the document information.

use super::isolate::Failure;
use super::{Extracted, IngestError, Kind};
use crate::date::Date;
use lopdf::{Document, Object};
use std::time::Duration;

/// How many lines at the top and at the bottom of a page may be a running header or
/// footer.
const EDGE_LINES: usize = 2;

/// The longest line taken for a running header or footer.
const MAX_RUNNING_LINE: usize = 100;

/// The longest line with digits taken for a running header or footer ("Page 3 of
/// 12", "Report 2025 - 4"): longer numbered lines are body text.
const MAX_NUMBERED_RUNNING_LINE: usize = 32;

/// How long the PDF reader may run on one file before it is given up on.
pub const READ_TIMEOUT: Duration = Duration::from_secs(20);

/// How large one compressed stream, and all the object streams together, may grow
/// when decoded.
pub const MAX_STREAM_BYTES: u64 = 64 * 1024 * 1024;

/// How large all the compressed streams of a PDF together may grow when decoded.
pub const MAX_INFLATED_BYTES: u64 = 512 * 1024 * 1024;

/// Limits on reading one PDF.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// How long the reader may run before the file is refused.
    pub time: Duration,
    /// How many bytes one stream may decode to (the reader holds a few at a time),
    /// and all object streams together (they are kept while the file is read).
    pub stream_bytes: u64,
    /// How many bytes all streams together may decode to.
    pub total_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            time: READ_TIMEOUT,
            stream_bytes: MAX_STREAM_BYTES,
            total_bytes: MAX_INFLATED_BYTES,
        }
    }
}

thread_local! {
    /// What the object streams of the PDF being loaded on this thread may still
    /// decode to, and whether one went over it.
    static OBJECT_STREAMS: std::cell::Cell<(u64, bool)> = const { std::cell::Cell::new((0, false)) };
}

/// A load filter: an object stream that would decode past what is left of the
/// object streams' budget is dropped (unopened) and the overrun noted.
fn guard_object_stream(
    id: lopdf::ObjectId,
    object: &mut Object,
) -> Option<(lopdf::ObjectId, Object)> {
    if let Object::Stream(s) = object
        && s.dict.has_type(b"ObjStm")
    {
        let (left, _) = OBJECT_STREAMS.get();
        match super::inflate::decoded_len(s, left) {
            Ok(n) => OBJECT_STREAMS.set((left - n, false)),
            Err(_) => {
                OBJECT_STREAMS.set((0, true));
                return None;
            }
        }
    }
    Some((id, object.clone()))
}

/// Why a PDF is refused before it is read, in words.
struct Refused(String);

impl From<String> for Refused {
    fn from(reason: String) -> Self {
        Refused(reason)
    }
}

/// Refuses a PDF whose streams decode to more than `limits` allow.
fn check_sizes(doc: &Document, limits: Limits) -> Result<(), Refused> {
    let mib = |n: u64| n as f64 / 1048576.0;
    let mut total = 0u64;
    for (id, object) in &doc.objects {
        let Object::Stream(s) = object else {
            continue;
        };
        let cap = limits.stream_bytes.min(limits.total_bytes - total);
        total += super::inflate::decoded_len(s, cap).map_err(|_| {
            if cap == limits.stream_bytes {
                format!(
                    "a compressed stream (object {}) decodes to over {:.0} MiB; refused as a possible decompression bomb",
                    id.0,
                    mib(cap)
                )
            } else {
                format!(
                    "its compressed streams decode to over {:.0} MiB in all; refused as a possible decompression bomb",
                    mib(limits.total_bytes)
                )
            }
        })?;
    }
    Ok(())
}

/// What the reader thread finds: each page's text, the title and the date.
type Read = (Vec<String>, Option<String>, Option<Date>);

/// The text and metadata of a PDF, with the default [`Limits`]. `name` is the escaped
/// file name for errors.
pub fn extract(bytes: Vec<u8>, name: &str) -> Result<Extracted, IngestError> {
    extract_with(bytes, name, Limits::default())
}

/// The text and metadata of a PDF, read within `limits`. `name` is the escaped file
/// name for errors.
///
/// The PDF reader runs on a thread of its own ([`super::isolate`]): a panic in it is
/// caught without a word printed, and if it has not finished within `limits.time` the
/// file is refused.
pub fn extract_with(bytes: Vec<u8>, name: &str, limits: Limits) -> Result<Extracted, IngestError> {
    let bad = |detail: String| IngestError::BadPdf {
        path: name.to_string(),
        detail: crate::sanitize::escape(&detail),
    };
    let owned = name.to_string();
    let read = super::isolate::run(limits.time, move || read(&bytes, &owned, limits));
    let (pages, title, date) = match read {
        Ok(read) => read?,
        Err(Failure::CannotStart(e)) => {
            return Err(bad(format!("cannot start the PDF reader: {e}")));
        }
        Err(Failure::Panicked) => return Err(bad("the PDF reader failed on this file".into())),
        Err(Failure::TimedOut) => {
            return Err(bad(format!(
                "the PDF reader did not finish in {} s: a malformed page tree?",
                limits.time.as_secs_f64()
            )));
        }
    };
    Ok(Extracted {
        kind: Kind::Pdf,
        text: clean_pages(&pages),
        title,
        date,
        url: None,
        publisher: None,
        origins: super::origin::Origins::default(),
    })
}

/// Loads the document and reads the text of each page: runs on the reader thread.
fn read(bytes: &[u8], name: &str, limits: Limits) -> Result<Read, IngestError> {
    let bad = |detail: String| IngestError::BadPdf {
        path: name.to_string(),
        detail: crate::sanitize::escape(&detail),
    };
    let encrypted = || IngestError::Encrypted {
        path: name.to_string(),
    };
    OBJECT_STREAMS.set((limits.stream_bytes, false));
    let options = lopdf::LoadOptions::with_filter(guard_object_stream);
    let loaded = Document::load_mem_with_options(bytes, options);
    if OBJECT_STREAMS.get().1 {
        return Err(bad(format!(
            "its object streams decode to over {:.0} MiB; refused as a possible decompression bomb",
            limits.stream_bytes as f64 / 1048576.0
        )));
    }
    let mut doc = match loaded {
        Ok(d) => d,
        Err(lopdf::Error::Decryption(_)) => return Err(encrypted()),
        Err(e) => return Err(bad(e.to_string())),
    };
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(encrypted());
    }
    check_sizes(&doc, limits).map_err(|r| bad(r.0))?;
    check_structure(&doc).map_err(|r| bad(r.0))?;
    let count = doc.get_pages().len();
    let mut pages = Vec::with_capacity(count);
    for n in 1..=count {
        let mut text = String::new();
        let mut out = pdf_extract::PlainTextOutput::new(&mut text);
        pdf_extract::output_doc_page(&doc, &mut out, n as u32)
            .map_err(|e| bad(format!("page {n}: {e}")))?;
        pages.push(text);
    }
    let (title, date) = info(&doc);
    Ok((pages, title, date))
}

/// How deep a page tree, or forms drawn within forms, may go.
const MAX_DEPTH: usize = 64;

/// How many times, in all, the pages may draw a form (counting forms within forms).
const MAX_FORM_USES: usize = 100_000;

/// Refuses the structures the PDF reader would loop or recurse on without end: a
/// page tree whose `/Kids` or `/Parent` lead back to a node already seen, one deeper
/// than [`MAX_DEPTH`], and forms that draw themselves (directly or through others).
fn check_structure(doc: &Document) -> Result<(), Refused> {
    let Ok(root) = doc
        .catalog()
        .and_then(|c| c.get(b"Pages"))
        .and_then(Object::as_reference)
    else {
        return Ok(());
    };
    // Down the tree: every node once.
    let mut seen = std::collections::HashSet::new();
    let mut stack = vec![(root, 0usize)];
    while let Some((id, depth)) = stack.pop() {
        if !seen.insert(id) {
            return Err(Refused(format!(
                "the page tree reaches object {} twice (its /Kids loop)",
                id.0
            )));
        }
        if depth > MAX_DEPTH {
            return Err(Refused(format!(
                "the page tree is more than {MAX_DEPTH} levels deep"
            )));
        }
        let Ok(node) = doc.get_dictionary(id) else {
            continue;
        };
        if let Ok(kids) = node.get_deref(b"Kids", doc).and_then(Object::as_array) {
            for kid in kids {
                if let Ok(kid) = kid.as_reference() {
                    stack.push((kid, depth + 1));
                }
            }
        }
    }
    // Up from every page, the way inherited attributes are looked up.
    let mut budget = MAX_FORM_USES;
    for page in doc.page_iter() {
        let mut chain = vec![page];
        let mut resources = None;
        let mut at = doc.get_dictionary(page).ok();
        while let Some(node) = at {
            if resources.is_none() {
                resources = node
                    .get_deref(b"Resources", doc)
                    .and_then(Object::as_dict)
                    .ok();
            }
            let Ok(parent) = node.get(b"Parent").and_then(Object::as_reference) else {
                break;
            };
            if chain.contains(&parent) {
                return Err(Refused(format!(
                    "the page tree loops: the /Parent of object {} leads back to object {}",
                    chain[chain.len() - 1].0,
                    parent.0
                )));
            }
            if chain.len() > MAX_DEPTH {
                return Err(Refused(format!(
                    "the page tree is more than {MAX_DEPTH} levels deep"
                )));
            }
            chain.push(parent);
            at = doc.get_dictionary(parent).ok();
        }
        if let Some(resources) = resources {
            check_forms(doc, resources, &mut Vec::new(), &mut budget)?;
        }
    }
    Ok(())
}

/// Follows the forms that `resources` lets a content stream draw, and the forms
/// those draw in turn; `path` holds the forms being drawn.
fn check_forms(
    doc: &Document,
    resources: &lopdf::Dictionary,
    path: &mut Vec<lopdf::ObjectId>,
    budget: &mut usize,
) -> Result<(), Refused> {
    let Ok(xobjects) = resources
        .get_deref(b"XObject", doc)
        .and_then(Object::as_dict)
    else {
        return Ok(());
    };
    for (_, xobject) in xobjects {
        let Ok(id) = xobject.as_reference() else {
            continue;
        };
        let Ok(form) = doc.get_object(id).and_then(Object::as_stream) else {
            continue;
        };
        if !matches!(
            form.dict.get(b"Subtype").and_then(Object::as_name),
            Ok(b"Form")
        ) {
            continue;
        }
        if path.contains(&id) {
            return Err(Refused(format!("a form draws itself (object {})", id.0)));
        }
        if path.len() >= MAX_DEPTH {
            return Err(Refused(format!(
                "forms are drawn within forms more than {MAX_DEPTH} deep"
            )));
        }
        *budget = budget.checked_sub(1).ok_or_else(|| {
            format!("the pages draw forms within forms more than {MAX_FORM_USES} times")
        })?;
        let inner = form
            .dict
            .get_deref(b"Resources", doc)
            .and_then(Object::as_dict)
            .unwrap_or(resources);
        path.push(id);
        check_forms(doc, inner, path, budget)?;
        path.pop();
    }
    Ok(())
}

/// Title and creation date from the document information dictionary.
fn info(doc: &Document) -> (Option<String>, Option<Date>) {
    let dict = match doc.trailer.get(b"Info") {
        Ok(Object::Reference(id)) => doc.get_dictionary(*id).ok(),
        Ok(Object::Dictionary(d)) => Some(d),
        _ => None,
    };
    let Some(dict) = dict else {
        return (None, None);
    };
    let string = |key: &[u8]| match dict.get(key) {
        Ok(Object::String(bytes, _)) => Some(pdf_string(bytes)),
        _ => None,
    };
    let title = string(b"Title").filter(|t| !t.trim().is_empty());
    let date = string(b"CreationDate")
        .or_else(|| string(b"ModDate"))
        .and_then(|d| pdf_date(&d));
    (title, date)
}

/// A PDF text string: UTF-16BE after a byte order mark, UTF-8 after its mark, else
/// PDFDocEncoding (taken as Latin-1, which it matches for letters).
fn pdf_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// `D:YYYYMMDD...` as a date.
fn pdf_date(s: &str) -> Option<Date> {
    let digits = s.trim().strip_prefix("D:").unwrap_or(s.trim());
    let d = digits.get(..8)?;
    Date::parse(&format!(
        "{}-{}-{}",
        d.get(..4)?,
        d.get(4..6)?,
        d.get(6..8)?
    ))
}

/// A line with its digits blanked, so "Page 1 of 2" and "Page 2 of 2" compare equal.
fn shape(line: &str) -> String {
    line.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// The pages' text as paragraphs: running headers and footers dropped, hyphenated
/// line ends joined, lines of a paragraph joined with a space, one blank line
/// between paragraphs. A paragraph that runs on to the next page is kept whole.
pub fn clean_pages(pages: &[String]) -> String {
    let pages: Vec<Vec<&str>> = pages
        .iter()
        .map(|p| p.lines().map(str::trim).collect())
        .collect();
    let edges = |lines: &[&str]| -> Vec<String> {
        let filled: Vec<&str> = lines.iter().copied().filter(|l| !l.is_empty()).collect();
        let top = filled.iter().take(EDGE_LINES);
        let bottom = filled.iter().rev().take(EDGE_LINES);
        top.chain(bottom).map(|l| shape(l)).collect()
    };
    // Lines at the edge of every page (of two or more) are running heads or feet if
    // short; one with digits (which may differ from page to page) only if shorter
    // still, like a page number, so numbered body lines are kept.
    let running: Vec<String> = if pages.len() >= 2 {
        let mut common = edges(&pages[0]);
        for p in &pages[1..] {
            let e = edges(p);
            common.retain(|l| e.contains(l));
        }
        common.retain(|l| {
            let limit = if l.contains('#') {
                MAX_NUMBERED_RUNNING_LINE
            } else {
                MAX_RUNNING_LINE
            };
            l.chars().count() <= limit
        });
        common
    } else {
        Vec::new()
    };
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    let end = |current: &mut String, paragraphs: &mut Vec<String>| {
        if !current.trim().is_empty() {
            paragraphs.push(current.trim().to_string());
        }
        current.clear();
    };
    for lines in &pages {
        let filled: Vec<usize> = (0..lines.len()).filter(|&i| !lines[i].is_empty()).collect();
        let edge: Vec<usize> = filled
            .iter()
            .take(EDGE_LINES)
            .chain(filled.iter().rev().take(EDGE_LINES))
            .copied()
            .collect();
        let kept: Vec<&str> = lines
            .iter()
            .enumerate()
            .filter(|(i, l)| !(edge.contains(i) && running.contains(&shape(l))))
            .map(|(_, l)| *l)
            .collect();
        // A page that ends a sentence ends its paragraph.
        if current
            .trim_end()
            .ends_with(['.', '!', '?', ':', '"', '”', ')'])
        {
            end(&mut current, &mut paragraphs);
        }
        for line in kept {
            if line.is_empty() {
                end(&mut current, &mut paragraphs);
                continue;
            }
            join_line(&mut current, line);
        }
    }
    end(&mut current, &mut paragraphs);
    paragraphs.join("\n\n")
}

/// Adds `line` to a paragraph: a word hyphenated at the end of the previous line is
/// joined to its rest (`nego-` + `tiations`), else a space separates the lines.
fn join_line(current: &mut String, line: &str) {
    let hyphenated = {
        let mut rev = current.chars().rev();
        rev.next() == Some('-')
            && rev.next().is_some_and(char::is_alphabetic)
            && line.chars().next().is_some_and(char::is_lowercase)
    };
    if hyphenated {
        current.pop();
    } else if !current.is_empty() {
        current.push(' ');
    }
    current.push_str(line);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_feet_hyphens_and_paragraphs() {
        let pages = [
            "MINISTRY PRESS OFFICE\n\nThe ministers agreed to resume nego-\ntiations in May.\n\nA second\nparagraph goes on\nPage 1 of 2\n".to_string(),
            "MINISTRY PRESS OFFICE\nacross the page. A well-\nKnown case stays.\nPage 2 of 2".to_string(),
        ];
        assert_eq!(
            clean_pages(&pages),
            "The ministers agreed to resume negotiations in May.\n\nA second paragraph goes on across the page. A well- Known case stays."
        );
        assert_eq!(clean_pages(&["Only page\n".into()]), "Only page");
    }

    #[test]
    fn numbered_body_lines_at_the_foot_of_every_page_are_kept() {
        let pages = [
            "Heading\n\nAnnex point 10: the parties agree to exchange prisoners.\nPage 1"
                .to_string(),
            "Body.\n\nAnnex point 11: the parties agree to exchange prisoners.\nPage 2".to_string(),
        ];
        assert_eq!(
            clean_pages(&pages),
            "Heading\n\nAnnex point 10: the parties agree to exchange prisoners.\n\nBody.\n\nAnnex point 11: the parties agree to exchange prisoners."
        );
    }

    #[test]
    fn info_strings_and_dates() {
        assert_eq!(pdf_string(b"\xFE\xFF\x00A\x00\xe9"), "Aé");
        assert_eq!(pdf_string(b"Caf\xe9"), "Café");
        assert_eq!(pdf_date("D:20250425120000Z"), Date::new(2025, 4, 25));
        assert_eq!(pdf_date("D:2025"), None);
        assert_eq!(pdf_date("nonsense"), None);
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        for bytes in [
            &b""[..],
            b"%PDF-1.4\n",
            b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ntrailer\n",
        ] {
            assert!(matches!(
                extract(bytes.to_vec(), "x.pdf"),
                Err(IngestError::BadPdf { .. }) | Ok(_)
            ));
        }
    }
}
