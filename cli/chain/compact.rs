//! A store's pages without what every page of every store repeats: around
//! the page's own content (`<main>`), the page template's inline scripts and
//! icon templates become shared files under `_assets/` (loaded by a plain
//! `<script src>` at the same place, so they run in the same order), and its
//! indentation and comments go. A thousand stores of some thirty pages each
//! then hold about a third less. The content itself is left as mdBook wrote it.

use std::path::Path;

use super::assets::{ASSETS, Assets};

/// Inline scripts shorter than this stay inline.
const MIN_SCRIPT: usize = 120;

/// `html` (the page at `page`, relative to its store) compacted; shared
/// scripts are given to `assets`. A page without `<main>` is left as it is.
pub fn page(html: &str, page: &Path, assets: &Assets) -> anyhow::Result<String> {
    let (Some(start), Some(end)) = (html.find("<main>"), html.rfind("</main>")) else {
        return Ok(html.to_string());
    };
    let up = "../".repeat(page.parent().map_or(0, |d| d.components().count()));
    let mut out = String::with_capacity(html.len());
    out.push_str(&around(&html[..start], &up, assets)?);
    out.push_str(&html[start..end]);
    out.push_str(&around(&html[end..], &up, assets)?);
    Ok(out)
}

/// One part of the page template around the content.
fn around(part: &str, up: &str, assets: &Assets) -> anyhow::Result<String> {
    let part = templates_to_script(part, up, assets)?;
    let part = scripts_to_files(&part, up, assets)?;
    Ok(without_comments_and_indent(&part))
}

/// The `<script src>` of a shared script file holding `js`.
fn shared_script(js: &str, up: &str, assets: &Assets) -> anyhow::Result<String> {
    shared_script_of(js, || js.to_string(), up, assets)
}

/// The `<script src>` of a shared script file holding `js()`, made from
/// `key` (the page's text it replaces): every page of every store repeats
/// the same few, each made and named (hashed) once.
fn shared_script_of(
    key: &str,
    js: impl FnOnce() -> String,
    up: &str,
    assets: &Assets,
) -> anyhow::Result<String> {
    let known = assets
        .scripts
        .lock()
        .expect("not poisoned")
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, name)| name.clone());
    let name = match known {
        Some(name) => name,
        None => {
            let js = js();
            let name = format!("page-{:016x}.js", super::fnv(js.as_bytes()));
            assets.put(Path::new(&name), js.as_bytes())?;
            let mut scripts = assets.scripts.lock().expect("not poisoned");
            if !scripts.iter().any(|(k, _)| k == key) {
                scripts.push((key.to_string(), name.clone()));
            }
            name
        }
    };
    Ok(format!("<script src=\"{up}../{ASSETS}/{name}\"></script>"))
}

/// Inline `<script>` elements (without attributes) become shared files; a
/// script that sets the page's own values (`path_to_root`) stays.
fn scripts_to_files(part: &str, up: &str, assets: &Assets) -> anyhow::Result<String> {
    const OPEN: &str = "<script>";
    const CLOSE: &str = "</script>";
    let mut out = String::with_capacity(part.len());
    let mut rest = part;
    while let Some(at) = rest.find(OPEN) {
        let body_start = at + OPEN.len();
        let Some(len) = rest[body_start..].find(CLOSE) else {
            break;
        };
        let body = &rest[body_start..body_start + len];
        out.push_str(&rest[..at]);
        if body.len() < MIN_SCRIPT || body.contains("path_to_root =") {
            out.push_str(&rest[at..body_start + len + CLOSE.len()]);
        } else {
            out.push_str(&shared_script(body, up, assets)?);
        }
        rest = &rest[body_start + len + CLOSE.len()..];
    }
    out.push_str(rest);
    Ok(out)
}

/// A run of `<template id=…>` elements (the icons scripts clone) becomes
/// one shared script that writes them at the same place.
fn templates_to_script(part: &str, up: &str, assets: &Assets) -> anyhow::Result<String> {
    const OPEN: &str = "<template";
    const CLOSE: &str = "</template>";
    let Some(first) = part.find(OPEN) else {
        return Ok(part.to_string());
    };
    let mut end = first;
    loop {
        let Some(len) = part[end..].find(CLOSE) else {
            return Ok(part.to_string());
        };
        end += len + CLOSE.len();
        let next = part[end..].trim_start();
        if !next.starts_with(OPEN) {
            break;
        }
        end = part.len() - next.len();
    }
    let js = || {
        let templates: String = part[first..end]
            .lines()
            .map(str::trim)
            .collect::<Vec<_>>()
            .join("\n");
        format!(
            "document.currentScript.insertAdjacentHTML(\"beforebegin\", {});\n",
            serde_json::to_string(&templates).expect("a string")
        )
    };
    Ok(format!(
        "{}{}{}",
        &part[..first],
        shared_script_of(&part[first..end], js, up, assets)?,
        &part[end..]
    ))
}

/// Without leading spaces on each line, blank lines and `<!-- … -->`
/// comments (a `<!--! … -->` licence note stays).
fn without_comments_and_indent(part: &str) -> String {
    let mut text = String::with_capacity(part.len());
    let mut rest = part;
    while let Some(at) = rest.find("<!--") {
        let Some(len) = rest[at..].find("-->") else {
            break;
        };
        let keep = rest[at..].starts_with("<!--!");
        text.push_str(&rest[..at]);
        if keep {
            text.push_str(&rest[at..at + len + 3]);
        }
        rest = &rest[at + len + 3..];
    }
    text.push_str(rest);
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let line = line.trim_start_matches([' ', '\t']);
        if line.trim().is_empty() {
            continue;
        }
        out.push_str(line);
    }
    // The part's last line may end without a newline (just before `<main>`).
    if !text.ends_with('\n') && out.ends_with('\n') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_indent_go_licence_notes_stay() {
        assert_eq!(
            without_comments_and_indent("    <p>\n\n  <!-- x -->\n  <svg><!--! FA --></svg>\n"),
            "<p>\n<svg><!--! FA --></svg>\n"
        );
    }

    #[test]
    fn scripts_and_templates_become_shared_files_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let assets = Assets::new(dir.path().to_path_buf(), dir.path().join("stores"), None);
        let long = "x".repeat(200);
        let html = format!(
            "<head><script>const path_to_root = \"../\";{long}</script></head><body>\
             <main>\n    <pre>  kept</pre>\n</main>\n  <template id=a><b>A</b></template>\n  \
             <template id=b>B</template>\n  <script>{long}</script>\n</body>"
        );
        let out = page(&html, Path::new("ch1/1-1.html"), &assets).unwrap();
        assert!(out.contains("path_to_root"), "the page's own values stay");
        assert!(out.contains("<main>\n    <pre>  kept</pre>\n</main>"));
        assert!(!out.contains("<template"));
        let scripts: Vec<&str> = out.matches("<script src=\"../../_assets/page-").collect();
        assert_eq!(scripts.len(), 2, "{out}");
        let files: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(files.len(), 2);
    }
}
