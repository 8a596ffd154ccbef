//! `stances add-source` on PDFs as people write them (one-and-a-half and double line
//! spacing, words hyphenated at line ends, running heads and feet, a dateline in the
//! text, a word processor's file name for a title, images), and on hostile ones made
//! here rather than committed: millions of graphics states, a CMap range of four
//! billion codes, twelve thousand pages, a page of a million drawing operators.

#![cfg(feature = "import")]

#[path = "../examples/support/inputs.rs"]
mod inputs;

use assert_cmd::Command;
use inputs::{lines, pdf, statement};

const MODEL: &str = "schema = 1\ntitle = \"PDFs\"\n\n[parties.ua]\nname = \"Ukraine\"\n\n[issues.talks]\nname = \"Talks\"\n";

fn stances() -> Command {
    Command::cargo_bin("stances").unwrap()
}

/// A folder with positions.toml (MODEL) and an empty seeds/.
fn project() -> tempfile::TempDir {
    stances::testing::project::Project::empty(MODEL).dir
}

/// Runs `add-source --append` on `bytes` saved as `name` in a new project: the exit
/// code, the block appended, stderr, and the text written (both empty when refused).
fn add(name: &str, bytes: &[u8]) -> (Option<i32>, String, String, String) {
    let dir = project();
    std::fs::write(dir.path().join(name), bytes).unwrap();
    let out = stances()
        .current_dir(dir.path())
        .timeout(std::time::Duration::from_secs(120))
        .args(["add-source", "--append", "--id", "doc", name])
        .output()
        .unwrap();
    let model = std::fs::read_to_string(dir.path().join("positions.toml")).unwrap();
    let block = model[MODEL.len()..].to_string();
    let text = std::fs::read_dir(dir.path().join("seeds"))
        .unwrap()
        .next()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .unwrap_or_default();
    (
        out.status.code(),
        block,
        String::from_utf8_lossy(&out.stderr).into_owned(),
        text,
    )
}

#[test]
fn statements_at_any_line_spacing_read_as_paragraphs_dated_by_their_dateline() {
    for pitch in [13.0, 16.5, 18.0, 20.0, 24.0] {
        let (code, block, err, text) = add("statement.pdf", &statement(pitch));
        assert_eq!(code, Some(0), "at {pitch} pt: {err}");
        assert_eq!(
            text,
            "date 2025-04-24\n\nKyiv, 24 April 2025\n\n\
             The ministers condemned the aggressor and agreed to resume negotiations on a full ceasefire in Geneva on 12 May.\n\n\
             Both delegations welcomed the release of prisoners and the return of children to their families. A monitoring mission will report to the ministers every two weeks.\n",
            "at {pitch} pt"
        );
        assert!(
            block.contains("published = 2025-04-24  # from the text: \"Kyiv, 24 April 2025\"\n"),
            "at {pitch} pt: {block}"
        );
        // Not the word processor's file name: the file's.
        assert!(
            block.contains("title = \"statement\"  # from the file name\n"),
            "{block}"
        );
    }
}

#[test]
fn a_quote_across_a_hyphenated_line_end_is_found() {
    let dir = project();
    std::fs::write(dir.path().join("s.pdf"), statement(20.0)).unwrap();
    stances()
        .current_dir(dir.path())
        .args(["add-source", "--append", "--id", "s", "s.pdf"])
        .assert()
        .success();
    let model = std::fs::read_to_string(dir.path().join("positions.toml")).unwrap();
    let cite = "\n[[position]]\nparty = \"ua\"\nissue = \"talks\"\nsummary = \"Talks in Geneva\"\n\n[[position.cite]]\nsource = \"s\"\nquote = \"condemned the aggressor and agreed to resume negotiations\"\n";
    std::fs::write(dir.path().join("positions.toml"), model + cite).unwrap();
    stances()
        .current_dir(dir.path())
        .args(["check", "--strict"])
        .assert()
        .success();
}

#[test]
fn without_a_dateline_the_date_and_title_come_from_the_pdf_and_say_so() {
    let body = lines(&[
        (20, 720.0, "Joint statement"),
        (11, 680.0, "The ministers met in Geneva on 24 April 2025."),
    ]);
    let (code, block, err, _) = add(
        "x.pdf",
        &pdf(
            std::slice::from_ref(&body),
            &[("ModDate", "D:20250426")],
            |_, _| {},
        ),
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(
        block.contains("title = \"Joint statement\"  # from the text\n")
            && block.contains("published = 2025-04-26  # from the PDF's modification date\n"),
        "{block}"
    );
    let (_, block, _, _) = add(
        "x.pdf",
        &pdf(&[body], &[("Title", "Geneva talks")], |_, _| {}),
    );
    assert!(
        block.contains("title = \"Geneva talks\"  # from the PDF's document information\n")
            && !block.contains("published"),
        "{block}"
    );
}

#[test]
fn eight_million_graphics_states_are_read_within_bounds() {
    let bytes = inputs::graphics_state_flood();
    assert!(bytes.len() < 100_000, "{}", bytes.len());
    let (code, _, err, text) = add("q.pdf", &bytes);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(text, "Before the flood. After it.\n");
}

#[test]
fn a_cmap_range_of_four_billion_codes_is_refused_naming_the_file() {
    let bytes = inputs::cmap_bomb();
    assert!(bytes.len() < 2_000, "{}", bytes.len());
    let (code, _, err, text) = add("cmap.pdf", &bytes);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("cmap.pdf") && err.contains("ToUnicode") && err.contains("memory bomb"),
        "{err}"
    );
    assert_eq!(text, "");
}

#[test]
fn twelve_thousand_pages_are_read() {
    let (code, _, err, text) = add("long.pdf", &inputs::many_pages(12_000));
    assert_eq!(code, Some(0), "{err}");
    let paragraphs: Vec<&str> = text.trim_end().split("\n\n").collect();
    assert_eq!(paragraphs.len(), 12_000);
    assert_eq!(paragraphs[0], "Section 1 ends here.");
    assert_eq!(paragraphs[11_999], "Section 12000 ends here.");
}

#[test]
fn drawings_and_images_on_a_page_leave_its_text() {
    let (code, _, err, text) = add("map.pdf", &inputs::map_page());
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(text, "Map of the front line.\n");
}
