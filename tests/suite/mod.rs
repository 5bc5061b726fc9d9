mod bad_input;
mod build;
mod content;
mod escaping;
pub mod support;
