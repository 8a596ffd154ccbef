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

use crate::date::Date;
use crate::sanitize::{escape, path as shown};
use crate::source::{self, MAX_SOURCE_BYTES, SourceError, SourceText};
use std::io::Write;
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
        "{path}: its text would be {:.1} MiB, over the 16 MiB limit for a source",
        *.bytes as f64 / 1048576.0
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

/// What `add-source` did.
#[derive(Clone, Debug)]
pub struct Added {
    /// The new source's id.
    pub id: String,
    /// The text file written.
    pub written: PathBuf,
    /// The `[sources.ID]` block.
    pub block: String,
    /// What was extracted.
    pub extracted: Extracted,
}

/// Converts `req.input`, writes its text into the model's sources directory (never
/// replacing a file) and, with `append`, adds the block to the positions file
/// atomically. On any error nothing is left written.
pub fn add_source(req: &Request) -> Result<Added, IngestError> {
    let mut extracted = extract(&req.input)?;
    let model = ModelInfo::read(&req.model)?;
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
    if model.ids.contains(&id) {
        return Err(IngestError::IdTaken {
            id: escape(&id),
            model: shown(&req.model),
        });
    }
    let file = format!("{id}{}.txt", extracted.kind.tag());
    let written = model.sources_dir.join(&file);
    if model.files.contains(&file) || std::fs::symlink_metadata(&written).is_ok() {
        return Err(IngestError::FileExists {
            path: shown(&written),
        });
    }
    let mut content = String::new();
    if let Some(d) = date {
        content.push_str(&format!("date {d}\n\n"));
    }
    content.push_str(&extracted.text);
    content.push('\n');
    if content.len() as u64 > MAX_SOURCE_BYTES {
        return Err(IngestError::TooLarge {
            path: shown(&req.input),
            bytes: content.len() as u64,
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
    let write_err = |path: &Path| {
        let path = shown(path);
        move |source| IngestError::Write { path, source }
    };
    std::fs::create_dir_all(&model.sources_dir).map_err(write_err(&model.sources_dir))?;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&written)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => IngestError::FileExists {
                path: shown(&written),
            },
            _ => write_err(&written)(e),
        })?;
    let wrote = f
        .write_all(content.as_bytes())
        .and_then(|()| f.sync_all())
        .map_err(write_err(&written));
    drop(f);
    let appended = match wrote {
        Ok(()) if req.append => append_block(&req.model, &model.text, &block),
        other => other,
    };
    if let Err(e) = appended {
        let _ = std::fs::remove_file(&written);
        return Err(e);
    }
    extracted.title = Some(title);
    Ok(Added {
        id,
        written,
        block,
        extracted,
    })
}

/// What `add-source` needs of the positions file.
struct ModelInfo {
    text: String,
    sources_dir: PathBuf,
    ids: Vec<String>,
    files: Vec<String>,
}

impl ModelInfo {
    fn read(path: &Path) -> Result<ModelInfo, IngestError> {
        let name = shown(path);
        let fail = |detail: String| IngestError::Model {
            path: name.clone(),
            detail,
        };
        let bytes = source::read_regular(path, crate::model::MAX_POSITIONS_BYTES)
            .map_err(|e| fail(e.to_string()))?;
        let text = source::decode(bytes).map_err(|e| fail(e.to_string()))?;
        let table: toml::Table = toml::from_str(&text).map_err(|e| {
            fail(format!(
                "is not valid TOML ({}); run `stances check` on it first",
                crate::sanitize::one_line(e.message())
            ))
        })?;
        let dir_name = match table.get("sources_dir") {
            None => "seeds",
            Some(toml::Value::String(s)) => s.as_str(),
            Some(_) => return Err(fail("sources_dir is not a string".into())),
        };
        let base = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        // A link to nothing on the way would have create_dir_all fail obscurely.
        let mut part = base.clone();
        for c in Path::new(dir_name).components() {
            part.push(c);
            let is_link = std::fs::symlink_metadata(&part).is_ok_and(|m| m.is_symlink());
            if is_link && std::fs::metadata(&part).is_err() {
                return Err(fail(format!(
                    "sources_dir `{}`: {} is a symbolic link to something that does not exist; fix or remove the link",
                    escape(dir_name),
                    shown(&part)
                )));
            }
        }
        let sources_dir = source::confine(&base, dir_name).map_err(|_| {
            fail(format!(
                "sources_dir `{}` is outside the folder of the positions file",
                escape(dir_name)
            ))
        })?;
        let (mut ids, mut files) = (Vec::new(), Vec::new());
        if let Some(toml::Value::Table(sources)) = table.get("sources") {
            for (id, s) in sources {
                ids.push(id.clone());
                if let Some(f) = s.get("file").and_then(|f| f.as_str()) {
                    files.push(f.to_string());
                }
            }
        }
        Ok(ModelInfo {
            text,
            sources_dir,
            ids,
            files,
        })
    }
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

/// Adds `block` to the end of the positions file at `path` (whose text is `old`):
/// a temporary file beside it, every earlier byte kept, renamed over it. The result
/// is parsed first, so a block that would break the file is never written.
fn append_block(path: &Path, old: &str, block: &str) -> Result<(), IngestError> {
    let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let err = |source| IngestError::Write {
        path: shown(&target),
        source,
    };
    let bytes = std::fs::read(&target).map_err(err)?;
    let text = std::str::from_utf8(&bytes).ok();
    if text.map(|t| t.trim_start_matches('\u{feff}')) != Some(old) {
        return Err(IngestError::Model {
            path: shown(path),
            detail: "changed while the source was being added; nothing written".into(),
        });
    }
    let mut new = bytes.clone();
    if !new.is_empty() && !new.ends_with(b"\n") {
        new.push(b'\n');
    }
    new.push(b'\n');
    new.extend_from_slice(block.as_bytes());
    let parsed = std::str::from_utf8(&new)
        .ok()
        .map(|t| toml::from_str::<toml::Table>(t.trim_start_matches('\u{feff}')));
    if !matches!(parsed, Some(Ok(_))) {
        return Err(IngestError::Model {
            path: shown(path),
            detail: "the [sources] block cannot be appended to it without breaking it (is `sources` an inline table?); nothing written".into(),
        });
    }
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(err)?;
    tmp.write_all(&new)
        .and_then(|()| tmp.flush())
        .map_err(err)?;
    if let Ok(meta) = std::fs::metadata(&target) {
        let _ = std::fs::set_permissions(tmp.path(), meta.permissions());
    }
    tmp.as_file().sync_all().map_err(err)?;
    tmp.persist(&target).map_err(|e| err(e.error))?;
    Ok(())
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
}
