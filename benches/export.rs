//! Export benchmark: a synthetic model of 50 parties × 200 issues with 3 citations per
//! cell, rendered to every format. Run with `cargo bench --bench export`; prints the
//! median time per format (no timing assertions).

use stances::export::{self, Format, Options};
use stances::view::View;
use std::fmt::Write;
use std::time::{Duration, Instant};

const PARTIES: usize = 50;
const ISSUES: usize = 200;
const CITES: usize = 3;
const SOURCES: usize = 10;
const SENTENCES: usize = 600;
const RUNS: usize = 9;

/// Sentence `k` of every source: each opens with a phrase found nowhere else.
fn sentence(k: usize) -> String {
    format!(
        "Item {k} records that the envoys discussed point {k} at length, \u{201c}without agreement\u{201d} & <no> | deal."
    )
}

/// Writes positions.toml and the sources into `dir`.
fn write_model(dir: &std::path::Path) {
    std::fs::create_dir_all(dir.join("seeds")).unwrap();
    for s in 0..SOURCES {
        let mut text = format!("date 2025-04-{:02}\n\n", 10 + s);
        for k in 0..SENTENCES {
            text.push_str(&sentence(k));
            text.push(if k % 5 == 4 { '\n' } else { ' ' });
        }
        std::fs::write(dir.join(format!("seeds/s{s}.txt")), text).unwrap();
    }
    let mut t = String::from("schema = 1\ntitle = \"Benchmark <talks> & \\\"friends\\\"\"\n");
    for p in 0..PARTIES {
        let _ = write!(t, "\n[parties.p{p}]\nname = \"Party {p} | <p{p}>\"\n");
    }
    for i in 0..ISSUES {
        let _ = write!(
            t,
            "\n[issues.i{i}]\nname = \"Issue {i}\"\nquestion = \"What about {i}?\"\n[issues.i{i}.scale]\n"
        );
        for step in 0..5 {
            let _ = writeln!(t, "step{step} = \"Step {step} of issue {i}\"");
        }
    }
    for s in 0..SOURCES {
        let _ = write!(
            t,
            "\n[sources.s{s}]\nfile = \"s{s}.txt\"\ntitle = \"Source {s}\"\npublisher = \"Wire\"\nurl = \"https://example.com/news/{s}\"\n"
        );
    }
    for i in 0..ISSUES {
        for p in 0..PARTIES {
            let n = i * PARTIES + p;
            let _ = write!(
                t,
                "\n[[position]]\nparty = \"p{p}\"\nissue = \"i{i}\"\nsummary = \"Party {p} on issue {i}: holds *view* {n} & <more> | =x\"\n\
                 as_of = 2025-04-{:02}\nstance = \"step{}\"\nstatus = \"stated\"\n",
                10 + n % SOURCES,
                n % 5
            );
            for c in 0..CITES {
                let k = (n * CITES + c) % SENTENCES;
                let _ = write!(
                    t,
                    "\n[[position.cite]]\nsource = \"s{}\"\nquote = \"Item {k} records that the envoys discussed point {k}\"\n",
                    n % SOURCES
                );
            }
        }
    }
    std::fs::write(dir.join("positions.toml"), t).unwrap();
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    write_model(dir.path());
    let started = Instant::now();
    let loaded = stances::model::load(&dir.path().join("positions.toml"));
    let load_time = started.elapsed();
    let model = loaded.model.unwrap_or_else(|| {
        panic!(
            "benchmark model does not load: {:#?}",
            &loaded.diagnostics[..loaded.diagnostics.len().min(5)]
        )
    });
    let citations: usize = model.positions.iter().map(|p| p.citations.len()).sum();
    println!(
        "model: {} parties x {} issues, {} positions, {} citations; load {:.0} ms",
        model.parties.len(),
        model.issues.len(),
        model.positions.len(),
        citations,
        ms(load_time)
    );
    let view = View::new(std::sync::Arc::new(model.clone()), None);
    for (name, format, long) in [
        ("text", Format::Text, false),
        ("csv", Format::Csv, false),
        ("csv --long", Format::Csv, true),
        ("md", Format::Md, false),
        ("html", Format::Html, false),
        ("json", Format::Json, false),
    ] {
        let opts = Options {
            width: 200,
            long,
            ..Options::default()
        };
        let mut times = Vec::with_capacity(RUNS);
        let mut size = 0;
        for _ in 0..RUNS {
            let t = Instant::now();
            let out = export::render(std::hint::black_box(&view), format, &opts);
            times.push(t.elapsed());
            size = out.len();
        }
        times.sort();
        println!(
            "{name:<11} median {:>8.1} ms   min {:>8.1} ms   max {:>8.1} ms   output {:>6.1} MiB   ({RUNS} runs)",
            ms(times[RUNS / 2]),
            ms(times[0]),
            ms(times[RUNS - 1]),
            size as f64 / 1048576.0
        );
    }
}
