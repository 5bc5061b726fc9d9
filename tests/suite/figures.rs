//! The diagrams (2.1.2 組織体制図, 2.1.5 ネットワーク・システム構成図,
//! 2.2.1 連絡体制図) in the built example: their names in the print PDF, on
//! one page each and printed once (the wide layout only); in a browser at
//! 1280 px and 390 px, visible and inside the content column. Chromium (and
//! pdftotext) are needed: without them the tests are skipped with a
//! message, except under `CI=true`.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use super::search::browser;
use super::support::*;

/// Each diagram: its SVG id (wide layout), the heading it follows, the next
/// heading, and names drawn on it.
const DIAGRAMS: &[(&str, &str, &str, &[&str])] = &[
    (
        "bcp-org-w",
        "2.1.2 組織体制図",
        "2.1.3 担当者の役割",
        &["本田 美和", "中村 翔太", "株式会社メディシス", "佐倉 健一"],
    ),
    (
        "bcp-network-w",
        "2.1.5 ネットワーク・システム構成図",
        "2.1.6 脆弱性に関する対策",
        &["薬局LAN", "192.168.10.0/24", "SKR-SV01"],
    ),
    (
        "bcp-contact-w",
        "2.2.1 連絡体制図",
        "2.2.2 重要関係先連絡リスト",
        &[
            "株式会社メディシス",
            "本田 美和",
            "中村 翔太",
            "03-5555-0104",
        ],
    ),
];

fn on_path(name: &str) -> bool {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path).any(|dir| dir.join(name).is_file())
}

/// The `<svg id="ID" …>…</svg>` of a page.
fn svg_of<'a>(html: &'a str, id: &str) -> &'a str {
    let at = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no #{id}"));
    let start = html[..at].rfind("<svg").unwrap();
    let end = at + html[at..].find("</svg>").unwrap();
    &html[start..end]
}

/// The texts drawn in an SVG, each squashed, with its baseline, in order.
fn svg_texts(svg: &str) -> Vec<(String, i32)> {
    svg.split("<text")
        .skip(1)
        .map(|t| {
            let tag = &t[..t.find('>').unwrap()];
            let y = tag
                .split(" y=\"")
                .nth(1)
                .expect("y")
                .split('"')
                .next()
                .unwrap();
            let t = &t[tag.len() + 1..t.find("</text>").unwrap()];
            (
                squash(&html_escape::decode_html_entities(t)),
                y.parse().expect("integer y"),
            )
        })
        .filter(|(t, _)| !t.is_empty())
        .collect()
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

#[test]
fn print_pdf_shows_each_diagram_once_on_one_page() {
    let test = "print_pdf_shows_each_diagram_once_on_one_page";
    if browser::chromium(test).is_none() {
        return;
    }
    if !on_path("pdftotext") {
        browser::skip(test, "pdftotext (poppler-utils) not found");
        return;
    }
    let book = TestBook::sakura();
    book.build(&["--pdf"]);
    let print = book.read("book/print.html");
    // In the order drawn (-raw): pdftotext's column guessing would put a box at the
    // right edge of a figure after the heading that follows the figure.
    let out = Command::new("pdftotext")
        .arg("-raw")
        .arg(book.root().join("book/print.pdf"))
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success(), "pdftotext failed");
    let pages: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .split('\u{c}')
        .map(squash)
        .collect();
    for (id, heading, next, names) in DIAGRAMS {
        let (heading, next) = (squash(heading), squash(next));
        // The pages from the heading to the next one, each cut to that span.
        let first = pages
            .iter()
            .position(|p| p.contains(&heading) && !p.contains("目次"))
            .unwrap_or_else(|| panic!("no page with {heading}"));
        let last = first
            + pages[first..]
                .iter()
                .position(|p| p.contains(&next))
                .unwrap_or_else(|| panic!("no page with {next} after {heading}"));
        let span: Vec<&str> = (first..=last)
            .map(|p| {
                let mut text = pages[p].as_str();
                if p == first {
                    text = &text[text.find(&heading).unwrap()..];
                }
                if p == last {
                    text = &text[..text.find(&next).unwrap()];
                }
                text
            })
            .collect();
        let all = span.concat();
        let drawn = svg_texts(svg_of(&print, id));
        let drawn_all: String = drawn.iter().map(|(t, _)| t.as_str()).collect();
        for name in *names {
            let name = squash(name);
            let on_svg = count(&drawn_all, &name);
            assert!(on_svg >= 1, "{id} does not draw {name}");
            // Printed as often as the wide layout draws it: the phone
            // layout (the same names again) is not printed.
            assert_eq!(
                count(&all, &name),
                on_svg,
                "{name} under {heading} in print.pdf (pages {}–{})",
                first + 1,
                last + 1
            );
        }
        // The top and the bottom text drawn are on the same page: the
        // diagram is not split.
        let page_of = |text: &str| {
            let on: Vec<usize> = span
                .iter()
                .enumerate()
                .filter(|(_, p)| p.contains(text))
                .map(|(i, _)| first + i + 1)
                .collect();
            assert!(!on.is_empty(), "{text} of {id} is not in print.pdf");
            on
        };
        // Texts found by themselves: not part of another text drawn
        // (192.168.10.1 is part of 192.168.10.10).
        let own: Vec<&(String, i32)> = drawn
            .iter()
            .filter(|(t, _)| drawn.iter().all(|(o, _)| o == t || !o.contains(t.as_str())))
            .collect();
        let top = page_of(&own.iter().min_by_key(|(_, y)| *y).unwrap().0);
        let bottom = page_of(&own.iter().max_by_key(|(_, y)| *y).unwrap().0);
        assert!(
            top.iter().any(|p| bottom.contains(p)),
            "{id} is split: its top on page {top:?}, its bottom on page {bottom:?}"
        );
        // The heading is on the diagram's page, not left at the foot of the one before.
        assert!(
            top.contains(&(first + 1)),
            "{heading} on page {}, {id} from page {top:?}",
            first + 1
        );
    }
}

/// Measures each figure in headless Chromium at each width.
const MEASURE_JS: &str = r#"(() => {
  const r = e => { const b = e.getBoundingClientRect(); return [b.left, b.top, b.width, b.height]; };
  const d = document.documentElement;
  return {client: d.clientWidth, scroll: d.scrollWidth, main: r(document.querySelector('main')),
    figures: [...document.querySelectorAll('figure.bcp-diagram')].map(f => ({id: f.id,
      wide: r(f.querySelector('.bcp-diagram-wide svg')),
      narrow: r(f.querySelector('.bcp-diagram-narrow svg')),
      widths: [...f.querySelectorAll('svg')].map(s => s.viewBox.baseVal.width)}))};
})()"#;

fn measure(site: &Path, pages: &[&str], test: &str) -> Option<Value> {
    let mut b = browser::browser(test)?;
    let mut out = Vec::new();
    for width in [1280, 390] {
        b.set_viewport(width, 900).unwrap();
        for page in pages {
            let url = bcp_browser::file_url(&site.join(page));
            b.navigate(&url).unwrap();
            let mut m = b.evaluate(MEASURE_JS).unwrap();
            m["width"] = width.into();
            m["url"] = url.into();
            out.push(m);
        }
    }
    Some(serde_json::json!({"pages": out, "errors": b.errors()}))
}

fn rect(v: &Value) -> [f64; 4] {
    let a = v.as_array().expect("rect");
    [0, 1, 2, 3].map(|i| a[i].as_f64().unwrap())
}

#[test]
fn diagrams_are_visible_inside_the_column_on_a_computer_and_a_phone() {
    let test = "diagrams_are_visible_inside_the_column_on_a_computer_and_a_phone";
    let book = TestBook::sakura();
    book.build(&[]);
    let site = book.root().join("book");
    let Some(out) = measure(&site, &["ch2/2-1.html", "ch2/2-2.html"], test) else {
        return;
    };
    assert_eq!(out["errors"], Value::Array(Vec::new()), "JS errors");
    let pages = out["pages"].as_array().unwrap();
    assert_eq!(pages.len(), 4);
    let mut seen = Vec::new();
    for page in pages {
        let width = page["width"].as_i64().unwrap();
        let at = format!("{} at {width} px", page["url"]);
        let (client, scroll) = (
            page["client"].as_f64().unwrap(),
            page["scroll"].as_f64().unwrap(),
        );
        assert!(
            scroll <= client,
            "{at}: the page scrolls sideways ({scroll} > {client})"
        );
        let main = rect(&page["main"]);
        for fig in page["figures"].as_array().unwrap() {
            let id = fig["id"].as_str().unwrap();
            seen.push(format!("{id} {width}"));
            let (shown, hidden, layout) = if width > 600 {
                (rect(&fig["wide"]), rect(&fig["narrow"]), 0)
            } else {
                (rect(&fig["narrow"]), rect(&fig["wide"]), 1)
            };
            assert!(
                shown[2] > 100.0 && shown[3] > 100.0,
                "{at}: {id} is not visible: {shown:?}"
            );
            assert_eq!(hidden[2] * hidden[3], 0.0, "{at}: {id} shows both layouts");
            let (left, right) = (shown[0], shown[0] + shown[2]);
            assert!(
                left >= main[0] - 0.5 && right <= main[0] + main[2] + 0.5,
                "{at}: {id} {shown:?} leaves the column {main:?}"
            );
            // Drawn at 11/14 of its size or more: text of 14 px stays ≥ 11 px.
            let drawn = fig["widths"][layout].as_f64().unwrap();
            assert!(
                shown[2] / drawn >= 11.0 / 14.0,
                "{at}: {id} is {drawn} wide, shrunk to {} px",
                shown[2]
            );
            // The phone layout is drawn for the screen: no wider than it.
            assert!(
                drawn <= width as f64,
                "{at}: {id} is drawn {drawn} px wide, wider than the screen"
            );
        }
    }
    for want in [
        "bcp-org 1280",
        "bcp-network 1280",
        "bcp-contact 1280",
        "bcp-org 390",
        "bcp-network 390",
        "bcp-contact 390",
    ] {
        assert!(
            seen.iter().any(|s| s == want),
            "{want} not measured: {seen:?}"
        );
    }
}
