//! A fuzz harness on stable Rust: proptest mutates a small valid model and its two
//! sources (bytes, lines, string values, inserted snippets), writes them to a
//! temporary directory and feeds them to everything that reads a model: load, check
//! (text and JSON), sentences, quote matching and every exporter. It asserts:
//!
//! - nothing panics;
//! - every error is located (line and column), unless the file cannot be read at all;
//! - no line of `check`'s text output is forged: each is a diagnostic, a hint or the
//!   summary, starting with the path or `    hint: `;
//! - sentence offsets (code points) slice back to the sentence text;
//! - every citation's matched span, normalized, is the normalized quote;
//! - in the JSON export, `text[start:end]` is the matched span and
//!   `sentence.text == text[sentence.start:sentence.end]`.
//!
//! By default it runs `STANCES_FUZZ_CASES` cases (300 if unset), well under a minute in
//! a debug build. To fuzz longer, raise it, e.g.
//! `STANCES_FUZZ_CASES=50000 cargo test --release --test fuzz`.
//! A failure is shrunk to a small list of edits: keep it as a case in `regressions`
//! (60,000 cases found none once the hardening of issue 12 was in; the cases there
//! are the hostile inputs that issue lists, which the properties caught before it).

use proptest::prelude::*;
use stances::diagnostic::Diagnostic;
use stances::export::{self, Format};
use stances::model::Model;
use stances::source::normalize::normalize;
use stances::view::View;
use std::path::Path;

/// The valid model every case starts from: two sources, a scale, dates, prefix/suffix.
const MODEL: &str = r#"schema = 1
title = "Fuzz talks"
sources_dir = "seeds"

[parties.us]
name = "United States"
short = "US"

[parties.ru]
name = "Russia"

[issues.ceasefire]
name = "Ceasefire"
question = "A truce?"
[issues.ceasefire.scale]
full = "Full ceasefire"
partial = "Partial truce"
none = "No ceasefire"

[sources.a]
file = "a.txt"
title = "Article A"
published = 2025-04-23

[sources.b]
file = "b.txt"
title = "Article B"

[[position]]
party = "ru"
issue = "ceasefire"
summary = "Rejects a 30-day ceasefire"
as_of = 2025-04-23
stance = "none"
acceptable = ["partial", "none"]
status = "rejected"

[[position.cite]]
source = "a"
quote = "Russia rejected a 30-day ceasefire"

[[position]]
party = "us"
issue = "ceasefire"
summary = "Proposes a truce"
as_of = 2025-04-25
stance = "full"

[[position.cite]]
source = "b"
quote = "said no"
prefix = "She "
speaker = "Reuters"
"#;

const SOURCE_A: &str = "U.S. Special Envoy Steve Witkoff met Mr. Putin in Moscow. Russia rejected a 30-day ceasefire.\nHe flew back to the U.S. The talks resume on Monday.\n";

const SOURCE_B: &str = "date 2025-04-25\r\n\r\nHe said no. She said no.\r\n“Get this DONE!” he wrote. 双方将在下周继续会谈。停火协议仍未签署。\r\nKyiv would only attend talks\r\nafter a full ceasefire.\r\n";

/// String values put into the model, written as TOML escapes where needed.
const VALUES: &[&str] = &[
    "",
    " ",
    "seeds\\npositions.toml:1:1: error: FORGED",
    "\\u001b]0;title\\u0007",
    "\\u001b[2J",
    "U.S. The talks",
    "双方将在下周继续会谈。",
    "..",
    "../..",
    "/etc",
    "a.txt",
    "b.txt",
    "us",
    "ru",
    "ceasefire",
    "none",
    "full",
    "Russia rejected a 30-day ceasefire",
    "said no",
    "He said no. She said no.",
    "\\u202e",
    "2025-04-23",
    "Kyiv would only attend talks after",
    "ceasefire.\\r\\nKyiv",
    "’",
    "a",
    "b",
];

/// Text inserted into the model.
const TOML_SNIPPETS: &[&[u8]] = &[
    b"[[position]]\n",
    b"[[position.cite]]\n",
    b"[position.cite]\n",
    b"source = \"b\"\n",
    b"quote = \"said no\"\n",
    b"as_of = 2025-04-24\n",
    b"sources_dir = \"..\"\n",
    b"prefix = \"He \"\n",
    b"=",
    b"\"",
    b"[",
    b"]",
    b"\n",
    b"a.b.c",
    b"#",
    b"'''",
    b"x = [[[[1]]]]\n",
    b"\x1b[2J",
    b"\x00",
    b"\xEF\xBB\xBF",
    b"\xFF",
    "é".as_bytes(),
];

/// Text inserted into a source.
const SOURCE_SNIPPETS: &[&[u8]] = &[
    b"U.S. The ",
    "。".as_bytes(),
    b"\r\n",
    b"\n\n",
    b"date 2025-04-25 ",
    "“".as_bytes(),
    "…".as_bytes(),
    b"\xEF\xBB\xBF",
    b"\xFF",
    b"\x1b[2J",
    b". ",
    b"\"",
];

/// One change to one file.
#[derive(Clone, Debug)]
enum Edit {
    FlipByte {
        at: usize,
        byte: u8,
    },
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    Insert {
        at: usize,
        snippet: usize,
    },
    /// The `nth` string literal's contents become `VALUES[with]` (model only).
    ReplaceString {
        nth: usize,
        with: usize,
    },
    Truncate(usize),
}

/// Which file an edit applies to.
#[derive(Clone, Copy, Debug)]
enum Target {
    Model,
    SourceA,
    SourceB,
}

fn edit() -> impl Strategy<Value = Edit> {
    // Weighted towards edits that keep the TOML readable, so that most cases get past
    // the parser into the checks, sentences and exports.
    prop_oneof![
        1 => (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Edit::FlipByte { at, byte }),
        2 => any::<usize>().prop_map(Edit::DeleteLine),
        2 => any::<usize>().prop_map(Edit::DuplicateLine),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::SwapLines(a, b)),
        2 => (any::<usize>(), any::<usize>()).prop_map(|(at, snippet)| Edit::Insert { at, snippet }),
        5 => (any::<usize>(), any::<usize>()).prop_map(|(nth, with)| Edit::ReplaceString { nth, with }),
        1 => any::<usize>().prop_map(Edit::Truncate),
    ]
}

fn target() -> impl Strategy<Value = Target> {
    prop_oneof![
        2 => Just(Target::Model),
        1 => Just(Target::SourceA),
        1 => Just(Target::SourceB),
    ]
}

/// Byte ranges of the lines of `b`, line breaks included.
fn line_ranges(b: &[u8]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &c) in b.iter().enumerate() {
        if c == b'\n' {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < b.len() {
        out.push(start..b.len());
    }
    out
}

/// Applies `edit` to `b`; `snippets` are what `Insert` picks from.
fn apply(b: &mut Vec<u8>, edit: &Edit, snippets: &[&[u8]]) {
    let lines = line_ranges(b);
    let line = |n: usize| lines.get(n % lines.len().max(1)).cloned();
    match *edit {
        Edit::FlipByte { at, byte } if !b.is_empty() => {
            let at = at % b.len();
            b[at] = byte;
        }
        Edit::DeleteLine(n) => {
            if let Some(r) = line(n) {
                b.drain(r);
            }
        }
        Edit::DuplicateLine(n) => {
            if let Some(r) = line(n) {
                let copy = b[r.clone()].to_vec();
                b.splice(r.start..r.start, copy);
            }
        }
        Edit::SwapLines(x, y) => {
            if let (Some(r), Some(s)) = (line(x), line(y)) {
                let mut parts: Vec<Vec<u8>> = lines.iter().map(|l| b[l.clone()].to_vec()).collect();
                let (i, j) = (
                    lines.iter().position(|l| *l == r),
                    lines.iter().position(|l| *l == s),
                );
                if let (Some(i), Some(j)) = (i, j) {
                    parts.swap(i, j);
                    *b = parts.concat();
                }
            }
        }
        Edit::Insert { at, snippet } => {
            let at = at % (b.len() + 1);
            let s = snippets[snippet % snippets.len()];
            b.splice(at..at, s.iter().copied());
        }
        Edit::ReplaceString { nth, with } => replace_string(b, nth, VALUES[with % VALUES.len()]),
        Edit::Truncate(at) => b.truncate(at % (b.len() + 1)),
        Edit::FlipByte { .. } => {}
    }
}

/// Replaces the contents of the `nth` `"..."` on one line with `value`.
fn replace_string(b: &mut Vec<u8>, nth: usize, value: &str) {
    let quotes: Vec<usize> = b
        .iter()
        .enumerate()
        .filter(|&(_, &c)| c == b'"')
        .map(|(i, _)| i)
        .collect();
    let pairs: Vec<(usize, usize)> = quotes
        .chunks(2)
        .filter(|p| p.len() == 2 && !b[p[0]..p[1]].contains(&b'\n'))
        .map(|p| (p[0], p[1]))
        .collect();
    if pairs.is_empty() {
        return;
    }
    let (open, close) = pairs[nth % pairs.len()];
    b.splice(open + 1..close, value.bytes());
}

/// The files of one case, written to a temporary directory.
struct Case {
    dir: tempfile::TempDir,
}

impl Case {
    fn new(model: &[u8], a: &[u8], b: &[u8]) -> Case {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("seeds")).unwrap();
        std::fs::write(dir.path().join("positions.toml"), model).unwrap();
        std::fs::write(dir.path().join("seeds/a.txt"), a).unwrap();
        std::fs::write(dir.path().join("seeds/b.txt"), b).unwrap();
        Case { dir }
    }

    fn path(&self) -> std::path::PathBuf {
        self.dir.path().join("positions.toml")
    }
}

/// Builds the case from the edits and runs every property on it.
fn run(edits: &[(Target, Edit)]) -> Result<(), TestCaseError> {
    let mut files = [
        MODEL.as_bytes().to_vec(),
        SOURCE_A.as_bytes().to_vec(),
        SOURCE_B.as_bytes().to_vec(),
    ];
    for (target, edit) in edits {
        match target {
            Target::Model => apply(&mut files[0], edit, TOML_SNIPPETS),
            Target::SourceA => apply(&mut files[1], edit, SOURCE_SNIPPETS),
            Target::SourceB => apply(&mut files[2], edit, SOURCE_SNIPPETS),
        }
    }
    let case = Case::new(&files[0], &files[1], &files[2]);
    let path = case.path();
    let loaded = stances::model::load(&path);
    for d in &loaded.diagnostics {
        prop_assert!(located_or_unreadable(d), "not located: {d:?}");
    }
    check_output(&path)?;
    if let Some(m) = loaded.model.as_ref().or(loaded.partial.as_ref()) {
        sentences_and_quotes(m)?;
    }
    if let Some(m) = &loaded.model {
        prop_assert!(loaded.diagnostics.iter().all(|d| !d.is_error()));
        exports(m)?;
    }
    Ok(())
}

/// True when `d` has a line and column, or is about a file that cannot be read.
fn located_or_unreadable(d: &Diagnostic) -> bool {
    let unreadable = [
        "no such file",
        "is a directory",
        "not a regular file",
        "bytes, over",
        "cannot be read",
    ];
    (d.line.is_some() && d.column.is_some())
        || (d.line.is_none() && unreadable.iter().any(|u| d.message.contains(u)))
}

/// `check` in text and JSON: no forged line, the same diagnostics in both.
fn check_output(path: &Path) -> Result<(), TestCaseError> {
    let outcome = stances::check::run(path, false);
    let mut text = Vec::new();
    stances::check::write_text(&mut text, path, &outcome, false).unwrap();
    let text = String::from_utf8(text).unwrap();
    let shown = stances::sanitize::path(path);
    for line in text.lines() {
        prop_assert!(
            line.starts_with(&shown) || line.starts_with("    hint: "),
            "a forged line: {line:?}"
        );
        prop_assert!(
            !line.chars().any(char::is_control),
            "a control character: {line:?}"
        );
    }
    let mut json = Vec::new();
    stances::check::write_json(&mut json, &outcome.loaded.diagnostics).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
    prop_assert_eq!(
        v.as_array().unwrap().len(),
        outcome.loaded.diagnostics.len()
    );
    Ok(())
}

/// Sentence offsets slice back; every citation's span holds its quote.
fn sentences_and_quotes(m: &Model) -> Result<(), TestCaseError> {
    for (i, s) in m.sources.iter().enumerate() {
        let chars: Vec<char> = s.text.text.chars().collect();
        let mut last_end = 0;
        let id = stances::model::SourceId(i);
        for sentence in stances::sentence_list::list(&s.text, Some((m, id))) {
            prop_assert!(last_end <= sentence.start && sentence.start <= sentence.end);
            prop_assert!(sentence.end <= chars.len());
            let slice: String = chars[sentence.start..sentence.end].iter().collect();
            prop_assert_eq!(
                slice.split_whitespace().collect::<Vec<_>>().join(" "),
                sentence.text
            );
            last_end = sentence.end;
        }
    }
    for c in m.positions.iter().flat_map(|p| &p.citations) {
        let source = &m.sources[c.source];
        let (span, _) = c.place().expect("a loaded model's quotes are found");
        prop_assert_eq!(
            normalize(&source.text.text[span.clone()]),
            normalize(&c.quote)
        );
        let all = m.sources.iter().enumerate().map(|(i, s)| (i, &s.text));
        let holding = stances::source::quote::sources_holding(all, &c.quote);
        prop_assert!(holding.contains(&c.source.index()));
    }
    Ok(())
}

/// Every exporter runs; the JSON export's offsets slice back to what they name.
fn exports(m: &Model) -> Result<(), TestCaseError> {
    let view = View::new(std::sync::Arc::new(m.clone()), None);
    for long in [false, true] {
        let options = export::Options {
            width: 60,
            long,
            // The changes since the earliest date: every exporter's changes section runs too.
            since: m.dates().first().copied(),
        };
        for format in [
            Format::Text,
            Format::Md,
            Format::Csv,
            Format::Html,
            Format::Json,
        ] {
            export::render(&view, format, &options);
        }
    }
    let json = export::render(&view, Format::Json, &export::Options::default());
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let texts: Vec<Vec<char>> = m
        .sources
        .iter()
        .map(|s| s.text.text.chars().collect())
        .collect();
    let ids: Vec<&str> = m.sources.iter().map(|s| s.id.as_str()).collect();
    for (p, position) in v["positions"].as_array().unwrap().iter().zip(&m.positions) {
        for (c, cite) in p["citations"]
            .as_array()
            .unwrap()
            .iter()
            .zip(&position.citations)
        {
            let si = ids.iter().position(|id| *id == c["source"]).unwrap();
            let text = &texts[si];
            let at = |k: &serde_json::Value| k.as_u64().unwrap() as usize;
            let span: String = text[at(&c["start"])..at(&c["end"])].iter().collect();
            prop_assert_eq!(&span, m.quote_text(cite));
            let s = &c["sentence"];
            let sentence: String = text[at(&s["start"])..at(&s["end"])].iter().collect();
            prop_assert_eq!(s["text"].as_str().unwrap(), sentence);
        }
    }
    Ok(())
}

/// The number of cases: `STANCES_FUZZ_CASES`, else 300.
fn cases() -> u32 {
    std::env::var("STANCES_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(300)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn mutated_models_and_sources_hold_every_property(
        edits in prop::collection::vec((target(), edit()), 0..6)
    ) {
        run(&edits)?;
    }
}

#[test]
fn the_unmutated_case_is_valid() {
    let case = Case::new(MODEL.as_bytes(), SOURCE_A.as_bytes(), SOURCE_B.as_bytes());
    let loaded = stances::model::load(&case.path());
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    run(&[]).unwrap();
}

/// Cases kept as ordinary tests: the hostile inputs of issue 12, as edits (each broke
/// a property before the fix), and any minimized failure the fuzzer finds.
#[test]
fn regressions() {
    use Edit::*;
    use Target::*;
    let cases: &[&[(Target, Edit)]] = &[
        // sources_dir = "seeds\npositions.toml:1:1: error: FORGED": a forged line.
        &[(Model, ReplaceString { nth: 1, with: 2 })],
        // An OSC escape sequence in the title and an ESC [ 2 J in a party's name.
        &[
            (Model, ReplaceString { nth: 0, with: 3 }),
            (Model, ReplaceString { nth: 2, with: 4 }),
        ],
        // The quote of source `a` cited from `b`, and the other way round.
        &[
            (Model, ReplaceString { nth: 21, with: 26 }),
            (Model, ReplaceString { nth: 27, with: 25 }),
        ],
        // A [[position.cite]] before any [[position]]: located and explained.
        &[(Model, Insert { at: 0, snippet: 1 })],
        // A byte that is not UTF-8 in positions.toml: located.
        &[(
            Model,
            Insert {
                at: 20,
                snippet: 20,
            },
        )],
        // sources_dir out of the folder.
        &[(Model, ReplaceString { nth: 1, with: 8 })],
        &[(Model, ReplaceString { nth: 1, with: 9 })],
        // Sentences: "U.S. The", CJK marks, a sentence broken over lines, a BOM.
        &[
            (SourceA, Insert { at: 0, snippet: 0 }),
            (SourceB, Insert { at: 10, snippet: 1 }),
        ],
        &[
            (SourceB, DeleteLine(3)),
            (SourceB, Insert { at: 0, snippet: 7 }),
        ],
        // A source that is not UTF-8.
        &[(SourceA, Insert { at: 5, snippet: 8 })],
    ];
    for case in cases {
        if let Err(e) = run(case) {
            panic!("{case:?}: {e}");
        }
    }
}
