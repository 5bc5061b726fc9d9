//! The built book's Japanese search, through the real UI in headless Chromium
//! from file:// (skipped with a message when Chromium is absent, except in CI).

#[path = "../../search/tests/support/browser.rs"]
pub(super) mod browser;

use super::support::*;

#[test]
fn search_finds_japanese_in_the_built_book_and_its_data_blocks() {
    let book = TestBook::bundled();
    book.build(&[]);
    let site = book.root().join("book");
    let queries = [
        "ランサムウェア",             // katakana
        "個人情報保護委員会",         // kanji compound
        "紙運用",                     // kana-kanji, only in a data table (2.3.4)
        "警察",                       // two characters
        "VPN",                        // Latin
        "総務課",                     // a desk of an outside body, only in data (2.2.2)
        "ネットワーク 遮断",          // two words, both must match
        "ランサムウェアに感染したら", // a question: ranked by how much matches
        "qzxwv",                      // nothing matches: no results, no error
    ];
    let Some(results) = browser::search_hrefs(&site, &queries) else {
        return;
    };
    let first = |i: usize| results[i].first().cloned().unwrap_or_default();
    let finds = |i: usize, page: &str| {
        assert!(
            results[i].iter().any(|h| h.starts_with(page)),
            "{}: {:?}",
            queries[i],
            results[i]
        )
    };
    finds(0, "ch1/1-4.html");
    finds(1, "ch2/2-2.html");
    assert!(first(2).starts_with("ch2/2-3.html"), "{:?}", results[2]);
    assert!(!results[3].is_empty());
    assert!(!results[4].is_empty());
    finds(5, "ch2/2-2.html");
    finds(6, "ch3/3-3.html");
    assert!(
        results[7]
            .iter()
            .take(5)
            .any(|h| h.starts_with("ch1/1-4.html")),
        "{:?}",
        results[7]
    );
    assert!(results[8].is_empty(), "{:?}", results[8]);
}

#[test]
fn the_english_site_searches_its_own_english_index() {
    let book = TestBook::bundled();
    book.build(&[]);
    let site = book.root().join("book/en");
    let queries = ["ransomware", "backup", "police contact", "ランサムウェア"];
    let Some(results) = browser::search_hrefs(&site, &queries) else {
        return;
    };
    assert!(
        results[0].iter().any(|h| h.starts_with("ch1/1-4.html")),
        "{:?}",
        results[0]
    );
    assert!(
        results[1].iter().any(|h| h.starts_with("ch2/2-2.html")),
        "{:?}",
        results[1]
    );
    assert!(!results[2].is_empty(), "{:?}", results[2]);
    // The English index holds the English text, not the Japanese.
    assert!(results[3].is_empty(), "{:?}", results[3]);
}
