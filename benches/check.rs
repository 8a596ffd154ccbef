//! `check` benchmark: loads (parses, resolves, verifies every quote of) a synthetic
//! model, clean and with 10% of its quotes broken in each shape (a word changed, added
//! or dropped, the quote cited from the wrong source, the four mixed), and prints the
//! median time of each.
//! When `grep` is on the PATH it times `grep -F -c -f quotes.txt` over the same
//! sources in the same run, for the ratio. No timing assertions.
//!
//! `cargo bench --bench check` uses the model of issue 11 (50 parties × 200 issues ×
//! 3 citations, 500 sources of 20 KB); `STANCES_BENCH_SMALL=1` a tenth of the sources.

use stances::testing::synth;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const RUNS: usize = 5;

fn median(mut v: Vec<Duration>) -> f64 {
    v.sort();
    v[v.len() / 2].as_secs_f64() * 1000.0
}

fn time_load(path: &std::path::Path) -> (f64, usize) {
    let mut times = Vec::new();
    let mut errors = 0;
    for _ in 0..RUNS {
        let t = Instant::now();
        let loaded = stances::model::load(std::hint::black_box(path));
        times.push(t.elapsed());
        errors = loaded.errors();
        drop(loaded);
    }
    (median(times), errors)
}

/// `grep -F -c -f quotes.txt seeds/*.txt`, or `None` without grep.
fn time_grep(dir: &std::path::Path) -> Option<f64> {
    let mut files: Vec<_> = std::fs::read_dir(dir.join("seeds"))
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        let status = Command::new("grep")
            .arg("-F")
            .arg("-c")
            .arg("-f")
            .arg(dir.join("quotes.txt"))
            .args(&files)
            .stdout(Stdio::null())
            .status()
            .ok()?;
        times.push(t.elapsed());
        // 1 is "no line matched in some file": still a full run.
        if status.code().is_none_or(|c| c > 1) {
            return None;
        }
    }
    Some(median(times))
}

fn main() {
    let mut spec = synth::Spec::default();
    if std::env::var_os("STANCES_BENCH_SMALL").is_some() {
        spec.sources /= 10;
    }
    let clean = tempfile::tempdir().unwrap();
    let w = synth::write(clean.path(), &spec).unwrap();
    println!(
        "model: {} parties x {} issues, {} positions, {} citations, {} sources of {} KB ({:.1} MB toml, {:.1} MB text)",
        spec.parties,
        spec.issues,
        w.positions,
        w.citations,
        spec.sources,
        spec.source_kb,
        w.toml_bytes as f64 / 1e6,
        w.source_bytes as f64 / 1e6
    );
    let (clean_ms, errors) = time_load(&clean.path().join("positions.toml"));
    assert_eq!(errors, 0, "the clean model has errors");
    println!("check (load, verify)       median {clean_ms:>8.1} ms   ({RUNS} runs)");
    match time_grep(clean.path()) {
        Some(g) => println!(
            "grep -F -c -f quotes.txt   median {g:>8.1} ms   check/grep = {:.2}",
            clean_ms / g
        ),
        None => println!("grep -F -c -f quotes.txt   (grep not available)"),
    }
    // Each shape of broken quote in turn, in the same run as the clean check.
    for shape in synth::Shape::ALL {
        let broken = tempfile::tempdir().unwrap();
        let spec = synth::Spec {
            broken_percent: 10,
            shape,
            ..spec.clone()
        };
        let w = synth::write(broken.path(), &spec).unwrap();
        let (broken_ms, errors) = time_load(&broken.path().join("positions.toml"));
        assert_eq!(errors, w.broken, "every broken quote is reported once");
        println!(
            "check, 10% broken, {:<12} ({} errors) median {broken_ms:>8.1} ms   = {:.2}x the clean run",
            shape.name(),
            errors,
            broken_ms / clean_ms
        );
    }
}
