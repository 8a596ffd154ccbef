//! What the page wrote to its console and asked of the network since it was opened, from
//! chromedriver's "browser" and "performance" logs.

use super::Browser;
use serde_json::{Value, json};

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

impl Browser {
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
    pub(super) fn collect(&self) {
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
}
