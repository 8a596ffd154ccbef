//! HTML parsed as a browser parses it (`html5ever`, the parser of Servo and `scraper`),
//! with its nesting depth capped as browsers cap it.
//!
//! The standard's tree builder looks down its stack of open elements for most tags it
//! meets (is a `<p>` open to close? which element does this end tag end?), so a page
//! of 100,000 nested `<div>` costs 100,000 × 100,000 steps. Browsers stop nesting at
//! 512 levels; this parser a little earlier: a start tag met when the tree builder already
//! holds [`MAX_DEPTH`] elements (open, or remembered to be reopened, as `<b>` is) is
//! left out, with the end tag that closes it, and what it held goes to the element
//! around it. Its text is kept. Each tag then costs at most a few [`MAX_DEPTH`]
//! steps, and a page is read in time linear in its length.

use html5ever::interface::{Tracer, TreeSink};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts};
use html5ever::{LocalName, TokenizerResult};
use scraper::{Html, HtmlTreeSink};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

/// How many elements the tree builder may hold before further start tags are left
/// out. Chromium stops at 512 (`kMaximumHTMLParserDOMTreeDepth`); this stays below
/// 500, the depth the `trafilatura` crate's walks give up at, so that no text is
/// deeper than the extractor looks.
pub const MAX_DEPTH: usize = 480;

/// Elements that hold no others (void), or only text (raw text): never deeper than
/// one level below where they open, so they are always kept.
const FLAT: &[&str] = &[
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "keygen",
    "link",
    "meta",
    "param",
    "source",
    "track",
    "wbr",
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

/// Parses a whole HTML document.
pub fn parse(source: &str) -> Html {
    let builder = TreeBuilder::new(
        HtmlTreeSink::new(Html::new_document()),
        TreeBuilderOpts::default(),
    );
    let capper = Capper {
        builder,
        dropped: RefCell::new(HashMap::new()),
    };
    let tokenizer = Tokenizer::new(capper, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(source));
    // `Script` results ask the caller to run a script before going on: none is run.
    while !matches!(tokenizer.feed(&input), TokenizerResult::Done) {}
    tokenizer.end();
    tokenizer.sink.builder.sink.finish()
}

/// Counts the handles the tree builder holds.
struct Count(Cell<usize>);

impl Tracer for Count {
    type Handle = ego_tree::NodeId;

    fn trace_handle(&self, _: &ego_tree::NodeId) {
        self.0.set(self.0.get() + 1);
    }
}

/// Passes tokens to the tree builder, leaving out start tags past [`MAX_DEPTH`] and
/// as many end tags of the same names.
struct Capper {
    builder: TreeBuilder<ego_tree::NodeId, HtmlTreeSink>,
    /// How many start tags of each name were left out and not yet closed.
    dropped: RefCell<HashMap<LocalName, usize>>,
}

impl Capper {
    /// How many elements the tree builder holds: its open elements, the formatting
    /// elements it would reopen, the document, and its `<head>` and `<form>`.
    fn held(&self) -> usize {
        let count = Count(Cell::new(0));
        self.builder.trace_handles(&count);
        count.0.get()
    }
}

impl TokenSink for Capper {
    type Handle = ego_tree::NodeId;

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<Self::Handle> {
        if let Token::TagToken(tag) = &token {
            match tag.kind {
                TagKind::StartTag
                    if !FLAT.contains(&tag.name.as_ref()) && self.held() >= MAX_DEPTH =>
                {
                    *self
                        .dropped
                        .borrow_mut()
                        .entry(tag.name.clone())
                        .or_default() += 1;
                    return TokenSinkResult::Continue;
                }
                TagKind::EndTag => {
                    let mut dropped = self.dropped.borrow_mut();
                    if let Some(n) = dropped.get_mut(&tag.name).filter(|n| **n > 0) {
                        *n -= 1;
                        return TokenSinkResult::Continue;
                    }
                }
                TagKind::StartTag => {}
            }
        }
        self.builder.process_token(token, line)
    }

    fn end(&self) {
        self.builder.end();
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.builder
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The depth of the deepest node.
    fn depth(html: &Html) -> usize {
        let mut deepest = 0;
        let mut depth = 0usize;
        for edge in html.tree.root().traverse() {
            match edge {
                ego_tree::iter::Edge::Open(_) => {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
                ego_tree::iter::Edge::Close(_) => depth -= 1,
            }
        }
        deepest
    }

    #[test]
    fn ordinary_pages_parse_as_scraper_parses_them() {
        let page = "<!doctype html><title>T</title><p>One<p>Two <b>bold <i>both</b> it</i><table><tr><td>cell</table><ul><li>a<li>b</ul>";
        assert_eq!(parse(page).html(), Html::parse_document(page).html());
        let deep = format!("{}x", "<div>".repeat(MAX_DEPTH - 8));
        assert_eq!(parse(&deep).html(), Html::parse_document(&deep).html());
    }

    #[test]
    fn nesting_stops_at_the_cap_and_the_text_stays() {
        let n = 100_000;
        let page = format!(
            "{}<p>deep</p>{}after",
            "<div>".repeat(n),
            "</div>".repeat(n)
        );
        let parsed = parse(&page);
        assert!(depth(&parsed) <= MAX_DEPTH + 8, "{}", depth(&parsed));
        let text: String = parsed.root_element().text().collect();
        assert_eq!(text, "deepafter");
        // A formatting element closed by the end of a paragraph is reopened by the
        // text after it, one level deeper at every turn: held down by the same cap.
        let page = "<p><b></p>x".repeat(20_000);
        assert!(depth(&Html::parse_document(&"<p><b></p>x".repeat(2_000))) > 2_000);
        let parsed = parse(&page);
        assert!(depth(&parsed) <= MAX_DEPTH + 8, "{}", depth(&parsed));
        let text: String = parsed.root_element().text().collect();
        assert_eq!(text, "x".repeat(20_000));
    }
}
