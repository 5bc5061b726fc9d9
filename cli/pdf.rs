//! `bcp build --pdf`: prints the print documents to PDF in one headless
//! Chromium session per build (every document of every language), driven
//! over the DevTools protocol by [`bcp_browser`].
//!
//! Page size, margins and page numbers come from the print style sheet
//! (`@page` rules, margin boxes), so Chromium's own header and footer are off.

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
