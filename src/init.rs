//! `stances init`: a starting positions.toml for a folder of `.txt` sources.

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

/// An id for a file stem: lowercase letters, digits, `_` and `-`.
pub(crate) fn id_for(stem: &str, taken: &[String]) -> String {
    let mut id: String = stem
        .to_lowercase()
        .chars()
        .map(|c| {
            if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    id = id.trim_matches(|c| c == '-' || c == '_').to_string();
    if id.is_empty() {
        id = "source".into();
    }
    let mut unique = id.clone();
    let mut n = 2;
    while taken.contains(&unique) {
        unique = format!("{id}-{n}");
        n += 1;
    }
    unique
}

/// A short title from the first sentence of a source.
pub(crate) fn title_for(text: &SourceText, fallback: &str) -> String {
    let first = text.sentences().first().map(|r| {
        text.text[r.clone()]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    });
    let Some(first) = first.filter(|f| !f.is_empty()) else {
        return fallback.to_string();
    };
    if first.chars().count() <= 70 {
        return first;
    }
    let mut out = String::new();
    for word in first.split(' ') {
        if out.chars().count() + word.chars().count() > 66 {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    format!("{out} …")
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

/// The scaffolded positions.toml: a header, commented examples, one `[sources.*]` entry
/// per readable file; with the ids given and the files skipped (and why).
fn document(
    name: &str,
    sources_dir: &str,
    files: &[PathBuf],
) -> (String, Vec<String>, Vec<(String, String)>) {
    let mut out = String::new();
    out.push_str(
        "# positions.toml, scaffolded by `stances init`. Add parties, issues and positions,\n",
    );
    out.push_str(
        "# then run `stances check`. In the reader, `s` lists the sources and `c` copies a\n",
    );
    out.push_str("# sentence as a ready [[position.cite]] block.\n\n");
    out.push_str("schema = 1\n");
    out.push_str(&format!("title = {}\n", crate::model::toml_value(name)));
    out.push_str(&format!(
        "sources_dir = {}\n\n",
        crate::model::toml_value(sources_dir)
    ));
    out.push_str(
        "# [parties.us]\n# name = \"United States\"\n# short = \"US\"\n# kind = \"state\"\n\n",
    );
    out.push_str("# [issues.territory]\n# name = \"Territory\"\n# question = \"Who controls the occupied regions?\"\n");
    out.push_str("# [issues.territory.scale]\n# restore = \"All occupied land returns\"\n# recognize = \"Occupation recognized\"\n\n");
    let mut ids = Vec::new();
    let mut skipped = Vec::new();
    for file in files {
        let fname = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = match SourceText::load(file) {
            Ok(t) => t,
            Err(e) => {
                out.push_str(&format!("# skipped {fname}: it {e}\n\n"));
                skipped.push((fname, e.to_string()));
                continue;
            }
        };
        let stem = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let id = id_for(&stem, &ids);
        let title = crate::sanitize::one_line(&title_for(&text, &stem));
        out.push_str(&crate::ingest::block(
            &id, &fname, &title, None, text.date, None,
        ));
        out.push('\n');
        ids.push(id);
    }
    let example = ids.first().cloned().unwrap_or_else(|| "source".into());
    out.push_str("# [[position]]\n# party = \"us\"\n# issue = \"territory\"\n# summary = \"One line for the grid\"\n");
    out.push_str("# as_of = 2025-04-17\n# stance = \"recognize\"\n# status = \"proposed\"\n#\n");
    out.push_str(&format!(
        "# [[position.cite]]\n# source = {}\n# quote = \"the exact words from the source\"\n",
        crate::model::toml_value(&example)
    ));
    (out, ids, skipped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_the_rules_and_are_unique() {
        assert_eq!(id_for("000_654284435287354a", &[]), "000_654284435287354a");
        assert_eq!(id_for("My Article (2)", &[]), "my-article--2");
        assert_eq!(id_for("a", &["a".into()]), "a-2");
        assert_eq!(id_for("***", &[]), "source");
    }
}
