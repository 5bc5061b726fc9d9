//! Japanese full-text search for the BCP book.
//!
//! mdBook's own search splits text on whitespace, so Japanese, which has no spaces, is not
//! indexed at all (mdBook issue #1081). This crate replaces it:
//!
//! - at build time, [`write_search_files`] splits every chapter into sections at its headings
//!   and writes their plain text to `bcp-searchindex.js` in the site root;
//! - in the browser, [`SEARCHER_JS`] (shipped as `theme/bcp-search.js` through
//!   `[output.html] additional-js`) loads that file with a `<script>` tag, so it works from
//!   `file://` as well as over http, and searches the text itself: every section that holds
//!   the query (after normalising width, case and kana) is found, ranked title-first and
//!   dense-first; a query that occurs nowhere as typed, such as a question, is split into its
//!   content words and ranked by how much of it a section covers.
//!
//! The pipeline, one module each: [`html`] strips raw HTML in chapters down to text,
//! [`text`] collects text with block boundaries, [`anchor`] reproduces mdBook's heading ids,
//! [`extract`] turns a chapter's Markdown into sections, [`index`] writes the index file.

pub mod anchor;
pub mod extract;
pub mod html;
pub mod index;
pub mod text;

pub use index::{INDEX_FILE, write_search_files};

/// The browser searcher: add it to the book with `additional-js = ["theme/bcp-search.js"]`.
///
/// It implements mdBook 0.5's search UI (the `#mdbook-search*` elements that mdBook keeps
/// when `[output.html.search] copy-js = false`), its keyboard shortcuts, and the highlighting of
/// matches on the target page (`?highlight=`).
pub const SEARCHER_JS: &str = include_str!("../../theme/bcp-search.js");

/// One rendered chapter of the book, as the html renderer sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Path of the html file relative to the site root, e.g. `ch2/2-2.html`.
    pub path: String,
    /// The chapter's name (as in `SUMMARY.md`).
    pub title: String,
    /// Names of the parent chapters, outermost first.
    pub breadcrumb: Vec<String>,
    /// The chapter's Markdown after all preprocessors ran.
    pub markdown: String,
}

/// The pages of a preprocessed mdBook book (chapters with a file; drafts skipped).
pub fn pages(book: &mdbook_core::book::Book) -> Vec<Page> {
    book.iter()
        .filter_map(|item| match item {
            mdbook_core::book::BookItem::Chapter(ch) => Some(ch),
            _ => None,
        })
        .filter_map(|ch| {
            let path = ch.path.as_ref()?.with_extension("html");
            Some(Page {
                path: path.to_string_lossy().replace('\\', "/"),
                title: ch.name.clone(),
                breadcrumb: ch.parent_names.clone(),
                markdown: ch.content.clone(),
            })
        })
        .collect()
}
