//! `stances add-source` on the committed fixtures (a news page, a two-page PDF) and on
//! bad input; re-anchoring a quote after its source was corrected.
#![cfg(feature = "import")]

use assert_cmd::Command;
use lopdf::{Document, Object, ObjectId, Stream, dictionary};
use std::path::{Path, PathBuf};

const FIXTURES: &str = "tests/fixtures/ingest";

const MODEL: &str = r#"schema = 1
title = "Ingest test"   # a comment, kept byte for byte

[parties.eu]
name = "Europe"

[parties.ua]
name = "Ukraine"

[issues.ceasefire]
name = "Ceasefire"
"#;

fn stances() -> Command {
    Command::cargo_bin("stances").unwrap()
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(FIXTURES)
        .join(name)
}

/// A folder with positions.toml (MODEL) and an empty seeds/.
fn project() -> tempfile::TempDir {
    stances::testing::project::Project::empty(MODEL).dir
}

/// The text lines of each page: (font size, y, text).
type Page<'a> = Vec<(u32, u32, &'a str)>;

/// A PDF with the standard Helvetica font, one content stream per page (uncompressed,
/// unlike `examples/support/inputs.rs`: the committed `communique.pdf` is this function's
/// output byte for byte), and an information dictionary. With `encrypt`, the trailer names an encryption
/// dictionary whose password is unknown.
fn make_pdf(pages: &[Page], encrypt: bool) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let resources = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font } });
    let mut kids = Vec::new();
    for lines in pages {
        let mut ops = String::new();
        for (size, y, text) in lines {
            ops.push_str(&format!("BT /F1 {size} Tf 72 {y} Td ({text}) Tj ET\n"));
        }
        let content = doc.add_object(Stream::new(dictionary! {}, ops.into_bytes()));
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content,
            "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
            "Resources" => resources,
        });
        kids.push(Object::Reference(page));
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    let info = doc.add_object(dictionary! {
        "Title" => Object::string_literal("Joint statement on the ceasefire talks"),
        "CreationDate" => Object::string_literal("D:20250426093000+02'00'"),
    });
    doc.trailer.set("Root", catalog);
    doc.trailer.set("Info", info);
    if encrypt {
        let enc = doc.add_object(dictionary! {
            "Filter" => "Standard", "V" => 1, "R" => 2, "P" => -44,
            "O" => Object::string_literal(vec![0x11u8; 32]),
            "U" => Object::string_literal(vec![0x22u8; 32]),
        });
        doc.trailer.set("Encrypt", enc);
        doc.trailer.set(
            "ID",
            vec![
                Object::string_literal(vec![1u8; 16]),
                Object::string_literal(vec![1u8; 16]),
            ],
        );
    }
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

const HEADER: &str = "Ministry of Foreign Affairs - Press Office";

/// The committed two-page communiqué: a running header and page footer, a word
/// hyphenated at a line end, two paragraphs on page one and one on page two.
fn communique() -> Vec<u8> {
    make_pdf(
        &[
            vec![
                (9, 770, HEADER),
                (11, 680, "The ministers agreed to resume nego-"),
                (11, 666, "tiations on a full ceasefire in Geneva on 12 May."),
                (
                    11,
                    630,
                    "Both delegations welcomed the release of prisoners",
                ),
                (11, 616, "and the return of children to their families."),
                (9, 40, "Page 1 of 2"),
            ],
            vec![
                (9, 770, HEADER),
                (
                    11,
                    680,
                    "A monitoring mission will report to the foreign ministers",
                ),
                (11, 666, "every two weeks."),
                (9, 40, "Page 2 of 2"),
            ],
        ],
        false,
    )
}

#[test]
fn the_committed_pdf_is_the_one_the_generator_makes() {
    let path = fixture("communique.pdf");
    if std::env::var_os("STANCES_WRITE_FIXTURES").is_some() {
        std::fs::write(&path, communique()).unwrap();
    }
    assert_eq!(std::fs::read(&path).unwrap(), communique());
}

#[test]
fn the_news_page_becomes_its_article() {
    let e = stances::ingest::extract(&fixture("news.html")).unwrap();
    assert_eq!(
        e.text,
        "Envoy to meet Putin as allies weigh truce\n\n\
         U.S. Special Envoy Steve Witkoff is expected to meet Russian President Vladimir Putin in Moscow on Friday, the Kremlin said.\n\n\
         European leaders said a full ceasefire must come before any talks on territory. “There can be no deal about Ukraine without Ukraine,” a French official said.\n\n\
         Kyiv proposed a truce on strikes against energy sites & civilian infrastructure."
    );
    assert_eq!(
        e.title.as_deref(),
        Some("Envoy to meet Putin as allies weigh truce")
    );
    assert_eq!(e.date.map(|d| d.to_string()).as_deref(), Some("2025-04-25"));
    assert_eq!(
        e.url.as_deref(),
        Some("https://ledger.example/world/envoy-putin-truce")
    );
    assert_eq!(e.publisher.as_deref(), Some("The Daily Ledger"));
}

#[test]
fn the_pdf_becomes_paragraphs_without_running_heads() {
    let e = stances::ingest::extract(&fixture("communique.pdf")).unwrap();
    assert_eq!(
        e.text,
        "The ministers agreed to resume negotiations on a full ceasefire in Geneva on 12 May.\n\n\
         Both delegations welcomed the release of prisoners and the return of children to their families.\n\n\
         A monitoring mission will report to the foreign ministers every two weeks."
    );
    assert_eq!(
        e.title.as_deref(),
        Some("Joint statement on the ceasefire talks")
    );
    assert_eq!(e.date.map(|d| d.to_string()).as_deref(), Some("2025-04-26"));
}

/// The sentences of a written source, as `stances sentences` numbers them.
fn sentences(path: &Path) -> Vec<String> {
    let s = stances::source::SourceText::load(path).unwrap();
    s.sentences()
        .iter()
        .map(|r| s.text[r.clone()].to_string())
        .collect()
}

const POSITIONS: &str = r#"
[[position]]
party = "eu"
issue = "ceasefire"
summary = "Ceasefire before territory"
as_of = 2025-04-25

[[position.cite]]
source = "2025-04-25-envoy-to-meet-putin-as-allies"
quote = "a full ceasefire must come before any talks on territory"

[[position]]
party = "ua"
issue = "ceasefire"
summary = "Talks on a full ceasefire"
as_of = 2025-04-26

[[position.cite]]
source = "2025-04-26-joint-statement-on-the-ceasefire-talks"
quote = "resume negotiations on a full ceasefire in Geneva"
"#;

/// Adds both fixtures with --append, checking that every earlier byte is kept.
fn add_both(dir: &Path) {
    let model = dir.join("positions.toml");
    for name in ["news.html", "communique.pdf"] {
        let before = std::fs::read(&model).unwrap();
        stances()
            .current_dir(dir)
            .args(["add-source", "--append"])
            .arg(fixture(name))
            .assert()
            .success();
        let after = std::fs::read(&model).unwrap();
        assert!(after.len() > before.len() && after.starts_with(&before));
    }
}

#[test]
fn added_sources_read_as_a_reader_expects_and_pass_check() {
    let dir = project();
    add_both(dir.path());
    let model = std::fs::read_to_string(dir.path().join("positions.toml")).unwrap();
    assert_eq!(
        &model[MODEL.len()..],
        "\n[sources.2025-04-25-envoy-to-meet-putin-as-allies]\n\
         file = \"2025-04-25-envoy-to-meet-putin-as-allies.html.txt\"\n\
         title = \"Envoy to meet Putin as allies weigh truce\"  # from the page's og:title\n\
         publisher = \"The Daily Ledger\"  # from the page's og:site_name\n\
         published = 2025-04-25  # from the page's JSON-LD datePublished\n\
         url = \"https://ledger.example/world/envoy-putin-truce\"  # from the page's og:url\n\
         \n[sources.2025-04-26-joint-statement-on-the-ceasefire-talks]\n\
         file = \"2025-04-26-joint-statement-on-the-ceasefire-talks.pdf.txt\"\n\
         title = \"Joint statement on the ceasefire talks\"  # from the PDF's document information\n\
         published = 2025-04-26  # from the PDF's creation date\n"
    );
    let seeds = dir.path().join("seeds");
    let html = seeds.join("2025-04-25-envoy-to-meet-putin-as-allies.html.txt");
    assert!(
        std::fs::read_to_string(&html)
            .unwrap()
            .starts_with("date 2025-04-25\n\nEnvoy to meet")
    );
    assert_eq!(
        sentences(&html),
        [
            "Envoy to meet Putin as allies weigh truce",
            "U.S. Special Envoy Steve Witkoff is expected to meet Russian President Vladimir Putin in Moscow on Friday, the Kremlin said.",
            "European leaders said a full ceasefire must come before any talks on territory.",
            "“There can be no deal about Ukraine without Ukraine,” a French official said.",
            "Kyiv proposed a truce on strikes against energy sites & civilian infrastructure.",
        ]
    );
    assert_eq!(
        sentences(&seeds.join("2025-04-26-joint-statement-on-the-ceasefire-talks.pdf.txt")),
        [
            "The ministers agreed to resume negotiations on a full ceasefire in Geneva on 12 May.",
            "Both delegations welcomed the release of prisoners and the return of children to their families.",
            "A monitoring mission will report to the foreign ministers every two weeks.",
        ]
    );
    std::fs::write(
        dir.path().join("positions.toml"),
        format!("{model}{POSITIONS}"),
    )
    .unwrap();
    stances()
        .current_dir(dir.path())
        .args(["check", "--strict"])
        .assert()
        .success();
}

#[test]
fn without_append_it_is_a_dry_run_that_shows_the_block_and_text_and_writes_nothing() {
    let dir = project();
    let args = [
        "--id",
        "statement",
        "--title",
        "Statement",
        "--published",
        "2025-05-01",
        "--url",
        "https://e.org/s",
    ];
    let pdf = fixture("communique.pdf");
    let out = stances()
        .current_dir(dir.path())
        .arg("add-source")
        .args(args)
        .arg(&pdf)
        .assert()
        .success()
        .get_output()
        .clone();
    let block = "[sources.statement]\nfile = \"statement.pdf.txt\"\ntitle = \"Statement\"\npublished = 2025-05-01\nurl = \"https://e.org/s\"\n";
    assert_eq!(String::from_utf8(out.stdout).unwrap(), block);
    let err = String::from_utf8(out.stderr).unwrap();
    let expected = format!(
        "dry run, nothing written. With --append, add-source would write ./seeds/statement.pdf.txt (PDF, 276 characters):\n  \
        | date 2025-05-01\n  |\n  \
        | The ministers agreed to resume negotiations on a full ceasefire in Geneva on 12 May.\n  |\n  \
        | Both delegations welcomed the release of prisoners and the return of children to their families.\n  |\n  \
        | A monitoring mission will report to the foreign ministers every two weeks.\n\
        and add this block to positions.toml:\n\
        to write them: stances add-source --append {} {}\n",
        args.join(" "),
        shell_words::quote(pdf.to_str().unwrap())
    );
    assert_eq!(err, expected);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("positions.toml")).unwrap(),
        MODEL
    );
    assert_eq!(
        std::fs::read_dir(dir.path().join("seeds")).unwrap().count(),
        0
    );
    // The command it names writes what it showed.
    stances()
        .current_dir(dir.path())
        .args(["add-source", "--append"])
        .args(args)
        .arg(&pdf)
        .assert()
        .success();
    let model = std::fs::read_to_string(dir.path().join("positions.toml")).unwrap();
    assert_eq!(model, format!("{MODEL}\n{block}"));
    let text = std::fs::read_to_string(dir.path().join("seeds/statement.pdf.txt")).unwrap();
    assert!(text.starts_with("date 2025-05-01\n\nThe ministers agreed"));
}

#[test]
fn an_existing_id_or_file_is_never_overwritten() {
    let dir = project();
    add_both(dir.path());
    let model = std::fs::read(dir.path().join("positions.toml")).unwrap();
    let seeds = || {
        let mut v: Vec<_> = std::fs::read_dir(dir.path().join("seeds"))
            .unwrap()
            .map(|e| {
                let p = e.unwrap().path();
                (p.clone(), std::fs::read(p).unwrap())
            })
            .collect();
        v.sort();
        v
    };
    let before = seeds();
    // The same page again: its default id is taken.
    stances()
        .current_dir(dir.path())
        .args(["add-source", "--append"])
        .arg(fixture("news.html"))
        .assert()
        .code(1)
        .stderr(predicates::str::contains("already exists"));
    // A new id, but its file is there (unregistered).
    std::fs::write(dir.path().join("seeds/taken.pdf.txt"), "mine").unwrap();
    stances()
        .current_dir(dir.path())
        .args(["add-source", "--id", "taken"])
        .arg(fixture("communique.pdf"))
        .assert()
        .code(1)
        .stderr(predicates::str::contains("taken.pdf.txt already exists"));
    assert_eq!(
        std::fs::read(dir.path().join("seeds/taken.pdf.txt")).unwrap(),
        b"mine"
    );
    std::fs::remove_file(dir.path().join("seeds/taken.pdf.txt")).unwrap();
    stances()
        .current_dir(dir.path())
        .args(["add-source", "--id", "Bad Id"])
        .arg(fixture("communique.pdf"))
        .assert()
        .code(1)
        .stderr(predicates::str::contains("not a valid source id"));
    assert_eq!(seeds(), before);
    assert_eq!(
        std::fs::read(dir.path().join("positions.toml")).unwrap(),
        model
    );
}

#[test]
fn bad_input_is_a_clear_error_naming_the_file_and_nothing_is_written() {
    let dir = project();
    let inputs = tempfile::tempdir().unwrap();
    let put = |name: &str, bytes: &[u8]| {
        let p = inputs.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    let empty_page = put(
        "empty.html",
        b"<html><head><title>x</title><script>a()</script></head><body><nav>Home</nav></body></html>",
    );
    let scanned = put("scanned.pdf", &make_pdf(&[vec![]], false));
    let encrypted = put("locked.pdf", &communique_encrypted());
    let garbage = put("broken.pdf", b"%PDF-1.7\nthis is not a PDF at all");
    let big = inputs.path().join("huge.txt");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(16 * 1024 * 1024 + 1)
        .unwrap();
    let unknown = put("notes.docx", b"PK\x03\x04");
    let folder = inputs.path().join("folder.html");
    std::fs::create_dir(&folder).unwrap();
    let latin1 = put("latin1.txt", b"caf\xe9\n");
    let cases: [(&Path, &str); 8] = [
        (&empty_page, "no text found"),
        (&scanned, "no text layer"),
        (&encrypted, "encrypted"),
        (&garbage, "not a PDF that can be read"),
        (&big, "over the 16 MiB limit"),
        (&unknown, "cannot add a `.docx` file"),
        (&folder, "is a directory"),
        (&latin1, "not UTF-8"),
    ];
    for (path, what) in cases {
        let out = stances()
            .current_dir(dir.path())
            .args(["add-source", "--append"])
            .arg(path)
            .assert()
            .code(1)
            .get_output()
            .clone();
        let err = String::from_utf8(out.stderr).unwrap();
        let name = path.file_name().unwrap().to_str().unwrap();
        assert!(err.contains(what) && err.contains(name), "{name}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    assert_eq!(
        std::fs::read_dir(dir.path().join("seeds")).unwrap().count(),
        0
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("positions.toml")).unwrap(),
        MODEL
    );
}

fn communique_encrypted() -> Vec<u8> {
    make_pdf(&[vec![(11, 680, "Secret text.")]], true)
}

/// The fixture sources added and cited, then one word of the cited sentence of the
/// news page corrected: check reports the new text (text and JSON), --fix prints
/// the diff that `patch` applies, after which check passes again.
#[test]
fn a_corrected_source_re_anchors_its_quote() {
    let dir = project();
    add_both(dir.path());
    let model_path = dir.path().join("positions.toml");
    let model = std::fs::read_to_string(&model_path).unwrap();
    std::fs::write(&model_path, format!("{model}{POSITIONS}")).unwrap();
    let source = dir
        .path()
        .join("seeds/2025-04-25-envoy-to-meet-putin-as-allies.html.txt");
    let text = std::fs::read_to_string(&source).unwrap();
    std::fs::write(
        &source,
        text.replace("a full ceasefire must come", "a full ceasefire should come"),
    )
    .unwrap();
    let new = "a full ceasefire should come before any talks on territory";

    let out = stances()
        .current_dir(dir.path())
        .arg("check")
        .assert()
        .code(1)
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(&format!("    hint: the source now reads \"{new}\"\n")),
        "{err}"
    );

    let out = stances()
        .current_dir(dir.path())
        .args(["check", "--format", "json"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = &json[0];
    assert_eq!(
        d["message"],
        "quote not found in source `2025-04-25-envoy-to-meet-putin-as-allies`"
    );
    assert_eq!(d["fix"]["quote"], new);
    let sim = d["fix"]["similarity"].as_f64().unwrap();
    assert!((0.9..1.0).contains(&sim), "{sim}");
    let keys: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
    // serde_json's map sorts keys: the usual six and `fix`.
    assert_eq!(
        keys,
        [
            "column", "file", "fix", "hint", "line", "message", "severity"
        ]
    );

    let out = stances()
        .current_dir(dir.path())
        .args(["check", "--fix"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let diff = String::from_utf8(out.stdout).unwrap();
    assert!(
        diff.starts_with("--- a/positions.toml\n+++ b/positions.toml\n@@ "),
        "{diff}"
    );
    let note = String::from_utf8(out.stderr).unwrap();
    assert!(
        note.ends_with("stances: note: the diff on stdout fixes 1 of the 1 errors\n"),
        "{note}"
    );
    assert!(
        diff.contains(&format!(
            "\n-quote = \"a full ceasefire must come before any talks on territory\"\n+quote = \"{new}\"\n"
        )),
        "{diff}"
    );
    // --fix never writes; the diff applies and the file passes again.
    assert_eq!(
        std::fs::read_to_string(&model_path).unwrap(),
        format!("{model}{POSITIONS}")
    );
    let status = std::process::Command::new("patch")
        .current_dir(dir.path())
        .args(["-p1", "--quiet"])
        .stdin(
            std::fs::File::open({
                let p = dir.path().join("fix.diff");
                std::fs::write(&p, &diff).unwrap();
                p
            })
            .unwrap(),
        )
        .status();
    if let Ok(status) = status {
        assert!(status.success());
        stances()
            .current_dir(dir.path())
            .args(["check", "--strict"])
            .assert()
            .success();
    }
}

#[test]
fn a_quote_from_a_corrected_source_found_in_another_names_it() {
    let dir = project();
    add_both(dir.path());
    let model_path = dir.path().join("positions.toml");
    let model = std::fs::read_to_string(&model_path).unwrap();
    // Cited from the news page, but it is (nearly) the communiqué's.
    let wrong = POSITIONS.replace(
        "source = \"2025-04-26-joint-statement-on-the-ceasefire-talks\"\nquote = \"resume negotiations on a full ceasefire in Geneva\"",
        "source = \"2025-04-25-envoy-to-meet-putin-as-allies\"\nquote = \"resume negotiations on a full cease-fire in Geneva\"",
    );
    std::fs::write(&model_path, format!("{model}{wrong}")).unwrap();
    let out = stances()
        .current_dir(dir.path())
        .args(["check", "--format", "json"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = json
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["severity"] == "error")
        .unwrap();
    assert!(
        d["hint"]
            .as_str()
            .unwrap()
            .starts_with("source `2025-04-26-joint-statement-on-the-ceasefire-talks` (file seeds/2025-04-26-joint-statement-on-the-ceasefire-talks.pdf.txt) reads \"resume"),
        "{d}"
    );
    let fix = &d["fix"];
    assert_eq!(
        fix["quote"],
        "resume negotiations on a full ceasefire in Geneva"
    );
    assert_eq!(
        fix["source"],
        "2025-04-26-joint-statement-on-the-ceasefire-talks"
    );
    let out = stances()
        .current_dir(dir.path())
        .args(["check", "--fix"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let diff = String::from_utf8(out.stdout).unwrap();
    assert!(
        diff.contains("+source = \"2025-04-26-joint-statement-on-the-ceasefire-talks\"\n+quote = \"resume negotiations on a full ceasefire in Geneva\"\n"),
        "{diff}"
    );
}

/// A one-page PDF whose page draws `content` with Helvetica as /F1; `tweak` may then
/// change the document (given its page tree node and its page).
fn hostile_pdf(content: &[u8], tweak: impl FnOnce(&mut Document, ObjectId, ObjectId)) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let resources = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font } });
    let content = doc.add_object(Stream::new(dictionary! {}, content.to_vec()));
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content,
        "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
        "Resources" => resources,
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
        ),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    tweak(&mut doc, pages_id, page);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// Runs `add-source` on a PDF made of `bytes`; returns its exit code and stderr.
fn add_pdf(bytes: &[u8]) -> (Option<i32>, String) {
    let dir = project();
    let input = dir.path().join("hostile.pdf");
    std::fs::write(&input, bytes).unwrap();
    let out = stances()
        .current_dir(dir.path())
        .env("RUST_BACKTRACE", "1")
        .timeout(std::time::Duration::from_secs(60))
        .args(["add-source", "--append", "hostile.pdf"])
        .output()
        .unwrap();
    assert_eq!(
        std::fs::read_dir(dir.path().join("seeds")).unwrap().count(),
        0
    );
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// One line, escaped: no raw control character, no panic message, no backtrace.
fn assert_one_clean_error(err: &str, what: &str) {
    assert!(err.contains(what), "{err}");
    assert!(err.contains("hostile.pdf"), "{err}");
    assert!(
        !err.contains("panicked") && !err.contains("backtrace"),
        "{err}"
    );
    assert!(
        !err.trim_end_matches('\n').chars().any(char::is_control),
        "{err:?}"
    );
}

#[test]
fn a_pdf_reader_panic_prints_only_the_escaped_error() {
    let content =
        b"BT /X#1b#5b31m#0apositions.toml:1:1:#20error:#20FORGED 12 Tf 72 700 Td (Hi) Tj ET";
    let (code, err) = add_pdf(&hostile_pdf(content, |_, _, _| {}));
    assert_eq!(code, Some(1), "{err}");
    assert_one_clean_error(&err, "not a PDF that can be read");
    assert!(!err.contains("\npositions.toml:1:1"), "{err}");
}

#[test]
fn a_looping_page_tree_is_refused_at_once() {
    let text = b"BT /F1 12 Tf 72 700 Td (Looping) Tj ET";
    // The root's /Parent is itself, and the page inherits its resources.
    let parent_loop = hostile_pdf(text, |doc, pages, page| {
        let tree = doc.get_dictionary_mut(pages).unwrap();
        tree.set("Parent", pages);
        let resources = doc
            .get_dictionary(page)
            .unwrap()
            .get(b"Resources")
            .unwrap()
            .clone();
        doc.get_dictionary_mut(pages)
            .unwrap()
            .set("Resources", resources);
        doc.get_dictionary_mut(page).unwrap().remove(b"Resources");
    });
    // The root lists itself among its kids.
    let kids_loop = hostile_pdf(text, |doc, pages, page| {
        let tree = doc.get_dictionary_mut(pages).unwrap();
        tree.set("Kids", vec![page.into(), pages.into()]);
    });
    // A form that draws itself.
    let form_loop = hostile_pdf(
        b"BT /F1 12 Tf 72 700 Td (Hi) Tj ET /Fm1 Do",
        |doc, _, page| {
            let form = doc.new_object_id();
            doc.objects.insert(
                form,
                Object::Stream(Stream::new(
                    dictionary! {
                        "Type" => "XObject", "Subtype" => "Form",
                        "BBox" => vec![0.into(), 0.into(), 10.into(), 10.into()],
                        "Resources" => dictionary! { "XObject" => dictionary! { "Fm1" => form } },
                    },
                    b"/Fm1 Do".to_vec(),
                )),
            );
            let resources = doc
                .get_dictionary(page)
                .unwrap()
                .get(b"Resources")
                .unwrap()
                .as_reference()
                .unwrap();
            doc.get_dictionary_mut(resources)
                .unwrap()
                .set("XObject", dictionary! { "Fm1" => form });
        },
    );
    for (pdf, what) in [
        (parent_loop, "the page tree loops"),
        (kids_loop, "the page tree reaches object"),
        (form_loop, "a form draws itself"),
    ] {
        let start = std::time::Instant::now();
        let (code, err) = add_pdf(&pdf);
        assert_eq!(code, Some(1), "{err}");
        assert_one_clean_error(&err, what);
        assert!(start.elapsed() < std::time::Duration::from_secs(10));
    }
}

#[test]
fn a_pdf_reader_that_does_not_finish_in_time_is_given_up_on() {
    let limits = stances::ingest::pdf::Limits {
        time: std::time::Duration::ZERO,
        ..Default::default()
    };
    let err = stances::ingest::pdf::extract_with(communique(), "slow.pdf", limits).unwrap_err();
    assert!(
        err.to_string()
            .contains("slow.pdf: not a PDF that can be read: the PDF reader did not finish"),
        "{err}"
    );
}

/// A page whose content stream is `spaces` spaces then a line of text, compressed
/// `layers` times.
fn bomb(spaces: usize, layers: usize) -> Vec<u8> {
    use std::io::Write;
    let mut data = vec![b' '; spaces];
    data.extend_from_slice(b"BT /F1 12 Tf 72 700 Td (Boom) Tj ET");
    for _ in 0..layers {
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(&data).unwrap();
        data = e.finish().unwrap();
    }
    hostile_pdf(b"", |doc, _, page| {
        let filters: Vec<Object> = (0..layers).map(|_| "FlateDecode".into()).collect();
        let content = doc.add_object(Stream::new(dictionary! { "Filter" => filters }, data));
        doc.get_dictionary_mut(page)
            .unwrap()
            .set("Contents", content);
    })
}

#[test]
fn a_decompression_bomb_is_refused_before_it_is_inflated() {
    use stances::ingest::pdf::{Limits, extract_with};
    let small = Limits {
        stream_bytes: 1 << 20,
        total_bytes: 3 << 20,
        ..Limits::default()
    };
    for layers in [1, 2] {
        let pdf = bomb(8 << 20, layers);
        assert!(pdf.len() < 200_000, "{}", pdf.len());
        let err = extract_with(pdf.clone(), "bomb.pdf", small).unwrap_err();
        assert!(
            err.to_string()
                .contains("decodes to over 1 MiB; refused as a possible decompression bomb"),
            "{err}"
        );
        // Within the limits it reads as before.
        let fine = Limits {
            stream_bytes: 16 << 20,
            total_bytes: 16 << 20,
            ..small
        };
        assert_eq!(extract_with(pdf, "bomb.pdf", fine).unwrap().text, "Boom");
    }
    // Many streams each under the cap, over it together.
    let many = hostile_pdf(b"", |doc, _, page| {
        use std::io::Write;
        let mut ids = Vec::new();
        for _ in 0..4 {
            let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
            e.write_all(&vec![b' '; 1000 << 10]).unwrap();
            let s = Stream::new(
                dictionary! { "Filter" => "FlateDecode" },
                e.finish().unwrap(),
            );
            ids.push(Object::Reference(doc.add_object(s)));
        }
        doc.get_dictionary_mut(page).unwrap().set("Contents", ids);
    });
    let err = extract_with(many, "many.pdf", small).unwrap_err();
    assert!(
        err.to_string().contains("decode to over 3 MiB in all"),
        "{err}"
    );
}

#[test]
fn object_streams_are_read_within_their_budget() {
    use stances::ingest::pdf::{Limits, extract_with};
    let mut doc = Document::load_mem(&hostile_pdf(
        b"BT /F1 12 Tf 72 700 Td (Packed) Tj ET",
        |_, _, _| {},
    ))
    .unwrap();
    let mut pdf = Vec::new();
    let options = lopdf::SaveOptions::builder()
        .use_object_streams(true)
        .use_xref_streams(true)
        .build();
    doc.save_with_options(&mut pdf, options).unwrap();
    let e = extract_with(pdf.clone(), "packed.pdf", Limits::default()).unwrap();
    assert_eq!(e.text, "Packed");
    let tiny = Limits {
        stream_bytes: 10,
        ..Limits::default()
    };
    let err = extract_with(pdf, "packed.pdf", tiny).unwrap_err();
    assert!(
        err.to_string()
            .contains("its object streams decode to over"),
        "{err}"
    );
}

/// Runs `add-source --append FILE` in `dir`, which must refuse it (exit 1): its stderr.
fn refused_append(dir: &std::path::Path, file: &std::path::Path) -> String {
    let out = stances()
        .current_dir(dir)
        .args(["add-source", "--append"])
        .arg(file)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{err}");
    err
}

#[cfg(unix)]
#[test]
fn sources_dir_cannot_lead_out_through_a_link_to_a_folder_not_made_yet() {
    let outside = tempfile::tempdir().unwrap();
    let dir = project();
    std::os::unix::fs::symlink(outside.path(), dir.path().join("link")).unwrap();
    let model = dir.path().join("positions.toml");
    std::fs::write(&model, format!("sources_dir = \"link/sub\"\n{MODEL}")).unwrap();
    let err = refused_append(dir.path(), &fixture("communique.pdf"));
    assert!(
        err.contains("is outside the folder of the positions file"),
        "{err}"
    );
    assert!(!outside.path().join("sub").exists());
    // check says so too.
    let out = stances()
        .current_dir(dir.path())
        .arg("check")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("leads out of it"), "{err}");
    // A `seeds` that is a link to nothing is named as such.
    std::fs::write(&model, MODEL).unwrap();
    std::fs::remove_dir(dir.path().join("seeds")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("gone"), dir.path().join("seeds")).unwrap();
    let err = refused_append(dir.path(), &fixture("communique.pdf"));
    assert!(
        err.contains("seeds is a symbolic link to something that does not exist"),
        "{err}"
    );
    assert!(!dir.path().join("gone").exists());
}

#[test]
fn a_file_without_an_extension_is_named_so() {
    let dir = project();
    std::fs::write(dir.path().join("README"), "Some text.").unwrap();
    stances()
        .current_dir(dir.path())
        .args(["add-source", "README"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "README: cannot add a file without an extension (use .html, .htm, .pdf, .md or .txt)",
        ));
}

#[test]
fn a_title_from_the_file_name_is_one_clean_line() {
    let dir = project();
    let name = "Report\ttwo\n  lines\u{1b}[31m.pdf";
    let pdf = hostile_pdf(b"BT /F1 12 Tf 72 700 Td (Body text.) Tj ET", |_, _, _| {});
    std::fs::write(dir.path().join(name), pdf).unwrap();
    let out = stances()
        .current_dir(dir.path())
        .args(["add-source", "--id", "report", name])
        .assert()
        .success()
        .get_output()
        .clone();
    let block = String::from_utf8(out.stdout).unwrap();
    assert!(
        block.contains("title = \"Report two lines\u{fffd}[31m\"  # from the file name\n"),
        "{block}"
    );
}

#[test]
fn a_text_that_would_be_over_the_limit_once_dated_is_refused() {
    let dir = project();
    let mut text = b"date 2025-01-01 ".to_vec();
    let words = b"word ".repeat((16 * 1024 * 1024 - text.len()) / 5);
    text.extend_from_slice(&words);
    text.resize(16 * 1024 * 1024, b'x');
    std::fs::write(dir.path().join("big.txt"), &text).unwrap();
    stances()
        .current_dir(dir.path())
        .args(["add-source", "big.txt"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "big.txt: its text would be 16777217 bytes, over the 16 MiB (16,777,216 bytes) a source may be",
        ));
    assert_eq!(
        std::fs::read_dir(dir.path().join("seeds")).unwrap().count(),
        0
    );
}
