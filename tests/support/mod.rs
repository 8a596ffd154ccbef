//! Helpers of the browser tests: headless Chromium through chromedriver, and axe-core.
//! (The other test helpers are `stances::testing`.)

pub mod axe;
pub mod browser;
