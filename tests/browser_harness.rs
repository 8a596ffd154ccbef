//! The browser harness itself (`tests/support/browser/`), on pages written here: it
//! must catch what a broken page does (an uncaught exception, a console error or warning,
//! a request beyond the file), see nothing on a clean page, drive the keyboard and the
//! controls, size the viewport, take screenshots, leave no process behind (also when a
//! test fails), and fail rather than skip in CI when the browser is missing.

mod support;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use support::axe::Axe;
use support::browser::{Browser, Key, Viewport, png_size};

/// Writes `body` as an HTML page `name` in `dir`.
fn page(dir: &Path, name: &str, body: &str) -> PathBuf {
    let path = dir.join(name);
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{name}</title></head><body>\n{body}\n</body></html>\n"
    );
    std::fs::write(&path, html).unwrap();
    path
}

/// Whether `assert_clean` fails the test, and its message.
fn clean_failure(b: &Browser) -> Option<String> {
    catch_unwind(AssertUnwindSafe(|| b.assert_clean()))
        .err()
        .map(|e| {
            e.downcast_ref::<String>()
                .cloned()
                .or_else(|| {
                    e.downcast_ref::<&str>()
                        .map(std::string::ToString::to_string)
                })
                .unwrap_or_default()
        })
}

#[test]
fn a_clean_page_passes() {
    let Some(b) = Browser::start() else { return };
    let dir = tempfile::tempdir().unwrap();
    let p = page(
        dir.path(),
        "clean.html",
        "<h1>Clean</h1><img alt=\"dot\" src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\">\
         <script>document.querySelector('h1').textContent += ' page'; console.log('only information');</script>",
    );
    b.open(&p);
    assert_eq!(b.find("h1").text(), "Clean page");
    assert_eq!(b.title(), "clean.html");
    assert_eq!(b.requests(), Vec::<String>::new());
    assert_eq!(b.console_problems(), vec![]);
    // The console is read: the information line is there, it just is not a problem.
    assert!(
        b.console()
            .iter()
            .any(|e| e.level == "INFO" && e.message.contains("only information")),
        "{:?}",
        b.console()
    );
    assert_eq!(clean_failure(&b), None);

    // A path that needs escapes in a URL is opened, and still is the page itself.
    let odd = dir.path().join("a dir, + é #1 %20");
    std::fs::create_dir(&odd).unwrap();
    let p = page(&odd, "odd name.html", "<h1>Odd</h1>");
    b.open(&p);
    assert_eq!(b.find("h1").text(), "Odd");
    assert_eq!(clean_failure(&b), None);
}

#[test]
fn errors_warnings_and_exceptions_on_load_are_caught() {
    let Some(b) = Browser::start() else { return };
    let dir = tempfile::tempdir().unwrap();
    let p = page(
        dir.path(),
        "broken.html",
        "<p>Broken</p><script>\
         console.warn('a warning');\
         console.error('an error');\
         Promise.reject(new Error('nobody caught this promise'));\
         undefinedFunction();\
         </script>",
    );
    b.open(&p);
    let problems = b.console_problems();
    let has = |level: &str, text: &str| {
        problems
            .iter()
            .any(|e| e.level == level && e.message.contains(text))
    };
    assert!(has("WARNING", "a warning"), "{problems:#?}");
    assert!(has("SEVERE", "an error"), "{problems:#?}");
    assert!(
        has("SEVERE", "Uncaught ReferenceError: undefinedFunction"),
        "{problems:#?}"
    );
    assert!(
        has("SEVERE", "Uncaught Error: nobody caught this promise"),
        "{problems:#?}"
    );
    let failure = clean_failure(&b).expect("assert_clean fails on a broken page");
    assert!(failure.contains("undefinedFunction"), "{failure}");
}

#[test]
fn an_exception_after_a_click_is_caught() {
    let Some(b) = Browser::start() else { return };
    let dir = tempfile::tempdir().unwrap();
    let p = page(
        dir.path(),
        "click.html",
        "<button id=\"go\">Go</button><script>\
         document.getElementById('go').addEventListener('click', () => { null.detail = 1; });\
         </script>",
    );
    b.open(&p);
    assert_eq!(clean_failure(&b), None, "clean before the click");
    b.find("#go").click();
    // No wait: assert_clean makes a round trip through the page before it reads the log.
    let failure = clean_failure(&b).expect("the click's exception is caught");
    assert!(failure.contains("Uncaught TypeError"), "{failure}");
}

#[test]
fn requests_beyond_the_page_are_caught() {
    let Some(b) = Browser::start() else { return };
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("beside.css"), "p { color: black }").unwrap();
    let p = page(
        dir.path(),
        "requests.html",
        "<link rel=\"stylesheet\" href=\"beside.css\">\
         <p>Loads things</p>\
         <img alt=\"remote\" src=\"http://example.invalid/remote.png\">\
         <img alt=\"embedded\" src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\">\
         <button id=\"fetch\">Fetch</button><script>\
         document.getElementById('fetch').addEventListener('click', () => \
           fetch('https://api.example.invalid/data.json').catch(() => {}));\
         </script>",
    );
    b.open(&p);
    let requests = b.requests();
    let beside = support::browser::file_url(&dir.path().canonicalize().unwrap().join("beside.css"));
    assert_eq!(
        requests,
        vec![beside, "http://example.invalid/remote.png".to_string()],
        "the page itself and the data: image are not requests; a file beside it is"
    );
    // The host is unresolvable by design, so the image also fails in the console.
    assert!(
        b.console_problems()
            .iter()
            .any(|e| e.message.contains("remote.png")),
        "{:#?}",
        b.console_problems()
    );
    b.find("#fetch").click();
    b.wait_until("the fetch is recorded", |b| b.requests().len() == 3);
    assert_eq!(
        b.requests()[2],
        "https://api.example.invalid/data.json",
        "a request made by a script after a click"
    );
    let failure = clean_failure(&b).expect("assert_clean fails on requests");
    assert!(failure.contains("remote.png"), "{failure}");

    // Opening another page forgets what the previous one did.
    let clean = page(dir.path(), "clean.html", "<p>Nothing</p>");
    b.open(&clean);
    assert_eq!(clean_failure(&b), None);
}

#[test]
fn keys_clicks_selects_and_typing_reach_the_page() {
    let Some(b) = Browser::start() else { return };
    let dir = tempfile::tempdir().unwrap();
    let p = page(
        dir.path(),
        "controls.html",
        "<label for=\"q\">Search</label> <input id=\"q\">\
         <label for=\"d\">View date</label> <select id=\"d\">\
           <option>2025-04-17</option><option>2025-04-25</option></select>\
         <button id=\"go\" data-count=\"0\">Go</button>\
         <table><caption>Grid</caption><tr><td id=\"cell\" tabindex=\"0\">US</td></tr></table>\
         <p id=\"out\"></p><script>\
         const out = document.getElementById('out');\
         const log = (s) => { out.textContent += s + ';'; };\
         document.addEventListener('keydown', (e) => log('key ' + (e.key === ' ' ? 'Space' : e.key)));\
         document.getElementById('go').addEventListener('click', () => log('go'));\
         document.getElementById('d').addEventListener('change', (e) => log('date ' + e.target.value));\
         </script>",
    );
    b.open(&p);
    let out = || b.find("#out").text();

    // Tab walks the focusable elements in order; Shift+Tab goes back.
    b.press(Key::Tab);
    assert!(b.find("#q").is_focused());
    b.press(Key::Tab);
    assert_eq!(b.focused(), b.find("#d"));
    b.press(Key::Tab);
    b.press(Key::Tab);
    assert_eq!(b.focused().attr("id").as_deref(), Some("cell"));
    b.press_with(Key::Shift, Key::Tab);
    assert_eq!(b.focused().tag(), "button");

    // Enter and Space activate the focused button; Escape reaches the page.
    b.find("#out").click(); // a click on plain text moves no focus to a control
    b.script("document.getElementById('out').textContent = ''", &[]);
    b.press_with(Key::Shift, Key::Tab); // from the body: to the last focusable, the cell
    b.press_with(Key::Shift, Key::Tab);
    assert_eq!(b.focused().tag(), "button");
    b.press(Key::Enter);
    b.press(Key::Space);
    b.press(Key::Escape);
    assert_eq!(
        out(),
        "key Shift;key Tab;key Shift;key Tab;key Enter;go;key Space;go;key Escape;"
    );

    // Choosing an option fires the page's change handler.
    b.script("document.getElementById('out').textContent = ''", &[]);
    let select = b.find("#d");
    select.select("2025-04-25");
    assert_eq!(select.property("value"), "2025-04-25");
    assert_eq!(out(), "date 2025-04-25;");

    // Typing into an input, by element or into whatever has the focus.
    let q = b.find("#q");
    q.send_keys("terri");
    b.type_text("tory");
    assert_eq!(q.property("value"), "territory");
    q.clear();
    assert_eq!(q.property("value"), "");

    // Reading: text, attributes (absent ones too), scripts with element arguments.
    assert_eq!(b.find("caption").text(), "Grid");
    assert_eq!(b.find("#go").attr("data-count").as_deref(), Some("0"));
    assert_eq!(b.find("#go").attr("hidden"), None);
    let cell = b.find("td");
    assert_eq!(
        b.script("return arguments[0].textContent + '!'", &[cell.json()]),
        "US!"
    );
    assert!(b.try_find("#nothing").is_none());
    assert_eq!(b.find("table").find_all("td").len(), 1);
    b.assert_clean();
}

#[test]
fn viewports_and_screenshots() {
    let Some(b) = Browser::start() else { return };
    let dir = tempfile::tempdir().unwrap();
    let long = "<p>line</p>".repeat(200);
    let p = page(dir.path(), "long.html", &long);
    b.open(&p);
    let size = |b: &Browser| b.script("return [innerWidth, innerHeight]", &[]);
    assert_eq!(
        size(&b),
        serde_json::json!([1280, 900]),
        "desktop is the default"
    );
    b.screenshot(&dir.path().join("desktop.png"));
    assert_eq!(png_size(&dir.path().join("desktop.png")), (1280, 900));

    b.set_viewport(Viewport::PHONE);
    assert_eq!(size(&b), serde_json::json!([390, 844]));
    b.screenshot(&dir.path().join("phone.png"));
    assert_eq!(png_size(&dir.path().join("phone.png")), (390, 844));

    b.screenshot_full_page(&dir.path().join("full.png"));
    let (w, h) = png_size(&dir.path().join("full.png"));
    let height = b.script("return document.documentElement.scrollHeight", &[]);
    assert_eq!((w, u64::from(h)), (390, height.as_u64().unwrap()));
    assert!(h > 844 * 4, "the whole page, {h} px high");

    b.set_viewport(Viewport::DESKTOP);
    assert_eq!(size(&b), serde_json::json!([1280, 900]));
}

#[test]
fn axe_finds_serious_violations_offline_and_passes_a_clean_page() {
    let Some(axe) = Axe::load() else { return };
    let Some(b) = Browser::start() else { return };
    let dir = tempfile::tempdir().unwrap();
    let broken = page(
        dir.path(),
        "inaccessible.html",
        "<main><h1>Inaccessible</h1>\
         <img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\">\
         <button></button>\
         <p style=\"color: #bbb; background: #fff\">faint text</p></main>",
    );
    b.open(&broken);
    let found = axe.violations(&b);
    let impact = |id: &str| found.iter().find(|v| v.id == id).map(|v| v.impact.as_str());
    assert_eq!(impact("image-alt"), Some("critical"), "{found:#?}");
    assert_eq!(impact("button-name"), Some("critical"), "{found:#?}");
    assert_eq!(impact("color-contrast"), Some("serious"), "{found:#?}");
    let contrast = found.iter().find(|v| v.id == "color-contrast").unwrap();
    assert_eq!(contrast.nodes.len(), 1);
    assert!(contrast.nodes[0].starts_with("p: "), "{:?}", contrast.nodes);
    let failed = catch_unwind(AssertUnwindSafe(|| axe.assert_no_serious(&b)));
    assert!(failed.is_err(), "assert_no_serious fails on it");
    // axe ran offline: nothing was fetched.
    b.assert_clean();

    let fine = page(
        dir.path(),
        "accessible.html",
        "<main><h1>Accessible</h1>\
         <img alt=\"a dot\" src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\">\
         <button>Go</button><p>plain text</p></main>",
    );
    b.open(&fine);
    assert_eq!(axe.violations(&b), vec![]);
    assert_eq!(axe.assert_no_serious(&b), vec![]);
    b.assert_clean();
}

/// Whether the process `pid` is gone (or a zombie, which runs no more).
fn gone(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        Ok(stat) => stat
            .rsplit_once(") ")
            .is_some_and(|(_, rest)| rest.starts_with('Z')),
    }
}

/// Waits up to 10 s for every process of `pids` to end.
fn all_gone(pids: &[u32]) -> bool {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(10) {
        if pids.iter().all(|&p| gone(p)) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

#[test]
fn no_process_outlives_its_browser_even_when_the_test_fails() {
    let Some(b) = Browser::start() else { return };
    let pids = b.pids();
    assert!(pids.iter().all(|&p| p > 0 && !gone(p)), "{pids:?} run");
    drop(b);
    assert!(all_gone(&pids), "{pids:?} still run after drop");

    let mut pids = [0, 0];
    let failed = catch_unwind(AssertUnwindSafe(|| {
        let b = Browser::start().expect("started above");
        pids = b.pids();
        b.find("#no-such-thing"); // fails the test, with the browser still open
    }));
    assert!(failed.is_err());
    assert!(pids.iter().all(|&p| p > 0), "{pids:?}");
    assert!(all_gone(&pids), "{pids:?} still run after a failed test");
}

/// Starts the browser, or skips; run by itself in a child process below.
#[test]
fn start_or_skip() {
    let Some(b) = Browser::start() else { return };
    assert_eq!(b.url(), "about:blank");
    assert_eq!(b.find("body").text(), "");
}

/// Runs `start_or_skip` of this test binary with an empty PATH, `CI` as given.
fn without_browser(ci: Option<&str>) -> std::process::Output {
    let mut cmd = std::process::Command::new(std::env::current_exe().unwrap());
    cmd.args(["--exact", "start_or_skip", "--test-threads=1"])
        .env("PATH", "")
        .env_remove("CI");
    if let Some(ci) = ci {
        cmd.env("CI", ci);
    }
    cmd.output().unwrap()
}

#[test]
fn a_missing_browser_fails_in_ci_and_skips_elsewhere() {
    let out = without_browser(Some("true"));
    let all =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success(),
        "CI=true without a browser must fail:\n{all}"
    );
    assert!(
        all.contains("chromium or chromedriver is not on PATH") && all.contains("CI is set"),
        "{all}"
    );

    let out = without_browser(None);
    let all =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "without CI a missing browser skips:\n{all}"
    );
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("skipped start_or_skip: chromium or chromedriver is not on PATH"),
        "the reason shows on stderr, past the capture:\n{all}"
    );
}
