//! What kind of document a source's text was made from: `add-source` converts web
//! pages, PDFs, Markdown and text files, and names the text file it writes after the
//! kind (`ID.pdf.txt`), so that the reader can say where a source came from.

use std::path::Path;

/// What kind of file a source was made from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocumentKind {
    /// An HTML page (`.html`, `.htm`).
    Html,
    /// A PDF document.
    Pdf,
    /// Markdown (`.md`, `.markdown`).
    Markdown,
    /// Plain text (`.txt`).
    Text,
}

impl DocumentKind {
    /// The kind a file name's extension says, if it is one `add-source` reads.
    pub fn from_path(path: &Path) -> Option<DocumentKind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "html" | "htm" | "xhtml" => Some(DocumentKind::Html),
            "pdf" => Some(DocumentKind::Pdf),
            "md" | "markdown" => Some(DocumentKind::Markdown),
            "txt" | "text" => Some(DocumentKind::Text),
            _ => None,
        }
    }

    /// The tag put in the converted file's name (`ID.pdf.txt`), empty for text.
    pub fn tag(self) -> &'static str {
        match self {
            DocumentKind::Html => ".html",
            DocumentKind::Pdf => ".pdf",
            DocumentKind::Markdown => ".md",
            DocumentKind::Text => "",
        }
    }

    /// What the reader shows for a source file named `file`: the kind it was
    /// converted from (`ID.pdf.txt` → PDF), or its own extension.
    pub fn origin_of(file: &str) -> String {
        let name = Path::new(file);
        let inner = name
            .file_stem()
            .map(Path::new)
            .and_then(DocumentKind::from_path);
        match inner.or_else(|| DocumentKind::from_path(name)) {
            Some(k) => k.label().to_string(),
            None => name
                .extension()
                .and_then(|e| e.to_str())
                .map_or_else(|| "file".to_string(), str::to_lowercase),
        }
    }

    /// A short name for messages and the reader.
    pub fn label(self) -> &'static str {
        match self {
            DocumentKind::Html => "HTML",
            DocumentKind::Pdf => "PDF",
            DocumentKind::Markdown => "Markdown",
            DocumentKind::Text => "text",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_extension_and_origin() {
        assert_eq!(
            DocumentKind::from_path(Path::new("x.HTM")),
            Some(DocumentKind::Html)
        );
        assert_eq!(DocumentKind::from_path(Path::new("x.docx")), None);
        assert_eq!(DocumentKind::origin_of("a.pdf.txt"), "PDF");
        assert_eq!(DocumentKind::origin_of("000_1.txt"), "text");
        assert_eq!(DocumentKind::origin_of("notes.rst"), "rst");
    }
}
