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

use base64::Engine;
use serde_json::{Value, json};
use std::cell::RefCell;
use std::fs::File;
use std::io::Write;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// The key under which WebDriver names an element in JSON.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

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

/// Whether this is a CI run: `CI` is set to anything but empty, `0` or `false`.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !matches!(v.trim(), "" | "0" | "false"))
}

/// A test cannot run because `why` (a tool is missing). In CI this fails the test; elsewhere
/// it writes on stderr, past the test harness's capture, that the test skipped and why.
pub fn skip_or_fail(why: &str) {
    let test = std::thread::current()
        .name()
        .unwrap_or("a browser test")
        .to_string();
    if in_ci() {
        panic!("{test}: {why}; CI is set, so this fails instead of skipping");
    }
    // Written straight to stderr so that it shows even for a test that passes.
    let _ = writeln!(
        std::io::stderr(),
        "skipped {test}: {why} (with CI=1 this fails)"
    );
}

/// The path of `name` in one of the directories of `PATH`.
pub fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

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

/// A line of the page's console: an error, a warning, an uncaught exception or a
/// resource that failed to load (chromedriver's "browser" log).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsoleEntry {
    /// `SEVERE` (errors, uncaught exceptions, failed loads), `WARNING`, `INFO`...
    pub level: String,
    /// `console-api`, `javascript`, `network`...
    pub source: String,
    /// The message, prefixed by where it came from.
    pub message: String,
}

impl ConsoleEntry {
    /// An error or a warning.
    pub fn is_problem(&self) -> bool {
        matches!(self.level.as_str(), "SEVERE" | "WARNING")
    }
}

/// An error answered by chromedriver, or a failure to reach it.
#[derive(Debug)]
pub struct WebDriverError {
    /// WebDriver's error code (`no such element`...), or `transport`.
    pub error: String,
    /// What went wrong.
    pub message: String,
}

impl std::fmt::Display for WebDriverError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The first line only: chromedriver appends a long native stack trace.
        let first = self.message.lines().next().unwrap_or_default();
        write!(f, "{}: {first}", self.error)
    }
}

/// How many browsers a test binary runs at once: two cores; a third waits.
const AT_ONCE: usize = 2;

/// The browsers running in this test binary.
static RUNNING: Mutex<usize> = Mutex::new(0);
/// Signalled when one ends.
static ENDED: Condvar = Condvar::new();

/// A browser's turn: taken before it starts, given back when it is dropped.
struct Turn;

impl Turn {
    /// Waits until fewer than [`AT_ONCE`] browsers run.
    fn take() -> Turn {
        let mut running = RUNNING.lock().unwrap_or_else(PoisonError::into_inner);
        while *running >= AT_ONCE {
            running = ENDED.wait(running).unwrap_or_else(PoisonError::into_inner);
        }
        *running += 1;
        Turn
    }
}

impl Drop for Turn {
    fn drop(&mut self) {
        *RUNNING.lock().unwrap_or_else(PoisonError::into_inner) -= 1;
        ENDED.notify_one();
    }
}

/// A process started in a process group of its own (with whatever it starts in turn);
/// dropping it kills the group and reaps the process.
struct Group {
    child: Child,
    /// Reaped already: its id may belong to another process now, so it is not signalled.
    reaped: bool,
}

impl Group {
    /// Whether the process has exited (and then its status).
    fn exited(&mut self) -> Option<std::process::ExitStatus> {
        let status = self.child.try_wait().ok().flatten();
        self.reaped |= status.is_some();
        status
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        if !self.reaped {
            let group = self.child.id() as libc::pid_t;
            // SAFETY: kill(2) with a negative id signals the process group that spawn()
            // made for this child (process_group(0)), which is not reaped yet: only
            // processes this test started.
            unsafe {
                libc::kill(-group, libc::SIGKILL);
            }
        }
        let _ = self.child.wait();
    }
}

/// chromedriver, listening on a port of 127.0.0.1; the Chromium it starts stays in its
/// process group.
struct Driver {
    /// The process; dropped (killed) before `dir`.
    group: Group,
    /// `http://127.0.0.1:PORT`.
    url: String,
    /// The profile and the driver's log; removed after the processes are gone.
    dir: tempfile::TempDir,
}

impl Driver {
    /// Starts chromedriver on a free port and waits until it answers.
    fn start(chromedriver: &Path, agent: &ureq::Agent) -> Result<Driver, String> {
        let dir = tempfile::Builder::new()
            .prefix("stances-chromium-")
            .tempdir()
            .map_err(|e| format!("cannot make a profile directory: {e}"))?;
        let log_path = dir.path().join("chromedriver.log");
        let mut last = String::new();
        // Another process can take the free port before chromedriver binds it: retry.
        for _ in 0..3 {
            let port = free_port().map_err(|e| format!("no free port: {e}"))?;
            let log = File::create(&log_path)
                .map_err(|e| format!("cannot write chromedriver's log: {e}"))?;
            let err = log.try_clone().map_err(|e| e.to_string())?;
            let child = Command::new(chromedriver)
                .arg(format!("--port={port}"))
                .stdin(Stdio::null())
                .stdout(log)
                .stderr(err)
                .process_group(0)
                .spawn()
                .map_err(|e| format!("cannot run {}: {e}", chromedriver.display()))?;
            let mut group = Group {
                child,
                reaped: false,
            };
            let url = format!("http://127.0.0.1:{port}");
            match wait_ready(&mut group, agent, &url) {
                Ok(()) => return Ok(Driver { group, url, dir }),
                Err(e) => {
                    drop(group);
                    let log = std::fs::read_to_string(&log_path).unwrap_or_default();
                    last = format!("{e}\n{log}");
                }
            }
        }
        Err(format!("chromedriver did not start: {last}"))
    }

    /// The driver's own output so far.
    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("chromedriver.log")).unwrap_or_default()
    }
}

/// Polls `/status` until the driver is ready, it exits, or 20 s pass.
fn wait_ready(group: &mut Group, agent: &ureq::Agent, url: &str) -> Result<(), String> {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(20) {
        if let Some(status) = group.exited() {
            return Err(format!("chromedriver exited ({status})"));
        }
        let status = http(agent, "GET", &format!("{url}/status"), None);
        if let Ok(v) = status
            && v["value"]["ready"] == json!(true)
        {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Err("chromedriver did not answer within 20 s".into())
}

/// A port that was free a moment ago.
fn free_port() -> std::io::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

/// One HTTP exchange with chromedriver: the JSON it answered, or its error.
fn http(
    agent: &ureq::Agent,
    method: &str,
    url: &str,
    body: Option<&Value>,
) -> Result<Value, WebDriverError> {
    let transport = |e: ureq::Error| WebDriverError {
        error: "transport".into(),
        message: format!("{method} {url}: {e}"),
    };
    let response = match (method, body) {
        ("GET", _) => agent.get(url).call(),
        ("DELETE", _) => agent.delete(url).call(),
        (_, body) => agent
            .post(url)
            .content_type("application/json")
            .send(body.unwrap_or(&json!({})).to_string()),
    };
    let mut response = response.map_err(transport)?;
    let ok = response.status().is_success();
    let text = response
        .body_mut()
        .with_config()
        .limit(1 << 30)
        .read_to_string()
        .map_err(transport)?;
    let v: Value = serde_json::from_str(&text).map_err(|e| WebDriverError {
        error: "transport".into(),
        message: format!("{method} {url}: not JSON ({e}): {text:.200}"),
    })?;
    if ok {
        Ok(v)
    } else {
        Err(WebDriverError {
            error: v["value"]["error"].as_str().unwrap_or("unknown").into(),
            message: v["value"]["message"].as_str().unwrap_or(&text).into(),
        })
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
        let mut args: Vec<String> = CHROMIUM_ARGS.iter().map(|a| a.to_string()).collect();
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

    /// Sends a WebDriver command of this session (`tail` after `/session/ID/`).
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

    /// Runs a Chrome DevTools Protocol command (`Emulation.…`, `Page.…`) and returns its result.
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

    /// Every console line since the page was opened (all levels).
    pub fn console(&self) -> Vec<ConsoleEntry> {
        self.collect();
        self.console.borrow().clone()
    }

    /// Console errors, warnings, uncaught exceptions and failed loads since the page was
    /// opened.
    pub fn console_problems(&self) -> Vec<ConsoleEntry> {
        let mut all = self.console();
        all.retain(ConsoleEntry::is_problem);
        all
    }

    /// The URL of every request the page made since it was opened, beyond the page itself:
    /// documents, images, styles, scripts, fonts, fetches, beacons, web sockets. `data:`,
    /// `blob:` and `about:` URLs are not requests (their content is in the page).
    pub fn requests(&self) -> Vec<String> {
        self.collect();
        let page = self.page.borrow();
        let page = page.split('#').next().unwrap_or_default();
        self.requested
            .borrow()
            .iter()
            .filter(|u| u.split('#').next() != Some(page))
            .filter(|u| {
                !["data:", "blob:", "about:"]
                    .iter()
                    .any(|s| u.starts_with(s))
            })
            .cloned()
            .collect()
    }

    /// Fails the test if the page logged an error or a warning, or made a request beyond
    /// itself, since it was opened.
    pub fn assert_clean(&self) {
        // A round trip through the page first, so that what it logged is delivered.
        self.script("return 0", &[]);
        let problems = self.console_problems();
        let requests = self.requests();
        assert!(
            problems.is_empty() && requests.is_empty(),
            "{}:\nconsole: {problems:#?}\nrequests: {requests:#?}",
            self.page.borrow()
        );
    }

    /// Moves chromedriver's logs into this browser's record.
    fn collect(&self) {
        let browser = self.command("POST", "se/log", Some(json!({"type": "browser"})));
        for e in browser.as_array().into_iter().flatten() {
            self.console.borrow_mut().push(ConsoleEntry {
                level: e["level"].as_str().unwrap_or_default().into(),
                source: e["source"].as_str().unwrap_or_default().into(),
                message: e["message"].as_str().unwrap_or_default().into(),
            });
        }
        let performance = self.command("POST", "se/log", Some(json!({"type": "performance"})));
        for e in performance.as_array().into_iter().flatten() {
            let Some(Ok(event)) = e["message"].as_str().map(serde_json::from_str::<Value>) else {
                continue;
            };
            let event = &event["message"];
            let url = match event["method"].as_str() {
                Some("Network.requestWillBeSent") => &event["params"]["request"]["url"],
                Some("Network.webSocketCreated") => &event["params"]["url"],
                _ => continue,
            };
            if let Some(url) = url.as_str() {
                self.requested.borrow_mut().push(url.to_string());
            }
        }
    }

    fn element(&self, v: &Value, css: &str) -> Element<'_> {
        Element {
            browser: self,
            id: v[ELEMENT]
                .as_str()
                .unwrap_or_else(|| panic!("not an element: {v}"))
                .to_string(),
            css: css.to_string(),
        }
    }

    fn elements(&self, v: &Value, css: &str) -> Vec<Element<'_>> {
        v.as_array()
            .into_iter()
            .flatten()
            .map(|e| self.element(e, css))
            .collect()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Chromium quits with the session; the driver's Drop then kills what is left.
        let _ = http(&self.agent, "DELETE", &self.session, None);
    }
}

/// An element of the page, found by the CSS selector it keeps for messages.
pub struct Element<'b> {
    browser: &'b Browser,
    id: String,
    css: String,
}

impl std::fmt::Debug for Element<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Element({})", self.css)
    }
}

impl PartialEq for Element<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl<'b> Element<'b> {
    fn command(&self, method: &str, tail: &str, body: Option<Value>) -> Value {
        let tail = format!("element/{}/{tail}", self.id);
        self.browser
            .try_command(method, &tail, body)
            .unwrap_or_else(|e| panic!("{method} {tail} on {:?}: {e}", self.css))
    }

    /// The element as a script argument.
    pub fn json(&self) -> Value {
        json!({ ELEMENT: self.id })
    }

    /// Clicks it (scrolled into view first), as a mouse would.
    pub fn click(&self) {
        self.command("POST", "click", Some(json!({})));
    }

    /// Types `text` into it (focusing it first).
    pub fn send_keys(&self, text: &str) {
        self.command("POST", "value", Some(json!({ "text": text })));
    }

    /// Empties an input or a text area.
    pub fn clear(&self) {
        self.command("POST", "clear", Some(json!({})));
    }

    /// Its rendered text, as a reader sees it (hidden text left out).
    pub fn text(&self) -> String {
        self.command("GET", "text", None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// An attribute as written in the page, or none.
    pub fn attr(&self, name: &str) -> Option<String> {
        self.command("GET", &format!("attribute/{name}"), None)
            .as_str()
            .map(str::to_string)
    }

    /// A DOM property (`value`, `checked`, `selectedIndex`...).
    pub fn property(&self, name: &str) -> Value {
        self.command("GET", &format!("property/{name}"), None)
    }

    /// Its tag name, in lower case.
    pub fn tag(&self) -> String {
        self.command("GET", "name", None)
            .as_str()
            .unwrap_or_default()
            .to_lowercase()
    }

    /// Whether it is shown.
    pub fn is_displayed(&self) -> bool {
        self.command("GET", "displayed", None) == json!(true)
    }

    /// Whether it has the keyboard focus.
    pub fn is_focused(&self) -> bool {
        *self == self.browser.focused()
    }

    /// The first element inside it that matches `css`; fails the test if there is none.
    pub fn find(&self, css: &str) -> Element<'b> {
        let body = json!({"using": "css selector", "value": css});
        let v = self.command("POST", "element", Some(body));
        self.browser.element(&v, &format!("{} {css}", self.css))
    }

    /// Every element inside it that matches `css`.
    pub fn find_all(&self, css: &str) -> Vec<Element<'b>> {
        let body = json!({"using": "css selector", "value": css});
        let v = self.command("POST", "elements", Some(body));
        self.browser.elements(&v, &format!("{} {css}", self.css))
    }

    /// Chooses the `<option>` of this `<select>` whose text is `label`, by clicking it.
    pub fn select(&self, label: &str) {
        let options = self.find_all("option");
        let texts: Vec<String> = options
            .iter()
            .map(|o| o.text().trim().to_string())
            .collect();
        let i = texts
            .iter()
            .position(|t| t == label)
            .unwrap_or_else(|| panic!("{:?} has no option {label:?}: {texts:?}", self.css));
        options[i].click();
    }

    /// Saves a PNG of just this element at `path`.
    pub fn screenshot(&self, path: &Path) {
        write_png(path, &self.command("GET", "screenshot", None));
    }
}

/// Decodes a base64 PNG from the driver and writes it, making the directories.
fn write_png(path: &Path, b64: &Value) {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(b64.as_str().unwrap_or_default())
        .unwrap_or_else(|e| panic!("screenshot is not base64: {e}"));
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).unwrap();
    }
    std::fs::write(path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// The width and height of a PNG, from its header.
pub fn png_size(path: &Path) -> (u32, u32) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(
        bytes.len() > 24 && bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
        "{} is not a PNG",
        path.display()
    );
    let be = |i: usize| u32::from_be_bytes(bytes[i..i + 4].try_into().unwrap());
    (be(16), be(20))
}

/// `file://` URL of an absolute path, bytes outside the unreserved set percent-encoded.
pub fn file_url(path: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut url = String::from("file://");
    for &b in path.as_os_str().as_bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            url.push(b as char);
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

/// A directory under the build tree for what a test leaves to look at (screenshots,
/// the page it opened): `target/tmp/browser/NAME`, emptied first.
pub fn artifacts(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("browser")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
