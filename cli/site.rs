//! One book's site: every language built into a folder beside the
//! destination, then swapped in, so a failed build leaves the previous site
//! exactly as it was. Used by `bcp build`, `bcp serve` and a chain's stores.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;
use mdbook_bcp::i18n::{self, Labels};
use mdbook_bcp::{Bcp, BcpConfig, BookData, Edition};
use mdbook_driver::MDBook;
use polib::catalog::Catalog;

use crate::book::load_in;
use crate::gettext::Gettext;
use crate::html::BcpHtml;
use crate::pdf::Printer;

/// Builds every language of `book` (loaded with config `overrides`) and puts
/// the site at `dest`, atomically for the reader: Japanese at the root, each
/// translation under `LANG/`; with a `printer`, the print documents are
/// printed to PDF too.
pub fn build_into(
    book: MDBook,
    overrides: &[(&str, String)],
    dest: &Path,
    printer: Option<&mut Printer>,
) -> anyhow::Result<()> {
    Sites::new(&book)?.build_into(book, overrides, dest, printer)
}

/// What building a book's sites sets up once and reuses for every site built
/// from the same book folder (each language of one site; each store of a
/// chain): mdBook's HTML renderer with the theme's templates compiled once,
/// the chapters' messages and each translation's catalogue, read when the
/// first translation is built.
///
/// A chain makes one with [`Sites::new`] from its book and calls
/// [`Sites::build_into`] per store, with that store's overrides.
pub struct Sites {
    root: PathBuf,
    html: BcpHtml,
    /// The chapters' messages, read before the source book is built (`None`
    /// for a book without translations).
    chapters: Option<Catalog>,
    /// Per translation: its language, labels and gettext preprocessor.
    translations: Option<Vec<(String, Labels, Gettext)>>,
}

impl Sites {
    /// The set-up for the book folder of `book` (as loaded, not yet built).
    pub fn new(book: &MDBook) -> anyhow::Result<Sites> {
        Sites::with_html(book, BcpHtml::default())
    }

    /// [`Sites::new`] with this HTML renderer (a chain's: static files
    /// offered to the shared folder).
    pub fn with_html(book: &MDBook, html: BcpHtml) -> anyhow::Result<Sites> {
        let config = BcpConfig::from_book(&book.config)?;
        let chapters = match config.translations() {
            [] => None,
            _ => Some(crate::xgettext::chapter_messages(&book.root, book)?),
        };
        Ok(Sites {
            root: book.root.clone(),
            html,
            chapters,
            translations: None,
        })
    }

    /// [`build_into`] with this set-up: `book` must be of the same folder.
    pub fn build_into(
        &mut self,
        book: MDBook,
        overrides: &[(&str, String)],
        dest: &Path,
        printer: Option<&mut Printer>,
    ) -> anyhow::Result<()> {
        self.build_with(book, overrides, dest, printer, None)
    }

    /// [`Sites::build_into`] with the book's data handed in (a chain's store,
    /// merged in memory) rather than read from the book's data folder.
    pub fn build_with(
        &mut self,
        book: MDBook,
        overrides: &[(&str, String)],
        dest: &Path,
        mut printer: Option<&mut Printer>,
        data: Option<Arc<BookData>>,
    ) -> anyhow::Result<()> {
        let parent = dest.parent().context("出力先のフォルダが不正です")?;
        std::fs::create_dir_all(parent)
            .with_context(|| format!("{} を作れません", parent.display()))?;
        let staging = tempfile::Builder::new()
            .prefix(".bcp-build-")
            .tempdir_in(parent)
            .with_context(|| format!("{} に一時フォルダを作れません", parent.display()))?;
        let root = self.root.clone();
        let config = BcpConfig::from_book(&book.config)?;
        let site = Site {
            handout: config
                .handout
                .iter()
                .map(|p| p.to_string_lossy().replace('\\', "/"))
                .collect(),
            // The data, read once for every language; on an error each
            // language's preprocessor reads it again and reports it as always.
            data: data.or_else(|| BookData::load(&root, &config).ok().map(Arc::new)),
            html: &self.html,
        };
        // A plan's every page names the pharmacy in the browser tab.
        let name = site.data.as_deref().and_then(|d| pharmacy_name(d, &config));
        let mut book = book;
        name_the_title(&mut book, &name, |t| t.to_string())?;
        // The source first: mdBook empties the folder it renders into.
        site.build_language(
            book,
            staging.path(),
            Labels::source(),
            None,
            printer.as_deref_mut(),
        )?;
        if let Some(chapters) = &self.chapters {
            if self.translations.is_none() {
                self.translations = Some(translations(&root, &config, chapters)?);
            }
            for (lang, labels, gettext) in self.translations.iter().flatten() {
                let mut book = load_in(&root, overrides, Some(lang))?;
                name_the_title(&mut book, &name, |t| labels.tr(t).to_string())?;
                site.build_language(
                    book,
                    &staging.path().join(lang),
                    labels.clone(),
                    Some(gettext.clone()),
                    printer.as_deref_mut(),
                )?;
            }
            crate::languages::add_switch(staging.path(), &config.languages)?;
        }
        swap_in(staging.keep(), dest)
    }
}

/// Each translation's labels and gettext preprocessor, its po file read once.
fn translations(
    root: &Path,
    config: &BcpConfig,
    chapters: &Catalog,
) -> anyhow::Result<Vec<(String, Labels, Gettext)>> {
    let mut out = Vec::new();
    for lang in config.translations() {
        let po_path = root.join(&config.po_dir).join(format!("{lang}.po"));
        let po = if po_path.is_file() {
            Some(i18n::read_catalog(&po_path)?)
        } else {
            None
        };
        let labels = Labels::new(lang, po.as_ref().map(i18n::translated).unwrap_or_default());
        let gettext = Gettext::new(&labels, chapters);
        out.push((lang.clone(), labels, gettext));
    }
    Ok(out)
}

/// What every language of one site shares.
struct Site<'a> {
    /// The handout's chapters (`[preprocessor.bcp] handout`), as paths.
    handout: Vec<String>,
    /// The book's data, when it could be read.
    data: Option<Arc<BookData>>,
    html: &'a BcpHtml,
}

impl Site<'_> {
    /// One language of the site into `dir`: HTML, search index, print documents.
    fn build_language(
        &self,
        mut book: MDBook,
        dir: &Path,
        labels: Labels,
        gettext: Option<Gettext>,
        printer: Option<&mut Printer>,
    ) -> anyhow::Result<()> {
        book.config.build.build_dir = dir.to_path_buf();
        skip_unwritten_search_index(&mut book.config)?;
        let mut names = book.book.clone();
        if let Some(gettext) = gettext {
            gettext.translate_names(&mut names)?;
            book.with_preprocessor(gettext);
        }
        book.with_preprocessor(match &self.data {
            Some(data) => Bcp::with_data(labels.clone(), data.clone()),
            None => Bcp::with_labels(labels.clone()),
        });
        book.with_renderer(self.html.clone());
        book.build()?;
        crate::print::write_print_documents(dir, &names, &self.handout, &labels)?;
        if let Some(printer) = printer {
            printer.write_pdfs(dir)?;
        }
        Ok(())
    }
}

/// With `[output.html.search] copy-js = false` (our own searcher), mdBook
/// 0.5.4 still builds its elasticlunr index of every chapter and then drops
/// it unwritten (`mdbook_html::html_handlebars::search::create_files`): about
/// a fifth of a build. Leaving every chapter out of that index
/// (`[output.html.search.chapter] "" = { enable = false }`, the empty path
/// being a prefix of all) writes the same files without the work.
fn skip_unwritten_search_index(config: &mut mdbook_driver::config::Config) -> anyhow::Result<()> {
    let html = config.html_config().unwrap_or_default();
    if let Some(search) = html.search
        && search.enable
        && !search.copy_js
        && search.chapter.is_empty()
    {
        let mut off = toml::Table::new();
        off.insert("enable".into(), false.into());
        let mut chapters = toml::Table::new();
        chapters.insert(String::new(), off.into());
        config.set("output.html.search.chapter", chapters)?;
    }
    Ok(())
}

/// Replaces `dest` by `fresh`; the old site is removed only after the swap.
pub fn swap_in(fresh: PathBuf, dest: &Path) -> anyhow::Result<()> {
    let old = dest.with_file_name(format!(
        ".{}.old-{}",
        dest.file_name().and_then(|n| n.to_str()).unwrap_or("book"),
        std::process::id()
    ));
    let had_old = dest.exists();
    if had_old {
        std::fs::rename(dest, &old)
            .with_context(|| format!("{} を置き換えられません", dest.display()))?;
    }
    if let Err(e) = std::fs::rename(&fresh, dest) {
        if had_old {
            let _ = std::fs::rename(&old, dest);
        }
        let _ = std::fs::remove_dir_all(&fresh);
        return Err(e).with_context(|| format!("{} に書き込めません", dest.display()));
    }
    if had_old {
        std::fs::remove_dir_all(&old)
            .with_context(|| format!("古いサイト {} を消せません", old.display()))?;
    }
    Ok(())
}

/// The organization's name in a plan's data (`None` for the template edition
/// or while it is not written).
fn pharmacy_name(data: &BookData, config: &BcpConfig) -> Option<String> {
    if config.edition != Edition::Plan {
        return None;
    }
    data.plan
        .merged
        .organization
        .as_ref()?
        .name
        .clone()
        .filter(|n| !n.trim().is_empty())
}

/// The book's title in the language (`translate`), after the pharmacy's
/// name when it does not hold it already: the browser tab of every page
/// says whose plan it is.
fn name_the_title(
    book: &mut MDBook,
    name: &Option<String>,
    translate: impl Fn(&str) -> String,
) -> anyhow::Result<()> {
    let Some(title) = book.config.book.title.clone() else {
        return Ok(());
    };
    let title = match name {
        Some(name) => titled(&translate(&title), name),
        None => translate(&title),
    };
    book.config.set("book.title", title)?;
    Ok(())
}

/// `title` naming the pharmacy `name`: as it is when it holds the name; a
/// chain's title that begins with the chain's name (「さくら調剤薬局 …」) gets
/// the store's full name in its place (「さくら調剤薬局 南口店 …」), not both;
/// any other title gets the name in front.
fn titled(title: &str, name: &str) -> String {
    if title.contains(name) {
        return title.to_string();
    }
    match title.split_once(' ') {
        Some((chain, rest)) if name.starts_with(chain) => format!("{name} {rest}"),
        _ => format!("{name} {title}"),
    }
}

#[cfg(test)]
mod tests {
    use super::titled;

    #[test]
    fn the_title_names_the_pharmacy_once() {
        let bcp = "サイバーインシデント発生時の事業継続計画（BCP）";
        let chain = format!("さくら調剤薬局 {bcp}");
        assert_eq!(
            titled(&chain, "さくら調剤薬局 南口店"),
            format!("さくら調剤薬局 南口店 {bcp}")
        );
        let store = format!("さくら調剤薬局 本町店 {bcp}");
        assert_eq!(titled(&store, "さくら調剤薬局 本町店"), store);
        assert_eq!(titled(bcp, "みどり薬局"), format!("みどり薬局 {bcp}"));
        assert_eq!(
            titled("Cyber BCP", "さくら調剤薬局"),
            "さくら調剤薬局 Cyber BCP"
        );
    }
}
