//! mdbook-bcp: an mdBook preprocessor that fills a cyber-incident BCP
//! (サイバーインシデント発生時の事業継続計画) from the pharmacy's data.
//!
//! Chapters carry the template's prose; `data/*.toml` carries the facts once.
//! Fenced `bcp NAME` blocks become tables rendered through minijinja templates,
//! `{bcp:PATH}` prints one value, and `<!-- bcp:KIND -->` regions are shown or
//! hidden per edition (the blank 雛形 or the pharmacy's plan).

pub mod blocks;
pub mod chain;
pub mod chapter;
pub mod check;
pub mod command;
pub mod config;
pub mod context;
pub mod data_file;
pub mod date;
pub mod diag;
pub mod diagram;
pub mod eol;
pub mod escape;
pub mod export;
pub mod i18n;
pub mod markdown;
pub mod messages;
pub mod model;
pub mod plan;
pub mod render;
pub mod scope;
pub mod sheets;
pub mod source_map;
pub mod starter;
pub mod toml_errors;

use std::path::Path;
use std::sync::Arc;

use anyhow::Context;
use mdbook_preprocessor::book::{Book, BookItem};
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};

pub use config::{BcpConfig, Edition};

/// The preprocessor, registered as `[preprocessor.bcp]`.
#[derive(Debug, Default, Clone)]
pub struct Bcp {
    /// Labels already read by the caller; else read from the book's po file.
    labels: Option<i18n::Labels>,
    /// The book's data already read by the caller; else read in each run.
    data: Option<Arc<BookData>>,
}

impl Bcp {
    pub const NAME: &'static str = "bcp";

    /// The preprocessor with the labels of the language being built.
    pub fn with_labels(labels: i18n::Labels) -> Bcp {
        Bcp {
            labels: Some(labels),
            data: None,
        }
    }

    /// [`Bcp::with_labels`], with the book's data read once for every
    /// language of a build (it must be read with the book's own config).
    pub fn with_data(labels: i18n::Labels, data: Arc<BookData>) -> Bcp {
        Bcp {
            labels: Some(labels),
            data: Some(data),
        }
    }
}

/// What a book's expansion reads from its folders, the same in every
/// language: the plan, the check rules and the revision notes (the last two
/// shared by the stores of a chain).
#[derive(Debug)]
pub struct BookData {
    pub plan: plan::Plan,
    pub rules: Arc<check::Rules>,
    pub revisions: Arc<Vec<blocks::revision::Note>>,
    /// For a plan merged by the caller (a chain's store, handed in memory):
    /// moves each finding about the merged data to the file and line its
    /// value was written in.
    pub places: Option<Arc<dyn PlaceFindings>>,
}

/// Puts the findings of a check at the files the data was written in, when
/// the plan checked was made from them in memory ([`chain::StorePlaces`]).
pub trait PlaceFindings: std::fmt::Debug + Send + Sync {
    fn place(&self, report: &mut check::Report);
}

impl BookData {
    /// Reads the data of the book at `root` as `config` says.
    pub fn load(root: &Path, config: &BcpConfig) -> anyhow::Result<BookData> {
        Ok(BookData {
            plan: plan::Plan::load(root, &config.data)?,
            rules: Arc::new(check::Rules::for_book(root, config)?),
            revisions: Arc::new(blocks::revision::for_book(&root.join(&config.rules))?),
            places: None,
        })
    }
}

impl Preprocessor for Bcp {
    fn name(&self) -> &str {
        Self::NAME
    }

    fn run(
        &self,
        ctx: &PreprocessorContext,
        book: Book,
    ) -> mdbook_preprocessor::errors::Result<Book> {
        let config = BcpConfig::from_book(&ctx.config)?;
        // A language listed in `languages` after the source is a translation;
        // anything else (mdBook's default is "en") is the Japanese book itself.
        let labels = match (&self.labels, ctx.config.book.language.as_deref()) {
            (Some(labels), _) => labels.clone(),
            (None, Some(lang)) if config.translations().iter().any(|l| l == lang) => {
                i18n::Labels::load(&ctx.root, &config.po_dir, lang)?
            }
            _ => i18n::Labels::source(),
        };
        match &self.data {
            Some(data) => expand_book_with(
                &ctx.root,
                &ctx.config.book.src,
                &config,
                &labels,
                data,
                book,
            ),
            None => expand_book_in(&ctx.root, &ctx.config.book.src, &config, &labels, book),
        }
    }

    /// Translation templates (`xgettext`) must not see data values.
    fn supports_renderer(&self, renderer: &str) -> mdbook_preprocessor::errors::Result<bool> {
        Ok(renderer != "xgettext")
    }
}

/// Expands every chapter of `book` for the configured edition.
pub fn expand_book(
    root: &Path,
    src: &Path,
    config: &BcpConfig,
    book: Book,
) -> anyhow::Result<Book> {
    expand_book_in(root, src, config, &i18n::Labels::source(), book)
}

/// [`expand_book`] for a translated book: labels and the data's template
/// wording in the language of `labels`.
pub fn expand_book_in(
    root: &Path,
    src: &Path,
    config: &BcpConfig,
    labels: &i18n::Labels,
    book: Book,
) -> anyhow::Result<Book> {
    // Files → plan → check report → template context → Markdown.
    let data = BookData::load(root, config)?;
    expand_book_with(root, src, config, labels, &data, book)
}

/// [`expand_book_in`] with the book's data already read.
pub fn expand_book_with(
    root: &Path,
    src: &Path,
    config: &BcpConfig,
    labels: &i18n::Labels,
    data: &BookData,
    mut book: Book,
) -> anyhow::Result<Book> {
    let chapters: Vec<(&str, &str)> = book
        .iter()
        .filter_map(|item| match item {
            BookItem::Chapter(ch) => Some((ch.name.as_str(), ch.content.as_str())),
            _ => None,
        })
        .collect();
    let scope = scope::Scope::of_chapters(chapters, config);
    let mut report = check::check_with(&data.plan, &scope, &data.rules);
    if let Some(places) = &data.places {
        places.place(&mut report);
    }
    let mut json = context::build_for_book(&data.plan, &report, &data.revisions);
    i18n::translate_data(&mut json, labels);
    let renderer =
        render::Renderer::new_in(config.edition, Some(&root.join(&config.templates)), labels)
            .context("テンプレートを読み込めません")?;
    let expander = chapter::Expander::new(renderer, config.edition, json);
    let mut result = Ok(());
    book.for_each_mut(|item| {
        let BookItem::Chapter(chapter) = item else {
            return;
        };
        let Some(path) = &chapter.source_path else {
            return;
        };
        if result.is_err() {
            return;
        }
        match expander.expand(&src.join(path), &chapter.content) {
            Ok(content) => chapter.content = content,
            Err(e) => result = Err(e),
        }
    });
    result?;
    Ok(book)
}
