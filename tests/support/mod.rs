//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod axe;
pub mod browser;
pub mod screen;
