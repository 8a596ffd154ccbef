//! The reader over time, drawn on ratatui's TestBackend: the base date and its change
//! marks, the timeline of an issue, search across dates, and a reload that brings a
//! later date. Snapshots live in tests/snapshots (UPDATE_SNAPSHOTS=1 rewrites them).

mod common;
use common::{Project, VALID};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use stances::model::{Model, load};
use stances::tui::app::{Action, App, Screen};
use stances::tui::theme::Theme;
use std::path::{Path, PathBuf};

fn bundled() -> Model {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("positions.toml");
    load(&path).model.expect("bundled model loads")
}

fn app(w: u16, h: u16) -> App {
    App::new(
        bundled(),
        PathBuf::from("positions.toml"),
        Theme { color: false },
        (w, h),
    )
}

/// The screen as text, one string per line, trailing spaces cut.
fn screen(app: &App) -> Vec<String> {
    let (w, h) = app.size;
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| stances::tui::draw(f, app)).unwrap();
    let buf = t.backend().buffer().clone();
    (0..h)
        .map(|y| {
            let mut s = String::new();
            let mut x = 0;
            while x < w {
                let sym = buf[(x, y)].symbol();
                s.push_str(sym);
                x += unicode_width::UnicodeWidthStr::width(sym).max(1) as u16;
            }
            s.trim_end().to_string()
        })
        .collect()
}

fn snapshot(name: &str, lines: &[String]) {
    let text = lines.join("\n") + "\n";
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

fn keys(app: &mut App, actions: &[Action]) {
    for &a in actions {
        app.update(a);
    }
}

fn status(app: &App) -> String {
    screen(app).last().cloned().unwrap_or_default()
}

#[test]
fn base_date_marks_how_each_cell_changed_and_clears_again() {
    let mut app = app(100, 14);
    keys(
        &mut app,
        &[Action::PrevDate, Action::PrevDate, Action::PrevDate],
    );
    assert_eq!(app.view.date.unwrap().to_string(), "2025-04-19");
    app.update(Action::ToggleBase);
    assert!(
        status(&app).contains("base date 2025-04-19"),
        "{}",
        status(&app)
    );
    assert!(
        !screen(&app).join("\n").contains('▲'),
        "nothing changed yet"
    );
    keys(
        &mut app,
        &[Action::NextDate, Action::NextDate, Action::NextDate],
    );
    let shown = screen(&app);
    snapshot("grid_base_100x14", &shown);
    let text = shown.join("\n");
    assert!(
        status(&app).contains("16 changes since 2025-04-19"),
        "{text}"
    );
    assert!(
        text.contains("▲1 ···◆ Proposal"),
        "US moved one step on territory:\n{text}"
    );
    assert!(
        text.contains("▼2 ◆····"),
        "UA moved two steps on ceasefire:\n{text}"
    );
    assert!(text.contains("+ Security"), "new positions:\n{text}");
    assert!(text.contains("~ Pushing"), "changed positions:\n{text}");
    assert!(
        !text.contains('•'),
        "the base replaces the previous-date mark"
    );
    app.update(Action::ToggleBase);
    let text = screen(&app).join("\n");
    assert!(
        !text.contains('▲') && !text.contains("changes since"),
        "{text}"
    );
    assert!(text.contains('•'), "back to the plain grid:\n{text}");
}

#[test]
fn the_timeline_shows_each_partys_stance_at_each_date_and_opens_a_point() {
    let mut app = app(80, 14);
    keys(&mut app, &[Action::Down, Action::Down, Action::Timeline]);
    assert_eq!(app.screen(), Screen::Timeline);
    let shown = screen(&app);
    snapshot("timeline_80x14", &shown);
    let text = shown.join("\n");
    assert!(text.starts_with("Timeline: Ceasefire"), "{text}");
    assert!(
        text.contains("RU       –        • ···◆·      ···◆·    • ····◆      ····◆"),
        "Russia's line moves across:\n{text}"
    );
    assert!(
        text.contains("US at 2025-04-25: Pushing to broker"),
        "{text}"
    );
    // Russia on 19 April: the one-day truce.
    keys(
        &mut app,
        &[Action::Down, Action::Top, Action::Right, Action::Open],
    );
    assert_eq!(app.screen(), Screen::Detail);
    let p = &app.view.model.positions[app.detail.position];
    assert_eq!(p.as_of.unwrap().to_string(), "2025-04-19");
    assert_eq!(app.view.model.parties[p.party].id, "ru");
    app.update(Action::Back);
    assert_eq!(app.screen(), Screen::Timeline);
    // Tab: the next issue; a click selects a point, a second click opens it.
    app.update(Action::NextItem);
    assert!(screen(&app)[0].starts_with("Timeline: Security guarantees"));
    app.update(Action::PrevItem);
    let at = screen(&app)
        .iter()
        .position(|l| l.starts_with("UA"))
        .unwrap() as u16;
    app.update(Action::Click(8, at));
    assert_eq!((app.timeline.row, app.timeline.col), (2, 0));
    app.update(Action::Click(8, at));
    assert_eq!(app.screen(), Screen::Detail);
    assert_eq!(
        app.view.model.positions[app.detail.position].summary,
        "Proposed 30-day halt to strikes on civilian sites"
    );
}

#[test]
fn an_empty_point_says_so_instead_of_opening() {
    let mut app = app(80, 14);
    keys(
        &mut app,
        &[
            Action::Timeline,
            Action::Down,
            Action::Down,
            Action::Down,
            Action::Top,
            Action::Open,
        ],
    );
    assert_eq!(app.screen(), Screen::Timeline);
    assert_eq!(
        app.message.as_deref(),
        Some("no position of Europe on Territory at 2025-04-17")
    );
}

#[test]
fn search_finds_matches_at_other_dates_and_jumps_there() {
    let mut app = app(100, 14);
    app.update(Action::Search);
    for c in "Constitution".chars() {
        app.update(Action::InputChar(c));
    }
    assert!(
        status(&app).contains("0 matches (+1 at 2025-04-22)"),
        "{}",
        status(&app)
    );
    app.update(Action::InputSubmit);
    assert!(
        status(&app).contains("no match at this date; 1 at other dates (2025-04-22)"),
        "{}",
        status(&app)
    );
    app.update(Action::NextMatch);
    assert_eq!(app.view.date.unwrap().to_string(), "2025-04-22");
    assert!(
        status(&app).contains("view date moved to 2025-04-22"),
        "{}",
        status(&app)
    );
    let m = &app.view.model;
    assert_eq!(
        (
            m.issues[app.grid.issue].id.as_str(),
            m.parties[app.grid.party].id.as_str()
        ),
        ("territory", "ua")
    );
    assert_eq!(app.search.current, Some(0));
    assert!(app.search.elsewhere.is_empty());
}

#[test]
fn a_reload_that_brings_a_later_date_moves_the_view_there_only_from_the_latest() {
    let later = format!(
        "{VALID}\n[[position]]\nparty = \"us\"\nissue = \"ceasefire\"\nsummary = \"Later US view\"\nas_of = 2025-04-30\nstance = \"full\"\n\n[[position.cite]]\nsource = \"a\"\nquote = \"He said no.\"\n"
    );
    let two_dates = VALID.replace("as_of = 2025-04-23", "as_of = 2025-04-20")
        + "\n[[position]]\nparty = \"ru\"\nissue = \"ceasefire\"\nsummary = \"Second\"\nas_of = 2025-04-23\n\n[[position.cite]]\nsource = \"a\"\nquote = \"She said no.\"\n";
    let p = Project::new(VALID);
    let open = |p: &Project| {
        App::new(
            load(&p.path()).model.unwrap(),
            p.path(),
            Theme { color: false },
            (80, 12),
        )
    };
    let mut app = open(&p);
    std::fs::write(p.path(), &later).unwrap();
    app.apply_reload(load(&p.path()));
    assert_eq!(
        app.view.date.unwrap().to_string(),
        "2025-04-30",
        "followed the new data"
    );
    assert!(screen(&app).join("\n").contains("Later US view"));

    let p = Project::new(&two_dates);
    let mut app = open(&p);
    app.update(Action::PrevDate);
    assert_eq!(app.view.date.unwrap().to_string(), "2025-04-20");
    std::fs::write(p.path(), two_dates.clone() + &later[VALID.len()..]).unwrap();
    app.apply_reload(load(&p.path()));
    assert_eq!(
        app.view.date.unwrap().to_string(),
        "2025-04-20",
        "an earlier date stays"
    );
}

#[test]
fn no_change_mark_at_the_earliest_date() {
    let mut app = app(100, 14);
    keys(
        &mut app,
        &[
            Action::Top,
            Action::PrevDate,
            Action::PrevDate,
            Action::PrevDate,
            Action::PrevDate,
        ],
    );
    assert_eq!(app.view.date.unwrap().to_string(), "2025-04-17");
    assert!(!screen(&app).join("\n").contains('•'));
}
