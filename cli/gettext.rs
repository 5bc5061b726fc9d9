//! Translating the chapters: mdbook-i18n-helpers' gettext, run in-process
//! before the bcp preprocessor, with two additions:
//!
//! - a message with no translation (or only a fuzzy one) falls back to the
//!   Japanese, wrapped in `<span class="bcp-untranslated" lang="ja">` so the
//!   reader sees it is not translated yet (chapter names in the sidebar fall
//!   back plainly);
//! - `> [!NOTE]` admonitions and definition lists, which mdbook-i18n-helpers
//!   0.4.0 flattens, are protected before and restored after translating
//!   ([`crate::repair`]).

use std::collections::HashMap;
use std::sync::Arc;

use mdbook_bcp::i18n::Labels;
use mdbook_preprocessor::book::{Book, BookItem};
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};
use polib::catalog::Catalog;
use polib::message::Message;
use polib::metadata::CatalogMetadata;

/// The `gettext` preprocessor with the catalogue of one language (shared by
/// its clones: one catalogue per language however many books are built).
#[derive(Clone)]
pub struct Gettext {
    catalog: Arc<Catalog>,
}

impl Gettext {
    pub const NAME: &'static str = "gettext";

    /// `labels` holds the language's translations; `chapters` the messages of
    /// the chapters as they are now (as `bcp xgettext` extracts them).
    pub fn new(labels: &Labels, chapters: &Catalog) -> Gettext {
        Gettext {
            catalog: Arc::new(effective_catalog(labels.translations(), chapters)),
        }
    }

    /// Translates the chapter names of `book` (for the print documents'
    /// contents), leaving the chapters' text out of the work.
    pub fn translate_names(&self, book: &mut Book) -> anyhow::Result<()> {
        book.for_each_mut(|item| {
            if let BookItem::Chapter(chapter) = item {
                chapter.content.clear();
            }
        });
        mdbook_i18n_helpers::gettext::translate_book(&self.catalog, book)
    }
}

impl Preprocessor for Gettext {
    fn name(&self) -> &str {
        Self::NAME
    }

    fn run(
        &self,
        _ctx: &PreprocessorContext,
        mut book: Book,
    ) -> mdbook_preprocessor::errors::Result<Book> {
        protect_chapters(&mut book);
        mdbook_i18n_helpers::gettext::translate_book(&self.catalog, &mut book)?;
        book.for_each_mut(|item| {
            if let BookItem::Chapter(chapter) = item {
                chapter.content = crate::repair::restore(&chapter.content);
            }
        });
        Ok(book)
    }
}

/// Every chapter through [`crate::repair::protect`] (also before extracting).
pub fn protect_chapters(book: &mut Book) {
    book.for_each_mut(|item| {
        if let BookItem::Chapter(chapter) = item {
            chapter.content = crate::repair::protect(&chapter.content);
        }
    });
}

/// The translations, plus a visible Japanese fallback for every other message
/// of the chapters that is not from SUMMARY.md.
fn effective_catalog(translated: &HashMap<String, String>, chapters: &Catalog) -> Catalog {
    let mut catalog = Catalog::new(CatalogMetadata::new());
    for (msgid, msgstr) in translated {
        catalog.append_or_update(
            Message::build_singular()
                .with_msgid(msgid.clone())
                .with_msgstr(msgstr.clone())
                .done(),
        );
    }
    for message in chapters.messages() {
        let msgid = message.msgid();
        if translated.contains_key(msgid) || message.source().contains("SUMMARY.md") {
            continue;
        }
        catalog.append_or_update(
            Message::build_singular()
                .with_msgid(msgid.to_string())
                .with_msgstr(untranslated(msgid))
                .done(),
        );
    }
    catalog
}

/// The Japanese text, marked as not yet translated.
fn untranslated(msgid: &str) -> String {
    // A code block or an HTML block cannot take inline markup: leave it be.
    if msgid.starts_with('<') || msgid.contains("\n\n") || msgid.starts_with("```") {
        return msgid.to_string();
    }
    format!(
        "<span class=\"bcp-untranslated\" lang=\"ja\" title=\"Not translated yet (未翻訳)\">{msgid}</span>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pot(messages: &[(&str, &str)]) -> Catalog {
        let mut c = Catalog::new(CatalogMetadata::new());
        for (id, source) in messages {
            c.append_or_update(
                Message::build_singular()
                    .with_msgid(id.to_string())
                    .with_msgstr(String::new())
                    .with_source(source.to_string())
                    .done(),
            );
        }
        c
    }

    #[test]
    fn untranslated_chapter_text_is_marked_and_summary_is_not() {
        let pot = pot(&[("目的", "src/ch1.md:3"), ("第1章", "src/SUMMARY.md:4")]);
        let catalog = effective_catalog(&HashMap::new(), &pot);
        let msg = catalog.find_message(None, "目的", None).unwrap();
        assert!(msg.msgstr().unwrap().contains("bcp-untranslated"));
        assert!(catalog.find_message(None, "第1章", None).is_none());
    }

    #[test]
    fn fuzzy_translations_fall_back() {
        let mut po = pot(&[("目的", "src/ch1.md:3")]);
        for mut m in po.messages_mut() {
            use polib::message::MessageMutView;
            m.set_msgstr("Purpose".into()).unwrap();
            m.flags_mut().add_flag("fuzzy");
        }
        let catalog = effective_catalog(&mdbook_bcp::i18n::translated(&po), &po);
        let msg = catalog.find_message(None, "目的", None).unwrap();
        assert!(msg.msgstr().unwrap().contains("bcp-untranslated"));
    }
}
