//! Shared fixtures: a small valid model in a temporary directory.
#![allow(dead_code)]

use stances::diagnostic::{Diagnostic, Severity};
use std::path::PathBuf;

/// The source text every fixture ships as `seeds/a.txt`.
pub const SOURCE_A: &str = "U.S. Special Envoy Steve Witkoff met Mr. Putin in Moscow. Russia rejected a 30-day ceasefire.\n\
He said no. She said no.\n";

/// A valid model; tests replace parts of it.
pub const VALID: &str = r#"schema = 1
title = "Test talks"

[parties.us]
name = "United States"

[parties.ru]
name = "Russia"

[issues.ceasefire]
name = "Ceasefire"
[issues.ceasefire.scale]
full = "Full ceasefire"
none = "No ceasefire"

[sources.a]
file = "a.txt"
title = "Article A"
published = 2025-04-23

[[position]]
party = "ru"
issue = "ceasefire"
summary = "Rejects a 30-day ceasefire"
as_of = 2025-04-23
stance = "none"

[[position.cite]]
source = "a"
quote = "Russia rejected a 30-day ceasefire"
"#;

/// A temporary project: `positions.toml` and `seeds/a.txt`.
pub struct Project {
    pub dir: tempfile::TempDir,
}

impl Project {
    /// The stdout of `stances check --format json` run in the project, which must exit
    /// with `code`.
    pub fn check_json(&self, code: i32) -> Vec<u8> {
        assert_cmd::Command::cargo_bin("stances")
            .unwrap()
            .timeout(std::time::Duration::from_secs(20))
            .current_dir(self.dir.path())
            .args(["check", "--format", "json"])
            .assert()
            .code(code)
            .get_output()
            .stdout
            .clone()
    }

    pub fn new(toml: &str) -> Project {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("seeds")).unwrap();
        std::fs::write(dir.path().join("seeds/a.txt"), SOURCE_A).unwrap();
        std::fs::write(dir.path().join("positions.toml"), toml).unwrap();
        Project { dir }
    }

    pub fn path(&self) -> PathBuf {
        self.dir.path().join("positions.toml")
    }

    pub fn write(&self, rel: &str, bytes: &[u8]) {
        let p = self.dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }

    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        stances::model::load(&self.path()).diagnostics
    }
}

/// Loads `toml` as a project and returns its diagnostics.
pub fn diagnostics(toml: &str) -> Vec<Diagnostic> {
    Project::new(toml).diagnostics()
}

/// The one diagnostic of `severity` whose message holds `needle`; panics listing them all otherwise.
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
pub fn at(d: &Diagnostic) -> (usize, usize) {
    (d.line.expect("line"), d.column.expect("column"))
}
