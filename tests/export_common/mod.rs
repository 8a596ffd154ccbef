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
pub const HOSTILE_SOURCE: &str = "date 2025-04-20\n\n\
The envoy wrote <script>alert(1)</script> & said \"A | B\" today.\n\
Officials typed =HYPERLINK(\"http://evil.example\",\"x\") into the sheet.\n\n\
Colour codes \x1b[31mred\x1b[0m appeared. 北京与基辅的谈判仍在继续。\n\n\
The text \u{202E}txet desrever\u{202C} and العربية were quoted. Mr. Smith said *bold* _under_ `code` [x](javascript:alert(1)) here.\n";

/// A source with a link that must not be followed.
pub const PLAIN_SOURCE: &str = "Plain words here. Nothing else.\n";

/// positions.toml of the hostile fixture: every kind of string the exports must escape.
pub const HOSTILE_TOML: &str = r#"schema = 1
title = "Talks <script>alert('t')</script> & \"quotes\" | pipes \u001b[31mred"
description = "Line one\nLine two <b>bold</b> & | *star*"

[parties.a]
name = "<script>alert('a')</script>"
short = "A<"

[parties.b]
name = "=HYPERLINK(\"http://evil.example\",\"click\")"

[parties.c]
name = "中文 \u202Eevil\u202C العربية"

[parties.d]
name = "Pipe | party *star* _u_ `tick` [l](x)"

[parties.e]
name = "Silent"

[issues.one]
name = "Issue | one <i>"
question = "What & why? \u001b]0;title\u0007"
[issues.one.scale]
low = "Low <end>"
mid_point = "Middle | \"mid\""
high = "High & end"

[issues.two]
name = "-2+3"

[issues.three]
name = "@sum\r\nnext"

[sources.s]
file = "hostile.txt"
title = "Title <script> & \"q\" | x *y*"
publisher = "Pub\u001b[1m"
url = "https://example.com/a path?x=\"1\"&y=<2>"

[sources.j]
file = "plain.txt"
title = "Plain"
url = "javascript:alert(1)"

[[position]]
party = "a"
issue = "one"
summary = "<script>alert(1)</script> & more"
detail = "<img src=x onerror=alert(1)>"
as_of = 2025-04-20
stance = "low"
status = "stated"

[[position.cite]]
source = "s"
quote = "wrote <script>alert(1)</script> & said \"A | B\""
speaker = "<b>Envoy</b>"

[[position]]
party = "b"
issue = "one"
summary = "=HYPERLINK(\"http://evil.example\",\"x\")"
as_of = 2025-04-20
stance = "high"

[[position.cite]]
source = "s"
quote = "=HYPERLINK(\"http://evil.example\",\"x\")"

[[position.cite]]
source = "j"
quote = "Plain words here."

[[position]]
party = "c"
issue = "one"
summary = "中文 \u202Eevil\u202C عربي\nsecond line"
as_of = 2025-04-20
stance = "mid_point"

[[position.cite]]
source = "s"
quote = "北京与基辅的谈判仍在继续"

[[position.cite]]
source = "s"
quote = "The text \u202Etxet desrever\u202C and العربية were quoted."

[[position]]
party = "d"
issue = "one"
summary = "a | b * c < d\n- e _f_ `g` [h](i) \\ &amp;"
as_of = 2025-04-20

[[position.cite]]
source = "s"
quote = "*bold* _under_ `code` [x](javascript:alert(1))"

[[position]]
party = "a"
issue = "two"
summary = "\u001b[31mred\u001b[0m\ttab"
as_of = 2025-04-10

[[position.cite]]
source = "s"
quote = "Colour codes \u001b[31mred\u001b[0m appeared."

[[position]]
party = "a"
issue = "two"
summary = "Later: +1"
as_of = 2025-04-22

[[position.cite]]
source = "s"
quote = "Colour codes"

[[position]]
party = "b"
issue = "three"
summary = "@SUM(1+1) | -x"

[[position.cite]]
source = "s"
quote = "Mr. Smith said"
"#;

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
