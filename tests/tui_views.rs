//! Every view of the reader drawn on ratatui's TestBackend: snapshots of the text at
//! 80×24 and at a small size, plus the styles of the selection and the quote.
//!
//! Snapshots live in tests/snapshots; run with UPDATE_SNAPSHOTS=1 to rewrite them
//! after an intended change, then review the diff.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;
use stances::model::{Model, load};
use stances::tui::app::{Action, App, Screen};
use stances::tui::theme::Theme;
use std::path::{Path, PathBuf};

fn bundled() -> Model {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("positions.toml");
    load(&path).model.expect("bundled model loads")
}

fn app(w: u16, h: u16, color: bool) -> App {
    App::new(
        bundled(),
        PathBuf::from("positions.toml"),
        Theme { color },
        (w, h),
    )
}

fn render(app: &App) -> Buffer {
    let (w, h) = app.size;
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| stances::tui::draw(f, app)).unwrap();
    t.backend().buffer().clone()
}

fn lines(buf: &Buffer) -> Vec<String> {
    let a = buf.area;
    (0..a.height)
        .map(|y| {
            let mut s = String::new();
            let mut x = 0;
            while x < a.width {
                let sym = buf[(x, y)].symbol();
                s.push_str(sym);
                x += unicode_width(sym).max(1);
            }
            s.trim_end().to_string()
        })
        .collect()
}

fn unicode_width(s: &str) -> u16 {
    use unicode_width::UnicodeWidthStr;
    s.width() as u16
}

fn snapshot(name: &str, buf: &Buffer) {
    let text = lines(buf).join("\n") + "\n";
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(format!("{name}.txt"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() || !path.exists() {
        std::fs::write(&path, &text).unwrap();
    }
    let want = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        text, want,
        "snapshot {name} differs; UPDATE_SNAPSHOTS=1 rewrites it"
    );
}

/// The screen position of the first occurrence of `needle` on screen.
fn find(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
    for (y, line) in lines(buf).iter().enumerate() {
        if let Some(i) = line.find(needle) {
            let x = unicode_width(&line[..i]);
            return Some((x, y as u16));
        }
    }
    None
}

fn has_modifier(buf: &Buffer, at: (u16, u16), m: Modifier) -> bool {
    buf[at].modifier.contains(m)
}

#[test]
fn grid_at_80x24() {
    let app = app(80, 24, true);
    let buf = render(&app);
    snapshot("grid_80x24", &buf);
    let text = lines(&buf).join("\n");
    assert!(text.contains("Issue"), "{text}");
    assert!(text.contains("Territory"));
    assert!(
        text.contains("as of 2025-04-25 (7/7)") || text.contains("as of 2025-04-25"),
        "{text}"
    );
    // The selected cell (Territory × US) is reversed and bold.
    let (x, y) = find(&buf, "Territory").unwrap();
    let l = app
        .grid_shape()
        .layout(app.grid_offsets(), app.areas().main);
    let cell = (x + l.head_w as u16, y);
    assert!(
        has_modifier(&buf, cell, Modifier::REVERSED),
        "selected cell not reversed"
    );
}

#[test]
fn grid_small_and_no_color_selection_visible() {
    let mut app = app(40, 10, false);
    app.update(Action::Down);
    app.update(Action::Right);
    let buf = render(&app);
    snapshot("grid_40x10_nocolor", &buf);
    // Without colour there is no fg/bg anywhere, yet the selection is reversed.
    for cell in buf.content() {
        assert_eq!(cell.fg, ratatui::style::Color::Reset);
        assert_eq!(cell.bg, ratatui::style::Color::Reset);
    }
    let (x, y) = find(&buf, "NATO").unwrap();
    let l = app
        .grid_shape()
        .layout(app.grid_offsets(), app.areas().main);
    let col = (app.grid.party - l.cols.start) as u16;
    assert!(has_modifier(
        &buf,
        (x + l.head_w as u16 + col * l.col_w as u16, y),
        Modifier::REVERSED
    ));
}

#[test]
fn detail_view_shows_position_history_and_highlighted_quote() {
    let mut app = app(80, 24, true);
    app.update(Action::Open); // Territory × US
    assert_eq!(app.screen(), Screen::Detail);
    let buf = render(&app);
    snapshot("detail_80x24", &buf);
    let text = lines(&buf).join("\n");
    assert!(text.contains("Territory · United States"));
    assert!(text.contains("History (3 positions)"));
    assert!(text.contains("Citations"));
    // The quoted words carry the quote style (bold + yellow background).
    let pos = &app.view.model.positions[app.detail.position];
    let quote = app.view.model.quote_text(&pos.citations[0]);
    let first_word = quote.split_whitespace().next().unwrap();
    let sentence_line = find(&buf, "[1]").unwrap().1;
    let line = &lines(&buf)[sentence_line as usize];
    let x = unicode_width(&line[..line.find(first_word).unwrap()]);
    assert!(has_modifier(&buf, (x, sentence_line), Modifier::BOLD));
    assert_eq!(buf[(x, sentence_line)].bg, ratatui::style::Color::Yellow);
}

#[test]
fn detail_at_small_size() {
    let mut app = app(30, 8, true);
    app.update(Action::Open);
    snapshot("detail_30x8", &render(&app));
}

#[test]
fn source_view_scrolls_the_cited_sentence_into_view() {
    let mut app = app(80, 24, true);
    app.update(Action::Down);
    app.update(Action::Down); // Ceasefire × US: two citations
    app.update(Action::Open);
    app.update(Action::NextItem);
    assert_eq!(app.detail.citation, 1);
    app.update(Action::Open);
    assert_eq!(app.screen(), Screen::Source);
    let buf = render(&app);
    snapshot("source_80x24", &buf);
    let pos = &app.view.model.positions[app.detail.position];
    let c = &pos.citations[app.detail.citation];
    let sentence = app.view.model.sentence_text(c);
    let start: String = sentence
        .split_whitespace()
        .take(4)
        .collect::<Vec<_>>()
        .join(" ");
    let (_, y) = find(&buf, &start)
        .unwrap_or_else(|| panic!("{start:?} not on screen:\n{}", lines(&buf).join("\n")));
    assert!(y >= 1);
    let header = &lines(&buf)[1];
    assert!(
        header.contains("cited by: US on Ceasefire 2025-04-23"),
        "{header}"
    );
}

#[test]
fn source_view_small_and_next_cited_sentence() {
    let mut app = app(36, 9, false);
    app.update(Action::Open);
    app.update(Action::Open);
    let first = app.source.focus;
    app.update(Action::NextItem);
    assert_ne!(app.source.focus, first);
    snapshot("source_36x9_nocolor", &render(&app));
}

#[test]
fn help_lists_every_binding() {
    let mut app = app(100, 80, true);
    app.update(Action::Help);
    let buf = render(&app);
    snapshot("help_100x80", &buf);
    let text = lines(&buf).join("\n");
    for b in stances::tui::keys::KEYMAP {
        assert!(text.contains(b.help), "help misses {:?}", b.help);
    }
}

#[test]
fn help_at_small_size() {
    let mut app = app(24, 6, true);
    app.update(Action::Help);
    snapshot("help_24x6", &render(&app));
}

#[test]
fn every_view_survives_every_size() {
    let sizes: Vec<(u16, u16)> = (1..=12)
        .flat_map(|w| (1..=6).map(move |h| (w, h)))
        .chain(
            (13..=300)
                .step_by(17)
                .flat_map(|w| (7..=100).step_by(13).map(move |h| (w, h))),
        )
        .chain([(300, 100), (1, 100), (300, 1)])
        .collect();
    let mut app = app(80, 24, true);
    for screen_steps in [
        vec![],
        vec![Action::Open],
        vec![Action::Open, Action::Open],
        vec![Action::Help],
    ] {
        app.update(Action::Back);
        app.update(Action::Back);
        app.update(Action::Back);
        for a in screen_steps {
            app.update(a);
        }
        for &(w, h) in &sizes {
            app.update(Action::Resize(w, h));
            app.update(Action::ToggleWrap);
            let buf = render(&app);
            if w < stances::tui::MIN_SIZE.0 || h < stances::tui::MIN_SIZE.1 {
                // The message, wrapped into whatever room there is.
                let shown: String = lines(&buf).concat().split_whitespace().collect();
                let want: String = "terminalsmall".chars().take(shown.len()).collect();
                assert!(
                    w < 8 || h < 2 || shown.starts_with("terminal"),
                    "{w}x{h}: {shown:?}"
                );
                assert!(
                    !shown.is_empty() && "terminaltoosmall".contains(&shown[..1]),
                    "{want}"
                );
            }
        }
    }
}

#[test]
fn transpose_wrap_timeline_and_search() {
    let mut app = app(80, 24, true);
    app.update(Action::Transpose);
    let buf = render(&app);
    snapshot("grid_transposed_80x24", &buf);
    assert!(lines(&buf)[0].starts_with("Party"));
    app.update(Action::Transpose);
    app.update(Action::ToggleWrap);
    snapshot("grid_wrapped_80x24", &render(&app));

    // Step back to the first date: the US territory cell shows the 17 April draft; nothing
    // is marked as changed, since nothing comes before the earliest date.
    for _ in 0..10 {
        app.update(Action::PrevDate);
    }
    assert_eq!(app.view_date().unwrap().to_string(), "2025-04-17");
    let text = lines(&render(&app)).join("\n");
    let status = stances::tui::status::text(&app);
    assert!(
        status.starts_with("already at the earliest date"),
        "{status}"
    );
    assert!(status.contains("as of 2025-04-17 (1/"), "{status}");
    assert!(
        !text.contains("• "),
        "no change marks at the earliest date:\n{text}"
    );

    app.update(Action::NextDate);
    let text = lines(&render(&app)).join("\n");
    assert!(
        text.contains("• "),
        "cells changed since 17 April are marked:\n{text}"
    );
    app.update(Action::Search);
    for c in "ceasefire".chars() {
        app.update(Action::InputChar(c));
    }
    app.update(Action::InputSubmit);
    assert!(!app.search.matches.is_empty());
    let status = stances::tui::status::text(&app);
    assert!(status.contains("“ceasefire”"), "{status}");
    assert_eq!(
        app.search.matches.len(),
        1,
        "at 2025-04-19 only the US cell matches"
    );
    for _ in 0..10 {
        app.update(Action::NextDate);
    }
    assert!(app.search.matches.len() >= 4, "{:?}", app.search.matches);
    assert_eq!(app.search.current, None);
    app.update(Action::NextMatch);
    let before = (app.grid.issue, app.grid.party);
    app.update(Action::NextMatch);
    assert_ne!((app.grid.issue, app.grid.party), before);
}

#[test]
fn click_selects_a_cell_and_keys_quit() {
    let mut app = app(80, 24, true);
    let l = app
        .grid_shape()
        .layout(app.grid_offsets(), app.areas().main);
    let x = (l.head_w + l.col_w * 2 + 1) as u16;
    app.update(Action::Click(x, 3));
    assert_eq!((app.grid.issue, app.grid.party), (2, 2));
    app.update(Action::Open);
    app.update(Action::Quit);
    assert!(app.quit);
}

#[test]
fn help_and_sources_list_at_80x24() {
    let mut app = app(80, 24, true);
    app.update(Action::Help);
    snapshot("help_80x24", &render(&app));
    app.update(Action::Back);
    app.update(Action::ListSources);
    let buf = render(&app);
    snapshot("sources_80x24", &buf);
    // The selected source is reversed.
    let (x, y) = find(&buf, "ki-2025-04-23").unwrap();
    assert!(has_modifier(&buf, (x, y), Modifier::REVERSED));
    let mut small = self::app(30, 6, false);
    small.update(Action::ListSources);
    snapshot("sources_30x6_nocolor", &render(&small));
}

#[test]
fn source_view_styles_the_cited_sentence_and_its_quote() {
    let mut app = app(80, 24, true);
    app.update(Action::Down);
    app.update(Action::Down);
    app.update(Action::Open); // Ceasefire × US
    app.update(Action::Open); // its first citation
    let buf = render(&app);
    let pos = &app.view.model.positions[app.detail.position];
    let c = &pos.citations[0];
    let sentence = app.view.model.sentence_text(c);
    let quote = app.view.model.quote_text(c);
    // "The visit comes as the Trump administration intensifies efforts ..." : the
    // sentence starts before the quote, so its first cell has the sentence style and a
    // cell inside the quote has the quote style.
    assert!(sentence.starts_with("The visit comes"));
    assert!(quote.starts_with("the Trump administration"));
    let (x, y) = find(&buf, "The visit comes").unwrap();
    assert_eq!(
        buf[(x, y)].bg,
        ratatui::style::Color::Rgb(40, 40, 80),
        "sentence style"
    );
    let (qx, qy) = find(&buf, "Trump administration intensifies").unwrap();
    assert_eq!(
        buf[(qx, qy)].bg,
        ratatui::style::Color::Yellow,
        "quote style"
    );
    assert!(has_modifier(&buf, (qx, qy), Modifier::BOLD));
    // Another cited sentence of the same source is underlined, not highlighted.
    let (ox, oy) = find(&buf, "Witkoff's trip follows").unwrap();
    assert!(has_modifier(&buf, (ox, oy), Modifier::UNDERLINED));
    assert_ne!(buf[(ox, oy)].bg, ratatui::style::Color::Yellow);

    // Without colour the quote is still marked: reverse video and bold.
    let mut plain = self::app(80, 24, false);
    for a in [Action::Down, Action::Down, Action::Open, Action::Open] {
        plain.update(a);
    }
    let buf = render(&plain);
    let (qx, qy) = find(&buf, "Trump administration intensifies").unwrap();
    assert!(has_modifier(
        &buf,
        (qx, qy),
        Modifier::REVERSED | Modifier::BOLD
    ));
}
