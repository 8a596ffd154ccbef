//! End to end: the real binary in a pseudo-terminal, driven by key presses, its screen
//! read back through a terminal emulator (vt100).

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Session {
    fn start(dir: &std::path::Path, args: &[&str], env: &[(&str, &str)]) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 30,
                cols: 100,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_stances"));
        cmd.args(args);
        cmd.cwd(dir);
        cmd.env("TERM", "xterm-256color");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZeroU16::new(30).unwrap(),
            std::num::NonZeroU16::new(100).unwrap(),
            0,
        )));
        let mut reader = pty.master.try_clone_reader().unwrap();
        let sink = parser.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().process(&buf[..n]);
            }
        });
        let writer = pty.master.take_writer().unwrap();
        // Keep the master alive as long as the writer (it owns the pty).
        std::mem::forget(pty.master);
        Session {
            parser,
            writer,
            child,
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    fn wait_for(&self, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let s = self.screen();
            if s.contains(needle) {
                return s;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {needle:?}; screen:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until none of `needles` is on screen (e.g. an error panel after a fix).
    fn wait_until_gone(&self, needles: &[&str]) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while needles.iter().any(|n| self.screen().contains(n)) {
            assert!(
                Instant::now() < deadline,
                "still on screen: {needles:?}\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn keys(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(150));
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "the reader did not exit; screen:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

fn repo() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn browse_cell_citation_source_and_quit() {
    let mut s = Session::start(&repo().join("tests/fixtures/plain"), &[], &[]);
    s.wait_for("Ceasefire");
    assert!(
        s.parser.lock().unwrap().screen().alternate_screen(),
        "the reader uses the alternate screen"
    );
    s.keys(b"jk"); // down and back up: Ceasefire, North column
    s.wait_for("Ceasefire × North");
    s.keys(b"\r");
    s.wait_for("Citations (2)");
    s.keys(b"\t"); // the second citation
    s.keys(b"\r");
    let screen = s.wait_for("highlighted: North on Ceasefire 2025-03-02 (you came from it)");
    assert!(
        screen.contains("would accept monitors from the Union"),
        "the cited sentence is on screen:\n{screen}"
    );
    s.keys(b"\x1b");
    s.wait_for("Citations (2)");
    s.keys(b"\x1b");
    s.wait_for("Ceasefire × North");
    s.keys(b"q");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    std::thread::sleep(Duration::from_millis(200));
    let p = s.parser.lock().unwrap();
    assert!(!p.screen().alternate_screen(), "left the alternate screen");
    assert!(!p.screen().hide_cursor(), "the cursor is shown again");
}

#[test]
fn ctrl_c_quits_from_a_nested_view_and_restores_the_terminal() {
    let mut s = Session::start(&repo(), &[], &[("NO_COLOR", "1")]);
    s.wait_for("Territory");
    s.keys(b"\r");
    // Territory × US: Trump's statement of 23 April, without a stance; the U.S. plan's
    // stance of 17 April still stands.
    let screen = s.wait_for("Territory · United States");
    assert!(
        screen.contains("no stance of its own; the stance of 2025-04-17 stands"),
        "{screen}"
    );
    s.keys(b"?");
    s.wait_for("show every key");
    s.keys(b"\x03");
    assert!(s.wait_exit().success());
    std::thread::sleep(Duration::from_millis(200));
    assert!(!s.parser.lock().unwrap().screen().alternate_screen());
}

/// A copy of the bundled model in a temporary directory, to edit freely.
fn bundled_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("seeds")).unwrap();
    for entry in std::fs::read_dir(repo().join("seeds")).unwrap() {
        let e = entry.unwrap();
        std::fs::copy(e.path(), dir.path().join("seeds").join(e.file_name())).unwrap();
    }
    std::fs::copy(
        repo().join("positions.toml"),
        dir.path().join("positions.toml"),
    )
    .unwrap();
    dir
}

#[test]
fn edits_from_outside_show_up_and_a_broken_file_shows_its_error() {
    let dir = bundled_copy();
    let file = dir.path().join("positions.toml");
    let original = std::fs::read_to_string(&file).unwrap();
    let mut s = Session::start(dir.path(), &[], &[]);
    s.wait_for("Territory");
    let edited = original.replace(
        "summary = \"Demands recognition of Crimea's annexation\"",
        "summary = \"EDITED_OUTSIDE\"",
    );
    assert_ne!(edited, original);
    std::fs::write(&file, &edited).unwrap();
    s.wait_for("EDITED_OUTSIDE");
    // Save by rename, breaking the file: the last good grid stays, with the error.
    let tmp = dir.path().join("positions.toml.tmp");
    // (Renamed whole: `ru` would still name it by its short name "RU".)
    let renamed = "[parties.kremlin]\nname = \"Kremlin\"\nshort = \"KR\"";
    let broken = edited.replace("[parties.ru]\nname = \"Russia\"\nshort = \"RU\"", renamed);
    assert_ne!(broken, edited);
    std::fs::write(&tmp, broken).unwrap();
    std::fs::rename(&tmp, &file).unwrap();
    let screen = s.wait_for("does not load");
    assert!(screen.contains("unknown party `ru`"), "{screen}");
    assert!(
        screen.contains("EDITED_OUTSIDE"),
        "last good model stays:\n{screen}"
    );
    std::fs::write(&file, &original).unwrap();
    s.wait_until_gone(&["does not load", "EDITED_OUTSIDE"]);
    s.keys(b"q");
    assert!(s.wait_exit().success());
}

#[test]
fn a_reload_with_a_quote_not_found_shows_the_new_version_and_then_the_error() {
    let dir = bundled_copy();
    let file = dir.path().join("positions.toml");
    let original = std::fs::read_to_string(&file).unwrap();
    let mut s = Session::start(dir.path(), &[], &[]);
    s.wait_for("Territory");
    // A new summary, and a quote that is no longer in its source: the new version
    // shows, and background verification puts the quote in the error panel.
    let edited = original
        .replace(
            "summary = \"Seeks compensation funded by frozen Russian assets\"",
            "summary = \"EDITED_QUOTE\"",
        )
        .replace(
            "guarantees and compensation funded by frozen Russian assets\"",
            "guarantees and compensation paid by frozen Russian assets\"",
        );
    assert_eq!(edited.matches("compensation paid by").count(), 1);
    std::fs::write(&file, &edited).unwrap();
    let screen = s.wait_for("reloaded; 1 quote(s) not found");
    assert!(screen.contains("EDITED_QUOTE"), "{screen}");
    assert!(screen.contains("quote not found"), "{screen}");
    // Put right, the error goes and the new version stays checked.
    std::fs::write(
        &file,
        edited.replace("compensation paid by", "compensation funded by"),
    )
    .unwrap();
    s.wait_until_gone(&["quote not found"]);
    assert!(s.screen().contains("EDITED_QUOTE"));
    s.keys(b"q");
    assert!(s.wait_exit().success());
}

#[cfg(unix)]
#[test]
fn e_opens_the_editor_at_the_position_and_reloads_after() {
    use std::os::unix::fs::PermissionsExt;
    let dir = bundled_copy();
    let log = dir.path().join("editor.log");
    let editor = dir.path().join("vim");
    // A fake vim: records its arguments, then edits the summary in place.
    std::fs::write(
        &editor,
        format!(
            "#!/bin/sh\necho \"$@\" > '{}'\nsed -i 's/Seeks compensation funded by frozen Russian assets/CHANGED IN EDITOR/' \"$2\"\n",
            log.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    let editor = editor.display().to_string();
    let mut s = Session::start(dir.path(), &[], &[("VISUAL", editor.as_str())]);
    s.wait_for("Territory");
    // Compensation × UA: the last row, third column.
    s.keys(b"Gll");
    s.wait_for("Compensation × UA");
    s.keys(b"e");
    s.wait_for("CHANGED IN"); // the cell wraps after "IN" (its marks come first)
    let args = std::fs::read_to_string(&log).unwrap();
    let text = std::fs::read_to_string(dir.path().join("positions.toml")).unwrap();
    let line = text
        .lines()
        .position(|l| l.contains("CHANGED IN EDITOR"))
        .unwrap();
    // The editor was opened at the [[position]] header above the summary.
    let header = text
        .lines()
        .take(line)
        .collect::<Vec<_>>()
        .iter()
        .rposition(|l| l.trim() == "[[position]]")
        .unwrap()
        + 1;
    assert_eq!(args.trim(), format!("+{header} positions.toml"));
    s.keys(b"q");
    assert!(s.wait_exit().success());
}

#[test]
fn a_file_with_errors_opens_with_its_errors_shown() {
    let dir = bundled_copy();
    let file = dir.path().join("positions.toml");
    let original = std::fs::read_to_string(&file).unwrap();
    let broken = original.replace(
        "annexation of Crimea and barring Ukraine from joining NATO\"",
        "annexation of Crimea and barring Ukraine from joining the EU\"",
    );
    assert_eq!(broken.matches("joining the EU").count(), 1);
    assert_ne!(broken, original);
    std::fs::write(&file, &broken).unwrap();
    let mut s = Session::start(dir.path(), &[], &[]);
    // Only a quote fails: the panel says so, and the rest of the file is shown.
    let screen = s.wait_for("1 quote(s) do not match their sources");
    assert!(screen.contains("quote not found"), "{screen}");
    assert!(!screen.contains("does not load"), "{screen}");
    assert!(
        screen.contains("Territory"),
        "the rest of the model is shown:\n{screen}"
    );
    std::fs::write(&file, &original).unwrap();
    s.wait_until_gone(&["do not match their sources"]);
    s.keys(b"q");
    assert!(s.wait_exit().success());
}

#[test]
fn base_date_and_timeline_in_a_real_terminal() {
    let dir = repo().join("tests/fixtures/moves");
    let mut s = Session::start(&dir, &[], &[("NO_COLOR", "1")]);
    s.wait_for("Ceasefire");
    s.keys(b"[[[");
    s.wait_for("as of 2025-04-10");
    s.keys(b"b");
    s.wait_for("base date 2025-04-10");
    s.keys(b"]]");
    let screen = s.wait_for("changes since 2025-04-10");
    // The US moved two steps toward "No ceasefire" since the base date.
    assert!(screen.contains("▲2"), "{screen}");
    s.keys(b"T");
    let screen = s.wait_for("Timeline: Ceasefire");
    assert!(screen.contains('•'), "{screen}");
    s.keys(b"\r");
    s.wait_for("No longer asks for a ceasefire");
    s.keys(b"\x1b");
    s.wait_for("Timeline: Ceasefire");
    s.keys(b"\x1b");
    s.wait_until_gone(&["Timeline: Ceasefire"]);
    s.keys(b"b");
    s.wait_until_gone(&["changes since"]);
    // A history entry of the open cell opens the older position; Esc comes back.
    s.keys(b"\r");
    s.wait_for("History (3 positions)");
    s.keys(b"k\r");
    let screen = s.wait_for("A partial truce would do  (this)");
    assert!(
        screen.contains("A week later it spoke of a partial truce."),
        "{screen}"
    );
    s.keys(b"\x1b");
    s.wait_for("No longer asks for a ceasefire  (this)");
    s.keys(b"\x1b");
    s.wait_until_gone(&["History (3 positions)"]);
    s.keys(b"q");
    assert!(s.wait_exit().success());
}

#[test]
fn a_opens_the_spectrum_and_m_the_party_table_with_its_pair_view() {
    let fixture = repo().join("tests/fixtures/compare");
    let mut s = Session::start(&fixture, &[], &[]);
    s.wait_for("Border");
    // Water is the second row: its spectrum has a gap and blocking parties.
    s.keys(b"ja");
    let screen = s.wait_for("Spectrum: Water");
    assert!(
        screen.contains("No zone if NORTH accepts only its stance: a gap of 1 step."),
        "{screen}"
    );
    assert!(
        screen.contains("range: steps 2–3 (stated); blocking;"),
        "{screen}"
    );
    s.keys(b"\x1b");
    s.wait_for("Issue");
    s.keys(b"m");
    s.wait_for("Party × party: distance/shared issues");
    s.keys(b"l\r");
    let screen = s.wait_for("NORTH vs SOUTH, issue by issue");
    assert!(screen.contains("Water — apart"), "{screen}");
    assert!(screen.contains("distance 0.67 over 2 issues"), "{screen}");
    s.keys(b"\x1b");
    s.wait_for("Party × party: distance/shared issues");
    s.keys(b"\x1b");
    s.wait_for("Issue");
    s.keys(b"q");
    assert!(s.wait_exit().success());
}

#[test]
fn a_terminate_signal_restores_the_terminal() {
    for (signal, code) in [("TERM", 143), ("HUP", 129)] {
        let mut s = Session::start(&repo().join("tests/fixtures/plain"), &[], &[]);
        s.wait_for("Ceasefire");
        s.keys(b"\r");
        s.wait_for("Citations");
        let pid = s.child.process_id().expect("the reader's pid");
        let sent = std::process::Command::new("kill")
            .args([format!("-{signal}"), pid.to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
        let status = s.wait_exit();
        assert_eq!(status.exit_code(), code, "{signal}: {status:?}");
        std::thread::sleep(Duration::from_millis(200));
        let p = s.parser.lock().unwrap();
        assert!(
            !p.screen().alternate_screen(),
            "{signal}: left the alternate screen"
        );
        assert!(
            !p.screen().hide_cursor(),
            "{signal}: the cursor is shown again"
        );
    }
}
