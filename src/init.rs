//! `stances init`: a starting positions.toml for a folder, declaring the `.txt`
//! sources it holds (if any) and leaving out, with a comment, those `check` would
//! reject.

use crate::model::emit::{self, InitFile, SourceEntry};
use crate::source::{self, SourceText};
use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What `init` wrote.
pub struct Scaffold {
    /// The new positions file.
    pub path: PathBuf,
    /// Ids of the sources it declares.
    pub sources: Vec<String>,
    /// Files left out, with the reason.
    pub skipped: Vec<(String, String)>,
}

/// A `.txt` entry of a folder: a file to declare as a source, or one `check` would
/// reject, with why (worded to follow "it").
enum Entry {
    /// A file to read: its path and name.
    File(PathBuf, String),
    /// A file left out: its name and why.
    Skipped(String, String),
}

/// The `.txt` entries of `dir` (`sources_dir` as written in positions.toml), by name.
/// Names that are not UTF-8 and links that lead out of the folder are left out as
/// `check` would refuse them: positions.toml can name only UTF-8 paths, and `check`
/// reads no source outside the sources directory.
fn txt_entries(dir: &Path) -> Vec<Entry> {
    let mut names: Vec<std::ffi::OsString> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.file_name())
                .filter(|n| {
                    Path::new(n)
                        .extension()
                        .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
                })
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let shown = name.to_string_lossy().into_owned();
            let Some(utf8) = name.to_str() else {
                return Entry::Skipped(
                    shown,
                    "has a name that is not UTF-8, which positions.toml cannot name; rename it"
                        .into(),
                );
            };
            let path = dir.join(utf8);
            if source::confine(dir, utf8).is_err() {
                let why = if std::fs::metadata(&path).is_err() {
                    "is a link to something that does not exist"
                } else {
                    "is a link that leads out of this folder, and check reads no source outside it; copy the file in instead"
                };
                return Entry::Skipped(shown, why.into());
            }
            Entry::File(path, utf8.to_string())
        })
        .collect()
}

/// Why `stances init` wrote nothing (or could not finish writing).
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    /// The folder given is not a directory.
    #[error("{} is not a directory", crate::sanitize::path(.0))]
    NotADirectory(PathBuf),
    /// positions.toml is already there.
    #[error(
        "{} already exists; init never overwrites it\n  hint: edit it, or run init in another folder",
        crate::sanitize::path(.0)
    )]
    Exists(PathBuf),
    /// Writing positions.toml failed.
    #[error("cannot write {}: {source}", crate::sanitize::path(path))]
    Write {
        /// The file being written.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
}

/// Writes `dir/positions.toml` declaring every `.txt` file in `dir` (or in `dir/seeds`)
/// as a source, with a comment for each file left out and why. In a folder without
/// any it is a skeleton with no sources, that says how to add them. What it writes
/// passes `stances check`. Never overwrites: an existing positions.toml is an error.
pub fn scaffold(dir: &Path) -> Result<Scaffold, InitError> {
    if !dir.is_dir() {
        return Err(InitError::NotADirectory(dir.to_path_buf()));
    }
    let path = dir.join("positions.toml");
    if path.exists() {
        return Err(InitError::Exists(path));
    }
    let here = txt_entries(dir);
    let (sources_dir, entries) = if !here.is_empty() {
        (".", here)
    } else if source::confine(dir, "seeds").is_ok() {
        ("seeds", txt_entries(&dir.join("seeds")))
    } else {
        let why = "is a link that leads out of this folder, and check reads no source outside it; sources_dir is this folder instead";
        (".", vec![Entry::Skipped("seeds".into(), why.into())])
    };
    let name = dir
        .canonicalize()
        .ok()
        .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "positions".into());
    let (out, ids, skipped) = document(&name, sources_dir, &entries);
    // create_new: even if a file appeared meanwhile, it is not overwritten.
    let mut f = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|source| InitError::Write {
            path: path.clone(),
            source,
        })?;
    f.write_all(out.as_bytes())
        .map_err(|source| InitError::Write {
            path: path.clone(),
            source,
        })?;
    Ok(Scaffold {
        path,
        sources: ids,
        skipped,
    })
}

/// The scaffolded positions.toml (see [`emit::init_document`]), the ids of the sources
/// it declares and the files it skipped (and why).
fn document(
    name: &str,
    sources_dir: &str,
    entries: &[Entry],
) -> (String, Vec<String>, Vec<(String, String)>) {
    /// A file read as a source, or skipped: its name and why.
    struct Read {
        file: String,
        id: String,
        title: String,
        published: Option<crate::date::Date>,
    }
    let mut read: Vec<Result<Read, (String, String)>> = Vec::new();
    let mut ids: Vec<String> = Vec::new();
    for entry in entries {
        let (file, fname) = match entry {
            Entry::File(path, name) => (path, name),
            Entry::Skipped(name, why) => {
                read.push(Err((name.clone(), why.clone())));
                continue;
            }
        };
        let text = match SourceText::load(file) {
            Ok(t) => t,
            Err(e) => {
                read.push(Err((fname.clone(), e.to_string())));
                continue;
            }
        };
        let stem = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let id = emit::id_for(&stem, &ids);
        ids.push(id.clone());
        read.push(Ok(Read {
            file: fname.clone(),
            id,
            title: crate::sanitize::one_line(&emit::title_for(&text, &stem)),
            published: text.date,
        }));
    }
    let entries: Vec<InitFile> = read
        .iter()
        .map(|r| match r {
            Ok(r) => InitFile::Source(SourceEntry {
                id: &r.id,
                file: &r.file,
                title: &r.title,
                publisher: None,
                published: r.published,
                url: None,
            }),
            Err((file, why)) => InitFile::Skipped {
                file,
                why: why.clone(),
            },
        })
        .collect();
    let skipped = read
        .iter()
        .filter_map(|r| r.as_ref().err().cloned())
        .collect();
    (
        emit::init_document(name, sources_dir, &entries),
        ids,
        skipped,
    )
}
