//! Typed indices into a positions model: a party, an issue, a position or a source is
//! named by its own type, so that one cannot be passed where another is meant, and a
//! cell of the grid is a [`Cell`] (issue, then party), never a bare pair. The model
//! lets each id index its own list directly: `model.parties[party]`.

use std::fmt;

macro_rules! id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub usize);

        impl $name {
            /// The index into its list.
            pub const fn index(self) -> usize {
                self.0
            }

            /// Every id of a list of `len` items, in order.
            pub fn all(len: usize) -> impl DoubleEndedIterator<Item = $name> + Clone {
                (0..len).map($name)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

id! {
    /// A party: an index into the model's parties.
    PartyId
}

id! {
    /// An issue: an index into the model's issues.
    IssueId
}

id! {
    /// A position: an index into the model's positions.
    PositionId
}

id! {
    /// A source: an index into the model's sources.
    SourceId
}

/// A cell of the grid: one issue (its row) and one party (its column).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Cell {
    /// The issue.
    pub issue: IssueId,
    /// The party.
    pub party: PartyId,
}

impl Cell {
    /// The cell of `party` on `issue`.
    pub const fn new(issue: IssueId, party: PartyId) -> Self {
        Cell { issue, party }
    }
}

/// One citation of a position: the position and the citation's index among its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CitationAt {
    /// The position.
    pub position: PositionId,
    /// The citation's index in the position's `citations`.
    pub citation: usize,
}
