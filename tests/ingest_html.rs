//! `stances add-source` on web pages as they come: in legacy encodings, with relative
//! addresses, and nested deeper than any browser nests them.

#![cfg(feature = "import")]

#[path = "../examples/support/inputs.rs"]
mod inputs;

use assert_cmd::Command;
use std::path::Path;

const MODEL: &str = "schema = 1\ntitle = \"Pages\"\n\n[parties.ua]\nname = \"Ukraine\"\n\n[issues.land]\nname = \"Land\"\n";

fn stances() -> Command {
    Command::cargo_bin("stances").unwrap()
}

/// A folder with positions.toml (MODEL) and an empty seeds/.
fn project() -> tempfile::TempDir {
    stances::testing::project::Project::empty(MODEL).dir
}

/// A news page around `paragraphs` (already in the page's encoding), with `head`
/// added to its `<head>`.
fn page(head: &[u8], paragraphs: &[&[u8]]) -> Vec<u8> {
    let mut out = b"<!doctype html><html><head>".to_vec();
    out.extend_from_slice(head);
    out.extend_from_slice(
        b"<title>Talks</title></head><body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav><article>",
    );
    for p in paragraphs {
        out.extend_from_slice(b"<p>");
        out.extend_from_slice(p);
        out.extend_from_slice(b"</p>");
    }
    out.extend_from_slice(b"</article><footer>Subscribe Sign In</footer></body></html>");
    out
}

/// Adds `file` (written with `bytes`) with --append; returns the text written to seeds/.
fn add(dir: &Path, file: &str, bytes: &[u8]) -> String {
    std::fs::write(dir.join(file), bytes).unwrap();
    stances()
        .current_dir(dir)
        .args(["add-source", "--append", "--id", "page", file])
        .assert()
        .success();
    let written = std::fs::read_dir(dir.join("seeds"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    std::fs::read_to_string(written).unwrap()
}

/// Cites `quote` from source `page` and runs `check --strict`, which must pass.
fn cite(dir: &Path, quote: &str) {
    let model = std::fs::read_to_string(dir.join("positions.toml")).unwrap();
    let position = format!(
        "\n[[position]]\nparty = \"ua\"\nissue = \"land\"\nsummary = \"No land for peace\"\n\n[[position.cite]]\nsource = \"page\"\nquote = \"{quote}\"\n"
    );
    std::fs::write(dir.join("positions.toml"), model + &position).unwrap();
    stances()
        .current_dir(dir)
        .args(["check", "--strict"])
        .assert()
        .success();
}

const SAID: &[u8] = b"Kyiv will not trade land for a ceasefire, the president said on Monday.";

#[test]
fn a_windows_1252_page_is_decoded_and_its_quotes_are_found() {
    let dir = project();
    let text = add(
        dir.path(),
        "page.html",
        &page(
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">",
            &[
                b"\x93We will not give up our land,\x94 Zelensky said \x96 and the talks in Gen\xe8ve ended.",
                SAID,
            ],
        ),
    );
    assert!(
        text.contains(
            "“We will not give up our land,” Zelensky said – and the talks in Genève ended."
        ),
        "{text}"
    );
    assert!(
        !text.contains("Subscribe") && !text.contains("Home"),
        "{text}"
    );
    cite(dir.path(), "“We will not give up our land,” Zelensky said");
}

#[test]
fn a_latin1_page_and_utf16_pages_with_a_byte_order_mark_are_decoded() {
    let dir = project();
    let text = add(
        dir.path(),
        "page.htm",
        &page(
            b"<meta charset=\"ISO-8859-1\">",
            &[b"Le ministre fran\xe7ais a parl\xe9 \xe0 Kyiv.", SAID],
        ),
    );
    assert!(
        text.contains("Le ministre français a parlé à Kyiv."),
        "{text}"
    );
    cite(dir.path(), "Le ministre français a parlé à Kyiv.");
    for (name, bom, big_endian) in [
        ("le.html", [0xFF, 0xFE], false),
        ("be.html", [0xFE, 0xFF], true),
    ] {
        let dir = project();
        let utf8 = page(
            b"<meta charset=\"utf-8\">",
            &["Переговори у Женеві завершилися.".as_bytes(), SAID],
        );
        let mut bytes = bom.to_vec();
        for unit in String::from_utf8(utf8).unwrap().encode_utf16() {
            let pair = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            bytes.extend_from_slice(&pair);
        }
        let text = add(dir.path(), name, &bytes);
        assert!(
            text.contains("Переговори у Женеві завершилися."),
            "{name}: {text}"
        );
    }
}

#[test]
fn a_relative_canonical_address_is_resolved_against_the_base_or_left_out() {
    let block = |head: &[u8]| {
        let dir = project();
        std::fs::write(dir.path().join("p.html"), page(head, &[SAID])).unwrap();
        let out = stances()
            .current_dir(dir.path())
            .args(["add-source", "p.html"])
            .assert()
            .success()
            .get_output()
            .clone();
        String::from_utf8(out.stdout).unwrap()
    };
    let alone = block(b"<link rel=\"canonical\" href=\"/world/talks\">");
    assert!(!alone.contains("url ="), "{alone}");
    let based = block(
        b"<base href=\"https://news.example/world/\"><link rel=\"canonical\" href=\"talks?id=3\">",
    );
    assert!(
        based.contains(
            "url = \"https://news.example/world/talks?id=3\"  # from the page's canonical link\n"
        ),
        "{based}"
    );
    let og = block(
        b"<meta property=\"og:url\" content=\"/rel\"><link rel=\"canonical\" href=\"https://news.example/a\">",
    );
    assert!(
        og.contains("url = \"https://news.example/rel\"  # from the page's og:url\n"),
        "{og}"
    );
}

/// The text `add-source` takes from a page.
fn text_of(html: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("deep.html");
    std::fs::write(&file, html).unwrap();
    stances::ingest::extract(&file).unwrap().text
}

const BOTTOM: &str = "The text at the bottom of the page is kept.";

#[test]
fn pages_nested_deeper_than_browsers_nest_are_read_whole() {
    // Each of these took from 20 s to a minute before nesting was capped; their time
    // now is in BENCHMARKS.md.
    let after = format!("{}<p>After.</p>", inputs::nested_divs(100_000, BOTTOM));
    assert_eq!(text_of(&after), format!("{BOTTOM}\n\nAfter."));
    assert_eq!(text_of(&inputs::nested_lists(50_000, BOTTOM)), BOTTOM);
    assert_eq!(text_of(&inputs::open_items(50_000, BOTTOM)), BOTTOM);
    assert_eq!(text_of(&inputs::nested_articles(50_000, BOTTOM)), BOTTOM);
}
