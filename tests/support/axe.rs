//! axe-core, Deque's accessibility checker (the npm package), run inside the page that a
//! [`Browser`] has open. Offline: `axe.min.js` is read from disk and injected through the
//! driver; nothing is fetched at test time. `.ci/run` installs it into a cache outside
//! the repository.
#![allow(dead_code)]

use super::browser::{Browser, skip_or_fail};
use std::path::PathBuf;

/// Where `axe.min.js` is: `$STANCES_AXE_JS`, else where `.ci/run` installs it,
/// `${XDG_CACHE_HOME:-$HOME/.cache}/stances/axe-core/node_modules/axe-core/axe.min.js`.
pub fn script_path() -> PathBuf {
    if let Some(p) = std::env::var_os("STANCES_AXE_JS").filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(|| PathBuf::from("/nonexistent"));
    cache.join("stances/axe-core/node_modules/axe-core/axe.min.js")
}

/// One rule that the page breaks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    /// The rule (`color-contrast`, `image-alt`...).
    pub id: String,
    /// `minor`, `moderate`, `serious` or `critical`.
    pub impact: String,
    /// What the rule asks, in a line.
    pub help: String,
    /// Each element that breaks it: its CSS path and what to fix.
    pub nodes: Vec<String>,
}

impl Violation {
    /// Serious or critical: what a test fails on.
    pub fn is_serious(&self) -> bool {
        matches!(self.impact.as_str(), "serious" | "critical")
    }
}

/// axe-core's script, loaded once per test.
pub struct Axe {
    script: String,
}

impl Axe {
    /// Reads `axe.min.js`. When it is not installed, fails the test in CI and otherwise
    /// says on stderr that the test skipped (see [`skip_or_fail`]).
    pub fn load() -> Option<Axe> {
        let path = script_path();
        match std::fs::read_to_string(&path) {
            Ok(script) => Some(Axe { script }),
            Err(e) => {
                skip_or_fail(&format!(
                    "axe-core is not installed at {} ({e}); `bash .ci/run` installs it, \
                     or set STANCES_AXE_JS to an axe.min.js",
                    path.display()
                ));
                None
            }
        }
    }

    /// Every violation of axe's rules (WCAG 2.x A and AA, and best practices) on the page
    /// the browser has open.
    pub fn violations(&self, b: &Browser) -> Vec<Violation> {
        let injected = b.script(&format!("{}\n;return typeof axe", self.script), &[]);
        assert_eq!(injected, "object", "axe-core did not load into the page");
        let found = b.script_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { resultTypes: ['violations'] }).then(
               (r) => done(r.violations.map((v) => ({
                 id: v.id, impact: v.impact, help: v.help,
                 nodes: v.nodes.map((n) => n.target.join(' ') + ': ' + n.failureSummary),
               }))),
               (e) => done('axe failed: ' + e));",
            &[],
        );
        let list = found
            .as_array()
            .unwrap_or_else(|| panic!("axe-core: {found}"));
        list.iter()
            .map(|v| Violation {
                id: v["id"].as_str().unwrap_or_default().into(),
                impact: v["impact"].as_str().unwrap_or_default().into(),
                help: v["help"].as_str().unwrap_or_default().into(),
                nodes: v["nodes"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|n| n.as_str().map(str::to_string))
                    .collect(),
            })
            .collect()
    }

    /// Fails the test on any serious or critical violation on the open page, naming each
    /// rule and element; returns the minor and moderate ones.
    pub fn assert_no_serious(&self, b: &Browser) -> Vec<Violation> {
        let (serious, rest): (Vec<_>, Vec<_>) = self
            .violations(b)
            .into_iter()
            .partition(Violation::is_serious);
        assert!(
            serious.is_empty(),
            "axe-core: serious or critical violations on {}:\n{serious:#?}",
            b.url()
        );
        rest
    }
}
