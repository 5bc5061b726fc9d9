//! Translations: extraction into messages.pot, the English build under en/,
//! the language switch, the untranslated fallback and the upkeep report.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::support::*;

/// The header every po file needs (polib and msgfmt both want it whole).
const PO_HEADER: &str = r#"msgid ""
msgstr ""
"Project-Id-Version: t\n"
"POT-Creation-Date: \n"
"PO-Revision-Date: \n"
"Last-Translator: \n"
"Language-Team: \n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Content-Transfer-Encoding: 8bit\n"
"Language: en\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"
"#;

fn po(pairs: &[(&str, &str)]) -> String {
    let mut text = PO_HEADER.to_string();
    for (id, text_en) in pairs {
        text.push_str(&format!("\nmsgid \"{id}\"\nmsgstr \"{text_en}\"\n"));
    }
    text
}

/// A one-chapter book in ja and en with a few translations.
fn small_book(chapter: &str, pairs: &[(&str, &str)]) -> TestBook {
    let book = TestBook::minimal(chapter, &[]);
    book.write(
        "book.toml",
        "[book]\ntitle = \"題\"\nlanguage = \"ja\"\n\n[preprocessor.bcp]\nlanguages = [\"ja\", \"en\"]\nmin-translated = 100\n",
    );
    book.write("po/en.po", &po(pairs));
    book
}

fn main_html(page: &str) -> &str {
    let start = page.find("<main>").expect("a <main>");
    let end = page.find("</main>").expect("a </main>");
    &page[start..end]
}

#[test]
fn admonitions_and_definition_lists_render_in_the_translated_book() {
    let book = small_book(
        "# 見出し\n\n> [!NOTE]\n> 注意の本文です。\n\n> [!WARNING]\n> 警告です。\n\n用語\n: 定義です。\n: 二つ目の定義です。\n",
        &[
            ("章", "Chapter"),
            ("見出し", "Heading"),
            ("注意の本文です。", "A note."),
            ("警告です。", "A warning."),
            ("用語", "Term"),
            ("定義です。", "Definition."),
            ("二つ目の定義です。", "Second definition."),
        ],
    );
    book.build(&[]);
    let en = book.read("book/en/chapter.html");
    let main = main_html(&en);
    assert!(
        main.contains("<blockquote class=\"blockquote-tag blockquote-tag-note\">"),
        "{main}"
    );
    assert!(main.contains("<p>A note.</p>"), "{main}");
    assert!(main.contains("blockquote-tag-warning"), "{main}");
    assert!(main.contains("<p>A warning.</p>"), "{main}");
    assert!(main.contains("<dl>"), "{main}");
    assert!(main.contains(">Term</a></dt>"), "{main}");
    assert!(
        main.contains("<dd>Definition.</dd>\n<dd>Second definition.</dd>"),
        "{main}"
    );
    assert!(
        !main.contains("[!NOTE]") && !main.contains("bcp-untranslated"),
        "{main}"
    );
    // The Japanese page is the same shape.
    let ja = book.read("book/chapter.html");
    assert!(main_html(&ja).contains("blockquote-tag-note") && ja.contains("<dd>定義です。</dd>"));
}

#[test]
fn an_untranslated_message_falls_back_to_japanese_visibly() {
    let book = small_book(
        "# 見出し\n\n訳された文です。\n\nまだ訳されていない文です。\n",
        &[
            ("章", "Chapter"),
            ("見出し", "Heading"),
            ("訳された文です。", "A translated sentence."),
        ],
    );
    book.build(&[]);
    let en = book.read("book/en/chapter.html");
    let main = main_html(&en);
    assert!(main.contains("<p>A translated sentence.</p>"), "{main}");
    assert!(
        main.contains(r#"<span class="bcp-untranslated" lang="ja""#)
            && main.contains("まだ訳されていない文です。</span>"),
        "{main}"
    );
    // The report says so, names the place, and fails below min-translated.
    let out = book.bcp(&["translations"]);
    let report = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{report}");
    assert!(
        report.contains("src/chapter.md:5: まだ訳されていない文です。"),
        "{report}"
    );
}

#[test]
fn a_fuzzy_translation_counts_as_not_translated() {
    let book = small_book("# 見出し\n", &[("章", "Chapter")]);
    let mut po_text = po(&[("章", "Chapter")]);
    po_text.push_str("\n#, fuzzy\nmsgid \"見出し\"\nmsgstr \"Heading\"\n");
    book.write("po/en.po", &po_text);
    let out = book.bcp(&["translations"]);
    let report = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{report}");
    assert!(report.contains("要確認(fuzzy) 1"), "{report}");
    book.build(&[]);
    assert!(
        book.read("book/en/chapter.html")
            .contains("bcp-untranslated")
    );
}

#[test]
fn a_po_file_without_its_header_is_a_clear_error() {
    let book = small_book("# 見出し\n", &[]);
    book.write("po/en.po", "msgid \"見出し\"\nmsgstr \"Heading\"\n");
    let out = book.bcp(&["build"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("po/en.po") && err.contains("Project-Id-Version"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn languages_must_start_with_japanese() {
    let book = small_book("# 見出し\n", &[]);
    book.write(
        "book.toml",
        "[book]\ntitle = \"t\"\nlanguage = \"ja\"\n\n[preprocessor.bcp]\nlanguages = [\"en\"]\n",
    );
    let out = book.bcp(&["build"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("languages"), "{}", stderr(&out));
}

/// Every href of every language switch under `site` resolves to a file.
fn check_switch_links(site: &Path) -> usize {
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(site) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = std::fs::read_to_string(entry.path()).unwrap();
        let Some(start) = html.find("<nav class=\"bcp-lang\"") else {
            // mdBook's no-script table of contents has no header.
            assert!(
                !html.contains("right-buttons"),
                "no language switch in {}",
                entry.path().display()
            );
            continue;
        };
        let nav = &html[start..start + html[start..].find("</nav>").unwrap()];
        for part in nav.split("href=\"").skip(1) {
            let href = &part[..part.find('"').unwrap()];
            let target: PathBuf = entry.path().parent().unwrap().join(href);
            assert!(
                target.is_file(),
                "{}: {href} does not resolve",
                entry.path().display()
            );
            checked += 1;
        }
    }
    checked
}

#[test]
fn the_bundled_book_is_built_in_japanese_and_english_with_a_working_switch() {
    let book = TestBook::bundled();
    book.build(&[]);
    let site = book.root().join("book");
    assert!(check_switch_links(&site) > 100);
    // Same page in the other language.
    let ja = book.read("book/ch2/2-2.html");
    assert!(
        ja.contains(r#"href="../en/ch2/2-2.html">English</a>"#),
        "switch"
    );
    let en = book.read("book/en/ch2/2-2.html");
    assert!(
        en.contains(r#"href="../../ch2/2-2.html">日本語</a>"#),
        "switch"
    );
    assert!(en.contains(r#"<html lang="en""#));
    // Each language has its own search index and print documents.
    for lang_root in ["book", "book/en"] {
        for file in [
            "bcp-searchindex.js",
            "print.html",
            "handout.html",
            "poster.html",
        ] {
            assert!(
                book.root().join(lang_root).join(file).is_file(),
                "{lang_root}/{file}"
            );
        }
    }
    let index_en = book.read("book/en/bcp-searchindex.js");
    assert!(index_en.contains("Ransomware") || index_en.contains("ransomware"));
}

#[test]
fn xgettext_keeps_data_values_out_and_explains_placeholders() {
    let book = TestBook::bundled();
    let out = book.bcp(&["xgettext"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pot = book.read("po/messages.pot");
    // Names, numbers, addresses of the data are never messages.
    for value in [
        "03-3294-0271",
        "igishitsu@mhlw.go.jp",
        "msgid \"東京都薬剤師会\"",
        "msgid \"警視庁\"",
    ] {
        assert!(!pot.contains(value), "{value} became a message");
    }
    // Chapters, the template wording of the data and the block labels are.
    assert!(pot.contains("#: data/"), "data wording");
    assert!(
        pot.contains("#: preprocessor/templates/fallbacks.md.j2"),
        "labels"
    );
    assert!(
        pot.contains("#. 〇〇 / ○○ mark a blank"),
        "placeholder comment"
    );
    assert!(
        pot.contains("#. 【作成のポイント】 guidance"),
        "guidance comment"
    );
    assert!(
        pot.contains("#. {bcp:PATH} prints a value"),
        "inline field comment"
    );
    // Same book, same bytes.
    let again = book.bcp(&["xgettext"]);
    assert!(again.status.success());
    assert_eq!(book.read("po/messages.pot"), pot);
}

/// `msgfmt --check` passes on every committed po file.
#[test]
fn po_files_pass_msgfmt_check() {
    let Ok(version) = Command::new("msgfmt").arg("--version").output() else {
        // Skipped without gettext on the machine, but never in CI.
        assert_ne!(
            std::env::var("CI").as_deref(),
            Ok("true"),
            "CI=true requires msgfmt (gettext)"
        );
        return;
    };
    assert!(version.status.success());
    let mut checked = 0;
    for entry in std::fs::read_dir(repo().join("po")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "po") {
            let out = Command::new("msgfmt")
                .args(["--check", "-o", "/dev/null"])
                .arg(&path)
                .output()
                .unwrap();
            assert!(out.status.success(), "{}: {}", path.display(), stderr(&out));
            checked += 1;
        }
    }
    assert!(checked >= 1, "no po file checked");
}
