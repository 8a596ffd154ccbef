//! Writing an export safely: never over the model's own files, never half a file.

use crate::model::Model;
use anyhow::{Context, bail};
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `content` to `target` through a temporary file beside it and a rename, so
/// an existing file is only ever replaced by a complete new one. Refuses to write
/// over the model's positions file or any of its sources (also through a link).
/// On any error the temporary file is removed and `target` is left as it was.
pub fn write_atomic(target: &Path, content: &str, model: &Model) -> anyhow::Result<()> {
    refuse_model_files(target, model)?;
    if target.is_dir() {
        bail!("cannot write {}: it is a directory", target.display());
    }
    let name = target
        .file_name()
        .with_context(|| format!("cannot write {}: no file name", target.display()))?;
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        bail!(
            "cannot write {}: there is no directory {}",
            target.display(),
            dir.display()
        );
    }
    let (tmp, file) = create_temp(dir, &name.to_string_lossy())?;
    let result = fill(file, content, target).and_then(|()| {
        fs::rename(&tmp, target).with_context(|| format!("cannot replace {}", target.display()))
    });
    match &result {
        Err(_) => {
            let _ = fs::remove_file(&tmp);
        }
        // Make the rename itself durable where the platform allows it.
        Ok(()) => {
            let _ = File::open(dir).and_then(|d| d.sync_all());
        }
    }
    result
}

/// Writes and flushes the temporary file, with the permissions of the file it replaces.
fn fill(mut file: File, content: &str, target: &Path) -> anyhow::Result<()> {
    let what = || format!("cannot write {}", target.display());
    file.write_all(content.as_bytes()).with_context(what)?;
    if let Ok(meta) = fs::metadata(target) {
        file.set_permissions(meta.permissions())
            .with_context(what)?;
    }
    file.sync_all().with_context(what)
}

/// Creates a new, hidden temporary file in `dir`.
fn create_temp(dir: &Path, name: &str) -> anyhow::Result<(PathBuf, File)> {
    let pid = std::process::id();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let mut last_err = None;
    for attempt in 0..100u32 {
        let tmp = dir.join(format!(".{name}.{pid}-{nanos:x}-{attempt}.tmp"));
        match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last_err = Some(e),
            Err(e) => {
                return Err(e).with_context(|| {
                    format!("cannot create a temporary file in {}", dir.display())
                });
            }
        }
    }
    Err(last_err.unwrap_or_else(|| std::io::Error::other("no free name")))
        .with_context(|| format!("cannot create a temporary file in {}", dir.display()))
}

/// Fails when `target` is the positions file or one of the model's sources.
fn refuse_model_files(target: &Path, model: &Model) -> anyhow::Result<()> {
    let base = model.path.parent().unwrap_or(Path::new(""));
    let target_id = identity(target);
    if target_id.is_some() && target_id == identity(&model.path) {
        bail!(
            "refusing to write {}: it is the positions file being exported\n  hint: choose another output path",
            target.display()
        );
    }
    for s in &model.sources {
        let path = base.join(&s.path);
        if target_id.is_some() && target_id == identity(&path) {
            bail!(
                "refusing to write {}: it is the source `{}` ({}) of {}\n  hint: choose another output path",
                target.display(),
                s.id,
                path.display(),
                model.path.display()
            );
        }
    }
    // Nor another project's positions file.
    if target.file_name().is_some_and(|n| n == "positions.toml") {
        bail!(
            "refusing to write {}: exports never replace a positions.toml\n  hint: choose another output path",
            target.display()
        );
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
