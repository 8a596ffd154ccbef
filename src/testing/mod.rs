//! Helpers shared by the tests, the benchmarks and the examples, compiled only for them
//! (the `testing` feature, which the crate's dev-dependency on itself turns on): a
//! small valid model in a temporary folder ([`project`]), the committed fixtures
//! ([`fixtures`]), the reader drawn on a test backend ([`screen`]) and the synthetic
//! models of the benchmarks ([`synth`]). Models are written by
//! [`crate::model::build`].

pub mod fixtures;
pub mod project;
pub mod screen;
pub mod synth;
