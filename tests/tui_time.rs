//! The reader over time, drawn on ratatui's TestBackend from tests/fixtures/moves
//! (never the curated positions.toml): three dates (2025-04-10, 17, 25), a party that
//! moves twice (US on Ceasefire: full → partial → none), undated positions (RU on
//! Ceasefire, UA on NATO), a new position (UA on Ceasefire, 04-17) and a change without
//! a scale (US on NATO). Covers the base date and its change marks, the timeline of an
//! issue, search across dates, and a reload that brings a later date.
//!
//! After an intended change, `INSTA_UPDATE=always cargo test --test tui_time` rewrites
//! the snapshots; review the diff.

use insta::assert_snapshot;
use stances::model::load;
use stances::testing::fixtures::fixture;
use stances::testing::screen::{app, find, lines, render, text};
use stances::tui::app::{Action, App, Screen};
use stances::tui::status;
use stances::tui::theme::Theme;

fn moves(w: u16, h: u16) -> App {
    app("moves", w, h, false)
}

fn keys(app: &mut App, actions: &[Action]) {
    for &a in actions {
        app.update(a);
    }
}

/// The whole screen as one string.
fn screen(app: &App) -> String {
    lines(&render(app)).join("\n")
}

fn date(app: &App) -> String {
    app.view_date().map_or("none".into(), |d| d.to_string())
}

#[test]
fn base_date_marks_how_each_cell_changed_and_clears_again() {
    let mut app = moves(100, 14);
    keys(&mut app, &[Action::PrevDate, Action::PrevDate]);
    assert_eq!(date(&app), "2025-04-10");
    app.update(Action::ToggleBase);
    assert!(
        status::text(&app).contains("base date 2025-04-10"),
        "{}",
        status::text(&app)
    );
    let at_base = screen(&app);
    assert!(
        !at_base.contains('▲') && !at_base.contains("+ ") && !at_base.contains("~ "),
        "nothing changed yet:\n{at_base}"
    );
    assert!(status::text(&app).contains("0 changes since 2025-04-10"));
    keys(&mut app, &[Action::NextDate, Action::NextDate]);
    assert_eq!(date(&app), "2025-04-25");
    let buf = render(&app);
    assert_snapshot!("grid_base_100x14", text(&buf));
    let shown = lines(&buf).join("\n");
    let bar = status::text(&app);
    assert!(bar.contains("3 changes since 2025-04-10"), "{bar}");
    assert!(
        shown.contains("▲2 ? ··◆ No longer asks"),
        "US moved two steps toward 'none' on Ceasefire:\n{shown}"
    );
    assert!(
        shown.contains("+ ? ◆·· Wants a full"),
        "UA's position is new:\n{shown}"
    );
    assert!(
        shown.contains("~ ? NATO is off the table"),
        "US changed on NATO, which has no scale:\n{shown}"
    );
    assert!(
        shown.contains("? ··◆ No ceasefire") && !shown.contains("~ ? ··◆ No ceasefire"),
        "RU is undated: unchanged, no mark:\n{shown}"
    );
    assert!(
        !shown.contains('•'),
        "the base replaces the previous-date mark:\n{shown}"
    );

    // The count follows the filter: one change in UA's column.
    app.update(Action::Filter);
    for c in "party:ua".chars() {
        app.update(Action::InputChar(c));
    }
    app.update(Action::InputSubmit);
    let bar = status::text(&app);
    assert!(bar.contains("1 change since 2025-04-10"), "{bar}");
    app.update(Action::Filter);
    for _ in 0..20 {
        app.update(Action::InputEdit(tui_input::InputRequest::DeletePrevChar));
    }
    app.update(Action::InputSubmit);
    assert!(status::text(&app).contains("3 changes since 2025-04-10"));

    app.update(Action::ToggleBase);
    let plain = screen(&app);
    assert!(
        !plain.contains('▲') && !status::text(&app).contains("changes since"),
        "{plain}"
    );
    assert!(
        plain.contains("• ? ··◆ No longer asks"),
        "back to the plain grid, with the previous-date mark:\n{plain}"
    );
}

#[test]
fn a_base_after_the_view_date_marks_moves_toward_the_first_step() {
    let mut app = moves(100, 14);
    app.update(Action::ToggleBase);
    keys(&mut app, &[Action::PrevDate, Action::PrevDate]);
    assert_eq!(date(&app), "2025-04-10");
    let shown = screen(&app);
    assert!(
        shown.contains("▼2 ? ◆·· Full ceasefire now"),
        "US stood two steps nearer 'full' on 04-10 than on 04-25:\n{shown}"
    );
    let bar = status::text(&app);
    assert!(bar.contains("3 changes since 2025-04-25"), "{bar}");
}

#[test]
fn the_timeline_shows_each_partys_stance_at_each_date_and_opens_a_point() {
    let mut app = moves(80, 14);
    app.update(Action::Timeline);
    assert_eq!(app.screen(), Screen::Timeline);
    let buf = render(&app);
    assert_snapshot!("timeline_80x14", text(&buf));
    let shown = lines(&buf);
    assert!(shown[0].starts_with("Timeline: Ceasefire"), "{shown:#?}");
    let row = |who: &str| {
        shown
            .iter()
            .find(|l| l.starts_with(who))
            .cloned()
            .unwrap_or_default()
    };
    assert_eq!(
        row("US"),
        "US    • ◆··      • ·◆·      • ··◆",
        "the US mark moves across, a new position each date"
    );
    assert_eq!(
        row("RU"),
        "RU      ··◆        ··◆        ··◆",
        "undated: the same at every date, never 'taken'"
    );
    assert_eq!(row("UA"), "UA      –        • ◆··        ◆··");
    assert!(
        shown
            .iter()
            .any(|l| l.starts_with("US at 2025-04-25: No longer asks for a ceasefire")),
        "{shown:#?}"
    );

    // US on 17 April: the partial truce.
    keys(&mut app, &[Action::Top, Action::Right, Action::Open]);
    assert_eq!(app.screen(), Screen::Detail);
    let p = &app.view.model.positions[app.detail.position];
    assert_eq!(p.summary, "A partial truce would do");
    app.update(Action::Back);
    assert_eq!(app.screen(), Screen::Timeline);

    // Tab: the next issue; Shift-Tab back.
    app.update(Action::NextItem);
    assert!(screen(&app).starts_with("Timeline: NATO"));
    app.update(Action::PrevItem);
    assert!(screen(&app).starts_with("Timeline: Ceasefire"));

    // A click selects a point, a second click on it opens it.
    let buf = render(&app);
    let (_, y) = find(&buf, "UA ").unwrap();
    let (x, _) = find(&buf, "2025-04-17").unwrap();
    app.update(Action::Click(x + 2, y));
    assert_eq!((app.timeline.row, app.timeline.col), (2, 1));
    assert_eq!(app.screen(), Screen::Timeline);
    app.update(Action::Click(x + 2, y));
    assert_eq!(app.screen(), Screen::Detail);
    assert_eq!(
        app.view.model.positions[app.detail.position].summary,
        "Wants a full ceasefire"
    );
}

#[test]
fn an_empty_point_says_so_instead_of_opening() {
    let mut app = moves(80, 14);
    keys(
        &mut app,
        &[
            Action::Timeline,
            Action::Down,
            Action::Down,
            Action::Top,
            Action::Open,
        ],
    );
    assert_eq!(app.screen(), Screen::Timeline);
    assert_eq!(
        app.message.as_deref(),
        Some("no position of Ukraine on Ceasefire at 2025-04-10")
    );
}

#[test]
fn search_finds_matches_at_other_dates_and_jumps_there() {
    let mut app = moves(100, 14);
    app.update(Action::Search);
    for c in "partial".chars() {
        app.update(Action::InputChar(c));
    }
    let bar = status::text(&app);
    assert!(bar.contains("0 matches (+1 at 2025-04-17)"), "{bar}");
    app.update(Action::InputSubmit);
    let bar = status::text(&app);
    assert!(
        bar.contains("no match at this date; 1 at other dates (2025-04-17)"),
        "{bar}"
    );
    app.update(Action::NextMatch);
    assert_eq!(date(&app), "2025-04-17");
    let bar = status::text(&app);
    assert!(bar.contains("view date moved to 2025-04-17"), "{bar}");
    let m = &app.view.model;
    assert_eq!(
        (
            m.issues[app.grid.issue].id.as_str(),
            m.parties[app.grid.party].id.as_str()
        ),
        ("ceasefire", "us")
    );
    assert_eq!(app.search.current, Some(0));
    assert!(app.search.elsewhere.is_empty());
    assert!(screen(&app).contains("A partial truce"));
}

/// A copy of the moves fixture in a temporary directory.
fn moves_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let from = fixture("moves");
    std::fs::create_dir(dir.path().join("seeds")).unwrap();
    let talks = from.parent().unwrap().join("seeds/talks.txt");
    std::fs::copy(talks, dir.path().join("seeds/talks.txt")).unwrap();
    std::fs::copy(&from, dir.path().join("positions.toml")).unwrap();
    dir
}

/// Adds a Russian position on Ceasefire dated 2025-04-30 to the copy's positions.toml.
fn add_later_date(dir: &tempfile::TempDir) {
    let path = dir.path().join("positions.toml");
    let mut toml = std::fs::read_to_string(&path).unwrap();
    toml.push_str(
        "\n[[position]]\nparty = \"ru\"\nissue = \"ceasefire\"\nsummary = \"Later RU view\"\n\
         as_of = 2025-04-30\nstance = \"partial\"\n\n[[position.cite]]\nsource = \"talks\"\n\
         quote = \"Russia said there would be no ceasefire.\"\n",
    );
    std::fs::write(&path, toml).unwrap();
}

fn open(dir: &tempfile::TempDir) -> App {
    let path = dir.path().join("positions.toml");
    App::new(
        load(&path).model.unwrap(),
        path,
        Theme { color: false },
        (80, 12),
    )
}

#[test]
fn a_reload_that_brings_a_later_date_moves_the_view_there_only_from_the_latest() {
    let dir = moves_copy();
    let mut app = open(&dir);
    assert_eq!(date(&app), "2025-04-25");
    add_later_date(&dir);
    app.apply_reload(load(&dir.path().join("positions.toml")));
    assert_eq!(date(&app), "2025-04-30", "followed the new data");
    assert!(screen(&app).contains("Later RU view"));

    let dir = moves_copy();
    let mut app = open(&dir);
    app.update(Action::PrevDate);
    assert_eq!(date(&app), "2025-04-17");
    add_later_date(&dir);
    app.apply_reload(load(&dir.path().join("positions.toml")));
    assert_eq!(
        app.view
            .dates
            .last()
            .map(std::string::ToString::to_string)
            .as_deref(),
        Some("2025-04-30"),
        "the reload did bring the later date"
    );
    assert_eq!(date(&app), "2025-04-17", "an earlier date stays");
    assert!(!screen(&app).contains("Later RU view"));
}

#[test]
fn no_change_mark_at_the_earliest_date() {
    let mut app = moves(100, 14);
    app.update(Action::PrevDate);
    assert!(
        screen(&app).contains("• ? ·◆· A partial truce"),
        "04-17 marks what changed since 04-10"
    );
    app.update(Action::PrevDate);
    assert_eq!(date(&app), "2025-04-10");
    let shown = screen(&app);
    assert!(!shown.contains('•'), "{shown}");
}

/// The summary of the position open in the detail view.
fn open_summary(app: &App) -> &str {
    &app.view.model.positions[app.detail.position].summary
}

#[test]
fn a_history_entry_is_selected_and_opened_with_its_citations_and_esc_returns() {
    let mut app = moves(80, 24);
    app.update(Action::Open); // Ceasefire × US at 2025-04-25: three positions over time
    assert_eq!(open_summary(&app), "No longer asks for a ceasefire");
    // Up from the first citation: the history entry just above it.
    app.update(Action::PrevItem);
    let buf = render(&app);
    assert_snapshot!("detail_history_selected_80x24", text(&buf));
    let shown = lines(&buf).join("\n");
    assert!(
        shown.contains("▶ 2025-04-17  ·◆· A partial truce would do"),
        "{shown}"
    );
    assert!(
        shown.contains("  [1] By 25 April"),
        "citation no longer selected"
    );
    assert!(shown.contains("▸ 2025-04-25  ··◆ No longer asks for a ceasefire  (this)"));

    app.update(Action::Open);
    assert_eq!(app.screen(), Screen::Detail);
    assert_eq!(open_summary(&app), "A partial truce would do");
    let shown = screen(&app);
    assert!(
        shown.contains("▶ [1] A week later it spoke of a partial truce."),
        "the older position's citation, selected:\n{shown}"
    );
    assert!(shown.contains("▸ 2025-04-17  ·◆· A partial truce would do  (this)"));
    let bar = status::text(&app);
    assert!(
        bar.contains("the position as of 2025-04-17; q or Esc back to 2025-04-25"),
        "{bar}"
    );
    // Its citation opens its sentence in the source; Esc comes back to it.
    app.update(Action::Open);
    assert_eq!(app.screen(), Screen::Source);
    let shown = screen(&app);
    assert!(
        shown.contains("highlighted: US on Ceasefire 2025-04-17 (you came from it)"),
        "the older position's cited sentence:\n{shown}"
    );
    app.update(Action::Back);
    assert_eq!(open_summary(&app), "A partial truce would do");
    // Esc: back to the page the entry was opened from, as it was left.
    app.update(Action::Back);
    assert_eq!(app.screen(), Screen::Detail);
    assert_eq!(open_summary(&app), "No longer asks for a ceasefire");
    assert!(screen(&app).contains("▶ 2025-04-17  ·◆· A partial truce would do"));
    app.update(Action::Back);
    assert_eq!(app.screen(), Screen::Grid);
    assert!(app.detail_back.is_empty());
}

#[test]
fn the_selection_walks_the_history_then_the_citations() {
    let mut app = moves(80, 24);
    app.update(Action::Open);
    let entry = |app: &App| {
        let shown = screen(app);
        shown
            .lines()
            .find(|l| l.starts_with('▶'))
            .map(str::to_string)
    };
    keys(&mut app, &[Action::PrevItem, Action::PrevItem]);
    assert_eq!(
        entry(&app).as_deref(),
        Some("▶ 2025-04-10  ◆·· Full ceasefire now")
    );
    keys(&mut app, &[Action::NextItem, Action::NextItem]);
    assert!(
        entry(&app).unwrap().starts_with("▶ [1] By 25 April"),
        "past the open position (not selectable) to the citation"
    );
    // Tab goes round: from the last citation back to the oldest entry, and Shift-Tab
    // the other way, so the history above the citations is reachable with Tab alone.
    app.update(Action::NextItem);
    assert_eq!(
        entry(&app).as_deref(),
        Some("▶ 2025-04-10  ◆·· Full ceasefire now")
    );
    app.update(Action::PrevItem);
    assert!(entry(&app).unwrap().starts_with("▶ [1] By 25 April"));
}

#[test]
fn a_click_opens_the_history_entry_or_the_citation_it_hits() {
    let mut app = moves(80, 24);
    app.update(Action::Open);
    let buf = render(&app);
    let (x, y) = find(&buf, "Full ceasefire now").unwrap();
    app.update(Action::Click(x, y));
    assert_eq!(app.screen(), Screen::Detail);
    assert_eq!(open_summary(&app), "Full ceasefire now");
    // A click on a heading opens nothing.
    let buf = render(&app);
    let (x, y) = find(&buf, "Citations (1)").unwrap();
    assert!(!app.update(Action::Click(x, y)));
    assert_eq!(open_summary(&app), "Full ceasefire now");
    // A click on the citation opens its sentence in the source.
    let (x, y) = find(&buf, "The United States called").unwrap();
    app.update(Action::Click(x, y));
    assert_eq!(app.screen(), Screen::Source);
    assert!(screen(&app).contains("The United States called for a full ceasefire."));
    keys(&mut app, &[Action::Back, Action::Back]);
    assert_eq!(open_summary(&app), "No longer asks for a ceasefire");
}

#[test]
fn a_reload_keeps_the_pages_opened_from_the_history() {
    let mut app = moves(80, 24);
    keys(&mut app, &[Action::Open, Action::PrevItem, Action::Open]);
    assert_eq!(open_summary(&app), "A partial truce would do");
    app.apply_reload(load(&fixture("moves")));
    assert_eq!(app.stack, [Screen::Grid, Screen::Detail, Screen::Detail]);
    assert_eq!(open_summary(&app), "A partial truce would do");
    app.update(Action::Back);
    assert_eq!(open_summary(&app), "No longer asks for a ceasefire");
}

#[test]
fn the_timeline_follows_its_issue_when_a_reload_reorders_the_issues() {
    let dir = moves_copy();
    let mut app = open(&dir);
    app.update(Action::Timeline); // Ceasefire, the first issue
    assert!(
        screen(&app).starts_with("Timeline: Ceasefire"),
        "{}",
        screen(&app)
    );
    // Move [issues.nato] before [issues.ceasefire].
    let path = dir.path().join("positions.toml");
    let toml = std::fs::read_to_string(&path).unwrap();
    let nato = "[issues.nato]\nname = \"NATO\"\n";
    assert!(toml.contains(nato));
    let reordered = toml
        .replace(nato, "")
        .replace("[issues.ceasefire]", &format!("{nato}\n[issues.ceasefire]"));
    std::fs::write(&path, reordered).unwrap();
    app.apply_reload(load(&path));
    assert_eq!(app.screen(), Screen::Timeline);
    assert!(
        screen(&app).starts_with("Timeline: Ceasefire"),
        "{}",
        screen(&app)
    );
}

/// The reader on tests/fixtures/standing: North's 30-day proposal (04-14) stands under
/// its statement without a stance (04-20); South accepted it (04-14), then withdrew.
fn standing(w: u16, h: u16) -> App {
    app("standing", w, h, false)
}

#[test]
fn a_cell_shows_the_earlier_stance_that_stands_under_a_statement_without_one() {
    let mut app = standing(100, 12);
    let buf = render(&app);
    assert_snapshot!("grid_standing_100x12", text(&buf));
    let (north, _) = app
        .grid_shape()
        .cell_text(stances::model::Cell::default())
        .unwrap();
    assert_eq!(
        north, "• ? ·◆· stance since 04-14 — Says only that the talks go on",
        "the stance mark is the 04-14 proposal's, and the cell says since when"
    );
    // South's stance was withdrawn: no mark stands in its cell.
    let south = stances::model::Cell::new(stances::model::IssueId(0), stances::model::PartyId(1));
    let (south, mark) = app.grid_shape().cell_text(south).unwrap();
    assert_eq!(south, "• Withdraws its acceptance");
    assert!(mark.is_empty());

    // The detail page says both: the statement, and the stance that still stands.
    app.update(Action::Open);
    let buf = render(&app);
    assert_snapshot!("detail_standing_100x12", text(&buf));
    let shown = lines(&buf);
    assert!(shown.contains(&"Says only that the talks go on".to_string()));
    assert!(shown.contains(
        &"no stance of its own; the stance of 2025-04-14 stands: ·◆· 30-day ceasefire (step 2 of 3)"
            .to_string()
    ));
    assert!(shown.contains(
        &"  2025-04-14  ·◆· Proposes a 30-day ceasefire  (its stance stands)".to_string()
    ));
    // Its history entry opens the proposal itself, with its own stance.
    keys(&mut app, &[Action::PrevItem, Action::Open]);
    assert_eq!(open_summary(&app), "Proposes a 30-day ceasefire");
    assert!(screen(&app).contains("stance: ·◆· 30-day ceasefire (step 2 of 3)"));

    // At 04-14 the proposal is the latest: no "since", no earlier stance.
    keys(&mut app, &[Action::Back, Action::Back, Action::PrevDate]);
    let (north, _) = app
        .grid_shape()
        .cell_text(stances::model::Cell::default())
        .unwrap();
    assert_eq!(north, "·◆· Proposes a 30-day ceasefire");
}

#[test]
fn a_withdrawn_stance_is_marked_with_a_cross_since_the_base_date() {
    let mut app = standing(100, 12);
    keys(
        &mut app,
        &[Action::PrevDate, Action::ToggleBase, Action::NextDate],
    );
    let buf = render(&app);
    assert_snapshot!("grid_standing_base_100x12", text(&buf));
    let shown = screen(&app);
    assert!(shown.contains("× Withdraws its acceptance"), "{shown}");
    assert!(
        shown.contains("~ ? ·◆· stance since 04-14 —"),
        "North's stance still stands: changed, not moved:\n{shown}"
    );
    assert!(shown.contains("+ ? ··◆◇ A guarded border"), "{shown}");
    let bar = status::text(&app);
    assert!(bar.contains("3 changes since 2025-04-14"), "{bar}");
    // The help says what × means, among the marks and on the key that sets a base.
    app.update(Action::Resize(110, 60));
    app.update(Action::Help);
    let help = screen(&app);
    assert!(
        help.contains("(▲▼ moved, + new, × withdrawn, ~ changed)"),
        "{help}"
    );
    app.update(Action::Bottom);
    let help = screen(&app);
    assert!(
        help.contains("▲n ▼n + × ~       since the base (b): n steps to the last/first step; new; withdrawn; changed"),
        "{help}"
    );
}

#[test]
fn the_timeline_draws_standing_stances_and_marks_statements_without_one() {
    let mut app = standing(80, 12);
    app.update(Action::Timeline);
    let buf = render(&app);
    assert_snapshot!("timeline_standing_80x12", text(&buf));
    let shown = lines(&buf);
    let row = |who: &str| {
        shown
            .iter()
            .find(|l| l.starts_with(who))
            .cloned()
            .unwrap_or_default()
    };
    assert_eq!(row("NORTH"), "NORTH • ·◆·      • ·◆· ●");
    assert_eq!(row("SOUTH"), "SOUTH • ·◆·      • ×");
    assert_eq!(row("EAST"), "EAST    ··◆        ··◆");
    let said = shown[6..8].join(" ");
    assert!(
        said.contains("NORTH at 2025-04-20: Says only that the talks go on — no stance of its own; the stance of 2025-04-14 stands: 30-day ceasefire (step 2 of 3)"),
        "{said}"
    );
    // Enter opens the statement the cell shows; its page names the stance that stands.
    app.update(Action::Open);
    assert_eq!(open_summary(&app), "Says only that the talks go on");
    // Below the minimum confidence, East's only position drops out of the line.
    keys(&mut app, &[Action::Back, Action::Back, Action::Filter]);
    for c in "min-confidence:moderate".chars() {
        app.update(Action::InputChar(c));
    }
    keys(&mut app, &[Action::InputSubmit, Action::Timeline]);
    let shown = lines(&render(&app));
    let east = shown.iter().find(|l| l.starts_with("EAST")).unwrap();
    assert_eq!(east, "EAST    –          –");
}
