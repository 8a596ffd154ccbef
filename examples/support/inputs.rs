//! Inputs for `add-source` made in code rather than committed: PDFs as people write
//! them and hostile ones, and pages nested deeper than browsers nest. Shared by
//! `examples/hostile_inputs.rs` (which writes them to files, for timing) and the
//! tests (`tests/ingest_pdf.rs`, `tests/ingest_html.rs`).

#![allow(dead_code)]

use lopdf::{Document, Object, Stream, dictionary};
use std::io::Write;

/// Zlib-compresses `data`, for a /FlateDecode stream.
pub fn deflate(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

/// A PDF whose pages draw `contents` (compressed) with Helvetica as /F1, with an
/// information dictionary of `info` (key, value) strings; `tweak` may then change the
/// document (given the id of the first page).
pub fn pdf(
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
pub fn lines(lines: &[(u32, f64, &str)]) -> Vec<u8> {
    let mut ops = String::new();
    for (size, y, text) in lines {
        ops.push_str(&format!("BT /F1 {size} Tf 72 {y} Td ({text}) Tj ET\n"));
    }
    ops.into_bytes()
}

/// A two-page statement whose 11 pt body lines are `pitch` points apart, with a
/// paragraph's extra half line, a running head and a page foot.
pub fn statement(pitch: f64) -> Vec<u8> {
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

/// A page of text around 8,000,000 `q` operators (16 MB decoded, a few KB
/// compressed).
pub fn graphics_state_flood() -> Vec<u8> {
    let mut content = b"BT /F1 11 Tf 72 700 Td (Before the flood.) Tj ET\n".to_vec();
    content.extend_from_slice(&b"q\n".repeat(8_000_000));
    content.extend_from_slice(b"BT /F1 11 Tf 72 680 Td (After it.) Tj ET\n");
    pdf(&[content], &[], |_, _| {})
}

/// A one-page PDF whose font has a 1 KB ToUnicode CMap mapping the range
/// `<00000000> <FFFFFFFF>`.
pub fn cmap_bomb() -> Vec<u8> {
    let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
        1 begincodespacerange <00000000> <FFFFFFFF> endcodespacerange\n\
        1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange\nendcmap end end";
    pdf(&[lines(&[(11, 700.0, "Text.")])], &[], |doc, page| {
        let cmap = doc.add_object(Stream::new(dictionary! {}, cmap.to_vec()));
        let font = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
            "ToUnicode" => cmap,
        });
        let resources = dictionary! { "Font" => dictionary! { "F1" => font } };
        doc.get_dictionary_mut(page)
            .unwrap()
            .set("Resources", resources);
    })
}

/// `n` pages, each one line: "Section N ends here."
pub fn many_pages(n: usize) -> Vec<u8> {
    let pages: Vec<Vec<u8>> = (1..=n)
        .map(|n| lines(&[(11, 700.0, &format!("Section {n} ends here."))]))
        .collect();
    pdf(&pages, &[], |_, _| {})
}

/// A page with a map of a million line segments, an image drawn, then its caption
/// "Map of the front line."
pub fn map_page() -> Vec<u8> {
    let mut content = b"0 0 1 RG 0.2 w 100 100 m\n".to_vec();
    for i in 0..1_000_000u32 {
        content.extend_from_slice(format!("{} {} l\n", i % 500, i % 700).as_bytes());
    }
    content.extend_from_slice(b"S q 100 0 0 100 72 400 cm /Im1 Do Q\n");
    content.extend_from_slice(b"BT /F1 11 Tf 72 380 Td (Map of the front line.) Tj ET\n");
    pdf(&[content], &[], |doc, page| {
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
    })
}

/// `<body>`, `n` nested `<div>`, a paragraph of `text`, the `n` closing tags.
pub fn nested_divs(n: usize, text: &str) -> String {
    format!(
        "<body>{}<p>{text}</p>{}",
        "<div>".repeat(n),
        "</div>".repeat(n)
    )
}

/// `n` lists nested in list items around `text`.
pub fn nested_lists(n: usize, text: &str) -> String {
    format!(
        "<body>{}{text}{}",
        "<ul><li>".repeat(n),
        "</li></ul>".repeat(n)
    )
}

/// One list of `n` items never closed (each closes the one before), then `text`.
pub fn open_items(n: usize, text: &str) -> String {
    format!("<body><ul>{}{text}</ul>", "<li>".repeat(n))
}

/// `n` nested `<article>` around a paragraph of `text`.
pub fn nested_articles(n: usize, text: &str) -> String {
    format!(
        "<body>{}<p>{text}</p>{}",
        "<article>".repeat(n),
        "</article>".repeat(n)
    )
}
