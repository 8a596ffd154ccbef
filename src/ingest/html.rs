//! HTML pages: the article's text as paragraphs, without scripts, styles, menus,
//! headers, footers, forms or cookie banners; title, date and address from the
//! page's metadata (Open Graph, `<time>`, JSON-LD).

use super::{Extracted, Kind};
use crate::date::Date;
use scraper::{ElementRef, Html, Node, Selector};

/// Elements whose content is never article text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
    "button", "select", "textarea", "svg", "iframe", "object", "canvas", "dialog", "menu", "head",
    "title",
];

/// Elements that end a paragraph where they open and close.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "dl",
    "dd",
    "dt",
    "figure",
    "figcaption",
    "address",
    "hr",
    "body",
];

/// Words in a class or id that mark page furniture rather than text (as part of a
/// word: `cookieBanner`, `main-menu`; `nav` only at a word's start or end, not in
/// `canvas` or `unavailable`).
const FURNITURE: &[&str] = &["cookie", "consent", "banner", "menu", "footer"];

fn select(s: &str) -> Selector {
    // The selectors are constants of this file; a bad one is a bug caught by the tests.
    Selector::parse(s).unwrap_or_else(|_| Selector::parse("*").expect("`*` parses"))
}

/// The text and metadata of an HTML page.
pub fn extract(source: &str) -> Extracted {
    let doc = Html::parse_document(source);
    let meta = |attr: &str, name: &str| {
        let sel = select(&format!("meta[{attr}=\"{name}\"]"));
        doc.select(&sel)
            .filter_map(|m| m.value().attr("content"))
            .map(str::trim)
            .find(|c| !c.is_empty())
            .map(str::to_string)
    };
    let ld = json_ld(&doc);
    let title = meta("property", "og:title")
        .or_else(|| meta("name", "twitter:title"))
        .or_else(|| {
            doc.select(&select("title"))
                .map(|t| t.text().collect::<String>())
                .find(|t| !t.trim().is_empty())
        })
        .or_else(|| ld.iter().find_map(|v| find_key(v, "headline")));
    let date = meta("property", "article:published_time")
        .and_then(|d| date_prefix(&d))
        .or_else(|| {
            doc.select(&select("time[datetime]"))
                .filter_map(|t| t.value().attr("datetime"))
                .find_map(date_prefix)
        })
        .or_else(|| {
            ld.iter()
                .find_map(|v| find_key(v, "datePublished"))
                .and_then(|d| date_prefix(&d))
        });
    let url = meta("property", "og:url").or_else(|| {
        doc.select(&select("link[rel=\"canonical\"]"))
            .filter_map(|l| l.value().attr("href"))
            .map(str::trim)
            .find(|h| !h.is_empty())
            .map(str::to_string)
    });
    let publisher = meta("property", "og:site_name").or_else(|| {
        ld.iter().find_map(|v| {
            v.get("publisher")
                .and_then(|p| p.get("name"))
                .and_then(|n| n.as_str())
                .map(str::to_string)
        })
    });
    Extracted {
        kind: Kind::Html,
        text: main_text(&doc),
        title,
        date,
        url,
        publisher,
    }
}

/// `YYYY-MM-DD` at the start of an ISO date or date-time.
fn date_prefix(s: &str) -> Option<Date> {
    Date::parse(s.trim().get(..10)?)
}

/// Every JSON-LD block of the page that parses.
fn json_ld(doc: &Html) -> Vec<serde_json::Value> {
    doc.select(&select("script[type=\"application/ld+json\"]"))
        .filter_map(|s| serde_json::from_str(&s.text().collect::<String>()).ok())
        .collect()
}

/// The first string under `key` anywhere in a JSON value (breadth first, so the
/// top-level article wins over what it mentions).
fn find_key(v: &serde_json::Value, key: &str) -> Option<String> {
    let mut queue = std::collections::VecDeque::from([v]);
    while let Some(v) = queue.pop_front() {
        match v {
            serde_json::Value::Object(m) => {
                if let Some(s) = m.get(key).and_then(|s| s.as_str()) {
                    return Some(s.to_string());
                }
                queue.extend(m.values());
            }
            serde_json::Value::Array(a) => queue.extend(a),
            _ => {}
        }
    }
    None
}

/// The element that holds the article: the `<article>` with the most text, else
/// `<main>` or `[role=main]`, else the body.
fn main_root(doc: &Html) -> Option<ElementRef<'_>> {
    let len = |e: &ElementRef| e.text().map(str::len).sum::<usize>();
    doc.select(&select("article"))
        .max_by_key(len)
        .filter(|a| len(a) > 0)
        .or_else(|| doc.select(&select("main, [role=\"main\"]")).next())
        .or_else(|| doc.select(&select("body")).next())
}

/// True when an element is page furniture: a skipped tag, hidden, or a class or id
/// that names a cookie banner, consent form, menu, navigation or footer.
fn is_furniture(e: &scraper::node::Element) -> bool {
    if SKIPPED.contains(&e.name()) || e.attr("hidden").is_some() {
        return true;
    }
    if e.attr("aria-hidden") == Some("true")
        || matches!(
            e.attr("role"),
            Some("navigation" | "banner" | "contentinfo")
        )
    {
        return true;
    }
    let names = e.attr("class").into_iter().chain(e.attr("id"));
    names
        .flat_map(|n| n.split(|c: char| !c.is_ascii_alphanumeric()))
        .map(str::to_ascii_lowercase)
        .any(|w| {
            FURNITURE.iter().any(|f| w.contains(f)) || w.starts_with("nav") || w.ends_with("nav")
        })
}

/// The text of the main element as paragraphs separated by a blank line. Walks the
/// tree without recursion, so deeply nested markup cannot exhaust the stack.
fn main_text(doc: &Html) -> String {
    let Some(root) = main_root(doc) else {
        return String::new();
    };
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut flush = |current: &mut String| {
        let p = current
            .split('\n')
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        if !p.is_empty() {
            paragraphs.push(p);
        }
        current.clear();
    };
    let mut skipping: Option<ego_tree::NodeId> = None;
    for edge in root.traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Element(e) if node.id() != root.id() && is_furniture(e) => {
                        skipping = Some(node.id());
                    }
                    Node::Element(e) if e.name() == "br" => current.push('\n'),
                    Node::Element(e) if BLOCKS.contains(&e.name()) => flush(&mut current),
                    Node::Text(t) => {
                        let collapsed = crate::sanitize::collapse_space(t);
                        if current.ends_with([' ', '\n']) || current.is_empty() {
                            current.push_str(collapsed.trim_start());
                        } else {
                            current.push_str(&collapsed);
                        }
                    }
                    _ => {}
                }
            }
            ego_tree::iter::Edge::Close(node) => {
                if skipping == Some(node.id()) {
                    skipping = None;
                    continue;
                }
                if skipping.is_none()
                    && let Node::Element(e) = node.value()
                    && BLOCKS.contains(&e.name())
                {
                    flush(&mut current);
                }
            }
        }
    }
    flush(&mut current);
    paragraphs.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_without_furniture() {
        let page = r#"<!doctype html><html><head><title>T &amp; U</title>
            <script>var x = "<p>no</p>";</script><style>p{}</style></head>
            <body><nav><a href="/">Home</a></nav>
            <div class="cookie-banner"><p>We use cookies.</p></div>
            <p>First   line
               of text &mdash; with &lsquo;entities&rsquo;.</p>
            <div id="mainMenu">Menu</div>
            <p>Second<br>line.</p><footer>(c) 2025</footer></body></html>"#;
        let e = extract(page);
        assert_eq!(
            e.text,
            "First line of text — with ‘entities’.\n\nSecond\nline."
        );
        assert_eq!(e.title.as_deref(), Some("T & U"));
    }

    #[test]
    fn the_article_wins_and_metadata_is_read() {
        let page = r#"<html><head>
            <meta property="og:title" content="OG title">
            <link rel="canonical" href="https://e.org/a">
            <script type="application/ld+json">{"@graph":[{"@type":"NewsArticle",
              "datePublished":"2025-04-25T10:00:00Z","publisher":{"name":"E"}}]}</script>
            </head><body><div>Sidebar words</div>
            <article><h1>Head</h1><p>Body text.</p></article></body></html>"#;
        let e = extract(page);
        assert_eq!(e.text, "Head\n\nBody text.");
        assert_eq!(e.title.as_deref(), Some("OG title"));
        assert_eq!(e.date, Date::new(2025, 4, 25));
        assert_eq!(e.url.as_deref(), Some("https://e.org/a"));
        assert_eq!(
            extract("<p>x</p><time datetime=\"2024-01-02\">").date,
            Date::new(2024, 1, 2)
        );
    }

    #[test]
    fn deep_nesting_and_empty_pages() {
        let deep = format!("{}<p>deep</p>", "<div>".repeat(5_000));
        assert_eq!(extract(&deep).text, "deep");
        assert_eq!(extract("").text, "");
        assert_eq!(extract("<script>only()</script>").text, "");
        for s in [
            "article",
            "main",
            "body",
            "title",
            "meta[property=\"x\"]",
            "time[datetime]",
        ] {
            assert!(Selector::parse(s).is_ok(), "{s}");
        }
    }
}
