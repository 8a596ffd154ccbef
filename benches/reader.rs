//! Reader benchmark, in-process on ratatui's TestBackend at 160×48: loading the
//! synthetic model of issue 11, the first frame (the reader's state built from the
//! model, and drawn), and key presses each with the frame they cause: `G` (to the
//! bottom), Enter on a cell (its detail view), Esc back, `k` (one row up), and typing a
//! search (`/`, then `e`, which most positions hold, then `w`); and the verification
//! the reader runs in the background once its first frame is out, in its batches, on
//! the model and on the same model with 10% of its quotes broken. Prints
//! medians; no timing assertions. For end to end in a pseudo-terminal see
//! `examples/pty_first_frame.rs`.

use stances::testing::synth;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use stances::tui::app::{Action, App};
use stances::tui::theme::Theme;
use std::sync::Arc;
use std::time::{Duration, Instant};

const RUNS: usize = 9;
const SIZE: (u16, u16) = (160, 48);

fn ms(mut v: Vec<Duration>) -> String {
    v.sort();
    format!(
        "median {:>7.2} ms   min {:>7.2} ms   max {:>7.2} ms",
        v[v.len() / 2].as_secs_f64() * 1000.0,
        v[0].as_secs_f64() * 1000.0,
        v[v.len() - 1].as_secs_f64() * 1000.0
    )
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let spec = synth::Spec::default();
    synth::write(dir.path(), &spec).unwrap();
    let path = dir.path().join("positions.toml");
    let mut load_times = Vec::new();
    let mut model = None;
    for _ in 0..3 {
        let t = Instant::now();
        let loaded = stances::model::load(&path);
        load_times.push(t.elapsed());
        model = loaded.model;
    }
    let model = Arc::new(model.expect("the benchmark model loads"));
    println!("load (parse, resolve, verify)   {}", ms(load_times));
    let mut terminal = Terminal::new(TestBackend::new(SIZE.0, SIZE.1)).unwrap();
    let theme = Theme { color: true };
    let mut first = Vec::new();
    let (mut bottom, mut enter, mut back, mut up) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut slash, mut first_char, mut second_char) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let t = Instant::now();
        let mut app = App::new(Arc::clone(&model), path.clone(), theme, SIZE);
        app.fix_scroll();
        terminal.draw(|f| stances::tui::draw(f, &app)).unwrap();
        first.push(t.elapsed());
        let mut key = |app: &mut App, action: Action, into: &mut Vec<Duration>| {
            let t = Instant::now();
            app.update(action);
            terminal.draw(|f| stances::tui::draw(f, app)).unwrap();
            into.push(t.elapsed());
        };
        key(&mut app, Action::Bottom, &mut bottom);
        key(&mut app, Action::Open, &mut enter);
        key(&mut app, Action::Back, &mut back);
        key(&mut app, Action::Up, &mut up);
        key(&mut app, Action::Search, &mut slash);
        key(&mut app, Action::InputChar('e'), &mut first_char);
        key(&mut app, Action::InputChar('w'), &mut second_char);
    }
    println!("first frame (state + draw)      {}", ms(first));
    println!("G (bottom) + frame              {}", ms(bottom));
    println!("Enter (open the cell) + frame   {}", ms(enter));
    println!("Esc (back) + frame              {}", ms(back));
    println!("k (one row up) + frame          {}", ms(up));
    println!("/ (search) + frame              {}", ms(slash));
    println!("typing `e` (search) + frame     {}", ms(first_char));
    println!("then `w` + frame                {}", ms(second_char));
    for broken_percent in [0, 10] {
        let dir = tempfile::tempdir().unwrap();
        let spec = synth::Spec {
            broken_percent,
            ..synth::Spec::default()
        };
        synth::write(dir.path(), &spec).unwrap();
        let path = dir.path().join("positions.toml");
        let mut times = Vec::new();
        for _ in 0..3 {
            let (_, unverified) = stances::model::load_unverified(&path);
            let unverified = unverified.expect("quotes to verify");
            let batch = stances::tui::verify_batch_size(unverified.len());
            let t = Instant::now();
            unverified.run(batch, |_| true);
            times.push(t.elapsed());
        }
        println!(
            "verification in batches, {broken_percent:>2}% broken {}",
            ms(times)
        );
    }
}
