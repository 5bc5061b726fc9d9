//! Labels the engine itself prints (table headers, status words, marks),
//! looked up in the book language's catalogue.
//!
//! Chapters are translated by mdbook-i18n-helpers' gettext; our templates'
//! labels (`{{ _("頻度") }}`) and the Rust-side labels ([`UI_LABELS`]) go
//! through [`Labels`], filled from the same `po/LANG.po`.

use std::collections::HashMap;
use std::sync::Arc;

/// The source language of every book: chapters, data and labels are Japanese.
pub const SOURCE_LANGUAGE: &str = "ja";

/// Labels printed from Rust code (print cover, check findings, …), listed so
/// `xgettext` can put them in messages.pot.
pub const UI_LABELS: &[&str] = &[];

/// A language and its translations of labels (msgid → msgstr).
#[derive(Debug, Clone, Default)]
pub struct Labels {
    lang: Option<String>,
    map: Arc<HashMap<String, String>>,
}

impl Labels {
    /// Japanese: every label as written.
    pub fn source() -> Labels {
        Labels::default()
    }

    /// `lang` with its translations.
    pub fn new(lang: &str, map: HashMap<String, String>) -> Labels {
        Labels {
            lang: Some(lang.to_string()),
            map: Arc::new(map),
        }
    }

    /// The language code (`ja` for the source).
    pub fn lang(&self) -> &str {
        self.lang.as_deref().unwrap_or(SOURCE_LANGUAGE)
    }

    /// The label in this language, or as written when it has no translation.
    pub fn tr<'a>(&'a self, label: &'a str) -> &'a str {
        self.map
            .get(label)
            .map(String::as_str)
            .filter(|s| !s.is_empty())
            .unwrap_or(label)
    }
}
