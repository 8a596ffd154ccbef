//! Shared by the export tests: the bundled model and a hostile fixture.
#![allow(dead_code)]

use stances::export::{self, Format, Options};
use stances::model::Model;
use stances::view::View;
use std::path::{Path, PathBuf};

/// The bundled positions file.
pub fn bundled() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("positions.toml")
}

/// A source full of things that must not leak into exports as markup or control codes.
pub const HOSTILE_SOURCE: &str = include_str!("../fixtures/hostile/seeds/hostile.txt");

/// A plain source of the hostile fixture (a link to it must not be followed).
pub const PLAIN_SOURCE: &str = include_str!("../fixtures/hostile/seeds/plain.txt");

/// positions.toml of the hostile fixture: every kind of string the exports must escape.
pub const HOSTILE_TOML: &str = include_str!("../fixtures/hostile/positions.toml");

/// The hostile fixture in a temporary directory: `positions.toml` and `seeds/`.
pub struct Hostile {
    /// The directory, removed on drop.
    pub dir: tempfile::TempDir,
}

impl Hostile {
    /// Writes the fixture.
    pub fn new() -> Hostile {
        let dir = tempfile::tempdir().unwrap();
        write_hostile(dir.path());
        Hostile { dir }
    }

    /// Its positions file.
    pub fn path(&self) -> PathBuf {
        self.dir.path().join("positions.toml")
    }
}

/// Writes the hostile fixture into `dir`.
pub fn write_hostile(dir: &Path) {
    std::fs::create_dir_all(dir.join("seeds")).unwrap();
    std::fs::write(dir.join("seeds/hostile.txt"), HOSTILE_SOURCE).unwrap();
    std::fs::write(dir.join("seeds/plain.txt"), PLAIN_SOURCE).unwrap();
    std::fs::write(dir.join("positions.toml"), HOSTILE_TOML).unwrap();
}

/// Loads a model, failing the test with its diagnostics when it has errors.
pub fn load(path: &Path) -> Model {
    let loaded = stances::model::load(path);
    match loaded.model {
        Some(m) => m,
        None => panic!(
            "{} does not load: {:#?}",
            path.display(),
            loaded.diagnostics
        ),
    }
}

/// Renders `model` at `date` (default: latest) in `format`.
pub fn render(model: &Model, format: Format, date: Option<&str>) -> String {
    let date = date.map(|d| stances::date::Date::parse(d).unwrap());
    let view = View::new(std::sync::Arc::new(model.clone()), date);
    export::render(&view, format, &Options::default())
}

/// Both models the export tests run on: (name, model).
pub fn models() -> (Model, Hostile, Model) {
    let hostile = Hostile::new();
    let m = load(&hostile.path());
    (load(&bundled()), hostile, m)
}

/// True when `s` holds a character that must never reach an exported file raw:
/// C0 controls other than tab and line feed, DEL, C1 controls, bidi overrides.
pub fn has_raw_control(s: &str) -> bool {
    s.chars().any(|c| {
        (c.is_control() && c != '\n' && c != '\t' && c != '\r')
            || ('\u{202A}'..='\u{202E}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    })
}

/// What a summary looks like once cleaned and put on one line.
pub fn shown(s: &str) -> String {
    stances::sanitize::one_line(s)
}
