//! `bcp serve`: a live preview of the book, with the Japanese search (of a
//! chain: the overview and every store's plan).
//!
//! Builds the site into a temporary folder and serves it over HTTP on the
//! loopback address (another address only when asked). Watches the book's
//! `book.toml`, chapters, data, templates, theme and translations; on a
//! change it rebuilds and every open page reloads itself. When a build fails
//! (a typo in the data) the last good site stays served and each page shows
//! the error — file, line, message — in a banner until it is fixed.
//!
//! The server is a few lines of `std`: static files, and `/__bcp/status`
//! (the build number, how long it took, and the last error as JSON) that a
//! small script in every page polls.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use anyhow::Context;
use clap::Args;
use mdbook_bcp::BcpConfig;

use crate::prelude::{BookArgs, Exit, say};

#[derive(Args, Debug)]
pub struct ServeArgs {
    #[command(flatten)]
    pub book: BookArgs,
    /// 待ち受けるポート番号（0: 空いている番号を使います）
    #[arg(long, short, default_value_t = 3000)]
    pub port: u16,
    /// 待ち受けるアドレス（既定: このコンピュータの中だけ 127.0.0.1）
    #[arg(long, short = 'n', default_value = "127.0.0.1")]
    pub hostname: String,
}

/// The state the pages poll: which build is served, and why the last one failed.
#[derive(Debug, Default)]
struct Status {
    build: u64,
    /// How long the last build took, in milliseconds (what of a change's
    /// delay is the build, and what is the watching).
    build_ms: u64,
    error: Option<String>,
}

pub fn run(args: &ServeArgs) -> anyhow::Result<Exit> {
    let root = args.book.book_root()?;
    let work = tempfile::Builder::new()
        .prefix("bcp-serve-")
        .tempdir()
        .context("一時フォルダを作れません")?;
    let site = work.path().join("book");
    // Ctrl+C (or a termination signal): remove the built site, then exit.
    let folder = work.path().to_path_buf();
    ctrlc::set_handler(move || {
        let _ = std::fs::remove_dir_all(&folder);
        say("終了しました");
        std::process::exit(0);
    })
    .context("Ctrl+C の受け取りを設定できません")?;
    let status = Arc::new(Mutex::new(Status::default()));
    // Taken before the first build: a change saved while it runs is seen.
    let seen = snapshot(&root);
    rebuild(&root, &site, &status);
    let listener = TcpListener::bind((args.hostname.as_str(), args.port))
        .with_context(|| format!("{}:{} で待ち受けられません", args.hostname, args.port))?;
    let addr = listener.local_addr()?;
    say(&format!(
        "http://{addr}/ で本を表示しています。ファイルを保存すると作り直して、開いている頁を読み込み直します（終了: Ctrl+C）"
    ));
    {
        let (root, site, status) = (root.clone(), site.clone(), status.clone());
        std::thread::spawn(move || watch(&root, &site, &status, seen));
    }
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let (site, status) = (site.clone(), status.clone());
        std::thread::spawn(move || {
            let _ = respond(stream, &site, &status);
        });
    }
    Ok(Exit::Success)
}

/// Builds the book into `site`; a failed build keeps the previous site and
/// records the error for the pages to show.
fn rebuild(root: &Path, site: &Path, status: &Mutex<Status>) {
    let started = Instant::now();
    let result = if mdbook_bcp::chain::is_chain(root) {
        // A chain: the overview and every store, only the changed ones
        // rebuilt; any store's error keeps the whole last good build.
        let options = crate::chain::Options::default();
        crate::chain::build(root, &[], site, options, None).map(|_| ())
    } else {
        crate::book::load(root, &[]).and_then(|book| crate::site::build_into(book, &[], site, None))
    };
    let mut status = status.lock().expect("status lock");
    status.build += 1;
    status.build_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    match result {
        Ok(()) => {
            if status.error.take().is_some() {
                say("直りました。作り直しました");
            } else if status.build > 1 {
                say("作り直しました");
            }
        }
        Err(err) => {
            let message = format!("{err:#}");
            say(&format!("エラー（前の版を表示し続けます）: {message}"));
            status.error = Some(message);
        }
    }
}

/// Rebuilds whenever a watched file changes from what was `seen` (checked a
/// few times a second).
fn watch(root: &Path, site: &Path, status: &Mutex<Status>, mut seen: Snapshot) {
    loop {
        std::thread::sleep(Duration::from_millis(300));
        let now = snapshot(root);
        if now != seen {
            // Let an editor finish writing before building.
            std::thread::sleep(Duration::from_millis(100));
            seen = snapshot(root);
            rebuild(root, site, status);
        }
    }
}

/// The folders `serve` watches: the chapters, data, templates, theme and
/// translations named in book.toml, and book.toml itself.
fn watched(root: &Path) -> Vec<PathBuf> {
    let mut dirs = vec![root.join("book.toml")];
    let config = mdbook_preprocessor::config::Config::from_disk(root.join("book.toml")).ok();
    let bcp = config.as_ref().and_then(|c| BcpConfig::from_book(c).ok());
    dirs.push(
        root.join(
            config
                .as_ref()
                .map_or(Path::new("src"), |c| c.book.src.as_path()),
        ),
    );
    match &bcp {
        Some(bcp) => {
            dirs.push(root.join(&bcp.data));
            dirs.push(root.join(&bcp.templates));
            dirs.push(root.join(&bcp.po_dir));
        }
        None => dirs.extend(["data", "templates", "po"].map(|d| root.join(d))),
    }
    dirs.push(root.join("theme"));
    // A chain's stores: their folders and the list of stores.
    for stores in [mdbook_bcp::chain::STORES, "stores.csv", "stores.xlsx"] {
        dirs.push(root.join(stores));
    }
    dirs
}

/// Watched files with their size and modification time, in order.
type Snapshot = Vec<(PathBuf, u64, Option<SystemTime>)>;

/// Every watched file now.
fn snapshot(root: &Path) -> Snapshot {
    let mut files = Vec::new();
    for dir in watched(root) {
        for entry in walkdir::WalkDir::new(&dir)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
        {
            if let Ok(meta) = entry.metadata()
                && meta.is_file()
            {
                files.push((entry.into_path(), meta.len(), meta.modified().ok()));
            }
        }
    }
    files
}

/// Answers one request: a file of the site, or the build status.
fn respond(stream: TcpStream, site: &Path, status: &Mutex<Status>) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
    }
    let mut parts = request.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let mut out = stream;
    if method != "GET" && method != "HEAD" {
        return send(
            &mut out,
            "405 Method Not Allowed",
            "text/plain",
            b"",
            method,
        );
    }
    let path = target.split(['?', '#']).next().unwrap_or("/");
    if path == "/__bcp/status" {
        let status = status.lock().expect("status lock");
        let body = serde_json::json!({
            "build": status.build,
            "build_ms": status.build_ms,
            "error": status.error,
        });
        return send(
            &mut out,
            "200 OK",
            "application/json",
            body.to_string().as_bytes(),
            method,
        );
    }
    let Some(file) = site_file(site, path) else {
        let page = std::fs::read(site.join("404.html")).unwrap_or_default();
        return send(
            &mut out,
            "404 Not Found",
            "text/html; charset=utf-8",
            &with_reload(&page),
            method,
        );
    };
    let bytes = std::fs::read(&file).unwrap_or_default();
    let kind = content_type(&file);
    let body = if kind.starts_with("text/html") {
        with_reload(&bytes)
    } else {
        bytes
    };
    send(&mut out, "200 OK", kind, &body, method)
}

/// The file under `site` a URL path names (`/` → `index.html`); `None` for
/// a path that leaves the site or names nothing.
fn site_file(site: &Path, path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(path)?;
    let mut file = site.to_path_buf();
    for segment in decoded.split('/').filter(|s| !s.is_empty()) {
        if segment == ".." || segment == "." || segment.contains('\\') {
            return None;
        }
        file.push(segment);
    }
    if file.is_dir() {
        file.push("index.html");
    }
    file.is_file().then_some(file)
}

/// `%E3%81%82` → あ; `None` for a malformed escape or text that is not UTF-8.
fn percent_decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "pdf" => "application/pdf",
        "ico" => "image/x-icon",
        _ => "application/octet-stream",
    }
}

fn send(
    out: &mut TcpStream,
    status: &str,
    kind: &str,
    body: &[u8],
    method: &str,
) -> std::io::Result<()> {
    write!(
        out,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    if method != "HEAD" {
        out.write_all(body)?;
    }
    out.flush()
}

/// The page with the script that reloads it after a rebuild and shows the
/// last build's error in a banner.
fn with_reload(page: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(page);
    let script = RELOAD_SCRIPT;
    match text.rfind("</body>") {
        Some(at) => format!("{}{script}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{script}").into_bytes(),
    }
}

/// Polls `/__bcp/status`: reloads when the build number changes, shows the
/// error (as text, never as HTML) while there is one.
const RELOAD_SCRIPT: &str = r#"<script>
(function () {
  var seen = null;
  function banner(error) {
    var box = document.getElementById("bcp-serve-error");
    if (!error) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("div");
      box.id = "bcp-serve-error";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;left:0;right:0;bottom:0;z-index:1000;max-height:50vh;overflow:auto;margin:0;padding:1em;background:#fff4f4;color:#000;border-top:4px solid #b00020;font:14px/1.5 monospace;white-space:pre-wrap";
      document.body.appendChild(box);
    }
    box.textContent = "データにエラーがあります（直すまで前の版を表示しています）:\n" + error;
  }
  function poll() {
    fetch("/__bcp/status", { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (seen === null) { seen = s.build; }
        else if (s.build !== seen) { location.reload(); return; }
        banner(s.error);
      })
      .catch(function () {})
      .then(function () { setTimeout(poll, 500); });
  }
  poll();
})();
</script>
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_site() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("ch1")).unwrap();
        std::fs::write(dir.path().join("index.html"), "i").unwrap();
        std::fs::write(dir.path().join("ch1/あ.html"), "a").unwrap();
        assert_eq!(
            site_file(dir.path(), "/"),
            Some(dir.path().join("index.html"))
        );
        assert_eq!(
            site_file(dir.path(), "/ch1/%E3%81%82.html"),
            Some(dir.path().join("ch1/あ.html"))
        );
        assert_eq!(site_file(dir.path(), "/../etc/passwd"), None);
        assert_eq!(site_file(dir.path(), "/ch1/%2e%2e/%2e%2e/x"), None);
        assert_eq!(site_file(dir.path(), "/%zz"), None);
    }

    #[test]
    fn pages_get_the_reload_script_before_body_end() {
        let page = with_reload(b"<html><body><p>x</p></body></html>");
        let page = String::from_utf8(page).unwrap();
        assert!(page.contains("/__bcp/status"));
        assert!(page.ends_with("</script>\n</body></html>"), "{page}");
    }
}
