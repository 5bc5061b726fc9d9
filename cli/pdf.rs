//! `bcp build --pdf`: prints the print documents to PDF in one headless
//! Chromium session per build (every document of every language), driven
//! over the DevTools protocol by [`bcp_browser`]: the documents of a site (or
//! of all a chain's stores) go through [`bcp_browser::Browser::print_all`],
//! a tab per core, each printed once it has loaded.
//!
//! Page size, margins and page numbers come from the print style sheet
//! (`@page` rules, margin boxes), so Chromium's own header and footer are off.
//!
//! Chromium writes PDF 1.4: each object of the tagged structure (a paragraph, a
//! table cell, a link) is uncompressed text with a line of its own in the
//! cross-reference table. [`compact`] packs those objects into compressed object
//! streams (PDF 1.5), which makes the binder copy about half as large; pages,
//! fonts, tags and links stay as Chromium wrote them.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context;
use bcp_browser::{Browser, PdfOptions};

/// Run in every page before its own scripts: mdBook's print page calls
/// `window.print()` 100 ms after loading, and a page printing itself refuses
/// `Page.printToPDF` ("Page is already being printed").
const NO_SELF_PRINT: &str = "window.print = function () {};";

/// The print documents that become PDFs, when they were written.
pub const DOCUMENTS: &[&str] = &["print", "handout", "poster"];

/// How long one document may take to load or print.
const TIMEOUT: Duration = Duration::from_secs(180);

/// The message when no browser can print.
pub fn no_chromium_message() -> String {
    "PDF を作るには Chromium（または Google Chrome）が必要ですが、見つかりませんでした。\
     インストールするか（Debian/Ubuntu: apt-get install chromium fonts-noto-cjk）、\
     --chromium または環境変数 BCP_CHROMIUM にその実行ファイルを指定してください。\
     HTML は作成済みです: print.html / handout.html / poster.html をブラウザで開いて印刷できます"
        .to_string()
}

/// Prints documents to PDF; starts Chromium when made (in the background,
/// while the HTML is built) and keeps it for the rest of the build.
pub struct Printer {
    chromium: PathBuf,
    /// Chromium starting in the background, until the first print needs it.
    launching: Option<std::thread::JoinHandle<anyhow::Result<Browser>>>,
    browser: Option<Browser>,
}

impl Printer {
    pub fn new(chromium: &Path) -> Printer {
        let path = chromium.to_path_buf();
        Printer {
            chromium: chromium.to_path_buf(),
            launching: Some(std::thread::spawn(move || launch(&path))),
            browser: None,
        }
    }

    /// Prints every print document found in `dir` to `dir/NAME.pdf`
    /// ([`Printer::write_pdfs_all`]).
    pub fn write_pdfs(&mut self, dir: &Path) -> anyhow::Result<()> {
        self.write_pdfs_all(&[dir.to_path_buf()])
    }

    /// Prints every print document found in each of `dirs`, as many at once
    /// as there are cores, each in its own tab of the one browser; a document
    /// that fails is tried again alone in a fresh browser.
    pub fn write_pdfs_all(&mut self, dirs: &[PathBuf]) -> anyhow::Result<()> {
        let mut jobs: Vec<(PathBuf, PathBuf)> = Vec::new();
        for dir in dirs {
            for name in DOCUMENTS {
                let html = dir.join(format!("{name}.html"));
                if html.is_file() {
                    jobs.push((html, dir.join(format!("{name}.pdf"))));
                }
            }
        }
        if jobs.is_empty() {
            return Ok(());
        }
        for (_, pdf) in &jobs {
            let _ = std::fs::remove_file(pdf);
        }
        let tabs = std::thread::available_parallelism().map_or(1, |n| n.get());
        let urls: Vec<String> = jobs.iter().map(|(h, _)| bcp_browser::file_url(h)).collect();
        let results = match self.browser() {
            Ok(browser) => browser.print_all(&urls, tabs, &PdfOptions::default()),
            // Each is tried again alone, in a fresh browser.
            Err(e) => jobs.iter().map(|_| Err(anyhow::anyhow!("{e:#}"))).collect(),
        };
        let mut fresh = false;
        for ((html, pdf), result) in jobs.iter().zip(results) {
            match result {
                Ok(bytes) => save(pdf, bytes)?,
                Err(e) => {
                    log::debug!("PDF failed in a tab, retrying alone: {e:#}");
                    // Whatever state the browser is in, the retries start afresh.
                    if !std::mem::replace(&mut fresh, true) {
                        self.browser = None;
                    }
                    self.print_one(html, pdf)?;
                }
            }
        }
        Ok(())
    }

    /// One HTML file to one PDF in the first page; a failure is reported with
    /// what Chromium said.
    fn print_one(&mut self, html: &Path, pdf: &Path) -> anyhow::Result<()> {
        let bytes = self.try_print(&bcp_browser::file_url(html)).map_err(|e| {
            let chatter = self.browser.take().map(|b| b.chatter()).unwrap_or_default();
            e.context(format!(
                "Chromium で {} を PDF にできませんでした{}",
                html.display(),
                if chatter.trim().is_empty() {
                    String::new()
                } else {
                    format!("（Chromium の出力）:\n{}", chatter.trim())
                }
            ))
        })?;
        save(pdf, bytes)
    }

    /// The browser: the one started in the background once it is up, else
    /// the one in use, else a new one.
    fn browser(&mut self) -> anyhow::Result<&mut Browser> {
        if let Some(launching) = self.launching.take() {
            self.browser = Some(
                launching
                    .join()
                    .map_err(|_| anyhow::anyhow!("Chromium を起動できません"))??,
            );
        }
        if self.browser.is_none() {
            self.browser = Some(launch(&self.chromium)?);
        }
        Ok(self.browser.as_mut().expect("started"))
    }

    fn try_print(&mut self, url: &str) -> anyhow::Result<Vec<u8>> {
        let browser = self.browser()?;
        let start = std::time::Instant::now();
        browser.navigate(url)?;
        let loaded = start.elapsed();
        let pdf = browser.print_to_pdf(&PdfOptions::default())?;
        log::debug!(
            "PDF of {url}: loaded in {loaded:?}, printed in {:?}",
            start.elapsed() - loaded
        );
        Ok(pdf)
    }
}

impl Drop for Printer {
    /// A browser still starting is closed too.
    fn drop(&mut self) {
        if let Some(launching) = self.launching.take() {
            let _ = launching.join();
        }
    }
}

/// Chromium, ready to print.
fn launch(chromium: &Path) -> anyhow::Result<Browser> {
    let start = std::time::Instant::now();
    let mut browser = Browser::launch(chromium)?;
    log::debug!("Chromium started in {:?}", start.elapsed());
    browser.set_timeout(TIMEOUT);
    browser.add_page_script(NO_SELF_PRINT)?;
    Ok(browser)
}

/// Writes Chromium's `bytes` to `pdf`, compacted ([`compact`]); as they are
/// when they cannot be.
fn save(pdf: &Path, bytes: Vec<u8>) -> anyhow::Result<()> {
    let bytes = match compact(&bytes) {
        Ok(small) if small.len() < bytes.len() => small,
        Ok(_) => bytes,
        Err(e) => {
            log::warn!(
                "{}: PDF を圧縮できませんでした（そのまま保存します）: {e:#}",
                pdf.display()
            );
            bytes
        }
    };
    std::fs::write(pdf, bytes).with_context(|| format!("{} に書き込めません", pdf.display()))
}

/// The same PDF with its non-stream objects in compressed object streams and a
/// cross-reference stream; stream objects (pages' content, fonts) are copied as
/// they are. Dated the build's day ([`date_the_document`]): the same input
/// gives the same bytes.
pub fn compact(pdf: &[u8]) -> anyhow::Result<Vec<u8>> {
    let mut doc = lopdf::Document::load_mem(pdf).context("PDF を読めません")?;
    date_the_document(&mut doc);
    let mut out = Vec::with_capacity(pdf.len() / 2);
    doc.save_with_options(
        &mut out,
        lopdf::SaveOptions::builder()
            .use_object_streams(true)
            .use_xref_streams(true)
            .max_objects_per_stream(200)
            .compression_level(9)
            .build(),
    )
    .context("PDF を書けません")?;
    Ok(out)
}

/// Chromium stamps the time of printing as the creation and modification
/// date; the build's day is used instead, as everywhere in the book
/// (`SOURCE_DATE_EPOCH`'s, else today's), so that a build is reproducible.
fn date_the_document(doc: &mut lopdf::Document) {
    let day = mdbook_bcp::date::Date::today();
    let stamp = format!("D:{:04}{:02}{:02}000000Z", day.year, day.month, day.day);
    let Ok(info) = doc
        .trailer
        .get(b"Info")
        .and_then(lopdf::Object::as_reference)
    else {
        return;
    };
    if let Ok(info) = doc
        .get_object_mut(info)
        .and_then(lopdf::Object::as_dict_mut)
    {
        for key in ["CreationDate", "ModDate"] {
            if info.has(key.as_bytes()) {
                info.set(key, lopdf::Object::string_literal(stamp.clone()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{Document, Object, Stream, dictionary};

    /// A PDF 1.4 of `pages` pages as Chromium writes one: a classic cross-reference
    /// table, every object on its own.
    fn chromium_like(pages: usize) -> Vec<u8> {
        let mut doc = Document::with_version("1.4");
        let tree = doc.new_object_id();
        let mut kids = Vec::new();
        for i in 0..pages {
            let content = doc.add_object(Stream::new(
                dictionary! {},
                format!("BT /F1 12 Tf 72 720 Td (page {i}) Tj ET").into_bytes(),
            ));
            let tag = doc.add_object(dictionary! { "Type" => "StructElem", "S" => "P" });
            kids.push(Object::Reference(doc.add_object(dictionary! {
                "Type" => "Page",
                "Parent" => tree,
                "Contents" => content,
                "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
                "Tag" => tag,
            })));
        }
        doc.objects.insert(
            tree,
            Object::Dictionary(
                dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => pages as i64 },
            ),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => tree });
        doc.trailer.set("Root", catalog);
        let info = doc.add_object(dictionary! {
            "Producer" => Object::string_literal("Skia/PDF"),
            "CreationDate" => Object::string_literal("D:20261130002206+00'00'"),
            "ModDate" => Object::string_literal("D:20261130002206+00'00'"),
        });
        doc.trailer.set("Info", info);
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    #[test]
    fn compacting_keeps_the_pages_and_gives_the_same_bytes_each_time() {
        let pdf = chromium_like(40);
        let small = compact(&pdf).unwrap();
        assert!(small.len() < pdf.len(), "{} ≥ {}", small.len(), pdf.len());
        assert!(small.starts_with(b"%PDF-1.5"));
        assert_eq!(compact(&pdf).unwrap(), small, "not deterministic");
        let back = Document::load_mem(&small).unwrap();
        let info = back
            .trailer
            .get(b"Info")
            .and_then(Object::as_reference)
            .unwrap();
        let info = back.get_dictionary(info).unwrap();
        let day = mdbook_bcp::date::Date::today();
        let stamp = format!("D:{:04}{:02}{:02}000000Z", day.year, day.month, day.day);
        for key in [&b"CreationDate"[..], b"ModDate"] {
            assert_eq!(info.get(key).unwrap().as_str().unwrap(), stamp.as_bytes());
        }
        assert_eq!(back.get_pages().len(), 40);
        let first = back.get_pages()[&1];
        assert_eq!(
            String::from_utf8_lossy(&back.get_page_content(first)).trim(),
            "BT /F1 12 Tf 72 720 Td (page 0) Tj ET"
        );
    }

    #[test]
    fn what_is_not_a_pdf_is_an_error() {
        assert!(compact(b"<html>").is_err());
    }
}
