//! The `html` renderer: mdBook's own, then the Japanese search index built from
//! the same preprocessed chapters (data blocks included).

use std::sync::Arc;

use mdbook_html::{HtmlHandlebars, TemplateCache};
use mdbook_renderer::{RenderContext, Renderer};

/// Registered under mdBook's name `html`, so it replaces the stock renderer.
/// Renderers sharing one [`TemplateCache`] compile the theme's templates once.
#[derive(Default, Clone)]
pub struct BcpHtml {
    pub templates: Arc<TemplateCache>,
}

impl Renderer for BcpHtml {
    fn name(&self) -> &str {
        "html"
    }

    fn render(&self, ctx: &RenderContext) -> anyhow::Result<()> {
        HtmlHandlebars::new().render_cached(ctx, &self.templates)?;
        bcp_search::write_search_files(&ctx.destination, &bcp_search::pages(&ctx.book))
    }
}
