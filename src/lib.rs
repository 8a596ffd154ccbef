//! `stances`: read and compare negotiating positions backed by quotes from sources.
//!
//! Data flows one way: a positions file is loaded into a [`model::Model`] (every
//! reference resolved, every quote found in its [`source`]); [`view`] makes what is
//! shown at a date, and every word shown; the reader ([`tui`]) and the exporters
//! ([`export`]) only lay those words out. The contract is `docs/SPEC.md`.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod check;
pub mod date;
pub mod diagnostic;
pub mod export;
pub mod id;
#[cfg(feature = "import")]
pub mod ingest;
pub mod init;
pub mod model;
pub(crate) mod par;
pub mod patch;
pub mod sanitize;
pub mod sentence_list;
pub mod source;
pub mod suggest;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
pub mod tui;
pub mod view;
pub mod wrap;
