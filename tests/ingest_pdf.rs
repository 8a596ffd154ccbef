//! `stances add-source` on PDFs as people write them (one-and-a-half and double line
//! spacing, words hyphenated at line ends, running heads and feet, a dateline in the
//! text, a word processor's file name for a title, images), and on hostile ones made
//! here rather than committed: millions of graphics states, a CMap range of four
//! billion codes, twelve thousand pages, a page of a million drawing operators.

use assert_cmd::Command;
use lopdf::{Document, Object, Stream, dictionary};
use std::io::Write;

const MODEL: &str = "schema = 1\ntitle = \"PDFs\"\n\n[parties.ua]\nname = \"Ukraine\"\n\n[issues.talks]\nname = \"Talks\"\n";

fn stances() -> Command {
    Command::cargo_bin("stances").unwrap()
}

/// A folder with positions.toml (MODEL) and an empty seeds/.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("positions.toml"), MODEL).unwrap();
    std::fs::create_dir(dir.path().join("seeds")).unwrap();
    dir
}

/// Zlib-compresses `data`, for a /FlateDecode stream.
fn deflate(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

/// A PDF whose pages draw `contents` (compressed) with Helvetica as /F1, with an
/// information dictionary of `info` (key, value) strings; `tweak` may then change the
/// document (given the id of the first page).
fn pdf(
    contents: &[Vec<u8>],
    info: &[(&str, &str)],
    tweak: impl FnOnce(&mut Document, lopdf::ObjectId),
) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let resources = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font } });
    let mut kids = Vec::new();
    for content in contents {
        let stream = Stream::new(dictionary! { "Filter" => "FlateDecode" }, deflate(content));
        let content = doc.add_object(stream);
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content,
            "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
            "Resources" => resources,
        });
        kids.push(Object::Reference(page));
    }
    let first = kids[0].as_reference().unwrap();
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    if !info.is_empty() {
        let mut dict = lopdf::Dictionary::new();
        for (k, v) in info {
            dict.set(*k, Object::string_literal(*v));
        }
        let info = doc.add_object(dict);
        doc.trailer.set("Info", info);
    }
    tweak(&mut doc, first);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// Content drawing each (size, y, text) line at the left margin.
fn lines(lines: &[(u32, f64, &str)]) -> Vec<u8> {
    let mut ops = String::new();
    for (size, y, text) in lines {
        ops.push_str(&format!("BT /F1 {size} Tf 72 {y} Td ({text}) Tj ET\n"));
    }
    ops.into_bytes()
}

/// Runs `add-source` on `bytes` saved as `name` in a new project: the exit code, the
/// block printed, stderr, and the text written (empty when refused).
fn add(name: &str, bytes: &[u8]) -> (Option<i32>, String, String, String) {
    let dir = project();
    std::fs::write(dir.path().join(name), bytes).unwrap();
    let out = stances()
        .current_dir(dir.path())
        .timeout(std::time::Duration::from_secs(120))
        .args(["add-source", "--id", "doc", name])
        .output()
        .unwrap();
    let text = std::fs::read_dir(dir.path().join("seeds"))
        .unwrap()
        .next()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .unwrap_or_default();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        text,
    )
}

/// A two-page statement whose 11 pt body lines are `pitch` points apart, with a
/// paragraph's extra half line, a running head and a page foot.
fn statement(pitch: f64) -> Vec<u8> {
    let page = |n: u32, body: &[&str]| {
        let mut l: Vec<(u32, f64, &str)> = vec![(9, 760.0, "MINISTRY OF FOREIGN AFFAIRS")];
        let mut y = 700.0;
        for t in body {
            if t.is_empty() {
                y -= pitch * 0.5;
                continue;
            }
            l.push((11, y, t));
            y -= pitch;
        }
        let mut content = lines(&l);
        content.extend(lines(&[(9, 40.0, &format!("Page {n} of 2"))]));
        content
    };
    pdf(
        &[
            page(
                1,
                &[
                    "Kyiv, 24 April 2025",
                    "",
                    "The ministers condemned the ag-",
                    "gressor and agreed to resume negotiations",
                    "on a full ceasefire in Geneva on 12 May.",
                    "",
                    "Both delegations welcomed the release of",
                    "prisoners and the return of children to",
                ],
            ),
            page(
                2,
                &[
                    "their families. A monitoring mission will",
                    "report to the ministers every two weeks.",
                ],
            ),
        ],
        &[
            ("Title", "Microsoft Word - statement_final.docx"),
            ("CreationDate", "D:20260105093000+02'00'"),
        ],
        |_, _| {},
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
    let mut content = b"BT /F1 11 Tf 72 700 Td (Before the flood.) Tj ET\n".to_vec();
    content.extend_from_slice(&b"q\n".repeat(8_000_000));
    content.extend_from_slice(b"BT /F1 11 Tf 72 680 Td (After it.) Tj ET\n");
    let bytes = pdf(&[content], &[], |_, _| {});
    assert!(bytes.len() < 100_000, "{}", bytes.len());
    let (code, _, err, text) = add("q.pdf", &bytes);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(text, "Before the flood. After it.\n");
}

#[test]
fn a_cmap_range_of_four_billion_codes_is_refused_naming_the_file() {
    let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
        1 begincodespacerange <00000000> <FFFFFFFF> endcodespacerange\n\
        1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange\nendcmap end end";
    let bytes = pdf(&[lines(&[(11, 700.0, "Text.")])], &[], |doc, page| {
        let cmap = doc.add_object(Stream::new(dictionary! {}, cmap.to_vec()));
        let font = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
            "ToUnicode" => cmap,
        });
        let resources = dictionary! { "Font" => dictionary! { "F1" => font } };
        doc.get_dictionary_mut(page)
            .unwrap()
            .set("Resources", resources);
    });
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
    let pages: Vec<Vec<u8>> = (1..=12_000)
        .map(|n| lines(&[(11, 700.0, &format!("Section {n} ends here."))]))
        .collect();
    let (code, _, err, text) = add("long.pdf", &pdf(&pages, &[], |_, _| {}));
    assert_eq!(code, Some(0), "{err}");
    let paragraphs: Vec<&str> = text.trim_end().split("\n\n").collect();
    assert_eq!(paragraphs.len(), 12_000);
    assert_eq!(paragraphs[0], "Section 1 ends here.");
    assert_eq!(paragraphs[11_999], "Section 12000 ends here.");
}

#[test]
fn drawings_and_images_on_a_page_leave_its_text() {
    // A map of a million line segments, then an image, then the caption.
    let mut content = b"0 0 1 RG 0.2 w 100 100 m\n".to_vec();
    for i in 0..1_000_000u32 {
        content.extend_from_slice(format!("{} {} l\n", i % 500, i % 700).as_bytes());
    }
    content.extend_from_slice(b"S q 100 0 0 100 72 400 cm /Im1 Do Q\n");
    content.extend_from_slice(b"BT /F1 11 Tf 72 380 Td (Map of the front line.) Tj ET\n");
    let bytes = pdf(&[content], &[], |doc, page| {
        let image = doc.add_object(Stream::new(
            dictionary! {
                "Type" => "XObject", "Subtype" => "Image", "Width" => 2, "Height" => 2,
                "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8, "Filter" => "DCTDecode",
            },
            b"\xff\xd8\xff\xe0 not really a JPEG (x) Tj BT ET \xff\xd9".to_vec(),
        ));
        let resources = doc
            .get_dictionary(page)
            .unwrap()
            .get(b"Resources")
            .unwrap()
            .clone();
        let mut resources = doc
            .get_dictionary(resources.as_reference().unwrap())
            .unwrap()
            .clone();
        resources.set("XObject", dictionary! { "Im1" => image });
        doc.get_dictionary_mut(page)
            .unwrap()
            .set("Resources", resources);
    });
    let (code, _, err, text) = add("map.pdf", &bytes);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(text, "Map of the front line.\n");
}
