//! Markdown: the rendered text as paragraphs, without markup; title from the first
//! top-level heading or a YAML front matter `title:`, date and URL from `date:` and
//! `url:` there.

use super::origin::Origin;
use super::{Extracted, Kind};
use crate::date::Date;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// The text and metadata of a Markdown document.
pub fn extract(source: &str) -> Extracted {
    let mut out = Extracted {
        kind: Kind::Markdown,
        text: String::new(),
        title: None,
        date: None,
        url: None,
        publisher: None,
        origins: super::origin::Origins::default(),
    };
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut in_meta = false;
    let mut in_h1 = false;
    let mut h1 = String::new();
    let flush = |current: &mut String, paragraphs: &mut Vec<String>| {
        let p = current.trim().to_string();
        if !p.is_empty() {
            paragraphs.push(p);
        }
        current.clear();
    };
    let options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES;
    for event in Parser::new_ext(source, options) {
        match event {
            Event::Start(Tag::MetadataBlock(_)) => in_meta = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_meta = false,
            Event::Text(t) if in_meta => front_matter(&t, &mut out),
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }) => {
                flush(&mut current, &mut paragraphs);
                in_h1 = out.title.is_none();
            }
            Event::Start(
                Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::Item
                | Tag::BlockQuote(_)
                | Tag::CodeBlock(_)
                | Tag::TableRow
                | Tag::TableHead,
            ) => flush(&mut current, &mut paragraphs),
            Event::End(TagEnd::Heading(_)) => {
                if in_h1 {
                    out.title = Some(h1.trim().to_string()).filter(|t| !t.is_empty());
                    out.origins.title = Some(Origin::Text(String::new()));
                    in_h1 = false;
                }
                flush(&mut current, &mut paragraphs);
            }
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::TableRow
                | TagEnd::TableHead,
            ) => flush(&mut current, &mut paragraphs),
            Event::End(TagEnd::TableCell) => current.push(' '),
            Event::Text(t) | Event::Code(t) => {
                if in_h1 {
                    h1.push_str(&t);
                }
                current.push_str(&t);
            }
            Event::SoftBreak => current.push(' '),
            Event::HardBreak => current.push('\n'),
            _ => {}
        }
    }
    flush(&mut current, &mut paragraphs);
    out.text = paragraphs.join("\n\n");
    out
}

/// Reads `title:`, `date:` and `url:` lines of a YAML front matter.
fn front_matter(text: &str, out: &mut Extracted) {
    for line in text.lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim().trim_matches(['"', '\'']).trim();
        let from = Some(Origin::Metadata("the front matter"));
        match key.trim() {
            "title" if !value.is_empty() => {
                out.title = Some(value.to_string());
                out.origins.title = from;
            }
            "date" | "published" => {
                if let Some(d) = value.get(..10).and_then(Date::parse) {
                    out.date = Some(d);
                    out.origins.date = from;
                }
            }
            "url" | "canonical_url" if !value.is_empty() => {
                out.url = Some(value.to_string());
                out.origins.url = from;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_goes_paragraphs_stay() {
        let md = "---\ntitle: \"Front\"\ndate: 2025-04-25\nurl: https://e.org/x\n---\n\n# Heading\n\nSome *emphasis* and `code`\nwrapped.\n\n- item one\n- item two\n\n<div>raw</div>\n";
        let e = extract(md);
        assert_eq!(
            e.text,
            "Heading\n\nSome emphasis and code wrapped.\n\nitem one\n\nitem two"
        );
        assert_eq!(e.title.as_deref(), Some("Front"));
        assert_eq!(e.date, Date::new(2025, 4, 25));
        assert_eq!(e.url.as_deref(), Some("https://e.org/x"));
        assert_eq!(e.origins.title, Some(Origin::Metadata("the front matter")));
        assert_eq!(
            extract("# Only a title\n").title.as_deref(),
            Some("Only a title")
        );
    }
}
