//! Reading a positions file from disk into a [`Model`] and its diagnostics.

use super::parse::{self, Ctx};
use super::resolve::resolve;
use super::{Model, Unverified};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceError;
use std::path::Path;
use std::sync::Arc;

/// The largest positions file accepted, in bytes.
pub const MAX_POSITIONS_BYTES: u64 = 16 * 1024 * 1024;

/// The result of loading: the model when there was no error, and every diagnostic.
#[derive(Debug)]
pub struct Loaded {
    /// The model, present when no diagnostic is an error.
    pub model: Option<Model>,
    /// When there are errors but the file parsed: what did resolve (positions, citations
    /// or sources with errors left out). For the reader and `sentences`, never for exports.
    pub partial: Option<Model>,
    /// Errors and warnings, sorted by their place in the file (the order the checks
    /// found them breaks ties).
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    /// Nothing could be used: only `diagnostics`.
    fn nothing(diagnostics: Vec<Diagnostic>) -> Loaded {
        Loaded {
            model: None,
            partial: None,
            diagnostics,
        }
    }

    fn fail(file: &Path, message: String, hint: Option<&str>) -> Loaded {
        let mut d = Diagnostic::file_level(Severity::Error, file, message);
        d.hint = hint.map(str::to_string);
        Loaded::nothing(vec![d])
    }

    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

/// A model from positions.toml text, its sources under `.`, for unit tests: what of
/// it resolves (the tests' models have no errors, only warnings at most).
#[cfg(test)]
pub(crate) fn test_model(text: &str) -> Model {
    let loaded = load_str(text, Path::new("positions.toml"), Path::new("."));
    let diagnostics = loaded.diagnostics;
    loaded
        .model
        .or(loaded.partial)
        .unwrap_or_else(|| panic!("the test model loads: {diagnostics:#?}"))
}

/// Loads the positions file at `path` with its sources, every quote verified.
pub fn load(path: &Path) -> Loaded {
    let (loaded, unverified) = load_unverified(path);
    verify_all(loaded, unverified)
}

/// Loads the positions file at `path` with its sources, leaving the quotes to verify:
/// every citation is [`Check::Pending`](super::Check::Pending), and the diagnostics
/// are those of everything but the quotes. Run the [`Unverified`] (when the file
/// resolved) to verify them; [`load`] does it at once.
pub fn load_unverified(path: &Path) -> (Loaded, Option<Unverified>) {
    let bytes = match crate::source::read_regular(path, MAX_POSITIONS_BYTES) {
        Ok(b) => b,
        Err(e) => {
            let (message, hint) = unreadable(&e);
            return (Loaded::fail(path, message, hint), None);
        }
    };
    let text = match crate::source::decode(bytes) {
        Ok(t) => t,
        Err(e) => {
            let mut failed = Loaded::fail(
                path,
                "this byte is not UTF-8: the file is not UTF-8 text".into(),
                Some(
                    "positions.toml must be UTF-8 encoded TOML; convert it, e.g. iconv -f latin1 -t utf-8",
                ),
            );
            if let SourceError::NotUtf8 { line, column } = e {
                failed.diagnostics[0].line = Some(line);
                failed.diagnostics[0].column = Some(column);
            }
            return (failed, None);
        }
    };
    let base = path.parent().unwrap_or(Path::new(""));
    // Shared with the quote verifier, which locates its diagnostics in it: one copy.
    load_str_unverified(&Arc::from(text), path, base)
}

/// Verifies every quote of `loaded` in one batch: the same model and diagnostics as
/// [`load`] gives.
fn verify_all(loaded: Loaded, unverified: Option<Unverified>) -> Loaded {
    let Some(unverified) = unverified else {
        return loaded;
    };
    let Loaded {
        model,
        partial,
        mut diagnostics,
    } = loaded;
    let Some(mut model) = model.or(partial) else {
        return Loaded::nothing(diagnostics);
    };
    unverified.run(unverified.len(), |v| {
        model.verified(&v);
        diagnostics.extend(v.diagnostics);
        true
    });
    model.drop_not_found();
    diagnostics.extend(unverified.date_warnings(&model));
    finish(model, diagnostics)
}

/// The model and diagnostics as a [`Loaded`]: the diagnostics sorted, the model
/// complete or partial by whether any is an error.
fn finish(mut model: Model, mut diagnostics: Vec<Diagnostic>) -> Loaded {
    sort_by_place(&mut diagnostics);
    let failed = diagnostics.iter().any(Diagnostic::is_error);
    model.partial = failed;
    let (model, partial) = if failed {
        (None, Some(model))
    } else {
        (Some(model), None)
    };
    Loaded {
        model,
        partial,
        diagnostics,
    }
}

/// The message and hint for a positions file that cannot be read.
fn unreadable(e: &SourceError) -> (String, Option<&'static str>) {
    match e {
        SourceError::Missing => ("no such file".into(), None),
        SourceError::IsDirectory => (
            "is a directory, not a positions file".into(),
            Some("name the positions.toml inside it"),
        ),
        SourceError::NotRegular(kind) => (
            format!("is {kind}, not a regular file"),
            Some("a positions file must be a regular file; save it as one and name that"),
        ),
        SourceError::TooLarge { size, limit } => (
            format!(
                "is {size} bytes, over the {} MiB limit ({limit} bytes) for a positions file",
                limit >> 20
            ),
            Some("a positions file holds references and quotes; keep long texts in sources"),
        ),
        other => (other.to_string(), None),
    }
}

/// Loads a positions document from memory; `path` names it in diagnostics and
/// `base_dir` is where `sources_dir` is resolved from.
pub fn load_str(text: &str, path: &Path, base_dir: &Path) -> Loaded {
    let (loaded, unverified) = load_str_unverified(&Arc::from(text), path, base_dir);
    verify_all(loaded, unverified)
}

/// [`load_str`] with the quotes left to verify, as [`load_unverified`].
fn load_str_unverified(
    shared: &Arc<str>,
    path: &Path,
    base_dir: &Path,
) -> (Loaded, Option<Unverified>) {
    let text: &str = shared;
    let mut ctx = Ctx::new(text, path);
    if text.trim().is_empty() {
        ctx.error(
            &(0..0),
            "the file is empty".into(),
            Some("a positions file needs at least: schema = 1 and title = \"...\"".into()),
        );
        return (Loaded::nothing(ctx.diags), None);
    }
    if text.contains('\0') {
        let at = text.find('\0').unwrap_or(0);
        ctx.error(
            &(at..at),
            "the file holds NUL bytes: it is binary, not TOML".into(),
            None,
        );
        return (Loaded::nothing(ctx.diags), None);
    }
    let raw = match super::parts::read(&mut ctx, text) {
        Some(raw) => raw,
        None => match toml::de::DeTable::parse(text) {
            Ok(doc) => parse::read(&mut ctx, doc.get_ref()),
            Err(e) => {
                syntax_error(&mut ctx, &e);
                return (Loaded::nothing(ctx.diags), None);
            }
        },
    };
    let (model, unverified) = resolve(&mut ctx, raw, base_dir, Arc::clone(shared));
    (finish(model, ctx.diags), Some(unverified))
}

/// Reports the TOML layer's syntax error, located (a dotted key with too many parts
/// comes without a place) and explained where its own words say little.
fn syntax_error(ctx: &mut Ctx, e: &toml::de::Error) {
    let text = ctx.text;
    let message = e.message().trim().to_string();
    let span = e
        .span()
        .or_else(|| {
            let at = parse::long_dotted_key(text, parse::MAX_KEY_PARTS)?;
            Some(at..at)
        })
        .unwrap_or(0..0);
    let line_start = text[..span.start.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let at_header = text[line_start..].trim_start().starts_with("[[");
    let cite_first =
        parse::cite_before_position(text).filter(|_| message == "duplicate key" && at_header);
    match cite_first {
        Some(at) => ctx.error(
            &(at..at),
            "TOML syntax: a [[position.cite]] comes before any [[position]] (the TOML parser calls this a duplicate key)".into(),
            Some(parse::CITE_FIRST_HINT.into()),
        ),
        None => ctx.error(
            &span,
            format!("TOML syntax: {message}"),
            syntax_hint(&message),
        ),
    }
}

/// Sorts diagnostics by file, line and column; stable, so the order the checks ran
/// in decides between diagnostics at the same place. Whole-file ones come first.
pub fn sort_by_place(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
}

fn syntax_hint(message: &str) -> Option<String> {
    if message.contains("recursion limit") {
        Some(format!(
            "a dotted key (a.b.c) may have at most {} parts",
            parse::MAX_KEY_PARTS - 1
        ))
    } else if message.contains("recurse") {
        Some("arrays or tables are nested too deeply".into())
    } else if message.contains("duplicate key") {
        Some("each key may appear once per table".into())
    } else if message.contains("string") {
        Some("strings are written in double quotes (\"...\") or single quotes ('...')".into())
    } else {
        None
    }
}
