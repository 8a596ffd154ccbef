//! Writing an export safely: never over the model's own files, never half a file.

use crate::model::Model;
use crate::sanitize::path as shown;
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Why an export was not written. Nothing was changed on disk.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The target is the positions file being exported.
    #[error(
        "refusing to write {}: it is the positions file being exported\n  hint: choose another output path",
        shown(.0)
    )]
    PositionsFile(PathBuf),
    /// The target is one of the model's sources.
    #[error(
        "refusing to write {}: it is the source `{id}` ({}) of {}\n  hint: choose another output path",
        shown(target),
        shown(file),
        shown(model)
    )]
    Source {
        /// The path given.
        target: PathBuf,
        /// The source's id.
        id: String,
        /// The source's file.
        file: PathBuf,
        /// The positions file.
        model: PathBuf,
    },
    /// The target is named positions.toml.
    #[error(
        "refusing to write {}: exports never replace a positions.toml\n  hint: choose another output path",
        shown(.0)
    )]
    AnyPositionsFile(PathBuf),
    /// The target is a directory.
    #[error("cannot write {}: it is a directory", shown(.0))]
    Directory(PathBuf),
    /// The target has no file name (`..`, `/`).
    #[error("cannot write {}: no file name", shown(.0))]
    NoFileName(PathBuf),
    /// The target's directory does not exist.
    #[error("cannot write {}: there is no directory {}", shown(target), shown(dir))]
    NoDirectory {
        /// The path given.
        target: PathBuf,
        /// Its directory.
        dir: PathBuf,
    },
    /// Reading, writing or renaming failed.
    #[error("cannot {what} {}: {error}", shown(path))]
    Io {
        /// What was being done: `write`, `replace`, `follow the link`, ...
        what: &'static str,
        /// The file concerned.
        path: PathBuf,
        /// What the system said.
        error: std::io::Error,
    },
}

/// An I/O failure while doing `what` to `path`.
fn io(what: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> WriteError {
    let path = path.to_path_buf();
    move |error| WriteError::Io { what, path, error }
}

/// Writes `content` to `target` through a temporary file beside it and a rename, so
/// an existing file is only ever replaced by a complete new one. Refuses to write
/// over the model's positions file or any of its sources (also through a link).
/// On any error the temporary file is removed and `target` is left as it was.
///
/// A `target` that exists and is not a regular file (`/dev/null`, a FIFO, a
/// terminal) is written into directly: renaming over it would replace the device
/// or pipe itself. A link to a regular file is followed, so the link stays a link.
pub fn write_atomic(target: &Path, content: &str, model: &Model) -> Result<(), WriteError> {
    refuse_model_files(target, model)?;
    match fs::metadata(target) {
        Ok(meta) if meta.is_dir() => return Err(WriteError::Directory(target.to_path_buf())),
        Ok(meta) if !meta.is_file() => return write_into(target, content),
        _ => {}
    }
    let target = match fs::symlink_metadata(target) {
        Ok(meta) if meta.file_type().is_symlink() => target
            .canonicalize()
            .map_err(io("follow the link", target))?,
        _ => target.to_path_buf(),
    };
    let Some(name) = target.file_name() else {
        return Err(WriteError::NoFileName(target.clone()));
    };
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(WriteError::NoDirectory {
            target: target.clone(),
            dir: dir.to_path_buf(),
        });
    }
    let prefix = format!(".{}.", name.to_string_lossy());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    // A new export is readable as any new file would be (0666 less the umask), not
    // only by its owner as temporary files are.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut tmp = builder
        .tempfile_in(dir)
        .map_err(io("create a temporary file in", dir))?;
    fill(tmp.as_file_mut(), content, &target)?;
    // On failure the temporary file is dropped, which removes it.
    tmp.persist(&target)
        .map_err(|e| io("replace", &target)(e.error))?;
    // Make the rename itself durable where the platform allows it.
    let _ = File::open(dir).and_then(|d| d.sync_all());
    Ok(())
}

/// Writes into an existing file that is not a regular one (a device, a FIFO, a
/// terminal) without replacing or truncating it.
fn write_into(target: &Path, content: &str) -> Result<(), WriteError> {
    let mut file = OpenOptions::new()
        .write(true)
        .open(target)
        .map_err(io("write", target))?;
    file.write_all(content.as_bytes())
        .and_then(|()| file.flush())
        .map_err(io("write", target))
}

/// Writes and flushes the temporary file, with the permissions of the file it replaces.
fn fill(file: &mut File, content: &str, target: &Path) -> Result<(), WriteError> {
    file.write_all(content.as_bytes())
        .map_err(io("write", target))?;
    if let Ok(meta) = fs::metadata(target) {
        file.set_permissions(meta.permissions())
            .map_err(io("write", target))?;
    }
    file.sync_all().map_err(io("write", target))
}

/// Fails when `target` is the positions file or one of the model's sources.
pub fn refuse_model_files(target: &Path, model: &Model) -> Result<(), WriteError> {
    let base = model.path.parent().unwrap_or(Path::new(""));
    let target_id = identity(target);
    if target_id.is_some() && target_id == identity(&model.path) {
        return Err(WriteError::PositionsFile(target.to_path_buf()));
    }
    for s in model.sources.iter() {
        let path = base.join(&s.path);
        if target_id.is_some() && target_id == identity(&path) {
            return Err(WriteError::Source {
                target: target.to_path_buf(),
                id: crate::sanitize::escape(&s.id),
                file: path,
                model: model.path.clone(),
            });
        }
    }
    // Nor another project's positions file.
    if target.file_name().is_some_and(|n| n == "positions.toml") {
        return Err(WriteError::AnyPositionsFile(target.to_path_buf()));
    }
    Ok(())
}

/// What a path names, to compare two paths: the canonical path (of the file, or of
/// its directory plus its name when it does not exist yet), and on Unix the device
/// and inode, which also catches hard links.
#[derive(PartialEq, Eq)]
enum Identity {
    Path(PathBuf),
    #[cfg(unix)]
    Inode(u64, u64),
}

fn identity(path: &Path) -> Option<Identity> {
    #[cfg(unix)]
    if let Ok(meta) = fs::metadata(path) {
        use std::os::unix::fs::MetadataExt;
        return Some(Identity::Inode(meta.dev(), meta.ino()));
    }
    if let Ok(p) = path.canonicalize() {
        return Some(Identity::Path(p));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    Some(Identity::Path(dir.join(path.file_name()?)))
}
