//! The committed models: the bundled one and those of `tests/fixtures/`, among them a
//! hostile one full of strings the exports must escape.

use crate::export::{self, Format, Options};
use crate::model::Model;
use crate::view::View;
use std::path::{Path, PathBuf};

/// The bundled positions file.
pub fn bundled() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("positions.toml")
}

/// The positions file of a committed fixture: `tests/fixtures/NAME/positions.toml`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .join("positions.toml")
}

/// A source full of things that must not leak into exports as markup or control codes.
pub const HOSTILE_SOURCE: &str = include_str!("../../tests/fixtures/hostile/seeds/hostile.txt");

/// A plain source of the hostile fixture (a link to it must not be followed).
pub const PLAIN_SOURCE: &str = include_str!("../../tests/fixtures/hostile/seeds/plain.txt");

/// positions.toml of the hostile fixture: every kind of string the exports must escape.
pub const HOSTILE_TOML: &str = include_str!("../../tests/fixtures/hostile/positions.toml");

/// The hostile fixture in a temporary folder: `positions.toml` and `seeds/`.
pub struct Hostile {
    /// The folder, removed on drop.
    pub dir: tempfile::TempDir,
}

impl Hostile {
    /// Writes the fixture.
    ///
    /// # Panics
    /// When the temporary folder cannot be written.
    pub fn write() -> Hostile {
        let dir = tempfile::tempdir().expect("a temporary folder");
        write_hostile(dir.path());
        Hostile { dir }
    }

    /// Its positions file.
    pub fn path(&self) -> PathBuf {
        self.dir.path().join("positions.toml")
    }
}

/// Writes the hostile fixture into `dir`.
///
/// # Panics
/// When it cannot be written.
pub fn write_hostile(dir: &Path) {
    std::fs::create_dir_all(dir.join("seeds")).expect("seeds/");
    std::fs::write(dir.join("seeds/hostile.txt"), HOSTILE_SOURCE).expect("hostile.txt");
    std::fs::write(dir.join("seeds/plain.txt"), PLAIN_SOURCE).expect("plain.txt");
    std::fs::write(dir.join("positions.toml"), HOSTILE_TOML).expect("positions.toml");
}

/// Loads a model that must load without errors.
///
/// # Panics
/// When it does not: listing its diagnostics.
pub fn load(path: &Path) -> Model {
    let loaded = crate::model::load(path);
    match loaded.model {
        Some(m) => m,
        None => panic!(
            "{} does not load: {:#?}",
            path.display(),
            loaded.diagnostics
        ),
    }
}

/// Loads the fixture `name`, which must load without errors.
pub fn fixture_model(name: &str) -> Model {
    load(&fixture(name))
}

/// `model` exported at `date` (default: latest) in `format`.
///
/// # Panics
/// When `date` is not a date.
pub fn render(model: &Model, format: Format, date: Option<&str>) -> String {
    let date = date.map(|d| crate::date::Date::parse(d).expect("a date"));
    let view = View::new(std::sync::Arc::new(model.clone()), date);
    export::render(&view, format, &Options::default())
}

/// Both models the export tests run on: the bundled one, and the hostile one with the
/// folder holding it.
pub fn models() -> (Model, Hostile, Model) {
    let hostile = Hostile::write();
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
    crate::sanitize::one_line(s)
}
