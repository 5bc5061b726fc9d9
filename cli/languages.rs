//! The language switch in every page's header: links to the same page in each
//! language of the site (Japanese at the root, the others under `LANG/`).
//! Written into the HTML after all languages are built, so each link is a
//! plain relative href that works from file:// and is checked to exist.

use std::path::{Path, PathBuf};

use anyhow::Context;

/// The name of a language in that language.
pub fn name(lang: &str) -> &str {
    match lang {
        "ja" => "日本語",
        "en" => "English",
        "zh" => "中文",
        "ko" => "한국어",
        "vi" => "Tiếng Việt",
        other => other,
    }
}

/// Where mdBook's header keeps its buttons on the right (mdbook-html 0.5).
const ANCHOR: &str = r#"<div class="right-buttons">"#;

/// Adds the switch to every page of every language under `site`; the first
/// language is at the root.
pub fn add_switch(site: &Path, languages: &[String]) -> anyhow::Result<()> {
    let root_of = |i: usize| -> PathBuf {
        if i == 0 {
            site.to_path_buf()
        } else {
            site.join(&languages[i])
        }
    };
    for (i, lang) in languages.iter().enumerate() {
        let root = root_of(i);
        for page in pages(&root, if i == 0 { &languages[1..] } else { &[] })? {
            let rel = page.strip_prefix(&root).unwrap_or(&page).to_path_buf();
            let depth = rel.components().count() - 1;
            let mut links = String::new();
            for (j, other) in languages.iter().enumerate() {
                let up = "../".repeat(depth + usize::from(i != 0));
                let prefix = if j == 0 { up } else { format!("{up}{other}/") };
                let target = if root_of(j).join(&rel).is_file() {
                    rel.to_string_lossy().replace('\\', "/")
                } else {
                    "index.html".to_string()
                };
                if j == i {
                    links.push_str(&format!(
                        r#"<a lang="{other}" hreflang="{other}" href="{prefix}{target}" aria-current="true">{}</a>"#,
                        name(other)
                    ));
                } else {
                    links.push_str(&format!(
                        r#"<a lang="{other}" hreflang="{other}" href="{prefix}{target}">{}</a>"#,
                        name(other)
                    ));
                }
            }
            let html = std::fs::read_to_string(&page)
                .with_context(|| format!("{} を読めません", page.display()))?;
            let Some(at) = html.find(ANCHOR) else {
                continue;
            };
            let at = at + ANCHOR.len();
            let nav = format!(
                r#"<nav class="bcp-lang" aria-label="{}">{links}</nav>"#,
                if lang == "ja" { "言語" } else { "Language" }
            );
            let html = format!("{}{nav}{}", &html[..at], &html[at..]);
            std::fs::write(&page, html)
                .with_context(|| format!("{} に書き込めません", page.display()))?;
        }
    }
    Ok(())
}

/// The HTML pages under `root`, leaving out the folders of `skip` languages.
fn pages(root: &Path, skip: &[String]) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let walker = walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() != 1 || !skip.iter().any(|s| e.file_name() == s.as_str()));
    for entry in walker {
        let entry = entry?;
        if entry.file_type().is_file() && entry.path().extension().is_some_and(|x| x == "html") {
            out.push(entry.into_path());
        }
    }
    Ok(out)
}
