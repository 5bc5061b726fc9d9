//! Placeholders: a value that still holds the template's 〇〇 / ○○.

use super::{Checker, Kind, msg};
use crate::messages;

pub(super) fn run(c: &mut Checker) {
    let mut found = Vec::new();
    for file in &c.plan.files {
        for (path, span) in file.map.strings() {
            let raw = &file.source[span.clone()];
            let Some(col) = ["〇〇", "○○"].iter().filter_map(|m| raw.find(m)).min() else {
                continue;
            };
            let mark = &raw[col..col + "〇〇".len()];
            let message = match key_of(path) {
                Some(key) => msg!(messages::PLACEHOLDER_LEFT_IN, key = key, mark = mark),
                None => msg!(messages::PLACEHOLDER_LEFT, mark = mark),
            };
            found.push((file, span.start + col, message));
        }
    }
    for (file, at, message) in found {
        c.at(Kind::Placeholder, file, at, message);
    }
}

/// The key a value is written under: `devices[2].software` → `software`,
/// `events[0]` → `events`.
fn key_of(path: &str) -> Option<&str> {
    let last = path.rsplit('.').next()?;
    let key = last.split('[').next()?;
    (!key.is_empty()).then_some(key)
}
