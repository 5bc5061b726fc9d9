//! The `html` renderer: mdBook's own, then the Japanese search index built from
//! the same preprocessed chapters (data blocks included).

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
        bcp_search::write_search_files(&ctx.destination, &bcp_search::pages(&ctx.book))
    }
}
