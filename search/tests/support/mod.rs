//! Helpers shared by the browser tests (and, through `#[path]`, the seed-site example and the
//! root crate's tests).

#![allow(dead_code, reason = "not every test uses every helper")]

pub mod book;
pub mod browser;
