//! `stances init`: a starting positions.toml for a folder of `.txt` sources.

use crate::model::emit::{self, InitFile, SourceEntry};
use crate::source::SourceText;
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

fn txt_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    p.is_file() && p.extension().is_some_and(|e| e.eq_ignore_ascii_case("txt"))
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
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
    /// No `.txt` file to declare as a source.
    #[error(
        "no .txt sources in {} or {}",
        crate::sanitize::path(.0),
        crate::sanitize::path(&.0.join("seeds"))
    )]
    NoSources(PathBuf),
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
/// as a source. Never overwrites: an existing positions.toml is an error.
pub fn scaffold(dir: &Path) -> Result<Scaffold, InitError> {
    if !dir.is_dir() {
        return Err(InitError::NotADirectory(dir.to_path_buf()));
    }
    let path = dir.join("positions.toml");
    if path.exists() {
        return Err(InitError::Exists(path));
    }
    let (sources_dir, files) = match txt_files(dir) {
        f if !f.is_empty() => (".", f),
        _ => ("seeds", txt_files(&dir.join("seeds"))),
    };
    if files.is_empty() {
        return Err(InitError::NoSources(dir.to_path_buf()));
    }
    let name = dir
        .canonicalize()
        .ok()
        .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "positions".into());
    let (out, ids, skipped) = document(&name, sources_dir, &files);
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
    files: &[PathBuf],
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
    for file in files {
        let fname = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = match SourceText::load(file) {
            Ok(t) => t,
            Err(e) => {
                read.push(Err((fname, e.to_string())));
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
            file: fname,
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
