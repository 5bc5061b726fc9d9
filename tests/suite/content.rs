//! The template edition reproduces every sentence and table cell of the seed.

use super::support::*;

/// The sentences and cells of the seed `tests/fixtures/{fixture}` (extraction
/// damage already removed), minus its table of contents and page furniture.
/// Table cells are separated by tabs.
pub fn seed_fragments(fixture: &str) -> Vec<String> {
    let seed = std::fs::read_to_string(repo().join("tests/fixtures").join(fixture)).unwrap();
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

/// The fragments of the seed `fixture` that the built `book/print.html` lacks,
/// both sides compared after [`squash`] (NFKC, no white space).
pub fn missing_from_print(book: &TestBook, fixture: &str) -> Vec<String> {
    let site = squash(&html_text(&book.read("book/print.html")));
    seed_fragments(fixture)
        .into_iter()
        .filter(|f| !site.contains(f.as_str()))
        .collect()
}

/// The table rows of the seed `fixture` (its lines with tab-separated cells)
/// that are not a row of a table in the built `book/print.html`: same number of
/// cells, each cell equal after [`squash`], an empty cell of the seed an empty cell.
pub fn rows_missing_from_print(book: &TestBook, fixture: &str) -> Vec<String> {
    let html = book.read("book/print.html");
    let rows = table_rows(&html);
    let seed = std::fs::read_to_string(repo().join("tests/fixtures").join(fixture)).unwrap();
    seed.lines()
        .filter(|line| line.contains('\t'))
        .filter(|line| {
            let cells: Vec<String> = line.split('\t').map(squash).collect();
            !rows.contains(&cells)
        })
        .map(str::to_string)
        .collect()
}

/// Every `<tr>` of `html` as its cells' text, squashed.
fn table_rows(html: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for row in html.split("<tr>").skip(1) {
        let row = row.split("</tr>").next().unwrap_or("");
        // A cell spanning n columns stands for itself and n - 1 empty cells.
        let cells = row
            .split("<t")
            .skip(1)
            .filter(|c| c.starts_with('d') || c.starts_with('h'))
            .flat_map(|c| {
                let (tag, inner) = c.split_once('>').unwrap_or((c, ""));
                let inner = inner.rsplit_once("</t").map_or(inner, |x| x.0);
                let span: usize = tag
                    .split("colspan=\"")
                    .nth(1)
                    .and_then(|v| v.split('"').next())
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(1);
                std::iter::once(squash(&html_text(inner)))
                    .chain(std::iter::repeat_n(String::new(), span.saturating_sub(1)))
            })
            .collect();
        rows.push(cells);
    }
    rows
}

#[test]
fn every_sentence_of_the_seed_is_in_the_template_edition() {
    let book = TestBook::bundled();
    book.build(&[]);
    let missing = missing_from_print(&book, "seed-000-bcp.txt");
    assert!(
        missing.is_empty(),
        "{} fragments of the seed are not in the site:\n{}",
        missing.len(),
        missing.join("\n")
    );
}
