//! Prints HTML files to PDF in one browser session, timing each step.
//!
//! ```sh
//! cargo run --release -p bcp-browser --example print -- OUT_DIR FILE.html...
//! ```
#![allow(clippy::print_stderr, reason = "an example that reports its timings")]

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use bcp_browser::{Browser, PdfOptions, file_url, find_chromium};

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let out = PathBuf::from(args.next().context("usage: print OUT_DIR FILE.html...")?);
    let chromium = find_chromium(None).context("no Chromium")?;
    let t = Instant::now();
    let mut browser = Browser::launch(&chromium)?;
    eprintln!("launch: {:?}", t.elapsed());
    for html in args {
        let html = Path::new(&html);
        let t = Instant::now();
        browser.navigate(&file_url(html))?;
        let loaded = t.elapsed();
        let pdf = browser.print_to_pdf(&PdfOptions::default())?;
        eprintln!(
            "{}: load {loaded:?}, print {:?}",
            html.display(),
            t.elapsed() - loaded
        );
        let name = html.file_stem().context("file name")?;
        std::fs::write(out.join(name).with_extension("pdf"), pdf)?;
    }
    let t = Instant::now();
    drop(browser);
    eprintln!("close: {:?}", t.elapsed());
    Ok(())
}
