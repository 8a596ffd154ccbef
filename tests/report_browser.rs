//! The HTML report in a real browser (headless Chromium through
//! `tests/support/browser/`), opened from disk as its reader would open it: the
//! export of each fixture in `tests/fixtures` (never the curated model) shows its grid
//! with its caption, logs no error or warning, makes no request beyond itself, passes
//! axe-core with no serious or critical violation, and leads from a citation marker to
//! its quote by mouse and by keyboard. Screenshots at desktop and phone widths are left in
//! `target/tmp/browser/report-FIXTURE/` to be looked at.

mod support;
use stances::sanitize::clean;
use stances::testing::fixtures::fixture;
use stances::view::View;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use support::axe::Axe;
use support::browser::{Browser, Key, Viewport, artifacts, png_size};

/// The fixtures whose reports are opened.
const FIXTURES: &[&str] = &["compare", "hostile", "moves", "noscale", "plain"];

/// Exports fixture `name` as HTML with the binary, as `report.html` in `dir`.
fn export(name: &str, dir: &Path) -> PathBuf {
    let out = dir.join("report.html");
    assert_cmd::Command::cargo_bin("stances")
        .unwrap()
        .timeout(std::time::Duration::from_secs(60))
        .arg("export")
        .arg(fixture(name))
        .args(["--format", "html", "-o"])
        .arg(&out)
        .assert()
        .success();
    out
}

/// White space collapsed, as the browser renders text.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn each_report_shows_its_grid_offline_without_errors() {
    let Some(b) = Browser::start() else { return };
    let dir = tempfile::tempdir().unwrap();
    for name in FIXTURES {
        let page = export(name, dir.path());
        b.open(&page);
        let loaded = stances::model::load(&fixture(name));
        let model = loaded.model.expect("the fixture loads");
        let view = View::new(Arc::new(model.clone()), None);

        let grid = b.find("table.grid");
        assert!(grid.is_displayed(), "{name}");
        assert_eq!(
            grid.find("caption").text(),
            squash(&clean(&view.caption())),
            "{name}: the caption says the title and the date"
        );
        let cols: Vec<String> = grid
            .find_all("thead th[scope=col]")
            .iter()
            .map(support::browser::Element::text)
            .collect();
        let mut want = vec!["Issue".to_string()];
        want.extend(model.parties.iter().map(|p| squash(&clean(&p.name))));
        assert_eq!(cols, want, "{name}: a column per party");
        let rows: Vec<String> = grid
            .find_all("tbody th[scope=row]")
            .iter()
            .map(support::browser::Element::text)
            .collect();
        let want: Vec<String> = model
            .issues
            .iter()
            .map(|i| squash(&clean(&i.name)))
            .collect();
        assert_eq!(rows, want, "{name}: a row per issue");
        assert_eq!(
            grid.find_all("tbody td").len(),
            model.issues.len() * model.parties.len(),
            "{name}: a cell per issue and party"
        );
        // No error, no warning, no request beyond the file (and no dialog: the hostile
        // title's <script>alert()</script> stays text, or every command above would fail).
        b.assert_clean();
    }
}

#[test]
fn a_citation_marker_leads_to_its_quote_by_keyboard_and_by_mouse() {
    let Some(b) = Browser::start() else { return };
    let dir = tempfile::tempdir().unwrap();
    let page = export("compare", dir.path());
    b.open(&page);

    // The first stop of Tab is the first citation marker, in the first cell.
    b.press(Key::Tab);
    let marker = b.focused();
    assert_eq!(marker.attr("aria-label").as_deref(), Some("Citation 1"));
    let href = marker.attr("href").expect("a marker is a link");
    b.press(Key::Enter);
    assert!(
        b.url().ends_with(&href),
        "{} after Enter on {href}",
        b.url()
    );
    let note = b.find(&href);
    assert!(in_view(&b, &href), "{href} is scrolled into view");
    assert!(
        !note.find("mark").text().is_empty(),
        "the note marks the quote"
    );

    // Back to the top, then the same by mouse on the second marker.
    b.script("window.scrollTo(0, 0)", &[]);
    let second = b.find("table.grid a[aria-label='Citation 2']");
    let href = second.attr("href").unwrap();
    second.click();
    assert!(b.url().ends_with(&href), "{}", b.url());
    assert!(in_view(&b, &href));
    b.assert_clean();
}

/// Whether the element `css` is within the viewport.
fn in_view(b: &Browser, css: &str) -> bool {
    let el = b.find(css);
    b.script(
        "const r = arguments[0].getBoundingClientRect();
         return r.top >= 0 && r.top < innerHeight && r.height > 0;",
        &[el.json()],
    ) == true
}

#[test]
fn each_report_passes_axe_at_desktop_and_phone_widths() {
    let Some(axe) = Axe::load() else { return };
    let Some(b) = Browser::start() else { return };
    let dir = tempfile::tempdir().unwrap();
    for name in FIXTURES {
        let page = export(name, dir.path());
        for viewport in [Viewport::DESKTOP, Viewport::PHONE] {
            b.set_viewport(viewport);
            b.open(&page);
            axe.assert_no_serious(&b);
            b.assert_clean();
        }
    }
}

#[test]
fn screenshots_at_desktop_and_phone_widths() {
    let Some(b) = Browser::start() else { return };
    for name in FIXTURES {
        let dir = artifacts(&format!("report-{name}"));
        let page = export(name, &dir);
        for (viewport, label) in [(Viewport::DESKTOP, "desktop"), (Viewport::PHONE, "phone")] {
            // Sized first, then loaded, as a phone loads it (resizing a loaded page can
            // zoom it out to fit).
            b.set_viewport(viewport);
            b.open(&page);
            let shot = dir.join(format!("{label}.png"));
            b.screenshot(&shot);
            assert_eq!(png_size(&shot), (viewport.width, viewport.height));
            let full = dir.join(format!("{label}-full.png"));
            b.screenshot_full_page(&full);
            // The whole page: as wide as the document (less a desktop scroll bar), as
            // high as it.
            let size = b.script(
                "const e = document.documentElement; return [e.scrollWidth, e.scrollHeight]",
                &[],
            );
            let (w, h) = png_size(&full);
            let (sw, sh) = (size[0].as_u64().unwrap(), size[1].as_u64().unwrap());
            assert!(
                (sw.saturating_sub(20)..=sw).contains(&u64::from(w)) && u64::from(h) == sh,
                "{name} {label}: {w}×{h}, the page {sw}×{sh}: {}",
                full.display()
            );
            b.assert_clean();
        }
    }
}
