//! Headless Chromium driven through chromedriver (W3C WebDriver over HTTP), for the tests
//! that open the HTML report as a person would: open a file from disk, find elements by
//! CSS, click, press keys, type, choose options, read text and attributes, run scripts,
//! resize to a desktop or a phone, save screenshots; and everything the page wrote to its
//! console or asked of the network meanwhile.
//!
//! Debian's `chromium` and `chromium-driver` packages are what it drives (`.ci/run`
//! installs them). When they are missing, [`Browser::start`] fails the test if `CI` is
//! set and otherwise says on stderr why the test skipped.
//!
//! At most two browsers run at once in a test binary (the machine has two cores; two
//! take 0.74 of the wall time of one at a time, for the same CPU); each test
//! gets a fresh profile, and the processes are ended when the [`Browser`] is dropped,
//! also when the test panics.
#![allow(dead_code)]

mod driver;
mod element;
mod files;
mod logs;
mod skip;

// What the tests use; a test binary that opens no browser uses none of it.
#[allow(unused_imports)]
pub use {
    driver::WebDriverError,
    element::Element,
    files::{artifacts, file_url, png_size},
    logs::ConsoleEntry,
    skip::{in_ci, skip_or_fail, which},
};

use driver::{Driver, Turn, http};
use files::write_png;
use serde_json::{Value, json};
use std::cell::RefCell;
use std::path::Path;
use std::time::{Duration, Instant};

/// Chromium's flags for a headless run on this machine: no sandbox (we run as root), no
/// GPU, nothing fetched in the background, and every host name unresolvable so that no
/// test can reach the network even where there is one (a request still shows in
/// [`Browser::requests`], and fails).
const CHROMIUM_ARGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--lang=en-US",
    "--force-color-profile=srgb",
];

/// How long one WebDriver command may take before the test fails.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(120);

/// How long [`Browser::wait_for`] and [`Browser::wait_until`] wait.
pub const WAIT: Duration = Duration::from_secs(10);

/// A viewport: CSS pixels, and whether it is a phone's (which honours the page's
/// `<meta name="viewport">`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Viewport {
    /// Width in CSS pixels.
    pub width: u32,
    /// Height in CSS pixels.
    pub height: u32,
    /// Emulates a mobile device.
    pub mobile: bool,
}

impl Viewport {
    /// A desktop window, 1280×900.
    pub const DESKTOP: Viewport = Viewport {
        width: 1280,
        height: 900,
        mobile: false,
    };
    /// A phone, 390×844 (an iPhone 12 to 15), at a device scale of 1.
    pub const PHONE: Viewport = Viewport {
        width: 390,
        height: 844,
        mobile: true,
    };
}

/// A key that [`Browser::press`] sends (WebDriver's code points for them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    Tab,
    Enter,
    Space,
    Escape,
    Backspace,
    Home,
    End,
    ArrowLeft,
    ArrowUp,
    ArrowRight,
    ArrowDown,
    Shift,
}

impl Key {
    fn code(self) -> char {
        match self {
            Key::Tab => '\u{E004}',
            Key::Enter => '\u{E007}',
            Key::Space => '\u{E00D}',
            Key::Escape => '\u{E00C}',
            Key::Backspace => '\u{E003}',
            Key::Home => '\u{E011}',
            Key::End => '\u{E010}',
            Key::ArrowLeft => '\u{E012}',
            Key::ArrowUp => '\u{E013}',
            Key::ArrowRight => '\u{E014}',
            Key::ArrowDown => '\u{E015}',
            Key::Shift => '\u{E008}',
        }
    }
}

/// A headless Chromium with one page.
pub struct Browser {
    agent: ureq::Agent,
    /// `http://127.0.0.1:PORT/session/ID`.
    session: String,
    /// The URL last opened by [`Browser::open`] (escaped as Chromium escapes it).
    page: RefCell<String>,
    /// Console lines since the page was opened.
    console: RefCell<Vec<ConsoleEntry>>,
    /// URLs of the requests made since the page was opened, in order.
    requested: RefCell<Vec<String>>,
    /// Chromium's main process.
    chromium_pid: u32,
    driver: Driver,
    _turn: Turn,
}

impl Browser {
    /// Starts headless Chromium at the desktop viewport. Returns `None` when chromium or
    /// chromedriver is missing and `CI` is not set (the test then returns: it skipped,
    /// and says so); fails the test when they are missing in CI, or cannot start.
    pub fn start() -> Option<Browser> {
        let (Some(chromedriver), Some(chromium)) = (which("chromedriver"), which("chromium"))
        else {
            skip_or_fail(
                "chromium or chromedriver is not on PATH \
                 (apt-get install chromium chromium-driver)",
            );
            return None;
        };
        Some(Browser::launch(&chromedriver, &chromium).unwrap_or_else(|e| panic!("{e}")))
    }

    fn launch(chromedriver: &Path, chromium: &Path) -> Result<Browser, String> {
        let turn = Turn::take();
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .proxy(None)
            .http_status_as_error(false)
            .timeout_global(Some(COMMAND_TIMEOUT))
            .build()
            .into();
        let driver = Driver::start(chromedriver, &agent)?;
        let profile = driver.dir.path().join("profile");
        let mut args: Vec<String> = CHROMIUM_ARGS
            .iter()
            .map(std::string::ToString::to_string)
            .collect();
        args.push(format!("--user-data-dir={}", profile.display()));
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "pageLoadStrategy": "normal",
            "timeouts": {"pageLoad": 60_000, "script": 60_000, "implicit": 0},
            "goog:loggingPrefs": {"browser": "ALL", "performance": "ALL"},
            "goog:chromeOptions": {
                "binary": chromium.to_string_lossy(),
                "args": args,
                "perfLoggingPrefs": {"enableNetwork": true, "enablePage": false},
                // A blank first page: chromedriver passes no URL, and Debian's Chromium
                // would open its New Tab page, which loads for a while.
                "prefs": {"session.restore_on_startup": 4, "session.startup_urls": ["about:blank"]},
            },
        }}});
        let created = http(
            &agent,
            "POST",
            &format!("{}/session", driver.url),
            Some(&capabilities),
        )
        .map_err(|e| format!("chromium did not start: {e}\n{}", driver.log()))?;
        let id = created["value"]["sessionId"]
            .as_str()
            .ok_or_else(|| format!("no session id in {created}"))?;
        let chromium_pid = created["value"]["capabilities"]["goog:processID"]
            .as_u64()
            .unwrap_or_default() as u32;
        let browser = Browser {
            session: format!("{}/session/{id}", driver.url),
            chromium_pid,
            agent,
            page: RefCell::new(String::new()),
            console: RefCell::new(Vec::new()),
            requested: RefCell::new(Vec::new()),
            driver,
            _turn: turn,
        };
        browser.set_viewport(Viewport::DESKTOP);
        Ok(browser)
    }

    /// The ids of chromedriver and of Chromium's main process (for tests of the clean-up).
    pub fn pids(&self) -> [u32; 2] {
        [self.driver.group.child.id(), self.chromium_pid]
    }

    /// Sends a WebDriver command of this session (`tail` after `/session/ID/`). The body
    /// is built at each call site for this call alone, so it is taken by value.
    #[allow(clippy::needless_pass_by_value)]
    pub fn try_command(
        &self,
        method: &str,
        tail: &str,
        body: Option<Value>,
    ) -> Result<Value, WebDriverError> {
        let url = format!("{}/{tail}", self.session);
        http(&self.agent, method, &url, body.as_ref()).map(|mut v| v["value"].take())
    }

    /// Like [`Browser::try_command`], failing the test on an error.
    pub fn command(&self, method: &str, tail: &str, body: Option<Value>) -> Value {
        self.try_command(method, tail, body)
            .unwrap_or_else(|e| panic!("WebDriver {method} {tail}: {e}"))
    }

    /// Runs a Chrome DevTools Protocol command (`Emulation.…`, `Page.…`) and returns its
    /// result (its parameters are built for this call alone).
    #[allow(clippy::needless_pass_by_value)]
    pub fn cdp(&self, cmd: &str, params: Value) -> Value {
        self.command(
            "POST",
            "goog/cdp/execute",
            Some(json!({"cmd": cmd, "params": params})),
        )
    }

    /// Opens a file from disk and waits until it has loaded. What the previous page
    /// logged or requested is forgotten.
    pub fn open(&self, path: &Path) {
        let path = path
            .canonicalize()
            .unwrap_or_else(|e| panic!("cannot open {}: {e}", path.display()));
        let url = file_url(&path);
        self.collect();
        self.console.borrow_mut().clear();
        self.requested.borrow_mut().clear();
        *self.page.borrow_mut() = url.clone();
        self.command("POST", "url", Some(json!({ "url": url })));
        self.collect();
    }

    /// The URL the browser shows now.
    pub fn url(&self) -> String {
        self.command("GET", "url", None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// The page's title.
    pub fn title(&self) -> String {
        self.command("GET", "title", None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// The first element that matches `css`, or none.
    pub fn try_find(&self, css: &str) -> Option<Element<'_>> {
        let body = json!({"using": "css selector", "value": css});
        match self.try_command("POST", "element", Some(body)) {
            Ok(v) => Some(self.element(&v, css)),
            Err(e) if e.error == "no such element" => None,
            Err(e) => panic!("find {css:?}: {e}"),
        }
    }

    /// The first element that matches `css`; fails the test if there is none.
    pub fn find(&self, css: &str) -> Element<'_> {
        self.try_find(css)
            .unwrap_or_else(|| panic!("no element matches {css:?} in {}", self.page.borrow()))
    }

    /// Every element that matches `css`, in document order.
    pub fn find_all(&self, css: &str) -> Vec<Element<'_>> {
        let body = json!({"using": "css selector", "value": css});
        self.elements(&self.command("POST", "elements", Some(body)), css)
    }

    /// Waits up to [`WAIT`] for an element that matches `css`.
    pub fn wait_for(&self, css: &str) -> Element<'_> {
        let mut found = None;
        self.wait_until(&format!("an element matches {css:?}"), |b| {
            found = b.try_find(css).map(|e| e.id);
            found.is_some()
        });
        Element {
            browser: self,
            id: found.unwrap_or_default(),
            css: css.to_string(),
        }
    }

    /// Waits up to [`WAIT`] until `ready` holds; fails the test with `what` otherwise.
    pub fn wait_until(&self, what: &str, mut ready: impl FnMut(&Browser) -> bool) {
        let start = Instant::now();
        while !ready(self) {
            if start.elapsed() > WAIT {
                panic!("waited {WAIT:?} in vain until {what}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The element that has the keyboard focus (the body when none has).
    pub fn focused(&self) -> Element<'_> {
        let v = self.command("GET", "element/active", None);
        self.element(&v, ":focus")
    }

    /// Presses and releases `key` on whatever has the focus, as a keyboard would.
    pub fn press(&self, key: Key) {
        self.keys(&[key.code()], &[]);
    }

    /// Presses `key` while `modifier` is held (`Key::Shift`, `Key::Tab` goes backwards).
    pub fn press_with(&self, modifier: Key, key: Key) {
        self.keys(&[key.code()], &[modifier.code()]);
    }

    /// Types `text` into whatever has the focus, key by key.
    pub fn type_text(&self, text: &str) {
        let chars: Vec<char> = text.chars().collect();
        self.keys(&chars, &[]);
    }

    /// Each of `keys` down and up, with `held` down around them.
    fn keys(&self, keys: &[char], held: &[char]) {
        let mut actions = Vec::new();
        for m in held {
            actions.push(json!({"type": "keyDown", "value": m.to_string()}));
        }
        for k in keys {
            actions.push(json!({"type": "keyDown", "value": k.to_string()}));
            actions.push(json!({"type": "keyUp", "value": k.to_string()}));
        }
        for m in held.iter().rev() {
            actions.push(json!({"type": "keyUp", "value": m.to_string()}));
        }
        let body = json!({"actions": [{"type": "key", "id": "keyboard", "actions": actions}]});
        self.command("POST", "actions", Some(body));
    }

    /// Runs `js` as the body of a function with `args` (elements as [`Element::json`]),
    /// returning what it returns.
    pub fn script(&self, js: &str, args: &[Value]) -> Value {
        self.command(
            "POST",
            "execute/sync",
            Some(json!({"script": js, "args": args})),
        )
    }

    /// Runs `js` with a callback as its last argument, and returns what it was called with.
    pub fn script_async(&self, js: &str, args: &[Value]) -> Value {
        self.command(
            "POST",
            "execute/async",
            Some(json!({"script": js, "args": args})),
        )
    }

    /// Resizes the viewport (the layout size the page sees as `innerWidth`×`innerHeight`).
    /// Set it before [`Browser::open`], as a phone loads a page: a loaded page whose
    /// content is wider than a phone may be zoomed out to fit when resized.
    pub fn set_viewport(&self, v: Viewport) {
        self.cdp(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": v.width, "height": v.height, "deviceScaleFactor": 1, "mobile": v.mobile}),
        );
    }

    /// Saves what the viewport shows as a PNG at `path` (parent directories made).
    pub fn screenshot(&self, path: &Path) {
        let png = self.command("GET", "screenshot", None);
        write_png(path, &png);
    }

    /// Saves the whole page, beyond the viewport, as a PNG at `path`.
    pub fn screenshot_full_page(&self, path: &Path) {
        let shot = self.cdp(
            "Page.captureScreenshot",
            json!({"format": "png", "captureBeyondViewport": true}),
        );
        write_png(path, &shot["data"]);
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Chromium quits with the session; the driver's Drop then kills what is left.
        let _ = http(&self.agent, "DELETE", &self.session, None);
    }
}
