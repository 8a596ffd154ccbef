//! The HTML report in headless Chromium (docs/SPEC.md §8): how large the bundled model's
//! report is, and how long it and a report of a 2,000-citation model take to open, and
//! to redraw on a filter, a date, a base date, a search, and to open a cell. Run with
//! `cargo bench --bench report`; prints the figures (no timing assertions). Needs
//! `chromium` and `chromedriver` on PATH (skips without them).
//!
//! The model is `examples/gen_model.rs`'s (`stances::testing::synth`): 10 parties ×
//! 25 issues, 4 dated positions per cell with 2 citations each (1,000 positions, 2,000
//! citations, 4 dates), over 100 sources of 10 KB. Each operation is timed in the page
//! with `performance.now()`: from the event to the end of its handler with the layout
//! done (`sync`), and to the first frame after it (`frame`); the median and the worst
//! of 11 runs; and the CPU time per run (the operation and its undo) of the browser's
//! processes and of the renderer's main thread (the page's script, style and layout),
//! which the load of a shared machine does not inflate.

#[path = "../tests/support/mod.rs"]
#[allow(dead_code)]
mod support;

use stances::export::{self, Format, Options};
use stances::model::Model;
use stances::testing::synth;
use stances::view::View;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;
use support::browser::Browser;

const RUNS: usize = 11;

/// CPU time (user and system, ms) used so far by the browser's processes (those of the
/// process group that chromedriver and the Chromium it starts run in): all their threads,
/// and the renderers' main threads alone (where the page's script, style and layout
/// run). On a machine shared with other work, wall times grow with the
/// load; these do not.
fn browser_cpu_ms(b: &Browser) -> (f64, f64) {
    let group = b.pids()[0].to_string();
    // After the command name in parentheses: state, ppid, pgrp, ..., utime (the 14th
    // field of the line), stime (15th); /proc counts them in USER_HZ, 100 per second.
    let fields = |stat: &str| -> Option<(String, u64)> {
        let (_, rest) = stat.rsplit_once(") ")?;
        let f: Vec<&str> = rest.split(' ').collect();
        let ticks = f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?;
        Some((f.get(2)?.to_string(), ticks))
    };
    let (mut all, mut main) = (0u64, 0u64);
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        let Some((pgrp, ticks)) = fields(&stat) else {
            continue;
        };
        if pgrp != group {
            continue;
        }
        all += ticks;
        // A renderer's main thread is its first: its id is the process's.
        let cmdline = std::fs::read(entry.path().join("cmdline")).unwrap_or_default();
        let renderer = cmdline.windows(15).any(|w| w == b"--type=renderer");
        let first = entry
            .path()
            .join("task")
            .join(entry.file_name())
            .join("stat");
        if renderer
            && let Ok(stat) = std::fs::read_to_string(first)
            && let Some((_, ticks)) = fields(&stat)
        {
            main += ticks;
        }
    }
    (all as f64 * 10.0, main as f64 * 10.0)
}

/// Times `action` (a script body that acts on the page) in the page, `RUNS` times,
/// `undo` run after each; returns the medians and maxima of (sync, frame) in ms, and
/// the CPU time per run (the action and its undo) of the browser and of its renderer's
/// main thread, and of that the time in script (the page's and the HTML it parses),
/// style and layout (Chromium's Performance metrics).
fn time(b: &Browser, action: &str, undo: &str) -> [f64; 9] {
    let metrics = |b: &Browser| {
        let m = b.cdp("Performance.getMetrics", serde_json::json!({}));
        let get = |name: &str| {
            m["metrics"]
                .as_array()
                .into_iter()
                .flatten()
                .find(|x| x["name"] == name)
                .and_then(|x| x["value"].as_f64())
                .unwrap_or(0.0)
                * 1e3
        };
        [
            get("ScriptDuration"),
            get("RecalcStyleDuration"),
            get("LayoutDuration"),
        ]
    };
    b.cdp("Performance.enable", serde_json::json!({}));
    let m0 = metrics(b);
    let cpu = browser_cpu_ms(b);
    let mut sync = Vec::new();
    let mut frame = Vec::new();
    for _ in 0..RUNS {
        let v = b.script_async(
            &format!(
                "const done = arguments[arguments.length - 1];
                 const t0 = performance.now();
                 {action}
                 document.body.offsetHeight;
                 const t1 = performance.now();
                 requestAnimationFrame(() => setTimeout(() => {{
                   const t2 = performance.now();
                   {undo}
                   done([t1 - t0, t2 - t0]);
                 }}, 0));"
            ),
            &[],
        );
        sync.push(v[0].as_f64().unwrap());
        frame.push(v[1].as_f64().unwrap());
    }
    let stat = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        (v[v.len() / 2], v[v.len() - 1])
    };
    let after = browser_cpu_ms(b);
    let m1 = metrics(b);
    let per_run = |a: f64, b: f64| (a - b) / RUNS as f64;
    let (s, sm) = stat(&mut sync);
    let (f, fm) = stat(&mut frame);
    [
        s,
        sm,
        f,
        fm,
        per_run(after.0, cpu.0),
        per_run(after.1, cpu.1),
        per_run(m1[0], m0[0]),
        per_run(m1[1], m0[1]),
        per_run(m1[2], m0[2]),
    ]
}

fn main() {
    let Some(b) = Browser::start() else {
        eprintln!("report bench skipped: no chromium or chromedriver");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let bundled = stances::testing::fixtures::bundled();
    let model = Arc::new(stances::testing::fixtures::load(&bundled));
    let (page, bytes, ms) = export(&model, dir.path(), "bundled.html");
    println!(
        "bundled model: {} positions, {} citations; report {bytes} bytes ({:.0} KB; export {ms:.1} ms)",
        model.positions.len(),
        model
            .positions
            .iter()
            .map(|p| p.citations.len())
            .sum::<usize>(),
        bytes as f64 / 1024.0
    );
    measure(&b, &page, &model);

    let spec = synth::Spec {
        parties: 10,
        issues: 25,
        per_cell: 2,
        history: 4,
        sources: 100,
        source_kb: 10,
        broken_percent: 0,
        shape: synth::Shape::default(),
    };
    let w = synth::write(dir.path(), &spec).unwrap();
    let model = Arc::new(stances::testing::fixtures::load(
        &dir.path().join("positions.toml"),
    ));
    let (page, bytes, ms) = export(&model, dir.path(), "report.html");
    println!(
        "synthetic model: {} positions, {} citations, {} dates, {} cells; report {:.2} MB (export {ms:.0} ms)",
        w.positions,
        w.citations,
        model.dates().len(),
        spec.parties * spec.issues,
        bytes as f64 / 1e6
    );
    measure(&b, &page, &model);
}

/// Exports `model` at its latest date as HTML into `dir/name`: the page, its size and
/// how long the export took (ms).
fn export(model: &Arc<Model>, dir: &Path, name: &str) -> (PathBuf, usize, f64) {
    let t = Instant::now();
    let view = View::new(Arc::clone(model), None);
    let html = export::render(&view, Format::Html, &Options::default());
    let ms = t.elapsed().as_secs_f64() * 1e3;
    let page = dir.join(name);
    std::fs::write(&page, &html).unwrap();
    (page, html.len(), ms)
}

/// Opens `page` five times, then times each operation.
fn measure(b: &Browser, page: &Path, model: &Model) {
    // Opening: from the navigation to the page script's end, and to the load event.
    let mut ready = Vec::new();
    let mut load = Vec::new();
    for _ in 0..5 {
        b.open(page);
        let v = b.script(
            "const n = performance.getEntriesByType('navigation')[0];
             return [window.stancesReport.readyAt, n.loadEventEnd, n.domContentLoadedEventEnd]",
            &[],
        );
        ready.push(v[0].as_f64().unwrap());
        load.push(v[1].as_f64().unwrap());
    }
    ready.sort_by(f64::total_cmp);
    load.sort_by(f64::total_cmp);
    println!(
        "open: script done at {:.0} ms, load event at {:.0} ms after navigation (median of 5; max {:.0} / {:.0})",
        ready[2], load[2], ready[4], load[4]
    );
    b.assert_clean();

    let dates = model.dates();
    let (first, last) = (dates[0].to_string(), dates[dates.len() - 1].to_string());
    let set = |id: &str, value: &str, event: &str| {
        format!(
            "const e = document.getElementById('{id}'); e.value = '{value}'; \
             e.dispatchEvent(new Event('{event}', {{bubbles: true}}));"
        )
    };
    // A word of the first summary, as a reader would search for it.
    let term = model.positions[0]
        .summary
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| w.len() >= 4)
        .unwrap_or("a")
        .to_lowercase();
    let box_click = "document.querySelector('#report-controls input[name=party]').click();";
    let operations: Vec<(&str, String, String)> = vec![
        (
            "filter a party out and back",
            box_click.into(),
            box_click.into(),
        ),
        (
            "change the view date",
            set("c-date", &first, "change"),
            set("c-date", &last, "change"),
        ),
        (
            "set a base date (compare with)",
            set("c-base", &first, "change"),
            set("c-base", "", "change"),
        ),
        (
            "minimum confidence high",
            set("c-min", "high", "change"),
            set("c-min", "", "change"),
        ),
        (
            "search",
            set("c-search", &term, "input"),
            set("c-search", "", "input"),
        ),
        (
            "open a cell's detail",
            "document.querySelector('table.grid td[data-pos]').click();".into(),
            "document.getElementById('detail').close();".into(),
        ),
    ];
    println!(
        "operation: median / worst of {RUNS} (ms): to the end of the handler and layout | to the next frame"
    );
    for (name, action, undo) in &operations {
        let [s, sm, f, fm, cpu, main, script, style, layout] = time(b, action, undo);
        println!("  {name:32} {s:6.1} / {sm:6.1} | {f:6.1} / {fm:6.1} | {cpu:6.1}, {main:6.1}");
        println!(
            "  {:32} of the main thread's, per run: script {script:.1}, style {style:.1}, layout {layout:.1}",
            ""
        );
    }
    b.assert_clean();
}
