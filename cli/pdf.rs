//! `bcp build --pdf`: prints the print documents to PDF in one headless
//! Chromium session per build (every document of every language), driven
//! over the DevTools protocol by [`bcp_browser`]. A language's documents load
//! side by side, each in a page (tab) of its own, and print one after another
//! (Chromium prints one page at a time).
//!
//! Page size, margins and page numbers come from the print style sheet
//! (`@page` rules, margin boxes), so Chromium's own header and footer are off.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context;
use bcp_browser::{Browser, PdfOptions};
use serde_json::json;

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
    /// The pages (tabs) [`Printer::write_pdfs`] opened in `browser`.
    pages: Vec<String>,
}

impl Printer {
    pub fn new(chromium: &Path) -> Printer {
        let path = chromium.to_path_buf();
        Printer {
            chromium: chromium.to_path_buf(),
            launching: Some(std::thread::spawn(move || launch(&path))),
            browser: None,
            pages: Vec::new(),
        }
    }

    /// Prints every print document found in `dir` to `dir/NAME.pdf`, loaded
    /// side by side. When that fails, they are tried once more, one by one in
    /// a fresh browser, and a failure then is reported with what Chromium said.
    pub fn write_pdfs(&mut self, dir: &Path) -> anyhow::Result<()> {
        let documents: Vec<(PathBuf, PathBuf)> = DOCUMENTS
            .iter()
            .map(|name| {
                let html = dir.join(format!("{name}.html"));
                (html, dir.join(format!("{name}.pdf")))
            })
            .filter(|(html, _)| html.is_file())
            .collect();
        for (_, pdf) in &documents {
            let _ = std::fs::remove_file(pdf);
        }
        if let Err(first) = self.try_print_all(&documents) {
            log::debug!("PDFs failed, retrying one by one: {first:#}");
            // Whatever state the browser is in, start afresh.
            self.browser = None;
            for (html, pdf) in &documents {
                self.print_one(html, pdf)?;
            }
        }
        Ok(())
    }

    /// Loads every document in a page of its own, and prints each once it
    /// has loaded.
    fn try_print_all(&mut self, documents: &[(PathBuf, PathBuf)]) -> anyhow::Result<()> {
        self.take_launched()?;
        let browser = started(&mut self.browser, &self.chromium, &mut self.pages)?;
        while self.pages.len() < documents.len() {
            let page = browser.open_page()?;
            browser.call_in(
                &page,
                "Page.addScriptToEvaluateOnNewDocument",
                json!({"source": NO_SELF_PRINT}),
            )?;
            self.pages.push(page);
        }
        let pages = &self.pages[..documents.len()];
        for (i, (page, (html, pdf))) in pages.iter().zip(documents).enumerate() {
            let start = std::time::Instant::now();
            if i == 0 {
                browser.start_loading(page, &bcp_browser::file_url(html))?;
            }
            browser.wait_loaded(page)?;
            // The others load while the first (the largest) prints.
            if i == 0 {
                for (page, (html, _)) in pages.iter().zip(documents).skip(1) {
                    browser.start_loading(page, &bcp_browser::file_url(html))?;
                }
            }
            let loaded = start.elapsed();
            let bytes = browser.print_page_to_pdf(page, &PdfOptions::default())?;
            log::debug!(
                "PDF of {}: waited {loaded:?} for it to load, printed in {:?}",
                html.display(),
                start.elapsed() - loaded
            );
            std::fs::write(pdf, bytes)
                .with_context(|| format!("{} に書き込めません", pdf.display()))?;
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
        std::fs::write(pdf, bytes).with_context(|| format!("{} に書き込めません", pdf.display()))
    }

    /// The browser started in the background, once it is up, as the browser
    /// (or the error it could not start with).
    fn take_launched(&mut self) -> anyhow::Result<()> {
        if let Some(launching) = self.launching.take() {
            let browser = launching
                .join()
                .map_err(|_| anyhow::anyhow!("Chromium を起動できません"))??;
            self.pages.clear();
            self.browser = Some(browser);
        }
        Ok(())
    }

    fn try_print(&mut self, url: &str) -> anyhow::Result<Vec<u8>> {
        self.take_launched()?;
        let browser = started(&mut self.browser, &self.chromium, &mut self.pages)?;
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
    browser.call(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({"source": NO_SELF_PRINT}),
    )?;
    Ok(browser)
}

/// The browser in `slot`, started (with no pages of [`Printer::write_pdfs`]
/// yet) when there is none.
fn started<'a>(
    slot: &'a mut Option<Browser>,
    chromium: &Path,
    pages: &mut Vec<String>,
) -> anyhow::Result<&'a mut Browser> {
    match slot {
        Some(browser) => Ok(browser),
        None => {
            pages.clear();
            Ok(slot.insert(launch(chromium)?))
        }
    }
}
