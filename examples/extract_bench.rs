//! Runs `add-source`'s web-page extraction, and the extractor crates it is compared
//! with, over the pages of an article-extraction benchmark laid out as
//! scrapinghub/article-extraction-benchmark is (`html/KEY.html.gz` and
//! `ground-truth.json`), and writes each one's predictions where that benchmark's own
//! `evaluate.py` scores them:
//!
//! ```text
//! cargo run --release --example extract_bench --features bench-peers -- BENCH_DIR
//! (cd BENCH_DIR && python3 evaluate.py)
//! ```
//!
//! It writes `BENCH_DIR/output/stances.json` (`add-source`), `trafilatura_crate.json`
//! (the `trafilatura` crate `add-source` builds on, with its default options),
//! `trafilatura_crate_opts.json` (the same with the options `add-source` sets), and
//! with the `bench-peers` feature `rs_trafilatura_crate.json` (the `rs-trafilatura`
//! crate, default options), in the benchmark's format (`{"version": ...,
//! "output": {KEY: {"articleBody": TEXT}}}`). A page `add-source` refuses gets an
//! empty body and is listed on stderr with the error. The time each took in all is
//! printed too. No code of the benchmark is here: its pages are inputs, its script
//! the judge.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// The versions of the crates compared (as in Cargo.lock).
const TRAFILATURA_VERSION: &str = "0.6.0";
#[cfg(feature = "bench-peers")]
const RS_TRAFILATURA_VERSION: &str = "0.2.2";

/// An extractor's work: the text of a page (its bytes and file), or why there is none.
type Run = dyn Fn(&[u8], &Path) -> Result<String, String>;

/// One extractor: a name for its output file, a version, and the text of a page.
struct Extractor {
    name: &'static str,
    version: String,
    run: Box<Run>,
}

fn extractors(scratch: &Path) -> Vec<Extractor> {
    let scratch = scratch.to_path_buf();
    let mut all = vec![Extractor {
        name: "stances",
        version: env!("CARGO_PKG_VERSION").into(),
        run: Box::new(move |bytes, page| {
            // Through the file, as `add-source` reads it.
            let name = page.file_name().map_or("page".into(), |n| {
                n.to_string_lossy().trim_end_matches(".gz").to_string()
            });
            let file = scratch.join(name);
            std::fs::write(&file, bytes).map_err(|e| e.to_string())?;
            let out = stances::ingest::extract(&file).map_err(|e| e.to_string());
            let _ = std::fs::remove_file(&file);
            out.map(|x| x.text)
        }),
    }];
    // The crate `add-source` uses, as it comes and with the options `add-source` sets,
    // on the page as the benchmark decoded it.
    let crate_default = trafilatura::Options::default();
    let crate_as_used = trafilatura::Options::default()
        .with_fallback(true)
        .with_focus(trafilatura::ExtractionFocus::FavorPrecision)
        .with_exclude_comments(true);
    for (name, options) in [
        ("trafilatura_crate", crate_default),
        ("trafilatura_crate_opts", crate_as_used),
    ] {
        all.push(Extractor {
            name,
            version: TRAFILATURA_VERSION.into(),
            run: Box::new(move |bytes, _| {
                let html = String::from_utf8_lossy(bytes);
                trafilatura::extract(&html, &options)
                    .map(|r| r.content_text)
                    .map_err(|e| e.to_string())
            }),
        });
    }
    #[cfg(feature = "bench-peers")]
    all.push(Extractor {
        name: "rs_trafilatura_crate",
        version: RS_TRAFILATURA_VERSION.into(),
        run: Box::new(|bytes, _| {
            rs_trafilatura::extract_bytes(bytes)
                .map(|r| r.content_text)
                .map_err(|e| e.to_string())
        }),
    });
    all
}

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!(
            "usage: extract_bench BENCH_DIR   (a copy of scrapinghub/article-extraction-benchmark)"
        );
        return ExitCode::from(2);
    };
    match run(&dir) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("extract_bench: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(dir: &Path) -> Result<(), String> {
    let mut pages: Vec<PathBuf> = std::fs::read_dir(dir.join("html"))
        .map_err(|e| format!("{}/html: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".html.gz"))
        .collect();
    pages.sort();
    if pages.is_empty() {
        return Err(format!("no html/*.html.gz in {}", dir.display()));
    }
    let scratch = tempfile::tempdir().map_err(|e| e.to_string())?;
    let out_dir = dir.join("output");
    std::fs::create_dir_all(&out_dir).map_err(|e| e.to_string())?;
    let mut bodies: Vec<(Vec<u8>, PathBuf, String)> = Vec::new();
    for page in &pages {
        let mut bytes = Vec::new();
        let file = std::fs::File::open(page).map_err(|e| format!("{}: {e}", page.display()))?;
        flate2::read::GzDecoder::new(file)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("{}: {e}", page.display()))?;
        let key = page
            .file_name()
            .map(|n| n.to_string_lossy().trim_end_matches(".html.gz").to_string())
            .unwrap_or_default();
        bodies.push((bytes, page.clone(), key));
    }
    for ex in extractors(scratch.path()) {
        let mut output = BTreeMap::new();
        let mut refused = 0;
        let mut took = Duration::ZERO;
        for (bytes, page, key) in &bodies {
            let start = Instant::now();
            let text = (ex.run)(bytes, page);
            took += start.elapsed();
            let text = text.unwrap_or_else(|e| {
                refused += 1;
                eprintln!("{}: {key}: {e}", ex.name);
                String::new()
            });
            output.insert(
                key.clone(),
                serde_json::json!({ "articleBody": text.replace('\u{00ad}', "") }),
            );
        }
        let json = serde_json::json!({ "version": ex.version, "output": output });
        let file = out_dir.join(format!("{}.json", ex.name));
        std::fs::write(&file, json.to_string()).map_err(|e| format!("{}: {e}", file.display()))?;
        println!(
            "{:<22} {} pages, {} refused, {:.2} s",
            ex.name,
            bodies.len(),
            refused,
            took.as_secs_f64()
        );
    }
    Ok(())
}
