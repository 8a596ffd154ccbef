//! Where a citation comes from, in the one order every format shows it: the source's
//! title, its publisher, its publication date, and its address when it is not a link.
//! Who said the quote (the speaker) is not part of the source's credit: each format
//! puts it by the quote.

use crate::date::Date;
use crate::model::{Citation, Model, Source};

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
