//! The template edition reproduces every sentence and table cell of the seed.

use super::support::*;

/// The seed's sentences and cells, minus its table of contents and page furniture.
fn seed_fragments() -> Vec<String> {
    let seed = std::fs::read_to_string(repo().join("tests/fixtures/seed-000-bcp.txt")).unwrap();
    let mut in_toc = false;
    let mut fragments = Vec::new();
    for line in seed.lines() {
        let line = line.trim();
        if line == "目次" {
            in_toc = true;
            continue;
        }
        if in_toc {
            // The 目次 lists headings with page numbers; the book's sidebar replaces it.
            in_toc = line != "第1章 総則";
            continue;
        }
        for cell in line.split('\t') {
            for sentence in cell.split_inclusive('。') {
                let s = squash(sentence.trim_start_matches(['-', '・', '●', '➤', ' ']));
                let s = s.trim_start_matches(['・', '-']).to_string();
                // The extraction wrote links as Markdown autolinks: <https://…>.
                let s = if s.contains("http") {
                    s.replace(['<', '>'], "")
                } else {
                    s
                };
                if !s.is_empty() {
                    fragments.push(s);
                }
            }
        }
    }
    fragments
}

#[test]
fn every_sentence_of_the_seed_is_in_the_template_edition() {
    let book = TestBook::bundled();
    book.build(&[]);
    let site = squash(&html_text(&book.read("book/print.html")));
    let missing: Vec<String> = seed_fragments()
        .into_iter()
        .filter(|f| !site.contains(f.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "{} fragments of the seed are not in the site:\n{}",
        missing.len(),
        missing.join("\n")
    );
}
