//! Spreadsheets as data: a workbook made by `bcp export` builds the same book
//! as the TOML it came from; CSV saved by Excel (Shift_JIS) and LibreOffice's
//! .ods are read; a bad cell is named by sheet and cell.

use std::io::Write;
use std::path::Path;

use super::support::*;

/// Every HTML page of the built site, by path.
fn pages(book: &TestBook) -> Vec<(std::path::PathBuf, String)> {
    tree_digest(&book.root().join("book"))
        .into_iter()
        .filter(|(p, _)| p.extension().is_some_and(|x| x == "html"))
        .map(|(p, bytes)| (p, String::from_utf8(bytes).unwrap()))
        .collect()
}

/// The table keys a workbook holds (its sheets, named as `bcp` reads them).
fn tables_in(path: &Path) -> Vec<&'static str> {
    use calamine::Reader;
    let book = calamine::open_workbook_auto(path).unwrap();
    book.sheet_names()
        .iter()
        .map(|name| {
            mdbook_bcp::sheets::table_named(name)
                .unwrap_or_else(|| panic!("sheet {name} names no table"))
                .key
        })
        .collect()
}

/// Removes the top-level `tables` from every TOML file of `data/`.
fn drop_tables(book: &TestBook, tables: &[&str]) {
    for entry in std::fs::read_dir(book.root().join("data")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "toml") {
            continue;
        }
        let mut doc: toml_edit::DocumentMut =
            std::fs::read_to_string(&path).unwrap().parse().unwrap();
        for table in tables {
            doc.remove(table);
        }
        std::fs::write(&path, doc.to_string()).unwrap();
    }
}

fn assert_same_pages(
    before: &[(std::path::PathBuf, String)],
    after: &[(std::path::PathBuf, String)],
) {
    assert_eq!(
        before.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        after.iter().map(|(p, _)| p).collect::<Vec<_>>()
    );
    for ((path, a), (_, b)) in before.iter().zip(after) {
        if a != b {
            let at = a
                .char_indices()
                .zip(b.chars())
                .find(|((_, x), y)| x != y)
                .map_or(0, |((i, _), _)| i);
            let from = a.floor_char_boundary(at.saturating_sub(200));
            panic!(
                "{} differs:\nTOML:  {}\nsheet: {}",
                path.display(),
                &a[from..a.ceil_char_boundary((at + 200).min(a.len()))],
                &b[from..b.ceil_char_boundary((at + 200).min(b.len()))]
            );
        }
    }
}

#[test]
fn an_exported_workbook_in_data_builds_the_same_book() {
    let book = TestBook::sakura();
    book.build(&[]);
    let before = pages(&book);
    let xlsx = book.root().join("plan.xlsx");
    let out = book.bcp(&["export", "--out", xlsx.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let tables = tables_in(&xlsx);
    for table in [
        "people", "orgs", "systems", "devices", "contacts", "measures", "checks",
    ] {
        assert!(tables.contains(&table), "{table} not exported: {tables:?}");
    }
    drop_tables(&book, &tables);
    std::fs::rename(&xlsx, book.root().join("data/plan.xlsx")).unwrap();
    book.build(&[]);
    assert_same_pages(&before, &pages(&book));
}
