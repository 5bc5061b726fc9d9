//! `revision`: a 【改訂情報】 note where the template's words are out of date
//! (a penalty, a guideline, a checklist edition, a reporting route), dated
//! and sourced. The notes are data: bundled in `rules/revisions.toml`, and a
//! book adds or replaces them by id in its own `rules/revisions.toml`.

use std::path::Path;

use anyhow::Context;
use serde::{Deserialize, Serialize};

use super::{Block, Shows};
use crate::date::Date;

pub const BLOCK: Block = Block {
    name: "revision",
    template: "revision.md.j2",
    source: include_str!("../../templates/revision.md.j2"),
    shows: Shows::Summary,
    heading: "【改訂情報】",
    summary: "template edition: a dated, sourced note where the template is out of date (argument `id`)",
    draw: None,
};

/// The bundled notes.
const BUNDLED: &str = include_str!("../../rules/revisions.toml");

/// One note.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub id: String,
    /// When the change took effect (or was published).
    pub date: Date,
    pub text: String,
    pub source: String,
    pub url: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Notes {
    #[serde(default)]
    notes: Vec<Note>,
}

/// The bundled notes.
pub fn bundled() -> Vec<Note> {
    toml::from_str::<Notes>(BUNDLED)
        .expect("the bundled revisions are valid")
        .notes
}

/// The bundled notes and the book's own `dir/revisions.toml` (a note with a
/// bundled id replaces it).
pub fn for_book(dir: &Path) -> anyhow::Result<Vec<Note>> {
    let mut notes = bundled();
    let path = dir.join("revisions.toml");
    if path.is_file() {
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("{} を読めません", path.display()))?;
        let own: Notes = toml::from_str(&text)
            .map_err(|e| anyhow::anyhow!("{} に誤りがあります: {e}", path.display()))?;
        for note in own.notes {
            notes.retain(|n| n.id != note.id);
            notes.push(note);
        }
    }
    Ok(notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_notes_are_dated_and_sourced() {
        let notes = bundled();
        assert!(notes.len() >= 4);
        for n in &notes {
            assert!(!n.source.is_empty() && !n.text.is_empty(), "{}", n.id);
            assert!(
                n.url.as_deref().is_some_and(|u| u.starts_with("https://")),
                "{}",
                n.id
            );
        }
    }

    #[test]
    fn a_book_replaces_and_adds_notes() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("revisions.toml"),
            "[[notes]]\nid = \"penalty-2025\"\ndate = 2025-06-01\ntext = \"協会の注記\"\nsource = \"協会\"\n\n[[notes]]\nid = \"own\"\ndate = 2026-01-01\ntext = \"独自\"\nsource = \"協会\"\n",
        )
        .unwrap();
        let notes = for_book(dir.path()).unwrap();
        let penalty = notes.iter().find(|n| n.id == "penalty-2025").unwrap();
        assert_eq!(penalty.text, "協会の注記");
        assert!(notes.iter().any(|n| n.id == "own"));
        assert_eq!(notes.iter().filter(|n| n.id == "penalty-2025").count(), 1);
    }
}
