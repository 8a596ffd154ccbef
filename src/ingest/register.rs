//! Registering a new source in a positions file: what `add-source` needs to know of
//! the file, the checks that it can take one more `[sources.ID]` block (writable,
//! `sources` a table, within the size the loader reads), and the append itself, made
//! under a lock on the file so that runs at the same time each add to what the others
//! wrote, and none renames its copy over another's block.

use super::IngestError;
use crate::model::MAX_POSITIONS_BYTES;
use crate::sanitize::{escape, path as shown};
use crate::source;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What `add-source` needs of the positions file, as read at one moment.
pub(super) struct ModelInfo {
    /// The file's bytes.
    bytes: Vec<u8>,
    /// Where the texts of its sources are.
    pub(super) sources_dir: PathBuf,
    /// The ids under `[sources]`.
    ids: Vec<String>,
    /// The `file` of each source.
    files: Vec<String>,
}

impl ModelInfo {
    /// Reads the positions file at `path`. A file that is not TOML, a `sources_dir`
    /// that leads out of its folder, and `sources` written as an array of tables are
    /// refused: a block appended to them would not make a model that loads.
    pub(super) fn read(path: &Path) -> Result<ModelInfo, IngestError> {
        let name = shown(path);
        let fail = |detail: String| IngestError::Model {
            path: name.clone(),
            detail,
        };
        // The reader's words are about a source ("is … bytes, over …"): say whose.
        let bytes = source::read_regular(path, MAX_POSITIONS_BYTES)
            .map_err(|e| fail(format!("the positions file {e}")))?;
        let text =
            source::decode(bytes.clone()).map_err(|e| fail(format!("the positions file {e}")))?;
        let table: toml::Table = toml::from_str(&text).map_err(|e| {
            fail(format!(
                "is not valid TOML ({}); run `stances check` on it first",
                crate::sanitize::one_line(e.message())
            ))
        })?;
        if let Some(toml::Value::Array(_)) = table.get("sources") {
            let (line, column) = sources_at(&text);
            return Err(IngestError::SourcesArray {
                path: name,
                line,
                column,
            });
        }
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
            bytes,
            sources_dir,
            ids,
            files,
        })
    }

    /// The path of the new source's text, `file` in the sources directory, once `id`
    /// is known to be new to the model (at `model`) and neither a source of it nor
    /// anything else has that file.
    pub(super) fn admit(&self, model: &Path, id: &str, file: &str) -> Result<PathBuf, IngestError> {
        if self.ids.iter().any(|i| i == id) {
            return Err(IngestError::IdTaken {
                id: escape(id),
                model: shown(model),
            });
        }
        let text_file = self.sources_dir.join(file);
        if self.files.iter().any(|f| f == file) || std::fs::symlink_metadata(&text_file).is_ok() {
            return Err(IngestError::FileExists {
                path: shown(&text_file),
            });
        }
        Ok(text_file)
    }

    /// The file's bytes with `block` after them (every earlier byte kept), refused when
    /// the result would not parse or would be larger than the loader reads.
    pub(super) fn with_block(&self, model: &Path, block: &str) -> Result<Vec<u8>, IngestError> {
        let mut new = self.bytes.clone();
        if !new.is_empty() && !new.ends_with(b"\n") {
            new.push(b'\n');
        }
        new.push(b'\n');
        new.extend_from_slice(block.as_bytes());
        if new.len() as u64 > MAX_POSITIONS_BYTES {
            return Err(IngestError::ModelFull {
                path: shown(model),
                bytes: new.len() as u64,
            });
        }
        let parsed = std::str::from_utf8(&new)
            .ok()
            .map(|t| toml::from_str::<toml::Table>(t.trim_start_matches('\u{feff}')));
        if !matches!(parsed, Some(Ok(_))) {
            return Err(IngestError::Model {
                path: shown(model),
                detail: "the [sources] block cannot be appended to it without breaking it (is `sources` an inline table?); nothing written".into(),
            });
        }
        Ok(new)
    }
}

/// The line and column of the `sources` value in `text` (for a `[[sources]]` array, its
/// first header), or the top of the file when it cannot be found.
fn sources_at(text: &str) -> (usize, usize) {
    let start = toml::de::DeTable::parse(text)
        .ok()
        .and_then(|doc| doc.get_ref().get("sources").map(|v| v.span().start))
        .unwrap_or(0);
    crate::diagnostic::LineIndex::new(text).locate(text, start)
}

/// Refuses a positions file marked read-only, or one this user may not write: its
/// owner does not want it changed, and renaming a new copy over it would.
pub(super) fn refuse_read_only(model: &Path) -> Result<(), IngestError> {
    let target = std::fs::canonicalize(model).unwrap_or_else(|_| model.to_path_buf());
    let marked = std::fs::metadata(&target).is_ok_and(|m| m.permissions().readonly());
    let denied = std::fs::OpenOptions::new()
        .write(true)
        .open(&target)
        .is_err_and(|e| e.kind() == std::io::ErrorKind::PermissionDenied);
    if marked || denied {
        return Err(IngestError::ReadOnly { path: shown(model) });
    }
    Ok(())
}

/// A source ready to be written: its text file and its block.
pub(super) struct NewSource<'a> {
    /// The id under `[sources]`.
    pub(super) id: &'a str,
    /// Its `file`, relative to the sources directory.
    pub(super) file: &'a str,
    /// What the text file holds.
    pub(super) text: &'a str,
    /// The `[sources.ID]` block.
    pub(super) block: &'a str,
}

/// Writes `new`'s text into the sources directory and appends its block to the
/// positions file at `model`, holding a lock on that file throughout. Under the lock
/// the file is read again and every check made again on what it holds now (the
/// id, the file, the room left, whether it is writable), so a run that waited for
/// another adds to that one's block rather than replacing it. `first` is the file as
/// read before: a run whose sources directory moved meanwhile is refused.
///
/// The new file is written beside the positions file first, then the text, then
/// the new file renamed over the old: a refusal or a failure at any step leaves
/// neither the text nor a changed positions file behind. Returns the text's path.
pub(super) fn append(
    model: &Path,
    first: &ModelInfo,
    new: &NewSource,
) -> Result<PathBuf, IngestError> {
    let target = std::fs::canonicalize(model).unwrap_or_else(|_| model.to_path_buf());
    let err = |path: &Path| {
        let path = shown(path);
        move |source| IngestError::Write { path, source }
    };
    let _lock = lock(&target).map_err(err(&target))?;
    let now = ModelInfo::read(model)?;
    if now.sources_dir != first.sources_dir {
        return Err(IngestError::Model {
            path: shown(model),
            detail: "its sources_dir changed while the source was being added; nothing written"
                .into(),
        });
    }
    refuse_read_only(model)?;
    let text_file = now.admit(model, new.id, new.file)?;
    let bytes = now.with_block(model, new.block)?;

    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(err(dir))?;
    tmp.write_all(&bytes)
        .and_then(|()| tmp.flush())
        .map_err(err(&target))?;
    if let Ok(meta) = std::fs::metadata(&target) {
        let _ = std::fs::set_permissions(tmp.path(), meta.permissions());
    }
    tmp.as_file().sync_all().map_err(err(&target))?;

    let made_dir = !now.sources_dir.exists();
    std::fs::create_dir_all(&now.sources_dir).map_err(err(&now.sources_dir))?;
    let undo = |text_written: bool| {
        if text_written {
            let _ = std::fs::remove_file(&text_file);
        }
        if made_dir {
            let _ = std::fs::remove_dir(&now.sources_dir);
        }
    };
    if let Err(e) = write_new(&text_file, new.text) {
        undo(false);
        return Err(e);
    }
    if let Err(e) = tmp.persist(&target) {
        undo(true);
        return Err(err(&target)(e.error));
    }
    Ok(text_file)
}

/// Writes `text` to a new file at `path`, never replacing one.
fn write_new(path: &Path, text: &str) -> Result<(), IngestError> {
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => IngestError::FileExists { path: shown(path) },
            _ => IngestError::Write {
                path: shown(path),
                source: e,
            },
        })?;
    let wrote = f.write_all(text.as_bytes()).and_then(|()| f.sync_all());
    drop(f);
    wrote.map_err(|source| {
        let _ = std::fs::remove_file(path);
        IngestError::Write {
            path: shown(path),
            source,
        }
    })
}

/// An exclusive lock on the file at `target`, held until the handle is dropped.
///
/// A run that waited may wake holding the lock on a file another run has since
/// renamed a new copy over: the lock is only good once the name leads to the file
/// locked, so it is taken again until it does.
fn lock(target: &Path) -> std::io::Result<same_file::Handle> {
    loop {
        let file = std::fs::File::open(target)?;
        fs4::FileExt::lock(&file)?;
        let locked = same_file::Handle::from_file(file)?;
        if locked == same_file::Handle::from_path(target)? {
            return Ok(locked);
        }
    }
}
