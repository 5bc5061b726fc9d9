//! Runs queries through a built book's real search UI in headless Chromium (from file://),
//! with the project's one browser driver, [`bcp_browser`].
//!
//! Other crates include this file with
//! `#[path = "../search/tests/support/browser.rs"] mod browser;` (they need `bcp-browser` and
//! `serde_json`): the root crate's tests and the search benchmark (`search/examples/search_bench.rs`).
//! Without Chromium the helpers print `SKIPPED: …` and return `None`, except under `CI=true`,
//! where they panic: CI must install Chromium (`apt-get install -y chromium`). Chromium is found
//! as `bcp build --pdf` finds it ([`bcp_browser::find_chromium`]: `BCP_CHROMIUM`, else PATH).
#![allow(
    clippy::print_stderr,
    reason = "tests report on stderr that they were skipped"
)]
#![allow(dead_code, reason = "each crate uses some of the helpers")]

use std::path::{Path, PathBuf};
use std::time::Duration;

use bcp_browser::{Browser, file_url, percent_decode};
use serde_json::{Value, json};

/// Reports a missing tool: `None` (skip) normally, a panic under `CI=true`.
pub fn skip(test: &str, why: &str) -> Option<Value> {
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{test}: {why}, and CI=true requires the browser tests to run");
    }
    eprintln!("SKIPPED {test}: {why}");
    None
}

/// Chromium ([`bcp_browser::find_chromium`]), or `None` (skip) when it is missing; a panic
/// under `CI=true`.
pub fn chromium(test: &str) -> Option<PathBuf> {
    let found = bcp_browser::find_chromium(None);
    if found.is_none() {
        skip(
            test,
            "Chromium not found (BCP_CHROMIUM, or chromium on PATH)",
        );
    }
    found
}

/// A started browser, or `None` (skip) when there is no Chromium.
pub fn browser(test: &str) -> Option<Browser> {
    let chromium = chromium(test)?;
    Some(Browser::launch(&chromium).unwrap_or_else(|e| panic!("{test}: {e:#}")))
}

/// Opens the search bar and types a first query, then waits until results (or a message)
/// show: that covers the index being loaded by mdBook's searcher and by ours alike.
const OPEN_JS: &str = r#"
(async (first) => {
  const t0 = performance.now();
  document.getElementById('mdbook-search-toggle').click();
  const bar = document.getElementById('mdbook-searchbar');
  const header = document.getElementById('mdbook-searchresults-header');
  bar.value = first;
  for (let i = 0; i < 400; i++) {
    bar.dispatchEvent(new Event('input', {bubbles: true}));
    bar.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true, key: 'Unidentified'}));
    const text = header.innerText.trim();
    const ours = window.bcpSearchCore ? (window.search.ready || 'loading') : null;
    if ((ours && ours !== 'loading') || (!ours && text !== '')) {
      return {ms: performance.now() - t0, state: ours || 'stock', header: text};
    }
    await new Promise(r => setTimeout(r, 25));
  }
  return {ms: performance.now() - t0, state: 'timeout', header: header.innerText};
})"#;

/// Types one query the way the UI receives it and times the synchronous search and render.
const QUERY_JS: &str = r#"
((query) => {
  const bar = document.getElementById('mdbook-searchbar');
  const list = document.getElementById('mdbook-searchresults');
  const t0 = performance.now();
  bar.value = query;
  bar.dispatchEvent(new Event('input', {bubbles: true}));
  bar.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true, key: 'Unidentified'}));
  void list.offsetHeight;
  const ms = performance.now() - t0;
  const results = [...list.querySelectorAll(':scope > li')].map(li => {
    const a = li.querySelector('a');
    const t = li.querySelector('.teaser');
    return {href: a.href, title: a.textContent, teaser: t ? t.innerHTML : ''};
  });
  const header = document.getElementById('mdbook-searchresults-header').innerText;
  return {ms, header, results};
})"#;

const MARKS_JS: &str =
    "[...document.querySelectorAll('#mdbook-content mark')].map(m => m.textContent)";

const SCRIPTS_JS: &str = "[...document.scripts].map(s => s.src).filter(Boolean)";

/// `f(arg)` as a JavaScript expression, the argument passed as JSON.
fn call_js(function: &str, arg: &str) -> String {
    format!("({function})({})", json!(arg))
}

/// The `file://` URL of a site's folder, ending in `/`.
pub fn site_url(site: &Path) -> String {
    let mut url = file_url(site);
    if !url.ends_with('/') {
        url.push('/');
    }
    url
}

/// Splits a result href into (site-relative path#anchor, highlight words).
pub fn relative(href: &str, site: &Path) -> (String, String) {
    let (rest, anchor) = href.split_once('#').unwrap_or((href, ""));
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let path = percent_decode(path);
    let base = percent_decode(&site_url(site));
    let rel = path.strip_prefix(&base).unwrap_or(&path).to_string();
    let highlight = query
        .split('&')
        .find_map(|kv| kv.strip_prefix("highlight="))
        .map(|v| percent_decode(&v.replace('+', " ")))
        .unwrap_or_default();
    let anchor = percent_decode(anchor);
    let href = if anchor.is_empty() {
        rel
    } else {
        format!("{rel}#{anchor}")
    };
    (href, highlight)
}

/// Loads `page` of the site and opens its search with a first query.
pub fn open_search(browser: &mut Browser, site: &Path, page: &str) -> Value {
    browser
        .navigate(&format!("{}{page}", site_url(site)))
        .expect("page loads");
    browser
        .evaluate(&call_js(OPEN_JS, "BCP"))
        .expect("search opens")
}

/// Opens the search of the loaded page with a first query and waits for its results.
pub fn open_with_query(browser: &mut Browser, query: &str) -> Value {
    browser
        .evaluate(&call_js(OPEN_JS, query))
        .expect("search opens")
}

/// Runs one query in an opened search; result hrefs made site-relative.
pub fn run_query(browser: &mut Browser, site: &Path, query: &str) -> Value {
    let mut out = browser
        .evaluate(&call_js(QUERY_JS, query))
        .expect("query runs");
    for r in out["results"].as_array_mut().expect("results") {
        let (href, highlight) = relative(r["href"].as_str().unwrap_or_default(), site);
        r["href"] = json!(href);
        r["highlight"] = json!(highlight);
    }
    out["query"] = json!(query);
    out
}

/// Site files of the scripts the page loaded for search, with their sizes.
pub fn search_script_files(browser: &mut Browser, site: &Path) -> serde_json::Map<String, Value> {
    let mut files = serde_json::Map::new();
    let scripts = browser.evaluate(SCRIPTS_JS).expect("scripts");
    for src in scripts.as_array().into_iter().flatten() {
        let (rel, _) = relative(src.as_str().unwrap_or_default(), site);
        let name = rel.rsplit('/').next().unwrap_or_default();
        if ["search", "elasticlunr", "mark"]
            .iter()
            .any(|k| name.contains(k))
            && let Ok(meta) = std::fs::metadata(site.join(&rel))
        {
            files.insert(rel, json!(meta.len()));
        }
    }
    files
}

/// Results of each query: `{open, queries, files, errors}`.
pub fn search(browser: &mut Browser, site: &Path, queries: &[&str]) -> Value {
    let opened = open_search(browser, site, "index.html");
    let results: Vec<Value> = queries
        .iter()
        .map(|q| run_query(browser, site, q))
        .collect();
    let files = search_script_files(browser, site);
    json!({"open": opened, "queries": results, "files": files, "errors": browser.errors()})
}

/// Opens the first result of `query` and lists the highlighted marks.
pub fn follow(browser: &mut Browser, site: &Path, query: &str) -> Value {
    open_search(browser, site, "index.html");
    let first = run_query(browser, site, query);
    if first["results"].as_array().is_none_or(Vec::is_empty) {
        return json!({"query": query, "href": null, "marks": [], "errors": browser.errors()});
    }
    let href = browser
        .evaluate("document.querySelector('#mdbook-searchresults a').href")
        .expect("href");
    browser
        .navigate(href.as_str().expect("href"))
        .expect("result loads");
    std::thread::sleep(Duration::from_millis(100));
    json!({
        "query": query,
        "href": first["results"][0]["href"],
        "marks": browser.evaluate(MARKS_JS).expect("marks"),
        "url": browser.evaluate("location.href").expect("url"),
        "errors": browser.errors(),
    })
}

/// The keyboard path a user takes: '/' opens search, type, ArrowDown, Enter, Escape.
///
/// When the query shows no result (no index, nothing found) it stops after typing and
/// reports the header instead of waiting for a page load that never comes.
pub fn ui(browser: &mut Browser, site: &Path, query: &str) -> Value {
    let eval = |browser: &mut Browser, js: &str| browser.evaluate(js).expect(js);
    browser
        .navigate(&format!("{}index.html", site_url(site)))
        .expect("page loads");
    browser.key("/", "Slash").expect("key");
    let opened = eval(
        browser,
        "({visible: !document.getElementById('mdbook-search-wrapper').classList.contains('hidden'),
          focused: document.activeElement && document.activeElement.id === 'mdbook-searchbar'})",
    );
    let mut ready = Value::Null;
    for _ in 0..200 {
        ready = eval(browser, "window.search && window.search.ready");
        if !(ready.is_null() || ready == "loading") {
            break;
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    browser.insert_text(query).expect("insert text");
    std::thread::sleep(Duration::from_millis(50));
    let count = eval(
        browser,
        "document.querySelectorAll('#mdbook-searchresults > li').length",
    );
    let header = eval(
        browser,
        "document.getElementById('mdbook-searchresults-header').innerText",
    );
    let mut out = json!({"opened": opened, "index": ready, "header": header, "results": count,
        "first_focused": false, "navigated": false, "url": null, "marks": [],
        "escape_unmarks": null, "errors": browser.errors()});
    if count.as_u64().unwrap_or(0) == 0 {
        return out;
    }
    browser.key("ArrowDown", "ArrowDown").expect("key");
    out["first_focused"] = eval(
        browser,
        "!!document.querySelector('#mdbook-searchresults li.focus')",
    );
    let before = eval(browser, "location.href");
    browser.forget_events("Page.loadEventFired");
    browser.key("Enter", "Enter").expect("key");
    browser
        .wait_event("Page.loadEventFired", Duration::from_secs(10))
        .expect("result page loads");
    std::thread::sleep(Duration::from_millis(100));
    let after = eval(browser, "location.href");
    out["marks"] = eval(browser, MARKS_JS);
    browser.key("Escape", "Escape").expect("key");
    out["escape_unmarks"] = json!(
        eval(
            browser,
            "document.querySelectorAll('#mdbook-content mark').length"
        ) == 0
    );
    out["navigated"] = json!(before != after);
    out["url"] = json!(relative(after.as_str().unwrap_or_default(), site).0);
    out["errors"] = json!(browser.errors());
    out
}

/// Runs `search`, `follow` or `ui` in a fresh browser; `None` when skipped.
pub fn query(command: &str, site: &Path, args: &[&str]) -> Option<Value> {
    let mut browser = browser(&format!("browser test ({command})"))?;
    Some(match command {
        "search" => search(&mut browser, site, args),
        "follow" => follow(&mut browser, site, args[0]),
        "ui" => ui(&mut browser, site, args[0]),
        other => panic!("no browser command {other}"),
    })
}

/// The result hrefs (`page.html#anchor`, site-relative) of each query, or `None` when skipped.
pub fn search_hrefs(site: &Path, queries: &[&str]) -> Option<Vec<Vec<String>>> {
    let out = query("search", site, queries)?;
    let errors = &out["errors"];
    assert!(
        errors.as_array().is_none_or(Vec::is_empty),
        "JS errors: {errors}"
    );
    Some(
        out["queries"]
            .as_array()
            .expect("queries")
            .iter()
            .map(|q| {
                q["results"]
                    .as_array()
                    .expect("results")
                    .iter()
                    .map(|r| r["href"].as_str().expect("href").to_string())
                    .collect()
            })
            .collect(),
    )
}
