//! Launch to first frame, end to end: starts the reader (a built `stances` binary) in
//! a pseudo-terminal of 160×48 on a model, waits until the grid is drawn, prints the
//! milliseconds, then presses `G` and Enter and prints how long each took to show.
//!
//! ```text
//! cargo build --release
//! cargo run --release --example gen_model -- /tmp/m30k
//! cargo run --release --example pty_first_frame -- target/release/stances /tmp/m30k/positions.toml [RUNS]
//! ```
//!
//! "Drawn" means the screen holds the status bar's `as of` and the first party's
//! column header (`P0`); the time of `G` is until the last issue's row is on screen, of
//! Enter until the detail view's `Citations (` heading is.
//!
//! Given a `.csv` file instead (the same table from `stances export --format csv`), it
//! measures a table viewer the same way, for comparison: `csvlens` (or any viewer that
//! takes the file as its argument and `G` for the last row). "Drawn" is then the header
//! `Party 0` and the first row's `Issue 0` on screen; `G` as above, pressed 2 s after
//! the first frame (csvlens reads the file on after it); no Enter. The harness answers
//! a terminal's device-attributes and cursor-position queries, which csvlens waits for.
//!
//! ```text
//! target/release/stances export --format csv /tmp/m30k/positions.toml -o /tmp/m30k.csv
//! cargo run --release --example pty_first_frame -- "$(command -v csvlens)" /tmp/m30k.csv
//! ```

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const ROWS: u16 = 48;
const COLS: u16 = 160;

/// Waits until `done(screen)` holds; the time since `from`, or `None` after 60 s.
fn wait(
    parser: &Mutex<vt100::Parser>,
    from: Instant,
    done: impl Fn(&str) -> bool,
) -> Option<Duration> {
    loop {
        if done(&parser.lock().unwrap().screen().contents()) {
            return Some(from.elapsed());
        }
        if from.elapsed() > Duration::from_secs(60) {
            if std::env::var_os("PTY_DEBUG").is_some() {
                eprintln!("{}", parser.lock().unwrap().screen().contents());
            }
            return None;
        }
        std::thread::sleep(Duration::from_micros(200));
    }
}

fn ms(d: Option<Duration>) -> String {
    d.map_or("timed out".into(), |d| {
        format!("{:.0}", d.as_secs_f64() * 1000.0)
    })
}

fn run_once(bin: &str, model: &str, last_issue: &str, csv: bool) -> [Option<Duration>; 3] {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pseudo-terminal");
    let mut cmd = CommandBuilder::new(bin);
    cmd.arg(model);
    cmd.env("TERM", "xterm-256color");
    let parser = Arc::new(Mutex::new(vt100::Parser::new(
        std::num::NonZeroU16::new(ROWS).unwrap(),
        std::num::NonZeroU16::new(COLS).unwrap(),
        0,
    )));
    let started = Instant::now();
    let mut child = pty.slave.spawn_command(cmd).expect("the reader starts");
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().unwrap();
    let writer = Arc::new(Mutex::new(pty.master.take_writer().unwrap()));
    let sink = parser.clone();
    let answer = writer.clone();
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            let got = &buf[..n];
            // Answer what a terminal answers, as a program that asks (crossterm's
            // keyboard-enhancement check, a cursor position request) waits for it.
            let has = |q: &[u8]| got.windows(q.len()).any(|w| w == q);
            let mut w = answer.lock().unwrap();
            if has(b"\x1b[c") || has(b"\x1b[0c") {
                let _ = w.write_all(b"\x1b[?62;22c");
            }
            if has(b"\x1b[6n") {
                let _ = w.write_all(b"\x1b[1;1R");
            }
            let _ = w.flush();
            drop(w);
            sink.lock().unwrap().process(got);
        }
    });
    let first = wait(&parser, started, |s| {
        if csv {
            s.contains("Party 0") && s.contains("Issue 0")
        } else {
            s.contains("as of") && s.contains("P0")
        }
    });
    let key = |bytes: &[u8], done: &dyn Fn(&str) -> bool| {
        let t = Instant::now();
        let mut w = writer.lock().unwrap();
        w.write_all(bytes).unwrap();
        w.flush().unwrap();
        drop(w);
        wait(&parser, t, done)
    };
    if csv {
        // A table viewer may go on reading the file after its first frame (csvlens
        // does): `G` is timed once it has surely read it all.
        std::thread::sleep(Duration::from_secs(2));
    }
    let bottom = key(b"G", &|s: &str| s.contains(last_issue));
    let enter = if csv {
        None
    } else {
        key(b"\r", &|s: &str| s.contains("Citations ("))
    };
    let _ = key(b"\x1bq", &|_: &str| true);
    let deadline = Instant::now() + Duration::from_secs(5);
    while child.try_wait().ok().flatten().is_none() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    let _ = child.kill();
    drop(pty.master);
    [first, bottom, enter]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(bin), Some(model)) = (args.first(), args.get(1)) else {
        eprintln!("usage: pty_first_frame STANCES_BINARY POSITIONS_TOML [RUNS]");
        std::process::exit(2);
    };
    // portable-pty looks a relative name up on the PATH: make it absolute.
    let bin = std::fs::canonicalize(bin).map_or(bin.clone(), |p| p.display().to_string());
    let bin = &bin;
    let runs: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(5);
    // The last issue's name, which `G` brings on screen.
    let csv = std::path::Path::new(model)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let text = std::fs::read_to_string(model).expect("the positions file");
    let last_issue = if csv {
        let last = text.lines().last().unwrap_or_default();
        last.split(',').next().unwrap_or_default().to_string()
    } else {
        text.lines()
            .rev()
            .find_map(|l| l.strip_prefix("name = \"Issue "))
            .map(|n| format!("Issue {}", n.trim_end_matches('"')))
            .unwrap_or_default()
    };
    let mut all: [Vec<Duration>; 3] = Default::default();
    for _ in 0..runs {
        let got = run_once(bin, model, &last_issue, csv);
        let enter = if csv { "-".into() } else { ms(got[2]) };
        println!(
            "first frame {} ms, G {} ms, Enter {} ms",
            ms(got[0]),
            ms(got[1]),
            enter
        );
        for (v, d) in all.iter_mut().zip(got) {
            v.extend(d);
        }
    }
    for (name, mut v) in ["first frame", "G", "Enter"].into_iter().zip(all) {
        v.sort();
        if let Some(m) = v.get(v.len() / 2) {
            println!(
                "{name:<12} median {:>6.0} ms over {} runs",
                m.as_secs_f64() * 1000.0,
                v.len()
            );
        }
    }
}
