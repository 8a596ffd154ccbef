//! The reader opened before its quotes are verified (they are verified in the
//! background, each batch arriving as a message): on TestBackend, what is shown before
//! and after, and errors found on the way. No timing: the batches are fed by hand.

use insta::assert_snapshot;
use stances::model::{Unverified, load, load_unverified};
use stances::testing::fixtures::fixture;
use stances::testing::screen::{lines, render, text};
use stances::tui::app::{Action, App, Screen};
use stances::tui::theme::Theme;
use std::path::{Path, PathBuf};

/// A reader on the resolved, unverified model at `path`, and its quotes to verify.
fn unverified_app(path: &Path, w: u16, h: u16) -> (App, Unverified) {
    let (loaded, unverified) = load_unverified(path);
    let errors = loaded.error_list();
    let model = loaded.model.or(loaded.partial).expect("the file resolves");
    let unverified = unverified.expect("quotes to verify");
    let mut app = App::new(model, path.to_path_buf(), Theme { color: false }, (w, h));
    app.set_opening_errors(errors);
    app.start_verifying(unverified.len());
    app.fix_scroll();
    (app, unverified)
}

/// Feeds every batch of `batch` quotes to the reader, as the event loop does.
fn verify_all(app: &mut App, unverified: &Unverified, batch: usize) {
    unverified.run(batch, |v| {
        app.apply_verified(v);
        true
    });
}

/// A copy of the `plain` fixture in a temporary folder, its positions.toml changed by
/// `edit`: the folder (kept alive by the caller), the path of the positions file and
/// the fixture's text as it was.
fn plain_copy(edit: impl FnOnce(&str) -> String) -> (tempfile::TempDir, PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let from = fixture("plain");
    let src = from.parent().unwrap();
    std::fs::create_dir(dir.path().join("seeds")).unwrap();
    for f in ["talks.txt", "followup.txt"] {
        std::fs::copy(src.join("seeds").join(f), dir.path().join("seeds").join(f)).unwrap();
    }
    let toml = std::fs::read_to_string(&from).unwrap();
    let path = dir.path().join("positions.toml");
    std::fs::write(&path, edit(&toml)).unwrap();
    (dir, path, toml)
}

#[test]
fn before_verification_cells_are_unchecked_and_after_it_they_are_not() {
    let path = fixture("plain");
    let (mut app, unverified) = unverified_app(&path, 80, 24);
    let before = text(&render(&app));
    let status = stances::tui::status::text(&app);
    assert!(status.contains("verifying quotes… 0%"), "{status}");
    // Every shown cell has cited positions: each starts with the unchecked mark.
    let grid_rows: Vec<String> = lines(&render(&app))
        .into_iter()
        .filter(|l| l.starts_with("Ceasefire") || l.starts_with("Trade"))
        .collect();
    assert!(!grid_rows.is_empty(), "{before}");
    for row in &grid_rows {
        assert!(
            row.contains('…'),
            "an unchecked cell shows …: {row}\n{before}"
        );
    }

    // The open cell: its citations are not yet checked, and nothing is highlighted.
    app.update(Action::Open);
    assert_eq!(app.screen(), Screen::Detail);
    let detail = text(&render(&app));
    assert!(detail.contains("not yet checked"), "{detail}");
    // A citation not yet checked does not open its source.
    app.update(Action::NextItem);
    app.update(Action::Open);
    assert_eq!(app.screen(), Screen::Detail);
    // Exporting waits for verification.
    app.update(Action::Back);
    app.update(Action::Export);
    assert!(app.export_prompt().is_none());

    // The batches arrive (one quote per message here).
    let (_, total) = app.verifying.expect("verifying");
    let mut seen = Vec::new();
    unverified.run(1, |v| {
        seen.push(v.done);
        app.apply_verified(v);
        true
    });
    assert_eq!(seen, (1..=total).collect::<Vec<_>>());
    assert!(app.verifying.is_none());
    assert!(app.errors.is_empty(), "{:?}", app.errors);
    let after = text(&render(&app));
    let shown = lines(&render(&app));
    let grid = &shown[..shown.len() - 1]; // the status bar cuts its text with …
    assert!(grid.iter().all(|l| !l.contains('…')), "{after}");
    assert!(!stances::tui::status::text(&app).contains("verifying"));
    // The same screen as a reader opened on the model loaded and verified at once.
    let verified = App::new(
        load(&path).model.expect("loads"),
        path.clone(),
        Theme { color: false },
        (80, 24),
    );
    assert_eq!(after, text(&render(&verified)));
    app.update(Action::Open);
    let detail = text(&render(&app));
    assert!(!detail.contains("not yet checked"), "{detail}");
}

#[test]
fn errors_found_in_the_background_join_the_error_panel_in_file_order() {
    let broken = |toml: &str| {
        toml.replace(
            "it would accept monitors from the Union",
            "it would welcome monitors from the Moon",
        )
        .replace(
            "a ceasefire could come only after a withdrawal of troops",
            "a ceasefire could never come",
        )
    };
    let (_dir, path, toml) = plain_copy(broken);
    assert_ne!(broken(&toml), toml);

    let (mut app, unverified) = unverified_app(&path, 100, 30);
    assert!(app.errors.is_empty(), "resolving finds nothing wrong");
    assert_eq!(app.areas().panel.height, 0);
    verify_all(&mut app, &unverified, 1);

    // The errors are those (and in the order) that loading at once reports.
    let at_once = load(&path);
    assert_eq!(app.errors, at_once.error_list());
    assert_eq!(app.errors.len(), 2, "{:?}", app.errors);
    assert!(
        app.errors
            .iter()
            .all(|d| d.message.contains("quote not found"))
    );
    assert!(app.areas().panel.height > 0);
    let screen = text(&render(&app));
    assert!(screen.contains("quote not found"), "{screen}");
    // The citations not found are left out, as in the model loaded at once.
    let full = at_once.partial.expect("a partial model");
    let cites = |m: &stances::model::Model| -> Vec<usize> {
        m.positions.iter().map(|p| p.citations.len()).collect()
    };
    assert_eq!(cites(&app.view.model), cites(&full));
    assert!(app.view.model.partial);
}

#[test]
fn the_batch_size_changes_nothing_in_the_outcome() {
    let (_dir, path, _) = plain_copy(|toml| {
        toml.replace(
            "it would accept monitors from the Union",
            "it would accept monitors",
        )
    });
    let mut outcomes = Vec::new();
    for batch in [1, 2, 1000] {
        let (loaded, unverified) = load_unverified(&path);
        let unverified = unverified.unwrap();
        let mut found = Vec::new();
        let mut diagnostics = Vec::new();
        unverified.run(batch, |v| {
            found.extend(v.found);
            found.sort_by_key(|f| f.at);
            diagnostics.extend(v.diagnostics.iter().map(ToString::to_string));
            true
        });
        assert!(loaded.model.is_some());
        outcomes.push((found, diagnostics));
    }
    assert_eq!(outcomes[0], outcomes[1]);
    assert_eq!(outcomes[0], outcomes[2]);
}

#[test]
fn quotes_not_in_their_source_are_placed_together_after_every_batch() {
    let (_dir, path, _) = plain_copy(|toml| {
        toml.replace(
            "it would accept monitors from the Union",
            "it would accept observers from the Union",
        )
    });
    let (_, unverified) = load_unverified(&path);
    let unverified = unverified.unwrap();
    let total = unverified.len();
    // (done, total, errors) of each batch, as the reader receives them.
    let mut batches = Vec::new();
    unverified.run(1, |v| {
        let errors = v.diagnostics.iter().filter(|d| d.is_error()).count();
        batches.push((v.done, v.total, errors));
        true
    });
    // One batch per quote, then one for the quote its source no longer holds: only
    // that last one completes the count, and it brings the error.
    assert_eq!(batches.len(), total + 1, "{batches:?}");
    let (last, rest) = batches.split_last().unwrap();
    assert_eq!(*last, (total, total, 1));
    assert!(
        rest.iter()
            .all(|&(done, _, errors)| done < total && errors == 0)
    );
}

#[test]
fn a_file_that_stops_loading_mid_verification_keeps_its_model_verified_and_its_quote_errors() {
    let broken = |toml: &str| {
        toml.replace(
            "it would accept monitors from the Union",
            "it would welcome monitors from the Moon",
        )
    };
    let (_dir, path, toml) = plain_copy(broken);
    let (mut app, unverified) = unverified_app(&path, 100, 30);
    // The file stops loading (a syntax error) before any quote is verified: the model
    // shown stays, and its verification goes on.
    std::fs::write(&path, broken(&toml).replace("summary = ", "summary = = ")).unwrap();
    app.apply_reload(load(&path));
    assert!(app.errors[0].message.contains("TOML"), "{:?}", app.errors);
    verify_all(&mut app, &unverified, 1);
    assert!(app.verifying.is_none());
    assert!(
        !app.view
            .model
            .positions
            .iter()
            .any(stances::view::cited::unchecked),
        "every cell is checked"
    );
    let screen = text(&render(&app));
    assert!(screen.contains("does not load"), "{screen}");
    let quote_errors = |app: &App| {
        app.errors
            .iter()
            .filter(|d| d.message.contains("quote not found"))
            .count()
    };
    assert_eq!(quote_errors(&app), 1, "{:?}", app.errors);
    // Saved again, still broken: the shown model's quote error stays listed.
    app.apply_reload(load(&path));
    assert_eq!(quote_errors(&app), 1, "{:?}", app.errors);
    assert!(app.errors.iter().any(|d| d.message.contains("TOML")));
    // The model shown loaded whole (a quote of it failing): it is the last good
    // version, whatever the timing, and the status line leaves the count to the panel.
    let title = &stances::tui::panel_text::error_rows(&app.panel_subject(), &app.errors, 200, 9)[0];
    assert!(title.contains("(2 error(s))"), "{title}");
    assert!(title.ends_with("showing the last good version"), "{title}");
    let message = app.message.clone().unwrap();
    assert!(
        message.ends_with("does not load; showing the last good version"),
        "{message}"
    );
}

#[test]
fn x_refuses_to_export_a_model_whose_quotes_fail_as_the_command_line_does() {
    let broken = |toml: &str| {
        toml.replace(
            "it would accept monitors from the Union",
            "it would welcome monitors from the Moon",
        )
        .replace(
            "a ceasefire could come only after a withdrawal of troops",
            "a ceasefire could never come",
        )
    };
    let (_dir, path, _) = plain_copy(broken);
    // The command line refuses this file.
    let usable = load(&path).into_usable(&path, stances::model::Policy::Complete);
    assert!(usable.is_err(), "stances export refuses it");
    let (loaded, unverified) = load_unverified(&path);
    let model = loaded.model.expect("the file resolves");
    // Named as typed on the command line (the folder is a temporary one).
    let mut app = App::new(
        model,
        "positions.toml".into(),
        Theme { color: false },
        (100, 24),
    );
    app.start_verifying(unverified.as_ref().map_or(0, Unverified::len));
    verify_all(&mut app, &unverified.unwrap(), 1000);
    assert_eq!(app.errors.len(), 2);

    assert!(app.update(Action::Export));
    assert!(app.export_prompt().is_none(), "no prompt: nothing to write");
    assert!(app.request.is_none());
    // The popup (the error panel under it names the temporary folder).
    let shown = lines(&render(&app));
    let top = shown
        .iter()
        .position(|l| l.contains("┌Export refused"))
        .unwrap();
    let bottom = top + shown[top..].iter().position(|l| l.contains('└')).unwrap();
    assert_snapshot!("export_refused_100x24", shown[top..=bottom].join("\n"));
    let popup = app.popup().expect("a popup says why");
    assert_eq!(popup.title, "Export refused");
    assert!(
        popup
            .body
            .starts_with("Not exported: 2 quote(s) do not match their sources."),
        "{}",
        popup.body
    );
    assert!(
        popup
            .body
            .contains("`stances check positions.toml` lists them")
    );
    let bar = stances::tui::status::text(&app);
    assert!(
        bar.contains("export refused: 2 quote(s) do not match their sources — `stances check positions.toml` lists them"),
        "{bar}"
    );
    // The next key closes the popup; the grid is as it was.
    app.update(Action::Down);
    assert!(app.popup().is_none());
    assert_eq!(app.screen(), Screen::Grid);
}

#[test]
fn an_export_prompt_opened_before_the_file_broke_writes_nothing() {
    let (_dir, path, toml) = plain_copy(str::to_string);
    let mut app = App::new(
        load(&path).model.unwrap(),
        path.clone(),
        Theme { color: false },
        (100, 24),
    );
    app.update(Action::Export);
    assert!(
        app.export_prompt().is_some(),
        "a file without errors exports"
    );
    // While the name is typed the file is saved broken and reloaded.
    std::fs::write(&path, toml.replace("summary = ", "summary = = ")).unwrap();
    app.apply_reload(load(&path));
    assert!(!app.errors.is_empty());
    app.update(Action::InputSubmit);
    assert!(app.request.is_none(), "nothing is written");
    assert!(app.export_prompt().is_none());
    let popup = app.popup().expect("a popup says why");
    assert!(
        popup.body.contains("does not load (1 error(s))"),
        "{}",
        popup.body
    );
}
