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
///
/// A `target` that exists and is not a regular file (`/dev/null`, a FIFO, a
/// terminal) is written into directly: renaming over it would replace the device
/// or pipe itself. A link to a regular file is followed, so the link stays a link.
pub fn write_atomic(target: &Path, content: &str, model: &Model) -> anyhow::Result<()> {
    refuse_model_files(target, model)?;
    let shown = crate::sanitize::path(target);
    match fs::metadata(target) {
        Ok(meta) if meta.is_dir() => bail!("cannot write {shown}: it is a directory"),
        Ok(meta) if !meta.is_file() => return write_into(target, content),
        _ => {}
    }
    let target = match fs::symlink_metadata(target) {
        Ok(meta) if meta.file_type().is_symlink() => target
            .canonicalize()
            .with_context(|| format!("cannot follow the link {shown}"))?,
        _ => target.to_path_buf(),
    };
    let name = target
        .file_name()
        .with_context(|| format!("cannot write {shown}: no file name"))?;
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        bail!(
            "cannot write {shown}: there is no directory {}",
            crate::sanitize::path(dir)
        );
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{}.", name.to_string_lossy()))
        .suffix(".tmp")
        .tempfile_in(dir)
        .with_context(|| {
            format!(
                "cannot create a temporary file in {}",
                crate::sanitize::path(dir)
            )
        })?;
    fill(tmp.as_file_mut(), content, &target, &shown)?;
    // On failure the temporary file is dropped, which removes it.
    tmp.persist(&target)
        .map_err(|e| e.error)
        .with_context(|| format!("cannot replace {shown}"))?;
    // Make the rename itself durable where the platform allows it.
    let _ = File::open(dir).and_then(|d| d.sync_all());
    Ok(())
}

/// Writes into an existing file that is not a regular one (a device, a FIFO, a
/// terminal) without replacing or truncating it.
fn write_into(target: &Path, content: &str) -> anyhow::Result<()> {
    let what = || format!("cannot write {}", crate::sanitize::path(target));
    let mut file = OpenOptions::new()
        .write(true)
        .open(target)
        .with_context(what)?;
    file.write_all(content.as_bytes()).with_context(what)?;
    file.flush().with_context(what)
}

/// Writes and flushes the temporary file, with the permissions of the file it replaces.
fn fill(file: &mut File, content: &str, target: &Path, shown: &str) -> anyhow::Result<()> {
    let what = || format!("cannot write {shown}");
    file.write_all(content.as_bytes()).with_context(what)?;
    if let Ok(meta) = fs::metadata(target) {
        file.set_permissions(meta.permissions())
            .with_context(what)?;
    }
    file.sync_all().with_context(what)
}

/// Fails when `target` is the positions file or one of the model's sources.
fn refuse_model_files(target: &Path, model: &Model) -> anyhow::Result<()> {
    let base = model.path.parent().unwrap_or(Path::new(""));
    let target_id = identity(target);
    if target_id.is_some() && target_id == identity(&model.path) {
        bail!(
            "refusing to write {}: it is the positions file being exported\n  hint: choose another output path",
            crate::sanitize::path(target)
        );
    }
    for s in &model.sources {
        let path = base.join(&s.path);
        if target_id.is_some() && target_id == identity(&path) {
            bail!(
                "refusing to write {}: it is the source `{}` ({}) of {}\n  hint: choose another output path",
                crate::sanitize::path(target),
                s.id,
                crate::sanitize::path(&path),
                crate::sanitize::path(&model.path)
            );
        }
    }
    // Nor another project's positions file.
    if target.file_name().is_some_and(|n| n == "positions.toml") {
        bail!(
            "refusing to write {}: exports never replace a positions.toml\n  hint: choose another output path",
            crate::sanitize::path(target)
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
