//! `stances add-source`: web pages, PDFs, Markdown and text files become citable
//! sources — clean UTF-8 text in the model's `sources_dir`, and the `[sources.ID]`
//! block that registers them.
//!
//! Extraction reads only the file given: no external resource (image, stylesheet,
//! script, font) is ever fetched.

mod charset;
mod dateline;
mod html;
mod html_parse;
mod inflate;
mod isolate;
mod md;
pub mod origin;
pub mod pdf;
mod pdf_cmap;
mod pdf_content;
mod pdf_guard;
mod pdf_layout;
mod register;

use crate::date::Date;
use crate::sanitize::{escape, path as shown};
use crate::source::{self, MAX_SOURCE_BYTES, SourceError, SourceText};
use register::ModelInfo;
use std::path::{Path, PathBuf};

/// What kind of file a source was made from.
pub use crate::source::kind::DocumentKind as Kind;

/// The text and metadata taken from one document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Extracted {
    /// What the file was.
    pub kind: Kind,
    /// The main text: paragraphs separated by one blank line, no markup.
    pub text: String,
    /// The document's title, if it names one.
    pub title: Option<String>,
    /// Its publication date, if it gives one.
    pub date: Option<Date>,
    /// Its canonical address, if it gives one.
    pub url: Option<String>,
    /// Who published it, if it says.
    pub publisher: Option<String>,
    /// Where the title, date, URL and publisher came from.
    pub origins: origin::Origins,
}

/// Why a document could not be added. Every message names the file, escaped.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The input cannot be read (missing, a directory, too large, not UTF-8 ...).
    #[error("{path} {problem}")]
    Unreadable {
        /// The file, escaped for one line of output.
        path: String,
        /// What is wrong with it.
        problem: SourceError,
    },
    /// An extension `add-source` does not convert.
    #[error("{path}: cannot add {what} (use .html, .htm, .pdf, .md or .txt)")]
    UnknownType {
        /// The file, escaped.
        path: String,
        /// What it is: "a `.docx` file" or "a file without an extension", escaped.
        what: String,
    },
    /// The converted text would be larger than a source may be.
    #[error(
        "{path}: its text would be {bytes} bytes, over the 16 MiB (16,777,216 bytes) a source may be"
    )]
    TooLarge {
        /// The file, escaped.
        path: String,
        /// The size of the source file that would be written.
        bytes: u64,
    },
    /// The document holds no text to cite.
    #[error("{path}: no text found: {why}")]
    NoText {
        /// The file, escaped.
        path: String,
        /// Why there is none, and what to do.
        why: String,
    },
    /// An encrypted PDF that cannot be opened without a password.
    #[error(
        "{path}: the PDF is encrypted and cannot be read without its password; save an unencrypted copy first (e.g. qpdf --decrypt in.pdf out.pdf)"
    )]
    Encrypted {
        /// The file, escaped.
        path: String,
    },
    /// A web page the page reader failed on, or did not finish in time.
    #[error("{path}: the page cannot be read: {detail}")]
    BadHtml {
        /// The file, escaped.
        path: String,
        /// What went wrong.
        detail: String,
    },
    /// A file that does not parse as a PDF, or whose pages cannot be read.
    #[error("{path}: not a PDF that can be read: {detail}")]
    BadPdf {
        /// The file, escaped.
        path: String,
        /// What the PDF reader said, escaped.
        detail: String,
    },
    /// The positions file cannot be used to register the source.
    #[error("{path}: {detail}")]
    Model {
        /// The positions file, escaped.
        path: String,
        /// What is wrong.
        detail: String,
    },
    /// The positions file is marked read-only (or this user may not write it).
    #[error(
        "{path} is read-only; nothing written\n  hint: make it writable to add the source (e.g. chmod u+w {path})"
    )]
    ReadOnly {
        /// The positions file, escaped.
        path: String,
    },
    /// The positions file would grow past the size the loader reads.
    #[error(
        "{path}: with the new block it would be {} bytes, over the 16 MiB (16,777,216 bytes) a positions file may be, and no command would open it; nothing written\n  hint: start the new sources in a model of their own (stances init in another folder)",
        .bytes
    )]
    ModelFull {
        /// The positions file, escaped.
        path: String,
        /// Its size with the block.
        bytes: u64,
    },
    /// The positions file writes its sources as an array of tables.
    #[error(
        "{path}:{line}:{column}: `sources` is an array of tables ([[sources]]), which check rejects; nothing written\n  hint: write each source as a table of its own, [sources.ID], then add this one"
    )]
    SourcesArray {
        /// The positions file, escaped.
        path: String,
        /// The 1-based line of the first `[[sources]]`.
        line: usize,
        /// Its 1-based column.
        column: usize,
    },
    /// An id that is not `[a-z0-9][a-z0-9_-]*`.
    #[error("`{id}` is not a valid source id: use lowercase letters, digits, `-` and `_`")]
    BadId {
        /// The id, escaped.
        id: String,
    },
    /// The id is already a source of the model.
    #[error("source `{id}` already exists in {model}; nothing written (choose another with --id)")]
    IdTaken {
        /// The id, escaped.
        id: String,
        /// The positions file, escaped.
        model: String,
    },
    /// The file to write exists already.
    #[error("{path} already exists; nothing written (choose another id with --id)")]
    FileExists {
        /// The file, escaped.
        path: String,
    },
    /// Writing failed.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file, escaped.
        path: String,
        /// The error.
        source: std::io::Error,
    },
}

/// Reads `path` and extracts its text and metadata by its extension.
pub fn extract(path: &Path) -> Result<Extracted, IngestError> {
    let name = shown(path);
    let kind = Kind::from_path(path);
    // Read first: a directory or a huge file is reported as such, whatever its name.
    let bytes = source::read_regular(path, MAX_SOURCE_BYTES).map_err(|problem| {
        IngestError::Unreadable {
            path: name.clone(),
            problem,
        }
    })?;
    let Some(kind) = kind else {
        let what = path
            .extension()
            .map_or("a file without an extension".into(), |e| {
                format!("a `.{}` file", escape(&e.to_string_lossy()))
            });
        return Err(IngestError::UnknownType { path: name, what });
    };
    let mut out = match kind {
        Kind::Pdf => pdf::extract(bytes, &name)?,
        Kind::Html => html::extract(&bytes, &name)?,
        Kind::Markdown => md::extract(&text_of(bytes, &name)?),
        Kind::Text => plain(&text_of(bytes, &name)?),
    };
    out.text = crate::sanitize::clean(&out.text).trim().to_string();
    let tidy = |s: Option<String>| {
        s.map(|t| crate::sanitize::one_line(&t))
            .filter(|t| !t.is_empty())
    };
    out.title = tidy(out.title);
    out.url = tidy(out.url);
    out.publisher = tidy(out.publisher);
    if out.text.is_empty() {
        let why = match kind {
            Kind::Html => "the page has no readable text outside scripts, menus and banners",
            Kind::Pdf => {
                "the PDF has no text layer (a scanned image?); run OCR first, e.g. ocrmypdf"
            }
            _ => "the file is empty",
        };
        return Err(IngestError::NoText {
            path: name,
            why: why.into(),
        });
    }
    Ok(out)
}

fn text_of(bytes: Vec<u8>, name: &str) -> Result<String, IngestError> {
    source::decode(bytes).map_err(|problem| IngestError::Unreadable {
        path: name.to_string(),
        problem,
    })
}

/// A text file: its own `date` line is kept as the date; line endings normalized.
fn plain(text: &str) -> Extracted {
    let (date, body) = source::date_line(text);
    let body = text[body.min(text.len())..].replace("\r\n", "\n");
    let source = SourceText::from_text(body.clone());
    let title = Some(crate::model::emit::title_for(&source, "")).filter(|t| !t.is_empty());
    let origins = origin::Origins {
        title: Some(origin::Origin::Text(String::new())),
        date: Some(origin::Origin::Metadata("the text's `date` line")),
        ..origin::Origins::default()
    };
    Extracted {
        kind: Kind::Text,
        text: body,
        title,
        date,
        url: None,
        publisher: None,
        origins,
    }
}

/// What `add-source` is asked to do.
#[derive(Clone, Debug, Default)]
pub struct Request {
    /// The document to add.
    pub input: PathBuf,
    /// The positions file whose `sources_dir` receives the text.
    pub model: PathBuf,
    /// The source id (default: a slug of the date and title).
    pub id: Option<String>,
    /// The title (default: the document's).
    pub title: Option<String>,
    /// The publication date (default: the document's).
    pub published: Option<Date>,
    /// The URL (default: the document's canonical address).
    pub url: Option<String>,
    /// Add the block to the end of the positions file.
    pub append: bool,
}

/// What `add-source` did, or in a dry run (without `append`) would do.
#[derive(Clone, Debug)]
pub struct Added {
    /// The new source's id.
    pub id: String,
    /// The source's text file in the sources directory.
    pub text_file: PathBuf,
    /// What the text file holds: a `date` line when the date is known, then the text.
    pub text: String,
    /// The `[sources.ID]` block.
    pub block: String,
    /// What was extracted.
    pub extracted: Extracted,
    /// Whether the text was written and the block appended (`append`), or nothing was
    /// written (a dry run).
    pub appended: bool,
}

/// Converts `req.input` and makes its text and `[sources.ID]` block. With `append`, it
/// writes the text into the model's sources directory (never replacing a file) and
/// adds the block to the end of the positions file, atomically and under a lock on
/// it; without, it writes nothing (a dry run). Either way every check is made, so a
/// dry run that succeeds is an append that would; on any error nothing is written.
pub fn add_source(req: &Request) -> Result<Added, IngestError> {
    let mut extracted = extract(&req.input)?;
    let model = ModelInfo::read(&req.model)?;
    register::refuse_read_only(&req.model)?;
    // Each value from the command line, else the document, else the file; with where
    // it came from when not from the command line.
    let stem = req
        .input
        .file_stem()
        .map(|s| crate::sanitize::one_line(&s.to_string_lossy()))
        .filter(|t| !t.is_empty());
    let (title, title_from) = match (&req.title, &extracted.title, stem) {
        (Some(t), _, _) => (crate::sanitize::one_line(t), None),
        (None, Some(t), _) => (t.clone(), extracted.origins.title.clone()),
        (None, None, Some(stem)) => (stem, Some(origin::Origin::FileName)),
        (None, None, None) => ("Untitled".into(), None),
    };
    let date = req.published.or(extracted.date);
    let date_from = match req.published {
        Some(_) => None,
        None => extracted.date.and(extracted.origins.date.clone()),
    };
    let url = req
        .url
        .clone()
        .map(|u| crate::sanitize::one_line(&u))
        .or_else(|| extracted.url.clone());
    let url_from = match req.url {
        Some(_) => None,
        None => extracted.url.as_ref().and(extracted.origins.url.clone()),
    };
    let publisher_from = (extracted.publisher.as_ref()).and(extracted.origins.publisher.clone());
    let id = match &req.id {
        Some(id) if !crate::model::valid_source_id(id) => {
            return Err(IngestError::BadId { id: escape(id) });
        }
        Some(id) => id.clone(),
        None => slug(date, &title),
    };
    let file = format!("{id}{}.txt", extracted.kind.tag());
    let mut text = String::new();
    if let Some(d) = date {
        text.push_str(&format!("date {d}\n\n"));
    }
    text.push_str(&extracted.text);
    text.push('\n');
    if text.len() as u64 > MAX_SOURCE_BYTES {
        return Err(IngestError::TooLarge {
            path: shown(&req.input),
            bytes: text.len() as u64,
        });
    }
    let block = origin::annotate(
        &crate::model::emit::source_block(&crate::model::emit::SourceEntry {
            id: &id,
            file: &file,
            title: &title,
            publisher: extracted.publisher.as_deref(),
            published: date,
            url: url.as_deref(),
        }),
        &[
            ("title", title_from.as_ref()),
            ("publisher", publisher_from.as_ref()),
            ("published", date_from.as_ref()),
            ("url", url_from.as_ref()),
        ],
    );
    // With --append the id, the file and the room left are checked under the lock, on
    // the file as it is then: another run may have added to it since it was read.
    let text_file = if req.append {
        let new = register::NewSource {
            id: &id,
            file: &file,
            text: &text,
            block: &block,
        };
        register::append(&req.model, &model, &new)?
    } else {
        let text_file = model.admit(&req.model, &id, &file)?;
        model.with_block(&req.model, &block)?;
        text_file
    };
    extracted.title = Some(title);
    Ok(Added {
        id,
        text_file,
        text,
        block,
        extracted,
        appended: req.append,
    })
}

/// The first `lines` lines of `text`, each made one line safe for a terminal and cut
/// to at most `width` characters (marked `…`), without blank lines at the end, and
/// how many lines follow them.
pub fn first_lines(text: &str, lines: usize, width: usize) -> (Vec<String>, usize) {
    let mut shown: Vec<String> = text
        .lines()
        .take(lines)
        .map(|line| {
            let line = crate::sanitize::one_line(line);
            if line.chars().count() <= width {
                return line;
            }
            let cut: String = line.chars().take(width.saturating_sub(1)).collect();
            format!("{}…", cut.trim_end())
        })
        .collect();
    while shown.last().is_some_and(String::is_empty) {
        shown.pop();
    }
    let rest = text.lines().count() - shown.len();
    (shown, rest)
}

/// An id from the date and the first words of the title: `2025-04-25-joint-statement`.
pub fn slug(date: Option<Date>, title: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut len = 0;
    for w in title.split(|c: char| !c.is_alphanumeric()) {
        let w: String = w
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if w.is_empty() {
            continue;
        }
        if len + w.len() > 40 || words.len() == 6 {
            break;
        }
        len += w.len() + 1;
        words.push(w);
    }
    let mut parts: Vec<String> = date.map(|d| d.to_string()).into_iter().collect();
    parts.extend(words);
    let id = parts.join("-");
    if id.is_empty() { "source".into() } else { id }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        let d = Date::new(2025, 4, 25);
        assert_eq!(
            slug(d, "Joint Statement: the Ceasefire — Talks!"),
            "2025-04-25-joint-statement-the-ceasefire-talks"
        );
        assert_eq!(slug(None, "Україна"), "source");
        assert_eq!(slug(None, "a b c d e f g h"), "a-b-c-d-e-f");
    }

    #[test]
    fn the_first_lines_are_cut_and_safe() {
        let text = "date 2025-01-02\n\nA \u{1b}[31mred\tline.\nabcdefghij\nlast";
        assert_eq!(
            first_lines(text, 4, 8),
            (
                vec![
                    "date 20…".to_string(),
                    String::new(),
                    "A \u{fffd}[31m…".to_string(),
                    "abcdefg…".to_string()
                ],
                1
            )
        );
        assert_eq!(
            first_lines("one\ntwo", 5, 80),
            (vec!["one".into(), "two".into()], 0)
        );
        assert_eq!(first_lines("one\n\ntwo", 2, 80), (vec!["one".into()], 2));
    }
}
