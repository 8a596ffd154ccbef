//! A small valid model in a temporary folder, for tests that change a part of it and
//! look at what `stances` says.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::build::{ModelText, PositionText};
use std::path::PathBuf;

/// The source text every project ships as `seeds/a.txt`.
pub const SOURCE_A: &str = "U.S. Special Envoy Steve Witkoff met Mr. Putin in Moscow. Russia rejected a 30-day ceasefire.\n\
He said no. She said no.\n";

/// The valid model tests start from: the US and Russia, a two-step ceasefire scale,
/// source `a` ([`SOURCE_A`]) and Russia's rejection of a 30-day ceasefire citing it.
pub fn valid_model() -> ModelText {
    ModelText::new("Test talks")
        .party("us", "United States")
        .party("ru", "Russia")
        .scaled_issue(
            "ceasefire",
            "Ceasefire",
            &[("full", "Full ceasefire"), ("none", "No ceasefire")],
        )
        .source("a", "a.txt", "Article A", SOURCE_A)
        .published("2025-04-23")
        .position(
            PositionText::new("ru", "ceasefire", "Rejects a 30-day ceasefire")
                .as_of("2025-04-23")
                .stance("none")
                .cite("a", "Russia rejected a 30-day ceasefire"),
        )
}

/// The positions.toml of [`valid_model`], which tests change a part of.
pub fn valid() -> String {
    valid_model().to_toml()
}

/// A temporary project: `positions.toml` and `seeds/a.txt`.
pub struct Project {
    /// The folder, removed on drop.
    pub dir: tempfile::TempDir,
}

impl Project {
    /// A project whose positions.toml is `toml`.
    ///
    /// # Panics
    /// When the temporary folder cannot be written.
    pub fn new(toml: &str) -> Project {
        let dir = tempfile::tempdir().expect("a temporary folder");
        std::fs::create_dir(dir.path().join("seeds")).expect("seeds/");
        std::fs::write(dir.path().join("seeds/a.txt"), SOURCE_A).expect("seeds/a.txt");
        std::fs::write(dir.path().join("positions.toml"), toml).expect("positions.toml");
        Project { dir }
    }

    /// A project whose positions.toml is `toml` and whose `seeds/` is empty, for the
    /// tests of bringing sources in.
    ///
    /// # Panics
    /// When the temporary folder cannot be written.
    pub fn empty(toml: &str) -> Project {
        let dir = tempfile::tempdir().expect("a temporary folder");
        std::fs::create_dir(dir.path().join("seeds")).expect("seeds/");
        std::fs::write(dir.path().join("positions.toml"), toml).expect("positions.toml");
        Project { dir }
    }

    /// A project of the [`valid`] model.
    pub fn valid() -> Project {
        Project::new(&valid())
    }

    /// Its positions file.
    pub fn path(&self) -> PathBuf {
        self.dir.path().join("positions.toml")
    }

    /// Writes `bytes` into the file `rel` of the project (folders made as needed).
    ///
    /// # Panics
    /// When it cannot be written.
    pub fn write(&self, rel: &str, bytes: &[u8]) {
        let p = self.dir.path().join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("the folder");
        }
        std::fs::write(p, bytes).expect("the file");
    }

    /// The diagnostics of loading the project.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        crate::model::load(&self.path()).diagnostics
    }

    /// The stdout of `stances check --format json` run in the project, which must exit
    /// with `code`.
    ///
    /// # Panics
    /// When the command does not run or exits otherwise.
    pub fn check_json(&self, code: i32) -> Vec<u8> {
        assert_cmd::Command::cargo_bin("stances")
            .expect("the stances binary")
            .timeout(std::time::Duration::from_secs(20))
            .current_dir(self.dir.path())
            .args(["check", "--format", "json"])
            .assert()
            .code(code)
            .get_output()
            .stdout
            .clone()
    }
}

/// Loads `toml` as a project and returns its diagnostics.
pub fn diagnostics(toml: &str) -> Vec<Diagnostic> {
    Project::new(toml).diagnostics()
}

/// The one diagnostic of `severity` whose message holds `needle`.
///
/// # Panics
/// When there is not exactly one: listing them all.
pub fn find<'a>(diags: &'a [Diagnostic], severity: Severity, needle: &str) -> &'a Diagnostic {
    let found: Vec<&Diagnostic> = diags
        .iter()
        .filter(|d| d.severity == severity && d.message.contains(needle))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "want one {severity} with {needle:?}, got:\n{diags:#?}"
    );
    found[0]
}

/// `(line, column)` of a diagnostic.
///
/// # Panics
/// When it has no place in the file.
pub fn at(d: &Diagnostic) -> (usize, usize) {
    (d.line.expect("line"), d.column.expect("column"))
}
