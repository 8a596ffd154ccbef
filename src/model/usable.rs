//! Whether a loaded file can be used: exports and comparisons need a model without
//! errors; the reader and `stances sentences` can work on what of it resolved.

use super::{Loaded, Model, SourceId};
use crate::diagnostic::Diagnostic;
use std::path::{Path, PathBuf};

/// How much of a file with errors a command can use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Policy {
    /// Only a file without errors (exports, `compare`, `diff`).
    Complete,
    /// What of the file resolved, errors left out (the reader, `sentences`).
    Partial,
}

/// Why a loaded file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum Unusable {
    /// The file has errors at known places.
    #[error(
        "{} has {count} error(s); run `stances check {}` for all diagnostics with hints",
        crate::sanitize::path(path),
        crate::sanitize::path(path)
    )]
    Errors {
        /// The positions file.
        path: PathBuf,
        /// How many errors.
        count: usize,
    },
    /// The file could not be read or parsed at all.
    #[error("cannot load {}", crate::sanitize::path(.0))]
    Unreadable(PathBuf),
}

impl Loaded {
    /// The errors (not the warnings), in order.
    pub fn error_list(&self) -> Vec<Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.is_error())
            .cloned()
            .collect()
    }

    /// The model a command may use under `policy`.
    pub fn into_usable(self, path: &Path, policy: Policy) -> Result<Model, Unusable> {
        let count = self.errors();
        let located = self
            .diagnostics
            .iter()
            .any(|d| d.is_error() && d.line.is_some());
        match (self.model, self.partial, policy) {
            (Some(m), _, _) => Ok(m),
            (None, Some(p), Policy::Partial) => Ok(p),
            _ if located => Err(Unusable::Errors {
                path: path.to_path_buf(),
                count,
            }),
            _ => Err(Unusable::Unreadable(path.to_path_buf())),
        }
    }
}

impl Model {
    /// The source a user names on the command line: by id, by `file` as written in
    /// positions.toml, or by a path to the same file (`base` is the folder of
    /// positions.toml).
    pub fn find_source(&self, name: &str, base: &Path) -> Option<SourceId> {
        let wanted = Path::new(name).canonicalize().ok();
        let at = self.sources.iter().position(|s| {
            s.id == name
                || s.file == name
                || wanted.is_some() && base.join(&s.path).canonicalize().ok() == wanted
        });
        at.map(SourceId)
    }
}
