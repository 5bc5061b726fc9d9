//! The index file the browser searcher loads.
//!
//! `bcp-searchindex.js` is a script, not JSON, so that a `<script>` tag can load it from
//! `file://` (where `fetch()` fails). It assigns one object to `window.bcpSearchIndex`:
//!
//! ```js
//! window.bcpSearchIndex = {"v":1,
//!   "pages": [["ch2/2-2.html", "2.2 非常時に備えた…", ["第2章 体制整備"]], …],
//!   "sections": [[0, "s2-2-1", "2.2.1 連絡体制図", "調剤継続及び…\n…"], …]};
//! ```
//!
//! `pages` holds each page's path, title and breadcrumb; `sections` holds, per section, the
//! index of its page, its anchor, its heading and its text (blocks separated by `'\n'`). The
//! text is shipped as written: the searcher normalises it on load with the same function it
//! applies to queries, so text and query can never be normalised differently.

use crate::Page;
use crate::extract::sections;
use anyhow::{Context, Result};
use serde::Serialize;
use std::path::Path;

/// File name of the index, written to the site root.
pub const INDEX_FILE: &str = "bcp-searchindex.js";

/// Format version; the searcher refuses an index of another version.
pub const FORMAT_VERSION: u32 = 1;

/// The index as serialised: tuples keep the file small.
#[derive(Debug, Serialize)]
struct Index<'a> {
    v: u32,
    pages: Vec<(String, &'a str, &'a [String])>,
    sections: Vec<(usize, String, String, String)>,
}

/// Builds the index script for `pages` (same pages, same bytes).
pub fn index_script(pages: &[Page]) -> Result<String> {
    let mut index = Index {
        v: FORMAT_VERSION,
        pages: Vec::with_capacity(pages.len()),
        sections: Vec::new(),
    };
    for (i, page) in pages.iter().enumerate() {
        index.pages.push((
            page.path.replace('\\', "/"),
            page.title.as_str(),
            page.breadcrumb.as_slice(),
        ));
        for s in sections(&page.markdown) {
            index.sections.push((i, s.anchor, s.title, s.text));
        }
    }
    let json = serde_json::to_string(&index).context("cannot serialise the search index")?;
    Ok(format!("window.bcpSearchIndex = {json};\n"))
}

/// Writes the search index for `pages` to `build_dir/bcp-searchindex.js`.
///
/// Call it after mdBook's html renderer has written the site into `build_dir`. The output is
/// deterministic: the same pages give the same bytes.
pub fn write_search_files(build_dir: &Path, pages: &[Page]) -> Result<()> {
    let script = index_script(pages)?;
    let path = build_dir.join(INDEX_FILE);
    std::fs::write(&path, script)
        .with_context(|| format!("cannot write the search index {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str, title: &str, markdown: &str) -> Page {
        Page {
            path: path.into(),
            title: title.into(),
            breadcrumb: vec!["第2章 体制整備".into()],
            markdown: markdown.into(),
        }
    }

    #[test]
    fn index_lists_pages_and_sections() {
        let pages = [
            page(
                "ch2/2-2.html",
                "2.2 体制",
                "# 2.2 体制 {#s2-2}\n\n## 2.2.1 連絡体制図 {#s2-2-1}\n\n警察の連絡先。\n",
            ),
            page("ch2/2-3.html", "2.3 戦略", "# 2.3 戦略\n\n紙運用\n"),
        ];
        let script = index_script(&pages).unwrap();
        let json = script
            .strip_prefix("window.bcpSearchIndex = ")
            .and_then(|s| s.strip_suffix(";\n"))
            .unwrap();
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(
            value,
            serde_json::json!({
                "v": 1,
                "pages": [
                    ["ch2/2-2.html", "2.2 体制", ["第2章 体制整備"]],
                    ["ch2/2-3.html", "2.3 戦略", ["第2章 体制整備"]],
                ],
                "sections": [
                    [0, "s2-2", "2.2 体制", ""],
                    [0, "s2-2-1", "2.2.1 連絡体制図", "警察の連絡先。"],
                    [1, "23-戦略", "2.3 戦略", "紙運用"],
                ],
            })
        );
        assert!(
            script.contains("警察の連絡先"),
            "text is stored as UTF-8, not escaped"
        );
    }

    #[test]
    fn output_is_deterministic() {
        let pages = [page("a.html", "A", "# A\n\n本文 *強調* <b>タグ</b>\n")];
        let dir = tempfile::tempdir().unwrap();
        write_search_files(dir.path(), &pages).unwrap();
        let first = std::fs::read(dir.path().join(INDEX_FILE)).unwrap();
        write_search_files(dir.path(), &pages).unwrap();
        let second = std::fs::read(dir.path().join(INDEX_FILE)).unwrap();
        assert_eq!(first, second);
        assert_eq!(first, index_script(&pages).unwrap().into_bytes());
    }

    #[test]
    fn script_cannot_be_broken_by_text() {
        let pages = [page("a.html", "A", "# A\n\n`</script>` \"引用\" \\ \n")];
        let script = index_script(&pages).unwrap();
        let json = &script["window.bcpSearchIndex = ".len()..script.len() - 2];
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        // Smart punctuation curls the quotes, as in the rendered page.
        assert_eq!(value["sections"][0][3], "</script> “引用” \\");
    }
}
