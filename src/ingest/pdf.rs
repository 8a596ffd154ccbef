//! PDF documents: the text layer (`pdf-extract` on `lopdf`) laid out in lines and
//! paragraphs ([`super::pdf_layout`]): running heads and feet dropped, words
//! hyphenated at a line end joined, paragraphs found at any line spacing. The date
//! is the text's own dateline when it has one, else the document information's; the
//! title the document information's, else the heading of the first page.
//!
//! Every file is read within bounds ([`super::pdf_guard`]): decompression bombs,
//! looping page trees and forms, runaway CMaps and content streams of millions of
//! operators are refused or cut down before the reader sees them.

use super::isolate::Failure;
use super::origin::{Origin, Origins};
use super::pdf_guard::{self, Refused};
use super::pdf_layout::{Collector, Laid};
use super::{Extracted, IngestError, Kind};
use crate::date::Date;
use lopdf::{Document, Object};
use std::time::Duration;

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
    match super::isolate::run(limits.time, move || read(&bytes, &owned, limits)) {
        Ok(read) => read,
        Err(Failure::CannotStart(e)) => Err(bad(format!("cannot start the PDF reader: {e}"))),
        Err(Failure::Panicked) => Err(bad("the PDF reader failed on this file".into())),
        Err(Failure::TimedOut) => Err(bad(format!(
            "the PDF reader did not finish in {} s",
            limits.time.as_secs_f64()
        ))),
    }
}

/// Loads the document, checks it and reads its text: runs on the reader thread.
fn read(bytes: &[u8], name: &str, limits: Limits) -> Result<Extracted, IngestError> {
    let bad = |Refused(detail): Refused| IngestError::BadPdf {
        path: name.to_string(),
        detail: crate::sanitize::escape(&detail),
    };
    let encrypted = || IngestError::Encrypted {
        path: name.to_string(),
    };
    pdf_guard::OBJECT_STREAMS.set((limits.stream_bytes, false));
    let options = lopdf::LoadOptions::with_filter(pdf_guard::guard_object_stream);
    let loaded = Document::load_mem_with_options(bytes, options);
    if pdf_guard::OBJECT_STREAMS.get().1 {
        return Err(bad(Refused(format!(
            "its object streams decode to over {:.0} MiB; refused as a possible decompression bomb",
            limits.stream_bytes as f64 / 1048576.0
        ))));
    }
    let mut doc = match loaded {
        Ok(d) => d,
        Err(lopdf::Error::Decryption(_)) => return Err(encrypted()),
        Err(e) => return Err(bad(Refused(e.to_string()))),
    };
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(encrypted());
    }
    pdf_guard::check_sizes(&doc, limits.stream_bytes, limits.total_bytes).map_err(bad)?;
    pdf_guard::check_structure(&doc).map_err(bad)?;
    pdf_guard::check_cmaps(&doc).map_err(bad)?;
    // The pages are listed once: the reader's own per-page listing is quadratic.
    let pages = doc.get_pages();
    pdf_guard::cut_to_text(&mut doc, &pages).map_err(bad)?;
    let mut collector = Collector::default();
    pdf_extract::output_doc(&doc, &mut collector).map_err(|e| {
        bad(Refused(format!(
            "page {}: {e}",
            collector.pages.len().max(1)
        )))
    })?;
    let Laid { text, heading } = super::pdf_layout::paragraphs(&collector.pages);
    let info = Info::of(&doc);
    let mut origins = Origins::default();
    let title = match (info.title, heading) {
        (Some(t), _) => {
            origins.title = Some(Origin::Metadata("the PDF's document information"));
            Some(t)
        }
        (None, Some(h)) => {
            origins.title = Some(Origin::Text(String::new()));
            Some(h)
        }
        (None, None) => None,
    };
    let date = match (super::dateline::find(&text), info.date) {
        (Some((d, words)), _) => {
            origins.date = Some(Origin::Text(words));
            Some(d)
        }
        (None, Some((d, from))) => {
            origins.date = Some(Origin::Metadata(from));
            Some(d)
        }
        (None, None) => None,
    };
    Ok(Extracted {
        kind: Kind::Pdf,
        text,
        title,
        date,
        url: None,
        publisher: None,
        origins,
    })
}

/// What the document information dictionary gives: a title that is one (not the
/// name of the file it was made from), and a date with where it came from.
struct Info {
    title: Option<String>,
    date: Option<(Date, &'static str)>,
}

impl Info {
    fn of(doc: &Document) -> Info {
        let dict = match doc.trailer.get(b"Info") {
            Ok(Object::Reference(id)) => doc.get_dictionary(*id).ok(),
            Ok(Object::Dictionary(d)) => Some(d),
            _ => None,
        };
        let Some(dict) = dict else {
            return Info {
                title: None,
                date: None,
            };
        };
        let string = |key: &[u8]| match dict.get(key) {
            Ok(Object::String(bytes, _)) => Some(pdf_string(bytes)),
            _ => None,
        };
        let title = string(b"Title").filter(|t| is_a_title(t));
        let date = string(b"CreationDate")
            .and_then(|d| pdf_date(&d))
            .map(|d| (d, "the PDF's creation date"))
            .or_else(|| {
                string(b"ModDate")
                    .and_then(|d| pdf_date(&d))
                    .map(|d| (d, "the PDF's modification date"))
            });
        Info { title, date }
    }
}

/// False for the titles that word processors leave in a PDF: empty, "Untitled",
/// a file name ("statement.docx"), "Microsoft Word - statement.docx".
fn is_a_title(title: &str) -> bool {
    let t = title.trim();
    let lower = t.to_lowercase();
    let file_like = [
        ".doc", ".docx", ".odt", ".rtf", ".pdf", ".txt", ".indd", ".pages",
    ]
    .iter()
    .any(|ext| lower.ends_with(ext));
    !t.is_empty()
        && !file_like
        && !lower.starts_with("microsoft word - ")
        && !matches!(
            lower.as_str(),
            "untitled" | "untitled document" | "document"
        )
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn info_strings_dates_and_titles() {
        assert_eq!(pdf_string(b"\xFE\xFF\x00A\x00\xe9"), "Aé");
        assert_eq!(pdf_string(b"Caf\xe9"), "Café");
        assert_eq!(pdf_date("D:20250425120000Z"), Date::new(2025, 4, 25));
        assert_eq!(pdf_date("D:2025"), None);
        assert_eq!(pdf_date("nonsense"), None);
        for junk in [
            "",
            "  ",
            "Untitled",
            "Microsoft Word - Statement 3",
            "statement-final.DOCX",
        ] {
            assert!(!is_a_title(junk), "{junk}");
        }
        assert!(is_a_title("Joint statement on the ceasefire talks"));
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
