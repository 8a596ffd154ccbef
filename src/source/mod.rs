//! Source documents: decoding, the optional `date` line, sentences and quote matching.

pub mod anchor;
pub mod kind;
pub mod meaning;
pub mod normalize;
pub mod quote;
pub mod sentences;
pub mod verify;

use crate::date::Date;
use normalize::Normalized;
use std::ops::Range;
use std::path::{Component, Path, PathBuf};

/// The largest source file accepted, in bytes.
pub const MAX_SOURCE_BYTES: u64 = 16 * 1024 * 1024;

/// Why a source file could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SourceError {
    /// An absolute path, or one that climbs out of `sources_dir`.
    OutsideSourcesDir,
    /// No file at that path.
    Missing,
    /// The path names a directory.
    IsDirectory,
    /// The path names something other than a regular file or a directory (a FIFO, a
    /// device, a socket); the text says which, e.g. "a FIFO (named pipe)".
    NotRegular(&'static str),
    /// Larger than the limit it was read with ([`MAX_SOURCE_BYTES`] for a source).
    TooLarge {
        /// Its size in bytes (or as many as were read past the limit).
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// Not UTF-8; the 1-based line and column of the first bad byte.
    NotUtf8 {
        /// Line of the first invalid byte.
        line: usize,
        /// Column (in characters) of the first invalid byte.
        column: usize,
    },
    /// Any other read failure.
    Io(String),
}

impl std::fmt::Display for SourceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SourceError::OutsideSourcesDir => write!(f, "is outside the sources directory"),
            SourceError::Missing => write!(f, "does not exist"),
            SourceError::IsDirectory => write!(f, "is a directory, not a text file"),
            SourceError::NotRegular(kind) => write!(f, "is {kind}, not a regular file"),
            // In bytes: 16 MiB and a byte is "16.0 MiB" rounded, the limit itself.
            SourceError::TooLarge { size, limit } if limit % (1 << 20) == 0 => write!(
                f,
                "is {size} bytes, over the {} MiB limit ({limit} bytes)",
                limit >> 20
            ),
            SourceError::TooLarge { size, limit } => {
                write!(f, "is {size} bytes, over the limit of {limit} bytes")
            }
            SourceError::NotUtf8 { line, column } => {
                write!(
                    f,
                    "is not UTF-8 text (invalid byte at line {line}, column {column})"
                )
            }
            SourceError::Io(e) => write!(f, "cannot be read: {e}"),
        }
    }
}

/// The decoded text of one source, with its sentences and a normalized copy for matching.
///
/// Loading a source only reads and decodes it and its `date` line; the sentences and the
/// normalized copy are worked out the first time they are asked for (by the quote
/// verifier, on its threads, or by a view), so that the reader can open before.
#[derive(Clone, Debug)]
pub struct SourceText {
    /// The text as decoded: BOM removed, line endings kept.
    pub text: String,
    /// Byte offset where the content starts (after a `date YYYY-MM-DD` metadata line).
    pub body_start: usize,
    /// The date from the `date` metadata, if the source starts with one.
    pub date: Option<Date>,
    /// Worked out from `text` when first needed.
    prepared: std::sync::OnceLock<Prepared>,
}

/// What is worked out from a source's text for matching and showing quotes.
#[derive(Clone, Debug)]
struct Prepared {
    /// Sentences of the content, as byte ranges of the text, in order.
    sentences: Vec<Range<usize>>,
    normalized: Normalized,
    /// Byte offsets of multi-byte characters, for code point conversion.
    wide_chars: Vec<(usize, usize)>,
}

impl SourceText {
    /// Builds a source from decoded text.
    pub fn from_text(text: String) -> Self {
        let (date, body_start) = date_line(&text);
        SourceText {
            text,
            body_start,
            date,
            prepared: std::sync::OnceLock::new(),
        }
    }

    /// The sentences, the normalized copy and the wide characters, worked out once.
    fn prepared(&self) -> &Prepared {
        self.prepared.get_or_init(|| {
            let text = &self.text;
            let mut wide_chars = Vec::new();
            let mut extra = 0;
            // Only bytes from 0x80 up start or continue a multi-byte character.
            let mut i = 0;
            while let Some(skip) = text.as_bytes()[i..].iter().position(|&b| b >= 0x80) {
                i += skip;
                let width = text[i..].chars().next().map_or(1, char::len_utf8);
                extra += width - 1;
                wide_chars.push((i, extra));
                i += width;
            }
            Prepared {
                sentences: sentences::split(text, self.body_start),
                normalized: Normalized::new(text, self.body_start),
                wide_chars,
            }
        })
    }

    /// Works out the sentences and the normalized copy now, if not done yet.
    pub fn prepare(&self) {
        self.prepared();
    }

    /// Sentences of the content, as byte ranges of `text`, in order.
    pub fn sentences(&self) -> &[Range<usize>] {
        &self.prepared().sentences
    }

    /// The normalized copy of the content, for matching.
    pub(crate) fn normalized(&self) -> &Normalized {
        &self.prepared().normalized
    }

    /// Reads and decodes a source file, enforcing the size limit.
    pub fn load(path: &Path) -> Result<Self, SourceError> {
        let bytes = read_regular(path, MAX_SOURCE_BYTES)?;
        Ok(SourceText::from_text(decode(bytes)?))
    }

    /// The code point offset of byte offset `byte` (which must be a character boundary).
    pub fn char_offset(&self, byte: usize) -> usize {
        let wide = &self.prepared().wide_chars;
        let i = wide.partition_point(|&(at, _)| at < byte);
        byte - if i == 0 { 0 } else { wide[i - 1].1 }
    }

    /// The index range of the sentences that hold the byte range `span`.
    pub fn sentences_covering(&self, span: &Range<usize>) -> Range<usize> {
        sentences::covering(self.sentences(), span)
    }

    /// The byte range from the first to the last sentence that holds `span`.
    pub fn sentence_span(&self, span: &Range<usize>) -> Range<usize> {
        let run = self.sentences_covering(span);
        match (
            self.sentences().get(run.start),
            self.sentences().get(run.end.wrapping_sub(1)),
        ) {
            (Some(a), Some(b)) => a.start.min(span.start)..b.end.max(span.end),
            _ => span.clone(),
        }
    }
}

/// Reads the regular file at `path` (links followed), at most `limit` bytes. Anything
/// else fails at once without being opened: a directory, a FIFO (which would block),
/// a device (`/dev/zero` never ends). The read itself stops after `limit + 1` bytes,
/// so a file that grows meanwhile cannot exceed the limit either.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, SourceError> {
    let io = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => SourceError::Missing,
        _ => SourceError::Io(e.to_string()),
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    let kind = meta.file_type();
    if kind.is_dir() {
        return Err(SourceError::IsDirectory);
    }
    if !kind.is_file() {
        return Err(SourceError::NotRegular(kind_name(kind)));
    }
    if meta.len() > limit {
        return Err(SourceError::TooLarge {
            size: meta.len(),
            limit,
        });
    }
    let file = std::fs::File::open(path).map_err(io)?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    std::io::Read::read_to_end(&mut std::io::Read::take(file, limit + 1), &mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(SourceError::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// What a file that is neither regular nor a directory is, for messages.
fn kind_name(kind: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if kind.is_char_device() {
            return "a character device";
        }
        if kind.is_block_device() {
            return "a block device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    let _ = kind;
    "a special file"
}

/// Decodes UTF-8 (a BOM allowed and removed).
pub fn decode(mut bytes: Vec<u8>) -> Result<String, SourceError> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| {
        let good = e.utf8_error().valid_up_to();
        let prefix = std::str::from_utf8(&e.as_bytes()[..good]).unwrap_or("");
        let line = prefix.matches('\n').count() + 1;
        let column = prefix.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        SourceError::NotUtf8 { line, column }
    })
}

/// Reads an optional leading `date YYYY-MM-DD` (white space before it allowed);
/// returns the date and where the content starts.
pub fn date_line(text: &str) -> (Option<Date>, usize) {
    let lead = text.len() - text.trim_start().len();
    let rest = &text[lead..];
    let Some(after) = rest.strip_prefix("date") else {
        return (None, 0);
    };
    let spaced = after.trim_start_matches([' ', '\t']);
    if spaced.len() == after.len() || spaced.len() < 10 || !spaced.is_char_boundary(10) {
        return (None, 0);
    }
    let (date, tail) = spaced.split_at(10);
    match (Date::parse(date), tail.chars().next()) {
        (Some(d), None) => (Some(d), text.len()),
        (Some(d), Some(c)) if c.is_whitespace() => {
            let body = tail.trim_start();
            (Some(d), text.len() - body.len())
        }
        _ => (None, 0),
    }
}

/// Resolves `file` inside `dir`: no absolute paths, no `..` climbing out, and no
/// symbolic link, in the part that exists, leading out or to nothing.
pub fn confine(dir: &Path, file: &str) -> Result<PathBuf, SourceError> {
    let mut depth = 0usize;
    let mut out = dir.to_path_buf();
    if file.is_empty() {
        return Err(SourceError::Missing);
    }
    for part in Path::new(file).components() {
        match part {
            Component::Normal(p) => {
                depth += 1;
                out.push(p);
            }
            Component::CurDir => {}
            Component::ParentDir if depth > 0 => {
                depth -= 1;
                out.pop();
            }
            _ => return Err(SourceError::OutsideSourcesDir),
        }
    }
    // Symbolic links must not lead out either. The deepest part of the path that
    // exists is resolved (a part yet to be made cannot be a link, but a folder made
    // under a link would be made where it points); a link to nothing could point
    // anywhere once its target appears, so it is refused too.
    if let Ok(real_dir) = dir.canonicalize() {
        let mut probe = out.as_path();
        loop {
            if std::fs::symlink_metadata(probe).is_ok() {
                match probe.canonicalize() {
                    Ok(real) if real.starts_with(&real_dir) => break,
                    _ => return Err(SourceError::OutsideSourcesDir),
                }
            }
            match probe.parent() {
                Some(p) => probe = p,
                None => break,
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_line_is_metadata() {
        let t = " date 2025-04-25 Some reports suggested";
        let (d, start) = date_line(t);
        assert_eq!(d, Date::new(2025, 4, 25));
        assert_eq!(&t[start..], "Some reports suggested");
        let t = "date 2025-04-25\n\nFirst.";
        assert_eq!(&t[date_line(t).1..], "First.");
        assert_eq!(date_line("dated 2025-04-25 x"), (None, 0));
        assert_eq!(date_line("date 2025-02-30 x"), (None, 0));
        assert_eq!(date_line("date 2025-04-251"), (None, 0));
        let s = SourceText::from_text(" date 2025-04-25 Some reports. More.".into());
        assert_eq!(&s.text[s.sentences()[0].clone()], "Some reports.");
    }

    #[test]
    fn decodes_bom_and_reports_bad_bytes() {
        assert_eq!(decode(b"\xEF\xBB\xBFhi\r\n".to_vec()).unwrap(), "hi\r\n");
        assert_eq!(
            decode(b"ok\nab\xFFc".to_vec()),
            Err(SourceError::NotUtf8 { line: 2, column: 3 })
        );
    }

    #[test]
    fn confinement() {
        let d = Path::new("seeds");
        assert_eq!(confine(d, "a/../b.txt").unwrap(), Path::new("seeds/b.txt"));
        assert_eq!(confine(d, "../x.txt"), Err(SourceError::OutsideSourcesDir));
        assert_eq!(
            confine(d, "/etc/passwd"),
            Err(SourceError::OutsideSourcesDir)
        );
        assert_eq!(confine(d, "a/../../x"), Err(SourceError::OutsideSourcesDir));
    }

    #[test]
    fn code_point_offsets() {
        let s = SourceText::from_text("a’b“c".into());
        assert_eq!(s.char_offset(0), 0);
        assert_eq!(s.char_offset(1), 1);
        assert_eq!(s.char_offset(4), 2);
        assert_eq!(s.char_offset(5), 3);
        assert_eq!(s.char_offset(8), 4);
        assert_eq!(s.char_offset(9), 5);
    }
}
