//! The closed vocabularies of positions.toml: a position's `status` and `confidence`,
//! and a party's `kind`. Each is parsed from its id as written in the file (the parser
//! reports unknown words with a did-you-mean) and shown by its label.

use std::fmt;

macro_rules! vocabulary {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $id:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vdoc])* $variant),+
        }

        impl $name {
            /// Every value, in the order the contract lists them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The words allowed in the file, in the same order.
            pub const IDS: &'static [&'static str] = &[$($id),+];

            /// The word written in the file.
            pub fn id(self) -> &'static str {
                match self {
                    $($name::$variant => $id),+
                }
            }

            /// The value for a word of the file, if it is one.
            pub fn from_id(id: &str) -> Option<Self> {
                match id {
                    $($id => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.id())
            }
        }
    };
}

vocabulary! {
    /// What a position is: said, proposed, demanded, ... (`status`).
    Status {
        /// Said publicly.
        Stated = "stated",
        /// Put forward in a plan or text.
        Proposed = "proposed",
        /// Required of the other side.
        Demanded = "demanded",
        /// Offered to the other side.
        Offered = "offered",
        /// Accepted.
        Accepted = "accepted",
        /// Rejected.
        Rejected = "rejected",
        /// Held on conditions.
        Conditional = "conditional",
        /// No longer held.
        Withdrawn = "withdrawn",
    }
}

vocabulary! {
    /// How sure the curator is that the position is held (`confidence`).
    Confidence {
        /// Direct, on-record evidence.
        High = "high",
        /// Reported or partial evidence.
        Moderate = "moderate",
        /// Thin or second-hand evidence.
        Low = "low",
    }
}

vocabulary! {
    /// What kind of party it is (`kind`).
    Kind {
        /// A state.
        State = "state",
        /// A coalition of states or groups.
        Coalition = "coalition",
        /// An international organization.
        Organization = "organization",
        /// A person.
        Person = "person",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_unknown_words_are_refused() {
        for s in Status::ALL {
            assert_eq!(Status::from_id(s.id()), Some(*s));
        }
        assert_eq!(Confidence::from_id("moderate"), Some(Confidence::Moderate));
        assert_eq!(Kind::from_id("State"), None);
        assert_eq!(Status::IDS.len(), Status::ALL.len());
    }
}
