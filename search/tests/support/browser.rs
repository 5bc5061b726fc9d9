//! Runs `search/browser/query.py` (headless Chromium over the DevTools pipe) from Rust tests.
//!
//! Other test crates include this file with
//! `#[path = "../search/tests/support/browser.rs"] mod search_browser;`
//! (it needs `serde_json` as a dev-dependency). Without Chromium (or python3) the helpers
//! print `SKIPPED: …` and return `None`, except under `CI=true`, where they panic: CI must
//! install Chromium (`apt-get install -y chromium`). Chromium is found as `bcp build --pdf`
//! finds it ([`find_chromium`]: `BCP_CHROMIUM`, else PATH) and handed to query.py.
#![allow(
    clippy::print_stderr,
    reason = "tests report on stderr that they were skipped"
)]
#![allow(dead_code, reason = "each test crate uses some of the helpers")]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "../../../cli/chromium.rs"]
mod chromium;
pub use chromium::find_chromium;

/// Path of the query runner.
pub fn query_script() -> PathBuf {
    // Also included from the workspace root's tests: find the script from either crate.
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let here = manifest.join("browser/query.py");
    if here.is_file() {
        here
    } else {
        manifest.join("search/browser/query.py")
    }
}

/// Exit status of query.py when no Chromium is installed.
const NO_CHROMIUM: i32 = 3;

/// Reports a missing tool: `None` (skip) normally, a panic under `CI=true`.
pub fn skip(test: &str, why: &str) -> Option<Value> {
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{test}: {why}, and CI=true requires the browser tests to run");
    }
    eprintln!("SKIPPED {test}: {why}");
    None
}

/// Chromium ([`find_chromium`]), or `None` (skip) when it is missing; a panic under `CI=true`.
pub fn chromium(test: &str) -> Option<PathBuf> {
    let found = find_chromium();
    if found.is_none() {
        skip(
            test,
            "Chromium not found (BCP_CHROMIUM, or chromium on PATH)",
        );
    }
    found
}

/// Runs `query.py COMMAND SITE ARGS…` and returns its JSON, or `None` when skipped.
pub fn query_py(command: &str, site: &Path, args: &[&str]) -> Option<Value> {
    let chromium = chromium(&format!("browser test (query.py {command})"))?;
    let output = match Command::new("python3")
        .env("CHROMIUM", chromium)
        .arg(query_script())
        .arg(command)
        .arg(site)
        .args(args)
        .output()
    {
        Ok(output) => output,
        Err(e) => {
            return skip(
                &format!("browser test (query.py {command})"),
                &format!("cannot run python3: {e}"),
            );
        }
    };
    if output.status.code() == Some(NO_CHROMIUM) {
        return skip(
            &format!("browser test (query.py {command})"),
            "Chromium not found",
        );
    }
    assert!(
        output.status.success(),
        "query.py {command} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Some(serde_json::from_slice(&output.stdout).expect("query.py prints JSON"))
}

/// The result hrefs (`page.html#anchor`, site-relative) of each query, or `None` when skipped.
pub fn search_hrefs(site: &Path, queries: &[&str]) -> Option<Vec<Vec<String>>> {
    let out = query_py("search", site, queries)?;
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
