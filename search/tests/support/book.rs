//! Builds a real mdBook 0.5 site from chapters, with our search or with mdBook's stock search.
//!
//! Shared by the browser tests and the `seed_site` example (through `#[path]`). The renderer
//! here is the model for the CLI's: it wraps mdBook's `HtmlHandlebars` under the name `html`
//! and writes the search index after it.

use anyhow::{Context, Result};
use bcp_search::{SEARCHER_JS, write_search_files};
use mdbook_driver::MDBook;
use mdbook_html::HtmlHandlebars;
use mdbook_renderer::{RenderContext, Renderer};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// One chapter of a fixture book.
pub struct Chapter {
    /// Source path under `src/`, e.g. `ch2/2-2.md`.
    pub path: String,
    /// Name in `SUMMARY.md`.
    pub name: String,
    /// Nesting depth in `SUMMARY.md` (0 = top level).
    pub depth: usize,
    /// The chapter's Markdown.
    pub markdown: String,
}

/// Which search the site gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Search {
    /// `theme/bcp-search.js` and `bcp-searchindex.js`, mdBook's search JS off.
    Bcp,
    /// The same book with our JS but no index, as a stock `mdbook build` would leave it.
    BcpWithoutIndex,
    /// mdBook's own elasticlunr search.
    Stock,
}

/// The html renderer of the CLI: mdBook's, then our index.
pub struct BcpHtml;

impl Renderer for BcpHtml {
    fn name(&self) -> &str {
        "html"
    }

    fn render(&self, ctx: &RenderContext) -> Result<()> {
        HtmlHandlebars::new().render(ctx)?;
        write_search_files(&ctx.destination, &bcp_search::pages(&ctx.book))
    }
}

/// Writes the book's sources to `root` and builds it into `root/book`; returns the site dir.
pub fn build_site(
    root: &Path,
    title: &str,
    chapters: &[Chapter],
    search: Search,
) -> Result<PathBuf> {
    let src = root.join("src");
    let mut summary = String::from("# Summary\n\n");
    for ch in chapters {
        let file = src.join(&ch.path);
        std::fs::create_dir_all(file.parent().unwrap_or(&src))?;
        std::fs::write(&file, &ch.markdown)
            .with_context(|| format!("writing {}", file.display()))?;
        let indent = "  ".repeat(ch.depth);
        writeln!(summary, "{indent}- [{}]({})", ch.name, ch.path)?;
    }
    std::fs::write(src.join("SUMMARY.md"), summary)?;

    let mut toml = format!("[book]\ntitle = \"{title}\"\nlanguage = \"ja\"\n\n[output.html]\n");
    if search != Search::Stock {
        toml.push_str(
            "additional-js = [\"theme/bcp-search.js\"]\n\n[output.html.search]\ncopy-js = false\n",
        );
        std::fs::create_dir_all(root.join("theme"))?;
        std::fs::write(root.join("theme/bcp-search.js"), SEARCHER_JS)?;
    }
    std::fs::write(root.join("book.toml"), toml)?;

    let mut book = MDBook::load(root).context("loading the fixture book")?;
    if search == Search::Bcp {
        book.with_renderer(BcpHtml);
    }
    book.build().context("building the fixture book")?;
    Ok(root.join("book"))
}
