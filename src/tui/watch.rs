//! Watching positions.toml and its sources, so the reader reloads when they change.
//!
//! Editors often save by writing a new file and renaming it over the old one, so the
//! parent directories are watched (not the files), and events are filtered by name.
//! Bursts of events are merged: one reload once things have been quiet for a moment.

use notify::{RecommendedWatcher, RecursiveMode, Watcher};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, SystemTime};

/// How long the files must be quiet before a reload.
pub const DEBOUNCE: Duration = Duration::from_millis(150);

/// An absolute version of `p` (canonical when it exists).
fn absolute(p: &Path) -> PathBuf {
    p.canonicalize()
        .unwrap_or_else(|_| std::env::current_dir().map_or_else(|_| p.to_path_buf(), |d| d.join(p)))
}

/// Watches `files` and calls `notify` once per burst of changes to any of them.
/// The watching stops when the returned watcher is dropped.
pub fn watch(
    files: &[PathBuf],
    notify: impl Fn() + Send + 'static,
) -> notify::Result<RecommendedWatcher> {
    let wanted: HashSet<PathBuf> = files.iter().map(|f| absolute(f)).collect();
    let dirs: HashSet<PathBuf> = wanted
        .iter()
        .filter_map(|f| f.parent().map(Path::to_path_buf))
        .collect();
    let (raw_tx, raw_rx) = mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher = notify::recommended_watcher(raw_tx)?;
    for d in &dirs {
        watcher.watch(d, RecursiveMode::NonRecursive)?;
    }
    // Events name files as the watched directory joined with the file name.
    let relevant = move |ev: &notify::Event| {
        !matches!(ev.kind, notify::EventKind::Access(_))
            && ev.paths.iter().any(|p| wanted.contains(p))
    };
    std::thread::spawn(move || {
        while let Ok(first) = raw_rx.recv() {
            if !first.as_ref().is_ok_and(&relevant) {
                continue;
            }
            // Wait for the burst to end. A watcher dropped meanwhile (replaced after a
            // reload) still reports it: the new one did not see it.
            loop {
                match raw_rx.recv_timeout(DEBOUNCE) {
                    Ok(_) => {}
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => {
                        notify();
                        return;
                    }
                }
            }
            notify();
        }
    });
    Ok(watcher)
}

/// What the file system says of some files (modified time and length, `None` for a
/// file it cannot tell of), to tell later whether one changed: a change saved while a
/// reload reads the files, before the next watcher is in place, is no event for it.
#[derive(Debug)]
pub struct Snapshot {
    files: Vec<PathBuf>,
    stamps: Vec<Option<(SystemTime, u64)>>,
}

impl Snapshot {
    /// The files as they are now.
    pub fn take(files: Vec<PathBuf>) -> Self {
        let stamps = stamps(&files);
        Snapshot { files, stamps }
    }

    /// True when one of the files has changed since the snapshot.
    pub fn changed(&self) -> bool {
        stamps(&self.files) != self.stamps
    }
}

fn stamps(files: &[PathBuf]) -> Vec<Option<(SystemTime, u64)>> {
    files
        .iter()
        .map(|f| {
            let meta = std::fs::metadata(f).ok()?;
            Some((meta.modified().ok()?, meta.len()))
        })
        .collect()
}

/// The files a model depends on: the positions file and every source.
pub fn files_of(path: &Path, model: Option<&crate::model::Model>) -> Vec<PathBuf> {
    let base = path.parent().unwrap_or(Path::new(""));
    let mut files = vec![path.to_path_buf()];
    if let Some(m) = model {
        files.extend(m.sources.iter().map(|s| base.join(&s.path)));
    }
    files
}
