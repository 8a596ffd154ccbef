//! Writes the inputs of `tests/ingest_pdf.rs` and `tests/ingest_html.rs` to files, to
//! time `add-source` on them (BENCHMARKS.md, "Real text in"):
//!
//! ```text
//! cargo run --release --example hostile_inputs -- OUT_DIR
//! ```
//!
//! Writes `OUT_DIR/`: `divs.html` (100,000 nested `<div>`), `lists.html` (50,000
//! nested lists), `items.html` (50,000 open `<li>`), `articles.html` (50,000 nested
//! `<article>`), `statement-18pt.pdf` (a statement at 1.5 line spacing),
//! `q-flood.pdf` (8,000,000 `q`), `cmap-bomb.pdf` (a 4-billion-code ToUnicode
//! range), `pages-12000.pdf` and `map.pdf` (a million drawing operators and an image).

#[path = "support/inputs.rs"]
mod inputs;

use std::path::PathBuf;
use std::process::ExitCode;

const TEXT: &str = "The text at the bottom of the page is kept.";

fn main() -> ExitCode {
    let Some(out) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: hostile_inputs OUT_DIR");
        return ExitCode::from(2);
    };
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("divs.html", inputs::nested_divs(100_000, TEXT).into_bytes()),
        (
            "lists.html",
            inputs::nested_lists(50_000, TEXT).into_bytes(),
        ),
        ("items.html", inputs::open_items(50_000, TEXT).into_bytes()),
        (
            "articles.html",
            inputs::nested_articles(50_000, TEXT).into_bytes(),
        ),
        ("statement-18pt.pdf", inputs::statement(18.0)),
        ("q-flood.pdf", inputs::graphics_state_flood()),
        ("cmap-bomb.pdf", inputs::cmap_bomb()),
        ("pages-12000.pdf", inputs::many_pages(12_000)),
        ("map.pdf", inputs::map_page()),
    ];
    if let Err(e) = std::fs::create_dir_all(&out) {
        eprintln!("hostile_inputs: {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    for (name, bytes) in files {
        let path = out.join(name);
        if let Err(e) = std::fs::write(&path, bytes) {
            eprintln!("hostile_inputs: {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
