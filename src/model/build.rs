//! A positions.toml written in code: the models of the tests and examples, made by one
//! builder instead of TOML written out by hand in each of them.
//!
//! ```
//! use stances::model::build::{ModelText, PositionText};
//! let toml = ModelText::new("Talks")
//!     .party("us", "United States")
//!     .scaled_issue("ceasefire", "Ceasefire", &[("full", "Full"), ("none", "None")])
//!     .position(PositionText::new("us", "ceasefire", "Wants one").stance("full"))
//!     .to_toml();
//! assert!(toml.contains("[[position]]\nparty = \"us\""));
//! ```
//!
//! Blocks come in the order of the contract (parties, issues, sources, positions), a
//! blank line between them; every string is written by [`super::emit`].

use super::emit::{self, SourceEntry};
use super::{Loaded, Model};
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// One party.
#[derive(Clone, Debug)]
struct PartyText {
    id: String,
    name: String,
}

/// One issue, with its scale (keys and labels, pole to pole), possibly empty.
#[derive(Clone, Debug)]
struct IssueText {
    id: String,
    name: String,
    scale: Vec<(String, String)>,
}

/// One source and the text of its file.
#[derive(Clone, Debug)]
struct SourceText {
    id: String,
    file: String,
    title: String,
    published: Option<String>,
    text: String,
}

/// A `[[position]]` to write, with its citations.
#[derive(Clone, Debug, Default)]
pub struct PositionText {
    /// `key = value` lines after `party`, `issue` and `summary`, in order, the values
    /// already written as TOML.
    lines: Vec<(String, String)>,
    /// `(source, quote, speaker)` of each `[[position.cite]]`.
    cites: Vec<(String, String, Option<String>)>,
}

impl PositionText {
    /// A position of `party` on `issue` summed up as `summary`.
    #[must_use]
    pub fn new(party: &str, issue: &str, summary: &str) -> Self {
        PositionText::default()
            .string("party", party)
            .string("issue", issue)
            .string("summary", summary)
    }

    fn string(self, key: &str, value: &str) -> Self {
        self.raw(key, &emit::string(value))
    }

    /// Any `key = value` line, the value written as TOML as it is.
    #[must_use]
    pub fn raw(mut self, key: &str, toml_value: &str) -> Self {
        self.lines.push((key.to_string(), toml_value.to_string()));
        self
    }

    /// `as_of = YYYY-MM-DD`.
    #[must_use]
    pub fn as_of(self, date: &str) -> Self {
        self.raw("as_of", date)
    }

    /// `stance = "KEY"`.
    #[must_use]
    pub fn stance(self, key: &str) -> Self {
        self.string("stance", key)
    }

    /// `acceptable = ["FROM", "TO"]`.
    #[must_use]
    pub fn acceptable(self, from: &str, to: &str) -> Self {
        let value = format!("[{}, {}]", emit::string(from), emit::string(to));
        self.raw("acceptable", &value)
    }

    /// `status = "WORD"`.
    #[must_use]
    pub fn status(self, word: &str) -> Self {
        self.string("status", word)
    }

    /// `confidence = "WORD"`.
    #[must_use]
    pub fn confidence(self, word: &str) -> Self {
        self.string("confidence", word)
    }

    /// `contested = "WHY"`.
    #[must_use]
    pub fn contested(self, why: &str) -> Self {
        self.string("contested", why)
    }

    /// A `[[position.cite]]` of `quote` from `source`.
    #[must_use]
    pub fn cite(mut self, source: &str, quote: &str) -> Self {
        self.cites.push((source.into(), quote.into(), None));
        self
    }

    /// A `[[position.cite]]` of `quote` from `source`, said or reported by `speaker`.
    #[must_use]
    pub fn cite_by(mut self, source: &str, quote: &str, speaker: &str) -> Self {
        self.cites
            .push((source.into(), quote.into(), Some(speaker.into())));
        self
    }

    /// The position's blocks, a blank line between them.
    fn blocks(&self) -> Vec<String> {
        let mut head = String::from("[[position]]\n");
        for (key, value) in &self.lines {
            let _ = writeln!(head, "{key} = {value}");
        }
        let mut out = vec![head];
        for (source, quote, speaker) in &self.cites {
            let mut cite = format!(
                "[[position.cite]]\nsource = {}\nquote = {}\n",
                emit::string(source),
                emit::string(quote)
            );
            if let Some(s) = speaker {
                let _ = writeln!(cite, "speaker = {}", emit::string(s));
            }
            out.push(cite);
        }
        out
    }
}

/// A positions.toml being written.
#[derive(Clone, Debug)]
pub struct ModelText {
    title: String,
    parties: Vec<PartyText>,
    issues: Vec<IssueText>,
    sources: Vec<SourceText>,
    positions: Vec<PositionText>,
}

impl ModelText {
    /// A model titled `title`, with nothing in it yet.
    pub fn new(title: &str) -> Self {
        ModelText {
            title: title.to_string(),
            parties: Vec::new(),
            issues: Vec::new(),
            sources: Vec::new(),
            positions: Vec::new(),
        }
    }

    /// Adds `[parties.ID]` with its name.
    #[must_use]
    pub fn party(mut self, id: &str, name: &str) -> Self {
        self.parties.push(PartyText {
            id: id.into(),
            name: name.into(),
        });
        self
    }

    /// Adds `[issues.ID]` without a scale.
    #[must_use]
    pub fn issue(self, id: &str, name: &str) -> Self {
        self.scaled_issue(id, name, &[])
    }

    /// Adds `[issues.ID]` with a scale of `(key, label)` steps, pole to pole.
    #[must_use]
    pub fn scaled_issue(mut self, id: &str, name: &str, scale: &[(&str, &str)]) -> Self {
        self.issues.push(IssueText {
            id: id.into(),
            name: name.into(),
            scale: scale
                .iter()
                .map(|&(k, l)| (k.to_string(), l.to_string()))
                .collect(),
        });
        self
    }

    /// Adds `[sources.ID]` for the file `file` of the sources directory, whose text
    /// [`ModelText::write`] writes as `text`.
    #[must_use]
    pub fn source(mut self, id: &str, file: &str, title: &str, text: &str) -> Self {
        self.sources.push(SourceText {
            id: id.into(),
            file: file.into(),
            title: title.into(),
            published: None,
            text: text.into(),
        });
        self
    }

    /// Gives the last source added a `published` date.
    #[must_use]
    pub fn published(mut self, date: &str) -> Self {
        if let Some(s) = self.sources.last_mut() {
            s.published = Some(date.into());
        }
        self
    }

    /// Adds a `[[position]]`.
    #[must_use]
    pub fn position(mut self, p: PositionText) -> Self {
        self.positions.push(p);
        self
    }

    /// The positions.toml.
    pub fn to_toml(&self) -> String {
        let mut blocks = vec![format!(
            "schema = 1\ntitle = {}\n",
            emit::string(&self.title)
        )];
        for p in &self.parties {
            blocks.push(format!(
                "[parties.{}]\nname = {}\n",
                p.id,
                emit::string(&p.name)
            ));
        }
        for i in &self.issues {
            let mut block = format!("[issues.{}]\nname = {}\n", i.id, emit::string(&i.name));
            if !i.scale.is_empty() {
                let _ = writeln!(block, "[issues.{}.scale]", i.id);
                for (key, label) in &i.scale {
                    let _ = writeln!(block, "{key} = {}", emit::string(label));
                }
            }
            blocks.push(block);
        }
        for s in &self.sources {
            let mut block = emit::source_block(&SourceEntry {
                id: &s.id,
                file: &s.file,
                title: &s.title,
                publisher: None,
                published: None,
                url: None,
            });
            if let Some(d) = &s.published {
                let _ = writeln!(block, "published = {d}");
            }
            blocks.push(block);
        }
        blocks.extend(self.positions.iter().flat_map(PositionText::blocks));
        blocks.join("\n")
    }

    /// Writes `dir/positions.toml` and every source's text into `dir/seeds/`, and
    /// returns the positions file.
    ///
    /// # Errors
    /// When a file cannot be written.
    pub fn write(&self, dir: &Path) -> std::io::Result<PathBuf> {
        let seeds = dir.join("seeds");
        std::fs::create_dir_all(&seeds)?;
        for s in &self.sources {
            std::fs::write(seeds.join(&s.file), &s.text)?;
        }
        let path = dir.join("positions.toml");
        std::fs::write(&path, self.to_toml())?;
        Ok(path)
    }

    /// The model loaded from a temporary folder holding it and its sources, with
    /// every diagnostic (the folder is gone once loaded: sources are read in full).
    ///
    /// # Errors
    /// When the files cannot be written.
    pub fn load(&self) -> std::io::Result<Loaded> {
        let dir = tempfile::tempdir()?;
        let path = self.write(dir.path())?;
        Ok(super::load(&path))
    }

    /// The model, which must load without errors.
    ///
    /// # Panics
    /// When it does not load, or has errors: listing them (for tests).
    pub fn model(&self) -> Model {
        let loaded = self.load().expect("a temporary folder can be written");
        match loaded.model {
            Some(m) => m,
            None => panic!(
                "the model does not load:\n{}\n{:#?}",
                self.to_toml(),
                loaded.diagnostics
            ),
        }
    }
}
