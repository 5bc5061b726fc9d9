//! The `html` renderer: mdBook's own, then the Japanese search index built from
//! the same preprocessed chapters (data blocks included).

use mdbook_driver::book::{Book, BookItem};
use mdbook_html::HtmlHandlebars;
use mdbook_renderer::{RenderContext, Renderer};

/// Registered under mdBook's name `html`, so it replaces the stock renderer.
pub struct BcpHtml;

impl Renderer for BcpHtml {
    fn name(&self) -> &str {
        "html"
    }

    fn render(&self, ctx: &RenderContext) -> anyhow::Result<()> {
        HtmlHandlebars::new().render(ctx)?;
        bcp_search::write_search_files(&ctx.destination, &pages(&ctx.book))
    }
}

/// The book's pages as the search index wants them.
fn pages(book: &Book) -> Vec<bcp_search::Page> {
    book.iter()
        .filter_map(|item| match item {
            BookItem::Chapter(ch) => Some(ch),
            _ => None,
        })
        .filter_map(|ch| {
            let path = ch.path.as_ref()?.with_extension("html");
            Some(bcp_search::Page {
                path: path.to_string_lossy().replace('\\', "/"),
                title: ch.name.clone(),
                breadcrumb: ch.parent_names.clone(),
                markdown: ch.content.clone(),
            })
        })
        .collect()
}
