//! The search in a real browser: a small Japanese book is built with mdBook 0.5 and our
//! renderer, then queried through its search UI in headless Chromium from file://.
//!
//! Skipped (with a `SKIPPED` line) when Chromium or node is missing, unless CI=true.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use support::book::{Chapter, Search, build_site};
use support::browser::{query, search_hrefs, skip};

fn chapter(path: &str, name: &str, depth: usize, markdown: &str) -> Chapter {
    Chapter {
        path: path.into(),
        name: name.into(),
        depth,
        markdown: markdown.into(),
    }
}

/// A few pages that exercise the cases of the issue: tables, raw HTML, width variants.
fn chapters() -> Vec<Chapter> {
    vec![
        chapter(
            "ch1.md",
            "第1章 総則",
            0,
            "# 第1章 総則 {#ch1}\n\n総則の章。\n",
        ),
        chapter(
            "ch1/1-4.md",
            "1.4 想定する事象",
            1,
            "# 1.4 想定する事象 {#s1-4}\n\nサイバー攻撃によりシステムが停止する。\n\n\
             ## 1.4.2 備えるべき脅威 {#s1-4-2}\n\n\
             | No | IT リスク | 感染経路 |\n|---|---|---|\n\
             | 1 | 身代金要求型ウイルス（ランサムウェア） | ウェブサイト閲覧で感染する。 |\n\
             | 2 | フィッシング詐欺メール | 偽のサイトに誘導する。 |\n\n\
             <span class=\"bcp-example\">【記載例】</span>ＵＳＢ メモリーの接続を許容。ｻｰﾊﾞｰ の管理。\n",
        ),
        chapter("ch2.md", "第2章 体制整備", 0, "# 第2章 体制整備 {#ch2}\n"),
        chapter(
            "ch2/2-2.md",
            "2.2 非常時に備えたサイバーセキュリティ体制",
            1,
            "# 2.2 非常時に備えたサイバーセキュリティ体制 {#s2-2}\n\n\
             ## 2.2.1 連絡体制図 {#s2-2-1}\n\n連絡先、電話番号を定める。\n\n\
             ## 2.2.2 重要関係先連絡リスト {#s2-2-2}\n\n\
             | 関係先 | 連絡先 |\n|---|---|\n\
             | 警察（サイバー犯罪相談窓口） | 03-5805-1731 |\n\
             | 個人情報保護委員会 | 03-6457-9680 |\n\n\
             ## 訓練\n\n年1回以上の**訓練**を実施する。VPN 装置と IP アドレスの一覧を作る。\n",
        ),
        chapter(
            "ch2/2-3.md",
            "2.3 事業継続戦略",
            1,
            "# 2.3 事業継続戦略 {#s2-3}\n\n## 2.3.4 リスク評価・代替運用 {#s2-3-4}\n\n\
             電子薬歴が使えないときは紙運用、薬袋は手書きとする。\n\n\
             <div class=\"note\">BCP を発動する。</div>\n",
        ),
    ]
}

/// Builds (once per test run) the fixture book with the given search.
fn site(search: Search) -> &'static Path {
    static BCP: OnceLock<PathBuf> = OnceLock::new();
    static NO_INDEX: OnceLock<PathBuf> = OnceLock::new();
    let (cell, dir) = match search {
        Search::Bcp => (&BCP, "bcp"),
        Search::BcpWithoutIndex => (&NO_INDEX, "no-index"),
        Search::Stock => unreachable!("not used here"),
    };
    cell.get_or_init(|| {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join("bcp-search-fixture")
            .join(dir);
        if root.exists() {
            std::fs::remove_dir_all(&root).unwrap();
        }
        build_site(&root, "検索テスト", &chapters(), search).unwrap()
    })
}

#[test]
fn finds_every_script_and_ranks_headings_first() {
    let queries = [
        "ランサムウェア",
        "個人情報保護委員会",
        "紙運用",
        "連絡先",
        "警察",
        "訓練",
        "BCP",
        "ｂｃｐ",
        "VPN",
        "IPアドレス",
        "USBメモリー",
        "サーバ",
        "警察 連絡先",
        "ランサムウェアに感染したら",
        "警察の連絡先は",
        "<span class=note>",
        "存在しない語句",
    ];
    let Some(hrefs) = search_hrefs(site(Search::Bcp), &queries) else {
        return;
    };
    let first = |i: usize| hrefs[i].first().map(String::as_str);
    assert_eq!(first(0), Some("ch1/1-4.html#s1-4-2"));
    assert_eq!(first(1), Some("ch2/2-2.html#s2-2-2"));
    assert_eq!(first(2), Some("ch2/2-3.html#s2-3-4"));
    assert_eq!(
        hrefs[3],
        ["ch2/2-2.html#s2-2-1", "ch2/2-2.html#s2-2-2"],
        "denser first"
    );
    assert_eq!(first(4), Some("ch2/2-2.html#s2-2-2"));
    assert_eq!(first(5), Some("ch2/2-2.html#訓練"), "derived heading id");
    assert_eq!(
        first(6),
        Some("ch2/2-3.html#s2-3-4"),
        "text inside raw <div>"
    );
    assert_eq!(hrefs[7], hrefs[6], "fullwidth and case");
    assert_eq!(first(8), Some("ch2/2-2.html#訓練"));
    assert_eq!(
        first(9),
        Some("ch2/2-2.html#訓練"),
        "IPアドレス matches 'IP アドレス'"
    );
    assert_eq!(
        first(10),
        Some("ch1/1-4.html#s1-4-2"),
        "fullwidth, spaced ＵＳＢ メモリー"
    );
    assert_eq!(first(11), Some("ch1/1-4.html#s1-4-2"), "halfwidth ｻｰﾊﾞｰ");
    assert_eq!(first(12), Some("ch2/2-2.html#s2-2-2"));
    assert_eq!(
        first(13),
        Some("ch1/1-4.html#s1-4-2"),
        "question falls back to its words"
    );
    assert_eq!(first(14), Some("ch2/2-2.html#s2-2-2"));
    assert!(
        hrefs[15].is_empty(),
        "tags are not indexed: {:?}",
        hrefs[15]
    );
    assert!(hrefs[16].is_empty());
}

#[test]
fn result_page_highlights_the_matches() {
    let Some(out) = query("follow", site(Search::Bcp), &["紙運用"]) else {
        return;
    };
    assert_eq!(out["marks"], serde_json::json!(["紙運用"]), "{out}");
    let Some(out) = query("follow", site(Search::Bcp), &["ｻｰﾊﾞｰ"]) else {
        return;
    };
    assert_eq!(out["marks"], serde_json::json!(["ｻｰﾊﾞｰ"]), "{out}");
    let Some(out) = query("follow", site(Search::Bcp), &["ランサムウェアに感染したら"])
    else {
        return;
    };
    let marks = out["marks"].to_string();
    assert!(
        marks.contains("ランサムウェア") && marks.contains("感染"),
        "{out}"
    );
}

#[test]
fn keyboard_opens_searches_and_follows() {
    let Some(out) = query("ui", site(Search::Bcp), &["訓練"]) else {
        return;
    };
    assert_eq!(out["opened"]["visible"], true, "{out}");
    assert_eq!(out["opened"]["focused"], true, "{out}");
    assert!(out["results"].as_u64().unwrap_or(0) >= 1, "{out}");
    assert_eq!(out["first_focused"], true, "{out}");
    assert_eq!(out["navigated"], true, "{out}");
    assert_eq!(out["url"], "ch2/2-2.html#訓練", "{out}");
    assert_eq!(
        out["marks"],
        serde_json::json!(["訓練", "訓練"]),
        "heading and bold text: {out}"
    );
    assert_eq!(out["escape_unmarks"], true, "{out}");
    assert_eq!(out["errors"], serde_json::json!([]), "{out}");
}

#[test]
fn a_site_without_index_says_so() {
    let Some(out) = query("search", site(Search::BcpWithoutIndex), &["連絡先"]) else {
        return;
    };
    let header = out["queries"][0]["header"].as_str().unwrap_or_default();
    assert!(header.contains("検索インデックスがありません"), "{out}");
    assert_eq!(out["open"]["state"], "missing", "{out}");
    // The keyboard path too: '/' opens search, typing shows the message, nothing hangs.
    let Some(out) = query("ui", site(Search::BcpWithoutIndex), &["連絡先"]) else {
        return;
    };
    assert_eq!(out["opened"]["visible"], true, "{out}");
    assert_eq!(out["index"], "missing", "{out}");
    assert_eq!(out["results"], 0, "{out}");
    let header = out["header"].as_str().unwrap_or_default();
    assert!(header.contains("検索インデックスがありません"), "{out}");
}

#[test]
fn thesaurus_finds_related_words_and_says_so() {
    let Some(out) = query("search", site(Search::Bcp), &["TEL", "訓練", "警察 連絡先"])
    else {
        return;
    };
    // No 「TEL」 in the book: the phone numbers of the contact list stand for it.
    let tel = &out["queries"][0];
    let header = tel["header"].as_str().unwrap_or_default();
    assert!(header.contains("関連語（"), "{header}");
    let list = tel["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["href"] == "ch2/2-2.html#s2-2-2")
        .unwrap_or_else(|| panic!("no contact list: {tel}"));
    let teaser = list["teaser"].as_str().unwrap_or_default();
    assert!(teaser.contains("<em>03-5805-1731</em>"), "{tel}");
    // A query with no thesaurus entry says nothing about related words.
    let plain = out["queries"][1]["header"].as_str().unwrap_or_default();
    assert!(!plain.contains("関連語"), "{plain}");
    // Related words never push a literal hit down.
    let police = &out["queries"][2]["results"];
    assert_eq!(police[0]["href"], "ch2/2-2.html#s2-2-2", "{police}");
}

#[test]
fn js_core_unit_tests() {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("browser/core.test.js");
    let output = match Command::new("node").arg("--test").arg(&script).output() {
        Ok(output) => output,
        Err(e) => {
            skip("js_core_unit_tests", &format!("cannot run node: {e}"));
            return;
        }
    };
    assert!(
        output.status.success(),
        "node --test failed:\n{}",
        String::from_utf8_lossy(&output.stdout)
    );
}

#[test]
fn index_anchors_exist_in_the_built_pages() {
    let site = site(Search::Bcp);
    let script = std::fs::read_to_string(site.join(bcp_search::INDEX_FILE)).unwrap();
    let json = script
        .trim_end()
        .strip_prefix("window.bcpSearchIndex = ")
        .and_then(|s| s.strip_suffix(';'))
        .unwrap();
    let index: serde_json::Value = serde_json::from_str(json).unwrap();
    let sections = index["sections"].as_array().unwrap();
    assert!(sections.len() >= 8, "{index}");
    for section in sections {
        let page = &index["pages"][section[0].as_u64().unwrap() as usize];
        let html = std::fs::read_to_string(site.join(page[0].as_str().unwrap())).unwrap();
        let anchor = section[1].as_str().unwrap();
        assert!(
            anchor.is_empty() || html.contains(&format!("id=\"{anchor}\"")),
            "no id {anchor:?} in {}",
            page[0]
        );
    }
}
