//! Each typed id ([`crate::id`]) indexes its own list of the model directly:
//! `model.parties[party]`, `model.sources[source]`.

use super::{Issue, Party, Position, Source};
use crate::id::{IssueId, PartyId, PositionId, SourceId};
use std::ops::{Index, IndexMut};

macro_rules! indexes {
    ($name:ident, $item:ty) => {
        impl Index<$name> for [$item] {
            type Output = $item;
            fn index(&self, id: $name) -> &$item {
                &self[id.0]
            }
        }

        impl IndexMut<$name> for [$item] {
            fn index_mut(&mut self, id: $name) -> &mut $item {
                &mut self[id.0]
            }
        }

        impl Index<$name> for Vec<$item> {
            type Output = $item;
            fn index(&self, id: $name) -> &$item {
                &self[id.0]
            }
        }

        impl IndexMut<$name> for Vec<$item> {
            fn index_mut(&mut self, id: $name) -> &mut $item {
                &mut self[id.0]
            }
        }
    };
}

indexes!(PartyId, Party);
indexes!(IssueId, Issue);
indexes!(PositionId, Position);
indexes!(SourceId, Source);
