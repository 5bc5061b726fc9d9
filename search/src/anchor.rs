//! Heading ids exactly as mdBook 0.5 writes them, so results link to the right place.
//!
//! A heading with an explicit `{#id}` keeps it. Any other heading (and any definition-list
//! term) gets an id made from its text: trimmed, lowercased, letters, digits, `_` and `-` kept,
//! whitespace turned into `-`, everything else dropped. Within a page a repeated id gets `-1`,
//! `-2`, … appended (explicit ids do not take part in this counting, as in mdBook).

use std::collections::HashSet;

/// The id mdBook derives from a heading's text.
pub fn id_from_text(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '_' || c == '-' {
                Some(c)
            } else if c.is_whitespace() {
                Some('-')
            } else {
                None
            }
        })
        .collect()
}

/// Makes `id` unique among the ids already in `used`, by appending `-1`, `-2`, …
pub fn unique_id(id: &str, used: &mut HashSet<String>) -> String {
    if used.insert(id.to_string()) {
        return id.to_string();
    }
    (1..)
        .map(|n| format!("{id}-{n}"))
        .find(|candidate| used.insert(candidate.clone()))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_keep_unicode_letters_and_digits() {
        assert_eq!(id_from_text(" 2.2.1 連絡体制図 "), "221-連絡体制図");
        assert_eq!(id_from_text("資料1 リンク集"), "資料1-リンク集");
        assert_eq!(id_from_text("BCP とは（概要）"), "bcp-とは概要");
        assert_eq!(id_from_text("`--passes`: add"), "--passes-add");
    }

    #[test]
    fn repeated_ids_get_suffixes() {
        let mut used = HashSet::new();
        assert_eq!(unique_id("例", &mut used), "例");
        assert_eq!(unique_id("例", &mut used), "例-1");
        assert_eq!(unique_id("例", &mut used), "例-2");
        assert_eq!(unique_id("例-1-x", &mut used), "例-1-x");
    }
}
