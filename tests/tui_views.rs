//! Every view of the reader drawn on ratatui's TestBackend from the fixtures under
//! tests/fixtures (never the curated positions.toml): `insta` snapshots of the screen
//! at 80×24 and at a small size, plus the styles of the selection and the quote.
//!
//! After an intended change, `INSTA_UPDATE=always cargo test --test tui_views` rewrites
//! the snapshots (or `cargo insta review`); review the diff. Under CI a missing or
//! different snapshot fails.

use insta::assert_snapshot;
use ratatui::style::{Color, Modifier};
use stances::model::{Cell, IssueId, PartyId};
use stances::testing::screen::{app, find, has_modifier, lines, render, text, width};
use stances::tui::app::{Action, App, Screen};
use stances::tui::layout::Item;

fn plain(w: u16, h: u16, color: bool) -> App {
    app("plain", w, h, color)
}

/// The screen column where display column `col` of the grid starts.
fn col_x(app: &App, col: usize) -> u16 {
    let l = app
        .grid_shape()
        .layout(app.grid_offsets(), app.areas().main);
    (l.head_w + (col - l.cols.start) * l.col_w) as u16
}

#[test]
fn grid_at_80x24() {
    let app = plain(80, 24, true);
    let buf = render(&app);
    assert_snapshot!("grid_80x24", text(&buf));
    let status = stances::tui::status::text(&app);
    assert!(status.contains("as of 2025-03-16 (2/2)"), "{status}");
    // The selected cell (Ceasefire × North) is reversed.
    let (_, y) = find(&buf, "Ceasefire").unwrap();
    assert!(has_modifier(&buf, (col_x(&app, 0), y), Modifier::REVERSED));
}

#[test]
fn grid_small_and_no_color_selection_visible() {
    let mut app = plain(40, 10, false);
    app.update(Action::Down);
    app.update(Action::Right);
    let buf = render(&app);
    assert_snapshot!("grid_40x10_nocolor", text(&buf));
    // Without colour there is no fg/bg anywhere, yet the selection is reversed.
    for cell in buf.content() {
        assert_eq!(cell.fg, Color::Reset);
        assert_eq!(cell.bg, Color::Reset);
    }
    let (_, y) = find(&buf, "Monitors").unwrap();
    assert!(has_modifier(&buf, (col_x(&app, 1), y), Modifier::REVERSED));
}

#[test]
fn detail_view_shows_position_history_and_highlighted_quote() {
    let mut app = plain(80, 24, true);
    app.update(Action::Right);
    app.update(Action::Open); // Ceasefire × South: two positions over time
    assert_eq!(app.screen(), Screen::Detail);
    let buf = render(&app);
    assert_snapshot!("detail_80x24", text(&buf));
    let all = lines(&buf).join("\n");
    assert!(all.contains("Ceasefire · Southland"), "{all}");
    assert!(all.contains("History (2 positions)"), "{all}");
    assert!(all.contains("Citations (1)"), "{all}");
    // The quoted words carry the quote style (bold on yellow).
    let y = find(&buf, "[1]").unwrap().1;
    let line = &lines(&buf)[y as usize];
    let x = width(&line[..line.find("a ceasefire along").unwrap()]);
    assert!(has_modifier(&buf, (x, y), Modifier::BOLD));
    assert_eq!(buf[(x, y)].bg, Color::Yellow);
}

#[test]
fn detail_at_small_size() {
    let mut app = plain(30, 8, true);
    app.update(Action::Open);
    assert_snapshot!("detail_30x8", text(&render(&app)));
}

#[test]
fn source_view_scrolls_the_cited_sentence_into_view() {
    let mut app = plain(80, 24, true);
    app.update(Action::Open); // Ceasefire × North: two citations
    app.update(Action::NextItem);
    assert_eq!(app.detail.selected, Item::Citation(1));
    app.update(Action::Open);
    assert_eq!(app.screen(), Screen::Source);
    let buf = render(&app);
    assert_snapshot!("source_80x24", text(&buf));
    let (_, y) = find(&buf, "welcomed the offer").expect("cited sentence on screen");
    assert!(y >= 2);
    let header = &lines(&buf)[1];
    assert!(header.contains("North on Ceasefire 2025-03-02"), "{header}");
}

#[test]
fn source_view_small_and_next_cited_sentence() {
    let mut app = plain(36, 9, false);
    app.update(Action::Open);
    app.update(Action::Open);
    let first = app.source.focus;
    app.update(Action::NextItem);
    assert_ne!(app.source.focus, first);
    assert_snapshot!("source_36x9_nocolor", text(&render(&app)));
}

#[test]
fn help_lists_every_binding() {
    // Tall enough for the whole page.
    let mut app = plain(100, 150, true);
    app.update(Action::Help);
    let buf = render(&app);
    assert_snapshot!("help_100x150", text(&buf));
    let all = lines(&buf).join("\n");
    for b in stances::tui::keys::KEYMAP {
        assert!(all.contains(b.help), "help misses {:?}", b.help);
    }
}

#[test]
fn help_at_small_size() {
    let mut app = plain(24, 6, true);
    app.update(Action::Help);
    assert_snapshot!("help_24x6", text(&render(&app)));
}

/// The sizes where drawing changes its ways: every width and height around the
/// smallest the views are drawn in (below it one line says so), widths where the grid
/// shows one more column (its columns are at least 14 wide), heights where the bars and
/// panels take a larger share, and the extremes.
fn telling_sizes() -> Vec<(u16, u16)> {
    let (w0, h0) = stances::tui::MIN_SIZE;
    let near = |m: u16| [1, 2, m - 1, m, m + 1];
    let edges = near(w0)
        .into_iter()
        .flat_map(|w| near(h0).map(move |h| (w, h)));
    let widths = [20, 33, 34, 47, 48, 61, 80, 133, 300];
    let heights = [4, 5, 7, 12, 24, 100];
    let grid = widths
        .into_iter()
        .flat_map(|w| heights.map(move |h| (w, h)));
    edges
        .chain(grid)
        .chain([(300, 1), (1, 100), (300, 100)])
        .collect()
}

#[test]
fn every_view_survives_every_size() {
    let sizes = telling_sizes();
    for fixture in ["plain", "hostile"] {
        let mut app = app(fixture, 80, 24, true);
        for steps in [
            vec![],
            vec![Action::Open],
            vec![Action::Open, Action::Open],
            vec![Action::Help],
            vec![Action::ListSources, Action::Open],
        ] {
            for _ in 0..4 {
                app.update(Action::Back);
            }
            for a in steps {
                app.update(a);
            }
            for &(w, h) in &sizes {
                app.update(Action::Resize(w, h));
                app.update(Action::ToggleWrap);
                let shown: String = lines(&render(&app)).concat();
                if stances::tui::layout::too_small((w, h)) {
                    // The message, wrapped into whatever room there is.
                    let shown: String = shown.split_whitespace().collect();
                    assert!(
                        "terminaltoosmall".starts_with(&shown[..1]),
                        "{w}x{h}: {shown:?}"
                    );
                } else {
                    assert!(!shown.contains('\u{1b}'), "{fixture} {w}x{h}");
                }
            }
        }
    }
}

#[test]
fn transpose_wrap_dates_and_search() {
    let mut app = plain(80, 24, true);
    app.update(Action::Transpose);
    let buf = render(&app);
    assert_snapshot!("grid_transposed_80x24", text(&buf));
    assert!(lines(&buf)[0].starts_with("Party"));
    app.update(Action::Transpose);
    app.update(Action::ToggleWrap);
    assert_snapshot!("grid_one_line_80x24", text(&render(&app)));

    // Step back to the first date: nothing is marked as changed, since nothing comes
    // before the earliest date.
    app.update(Action::PrevDate);
    app.update(Action::PrevDate);
    assert_eq!(app.view_date().unwrap().to_string(), "2025-03-02");
    let status = stances::tui::status::text(&app);
    assert!(
        status.starts_with("already at the earliest date"),
        "{status}"
    );
    assert!(status.contains("as of 2025-03-02 (1/2)"), "{status}");
    let all = lines(&render(&app)).join("\n");
    assert!(
        !all.contains("• "),
        "no change marks at the earliest date:\n{all}"
    );

    app.update(Action::Search);
    for c in "monitors".chars() {
        app.update(Action::InputChar(c));
    }
    app.update(Action::InputSubmit);
    // On 2 March only North's ceasefire position mentions monitors (in a quote).
    assert_eq!(app.search.matches, [Cell::default()]);
    let status = stances::tui::status::text(&app);
    assert!(status.contains("“monitors”"), "{status}");

    app.update(Action::NextDate);
    let all = lines(&render(&app)).join("\n");
    assert!(
        all.contains("• "),
        "cells changed since 2 March are marked:\n{all}"
    );
    assert_eq!(app.search.matches.len(), 4, "{:?}", app.search.matches);
    assert_eq!(app.search.current, None);
    app.update(Action::NextMatch);
    let before = (app.grid.issue, app.grid.party);
    app.update(Action::NextMatch);
    assert_ne!((app.grid.issue, app.grid.party), before);
}

#[test]
fn click_selects_a_cell_and_keys_quit() {
    let mut app = plain(80, 24, true);
    let l = app
        .grid_shape()
        .layout(app.grid_offsets(), app.areas().main);
    let trade = l.rows[2];
    let x = (l.head_w + l.col_w * 2 + 1) as u16;
    app.update(Action::Click(x, trade.top as u16 + 1));
    assert_eq!((app.grid.issue, app.grid.party), (IssueId(2), PartyId(2)));
    app.update(Action::Open);
    app.update(Action::Quit);
    assert!(app.quit);
}

#[test]
fn help_and_sources_list_at_80x24() {
    let mut app = plain(80, 24, true);
    app.update(Action::Help);
    assert_snapshot!("help_80x24", text(&render(&app)));
    app.update(Action::Back);
    app.update(Action::ListSources);
    let buf = render(&app);
    assert_snapshot!("sources_80x24", text(&buf));
    // The selected source is reversed.
    let (x, y) = find(&buf, "round1").unwrap();
    assert!(has_modifier(&buf, (x, y), Modifier::REVERSED));
    let mut small = plain(30, 6, false);
    small.update(Action::ListSources);
    assert_snapshot!("sources_30x6_nocolor", text(&render(&small)));
}

#[test]
fn source_view_styles_the_cited_sentence_and_its_quote() {
    let mut app = plain(80, 24, true);
    app.update(Action::Open); // Ceasefire × North
    app.update(Action::Open); // its first citation
    let buf = render(&app);
    // "The Northland delegation said it wanted an immediate ceasefire ...": the sentence
    // starts before the quote, so its first cell has the sentence style and a cell inside
    // the quote has the quote style.
    let (x, y) = find(&buf, "The Northland").unwrap();
    assert_eq!(buf[(x, y)].bg, Color::Rgb(40, 40, 80), "sentence style");
    let (qx, qy) = find(&buf, "it wanted an").unwrap();
    assert_eq!(buf[(qx, qy)].bg, Color::Yellow, "quote style");
    assert!(has_modifier(&buf, (qx, qy), Modifier::BOLD));
    // Another cited sentence of the same source is underlined, not highlighted.
    let (ox, oy) = find(&buf, "Southland's").unwrap();
    assert!(has_modifier(&buf, (ox, oy), Modifier::UNDERLINED));
    assert_ne!(buf[(ox, oy)].bg, Color::Yellow);

    // Without colour the quote is still marked: reverse video and bold.
    let mut bare = plain(80, 24, false);
    for a in [Action::Open, Action::Open] {
        bare.update(a);
    }
    let buf = render(&bare);
    let (qx, qy) = find(&buf, "it wanted an").unwrap();
    assert!(has_modifier(
        &buf,
        (qx, qy),
        Modifier::REVERSED | Modifier::BOLD
    ));
}

/// A model of `n` issues and two parties, every cell filled.
fn tall_model(n: usize) -> stances::model::Model {
    let mut toml = String::from(
        "schema = 1\ntitle = \"Tall\"\n[parties.a]\nname = \"A\"\n[parties.b]\nname = \"B\"\n",
    );
    for i in 0..n {
        toml.push_str(&format!("[issues.i{i:02}]\nname = \"Issue {i:02}\"\n"));
    }
    for i in 0..n {
        for p in ["a", "b"] {
            toml.push_str(&format!(
                "[[position]]\nparty = \"{p}\"\nissue = \"i{i:02}\"\nsummary = \"{p} on {i:02}\"\n"
            ));
        }
    }
    let loaded = stances::model::load_str(
        &toml,
        std::path::Path::new("positions.toml"),
        std::path::Path::new("."),
    );
    loaded.model.or(loaded.partial).expect("tall model loads")
}

#[test]
fn with_the_error_panel_open_g_and_clicks_keep_the_selection_visible() {
    let broken = stances::model::load_str(
        "schema = 1\ntitle = 3\nx = 1\ny = 2\nz = 3\n",
        std::path::Path::new("positions.toml"),
        std::path::Path::new("."),
    );
    let errors: Vec<_> = broken
        .diagnostics
        .into_iter()
        .filter(stances::diagnostic::Diagnostic::is_error)
        .collect();
    assert!(errors.len() >= 3, "{errors:?}");
    let mut app = App::new(
        tall_model(12),
        "positions.toml".into(),
        stances::tui::theme::Theme { color: false },
        (60, 9),
    );
    app.set_opening_errors(errors);
    app.fix_scroll();
    let panel = app.areas().panel;
    assert!(panel.height > 0);

    app.update(Action::Bottom);
    assert_eq!(app.grid.issue, IssueId(11));
    let buf = render(&app);
    assert_snapshot!("grid_60x9_error_panel", text(&buf));
    let (_, y) = find(&buf, "Issue 11").expect("the selected row is on screen");
    assert!(
        y < panel.y,
        "row {y} is hidden under the panel at {}",
        panel.y
    );

    // A click on the panel selects nothing hidden behind it.
    app.update(Action::Top);
    let before = (app.grid.issue, app.grid.party);
    app.update(Action::Click(col_x(&app, 1) + 1, panel.y));
    assert_eq!((app.grid.issue, app.grid.party), before);
}

#[test]
fn the_more_columns_marks_survive_a_cut_header() {
    let mut toml = String::from("schema = 1\ntitle = \"Wide\"\n[issues.x]\nname = \"X\"\n");
    for p in 0..5 {
        toml.push_str(&format!(
            "[parties.p{p}]\nname = \"Party {p}\"\nshort = \"A very long header for party {p}\"\n"
        ));
    }
    let loaded = stances::model::load_str(
        &toml,
        std::path::Path::new("positions.toml"),
        std::path::Path::new("."),
    );
    let model = loaded.model.or(loaded.partial).expect("wide model loads");
    let mut app = App::new(
        model,
        "positions.toml".into(),
        stances::tui::theme::Theme { color: false },
        (50, 8),
    );
    let header = lines(&render(&app))[0].clone();
    assert!(header.trim_end().ends_with('›'), "{header}");
    for _ in 0..3 {
        app.update(Action::Right);
    }
    let header = lines(&render(&app))[0].clone();
    assert!(
        header.contains('‹') && header.trim_end().ends_with('›'),
        "{header}"
    );
}

#[test]
fn the_sources_list_lines_up_its_columns() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("seeds")).unwrap();
    std::fs::write(dir.path().join("seeds/a.txt"), "One. Two.\n").unwrap();
    std::fs::write(dir.path().join("seeds/b.txt"), "Only one.\n").unwrap();
    let toml = "schema = 1\ntitle = \"T\"\n[sources.a]\nfile = \"a.txt\"\ntitle = \"Short id\"\n\
                [sources.a-much-longer-id]\nfile = \"b.txt\"\ntitle = \"Long id\"\n";
    std::fs::write(dir.path().join("positions.toml"), toml).unwrap();
    let loaded = stances::model::load(&dir.path().join("positions.toml"));
    let model = loaded.model.or(loaded.partial).expect("loads");
    let mut app = App::new(
        model,
        dir.path().join("positions.toml"),
        stances::tui::theme::Theme { color: false },
        (80, 10),
    );
    app.update(Action::ListSources);
    let shown = lines(&render(&app));
    let col = |l: &str| l.find("cited").expect("a count");
    assert_eq!(col(&shown[1]), col(&shown[2]), "{shown:#?}");
    assert_eq!(
        shown[1].find("Short id"),
        shown[2].find("Long id"),
        "{shown:#?}"
    );
}

#[test]
fn a_paste_into_the_search_line_is_one_edit_of_its_first_line() {
    let mut app = plain(80, 24, false);
    app.update(Action::Search);
    let long = format!("monitors\n{}", "x".repeat(100_000));
    assert!(app.paste(&long));
    assert_eq!(
        app.search_input().expect("a search is typed").value(),
        "monitors"
    );
    assert_eq!(
        app.search.matches.len(),
        4,
        "searched once, for the whole paste"
    );
    app.update(Action::InputCancel);
    assert!(!app.paste("ignored"), "nothing is being typed");
    app.update(Action::Search);
    app.paste(&"y".repeat(10_000));
    assert_eq!(
        app.search_input()
            .expect("a search is typed")
            .value()
            .chars()
            .count(),
        stances::tui::app::PASTE_LIMIT
    );
}

/// The source opened from North's 04-14 proposal (tests/fixtures/standing), whose quote
/// shares its sentence with South's acceptance.
fn source_from_north(color: bool) -> App {
    let mut app = app("standing", 100, 10, color);
    // At 04-14 North's cell shows the proposal; Enter opens it, Enter its citation.
    for a in [Action::PrevDate, Action::Open, Action::Open] {
        app.update(a);
    }
    assert_eq!(app.screen(), Screen::Source);
    app
}

#[test]
fn the_source_view_marks_the_quote_you_came_from_apart_from_the_others() {
    let buf = render(&source_from_north(false));
    assert_snapshot!("source_own_quote_100x10_nocolor", text(&buf));
    let header = &lines(&buf)[1];
    assert_eq!(
        header,
        "highlighted: NORTH on Ceasefire 2025-04-14 (you came from it) · bold: SOUTH on Ceasefire 2025-04-14"
    );
    // Without colour: the own quote reversed, the other's bold and underlined only.
    let own = find(&buf, "North proposed").unwrap();
    assert!(has_modifier(&buf, own, Modifier::REVERSED | Modifier::BOLD));
    let other = find(&buf, "South accepted").unwrap();
    assert!(has_modifier(
        &buf,
        other,
        Modifier::BOLD | Modifier::UNDERLINED
    ));
    assert!(!has_modifier(&buf, other, Modifier::REVERSED));
    // Between them, the sentence: underlined, neither bold nor reversed.
    let between = find(&buf, "ceasefire and").unwrap();
    let between = (between.0 + 10, between.1);
    assert!(has_modifier(&buf, between, Modifier::UNDERLINED));
    assert!(!has_modifier(&buf, between, Modifier::BOLD));

    // With colour: the own quote on the quote's background, the other's not.
    let buf = render(&source_from_north(true));
    let own = find(&buf, "North proposed").unwrap();
    assert_eq!(buf[own].bg, Color::Yellow);
    let other = find(&buf, "South accepted").unwrap();
    assert_ne!(buf[other].bg, Color::Yellow);
    assert!(has_modifier(
        &buf,
        other,
        Modifier::BOLD | Modifier::UNDERLINED
    ));

    // Opened from the sources list there is no position to come from: every quote of
    // the sentence is highlighted alike and the header lists who cites it.
    let mut listed = app("standing", 100, 10, false);
    for a in [Action::ListSources, Action::Open] {
        listed.update(a);
    }
    let buf = render(&listed);
    assert_eq!(
        lines(&buf)[1],
        "cited by: NORTH on Ceasefire 2025-04-14; SOUTH on Ceasefire 2025-04-14"
    );
    for quote in ["North proposed", "South accepted"] {
        let at = find(&buf, quote).unwrap();
        assert!(
            has_modifier(&buf, at, Modifier::REVERSED | Modifier::BOLD),
            "{quote}"
        );
    }
}

/// Line and paragraph separators that a terminal may act on or draw at a width of its
/// own: U+2028, U+2029, NEL (U+0085), the vertical tab and the form feed.
const SEPARATORS: [char; 5] = ['\u{2028}', '\u{2029}', '\u{85}', '\u{b}', '\u{c}'];

#[test]
fn line_and_paragraph_separators_never_reach_the_screen() {
    let s = "\u{2028}\u{2029}\u{85}\u{b}\u{c}";
    let source = format!(
        "date 2025-04-01\n\nThe envoy{s}met the minister.{s}Talks went on{s}late.\u{2029}Nothing was agreed.\u{2028}\n"
    );
    let toml = stances::model::build::ModelText::new(&format!("Title{s}here"))
        .party("us", &format!("United{s}States"))
        .party("ru", "Russia")
        .issue("talks", &format!("Talks{s}now"))
        .source("a", "a.txt", &format!("Article{s}A"), &source)
        .position(
            stances::model::build::PositionText::new("us", "talks", &format!("Meets{s}them"))
                .raw(
                    "detail",
                    &format!("\"Detail{}line\"", "\\u2028\\u2029\\u0085\\u000b\\u000c"),
                )
                .cite("a", "The envoy met the minister."),
        )
        .to_toml();
    let p = stances::testing::project::Project::new(&toml);
    p.write("seeds/a.txt", source.as_bytes());
    let loaded = stances::model::load(&p.path());
    let model = loaded.model.or(loaded.partial).expect("the model loads");
    let mut app = App::new(
        model,
        p.path(),
        stances::tui::theme::Theme { color: true },
        (80, 24),
    );
    for (name, steps) in [
        ("grid", vec![]),
        ("detail", vec![Action::Open]),
        ("source", vec![Action::Open, Action::Open]),
        (
            "sources list",
            vec![Action::Back, Action::Back, Action::ListSources],
        ),
    ] {
        for a in steps {
            app.update(a);
        }
        let buf = render(&app);
        for cell in buf.content() {
            let sym = cell.symbol();
            assert!(
                !sym.contains(SEPARATORS) && !sym.chars().any(char::is_control),
                "{name}: {sym:?} on screen:\n{}",
                text(&buf)
            );
        }
    }
}
