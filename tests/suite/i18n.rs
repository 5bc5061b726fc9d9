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

/// The visible text of `<main>` with every parenthesised part removed (the
/// Japanese name kept once after an English one) and tags dropped.
fn english_text(page: &str) -> String {
    let mut text = html_text(main_html(page));
    while let Some(open) = text.rfind(['(', '（']) {
        let Some(len) = text[open..].find([')', '）']) else {
            break;
        };
        let close = open + len + text[open + len..].chars().next().unwrap().len_utf8();
        text.replace_range(open..close, " ");
    }
    text
}

fn japanese_runs(text: &str) -> Vec<String> {
    let is_ja = |c: char| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}' | '〇' | '○' | '\u{3000}'..='\u{303f}');
    let mut runs = Vec::new();
    let mut run = String::new();
    for c in text.chars() {
        if is_ja(c) {
            run.push(c);
        } else if !run.is_empty() {
            runs.push(std::mem::take(&mut run));
        }
    }
    if !run.is_empty() {
        runs.push(run);
    }
    runs
}

#[test]
fn the_english_build_is_english_but_for_names_in_data() {
    let book = TestBook::bundled();
    book.build(&[]);
    // Proper names and addresses in the data may stay as written.
    let mut names = String::new();
    for entry in walkdir::WalkDir::new(book.root().join("data")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            for line in std::fs::read_to_string(entry.path()).unwrap().lines() {
                let line = line.trim();
                if ["name =", "hostname =", "ip ="]
                    .iter()
                    .any(|k| line.starts_with(k))
                {
                    names.push_str(line);
                    names.push('\n');
                }
            }
        }
    }
    let mut leftovers = Vec::new();
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(book.root().join("book/en")) {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let page = std::fs::read_to_string(path).unwrap();
        if !page.contains("<main>") {
            continue;
        }
        pages += 1;
        assert!(
            !page.contains("bcp-untranslated"),
            "{}: untranslated text",
            path.display()
        );
        for run in japanese_runs(&english_text(&page)) {
            // ○ is a bullet in 資料4's examples, kept by the translator.
            if run != "○" && !names.contains(&run) {
                leftovers.push(format!("{}: {run}", path.display()));
            }
        }
    }
    assert!(pages > 30, "{pages} pages");
    assert!(
        leftovers.is_empty(),
        "Japanese left:\n{}",
        leftovers.join("\n")
    );
}

#[test]
fn the_english_plan_has_english_headings_table_headers_and_status_words() {
    let book = TestBook::sakura();
    book.build(&["--edition", "plan"]);
    let en = book.read("book/en/ch2/2-4.html");
    let main = main_html(&en);
    assert!(
        main.contains(
            ">2.4 Implementing Preventive Information Security Measures and Tracking Open Issues<"
        ),
        "{main}"
    );
    for header in [
        "<th>Category</th>",
        "<th>Measure to take</th>",
        "<th>Due</th>",
        "<th>Status</th>",
    ] {
        assert!(main.contains(header), "{header}");
    }
    let text = html_text(main);
    for word in [
        "Done",
        "In progress",
        "Not started",
        "Overdue",
        "Not applicable",
    ] {
        assert!(text.contains(word), "{word}");
    }
    // (The example pharmacy's own sentences are data, not translated.)
    for word in ["完了", "対応中", "未着手", "期限超過", "対象外"] {
        assert!(
            !main.contains(&format!(">{word}<")),
            "status {word} left in English"
        );
        assert!(
            !main.contains(&format!("> {word}<")),
            "status {word} left in English"
        );
    }
    // Dates in the long English form, on the cover.
    let cover = book.read("book/en/index.html");
    assert!(html_text(main_html(&cover)).contains("2024"));
    assert!(!cover.contains("令和"));
    // The Japanese plan is unchanged: its words and 和暦 dates.
    let ja = book.read("book/ch2/2-4.html");
    assert!(ja.contains("期限超過") && ja.contains("<th>区分</th>"));
}

#[test]
fn a_changed_japanese_sentence_is_reported_and_shown_untranslated() {
    let book = TestBook::bundled();
    let ok = book.bcp(&["translations"]);
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
    let page = book.read("src/ch1/1-2.md");
    let old = "以下の方針に基づき、サイバーセキュリティ対策の水準を高めていく。";
    let new = "以下の方針に基づき、サイバーセキュリティ対策の水準を着実に高めていく。";
    assert!(page.contains(old));
    book.write("src/ch1/1-2.md", &page.replace(old, new));
    let out = book.bcp(&["translations"]);
    let report = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{report}");
    assert!(report.contains("未翻訳 1"), "{report}");
    assert!(report.contains("src/ch1/1-2.md:7: 当薬局は"), "{report}");
    book.build(&[]);
    let en = book.read("book/en/ch1/1-2.html");
    assert!(
        en.contains("bcp-untranslated") && en.contains("着実に高めていく"),
        "the changed sentence shows in Japanese, marked"
    );
    assert!(en.contains("Basic Policy"));
}
