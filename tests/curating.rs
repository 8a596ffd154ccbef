//! Curating: reload after edits (in place and save-by-rename), a broken file keeps the
//! last good model with its errors shown, recovery, and the editor command lines.

use stances::model::{load, load_unverified};
use stances::testing::project::{Project, valid};
use stances::tui::app::{Action, App, EditAt, Request, Screen};
use stances::tui::theme::Theme;
use std::sync::mpsc;
use std::time::Duration;

fn open(p: &Project) -> App {
    let model = load(&p.path()).model.expect("fixture loads");
    App::new(model, p.path(), Theme { color: true }, (80, 24))
}

fn watch(p: &Project) -> (notify::RecommendedWatcher, mpsc::Receiver<()>) {
    let (tx, rx) = mpsc::channel();
    let model = load(&p.path()).model;
    let files = stances::tui::watch::files_of(&p.path(), model.as_ref());
    let w = stances::tui::watch::watch(&files, move || {
        let _ = tx.send(());
    })
    .unwrap();
    (w, rx)
}

#[test]
fn a_write_in_place_is_noticed() {
    let p = Project::valid();
    let (_w, rx) = watch(&p);
    std::fs::write(
        p.path(),
        valid().replace("Rejects a 30-day ceasefire", "Rejects it"),
    )
    .unwrap();
    rx.recv_timeout(Duration::from_secs(5))
        .expect("change noticed");
    // One burst, one notification.
    assert!(rx.recv_timeout(Duration::from_millis(400)).is_err());
}

#[test]
fn a_change_still_settling_when_the_watcher_is_replaced_is_reported() {
    let p = Project::valid();
    let (w, rx) = watch(&p);
    std::fs::write(
        p.path(),
        valid().replace("Rejects a 30-day ceasefire", "Rejects it"),
    )
    .unwrap();
    // Dropped within the quiet time the burst waits for, as after a reload.
    std::thread::sleep(Duration::from_millis(50));
    drop(w);
    rx.recv_timeout(Duration::from_secs(5))
        .expect("the change is reported all the same");
}

#[test]
fn a_snapshot_tells_a_change_saved_after_it() {
    let p = Project::valid();
    let files = stances::tui::watch::files_of(&p.path(), load(&p.path()).model.as_ref());
    let snapshot = stances::tui::watch::Snapshot::take(files);
    assert!(!snapshot.changed());
    p.write(
        "seeds/a.txt",
        b"Russia rejected a 30-day ceasefire. Corrected.\n",
    );
    assert!(snapshot.changed());
}

#[test]
fn a_save_by_rename_is_noticed_and_so_is_a_source_edit() {
    let p = Project::valid();
    let (_w, rx) = watch(&p);
    let tmp = p.dir.path().join(".positions.toml.swp");
    std::fs::write(&tmp, valid().replace("Test talks", "Renamed talks")).unwrap();
    std::fs::rename(&tmp, p.path()).unwrap();
    rx.recv_timeout(Duration::from_secs(5))
        .expect("rename noticed");
    p.write(
        "seeds/a.txt",
        b"Russia rejected a 30-day ceasefire. New text.\n",
    );
    rx.recv_timeout(Duration::from_secs(5))
        .expect("source change noticed");
    // Files nobody depends on are ignored.
    p.write("seeds/unrelated.txt", b"x");
    assert!(rx.recv_timeout(Duration::from_millis(500)).is_err());
}

#[test]
fn reload_keeps_the_selection_by_party_and_issue() {
    let two = valid().replace(
        "[parties.us]\nname = \"United States\"\n\n[parties.ru]\nname = \"Russia\"\n",
        "[parties.ru]\nname = \"Russia\"\n\n[parties.us]\nname = \"United States\"\n",
    );
    let p = Project::valid();
    let mut app = open(&p);
    app.update(Action::Right); // ru
    assert_eq!(app.view.model.parties[app.grid.party].id, "ru");
    std::fs::write(p.path(), &two).unwrap();
    app.apply_reload(load(&p.path()));
    assert_eq!(
        app.grid.party,
        stances::model::PartyId(0),
        "ru is now the first column"
    );
    assert_eq!(app.view.model.parties[app.grid.party].id, "ru");
    assert!(app.errors.is_empty());
}

#[test]
fn a_quote_not_found_on_reload_shows_the_new_version_with_its_error() {
    let p = Project::valid();
    let mut app = open(&p);
    let edited = valid()
        .replace("Rejects a 30-day ceasefire", "Rejects any ceasefire")
        .replace("Russia rejected a 30-day", "Russia refused a 30-day");
    std::fs::write(p.path(), &edited).unwrap();
    // The reader reloads without verifying, shows the new version at once and
    // verifies its quotes in the background, as on opening.
    let (loaded, unverified) = load_unverified(&p.path());
    assert!(loaded.model.is_some(), "{:?}", loaded.diagnostics);
    app.apply_reload(loaded);
    assert!(render(&app).contains("Rejects any ceasefire"));
    let unverified = unverified.expect("quotes to verify");
    app.start_verifying(unverified.len());
    unverified.run(1, |v| app.apply_verified(v));
    // The new summary still shows, and the quote is in the error panel, as on opening.
    let text = render(&app);
    assert!(text.contains("Rejects any ceasefire"), "{text}");
    assert_eq!(app.errors.len(), 1, "{:?}", app.errors);
    assert!(app.errors[0].message.contains("quote not found"));
    assert!(app.view.model.partial);
    assert_eq!(
        app.message.as_deref(),
        Some("reloaded; 1 quote(s) not found (in the panel)")
    );
    // An error that is not a quote's still keeps the last version that loaded.
    std::fs::write(p.path(), edited.replace("summary = ", "summary = = ")).unwrap();
    let (loaded, unverified) = load_unverified(&p.path());
    assert!(loaded.model.is_none() && unverified.is_none());
    app.apply_reload(loaded);
    assert!(render(&app).contains("Rejects any ceasefire"));
    assert!(app.errors[0].message.contains("TOML"), "{:?}", app.errors);
}

#[test]
fn a_broken_file_keeps_the_last_model_and_shows_errors_until_fixed() {
    let p = Project::valid();
    let mut app = open(&p);
    app.update(Action::Right);
    app.update(Action::Open);
    assert_eq!(app.screen(), Screen::Detail);

    // Broken TOML.
    std::fs::write(p.path(), valid().replace("summary = ", "summary = = ")).unwrap();
    app.apply_reload(load(&p.path()));
    assert_eq!(app.view.model.positions.len(), 1, "last good model kept");
    assert_eq!(app.screen(), Screen::Detail, "the view stays");
    assert_eq!(app.errors.len(), 1);
    assert_eq!(app.errors[0].line, Some(24));
    let text = render(&app);
    assert!(text.contains("does not load"), "{text}");
    assert!(text.contains("positions.toml:24:"), "{text}");

    // A renamed party that is still referenced.
    std::fs::write(
        p.path(),
        valid().replace("[parties.ru]", "[parties.russia]"),
    )
    .unwrap();
    app.apply_reload(load(&p.path()));
    assert!(
        app.errors[0].message.contains("unknown party `ru`"),
        "{:?}",
        app.errors
    );

    // A deleted source.
    std::fs::write(p.path(), valid()).unwrap();
    std::fs::remove_file(p.dir.path().join("seeds/a.txt")).unwrap();
    app.apply_reload(load(&p.path()));
    assert!(
        app.errors[0].message.contains("does not exist"),
        "{:?}",
        app.errors
    );

    // Fixed: the panel goes, the new text shows.
    p.write(
        "seeds/a.txt",
        stances::testing::project::SOURCE_A.as_bytes(),
    );
    std::fs::write(
        p.path(),
        valid().replace("Rejects a 30-day ceasefire", "Rejects any ceasefire"),
    )
    .unwrap();
    app.apply_reload(load(&p.path()));
    assert!(app.errors.is_empty());
    assert_eq!(app.screen(), Screen::Detail);
    assert!(render(&app).contains("Rejects any ceasefire"));
}

fn render(app: &App) -> String {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    t.draw(|f| stances::tui::draw(f, app)).unwrap();
    let buf = t.backend().buffer();
    (0..24)
        .map(|y| {
            (0..80)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn edit_asks_for_the_line_of_the_selection() {
    let p = Project::valid();
    let mut app = open(&p);
    app.update(Action::Edit);
    assert_eq!(
        app.request,
        Some(Request::Edit(EditAt::End)),
        "empty cell: end of file"
    );
    app.update(Action::Right);
    app.update(Action::Edit);
    assert_eq!(
        app.request,
        Some(Request::Edit(EditAt::Line(21))),
        "the [[position]] header"
    );
    app.update(Action::Open);
    app.update(Action::Open);
    assert_eq!(app.screen(), Screen::Source);
    app.update(Action::Edit);
    assert_eq!(
        app.request,
        Some(Request::Edit(EditAt::Line(30))),
        "the quote line"
    );
}

#[cfg(unix)]
#[test]
fn editor_families_get_the_line_their_way() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("args.log");
    let file = dir.path().join("positions.toml");
    std::fs::write(&file, "x").unwrap();
    let cases: &[(&str, &str)] = &[
        ("vi", "+7 FILE"),
        ("vim", "+7 FILE"),
        ("nvim", "+7 FILE"),
        ("nano", "+7 FILE"),
        ("emacs", "+7 FILE"),
        ("micro", "+7 FILE"),
        ("hx", "+7 FILE"),
        ("kak", "+7 FILE"),
        ("code", "--goto FILE:7"),
    ];
    for (name, want) in cases {
        let script = dir.path().join(name);
        std::fs::write(
            &script,
            format!("#!/bin/sh\necho \"$@\" > '{}'\n", log.display()),
        )
        .unwrap();
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
        let editor = if *name == "code" {
            format!("{} --wait", script.display())
        } else {
            script.display().to_string()
        };
        stances::tui::editor::run(&editor, &file, 7).unwrap();
        let got = std::fs::read_to_string(&log).unwrap();
        let want = want.replace("FILE", &file.display().to_string());
        let want = if *name == "code" {
            format!("--wait {want}")
        } else {
            want
        };
        assert_eq!(got.trim(), want, "{name}");
    }
    // A failing editor is reported, not fatal.
    let bad = dir.path().join("vim-fails");
    std::fs::write(&bad, "#!/bin/sh\nexit 3\n").unwrap();
    std::fs::set_permissions(&bad, std::fs::Permissions::from_mode(0o755)).unwrap();
    let err = stances::tui::editor::run(&bad.display().to_string(), &file, 1)
        .unwrap_err()
        .to_string();
    assert!(err.contains("exited with"), "{err}");
    let err = stances::tui::editor::run("no-such-editor-xyz", &file, 1)
        .unwrap_err()
        .to_string();
    assert!(err.contains("not found"), "{err}");
}

#[test]
fn copy_makes_a_citation_block_that_checks() {
    let p = Project::valid();
    let mut app = open(&p);
    app.update(Action::ListSources);
    assert_eq!(app.screen(), Screen::Sources);
    app.update(Action::Open);
    assert!(app.source.curator);
    app.update(Action::Down); // the second sentence, which is cited
    app.update(Action::Down); // the third: "He said no."
    app.update(Action::Copy);
    let Some(Request::Copy(block)) = app.request.clone() else {
        panic!("{:?}", app.request)
    };
    assert_eq!(
        block,
        "[[position.cite]]\nsource = \"a\"\nquote = \"He said no.\"\n"
    );
    assert!(app.popup().is_some());
    // Pasted under a new position, it passes the check.
    let pasted = format!(
        "{}\n[[position]]\nparty = \"us\"\nissue = \"ceasefire\"\nsummary = \"Says no\"\n{block}",
        valid()
    );
    std::fs::write(p.path(), pasted).unwrap();
    assert!(load(&p.path()).diagnostics.is_empty());
}

fn prompt_path(app: &App) -> (stances::export::Format, String) {
    let prompt = app.export_prompt().expect("the export prompt is open");
    (prompt.format, prompt.path.value().to_string())
}

#[test]
fn export_prompt_picks_a_format_and_a_path() {
    use stances::export::Format;
    use tui_input::InputRequest;
    let p = Project::valid();
    let mut app = open(&p);
    app.update(Action::Export);
    assert_eq!(
        prompt_path(&app),
        (Format::Md, "stances-2025-04-23.md".to_string())
    );
    app.update(Action::NextItem); // Tab
    assert_eq!(
        prompt_path(&app),
        (Format::Html, "stances-2025-04-23.html".to_string())
    );
    for _ in 0..4 {
        app.update(Action::InputEdit(InputRequest::DeletePrevChar));
    }
    for c in "htm".chars() {
        app.update(Action::InputChar(c));
    }
    app.update(Action::InputSubmit);
    assert_eq!(
        app.request,
        Some(Request::Export(
            Format::Html,
            "stances-2025-04-23.htm".into()
        ))
    );
    assert!(app.export_prompt().is_none());
    // Esc cancels without a request.
    app.request = None;
    app.update(Action::Export);
    app.update(Action::InputCancel);
    assert!(app.export_prompt().is_none() && app.request.is_none());
}

#[test]
fn the_extension_typed_picks_the_export_format() {
    use stances::export::Format;
    use tui_input::InputRequest;
    let p = Project::valid();
    let mut app = open(&p);
    app.update(Action::Export); // md is offered first
    app.update(Action::InputEdit(InputRequest::DeleteLine));
    let target = p.dir.path().join("report.csv");
    for c in target.display().to_string().chars() {
        app.update(Action::InputChar(c));
    }
    app.update(Action::InputSubmit);
    assert_eq!(app.request, Some(Request::Export(Format::Csv, target)));
}

#[test]
fn an_existing_file_is_replaced_only_after_a_second_enter() {
    use tui_input::InputRequest;
    let p = Project::valid();
    let target = p.dir.path().join("report.md");
    std::fs::write(&target, "keep me").unwrap();
    let mut app = open(&p);
    app.update(Action::Export);
    app.update(Action::InputEdit(InputRequest::DeleteLine));
    for c in target.display().to_string().chars() {
        app.update(Action::InputChar(c));
    }
    app.update(Action::InputSubmit);
    assert_eq!(app.request, None, "nothing is written yet");
    let status = stances::tui::status::text(&app);
    assert!(
        status.contains("exists: Enter again replaces it"),
        "{status}"
    );
    app.update(Action::InputSubmit);
    assert!(matches!(app.request, Some(Request::Export(_, _))));
}

#[test]
fn editing_the_date_of_the_open_position_keeps_its_cell_open() {
    let p = Project::valid();
    let mut app = open(&p);
    app.update(Action::Right);
    app.update(Action::Open);
    std::fs::write(
        p.path(),
        valid().replace("as_of = 2025-04-23", "as_of = 2025-04-20"),
    )
    .unwrap();
    app.apply_reload(load(&p.path()));
    assert_eq!(app.screen(), Screen::Detail);
    assert_eq!(
        app.view.model.positions[app.detail.position]
            .as_of
            .unwrap()
            .to_string(),
        "2025-04-20"
    );
    assert!(app.message.as_deref().unwrap().contains("date changed"));
}

/// The reader on a file with errors from the start, as `stances FILE` opens it.
fn open_broken(p: &Project) -> App {
    let loaded = load(&p.path());
    let errors: Vec<_> = loaded
        .diagnostics
        .into_iter()
        .filter(stances::diagnostic::Diagnostic::is_error)
        .collect();
    let model = loaded.partial.expect("the part that resolves");
    let mut app = App::new(model, p.path(), Theme { color: true }, (80, 24));
    app.set_opening_errors(errors);
    app
}

#[test]
fn a_file_broken_from_the_start_has_no_last_good_version() {
    let p = Project::new(&valid().replace("party = \"ru\"", "party = \"rus\""));
    let mut app = open_broken(&p);
    let text = render(&app);
    assert!(text.contains("does not load"), "{text}");
    assert!(!text.contains("last good"), "{text}");
    let title =
        &stances::tui::panel_text::error_rows(&app.panel_subject(), &app.errors, 200, usize::MAX)
            [0];
    assert!(
        title.ends_with("showing the parts of it that load (it has not loaded whole yet)"),
        "{title}"
    );
    // Still broken after an edit: still no "last good version". (`russia`, the
    // party's name, would now resolve, with a warning.)
    std::fs::write(
        p.path(),
        valid().replace("party = \"ru\"", "party = \"moscow\""),
    )
    .unwrap();
    app.apply_reload(load(&p.path()));
    let message = app.message.clone().unwrap();
    assert!(
        message.contains("showing the parts of it that load"),
        "{message}"
    );
    assert!(!render(&app).contains("last good"));
    // Once it loads and breaks again, there is a last good version.
    std::fs::write(p.path(), valid()).unwrap();
    app.apply_reload(load(&p.path()));
    assert!(app.errors.is_empty());
    std::fs::write(
        p.path(),
        valid().replace("party = \"ru\"", "party = \"rus\""),
    )
    .unwrap();
    app.apply_reload(load(&p.path()));
    assert!(
        app.message
            .clone()
            .unwrap()
            .contains("showing the last good version")
    );
}

#[test]
fn hints_in_the_error_panel_wrap_instead_of_being_cut() {
    let p = Project::new(&valid().replace("as_of = 2025-04-23", "as_of = \"2025-4-23\""));
    let app = open_broken(&p);
    let (w, h) = (44u16, 12u16);
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    t.draw(|f| stances::tui::panel::draw_errors(f, &app, f.area()))
        .unwrap();
    let buf = t.backend().buffer();
    let rows: Vec<String> = (0..h)
        .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>())
        .collect();
    let screen = rows.join("\n");
    assert!(!screen.contains('…'), "{screen}");
    let words = rows.iter().map(|r| r.trim()).collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("hint: a date is written without quotes, like 2025-04-17"),
        "{screen}"
    );
}

#[test]
fn the_export_prompt_refuses_the_model_files_and_unknown_formats_at_once() {
    use tui_input::InputRequest;
    let p = Project::valid();
    let mut app = open(&p);
    for (typed, says) in [
        (p.path().display().to_string(), "it is the positions file"),
        (
            p.dir.path().join("seeds/a.txt").display().to_string(),
            "it is the source `a`",
        ),
        ("report.pdf".to_string(), "no export format is called .pdf"),
    ] {
        app.update(Action::Export);
        app.update(Action::InputEdit(InputRequest::DeleteLine));
        for c in typed.chars() {
            app.update(Action::InputChar(c));
        }
        app.update(Action::InputSubmit);
        assert_eq!(app.request, None, "{typed}: nothing is written");
        let status = stances::tui::status::text(&app);
        assert!(status.contains(says), "{typed}: {status}");
        app.update(Action::InputCancel);
    }
}

#[test]
fn a_quote_the_source_no_longer_has_shows_as_orphaned_at_its_best_match() {
    let p = Project::valid();
    // The article was corrected: one word of the cited sentence changed.
    let corrected =
        stances::testing::project::SOURCE_A.replace("Russia rejected", "Russia refused");
    p.write("seeds/a.txt", corrected.as_bytes());
    let loaded = load(&p.path());
    let fix = loaded
        .diagnostics
        .iter()
        .find_map(|d| d.fix.clone())
        .expect("the quote is re-anchored");
    assert_eq!(fix.quote, "Russia refused a 30-day ceasefire");
    let model = loaded.partial.expect("what resolved still opens");
    let errors: Vec<_> = loaded
        .diagnostics
        .into_iter()
        .filter(stances::diagnostic::Diagnostic::is_error)
        .collect();
    let mut app = App::new(model, p.path(), Theme { color: true }, (80, 24));
    app.set_opening_errors(errors);
    app.fix_scroll();
    // Russia's ceasefire cell: row 0, column 1.
    app.update(Action::Right);
    app.update(Action::Open);
    assert_eq!(app.screen(), Screen::Detail);
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    t.draw(|f| stances::tui::draw(f, &app)).unwrap();
    let buf = t.backend().buffer().clone();
    let text: Vec<String> = (0..24)
        .map(|y| (0..80).map(|x| buf[(x, y)].symbol().to_string()).collect())
        .collect();
    let all = text.join("\n");
    assert!(all.contains("Orphaned citations (1)"), "{all}");
    let y = text
        .iter()
        .position(|l| l.contains("≈ Russia refused"))
        .expect("the best match is shown");
    let x = text[y].chars().take_while(|&c| c != 'R').count() as u16;
    assert_eq!(
        buf[(x, y as u16)].bg,
        ratatui::style::Color::Yellow,
        "highlighted"
    );
}

#[cfg(unix)]
#[test]
fn the_reader_never_exports_into_a_fifo_it_would_block_on() {
    use tui_input::InputRequest;
    let p = Project::valid();
    let fifo = p.dir.path().join("pipe");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let mut app = open(&p);
    app.update(Action::Export);
    app.update(Action::InputEdit(InputRequest::DeleteLine));
    for c in fifo.display().to_string().chars() {
        app.update(Action::InputChar(c));
    }
    app.update(Action::InputSubmit);
    app.update(Action::InputSubmit);
    assert_eq!(app.request, None, "nothing to write");
    let status = stances::tui::status::text(&app);
    assert!(status.contains("not a regular file"), "{status}");
}

#[test]
fn thousands_of_errors_show_as_many_as_fit_and_say_how_many_more() {
    let p = Project::valid();
    let mut app = open(&p);
    let errors: Vec<_> = (1..=3000)
        .map(|i| stances::diagnostic::Diagnostic {
            severity: stances::diagnostic::Severity::Error,
            file: p.path(),
            line: Some(i),
            column: Some(9),
            message: format!("quote not found in source `s{i}`"),
            hint: Some("the most similar sentence is:\n  something".into()),
            fix: None,
        })
        .collect();
    app.set_opening_errors(errors);
    app.fix_scroll();
    let text = render(&app);
    // The panel names the count, shows the first errors, and says how many more.
    assert!(text.contains("3000 error(s)"), "{text}");
    assert!(text.contains("s1`"), "{text}");
    let shown = text.matches("quote not found").count();
    assert!(shown >= 3, "{text}");
    assert!(
        text.contains(&format!("… and {} more", 3000 - shown)),
        "{text}"
    );
}
