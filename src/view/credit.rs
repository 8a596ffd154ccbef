//! Where a citation comes from, in the one order every format shows it: the source's
//! title, its publisher, its publication date, and its address when it is not a link.
//! Who said the quote (the speaker) is not part of the source's credit: each format
//! puts it by the quote.

use crate::date::Date;
use crate::model::{Citation, Model, Source};
use crate::sanitize::one_line;
use crate::source::kind::DocumentKind;

/// One piece of a source's credit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece<'m> {
    /// The title, and the link to put on it, if any.
    Title(&'m str, Option<String>),
    /// The publisher.
    Publisher(&'m str),
    /// The publication date.
    Published(Date),
    /// The source's address as text (it is not a link).
    Url(&'m str),
}

/// A citation's speaker and its source's credit.
#[derive(Clone, Copy, Debug)]
pub struct Credit<'m> {
    /// Who said or reported the quote, if the citation says.
    pub speaker: Option<&'m str>,
    /// The source.
    pub source: &'m Source,
}

impl<'m> Credit<'m> {
    /// The credit of citation `c` of `model`.
    pub fn of(model: &'m Model, c: &'m Citation) -> Self {
        Credit {
            speaker: c.speaker.as_deref(),
            source: &model.sources[c.source],
        }
    }

    /// The source's credit, piece by piece in order: title, publisher, date, address.
    /// `link` makes the link a format puts on the title out of the source's address
    /// (`None`: the address cannot be a link, and it is shown as text at the end).
    pub fn pieces(&self, link: impl Fn(&str) -> Option<String>) -> Vec<Piece<'m>> {
        let s = self.source;
        let href = s.url.as_deref().and_then(link);
        let text_url = s.url.as_deref().filter(|_| href.is_none());
        let mut out = vec![Piece::Title(&s.title, href)];
        out.extend(s.publisher.as_deref().map(Piece::Publisher));
        out.extend(s.published.map(Piece::Published));
        out.extend(text_url.map(Piece::Url));
        out
    }
}

/// Where a source came from, when there is something to say: the kind of document it
/// was converted from (`ID.pdf.txt`: PDF) and the host of its URL, e.g. `["PDF",
/// "ledger.example"]`. A plain text file without a URL gives nothing.
pub fn origin(file: &str, url: Option<&str>) -> Vec<String> {
    let kind = DocumentKind::origin_of(file);
    let host = url.map(|u| {
        let rest = u.split_once("://").map_or(u, |(_, r)| r);
        rest.split(['/', '?', '#'])
            .next()
            .unwrap_or(rest)
            .to_string()
    });
    (kind != "text")
        .then_some(kind)
        .into_iter()
        .chain(host.filter(|h| !h.is_empty()))
        .map(|p| one_line(&p))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::origin;

    #[test]
    fn origin_says_the_kind_and_the_host() {
        assert_eq!(
            origin("x.pdf.txt", Some("https://ledger.example/a?b")),
            ["PDF", "ledger.example"]
        );
        assert_eq!(origin("x.html.txt", None), ["HTML"]);
        assert!(origin("000_1.txt", None).is_empty());
        assert_eq!(origin("a.txt", Some("e.org/x")), ["e.org"]);
    }
}
