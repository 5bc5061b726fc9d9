//! `bcp build --pdf`: prints the print documents to PDF in one headless
//! Chromium session per build (every document of every language), driven
//! over the DevTools protocol by [`bcp_browser`].
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

/// Prints documents to PDF; starts Chromium at the first document and keeps
/// it for the rest of the build.
pub struct Printer {
    chromium: PathBuf,
    browser: Option<Browser>,
}

impl Printer {
    pub fn new(chromium: &Path) -> Printer {
        Printer {
            chromium: chromium.to_path_buf(),
            browser: None,
        }
    }

    /// Prints every print document found in `dir` to `dir/NAME.pdf`.
    pub fn write_pdfs(&mut self, dir: &Path) -> anyhow::Result<()> {
        for name in DOCUMENTS {
            let html = dir.join(format!("{name}.html"));
            if !html.is_file() {
                continue;
            }
            self.print_to_pdf(&html, &dir.join(format!("{name}.pdf")))?;
        }
        Ok(())
    }

    /// Prints every print document found in each of `dirs`, as many at once
    /// as there are cores, each in its own tab of the one browser; a document
    /// that fails is tried again alone ([`Printer::print_to_pdf`]).
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
        let tabs = std::thread::available_parallelism().map_or(1, |n| n.get());
        if self.browser.is_none() {
            let mut browser = Browser::launch(&self.chromium)?;
            browser.set_timeout(TIMEOUT);
            self.browser = Some(browser);
        }
        let urls: Vec<String> = jobs.iter().map(|(h, _)| bcp_browser::file_url(h)).collect();
        let results =
            self.browser
                .as_mut()
                .expect("launched")
                .print_all(&urls, tabs, &PdfOptions::default());
        for ((html, pdf), result) in jobs.iter().zip(results) {
            match result {
                Ok(bytes) => std::fs::write(pdf, bytes)
                    .with_context(|| format!("{} に書き込めません", pdf.display()))?,
                Err(e) => {
                    log::debug!("PDF failed in a tab, retrying alone: {e:#}");
                    self.browser = None;
                    self.print_to_pdf(html, pdf)?;
                }
            }
        }
        Ok(())
    }

    /// One HTML file to one PDF; a failed print is tried once more in a
    /// fresh browser, then reported with what Chromium said.
    pub fn print_to_pdf(&mut self, html: &Path, pdf: &Path) -> anyhow::Result<()> {
        let _ = std::fs::remove_file(pdf);
        let url = bcp_browser::file_url(html);
        let bytes = match self.try_print(&url) {
            Ok(bytes) => bytes,
            Err(first) => {
                log::debug!("PDF failed, retrying: {first:#}");
                // Whatever state the browser is in, start afresh.
                self.browser = None;
                self.try_print(&url).map_err(|e| {
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
                })?
            }
        };
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

    fn try_print(&mut self, url: &str) -> anyhow::Result<Vec<u8>> {
        let browser = match &mut self.browser {
            Some(browser) => browser,
            None => {
                let mut browser = Browser::launch(&self.chromium)?;
                browser.set_timeout(TIMEOUT);
                self.browser.insert(browser)
            }
        };
        browser.navigate(url)?;
        browser.print_to_pdf(&PdfOptions::default())
    }
}

/// The same PDF with its non-stream objects in compressed object streams and a
/// cross-reference stream; stream objects (pages' content, fonts) are copied as
/// they are. The same input gives the same bytes.
pub fn compact(pdf: &[u8]) -> anyhow::Result<Vec<u8>> {
    let mut doc = lopdf::Document::load_mem(pdf).context("PDF を読めません")?;
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
