//! PDF documents: the text layer page by page (`pdf-extract` on `lopdf`), with the
//! headers and footers that repeat on every page dropped, words hyphenated at a line
//! end joined, and paragraphs kept; title and date from the document information.

use super::{Extracted, IngestError, Kind};
use crate::date::Date;
use lopdf::{Document, Object};

/// How many lines at the top and at the bottom of a page may be a running header or
/// footer.
const EDGE_LINES: usize = 2;

/// The text and metadata of a PDF. `name` is the escaped file name for errors.
pub fn extract(bytes: &[u8], name: &str) -> Result<Extracted, IngestError> {
    let bad = |detail: String| IngestError::BadPdf {
        path: name.to_string(),
        detail: crate::sanitize::escape(&detail),
    };
    let encrypted = || IngestError::Encrypted {
        path: name.to_string(),
    };
    // The PDF reader has panicked on malformed files; a panic is caught and reported.
    let guarded = |f: &mut dyn FnMut() -> Result<Vec<String>, IngestError>| {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
            .unwrap_or_else(|_| Err(bad("the PDF reader failed on this file".into())))
    };
    let mut doc = None;
    let pages = guarded(&mut || {
        let mut d = match Document::load_mem(bytes) {
            Ok(d) => d,
            Err(lopdf::Error::Decryption(_)) => return Err(encrypted()),
            Err(e) => return Err(bad(e.to_string())),
        };
        if d.is_encrypted() && d.decrypt("").is_err() {
            return Err(encrypted());
        }
        let count = d.get_pages().len();
        let mut pages = Vec::with_capacity(count);
        for n in 1..=count {
            let mut text = String::new();
            let mut out = pdf_extract::PlainTextOutput::new(&mut text);
            pdf_extract::output_doc_page(&d, &mut out, n as u32)
                .map_err(|e| bad(format!("page {n}: {e}")))?;
            pages.push(text);
        }
        doc = Some(d);
        Ok(pages)
    })?;
    let (title, date) = doc.as_ref().map_or((None, None), info);
    Ok(Extracted {
        kind: Kind::Pdf,
        text: clean_pages(&pages),
        title,
        date,
        url: None,
        publisher: None,
    })
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
    // Lines at the edge of every page (of two or more) are running heads or feet.
    let running: Vec<String> = if pages.len() >= 2 {
        let mut common = edges(&pages[0]);
        for p in &pages[1..] {
            let e = edges(p);
            common.retain(|l| e.contains(l));
        }
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
                extract(bytes, "x.pdf"),
                Err(IngestError::BadPdf { .. }) | Ok(_)
            ));
        }
    }
}
