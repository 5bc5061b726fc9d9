//! `bcp translations`: per language, how many of the book's current messages
//! are translated, fuzzy or untranslated; fails (exit 1) when a language is
//! below `[preprocessor.bcp] min-translated` (percent).
//!
//! The messages are extracted afresh, so a Japanese sentence changed since the
//! translation shows up here as untranslated, with its file and line.

use clap::Args;
use mdbook_bcp::BcpConfig;
use mdbook_bcp::i18n;
use polib::catalog::Catalog;

use crate::prelude::{BookArgs, Exit, say};

#[derive(Args, Debug)]
pub struct TranslationsArgs {
    #[command(flatten)]
    pub book: BookArgs,
    /// 翻訳されていないメッセージをすべて表示します（既定: 言語ごとに最初の 20 件）
    #[arg(long)]
    pub all: bool,
}

/// The counts of one language against the book's messages.
#[derive(Debug, Default, PartialEq)]
pub struct Stats {
    pub translated: usize,
    pub fuzzy: usize,
    pub untranslated: usize,
    /// `(source, msgid)` of each fuzzy or untranslated message.
    pub missing: Vec<(String, String)>,
}

impl Stats {
    pub fn total(&self) -> usize {
        self.translated + self.fuzzy + self.untranslated
    }

    /// Share translated, in percent (100 for a book without messages).
    pub fn percent(&self) -> f64 {
        if self.total() == 0 {
            100.0
        } else {
            self.translated as f64 * 100.0 / self.total() as f64
        }
    }
}

/// Counts `po` against the messages of `pot`.
pub fn stats(pot: &Catalog, po: Option<&Catalog>) -> Stats {
    let mut stats = Stats::default();
    for message in pot.messages() {
        let found = po.and_then(|po| po.find_message(None, message.msgid(), None));
        let source = message
            .source()
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_string();
        match found {
            Some(m) if m.is_translated() && !m.is_fuzzy() => stats.translated += 1,
            Some(m) if m.is_fuzzy() => {
                stats.fuzzy += 1;
                stats.missing.push((source, message.msgid().to_string()));
            }
            _ => {
                stats.untranslated += 1;
                stats.missing.push((source, message.msgid().to_string()));
            }
        }
    }
    stats
}

/// [`Exit::Success`] when every language meets the threshold, else
/// [`Exit::Failure`].
pub fn run(args: &TranslationsArgs) -> anyhow::Result<Exit> {
    let root = args.book.book_root()?;
    let book = crate::book::load(&root, &[])?;
    let config = BcpConfig::from_book(&book.config)?;
    let pot = crate::xgettext::extract(&root, &book)?;
    let minimum = config.min_translated.unwrap_or(0.0);
    let mut ok = true;
    if config.translations().is_empty() {
        say("翻訳する言語がありません（book.toml の [preprocessor.bcp] languages）");
    }
    for lang in config.translations() {
        let path = root.join(&config.po_dir).join(format!("{lang}.po"));
        let po = if path.is_file() {
            Some(i18n::read_catalog(&path)?)
        } else {
            None
        };
        let s = stats(&pot, po.as_ref());
        let below = s.percent() + 1e-9 < minimum;
        ok &= !below;
        say(&format!(
            "{lang}: 翻訳済み {} / 要確認(fuzzy) {} / 未翻訳 {}（全 {} 件、{:.1}%{}）{}",
            s.translated,
            s.fuzzy,
            s.untranslated,
            s.total(),
            s.percent(),
            if minimum > 0.0 {
                format!("、必要 {minimum}%")
            } else {
                String::new()
            },
            if po.is_none() {
                format!(" — {} がありません", path.display())
            } else if below {
                " — 不足".to_string()
            } else {
                String::new()
            }
        ));
        let shown = if args.all { usize::MAX } else { 20 };
        for (source, msgid) in s.missing.iter().take(shown) {
            let line = msgid.lines().next().unwrap_or("");
            let short: String = line.chars().take(60).collect();
            say(&format!("  未翻訳 {source}: {short}"));
        }
        if s.missing.len() > shown {
            say(&format!(
                "  …ほか {} 件（--all ですべて表示）",
                s.missing.len() - shown
            ));
        }
    }
    Ok(Exit::success_if(ok))
}

#[cfg(test)]
mod tests {
    use super::*;
    use polib::message::{Message, MessageMutView};
    use polib::metadata::CatalogMetadata;

    fn catalog(entries: &[(&str, &str, bool)]) -> Catalog {
        let mut c = Catalog::new(CatalogMetadata::new());
        for (id, text, fuzzy) in entries {
            let mut m = Message::build_singular()
                .with_msgid(id.to_string())
                .with_msgstr(text.to_string())
                .with_source("src/a.md:1".to_string())
                .done();
            if *fuzzy {
                m.flags_mut().add_flag("fuzzy");
            }
            c.append_or_update(m);
        }
        c
    }

    #[test]
    fn counts_translated_fuzzy_and_untranslated() {
        let pot = catalog(&[("一", "", false), ("二", "", false), ("三", "", false)]);
        let po = catalog(&[
            ("一", "One", false),
            ("二", "Two", true),
            ("古い", "Old", false),
        ]);
        let s = stats(&pot, Some(&po));
        assert_eq!((s.translated, s.fuzzy, s.untranslated), (1, 1, 1));
        assert_eq!(s.missing.len(), 2);
        assert!((s.percent() - 100.0 / 3.0).abs() < 1e-6);
        assert_eq!(stats(&pot, None).untranslated, 3);
    }
}
