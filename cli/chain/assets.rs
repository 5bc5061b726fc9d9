//! Static files (fonts, style sheets, scripts) written once for all stores:
//! a store's file that is the same as the one under `book/stores/_assets/`
//! (same path, same bytes) is not written to the store's folder (mdBook
//! offers it first, [`Assets::offer`]) or is removed from it, and its pages
//! point there by a relative path (`../_assets/css/chrome-….css` from a
//! store's top page), so the whole `book/` still works from `file://` and
//! after it is copied elsewhere (a USB stick).
//!
//! A file another store wrote differently stays in its store (and its pages
//! keep pointing at it); files a page loads through `path_to_root` at run
//! time (the search index) always stay.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use anyhow::Context;

/// The shared folder, beside the stores' folders.
pub const ASSETS: &str = "_assets";

/// Files a page loads at run time from its own store (not by an attribute).
const PER_STORE: &[&str] = &["bcp-searchindex.js", "searchindex.js", "searchindex.json"];

/// The shared folder and what is in it (path → bytes), so that each store's
/// files are compared without reading the shared ones again.
pub struct Assets {
    dir: PathBuf,
    known: Mutex<HashMap<PathBuf, Arc<Vec<u8>>>>,
    /// Where the stores are built (`…/stores`), for [`Assets::offer`].
    stores: PathBuf,
    /// The shared folder of the book already built (an incremental build):
    /// its files are used as they are, new ones go to `dir` and are moved
    /// there at the end ([`Assets::publish`]).
    existing: Option<PathBuf>,
    /// The pages' shared scripts: (the page text each replaces, its file).
    pub scripts: Mutex<Vec<(String, String)>>,
}

impl Assets {
    /// The shared folder `dir`, for stores built under `stores`; with the
    /// `existing` shared folder of the book built before.
    pub fn new(dir: PathBuf, stores: PathBuf, existing: Option<PathBuf>) -> Assets {
        Assets {
            dir,
            known: Mutex::new(HashMap::new()),
            stores,
            existing,
            scripts: Mutex::new(Vec::new()),
        }
    }

    /// A static file a store's build is about to write at `path` (in the
    /// folder the store is built in, under the one where stores are built):
    /// `true` when the shared folder has (or now has) it with these bytes,
    /// and the store's build need not write it; [`Assets::share`] then points
    /// the store's pages at the shared copy. Without this the file is
    /// written, then moved by [`Assets::share`]: the result is the same.
    pub fn offer(&self, path: &Path, bytes: &[u8]) -> bool {
        let Ok(in_stores) = path.strip_prefix(&self.stores) else {
            return false;
        };
        // The store's folder (or the one it is built in before it is
        // swapped in), then the file's path in it.
        let mut parts = in_stores.components();
        if parts.next().is_none() {
            return false;
        }
        let rel = parts.as_path().to_path_buf();
        if rel.as_os_str().is_empty() || !is_static(&rel) {
            return false;
        }
        let same = self
            .known
            .lock()
            .expect("not poisoned")
            .get(&rel)
            .map(|existing| existing.as_slice() == bytes);
        match same {
            Some(same) => same,
            None => self.take(&rel, bytes.to_vec()).unwrap_or(false),
        }
    }

    /// Moves the static files of the store at `store` that are (or become)
    /// the shared ones to the shared folder, and points its pages there.
    pub fn share(&self, store: &Path) -> anyhow::Result<()> {
        // The static files the store's build wrote: those written alike are
        // moved to the shared folder.
        let mut written: std::collections::HashSet<PathBuf> = Default::default();
        let mut shared: Vec<PathBuf> = Vec::new();
        for entry in walkdir::WalkDir::new(store).sort_by_file_name() {
            let entry = entry?;
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry.path().strip_prefix(store)?.to_path_buf();
            if !is_static(&rel) {
                continue;
            }
            let bytes = std::fs::read(entry.path())?;
            if self.take(&rel, bytes)? {
                std::fs::remove_file(entry.path())?;
                shared.push(rel.clone());
            }
            written.insert(rel);
        }
        // And those it did not write: offered and taken while it was built.
        shared.extend(
            self.known
                .lock()
                .expect("not poisoned")
                .keys()
                .filter(|rel| is_static(rel) && !written.contains(*rel))
                .cloned(),
        );
        // Per folder of pages: each shared file's link from there → its
        // shared copy's.
        let mut links: HashMap<PathBuf, HashMap<String, String>> = HashMap::new();
        for entry in walkdir::WalkDir::new(store).contents_first(true) {
            let entry = entry?;
            let path = entry.path();
            if entry.file_type().is_dir() {
                // Emptied by the moves above (fails, as it should, if not).
                let _ = std::fs::remove_dir(path);
                continue;
            }
            if path.extension().is_some_and(|x| x == "html") {
                let rel = path.strip_prefix(store)?;
                let html = std::fs::read_to_string(path)
                    .with_context(|| format!("{} を読めません", path.display()))?;
                let compact = super::compact::page(&html, rel, self)?;
                let dir = rel.parent().unwrap_or(Path::new("")).to_path_buf();
                let map = links
                    .entry(dir)
                    .or_insert_with_key(|dir| links_from(dir, &shared));
                let new = repoint_with(&compact, map).unwrap_or(compact);
                if new != html {
                    std::fs::write(path, new)?;
                }
            }
        }
        Ok(())
    }

    /// Moves the files new in this build to the shared folder `to` (that of
    /// the book built before), leaving those it has.
    pub fn publish(&self, to: &Path) -> anyhow::Result<()> {
        if !self.dir.is_dir() {
            return Ok(());
        }
        for entry in walkdir::WalkDir::new(&self.dir).sort_by_file_name() {
            let entry = entry?;
            if !entry.file_type().is_file() {
                continue;
            }
            let target = to.join(entry.path().strip_prefix(&self.dir)?);
            if target.exists() {
                continue;
            }
            std::fs::create_dir_all(target.parent().expect("a file in a folder"))?;
            std::fs::rename(entry.path(), &target)
                .with_context(|| format!("{} に書き込めません", target.display()))?;
        }
        Ok(())
    }

    /// Puts a file named by its content (`page-<hash>.js`) in the shared
    /// folder, unless it is there already.
    pub fn put(&self, rel: &Path, bytes: &[u8]) -> anyhow::Result<()> {
        if self.known.lock().expect("not poisoned").contains_key(rel) {
            return Ok(());
        }
        match self.take(rel, bytes.to_vec())? {
            true => Ok(()),
            false => anyhow::bail!("{} が二通りあります", self.dir.join(rel).display()),
        }
    }

    /// True when the shared folder has (or now has) `rel` with these bytes.
    fn take(&self, rel: &Path, bytes: Vec<u8>) -> anyhow::Result<bool> {
        let mut known = self.known.lock().expect("not poisoned");
        if !known.contains_key(rel)
            && let Some(b) = std::iter::once(&self.dir)
                .chain(&self.existing)
                .find_map(|dir| std::fs::read(dir.join(rel)).ok())
        {
            known.insert(rel.to_path_buf(), Arc::new(b));
        }
        if let Some(existing) = known.get(rel) {
            return Ok(**existing == bytes);
        }
        let path = self.dir.join(rel);
        std::fs::create_dir_all(path.parent().expect("a file in a folder"))?;
        // Written whole under another name, then renamed: a reader never
        // sees half a file.
        let tmp = path.with_extension("bcp-tmp");
        std::fs::write(&tmp, &bytes)
            .with_context(|| format!("{} に書き込めません", tmp.display()))?;
        std::fs::rename(&tmp, &path)?;
        known.insert(rel.to_path_buf(), Arc::new(bytes));
        Ok(true)
    }
}

/// A file every store's build writes alike: not a page, not a PDF, not a
/// file loaded at run time from the store.
fn is_static(rel: &Path) -> bool {
    let name = rel.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let ext = rel.extension().and_then(|x| x.to_str()).unwrap_or("");
    !matches!(ext, "html" | "pdf" | "bcp-tmp") && !PER_STORE.contains(&name)
}

/// `html` (the page at `page`, relative to its store) with every attribute
/// that points at one of `shared` pointing at the shared copy instead; `None`
/// when nothing changed.
#[cfg(test)]
fn repoint(html: &str, page: &Path, shared: &[PathBuf]) -> Option<String> {
    let dir = page.parent().unwrap_or(Path::new(""));
    repoint_with(html, &links_from(dir, shared))
}

/// For the pages in folder `dir` (relative to their store): the link to each
/// of `shared` → the link to its shared copy.
fn links_from(dir: &Path, shared: &[PathBuf]) -> HashMap<String, String> {
    let up = "../".repeat(dir.components().count());
    shared
        .iter()
        .map(|a| {
            let a_str = a.to_string_lossy().replace('\\', "/");
            (relative(dir, a), format!("{up}../{ASSETS}/{a_str}"))
        })
        .collect()
}

/// `html` with every attribute found in `map` replaced; `None` when nothing
/// changed.
fn repoint_with(html: &str, map: &HashMap<String, String>) -> Option<String> {
    // Only values as long as a link in `map` are looked up.
    let shortest = map.keys().map(String::len).min()?;
    let longest = map.keys().map(String::len).max()?;
    let mut out = String::new();
    // `html[..copied]` is in `out`; the search goes on from `from`.
    let mut copied = 0;
    let mut from = 0;
    // Every attribute value in double quotes: `="…"`.
    while let Some(q) = html[from..].find('"').map(|q| from + q) {
        if q == from || html.as_bytes()[q - 1] != b'=' {
            from = q + 1;
            continue;
        }
        let start = q + 1;
        let Some(len) = html[start..].find('"') else {
            break;
        };
        let value = &html[start..start + len];
        if (shortest..=longest).contains(&len)
            && let Some(new) = map.get(value)
        {
            if out.is_empty() {
                out.reserve(html.len() + 1024);
            }
            out.push_str(&html[copied..start]);
            out.push_str(new);
            copied = start + len;
        }
        // The closing quote starts the next search (as `="` it cannot be).
        from = start + len;
    }
    if copied == 0 {
        return None;
    }
    out.push_str(&html[copied..]);
    Some(out)
}

/// The relative URL of `to` (relative to the store) from folder `from`.
fn relative(from: &Path, to: &Path) -> String {
    let from: Vec<_> = from.components().collect();
    let to: Vec<_> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); from.len() - common];
    parts.extend(
        to[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_point_at_the_shared_copy_from_any_depth() {
        let shared = vec![PathBuf::from("css/a.css"), PathBuf::from("en/book.js")];
        let html = r#"<link href="css/a.css"><script src="toc.js"></script>"#;
        assert_eq!(
            repoint(html, Path::new("index.html"), &shared).unwrap(),
            r#"<link href="../_assets/css/a.css"><script src="toc.js"></script>"#
        );
        let html = r#"<link href="../css/a.css"><script src="../book.js"></script>"#;
        assert_eq!(
            repoint(html, Path::new("ch1/1-1.html"), &shared).unwrap(),
            r#"<link href="../../_assets/css/a.css"><script src="../book.js"></script>"#
        );
        let html = r#"<script src="../book.js"></script>"#;
        assert_eq!(
            repoint(html, Path::new("en/ch1/1-1.html"), &shared).unwrap(),
            r#"<script src="../../../_assets/en/book.js"></script>"#
        );
        assert!(repoint("<p>x</p>", Path::new("a.html"), &shared).is_none());
        assert!(!is_static(Path::new("bcp-searchindex.js")));
        assert!(is_static(Path::new("fonts/a.woff2")));
    }
}
