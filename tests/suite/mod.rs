mod bad_input;
mod build;
mod check;
mod content;
mod escaping;
mod print;
mod search;
pub mod support;
