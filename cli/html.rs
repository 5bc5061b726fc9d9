//! The `html` renderer: mdBook's own, then our extra files (Japanese search index).

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
        Ok(())
    }
}
