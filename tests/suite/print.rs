//! The print documents: the binder copy (print.html / print.pdf), the training
//! handout and the emergency poster. The PDF tests need Chromium and pdftotext
//! (poppler-utils); without them they are skipped with a message, except under
//! `CI=true`, where they must run.
use std::path::{Path, PathBuf};
use std::process::Command;

use super::search::browser;
use super::support::*;

/// True when Chromium and pdftotext are there; panics under CI=true when not.
fn pdf_tools(test: &str) -> bool {
    let on_path = |name: &str| {
        let path = std::env::var_os("PATH").unwrap_or_default();
        std::env::split_paths(&path).any(|dir| dir.join(name).is_file())
    };
    if browser::chromium(test).is_none() {
        return false;
    }
    if on_path("pdftotext") && on_path("pdfinfo") && on_path("pdffonts") {
        return true;
    }
    browser::skip(test, "pdftotext/pdfinfo/pdffonts (poppler-utils) not found");
    false
}

fn pages(pdf: &Path) -> usize {
    let out = Command::new("pdfinfo").arg(pdf).output().unwrap();
    assert!(out.status.success(), "pdfinfo {}", pdf.display());
    let info = String::from_utf8_lossy(&out.stdout);
    let line = info
        .lines()
        .find(|l| l.starts_with("Pages:"))
        .expect("Pages: line");
    assert!(info.contains("(A4)"), "not A4: {info}");
    line["Pages:".len()..].trim().parse().unwrap()
}

/// The text of each page (pdftotext separates pages with form feeds).
fn page_texts(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success(), "pdftotext {}", pdf.display());
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut pages: Vec<String> = text.split('\u{c}').map(squash).collect();
    if pages.last().is_some_and(String::is_empty) {
        pages.pop();
    }
    pages
}

/// A binder copy a pharmacy can mail and a screen reader can read (issue 16): under 1 MB,
/// tagged, its fonts embedded as TrueType outlines (a Type 3 font, which Chromium makes of a
/// CFF face such as Noto Sans CJK, prints blurred and loses its text on copy).
fn assert_small_tagged_true_type(pdf: &Path) {
    let size = std::fs::metadata(pdf).unwrap().len();
    assert!(
        size < 1_000_000,
        "{} is {size} bytes: 1 MB at most",
        pdf.display()
    );
    let info = Command::new("pdfinfo").arg(pdf).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(
        info.lines()
            .any(|l| l.starts_with("Tagged:") && l.ends_with("yes")),
        "{} is not tagged: {info}",
        pdf.display()
    );
    let out = Command::new("pdffonts").arg(pdf).output().unwrap();
    assert!(out.status.success(), "pdffonts {}", pdf.display());
    let fonts = String::from_utf8_lossy(&out.stdout);
    assert!(!fonts.contains("Type 3"), "{}: {fonts}", pdf.display());
}

fn pdf(book: &TestBook, name: &str) -> PathBuf {
    book.root().join(format!("book/{name}.pdf"))
}

#[test]
fn binder_handout_and_poster_pages_are_written() {
    let book = TestBook::sakura();
    book.build(&[]);
    let print = book.read("book/print.html");
    assert!(
        print.contains("theme/css/bcp-print"),
        "print style sheet not linked"
    );
    assert!(print.contains(r#"<section class="bcp-print-chapter bcp-cover""#));
    assert!(print.contains(r#"<nav class="bcp-print-toc">"#));
    assert!(print.contains(
        r##"<li class="bcp-toc-d0"><a href="#ch3">第3章 サイバーインシデント発生時の対応</a></li>"##
    ));
    assert!(print.contains(r##"<li class="bcp-toc-d1"><a href="#s2-2">"##));
    assert!(!print.contains("break-before: page; page-break-before: always;"));
    // A link printed with its address once: 資料5 shows the URL as the text.
    assert!(print.contains(r#"<a class="bcp-url-shown" href="https://"#));
    let cover = html_text(&print);
    for text in ["令和6年10月1日 策定", "令和7年10月1日 改訂", "第1.1版"] {
        assert!(cover.contains(text), "cover lacks {text}");
    }

    let handout = book.read("book/handout.html");
    for id in [
        r#"id="ch3""#,
        r#"id="s3-5""#,
        r#"id="s2-2-2""#,
        r#"id="shiryo1""#,
        r#"id="poster""#,
    ] {
        assert!(handout.contains(id), "handout lacks {id}");
    }
    for id in [r#"id="ch1""#, r#"id="s2-1""#, r#"id="shiryo2""#] {
        assert!(!handout.contains(id), "handout has {id}");
    }
    assert!(handout.contains("研修用資料（抜粋）"));

    let poster = book.read("book/poster.html");
    assert!(poster.contains(r#"class="bcp-poster""#));
    assert!(!poster.contains(r#"id="ch1""#));
    let text = html_text(&poster);
    for s in [
        "03-5555-0102",
        "本田 美和",
        "電源を切らない",
        "03-5805-1731",
    ] {
        assert!(text.contains(s), "poster lacks {s}");
    }
    assert!(!text.contains("未記入"), "the example plan is complete");
}

#[test]
fn the_template_poster_says_what_is_missing() {
    let book = TestBook::bundled();
    book.build(&[]);
    let text = html_text(&book.read("book/poster.html"));
    assert!(text.contains("【雛形】この掲示物は未完成です。"), "{text}");
    assert!(
        text.contains("薬局名、最初の連絡先（医療情報システム安全管理責任者）の氏名・電話番号")
    );
    assert!(text.contains("XX-XXXX-XXXX"));
}

#[test]
fn a_handout_chapter_that_does_not_exist_is_an_error() {
    let book = TestBook::bundled();
    let toml = book
        .read("book.toml")
        .replace(r#"handout = ["ch3.md""#, r#"handout = ["ch9.md""#);
    book.write("book.toml", &toml);
    let out = book.bcp(&["build"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("「ch9.md」は SUMMARY.md にありません"),
        "{err}"
    );
}

#[test]
fn pdf_without_chromium_says_so_and_keeps_the_html() {
    let book = TestBook::bundled();
    let out = Command::new(env!("CARGO_BIN_EXE_bcp"))
        .args(["build", "--pdf", "--root"])
        .arg(book.root())
        .env("PATH", "")
        .env("BCP_CHROMIUM", book.root().join("no-such-chromium"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("PDF を作るには Chromium"), "{err}");
    assert!(book.root().join("book/print.html").is_file());
    assert!(!pdf(&book, "print").exists());
}

#[cfg(unix)]
#[test]
fn a_failing_chromium_is_tried_twice_and_reported_with_what_it_said() {
    use std::os::unix::fs::PermissionsExt;
    let book = TestBook::bundled();
    let fake = book.root().join("fake-chromium");
    let count = book.root().join("starts");
    std::fs::write(
        &fake,
        format!(
            "#!/bin/sh\necho started >> '{}'\necho 'Failed to connect to the bus: fake D-Bus chatter' >&2\nexit 1\n",
            count.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_bcp"))
        .args(["build", "--pdf", "--chromium"])
        .arg(&fake)
        .arg("--root")
        .arg(book.root())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("PDF にできませんでした"), "{err}");
    assert!(err.contains("fake D-Bus chatter"), "{err}");
    let starts = std::fs::read_to_string(&count).unwrap();
    assert_eq!(starts.lines().count(), 2, "tried once more: {starts}");
}

#[test]
fn pdfs_render_with_cover_chapters_and_data() {
    if !pdf_tools("pdfs_render_with_cover_chapters_and_data") {
        return;
    }
    let book = TestBook::sakura();
    book.build(&["--pdf"]);

    let binder = pdf(&book, "print");
    assert_small_tagged_true_type(&binder);
    let n = pages(&binder);
    assert!((25..=80).contains(&n), "print.pdf has {n} pages");
    let texts = page_texts(&binder);
    assert!(texts[0].contains("さくら調剤薬局本町店"), "{}", texts[0]);
    assert!(texts[0].contains("サイバーインシデント発生時の事業継続計画(BCP)"));
    assert!(texts[0].contains("令和7年10月1日改訂"));
    assert!(texts[1].contains("目次"), "{}", texts[1]);
    let all = texts.concat();
    for heading in [
        "第1章総則",
        "第2章体制整備",
        "第3章サイバーインシデント発生時の対応",
        "第4章事後対応",
        "資料1サイバーインシデントの行動・対応の流れ",
        "2.2.2重要関係先連絡リスト",
        "03-5555-0201",
    ] {
        assert!(all.contains(heading), "print.pdf lacks {heading}");
    }
    // Page numbers from the @page margin boxes (none on the cover).
    assert!(texts[1].contains(&format!("2/{n}")), "{}", texts[1]);
    assert!(!texts[0].contains(&format!("1/{n}")));
    // 第2章 starts a page of its own.
    assert!(texts.iter().any(|t| t.starts_with("第2章体制整備")));

    let handout = pdf(&book, "handout");
    let h = pages(&handout);
    assert!((4..=25).contains(&h) && h < n, "handout.pdf has {h} pages");
    let text = page_texts(&handout).concat();
    assert!(text.contains("第3章サイバーインシデント発生時の対応"));
    assert!(text.contains("03-5555-0102"));
    assert!(!text.contains("1.1事業継続計画を策定する目的と必要性"));

    let poster = pdf(&book, "poster");
    assert_eq!(pages(&poster), 1, "the poster must stay one page");
    let text = page_texts(&poster).concat();
    for s in [
        "緊急時連絡先・初動対応",
        "03-5555-0102",
        "ネットワークから切り離す",
        "03-3294-0271",
    ] {
        assert!(text.contains(s), "poster.pdf lacks {s}");
    }
}

#[test]
fn the_poster_stays_one_page_with_many_contacts() {
    if !pdf_tools("the_poster_stays_one_page_with_many_contacts") {
        return;
    }
    let book = TestBook::sakura();
    // A larger pharmacy: 12 more staff contacts and 6 more vendors.
    let mut extra = String::new();
    for i in 1..=12 {
        extra.push_str(&format!(
            "[people.extra{i}]\nname = \"追加 職員{i}\"\ntitle = \"薬剤師\"\nphone = \"03-5555-{:04}\"\n\n",
            1000 + i
        ));
    }
    for i in 1..=6 {
        extra.push_str(&format!(
            "[orgs.vendor{i}]\nname = \"追加システム{i}株式会社\"\nphone = \"03-5555-{:04}\"\nphone_note = \"平日 9:00〜18:00、夜間休日は緊急窓口に転送\"\nkind = \"vendor\"\n\n[systems.extra{i}]\nname = \"追加システム{i}\"\nvendor = \"vendor{i}\"\n\n",
            2000 + i
        ));
    }
    for i in 1..=12 {
        extra.push_str(&format!(
            "[[departments]]\nname = \"追加部門{i}\"\nperson = \"extra{i}\"\n\n"
        ));
    }
    for i in 1..=6 {
        extra.push_str(&format!("[[contacts]]\nsystem = \"extra{i}\"\n\n"));
    }
    book.write("data/extra.toml", &extra);
    book.build(&["--pdf"]);
    let poster = pdf(&book, "poster");
    assert_eq!(pages(&poster), 1, "the poster must stay one page");
    let text = page_texts(&poster).concat();
    assert!(
        text.contains("03-5555-1012") && text.contains("03-5555-2006"),
        "{text}"
    );
}

#[test]
fn table_rows_are_never_split_across_pages() {
    if !pdf_tools("table_rows_are_never_split_across_pages") {
        return;
    }
    let mut chapter = String::from("# 長い表 {#long}\n\n| 見出し一 | 見出し二 |\n|---|---|\n");
    for i in 1..=90 {
        chapter.push_str(&format!(
            "| 行{i:03}始 | 行{i:03}一<br>行{i:03}二<br>行{i:03}三<br>行{i:03}四<br>行{i:03}終 |\n"
        ));
    }
    let book = TestBook::minimal(&chapter, &[]);
    book.write(
        "book.toml",
        "[book]\ntitle = \"t\"\nlanguage = \"ja\"\n\n[preprocessor.bcp]\n\n[output.html]\nadditional-css = [\"theme/css/bcp-print.css\"]\n",
    );
    std::fs::create_dir_all(book.root().join("theme/css")).unwrap();
    copy(
        &repo().join("theme/css/bcp-print.css"),
        &book.root().join("theme/css/bcp-print.css"),
    );
    book.build(&["--pdf"]);
    let texts = page_texts(&pdf(&book, "print"));
    assert!(texts.len() >= 3, "the table should need several pages");
    for (p, text) in texts.iter().enumerate() {
        assert!(
            text.contains("見出し一"),
            "page {} lacks the header row",
            p + 1
        );
    }
    for i in 1..=90 {
        let row = format!("行{i:03}");
        let on: Vec<usize> = (0..texts.len())
            .filter(|&p| texts[p].contains(&row))
            .collect();
        assert_eq!(on.len(), 1, "row {i} is on pages {on:?}");
        let page = &texts[on[0]];
        for part in ["始", "一", "二", "三", "四", "終"] {
            assert!(page.contains(&format!("{row}{part}")), "row {i} split");
        }
    }
}

/// The example as a pharmacy prints it (examples/sakura-pharmacy, the plan edition): its
/// binder copy is small and tagged, printed at full size, and each diagram's heading and lead
/// paragraph are on the diagram's page, not left at the foot of the page before.
#[test]
fn the_example_binder_is_small_and_keeps_each_diagram_with_its_heading() {
    let test = "the_example_binder_is_small_and_keeps_each_diagram_with_its_heading";
    if !pdf_tools(test) {
        return;
    }
    let dest = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_bcp"))
        .args(["build", "--pdf", "--root"])
        .arg(repo().join("examples/sakura-pharmacy"))
        .arg("--dest-dir")
        .arg(dest.path())
        .env("SOURCE_DATE_EPOCH", "1764547200")
        .output()
        .unwrap();
    assert!(out.status.success(), "build failed:\n{}", stderr(&out));
    let binder = dest.path().join("print.pdf");
    assert_small_tagged_true_type(&binder);
    // Dated the build's day (SOURCE_DATE_EPOCH), not the moment Chromium printed it:
    // the same input gives the same bytes.
    let info = Command::new("pdfinfo")
        .args(["-isodates"])
        .arg(&binder)
        .output()
        .unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    for key in ["CreationDate:", "ModDate:"] {
        let line = info.lines().find(|l| l.starts_with(key)).unwrap_or("");
        assert!(line.ends_with("2025-12-01T00:00:00Z"), "{line}\n{info}");
    }

    // Printed at full size: a cell or a figure wider than the page makes Chromium shrink
    // every page to fit it (the binder once came out at 77 %, body text under 8 pt).
    let out = Command::new("pdftotext")
        .args(["-bbox", "-f", "1", "-l", "12"])
        .arg(&binder)
        .arg("-")
        .output()
        .unwrap();
    let bbox = String::from_utf8_lossy(&out.stdout);
    let line = bbox
        .lines()
        .find(|l| l.contains(">管理薬剤師を、医療情報システム安全管理責任者として定める。<"))
        .expect("2.1.1's first sentence on one line");
    let coord = |name: &str| -> f64 {
        let at = line.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        line[at..at + line[at..].find('"').unwrap()]
            .parse()
            .unwrap()
    };
    let height = coord("yMax") - coord("yMin");
    assert!(
        height > 11.0,
        "body text printed shrunk: a line {height:.1} pt high (10.5 pt text is 12)"
    );

    let html = std::fs::read_to_string(dest.path().join("print.html")).unwrap();
    let texts = page_texts(&binder);
    let mut figures = 0;
    for (at, _) in html.match_indices("<figure class=\"bcp-diagram\"") {
        figures += 1;
        // The heading the figure follows, and the first name drawn on it.
        let before = &html[..at];
        let h = before.rfind("<h").unwrap();
        let heading = squash(&html_text(&before[h..before[h..].find("</h").unwrap() + h]));
        let figure = &html[at..at + html[at..].find("</figure>").unwrap()];
        let text = &figure[figure.find("<text").unwrap()..];
        let label = squash(&html_text(
            &text[text.find('>').unwrap() + 1..text.find("</text>").unwrap()],
        ));
        let on: Vec<usize> = (0..texts.len())
            .filter(|&p| texts[p].contains(&heading))
            .collect();
        assert!(!on.is_empty(), "print.pdf lacks {heading}");
        assert!(
            on.iter().any(|&p| {
                let page = &texts[p];
                page[page.find(&heading).unwrap()..].contains(&label)
            }),
            "{heading} (page {}) is not on the page of its diagram ({label})",
            on[0] + 1
        );
    }
    assert_eq!(figures, 3, "the example draws three diagrams");
}
