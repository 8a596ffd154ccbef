//! Everything `stances` writes into a positions.toml: string values, `[sources.ID]`
//! blocks, `[[position.cite]]` blocks, the document `stances init` starts with, and the
//! ids and titles they carry. `check --fix`, `init`, `add-source` and the reader's
//! copied citations all write through here, so a value reads back the same whoever
//! wrote it.

use super::{Model, SourceId};
use crate::date::Date;
use crate::sanitize::{escape, is_unsafe};
use crate::source::SourceText;
use std::fmt::Write;
use std::ops::Range;

/// `s` as a TOML string value that reads back as exactly `s`.
///
/// A string of characters that are safe on a terminal is written as the toml crate
/// writes it (a basic string, or a literal one when that needs no escapes). One that
/// holds a control or an unsafe character (an escape sequence, a bidirectional
/// override, a line break) is written as a basic string with every such character as
/// a `\u` escape, so that no block `stances` prints or writes can act on a terminal.
pub fn string(s: &str) -> String {
    if !s.chars().any(|c| c.is_control() || is_unsafe(c)) {
        return toml::Value::String(s.to_string()).to_string();
    }
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() || is_unsafe(c) => {
                let u = u32::from(c);
                let _ = if u <= 0xFFFF {
                    write!(out, "\\u{u:04X}")
                } else {
                    write!(out, "\\U{u:08X}")
                };
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// What a `[sources.ID]` block says about one source.
#[derive(Clone, Copy, Debug)]
pub struct SourceEntry<'a> {
    /// The id under `[sources]` (a valid id: it is written as it is).
    pub id: &'a str,
    /// `file`, relative to the sources directory.
    pub file: &'a str,
    /// `title`.
    pub title: &'a str,
    /// `publisher`, when known.
    pub publisher: Option<&'a str>,
    /// `published`, when known.
    pub published: Option<Date>,
    /// `url`, when known.
    pub url: Option<&'a str>,
}

/// The `[sources.ID]` block of `entry`, every value a TOML string (or date), ending in
/// a line break.
pub fn source_block(entry: &SourceEntry) -> String {
    let mut out = format!(
        "[sources.{}]\nfile = {}\ntitle = {}\n",
        entry.id,
        string(entry.file),
        string(entry.title)
    );
    if let Some(p) = entry.publisher {
        let _ = writeln!(out, "publisher = {}", string(p));
    }
    if let Some(d) = entry.published {
        let _ = writeln!(out, "published = {d}");
    }
    if let Some(u) = entry.url {
        let _ = writeln!(out, "url = {}", string(u));
    }
    out
}

/// A ready `[[position.cite]]` block quoting the sentence (or run of sentences)
/// `sentence` of source `source`, its white space runs as single spaces.
pub fn cite_block(model: &Model, source: SourceId, sentence: &Range<usize>) -> String {
    let src = &model.sources[source];
    let text: String = src.text.text[sentence.clone()]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    format!(
        "[[position.cite]]\nsource = {}\nquote = {}\n",
        string(&src.id),
        string(&text)
    )
}

/// An id for a file stem: lowercase letters, digits, `_` and `-`, not in `taken`.
pub fn id_for(stem: &str, taken: &[String]) -> String {
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

/// A short title from the first sentence of a source (about 70 characters at most,
/// cut at a word and marked `…`), or `fallback` when it has none.
pub fn title_for(text: &SourceText, fallback: &str) -> String {
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

/// The block that registers a file found in the sources directory, indented to sit
/// inside a hint: `  [sources.ID]`, `  file = …`, `  title = …` (no final line break).
pub fn registration_hint(id: &str, file: &str, title: &str) -> String {
    let block = source_block(&SourceEntry {
        id,
        file,
        title,
        publisher: None,
        published: None,
        url: None,
    });
    let lines: Vec<String> = block.lines().map(|l| format!("  {l}")).collect();
    lines.join("\n")
}

/// One file of the folder `stances init` declares: a source it read, or a file it
/// skipped and why.
#[derive(Clone, Debug)]
pub enum InitFile<'a> {
    /// A source to declare.
    Source(SourceEntry<'a>),
    /// A file left out: its name and why (`it …`).
    Skipped {
        /// The file name.
        file: &'a str,
        /// What is wrong with it, as the source loader says it.
        why: String,
    },
}

/// The positions.toml `stances init` writes for a folder named `name` whose sources
/// are in `sources_dir`: a header, commented examples of a party and an issue, one
/// block per file (a comment for each skipped one, or, with no source, how to add
/// one), and a commented example position citing the first source.
pub fn init_document(name: &str, sources_dir: &str, files: &[InitFile]) -> String {
    let mut out = String::new();
    out.push_str(
        "# positions.toml, scaffolded by `stances init`. Add parties, issues and positions,\n",
    );
    out.push_str(
        "# then run `stances check`. In the reader, `s` lists the sources and `c` copies a\n",
    );
    out.push_str("# sentence as a ready [[position.cite]] block.\n\n");
    out.push_str("schema = 1\n");
    let _ = writeln!(out, "title = {}", string(name));
    let _ = write!(out, "sources_dir = {}\n\n", string(sources_dir));
    out.push_str(
        "# [parties.us]\n# name = \"United States\"\n# short = \"US\"\n# kind = \"state\"\n\n",
    );
    out.push_str("# [issues.territory]\n# name = \"Territory\"\n# question = \"Who controls the occupied regions?\"\n");
    out.push_str("# [issues.territory.scale]\n# restore = \"All occupied land returns\"\n# recognize = \"Occupation recognized\"\n\n");
    for f in files {
        match f {
            InitFile::Source(entry) => {
                out.push_str(&source_block(entry));
                out.push('\n');
            }
            InitFile::Skipped { file, why } => {
                // Escaped: a line break in a name would end the comment.
                let _ = write!(out, "# skipped {}: it {}\n\n", escape(file), escape(why));
            }
        }
    }
    if !files.iter().any(|f| matches!(f, InitFile::Source(_))) {
        let dir = if sources_dir == "." {
            "this folder".to_string()
        } else {
            format!("{}/", escape(sources_dir))
        };
        let _ = write!(
            out,
            "# No sources yet. Bring in a web page, a PDF, a Markdown or a text file:\n\
            #   stances add-source FILE           shows the text and the block it would add\n\
            #   stances add-source --append FILE  writes the text into {dir} and adds\n\
            #                                     its [sources.ID] block at the end of this file\n\n"
        );
    }
    let example = files
        .iter()
        .find_map(|f| match f {
            InitFile::Source(entry) => Some(entry.id),
            InitFile::Skipped { .. } => None,
        })
        .unwrap_or("source");
    out.push_str("# [[position]]\n# party = \"us\"\n# issue = \"territory\"\n# summary = \"One line for the grid\"\n");
    out.push_str("# as_of = 2025-04-17\n# stance = \"recognize\"\n# status = \"proposed\"\n#\n");
    let _ = writeln!(
        out,
        "# [[position.cite]]\n# source = {}\n# quote = \"the exact words from the source\"",
        string(example)
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_string_with_unsafe_characters_reads_back_exactly_and_shows_none() {
        for s in [
            "plain",
            "a \"quoted\" \\ word",
            "Russia's",
            "both ' and \"",
            "Ctrl \u{1} char",
            "ESC \u{1b}[31m red",
            "bidi \u{202e} rlo",
            "line\nbreak and\ttab",
            "emoji 👩\u{200d}👩",
            "'''\"\"\"",
        ] {
            let line = format!("q = {}", string(s));
            assert!(
                !line.chars().any(|c| c.is_control() || is_unsafe(c)),
                "{line:?}"
            );
            let table: toml::Table = toml::from_str(&line).unwrap();
            assert_eq!(table["q"].as_str(), Some(s), "{line}");
        }
    }

    #[test]
    fn safe_strings_are_written_as_the_toml_crate_writes_them() {
        assert_eq!(string("plain"), "\"plain\"");
        assert_eq!(string("Russia's"), "\"Russia's\"");
        assert_eq!(string("a \"q\""), "'a \"q\"'");
        assert_eq!(string("ESC \u{1b}"), "\"ESC \\u001B\"");
    }

    #[test]
    fn source_blocks_are_toml() {
        let b = source_block(&SourceEntry {
            id: "x",
            file: "x.html.txt",
            title: "A \"quoted\" title\\",
            publisher: Some("Pub"),
            published: Date::new(2025, 1, 2),
            url: Some("https://e.org/a"),
        });
        let t: toml::Table = toml::from_str(&b).unwrap();
        assert_eq!(
            t["sources"]["x"]["title"].as_str(),
            Some("A \"quoted\" title\\")
        );
        assert_eq!(t["sources"]["x"]["published"].to_string(), "2025-01-02");
        assert_eq!(
            registration_hint("x", "x.txt", "T"),
            "  [sources.x]\n  file = \"x.txt\"\n  title = \"T\""
        );
    }

    #[test]
    fn ids_follow_the_rules_and_are_unique() {
        assert_eq!(id_for("000_654284435287354a", &[]), "000_654284435287354a");
        assert_eq!(id_for("My Article (2)", &[]), "my-article--2");
        assert_eq!(id_for("a", &["a".into()]), "a-2");
        assert_eq!(id_for("***", &[]), "source");
    }
}
