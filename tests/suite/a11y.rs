//! A site everyone can use (issue 16): our own page template, valid HTML (the Nu Html
//! Checker, vnu), no critical or serious axe-core violation (WCAG 2.0/2.1 A and AA), the
//! search with the keyboard and a screen reader, phones at 390 px, the print layout.
//!
//! The six sites (the bundled book, the example plan and the clinic book, each in both
//! editions; the first two in Japanese and English) are built once, into
//! `CARGO_TARGET_TMPDIR/a11y/`, and shared by the tests. vnu runs once over all their pages
//! (`java -jar vnu.jar`); axe-core runs in one headless Chromium through `bcp-browser`.
//! The checkers come from npm, pinned in `tests/a11y/package.json` (`.ci/run` installs them).
//! Without Java, Chromium or the npm packages a test is skipped with a message, except under
//! `CI=true`, where it fails.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use serde_json::Value;

use super::search::browser;
use super::support::*;

/// FNV-1a (64 bit) of mdBook 0.5.4's templates that `theme/index.hbs` and
/// `theme/toc.html.hbs` are derived from.
const UPSTREAM: &[(&str, &str, u64)] = &[
    ("index.hbs", "theme/index.hbs", 0x45ce_e6a5_c825_f23c),
    ("toc.html.hbs", "theme/toc.html.hbs", 0xf096_e822_6181_9a92),
];
const UPSTREAM_VERSION: &str = "0.5.4";

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The version of mdbook-html in Cargo.lock.
fn locked_mdbook_html() -> String {
    let lock = std::fs::read_to_string(repo().join("Cargo.lock")).unwrap();
    let at = lock.find("name = \"mdbook-html\"\nversion = \"").unwrap() + 32;
    lock[at..at + lock[at..].find('"').unwrap()].to_string()
}

/// mdbook-html's sources: the copy patched in from `vendor/` (its templates as
/// published), else the cargo registry's, when they are there.
fn mdbook_html_sources(version: &str) -> Option<PathBuf> {
    let vendored = repo().join("vendor/mdbook-html");
    if std::fs::read_to_string(vendored.join("Cargo.toml"))
        .is_ok_and(|t| t.contains(&format!("\nversion = \"{version}\"\n")))
    {
        return Some(vendored);
    }
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))?;
    std::fs::read_dir(home.join("registry/src"))
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path().join(format!("mdbook-html-{version}")))
        .find(|p| p.is_dir())
}

#[test]
fn the_page_template_follows_mdbooks_own() {
    let version = locked_mdbook_html();
    assert_eq!(
        version, UPSTREAM_VERSION,
        "mdBook's HTML renderer is now {version}: derive theme/index.hbs and theme/toc.html.hbs \
         again from its front-end/templates, then update UPSTREAM in tests/suite/a11y.rs"
    );
    let Some(src) = mdbook_html_sources(&version) else {
        browser::skip(
            "the_page_template_follows_mdbooks_own",
            "mdbook-html's sources are not in the cargo registry",
        );
        return;
    };
    for (name, ours, hash) in UPSTREAM {
        let upstream = std::fs::read(src.join("front-end/templates").join(name)).unwrap();
        assert_eq!(
            fnv1a(&upstream),
            *hash,
            "mdBook's {name} changed: merge the change into {ours}, then update its hash"
        );
        let text = std::fs::read_to_string(repo().join(ours)).unwrap();
        assert!(text.contains("mdBook 0.5.4"), "{ours} names its source");
    }
}

/// A built site: its name and folder.
struct Site {
    name: &'static str,
    dir: PathBuf,
    languages: &'static [&'static str],
}

/// How a test book is copied into a temp dir.
type MakeBook = fn() -> TestBook;

/// The six sites and the example chain, built once per test run.
fn sites() -> &'static [Site] {
    static SITES: OnceLock<Vec<Site>> = OnceLock::new();
    SITES.get_or_init(|| {
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("a11y");
        let _ = std::fs::remove_dir_all(&out);
        let mut sites = Vec::new();
        let books: [(&str, MakeBook, &[&str]); 3] = [
            ("bundled", TestBook::bundled, &["ja", "en"]),
            ("sakura", TestBook::sakura, &["ja", "en"]),
            ("clinic", TestBook::clinic, &["ja"]),
        ];
        for (name, make, languages) in books {
            let book = make();
            for edition in ["template", "plan"] {
                let dir = out.join(format!("{name}-{edition}"));
                let dest = dir.to_str().unwrap();
                book.build(&["--edition", edition, "--dest-dir", dest]);
                sites.push(Site {
                    name: Box::leak(format!("{name}-{edition}").into_boxed_str()),
                    dir,
                    languages,
                });
            }
        }
        // The example chain: the overview and one store (every store's pages come from
        // the same templates, with the static files shared under stores/_assets/).
        let dir = out.join("chain");
        let built = Command::new(env!("CARGO_BIN_EXE_bcp"))
            .args(["build", "--root"])
            .arg(repo().join("examples/chain"))
            .arg("--dest-dir")
            .arg(&dir)
            .env("SOURCE_DATE_EPOCH", "1764547200")
            .output()
            .unwrap();
        assert!(
            built.status.success(),
            "{}",
            String::from_utf8_lossy(&built.stderr)
        );
        for other in ["ekimae", "minami"] {
            std::fs::remove_dir_all(dir.join("stores").join(other)).unwrap();
        }
        sites.push(Site {
            name: "chain",
            dir,
            // The overview has no search.
            languages: &[],
        });
        sites
    })
}

fn site(name: &str) -> &'static Site {
    sites().iter().find(|s| s.name == name).unwrap()
}

/// Every HTML page of every site.
fn all_pages() -> Vec<PathBuf> {
    let mut pages = Vec::new();
    for site in sites() {
        for entry in walkdir::WalkDir::new(&site.dir).sort_by_file_name() {
            let entry = entry.unwrap();
            if entry.path().extension().is_some_and(|x| x == "html") {
                pages.push(entry.into_path());
            }
        }
    }
    pages
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The npm package folder `name` under tests/a11y/node_modules, or a skip.
fn npm_file(test: &str, rel: &str) -> Option<PathBuf> {
    let path = repo().join("tests/a11y/node_modules").join(rel);
    if path.is_file() {
        return Some(path);
    }
    browser::skip(
        test,
        &format!(
            "{} not found (cd tests/a11y && npm ci)",
            path.strip_prefix(repo()).unwrap().display()
        ),
    );
    None
}

#[test]
fn the_page_furniture_speaks_the_pages_language() {
    let ja = read(&site("bundled-template").dir.join("ch1/1-1.html"));
    let en = read(&site("bundled-template").dir.join("en/ch1/1-1.html"));
    for page in [&ja, &en] {
        // The sidebar toggle is a button; a skip link; the menu bar is a landmark.
        assert!(
            page.contains(
                r#"<button id="mdbook-sidebar-toggle" class="icon-button" type="button""#
            )
        );
        assert!(!page.contains("<label id=\"mdbook-sidebar-toggle\""));
        assert!(page.contains(r##"<a class="bcp-skip-link" href="#mdbook-content">"##));
        assert!(page.contains(r#"<header id="mdbook-menu-bar""#));
        assert!(page.contains(r#"<label for="mdbook-searchbar""#));
        assert!(page.contains(r#"aria-describedby="mdbook-searchresults-header""#));
        assert!(page.contains(r#"id="mdbook-searchresults-header""#));
        assert!(page.contains(r#"role="status""#));
    }
    for english in [
        "Toggle Table of Contents",
        "Change theme",
        "Toggle Searchbar",
        "Print this book",
        "Previous chapter",
        "Next chapter",
        "Keyboard shortcuts",
        "Search this book",
        ">Light<",
        "aria-label=\"Table of contents\"",
    ] {
        assert!(!ja.contains(english), "a Japanese page says {english}");
    }
    for japanese in [
        "本文へ移動",
        "目次",
        "前の章",
        "次の章",
        "配色",
        "この本を検索",
        "印刷",
    ] {
        assert!(ja.contains(japanese), "the Japanese page lacks {japanese}");
        assert!(!en.contains(japanese), "an English page says {japanese}");
    }
    assert!(en.contains("Skip to content") && en.contains("Search this book"));
}

#[test]
fn every_page_passes_the_nu_html_checker() {
    let test = "every_page_passes_the_nu_html_checker";
    let Some(jar) = npm_file(test, "vnu-jar/build/dist/vnu.jar") else {
        return;
    };
    let pages = all_pages();
    let out = match Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--format", "json"])
        .args(&pages)
        .output()
    {
        Ok(out) => out,
        Err(e) => {
            browser::skip(test, &format!("cannot run java: {e}"));
            return;
        }
    };
    let report: Value = serde_json::from_slice(&out.stderr)
        .unwrap_or_else(|_| panic!("vnu: {}", String::from_utf8_lossy(&out.stderr)));
    let errors: Vec<String> = report["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| format!("{}: {}", m["url"], m["message"]))
        .collect();
    assert!(pages.len() > 250, "only {} pages", pages.len());
    assert!(
        errors.is_empty(),
        "{} vnu errors over {} pages:\n{}",
        errors.len(),
        pages.len(),
        errors.join("\n")
    );
}

/// Runs the checks of `pages` (JSON objects: `url`, `width` (1280), `media`
/// ("print" for the page as printed), `check`: "axe" (after opening the
/// search with `query` when given) | "overflow" | "keys") in one Chromium,
/// through the project's one browser driver, and returns each page with its
/// result; `None` when skipped. The one place these checks drive the browser.
fn in_browser(test: &str, pages: Vec<Value>) -> Option<Vec<Value>> {
    let axe = npm_file(test, "axe-core/axe.min.js")?;
    let axe_source = std::fs::read_to_string(axe).unwrap();
    let mut chrome = browser::browser(test)?;
    chrome.set_timeout(std::time::Duration::from_secs(60));
    let mut width = None;
    let mut out = Vec::new();
    for mut page in pages {
        let w = page["width"].as_u64().unwrap_or(1280);
        if width != Some(w) {
            width = Some(w);
            chrome
                .call(
                    "Emulation.setDeviceMetricsOverride",
                    serde_json::json!({"width": w, "height": 900, "deviceScaleFactor": 1, "mobile": w < 600}),
                )
                .unwrap();
        }
        let media = page["media"].as_str().unwrap_or("").to_string();
        chrome
            .call(
                "Emulation.setEmulatedMedia",
                serde_json::json!({ "media": media }),
            )
            .unwrap();
        let url = page["url"].as_str().unwrap().to_string();
        chrome
            .navigate(&url)
            .unwrap_or_else(|e| panic!("{url}: {e:#}"));
        let eval = |chrome: &mut bcp_browser::Browser, js: &str| {
            chrome
                .evaluate(js)
                .unwrap_or_else(|e| panic!("{url}: {e:#}"))
        };
        let result = match page["check"].as_str().unwrap_or("axe") {
            "axe" => {
                if let Some(query) = page["query"].as_str() {
                    browser::open_with_query(&mut chrome, query);
                }
                eval(&mut chrome, &format!("{axe_source}\n;0"));
                serde_json::json!({ "violations": eval(&mut chrome, AXE_JS) })
            }
            "overflow" => eval(&mut chrome, OVERFLOW_JS),
            _ => {
                let query = page["query"].as_str().unwrap_or("").to_string();
                let mut steps = serde_json::Map::new();
                chrome.key("/", "Slash").unwrap();
                for _ in 0..200 {
                    let ready = eval(&mut chrome, "window.search && window.search.ready");
                    if !ready.is_null() && ready != "loading" {
                        break;
                    }
                    std::thread::sleep(std::time::Duration::from_millis(25));
                }
                steps.insert("open".into(), eval(&mut chrome, FOCUS_JS));
                chrome.insert_text(&query).unwrap();
                // The live region speaks after a pause in typing.
                std::thread::sleep(std::time::Duration::from_millis(800));
                steps.insert("typed".into(), eval(&mut chrome, FOCUS_JS));
                for (step, key) in [
                    ("down1", "ArrowDown"),
                    ("down2", "ArrowDown"),
                    ("up", "ArrowUp"),
                    ("escape", "Escape"),
                ] {
                    chrome.key(key, key).unwrap();
                    steps.insert(step.into(), eval(&mut chrome, FOCUS_JS));
                }
                Value::Object(steps)
            }
        };
        if let (Value::Object(page), Value::Object(result)) = (&mut page, result) {
            page.extend(result);
        }
        out.push(page);
    }
    let errors = chrome.errors().to_vec();
    assert!(errors.is_empty(), "JS errors: {errors:?}");
    Some(out)
}

const AXE_JS: &str = r#"(async () => {
  const r = await axe.run(document, {
    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
    resultTypes: ['violations'],
  });
  return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.length, targets: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
})()
"#;

const OVERFLOW_JS: &str = r#"(() => {
  const width = document.documentElement.clientWidth;
  const clips = el => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (['auto', 'scroll', 'hidden', 'clip'].includes(s.overflowX)) { return true; }
    }
    return false;
  };
  const out = [];
  for (const el of document.querySelectorAll('#mdbook-content *, #mdbook-menu-bar *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.right <= width + 1) { continue; }
    if (clips(el)) { continue; }
    out.push({tag: el.tagName.toLowerCase(), cls: el.className && String(el.className),
      text: (el.textContent || '').trim().slice(0, 40), right: Math.round(r.right)});
    if (out.length >= 10) { break; }
  }
  // A diagram drawn wider than the screen fits only shrunk (max-width: 100%), its text
  // below the size it was drawn at: each layout shown must be drawn for the width.
  for (const svg of document.querySelectorAll('#mdbook-content figure svg')) {
    const r = svg.getBoundingClientRect();
    const drawn = svg.viewBox && svg.viewBox.baseVal ? svg.viewBox.baseVal.width : 0;
    if (r.width === 0 || drawn <= width) { continue; }
    out.push({tag: 'svg', cls: svg.id, text: 'drawn ' + drawn + ' px wide, shown at ' + Math.round(r.width),
      right: Math.round(r.right)});
  }
  return {width, scrollWidth: document.documentElement.scrollWidth, out};
})()
"#;

const FOCUS_JS: &str = r#"(() => {
  const a = document.activeElement;
  return {id: a && a.id, tag: a && a.tagName.toLowerCase(),
    inResults: !!(a && a.closest && a.closest('#mdbook-searchresults')),
    text: a ? (a.textContent || '').trim().slice(0, 60) : null,
    status: (document.getElementById('bcp-search-status') || {}).textContent || null,
    header: (document.getElementById('mdbook-searchresults-header') || {}).textContent || null};
})()
"#;

fn url(path: &Path) -> String {
    format!("file://{}", path.display())
}

#[test]
fn every_page_has_no_serious_axe_violation() {
    let mut pages: Vec<Value> = all_pages()
        .iter()
        .filter(|p| !p.ends_with("toc.html"))
        .map(|p| serde_json::json!({ "url": url(p) }))
        .collect();
    // With the search open and results shown: a literal hit and a related-word hit.
    for site in sites() {
        for lang in site.languages {
            let root = if *lang == "ja" {
                site.dir.clone()
            } else {
                site.dir.join(lang)
            };
            for query in if *lang == "ja" {
                ["ランサムウェア", "警察"]
            } else {
                ["ransomware", "police"]
            } {
                pages.push(
                    serde_json::json!({ "url": url(&root.join("index.html")), "query": query }),
                );
            }
        }
    }
    // The print documents as printed (the poster's title on dark red, in print too).
    for site in sites() {
        for page in ["print.html", "handout.html", "poster.html"] {
            let path = site.dir.join(page);
            if path.is_file() {
                pages.push(serde_json::json!({ "url": url(&path), "media": "print" }));
            }
        }
    }
    let Some(results) = in_browser("every_page_has_no_serious_axe_violation", pages) else {
        return;
    };
    let mut bad = Vec::new();
    for page in &results {
        for v in page["violations"].as_array().unwrap() {
            if matches!(v["impact"].as_str(), Some("critical" | "serious")) {
                bad.push(format!(
                    "{} {} {}: {} {} ({} nodes: {})",
                    page["url"],
                    page["query"],
                    page["media"],
                    v["impact"],
                    v["id"],
                    v["nodes"],
                    v["targets"]
                ));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "{} serious or critical violations over {} checks:\n{}",
        bad.len(),
        results.len(),
        bad.join("\n")
    );
}

#[test]
fn the_search_works_with_the_keyboard_and_says_what_it_found() {
    let mut pages = Vec::new();
    for (dir, query) in [
        (site("sakura-plan").dir.clone(), "警察"),
        (site("sakura-plan").dir.join("en"), "police"),
    ] {
        pages.push(serde_json::json!({
            "url": url(&dir.join("ch1/1-1.html")), "check": "keys", "query": query
        }));
    }
    let Some(results) = in_browser(
        "the_search_works_with_the_keyboard_and_says_what_it_found",
        pages,
    ) else {
        return;
    };
    for (page, lang) in results.iter().zip(["ja", "en"]) {
        assert_eq!(page["open"]["id"], "mdbook-searchbar", "{lang}: {page}");
        // The count is said in the live region, in the page's language.
        let status = page["typed"]["status"].as_str().unwrap_or_default();
        assert_eq!(
            status,
            page["typed"]["header"].as_str().unwrap(),
            "{lang}: {page}"
        );
        assert!(
            if lang == "ja" {
                status.contains("件")
            } else {
                status.contains("result")
            },
            "{lang}: {status}"
        );
        // Arrow keys move the focus itself through the results, back up to the input.
        assert_eq!(page["down1"]["inResults"], true, "{lang}: {page}");
        assert_eq!(page["down2"]["inResults"], true, "{lang}: {page}");
        assert_ne!(page["down1"]["text"], page["down2"]["text"], "{lang}");
        assert_eq!(page["up"]["text"], page["down1"]["text"], "{lang}");
        // Esc closes the search and gives the focus back to its button.
        assert_eq!(
            page["escape"]["id"], "mdbook-search-toggle",
            "{lang}: {page}"
        );
    }
}

#[test]
fn nothing_sticks_out_of_a_phone_screen() {
    let mut pages = Vec::new();
    for name in ["sakura-plan", "clinic-plan"] {
        let site = site(name);
        for entry in walkdir::WalkDir::new(&site.dir).sort_by_file_name() {
            let path = entry.unwrap().into_path();
            let file = path.file_name().unwrap().to_string_lossy().into_owned();
            if path.extension().is_some_and(|x| x == "html")
                && !["toc.html", "print.html", "handout.html", "poster.html"]
                    .contains(&file.as_str())
            {
                pages.push(
                    serde_json::json!({ "url": url(&path), "check": "overflow", "width": 390 }),
                );
            }
        }
    }
    let Some(results) = in_browser("nothing_sticks_out_of_a_phone_screen", pages) else {
        return;
    };
    let bad: Vec<String> = results
        .iter()
        .filter(|p| {
            p["scrollWidth"].as_u64() > p["width"].as_u64()
                || !p["out"].as_array().unwrap().is_empty()
        })
        .map(|p| format!("{} ({} px wide): {}", p["url"], p["scrollWidth"], p["out"]))
        .collect();
    assert!(results.len() > 60, "only {} pages", results.len());
    assert!(
        bad.is_empty(),
        "content sticks out at 390 px:\n{}",
        bad.join("\n")
    );
}

#[test]
fn print_headings_nest_and_the_tab_names_the_pharmacy() {
    let site = site("sakura-plan");
    let print = read(&site.dir.join("print.html"));
    assert!(print.contains("data-depth=\"1\" data-path=\"ch2/2-1.md\">\n<h2 id=\"s2-1\""));
    assert!(
        print.contains("<h3 id=\"s2-1-4\""),
        "2.1.4 is an h3 under 2.1"
    );
    for depth in 1..=2 {
        let at = format!("data-depth=\"{depth}\"");
        for part in print.split(&at).skip(1) {
            let first = part.split_once("\n<h").map_or("", |x| x.1);
            assert!(
                first.starts_with(&(depth + 1).to_string()),
                "a depth-{depth} section starts with <h{}",
                &first[..first.len().min(20)]
            );
        }
    }
    // The device ledger is marked to print on a landscape page.
    assert!(print.contains(r#"<div class="bcp-wide"></div>"#));
    let css = read(&repo().join("theme/css/bcp-print.css"));
    assert!(css.contains("@page wide { size: A4 landscape;"));
    assert!(css.contains(".bcp-wide + .table-wrapper, .bcp-wide + table { page: wide; }"));
    assert!(css.contains(r#"font-family: "BIZ UDPGothic""#));
    // The print documents' titles name the pharmacy (the test book's title does not).
    for page in ["print.html", "handout.html", "poster.html"] {
        let html = read(&site.dir.join(page));
        let title = title_of(&html);
        assert!(title.contains("さくら調剤薬局"), "{page}: {title}");
    }
    // So does every chapter page's tab, once.
    let chapter = read(&site.dir.join("ch2/2-1.html"));
    let title = title_of(&chapter);
    assert!(title.contains("さくら調剤薬局"), "{title}");
    assert_eq!(title.matches("さくら調剤薬局").count(), 1, "{title}");
}

/// The text of a page's `<title>`.
fn title_of(html: &str) -> &str {
    html.split("<title>")
        .nth(1)
        .and_then(|t| t.split("</title>").next())
        .expect("the page has a title")
}

#[test]
fn the_pdfs_embed_real_fonts_and_the_binder_stays_small() {
    let test = "the_pdfs_embed_real_fonts_and_the_binder_stays_small";
    if browser::chromium(test).is_none() {
        return;
    }
    if Command::new("pdffonts").arg("-v").output().is_err() {
        browser::skip(test, "pdffonts (poppler-utils) not found");
        return;
    }
    let book = TestBook::sakura();
    book.build(&["--edition", "plan", "--pdf"]);
    for name in ["print", "handout", "poster"] {
        let pdf = book.root().join(format!("book/{name}.pdf"));
        let out = Command::new("pdffonts").arg(&pdf).output().unwrap();
        let fonts = String::from_utf8_lossy(&out.stdout);
        assert!(
            !fonts.contains("Type 3"),
            "{name}.pdf has Type 3 fonts:\n{fonts}"
        );
        assert!(
            fonts.contains("BIZUDPGothic-Regular"),
            "{name}.pdf:\n{fonts}"
        );
    }
    let binder = book.root().join("book/print.pdf");
    let size = std::fs::metadata(&binder).unwrap().len();
    assert!(size < 1024 * 1024, "print.pdf is {size} bytes");
    // The device ledger's page is landscape, its columns all there.
    let info = Command::new("pdfinfo")
        .args(["-f", "1", "-l", "200"])
        .arg(&binder)
        .output()
        .unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    let landscape: Vec<usize> = info
        .lines()
        .filter(|l| l.contains("size:  841.92 x 594.96"))
        .filter_map(|l| l.split_whitespace().nth(1)?.parse().ok())
        .collect();
    let ledger = landscape.iter().find(|p| {
        let out = Command::new("pdftotext")
            .args(["-f", &p.to_string(), "-l", &p.to_string()])
            .arg(&binder)
            .arg("-")
            .output()
            .unwrap();
        let text = squash(&String::from_utf8_lossy(&out.stdout));
        text.contains("管理番号") && text.contains("設置場所") && text.contains("SKR-SV01")
    });
    assert!(
        ledger.is_some(),
        "no landscape page with the device ledger: {landscape:?}"
    );
}
