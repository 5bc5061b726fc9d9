//! `bcp build --pdf`: prints the print documents to PDF with headless Chromium.
//!
//! Page size, margins and page numbers come from the print style sheet
//! (`@page` rules, margin boxes), so Chromium's own header and footer are off.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

/// The print documents that become PDFs, when they were written.
pub const DOCUMENTS: &[&str] = &["print", "handout", "poster"];

/// How long one document may take to print.
const TIMEOUT: Duration = Duration::from_secs(180);

/// The message when no browser can print.
pub fn no_chromium_message() -> String {
    "PDF を作るには Chromium（または Google Chrome）が必要ですが、見つかりませんでした。\
     インストールするか（Debian/Ubuntu: apt-get install chromium fonts-noto-cjk）、\
     環境変数 BCP_CHROMIUM にその実行ファイルを指定してください。\
     HTML は作成済みです: print.html / handout.html / poster.html をブラウザで開いて印刷できます"
        .to_string()
}

/// Prints every print document found in `dir` to `dir/NAME.pdf`.
pub fn write_pdfs(chromium: &Path, dir: &Path) -> anyhow::Result<()> {
    for name in DOCUMENTS {
        let html = dir.join(format!("{name}.html"));
        if !html.is_file() {
            continue;
        }
        let pdf = dir.join(format!("{name}.pdf"));
        print_to_pdf(chromium, &html, &pdf)?;
    }
    Ok(())
}

/// One HTML file to one PDF.
pub fn print_to_pdf(chromium: &Path, html: &Path, pdf: &Path) -> anyhow::Result<()> {
    let profile = tempfile::Builder::new()
        .prefix("bcp-chromium-")
        .tempdir()
        .context("Chromium 用の一時フォルダを作れません")?;
    let html = std::path::absolute(html)?;
    let pdf = std::path::absolute(pdf)?;
    let _ = std::fs::remove_file(&pdf);
    let log = profile.path().join("stderr.log");
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-extensions",
            "--no-first-run",
            "--no-pdf-header-footer",
            "--generate-pdf-document-outline",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(file_url(&html))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        // To a file, not a pipe: a pipe nobody reads until the end can fill
        // up and stall Chromium until the timeout.
        .stderr(std::fs::File::create(&log).context("Chromium のログを作れません")?)
        .spawn()
        .with_context(|| format!("{} を起動できません", chromium.display()))?;
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            bail!(
                "{} の PDF 化が {} 秒で終わりませんでした",
                html.display(),
                TIMEOUT.as_secs()
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let stderr = std::fs::read_to_string(&log).unwrap_or_default();
    let size = std::fs::metadata(&pdf).map(|m| m.len()).unwrap_or(0);
    if !status.success() || size == 0 {
        bail!(
            "Chromium で {} を PDF にできませんでした（{status}）:\n{}",
            html.display(),
            stderr.trim()
        );
    }
    Ok(())
}

/// `file://` URL of an absolute path, percent-encoding what a URL cannot hold.
fn file_url(path: &Path) -> String {
    let path = path.to_string_lossy().replace('\\', "/");
    let mut url = String::from(if path.starts_with('/') {
        "file://"
    } else {
        "file:///"
    });
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~:".contains(&b) {
            url.push(b as char);
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_urls_are_percent_encoded() {
        assert_eq!(
            file_url(Path::new("/tmp/本 1/print.html")),
            "file:///tmp/%E6%9C%AC%201/print.html"
        );
    }
}
