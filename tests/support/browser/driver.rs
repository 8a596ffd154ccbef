//! chromedriver's process and its HTTP: one exchange at a time, its errors, and the
//! turns that keep a test binary to two browsers at once.

use serde_json::{Value, json};
use std::fs::File;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

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
pub(super) struct Turn;

impl Turn {
    /// Waits until fewer than [`AT_ONCE`] browsers run.
    pub(super) fn take() -> Turn {
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
pub(super) struct Group {
    pub(super) child: Child,
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
pub(super) struct Driver {
    /// The process; dropped (killed) before `dir`.
    pub(super) group: Group,
    /// `http://127.0.0.1:PORT`.
    pub(super) url: String,
    /// The profile and the driver's log; removed after the processes are gone.
    pub(super) dir: tempfile::TempDir,
}

impl Driver {
    /// Starts chromedriver on a free port and waits until it answers.
    pub(super) fn start(chromedriver: &Path, agent: &ureq::Agent) -> Result<Driver, String> {
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
    pub(super) fn log(&self) -> String {
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
pub(super) fn http(
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
