//! HTML pages: the article's text as paragraphs, found by the `trafilatura` crate (a
//! port of go-trafilatura: menus, related links, share bars, bylines and comments
//! left out), with title, date, address and publisher from the page's metadata (Open
//! Graph, `<time>`, JSON-LD).
//!
//! The page is decoded by its byte order mark, declared or sniffed encoding
//! ([`super::charset`]) and parsed with its nesting capped ([`super::html_parse`]),
//! so any page is read in time linear in its length. The extractor reads the capped
//! tree; when it finds nothing, the text of the `<article>`, `<main>` or body
//! without its page furniture is taken instead.

use super::html_parse;
use super::isolate::{self, Failure};
use super::origin::{Origin, Origins};
use super::{Extracted, IngestError, Kind};
use crate::date::Date;
use scraper::{ElementRef, Html, Node, Selector};
use std::time::Duration;

/// How long reading one page may take before it is refused.
pub const READ_TIMEOUT: Duration = Duration::from_secs(20);

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

/// The text and metadata of the HTML page `bytes`; `name` is the escaped file name
/// for errors. The page is read on a thread of its own, within [`READ_TIMEOUT`].
pub fn extract(bytes: &[u8], name: &str) -> Result<Extracted, IngestError> {
    let source = super::charset::decode(bytes);
    let bad = |detail: &str| IngestError::BadHtml {
        path: name.to_string(),
        detail: detail.to_string(),
    };
    match isolate::run(READ_TIMEOUT, move || read(&source)) {
        Ok(extracted) => Ok(extracted),
        Err(Failure::CannotStart(e)) => Err(bad(&format!("cannot start the page reader: {e}"))),
        Err(Failure::Panicked) => Err(bad("the page reader failed on it")),
        Err(Failure::TimedOut) => Err(bad(&format!(
            "the page reader did not finish in {} s",
            READ_TIMEOUT.as_secs()
        ))),
    }
}

/// The text and metadata of a decoded page.
pub fn read(source: &str) -> Extracted {
    let doc = html_parse::parse(source);
    let meta = Metadata::of(&doc);
    let text = article_text(&doc).unwrap_or_else(|| main_text(&doc));
    Extracted {
        kind: Kind::Html,
        text,
        origins: Origins {
            title: meta.title.as_ref().map(|(_, from)| Origin::Metadata(from)),
            date: meta.date.as_ref().map(|(_, from)| Origin::Metadata(from)),
            url: meta.url.as_ref().map(|(_, from)| Origin::Metadata(from)),
            publisher: meta
                .publisher
                .as_ref()
                .map(|(_, from)| Origin::Metadata(from)),
        },
        title: meta.title.map(|(t, _)| t),
        date: meta.date.map(|(d, _)| d),
        url: meta.url.map(|(u, _)| u),
        publisher: meta.publisher.map(|(p, _)| p),
    }
}

/// How much text the extractor's fallbacks may weigh: the bytes of the page's text
/// (outside scripts and styles), each counted once per element it is nested in.
/// Their time grows with that product (1 MiB of text 470 levels deep took 4.5 s,
/// 128 levels deep 1.5 s, at the top 0.4 s); an article page weighs a few million.
const FALLBACK_WEIGHT: u64 = 64 << 20;

/// The article's text as the `trafilatura` crate finds it (favouring precision: a
/// menu line taken for a sentence is worse in a cited source than a caption missed;
/// with its fallback extractors when the page is within [`FALLBACK_WEIGHT`]), as
/// paragraphs; `None` when it finds none.
fn article_text(doc: &Html) -> Option<String> {
    let options = trafilatura::Options::default()
        .with_fallback(weight(doc) <= FALLBACK_WEIGHT)
        .with_focus(trafilatura::ExtractionFocus::FavorPrecision)
        .with_exclude_comments(true);
    // The extractor parses a string: the capped tree, written out, keeps it shallow.
    let found = trafilatura::extract(&doc.html(), &options).ok()?;
    let content = html_parse::parse(&format!("<body>{}</body>", found.content_html));
    let body = content.select(&select("body")).next()?;
    Some(paragraphs(body, false)).filter(|t| !t.is_empty())
}

/// A value and the name of the element it came from.
type Sourced<T> = Option<(T, &'static str)>;

/// The page's text bytes outside scripts and styles, each times its depth.
fn weight(doc: &Html) -> u64 {
    let (mut depth, mut weight) = (0u64, 0u64);
    let mut raw: Option<ego_tree::NodeId> = None;
    for edge in doc.tree.root().traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => {
                depth += 1;
                match node.value() {
                    Node::Element(e) if raw.is_none() && matches!(e.name(), "script" | "style") => {
                        raw = Some(node.id());
                    }
                    Node::Text(t) if raw.is_none() => {
                        weight = weight.saturating_add(t.len() as u64 * depth);
                    }
                    _ => {}
                }
            }
            ego_tree::iter::Edge::Close(node) => {
                depth -= 1;
                if raw == Some(node.id()) {
                    raw = None;
                }
            }
        }
    }
    weight
}

/// Pairs a value with `what` it came from.
fn from<T>(what: &'static str) -> impl Fn(T) -> (T, &'static str) {
    move |v| (v, what)
}

/// The page's metadata, each value with the name of the element it came from.
struct Metadata {
    title: Sourced<String>,
    date: Sourced<Date>,
    url: Sourced<String>,
    publisher: Sourced<String>,
}

impl Metadata {
    fn of(doc: &Html) -> Metadata {
        let meta = |attr: &str, name: &str| {
            let sel = select(&format!("meta[{attr}=\"{name}\"]"));
            doc.select(&sel)
                .filter_map(|m| m.value().attr("content"))
                .map(str::trim)
                .find(|c| !c.is_empty())
                .map(str::to_string)
        };
        let ld = json_ld(doc);
        let title = meta("property", "og:title")
            .map(from("the page's og:title"))
            .or_else(|| meta("name", "twitter:title").map(from("the page's twitter:title")))
            .or_else(|| {
                doc.select(&select("title"))
                    .map(|t| t.text().collect::<String>())
                    .find(|t| !t.trim().is_empty())
                    .map(from("the page's <title>"))
            })
            .or_else(|| {
                ld.iter()
                    .find_map(|v| find_key(v, "headline"))
                    .map(from("the page's JSON-LD headline"))
            });
        let date = meta("property", "article:published_time")
            .and_then(|d| date_prefix(&d))
            .map(from("the page's article:published_time"))
            .or_else(|| {
                doc.select(&select("time[datetime]"))
                    .filter_map(|t| t.value().attr("datetime"))
                    .find_map(date_prefix)
                    .map(from("the page's <time datetime>"))
            })
            .or_else(|| {
                ld.iter()
                    .find_map(|v| find_key(v, "datePublished"))
                    .and_then(|d| date_prefix(&d))
                    .map(from("the page's JSON-LD datePublished"))
            });
        let base = base_url(doc, &meta);
        let url = meta("property", "og:url")
            .and_then(|u| absolute(&u, base.as_ref()))
            .map(from("the page's og:url"))
            .or_else(|| {
                canonical(doc)
                    .and_then(|u| absolute(&u, base.as_ref()))
                    .map(from("the page's canonical link"))
            });
        let publisher = meta("property", "og:site_name")
            .map(from("the page's og:site_name"))
            .or_else(|| {
                ld.iter()
                    .find_map(|v| {
                        let publisher = find_value(v, "publisher")?;
                        let name = publisher.get("name").unwrap_or(publisher);
                        name.as_str().map(str::to_string)
                    })
                    .map(from("the page's JSON-LD publisher"))
            });
        Metadata {
            title,
            date,
            url,
            publisher,
        }
    }
}

/// The `href` of the page's `<link rel="canonical">`.
fn canonical(doc: &Html) -> Option<String> {
    doc.select(&select("link[rel]"))
        .filter(|l| {
            l.value().attr("rel").is_some_and(|r| {
                r.split_ascii_whitespace()
                    .any(|w| w.eq_ignore_ascii_case("canonical"))
            })
        })
        .filter_map(|l| l.value().attr("href"))
        .map(str::trim)
        .find(|h| !h.is_empty())
        .map(str::to_string)
}

/// The absolute web address the page's relative links are resolved against: its
/// `<base href>`, else its `og:url` or canonical link, whichever is absolute.
fn base_url(doc: &Html, meta: &dyn Fn(&str, &str) -> Option<String>) -> Option<url::Url> {
    let base = doc
        .select(&select("base[href]"))
        .filter_map(|b| b.value().attr("href"))
        .map(|h| h.trim().to_string())
        .next();
    [base, meta("property", "og:url"), canonical(doc)]
        .into_iter()
        .flatten()
        .find_map(|u| web_address(url::Url::parse(&u).ok()?))
}

/// `u` if it is an http or https address.
fn web_address(u: url::Url) -> Option<url::Url> {
    matches!(u.scheme(), "http" | "https").then_some(u)
}

/// `href` as an absolute http(s) address: as it is, or resolved against `base`;
/// `None` for a relative one without a base, and for other schemes (`javascript:`,
/// `file:`, `data:`).
fn absolute(href: &str, base: Option<&url::Url>) -> Option<String> {
    let resolved = match url::Url::parse(href) {
        Ok(u) => u,
        Err(url::ParseError::RelativeUrlWithoutBase) => base?.join(href).ok()?,
        Err(_) => return None,
    };
    web_address(resolved).map(String::from)
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

/// The first string under `key` anywhere in a JSON value.
fn find_key(v: &serde_json::Value, key: &str) -> Option<String> {
    find_value(v, key)?.as_str().map(str::to_string)
}

/// The first value under `key` anywhere in a JSON value that is a string or an
/// object (breadth first, so the top-level article wins over what it mentions).
fn find_value<'a>(v: &'a serde_json::Value, key: &str) -> Option<&'a serde_json::Value> {
    let mut queue = std::collections::VecDeque::from([v]);
    while let Some(v) = queue.pop_front() {
        match v {
            serde_json::Value::Object(m) => {
                if let Some(found) = m.get(key).filter(|f| f.is_string() || f.is_object()) {
                    return Some(found);
                }
                queue.extend(m.values());
            }
            serde_json::Value::Array(a) => queue.extend(a),
            _ => {}
        }
    }
    None
}

/// The element that holds the article: the `<article>` with the most text (counted
/// in one walk of the page, so nested articles are not counted again and again),
/// else `<main>` or `[role=main]`, else the body.
fn main_root(doc: &Html) -> Option<ElementRef<'_>> {
    let mut best: Option<(usize, ego_tree::NodeId)> = None;
    // Text length of each open element, innermost last.
    let mut open: Vec<usize> = Vec::new();
    for edge in doc.tree.root().traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => match node.value() {
                Node::Element(_) => open.push(0),
                Node::Text(t) => {
                    if let Some(len) = open.last_mut() {
                        *len += t.len();
                    }
                }
                _ => {}
            },
            ego_tree::iter::Edge::Close(node) => {
                let Node::Element(e) = node.value() else {
                    continue;
                };
                let len = open.pop().unwrap_or(0);
                if let Some(outer) = open.last_mut() {
                    *outer += len;
                }
                if e.name() == "article" && len > 0 && best.is_none_or(|(most, _)| len > most) {
                    best = Some((len, node.id()));
                }
            }
        }
    }
    best.and_then(|(_, id)| doc.tree.get(id))
        .and_then(ElementRef::wrap)
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

/// The text of the main element without its furniture: what is taken when the
/// extractor finds no article.
fn main_text(doc: &Html) -> String {
    main_root(doc).map_or_else(String::new, |root| paragraphs(root, true))
}

/// The text under `root` as paragraphs separated by a blank line, leaving out
/// [`is_furniture`] elements when `skip_furniture`. Walks the tree without
/// recursion.
fn paragraphs(root: ElementRef<'_>, skip_furniture: bool) -> String {
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
                    Node::Element(e)
                        if node.id() != root.id()
                            && (SKIPPED_ALWAYS.contains(&e.name())
                                || (skip_furniture && is_furniture(e))) =>
                    {
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

/// Elements whose content is never text, even inside what the extractor chose.
const SKIPPED_ALWAYS: &[&str] = &["script", "style", "noscript", "template", "head", "title"];

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
        let e = read(page);
        assert_eq!(
            e.text,
            "First line of text — with ‘entities’.\n\nSecond\nline."
        );
        assert_eq!(e.title.as_deref(), Some("T & U"));
        assert_eq!(
            e.origins.title,
            Some(Origin::Metadata("the page's <title>"))
        );
    }

    #[test]
    fn the_article_wins_and_metadata_is_read() {
        let page = r#"<html><head>
            <meta property="og:title" content="OG title">
            <link rel="canonical" href="https://e.org/a">
            <script type="application/ld+json">{"@graph":[{"@type":"NewsArticle",
              "datePublished":"2025-04-25T10:00:00Z","publisher":{"name":"E"}}]}</script>
            </head><body><div class="sidebar"><ul><li><a href="/a">Most read</a></li>
            <li><a href="/b">Sign in</a></li></ul></div>
            <article><h1>Head</h1><p>Body text.</p></article></body></html>"#;
        let e = read(page);
        // The headline is the title; the extractor leaves it out of the text.
        assert_eq!(e.text, "Body text.");
        assert_eq!(e.title.as_deref(), Some("OG title"));
        assert_eq!(e.date, Date::new(2025, 4, 25));
        assert_eq!(e.url.as_deref(), Some("https://e.org/a"));
        assert_eq!(e.publisher.as_deref(), Some("E"));
        assert_eq!(
            e.origins.date,
            Some(Origin::Metadata("the page's JSON-LD datePublished"))
        );
        assert_eq!(
            read("<p>x</p><time datetime=\"2024-01-02\">").date,
            Date::new(2024, 1, 2)
        );
    }

    #[test]
    fn relative_addresses_are_resolved_or_left_out() {
        let url = |head: &str| read(&format!("<html><head>{head}</head><p>x</p>")).url;
        assert_eq!(url(r#"<link rel="canonical" href="/rel">"#), None);
        assert_eq!(
            url(r#"<base href="https://e.org/news/"><link rel="canonical" href="a?b=1">"#)
                .as_deref(),
            Some("https://e.org/news/a?b=1")
        );
        assert_eq!(
            url(r#"<meta property="og:url" content="https://e.org/x/y"><link rel="canonical" href="/z">"#)
                .as_deref(),
            Some("https://e.org/x/y")
        );
        assert_eq!(
            url(r#"<meta property="og:url" content="../up"><link rel="Canonical" href="https://e.org/x/y">"#)
                .as_deref(),
            Some("https://e.org/up")
        );
        assert_eq!(
            url(r#"<link rel="canonical" href="javascript:alert(1)">"#),
            None
        );
        assert_eq!(
            url(r#"<base href="file:///etc/"><link rel="canonical" href="passwd">"#),
            None
        );
    }

    #[test]
    fn nested_articles_are_counted_once() {
        let n = 50_000;
        let page = format!(
            "{}<p>inner text</p>{}<article><p>short</p></article>",
            "<article>".repeat(n),
            "</article>".repeat(n)
        );
        let doc = html_parse::parse(&page);
        let root = main_root(&doc).unwrap();
        assert_eq!(root.text().collect::<String>(), "inner text");
        assert_eq!(read(&page).text, "inner text\n\nshort");
    }

    #[test]
    fn deep_nesting_and_empty_pages() {
        let deep = format!("{}<p>deep</p>", "<div>".repeat(5_000));
        assert_eq!(read(&deep).text, "deep");
        assert_eq!(read("").text, "");
        assert_eq!(read("<script>only()</script>").text, "");
        for s in [
            "article",
            "main",
            "body",
            "title",
            "meta[property=\"x\"]",
            "time[datetime]",
            "link[rel]",
            "base[href]",
        ] {
            assert!(Selector::parse(s).is_ok(), "{s}");
        }
    }
}
