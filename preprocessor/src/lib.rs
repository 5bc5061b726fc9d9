//! mdbook-bcp: an mdBook preprocessor that fills a cyber-incident BCP
//! (サイバーインシデント発生時の事業継続計画) from the pharmacy's data.
//!
//! Chapters carry the template's prose; `data/*.toml` carries the facts once.
//! Fenced `bcp NAME` blocks become tables rendered through minijinja templates,
//! `{bcp:PATH}` prints one value, and `<!-- bcp:KIND -->` regions are shown or
//! hidden per edition (the blank 雛形 or the pharmacy's plan).

pub mod chapter;
pub mod check;
pub mod config;
pub mod data;
pub mod date;
pub mod diag;
pub mod eol;
pub mod escape;
pub mod i18n;
pub mod model;
pub mod render;

use anyhow::Context;
use mdbook_preprocessor::book::{Book, BookItem};
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};
use minijinja::value::Value;

pub use config::{BcpConfig, Edition};

/// The preprocessor, registered as `[preprocessor.bcp]`.
#[derive(Debug, Default, Clone, Copy)]
pub struct Bcp;

impl Bcp {
    pub const NAME: &'static str = "bcp";
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
        expand_book(&ctx.root, &ctx.config.book.src, &config, book)
    }

    /// Translation templates (`xgettext`) must not see data values.
    fn supports_renderer(&self, renderer: &str) -> mdbook_preprocessor::errors::Result<bool> {
        Ok(renderer != "xgettext")
    }
}

/// Expands every chapter of `book` for the configured edition.
pub fn expand_book(
    root: &std::path::Path,
    src: &std::path::Path,
    config: &BcpConfig,
    mut book: Book,
) -> anyhow::Result<Book> {
    let data = data::BookData::load(root, &config.data)?;
    let renderer = render::Renderer::new(config.edition, Some(&root.join(&config.templates)))
        .context("テンプレートを読み込めません")?;
    let json = data.context();
    let expander = chapter::Expander {
        renderer: &renderer,
        edition: config.edition,
        json: &json,
        value: Value::from_serialize(&json),
    };
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
