mod bad_input;
mod build;
mod content;
mod escaping;
mod search;
pub mod support;
