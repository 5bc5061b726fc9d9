//! The second template book, `templates/clinic/` (静岡県医師会・静岡県
//! 小規模医療機関向けＢＣＰのひな形): the same engine, its own chapters and data.

use super::content::{missing_from_print, rows_missing_from_print};
use super::support::*;

#[test]
fn every_sentence_of_the_clinic_seed_is_in_the_template_edition() {
    let book = TestBook::clinic();
    book.build(&[]);
    let missing = missing_from_print(&book, "seed-001-clinic.txt");
    assert!(
        missing.is_empty(),
        "{} fragments of the clinic seed are not in the site:\n{}",
        missing.len(),
        missing.join("\n")
    );
}

#[test]
fn every_table_row_of_the_clinic_seed_is_a_row_of_the_template_edition() {
    let book = TestBook::clinic();
    book.build(&[]);
    // Placeholder rows included (the blocks take the seed's circles as `placeholder`).
    let missing = rows_missing_from_print(&book, "seed-001-clinic.txt");
    assert!(missing.is_empty(), "rows not in the site: {missing:#?}");
}

#[test]
fn plan_edition_of_the_clinic_builds_without_template_furniture() {
    let book = TestBook::clinic();
    book.build(&["--edition", "plan"]);
    let cover = book.read("book/cover.html");
    assert!(!cover.contains("（作成：一般社団法人静岡県医師会、静岡県）"));
    let heading = &cover[cover.find("<h1 id=\"cover\"").unwrap()..];
    let heading = &heading[..heading.find("</h1>").unwrap()];
    assert!(
        heading.contains("bcp-missing"),
        "the clinic's name: {heading}"
    );
    assert!(cover.contains("サイバーインシデント発生時の事業継続計画（BCP）"));
    let ch2 = book.read("book/ch2.html");
    assert!(
        !ch2.contains("表◯"),
        "the ひな形's table captions are hidden"
    );
    assert!(
        !ch2.contains("上記に代えて以下とすることも可"),
        "the ※ note is the template's"
    );
    assert!(
        ch2.contains("<th>作成方法</th>"),
        "the backup table by default"
    );
    for page in ["ch1.html", "ch2.html", "fusoku.html", "besshi/1.html"] {
        let html = book.read(&format!("book/{page}"));
        assert!(!html.contains("bcp-ph"), "{page}: no 〇〇 placeholder");
    }
    // The ひな形's data leaves names and dates to the clinic: flagged, not blank.
    assert!(book.read("book/fusoku.html").contains("bcp-missing"));
    assert!(book.read("book/besshi/1.html").contains("bcp-missing"));
}

#[test]
fn backup_wording_summary_prints_the_sentence_in_the_plan() {
    let book = TestBook::clinic();
    let data = book.read("data/clinic.toml").replacen(
        "[organization]\n",
        "[organization]\nbackup_wording = \"summary\"\n",
        1,
    );
    book.write("data/clinic.toml", &data);
    let sentence = "インシデント発生時に診療を継続するために必要な情報を検討し、データやシステムのバックアップの実施と復旧手順を確認する。";

    book.build(&["--edition", "plan"]);
    let ch2 = book.read("book/ch2.html");
    let backups = &ch2[ch2.find("id=\"s2-4\"").unwrap()..];
    assert!(backups.contains(sentence));
    assert!(!backups.contains("<table"), "no table: {backups}");

    // The ひな形 shows both: the table, then the ※ note and the sentence.
    book.build(&[]);
    let ch2 = book.read("book/ch2.html");
    let backups = &ch2[ch2.find("id=\"s2-4\"").unwrap()..];
    let table = backups.find("<th>作成方法</th>").unwrap();
    let note = backups.find("上記に代えて以下とすることも可").unwrap();
    let quoted = backups.find(&format!("「{sentence}」")).unwrap();
    assert!(table < note && note < quoted);
}

#[test]
fn references_to_the_attachments_are_links_that_resolve() {
    let book = TestBook::clinic();
    book.build(&[]);
    let ch2 = book.read("book/ch2.html");
    assert!(ch2.contains("<a href=\"besshi/1.html#besshi1\">【別紙１・連絡体制図参照】</a>"));
    assert!(ch2.contains("<a href=\"besshi/2.html#besshi2\">【別紙２・情報機器台帳参照】</a>"));
    assert!(
        book.read("book/ch3.html")
            .contains("<a href=\"besshi/1.html#besshi1\">別紙１・連絡体制図</a>")
    );
    // Every link between pages lands on a heading that exists.
    let mut checked = 0;
    for page in ["ch1", "ch2", "ch3", "fusoku", "besshi/1", "besshi/2"] {
        let html = book.read(&format!("book/{page}.html"));
        let dir = std::path::Path::new(page).parent().unwrap();
        for link in html.split("href=\"").skip(1) {
            let link = &link[..link.find('"').unwrap()];
            let Some((file, id)) = link.split_once(".html#") else {
                continue;
            };
            if file.contains(':') {
                continue;
            }
            let target = book.read(&format!("book/{}.html", dir.join(file).display()));
            assert!(
                target.contains(&format!("id=\"{id}\"")),
                "{page}: {link} does not resolve"
            );
            checked += 1;
        }
    }
    assert!(checked >= 5, "{checked} links checked");
    // The training handout: what to do (第３章) and whom to call (別紙１).
    let handout = book.read("book/handout.html");
    assert!(handout.contains("id=\"ch3\""));
    assert!(handout.contains("id=\"besshi1\""));
}
