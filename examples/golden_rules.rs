//! Scores sentence splitters on the 48 English "golden rules" (pySBD's set, after
//! pragmatic_segmenter's; `tests/fixtures/sentences/english_golden_rules.json`, with
//! its attribution): a rule passes when a splitter gives exactly its sentences.
//!
//! ```text
//! cargo run --release --example golden_rules --features bench-peers -- [--pysbd PYTHON]
//! ```
//!
//! Scores `stances` (the splitter `check` and the reader use) and, with the
//! `bench-peers` feature, the `sentencex` crate (language "en"); with `--pysbd`, also
//! pySBD through `PYTHON` (an interpreter that can `import pysbd`, e.g. a virtual
//! environment after `pip install pysbd==0.3.4`), all in the same run. Prints each
//! splitter's score and the rules it fails, with what it gave.

use std::path::Path;
use std::process::ExitCode;

/// One rule: its number, name, text and the sentences expected.
struct Rule {
    n: u64,
    name: String,
    text: String,
    sentences: Vec<String>,
}

fn rules() -> Result<Vec<Rule>, String> {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/sentences/english_golden_rules.json");
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?,
    )
    .map_err(|e| format!("{}: {e}", file.display()))?;
    let strings = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .into_iter()
            .flatten()
            .filter_map(|s| s.as_str().map(str::to_string))
            .collect()
    };
    Ok(json["rules"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| Rule {
            n: r["n"].as_u64().unwrap_or(0),
            name: r["name"].as_str().unwrap_or("").to_string(),
            text: r["text"].as_str().unwrap_or("").to_string(),
            sentences: strings(&r["sentences"]),
        })
        .collect())
}

/// The sentences `stances` finds in `text`.
fn stances_split(text: &str) -> Vec<String> {
    stances::source::sentences::split(text, 0)
        .into_iter()
        .map(|r| text[r].to_string())
        .collect()
}

/// The sentences the `sentencex` crate finds, trimmed.
#[cfg(feature = "bench-peers")]
fn sentencex_split(text: &str) -> Vec<String> {
    sentencex::segment("en", text)
        .into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// The sentences pySBD finds in each text, trimmed, through `python`.
fn pysbd_split(python: &str, texts: &[&str]) -> Result<Vec<Vec<String>>, String> {
    let script = "import json, sys, pysbd\n\
        seg = pysbd.Segmenter(language='en', clean=False)\n\
        texts = json.load(sys.stdin)\n\
        out = [[s.strip() for s in seg.segment(t) if s.strip()] for t in texts]\n\
        print(json.dumps({'version': pysbd.__version__ if hasattr(pysbd, '__version__') else '', 'out': out}))\n";
    let mut child = std::process::Command::new(python)
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| format!("{python}: {e}"))?;
    let input = serde_json::to_string(texts).map_err(|e| e.to_string())?;
    if let Some(mut stdin) = child.stdin.take() {
        std::io::Write::write_all(&mut stdin, input.as_bytes()).map_err(|e| e.to_string())?;
    }
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!("{python} failed: is pysbd installed there?"));
    }
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).map_err(|e| e.to_string())?;
    Ok(json["out"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|s| {
            s.as_array()
                .into_iter()
                .flatten()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .collect())
}

/// Prints a splitter's score and its failures.
fn report(name: &str, rules: &[Rule], found: &[Vec<String>]) {
    let passed = rules
        .iter()
        .zip(found)
        .filter(|(r, f)| &r.sentences == *f)
        .count();
    println!("{name}: {passed}/{}", rules.len());
    for (r, f) in rules.iter().zip(found) {
        if &r.sentences != f {
            println!("  fails {:>2}) {}: {:?}", r.n, r.name, f);
        }
    }
}

fn main() -> ExitCode {
    let mut python: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--pysbd" => python = args.next(),
            _ => {
                eprintln!("usage: golden_rules [--pysbd PYTHON]");
                return ExitCode::from(2);
            }
        }
    }
    let rules = match rules() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("golden_rules: {e}");
            return ExitCode::FAILURE;
        }
    };
    let found: Vec<Vec<String>> = rules.iter().map(|r| stances_split(&r.text)).collect();
    report("stances", &rules, &found);
    #[cfg(feature = "bench-peers")]
    {
        let found: Vec<Vec<String>> = rules.iter().map(|r| sentencex_split(&r.text)).collect();
        report("sentencex 0.1.33", &rules, &found);
    }
    if let Some(python) = python {
        let texts: Vec<&str> = rules.iter().map(|r| r.text.as_str()).collect();
        match pysbd_split(&python, &texts) {
            Ok(found) => report("pySBD", &rules, &found),
            Err(e) => {
                eprintln!("golden_rules: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}
