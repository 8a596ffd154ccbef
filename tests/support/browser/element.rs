//! An element of the open page: click, type, read, choose, look inside.

use super::Browser;
use super::files::write_png;
use serde_json::{Value, json};
use std::path::Path;

/// The key under which WebDriver names an element in JSON.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// An element of the page, found by the CSS selector it keeps for messages.
pub struct Element<'b> {
    pub(super) browser: &'b Browser,
    pub(super) id: String,
    pub(super) css: String,
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

impl Browser {
    /// The element that chromedriver names in `v`, found by `css`.
    pub(super) fn element(&self, v: &Value, css: &str) -> Element<'_> {
        Element {
            browser: self,
            id: v[ELEMENT]
                .as_str()
                .unwrap_or_else(|| panic!("not an element: {v}"))
                .to_string(),
            css: css.to_string(),
        }
    }

    /// The elements that chromedriver lists in `v`, found by `css`.
    pub(super) fn elements(&self, v: &Value, css: &str) -> Vec<Element<'_>> {
        v.as_array()
            .into_iter()
            .flatten()
            .map(|e| self.element(e, css))
            .collect()
    }
}
