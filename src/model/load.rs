//! Reading a positions file from disk into a [`Model`] and its diagnostics.

use super::Model;
use super::parse::{self, Ctx};
use super::resolve::resolve;
use crate::diagnostic::{Diagnostic, Severity};
use std::path::Path;

/// The largest positions file accepted, in bytes.
pub const MAX_POSITIONS_BYTES: u64 = 64 * 1024 * 1024;

/// The result of loading: the model when there was no error, and every diagnostic.
#[derive(Debug)]
pub struct Loaded {
    /// The model, present when no diagnostic is an error.
    pub model: Option<Model>,
    /// When there are errors but the file parsed: what did resolve (positions, citations
    /// or sources with errors left out). For the reader and `sentences`, never for exports.
    pub partial: Option<Model>,
    /// Errors and warnings, in the order found.
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    fn fail(file: &Path, message: String, hint: Option<&str>) -> Loaded {
        let mut d = Diagnostic::file_level(Severity::Error, file, message);
        d.hint = hint.map(str::to_string);
        Loaded {
            model: None,
            partial: None,
            diagnostics: vec![d],
        }
    }

    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

/// Loads the positions file at `path` with its sources.
pub fn load(path: &Path) -> Loaded {
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Loaded::fail(path, "no such file".into(), None);
        }
        Err(e) => return Loaded::fail(path, format!("cannot read: {e}"), None),
        Ok(m) if m.is_dir() => {
            return Loaded::fail(
                path,
                "is a directory, not a positions file".into(),
                Some("name the positions.toml inside it"),
            );
        }
        Ok(m) if m.len() > MAX_POSITIONS_BYTES => {
            return Loaded::fail(
                path,
                format!("is {} bytes, too large for a positions file", m.len()),
                None,
            );
        }
        Ok(_) => {}
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return Loaded::fail(path, format!("cannot read: {e}"), None),
    };
    let text = match crate::source::decode(bytes) {
        Ok(t) => t,
        Err(e) => {
            return Loaded::fail(
                path,
                format!("is not a text file: {e}").replace("is not UTF-8 text", "not UTF-8"),
                Some("positions.toml must be UTF-8 encoded TOML"),
            );
        }
    };
    let base = path.parent().unwrap_or(Path::new(""));
    load_str(&text, path, base)
}

/// Loads a positions document from memory; `path` names it in diagnostics and
/// `base_dir` is where `sources_dir` is resolved from.
pub fn load_str(text: &str, path: &Path, base_dir: &Path) -> Loaded {
    let mut ctx = Ctx::new(text, path);
    if text.trim().is_empty() {
        ctx.error(
            &(0..0),
            "the file is empty".into(),
            Some("a positions file needs at least: schema = 1 and title = \"...\"".into()),
        );
        return Loaded {
            model: None,
            partial: None,
            diagnostics: ctx.diags,
        };
    }
    if text.contains('\0') {
        let at = text.find('\0').unwrap_or(0);
        ctx.error(
            &(at..at),
            "the file holds NUL bytes: it is binary, not TOML".into(),
            None,
        );
        return Loaded {
            model: None,
            partial: None,
            diagnostics: ctx.diags,
        };
    }
    let doc = match toml::de::DeTable::parse(text) {
        Ok(doc) => doc,
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            let message = e.message().trim().to_string();
            ctx.error(
                &span,
                format!("TOML syntax: {message}"),
                syntax_hint(&message),
            );
            return Loaded {
                model: None,
                partial: None,
                diagnostics: ctx.diags,
            };
        }
    };
    let raw = parse::read(&mut ctx, doc.get_ref());
    let model = resolve(&mut ctx, raw, base_dir);
    let failed = ctx.diags.iter().any(|d| d.is_error());
    let (model, partial) = if failed {
        (None, Some(model))
    } else {
        (Some(model), None)
    };
    Loaded {
        model,
        partial,
        diagnostics: ctx.diags,
    }
}

fn syntax_hint(message: &str) -> Option<String> {
    if message.contains("recurse") {
        Some("arrays or tables are nested too deeply".into())
    } else if message.contains("duplicate key") {
        Some("each key may appear once per table".into())
    } else if message.contains("string") {
        Some("strings are written in double quotes (\"...\") or single quotes ('...')".into())
    } else {
        None
    }
}
