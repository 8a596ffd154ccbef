//! Finding a party or an issue by what a reader sees of it: its id, its short name
//! (a party's column header) or its name, in any case. Filters (`--filter party:RU`,
//! the reader's `f`) and references in positions.toml look names up here.

use super::{IssueId, Model, PartyId};

/// What a word names among a list of parties or issues.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Named {
    /// The entry at this index: its id exactly, or else the only entry whose id,
    /// short name or name is the word in another case.
    One(usize),
    /// Several entries are the word in another case (a name of one, the id of
    /// another): their indices, in order.
    Several(Vec<usize>),
    /// None.
    Unknown,
}

/// How an entry may be named: its id first, then what else is shown of it.
fn lookup<'a>(word: &str, entries: impl Iterator<Item = [&'a str; 3]> + Clone) -> Named {
    if let Some(i) = entries.clone().position(|[id, ..]| id == word) {
        return Named::One(i);
    }
    let lower = word.to_lowercase();
    let same: Vec<usize> = entries
        .enumerate()
        .filter(|(_, names)| names.iter().any(|n| n.to_lowercase() == lower))
        .map(|(i, _)| i)
        .collect();
    match same[..] {
        [] => Named::Unknown,
        [one] => Named::One(one),
        _ => Named::Several(same),
    }
}

impl Model {
    /// The party `word` names: its id, short name or name, in any case.
    pub fn party_named(&self, word: &str) -> Named {
        lookup(
            word,
            self.parties
                .iter()
                .map(|p| [p.id.as_str(), p.short.as_str(), p.name.as_str()]),
        )
    }

    /// The issue `word` names: its id or name, in any case.
    pub fn issue_named(&self, word: &str) -> Named {
        lookup(
            word,
            self.issues
                .iter()
                .map(|i| [i.id.as_str(), i.id.as_str(), i.name.as_str()]),
        )
    }

    /// Each party's id with its short name and name, for [`crate::suggest`].
    pub fn party_names(&self) -> Vec<[&str; 3]> {
        self.parties
            .iter()
            .map(|p| [p.id.as_str(), p.short.as_str(), p.name.as_str()])
            .collect()
    }

    /// Each issue's id with its name, for [`crate::suggest`].
    pub fn issue_names(&self) -> Vec<[&str; 3]> {
        self.issues
            .iter()
            .map(|i| [i.id.as_str(), i.id.as_str(), i.name.as_str()])
            .collect()
    }
}

/// [`Named`] of a word among entries given as `[id, short, name]`, for callers that
/// hold them before the model is built (references in positions.toml).
pub(super) fn named_among(word: &str, entries: &[[&str; 3]]) -> Named {
    lookup(word, entries.iter().copied())
}

impl Named {
    /// The one entry as a party.
    pub fn party(&self) -> Option<PartyId> {
        match self {
            Named::One(i) => Some(PartyId(*i)),
            _ => None,
        }
    }

    /// The one entry as an issue.
    pub fn issue(&self) -> Option<IssueId> {
        match self {
            Named::One(i) => Some(IssueId(*i)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::build::ModelText;

    #[test]
    fn ids_short_names_and_names_in_any_case() {
        let m = crate::model::test_model(
            &ModelText::new("T")
                .party("us", "United States")
                .party("ru", "Russia")
                .party("europe", "Europe")
                .issue("land", "Territory")
                .to_toml(),
        );
        assert_eq!(m.party_named("ru"), Named::One(1));
        assert_eq!(m.party_named("RU"), Named::One(1));
        assert_eq!(m.party_named("russia"), Named::One(1));
        assert_eq!(m.party_named("EUROPE"), Named::One(2));
        assert_eq!(m.party_named("eu"), Named::Unknown);
        assert_eq!(m.issue_named("Territory"), Named::One(0));
        assert_eq!(m.issue_named("LAND"), Named::One(0));
        // An id wins as written; in another case, a word that is the name of one and
        // the id of another names both.
        let entries = [["a", "B", "x"], ["b", "A", "y"]];
        assert_eq!(named_among("a", &entries), Named::One(0));
        assert_eq!(named_among("A", &entries), Named::Several(vec![0, 1]));
    }
}
