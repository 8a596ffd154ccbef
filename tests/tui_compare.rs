//! The comparison screens of the reader on ratatui's TestBackend, from the compare
//! fixture: the spectrum (`a`), the party × party table (`m`) and the two-party view,
//! at 80×24 and at a small size; mouse selection, the view date, the evidence toggle,
//! the filter prompt, and fifty parties.

use insta::assert_snapshot;
use ratatui::style::Modifier;
use stances::model::PartyId;
use stances::testing::screen::{app, find, has_modifier, lines, render, text};
use stances::tui::app::{Action, App, Screen};

fn compare(w: u16, h: u16) -> App {
    app("compare", w, h, false)
}

/// The reader with the grid's selection on `issue` (display row).
fn on_issue(w: u16, h: u16, issue: usize) -> App {
    let mut a = compare(w, h);
    a.update(Action::Top);
    for _ in 0..issue {
        a.update(Action::Down);
    }
    a
}

/// Screen lines as one text, every run of white space one space: sentences wrapped
/// under an indent read whole.
fn words(lines: &[String]) -> String {
    lines
        .iter()
        .flat_map(|l| l.split_whitespace())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn spectrum_at_80x24_names_the_zone() {
    let mut a = on_issue(80, 24, 0);
    a.update(Action::Spectrum);
    assert_eq!(a.screen(), Screen::Spectrum);
    let buf = render(&a);
    assert_snapshot!("spectrum_border_80x24", text(&buf));
    let screen = lines(&buf).join("\n");
    assert!(screen.contains("Zone: step 2 (Soft border)"), "{screen}");
    assert!(screen.contains("NORTH  ===X===  ·"));
    assert!(screen.contains("LONE   – no position at this date"));
}

#[test]
fn spectrum_of_a_gap_marks_blocking_parties_in_words_and_bold() {
    let mut a = on_issue(80, 24, 1);
    a.update(Action::Spectrum);
    // West is selected: no selection makes another line bold.
    for _ in 0..3 {
        a.update(Action::Down);
    }
    let buf = render(&a);
    assert_snapshot!("spectrum_water_80x24", text(&buf));
    let shown = lines(&buf);
    // South blocks on a range it stated: said in words, and its line is bold.
    let (x, y) = find(&buf, "SOUTH  ·").unwrap();
    assert!(has_modifier(&buf, (x, y), Modifier::BOLD));
    assert!(shown[y as usize].contains("Upstream keeps it (step 3 of 3)"));
    assert!(shown[y as usize + 1].contains("range: steps 2–3 (stated); blocking;"));
    // North's range is assumed: it would block if firm, and is never called blocking.
    let (nx, ny) = find(&buf, "NORTH  X").unwrap();
    assert!(!has_modifier(&buf, (nx, ny), Modifier::BOLD));
    let north = words(&shown[ny as usize + 1..ny as usize + 3]);
    assert!(
        north.contains(
            "range: assumed, the stance alone (flexibility unknown); would block if firm"
        ),
        "{north}"
    );
    let (_, wy) = find(&buf, "WEST").unwrap();
    assert!(shown[wy as usize].contains("no stance — Spoke about water"));
    let conclusion = words(&shown);
    assert!(
        conclusion.contains("No zone if NORTH accepts only its stance: a gap of 1 step. Blocking: SOUTH, EAST. Would block if firm: NORTH."),
        "the conclusion, as stances compare says it: {conclusion}"
    );
    assert!(conclusion.contains("No stance: WEST."), "{conclusion}");
    for _ in 0..3 {
        a.update(Action::Down);
    }
    let further = words(&lines(&render(&a)));
    assert!(further.contains("No position: LONE."), "{further}");
    // ← and → move to the other issues; the date follows [ and ].
    a.update(Action::Right);
    assert!(lines(&render(&a)).join("\n").contains("Spectrum: Ports"));
    a.update(Action::PrevDate);
    let early = lines(&render(&a)).join("\n");
    assert!(early.contains("as of 2025-03-05"), "{early}");
}

#[test]
fn spectrum_click_selects_a_party_and_enter_opens_its_cell() {
    let mut a = on_issue(80, 24, 0);
    a.update(Action::Spectrum);
    let buf = render(&a);
    let (_, y) = find(&buf, "SOUTH").unwrap();
    assert!(a.update(Action::Click(3, y)));
    assert_eq!(a.compare.spectrum_sel, 1);
    assert!(has_modifier(&render(&a), (0, y), Modifier::REVERSED));
    a.update(Action::Open);
    assert_eq!(a.screen(), Screen::Detail);
    assert_eq!(
        a.view.model.positions[a.detail.position].summary,
        "Guarded border, could live with soft"
    );
    a.update(Action::Back);
    assert_eq!(a.screen(), Screen::Spectrum);
}

#[test]
fn spectrum_small_size() {
    let mut a = on_issue(40, 10, 1);
    a.update(Action::Spectrum);
    a.update(Action::Down);
    a.update(Action::Down);
    let buf = render(&a);
    assert_snapshot!("spectrum_water_40x10", text(&buf));
    assert!(
        lines(&buf).iter().any(|l| l.starts_with("EAST")),
        "the selection scrolls into view"
    );
}

#[test]
fn matrix_at_80x24_and_the_pair_it_opens() {
    let mut a = compare(80, 24);
    a.update(Action::Matrix);
    a.update(Action::Right);
    let buf = render(&a);
    assert_snapshot!("matrix_80x24", text(&buf));
    let shown = lines(&buf);
    let screen = words(&shown);
    // Every distance with its issue count; the selected pair's counts in words.
    assert!(
        shown[2].starts_with("NORTH ·       0.67/2  0.00/2  —"),
        "{screen}"
    );
    assert!(
        screen.contains(
            "NORTH × SOUTH: 2 shared issues: 0 same, 1 overlap, 1 apart (1 on an assumed range); distance 0.67 over 2 issues — Enter: issue by issue"
        ),
        "{screen}"
    );
    assert!(
        screen.contains("Read each distance with its issue count"),
        "{screen}"
    );
    a.update(Action::Open);
    assert_eq!(a.screen(), Screen::Pair);
    let buf = render(&a);
    assert_snapshot!("pair_north_south_80x24", text(&buf));
    let screen = lines(&buf).join("\n");
    assert!(
        words(&lines(&buf)[..3]).starts_with("NORTH vs SOUTH, issue by issue — as of 2025-03-10 2 shared issues: 0 same, 1 overlap, 1 apart (1 on an assumed range); distance 0.67 over 2 issues"),
        "the pair's counts come first: {screen}"
    );
    assert!(
        screen.contains("Border — differ, but their ranges overlap"),
        "{screen}"
    );
    assert!(screen.contains("Water — apart: stances 2 steps apart"));
    assert!(screen.contains("Ports — neither has a position"));
    a.update(Action::Back);
    assert_eq!(a.screen(), Screen::Matrix);
}

#[test]
fn matrix_click_selects_a_pair_and_the_diagonal_does_not_open() {
    let mut a = compare(80, 24);
    a.update(Action::Matrix);
    let buf = render(&a);
    let (x, _) = find(&buf, "EAST").unwrap();
    let (_, y) = find(&buf, "WEST  —").unwrap();
    assert!(a.update(Action::Click(x, y)));
    assert_eq!(a.compare.matrix_sel, (3, 2));
    a.update(Action::Top);
    a.update(Action::Left);
    a.update(Action::Left);
    a.update(Action::Left);
    a.update(Action::Open);
    assert_eq!(a.screen(), Screen::Matrix, "a party with itself is no pair");
}

#[test]
fn pair_and_matrix_at_a_small_size() {
    let mut a = compare(36, 9);
    a.update(Action::Matrix);
    a.update(Action::Down);
    let buf = render(&a);
    assert_snapshot!("matrix_36x9", text(&buf));
    a.update(Action::Open);
    let buf = render(&a);
    assert_snapshot!("pair_36x9", text(&buf));
    a.update(Action::Bottom);
    let end = lines(&render(&a)).join("\n");
    assert!(end.contains("Fishing"), "scrolls to the last issue: {end}");
}

#[test]
fn evidence_toggle_and_marks_in_the_grid() {
    let mut a = compare(100, 24);
    let before = lines(&render(&a)).join("\n");
    assert!(
        before.contains("±? "),
        "north's water offer is contested: {before}"
    );
    a.update(Action::ToggleEvidence);
    let first = stances::model::Cell::default();
    let (cell, _) = a.grid_shape().cell_text(first).unwrap();
    assert_eq!(
        cell,
        "• ◇◆◇· stated · high · 1 cite/1 src · 03-10 — Border could stay soft"
    );
    assert!(lines(&render(&a)).join("\n").contains("1 cite/1"));
    a.update(Action::ToggleEvidence);
    assert!(!lines(&render(&a)).join("\n").contains("1 cite/1"));
}

#[test]
fn the_filter_prompt_hides_parties_and_a_bad_filter_says_why() {
    let mut a = compare(120, 24);
    a.update(Action::Filter);
    // The prompt names the terms it takes, min-confidence among them.
    let bar = stances::tui::status::text(&a);
    assert!(
        bar.contains("(party: issue: status: confidence: min-confidence: hide-empty; empty: all)"),
        "{bar}"
    );
    for c in "party:north,east".chars() {
        a.update(Action::InputChar(c));
    }
    assert!(stances::tui::status::text(&a).contains("filter: party:north,east"));
    a.update(Action::InputSubmit);
    assert_eq!(a.view.parties, [PartyId(0), PartyId(2)]);
    let header = lines(&render(&a))[0].clone();
    assert!(
        header.contains("EAST") && !header.contains("SOUTH"),
        "{header}"
    );
    a.update(Action::Filter);
    a.update(Action::InputChar('x'));
    a.update(Action::InputSubmit);
    let said = a.message.as_deref().unwrap_or_default().to_string();
    assert!(said.contains("unknown party `eastx`"), "{said}");
    assert!(
        a.filter_prompt().is_some(),
        "the prompt stays open to fix it"
    );
    let bar = stances::tui::status::text(&a);
    assert!(
        bar.contains("unknown party `eastx`"),
        "the status bar says why: {bar}"
    );
    a.update(Action::InputCancel);
    a.update(Action::Filter);
    for _ in 0..40 {
        a.update(Action::InputEdit(tui_input::InputRequest::DeletePrevChar));
    }
    a.update(Action::InputSubmit);
    assert_eq!(a.view.parties.len(), 5);
}

/// A model of fifty parties on one scaled issue.
fn fifty_parties() -> App {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("seeds")).unwrap();
    std::fs::write(dir.path().join("seeds/a.txt"), "They spoke.").unwrap();
    let mut toml = String::from("schema = 1\ntitle = \"Fifty\"\n");
    for i in 0..50 {
        toml.push_str(&format!("[parties.p{i}]\nname = \"Party {i}\"\n"));
    }
    toml.push_str(
        "[issues.x]\nname = \"X\"\n[issues.x.scale]\nlo = \"Low\"\nmid = \"Mid\"\nhi = \"High\"\n",
    );
    toml.push_str("[sources.a]\nfile = \"a.txt\"\ntitle = \"A\"\n");
    for i in 0..50 {
        let stance = ["lo", "mid", "hi"][i % 3];
        toml.push_str(&format!(
            "[[position]]\nparty = \"p{i}\"\nissue = \"x\"\nsummary = \"s{i}\"\nstance = \"{stance}\"\n[[position.cite]]\nsource = \"a\"\nquote = \"They spoke.\"\n"
        ));
    }
    let path = dir.path().join("positions.toml");
    std::fs::write(&path, toml).unwrap();
    let model = stances::model::load(&path).model.expect("loads");
    let a = App::new(
        model,
        path,
        stances::tui::theme::Theme { color: false },
        (80, 24),
    );
    drop(dir);
    a
}

#[test]
fn fifty_parties_scroll_in_the_spectrum_and_the_table() {
    let mut a = fifty_parties();
    a.update(Action::Spectrum);
    a.update(Action::Bottom);
    let screen = lines(&render(&a)).join("\n");
    assert!(screen.contains("P49"), "{screen}");
    a.update(Action::Back);
    a.update(Action::Matrix);
    for _ in 0..49 {
        a.update(Action::Down);
        a.update(Action::Right);
    }
    let buf = render(&a);
    let screen = lines(&buf).join("\n");
    assert!(screen.contains("P49"), "{screen}");
    assert!(
        screen.contains("P49: pick another"),
        "footer names the selected cell: {screen}"
    );
    for (w, h) in [(1, 1), (20, 4), (30, 6)] {
        a.update(Action::Resize(w, h));
        render(&a);
    }
}

#[test]
fn every_comparison_screen_draws_at_any_size() {
    let mut a = compare(80, 24);
    a.update(Action::Matrix);
    a.update(Action::Right);
    for screen in [Screen::Matrix, Screen::Pair, Screen::Spectrum] {
        match screen {
            Screen::Pair => {
                a.update(Action::Open);
            }
            Screen::Spectrum => {
                a.update(Action::Back);
                a.update(Action::Back);
                a.update(Action::Spectrum);
            }
            _ => {}
        }
        assert_eq!(a.screen(), screen);
        for (w, h) in [(1, 1), (20, 4), (21, 5), (25, 7), (200, 3), (3, 60)] {
            a.update(Action::Resize(w, h));
            a.update(Action::Down);
            a.update(Action::Bottom);
            a.update(Action::Click(w / 2, h / 2));
            render(&a);
        }
        a.update(Action::Resize(80, 24));
    }
}

#[test]
fn a_long_party_name_never_runs_into_the_distances() {
    let mut toml = String::from(
        "schema = 1\ntitle = \"Long\"\n[issues.x]\nname = \"X\"\n[issues.x.scale]\nlo = \"Low\"\nhi = \"High\"\n",
    );
    for p in [
        "a-party-with-a-very-long-identifier",
        "b-another-party-named-at-length",
    ] {
        toml.push_str(&format!("[parties.{p}]\nname = \"{p}\"\n"));
    }
    for (p, st) in [
        ("a-party-with-a-very-long-identifier", "lo"),
        ("b-another-party-named-at-length", "hi"),
    ] {
        toml.push_str(&format!(
            "[[position]]\nparty = \"{p}\"\nissue = \"x\"\nsummary = \"s\"\nstance = \"{st}\"\n"
        ));
    }
    let loaded = stances::model::load_str(
        &toml,
        std::path::Path::new("positions.toml"),
        std::path::Path::new("."),
    );
    let model = loaded.model.or(loaded.partial).expect("loads");
    let mut a = App::new(
        model,
        "positions.toml".into(),
        stances::tui::theme::Theme { color: false },
        (60, 12),
    );
    a.update(Action::Matrix);
    let shown = lines(&render(&a));
    let row = shown
        .iter()
        .find(|l| l.contains("1.00"))
        .unwrap_or_else(|| panic!("{shown:#?}"));
    let at = row.find("1.00").unwrap();
    assert_eq!(&row[at - 1..at], " ", "a space before the number: {row:?}");
}

/// The reader on tests/fixtures/standing, grid selection on `issue` (display row).
fn standing(w: u16, h: u16, issue: usize) -> App {
    let mut a = app("standing", w, h, false);
    for _ in 0..issue {
        a.update(Action::Down);
    }
    a
}

#[test]
fn spectrum_of_a_gap_with_a_stated_blocker_and_one_that_would_block_if_firm() {
    let mut a = standing(80, 24, 1);
    a.update(Action::Spectrum);
    a.update(Action::Down); // South: the selection makes no other line bold
    let buf = render(&a);
    assert_snapshot!("spectrum_standing_border_80x24", text(&buf));
    let shown = lines(&buf);
    let all = words(&shown);
    // The same words as `stances compare` on this fixture.
    for said in [
        "NORTH ===X · · Soft border (step 2 of 4) range: steps 1–2 (stated); blocking; high confidence; since 2025-04-14",
        "SOUTH · · · X Closed border (step 4 of 4) range: assumed, the stance alone (flexibility unknown); would block if firm; high confidence; since 2025-04-14",
        "EAST · · X=== Guarded border (step 3 of 4) range: steps 3–4 (stated); moderate confidence; since 2025-04-20; ? single account",
        "No zone if SOUTH accepts only its stance: a gap of 2 steps. Blocking: NORTH. Would block if firm: SOUTH.",
    ] {
        assert!(all.contains(said), "{said}\n{all}");
    }
    let (x, y) = find(&buf, "NORTH  ===X").unwrap();
    assert!(
        has_modifier(&buf, (x, y), Modifier::BOLD),
        "a blocker is bold"
    );
    // South would block only if firm: not bold, though selected it is reversed.
    let (sx, sy) = find(&buf, "SOUTH  ·").unwrap();
    assert!(has_modifier(&buf, (sx, sy), Modifier::REVERSED));
    a.update(Action::Up);
    a.update(Action::Up);
    let buf = render(&a);
    let (sx, sy) = find(&buf, "SOUTH  ·").unwrap();
    assert!(!has_modifier(&buf, (sx, sy), Modifier::BOLD));
}

#[test]
fn the_spectrum_says_a_stance_stands_under_a_statement_without_one() {
    let mut a = standing(80, 24, 0);
    a.update(Action::Spectrum);
    let all = words(&lines(&render(&a)));
    for said in [
        "NORTH · X · 30-day ceasefire (step 2 of 3) range: assumed, the stance alone (flexibility unknown); would block if firm; high confidence; since 2025-04-14; its latest statement (2025-04-20) takes no stance",
        "SOUTH no stance — Withdraws its acceptance",
        "No zone if NORTH and EAST accept only their stances: a gap of 1 step. Would block if firm: NORTH, EAST.",
        "No stance: SOUTH (withdrawn).",
    ] {
        assert!(all.contains(said), "{said}\n{all}");
    }
    assert!(!all.contains("Blocking:"), "no range is stated: {all}");
    // Enter opens the cell the party shows: the later statement, with the stance.
    a.update(Action::Open);
    let detail = words(&lines(&render(&a)));
    assert!(
        detail.contains("no stance of its own; the stance of 2025-04-14 stands: ·◆· 30-day ceasefire (step 2 of 3)"),
        "{detail}"
    );
}

#[test]
fn a_minimum_confidence_leaves_the_low_stance_out_of_the_spectrum() {
    let mut a = standing(80, 24, 0);
    a.update(Action::Filter);
    for c in "min-confidence:moderate".chars() {
        a.update(Action::InputChar(c));
    }
    a.update(Action::InputSubmit);
    assert!(stances::tui::status::text(&a).contains("filter: min-confidence:moderate"));
    a.update(Action::Spectrum);
    let all = words(&lines(&render(&a)));
    assert!(
        all.contains("Positions below moderate confidence are left out (an unset confidence counts as moderate)."),
        "{all}"
    );
    assert!(all.contains("EAST – no position at this date"), "{all}");
    assert!(
        all.contains("No zone or gap: only one party has a stance; it takes two."),
        "{all}"
    );
    // The party table follows the same filter: North and East now share the border
    // only (0.42 over 2 issues without it).
    a.update(Action::Back);
    a.update(Action::Matrix);
    let table = lines(&render(&a));
    assert!(
        table[2].starts_with("NORTH ·       0.67/1  0.33/1"),
        "{table:#?}"
    );
}

#[test]
fn past_the_last_party_the_spectrum_scrolls_to_its_conclusion() {
    let mut a = standing(60, 12, 1);
    a.update(Action::Spectrum);
    let at_top = words(&lines(&render(&a)));
    assert!(!at_top.contains("No zone if SOUTH"), "{at_top}");
    a.update(Action::Bottom);
    let at_end = words(&lines(&render(&a)));
    assert!(at_end.contains("Would block if firm: SOUTH."), "{at_end}");
    assert_eq!(a.compare.spectrum_sel, 2);
    // Up from the end walks back through the parties and the scale.
    for _ in 0..20 {
        a.update(Action::Up);
    }
    assert_eq!(a.compare.spectrum_scroll, 0);
    assert!(lines(&render(&a))[1].starts_with(" 1 Open border"));
    for _ in 0..20 {
        a.update(Action::Down);
    }
    let down = words(&lines(&render(&a)));
    assert!(down.contains("Would block if firm: SOUTH."), "{down}");
    for (w, h) in [(1, 1), (20, 4), (21, 5), (26, 30), (200, 3)] {
        a.update(Action::Resize(w, h));
        a.update(Action::Bottom);
        a.update(Action::Click(w / 2, h / 2));
        render(&a);
    }
}

#[test]
fn the_spectrum_says_what_a_party_filter_leaves_out() {
    let mut a = compare(120, 30);
    a.update(Action::Filter);
    for c in "party:north,south".chars() {
        a.update(Action::InputChar(c));
    }
    a.update(Action::InputSubmit);
    a.update(Action::Spectrum);
    let all = words(&lines(&render(&a)));
    // A zone among the parties shown never reads as the whole: the filter is said first.
    assert!(
        all.contains("Filtered (party:north,south): not shown: EAST, WEST, LONE."),
        "{all}"
    );
}
