//! Each kind of bad input: one clear error naming file:line:column and the key
//! or block, a non-zero exit, and the previous site left exactly as it was.

use super::support::*;

/// Builds the good book, breaks it with `edit`, builds again and returns stderr.
fn broken(edit: impl FnOnce(&TestBook)) -> String {
    let book = TestBook::bundled();
    book.build(&[]);
    let before = tree_digest(&book.root().join("book"));
    edit(&book);
    let out = book.bcp(&["build"]);
    assert_eq!(out.status.code(), Some(2), "a bad build must fail");
    assert!(
        before == tree_digest(&book.root().join("book")),
        "the previous site was changed"
    );
    let leftovers: Vec<_> = std::fs::read_dir(book.root())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".bcp-build-"))
        .collect();
    assert!(leftovers.is_empty(), "staging folder left behind");
    stderr(&out)
}

fn replace(book: &TestBook, file: &str, from: &str, to: &str) {
    let text = book.read(file);
    assert!(text.contains(from), "{file} lacks {from:?}");
    book.write(file, &text.replacen(from, to, 1));
}

#[test]
fn malformed_toml() {
    let err = broken(|b| b.write("data/extra.toml", "[people.a]\nname = \"山田\n"));
    assert!(err.contains("data/extra.toml:2:"), "{err}");
    assert!(err.contains("文字列の書き方が正しくありません"), "{err}");
}

#[test]
fn a_pharmacists_mistakes_are_all_reported_in_one_run_with_their_fix() {
    // What a new user writes: unquoted phone numbers, a full-width space, full-width
    // quotes, a date with slashes, a date in quotes — in two files.
    let err = broken(|b| {
        b.write(
            "data/staff.toml",
            "[people.honda]\nname = \"本田 美和\"\nphone = 090-5555-0102\n\n[people.ito]\nname\u{3000}= \"伊藤 恵\"\nphone = 09055550103\n\n[people.sato]\nname = “佐藤 花子”\n",
        );
        b.write(
            "data/zz-training.toml",
            "[[trainings]]\ndate = 2025/4/1\n\n[[trainings]]\ndate = \"2025-09-17\"\ntitle = \"訓練\"\n",
        );
    });
    for expected in [
        "data/staff.toml:3:9: 電話番号は文字として引用符で囲みます（例: phone = \"090-5555-0102\"）",
        "data/staff.toml:6:5: 全角スペース（　）が 5 文字目にあります",
        "data/staff.toml:7:9: 電話番号は文字として引用符で囲みます（例: phone = \"09055550103\"）",
        "data/staff.toml:10:8: 全角の引用符（“）が 8 文字目にあります。文字の値は半角の \" で囲みます（例: name = \"佐藤 花子\"）",
        "data/zz-training.toml:2:8: 日付「2025/4/1」の書き方が違います。日付は引用符なしで 2025-04-01 のように 年-月-日 で書きます（例: date = 2025-04-01）",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
    assert!(err.contains("データに 5 件の誤りがあります"), "{err}");
    // Fixed the syntax, the schema errors of both files come in one run too.
    let err = broken(|b| {
        b.write("data/staff.toml", "[people.honda]\nnmae = \"本田 美和\"\n");
        b.write(
            "data/zz-training.toml",
            "[[trainings]]\ndate = \"2025-09-17\"\ntitle = \"訓練\"\n",
        );
    });
    assert!(
        err.contains("data/staff.toml:2:1: 知らないキー「people.honda.nmae」です"),
        "{err}"
    );
    assert!(
        err.contains("data/zz-training.toml:2:8: 「trainings.date」: 日付は引用符で囲まずに 2025-09-17 のように書きます"),
        "{err}"
    );
}

#[test]
fn a_file_saved_as_shift_jis_says_how_to_save_it_as_utf8() {
    let err = broken(|b| {
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode("[people.a]\nname = \"山田\"\n");
        std::fs::write(b.root().join("data/notepad.toml"), bytes).unwrap();
    });
    assert!(
        err.contains("data/notepad.toml:2:1: このファイルは Shift_JIS"),
        "{err}"
    );
    assert!(err.contains("UTF-8 で保存します"), "{err}");
}

#[test]
fn a_bad_cell_of_a_workbook_keeps_the_previous_site() {
    let err = broken(|b| {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.set_name("台帳").unwrap();
        for (c, h) in [
            "管理番号",
            "メーカー",
            "OS",
            "ソフトウェア",
            "IPアドレス",
            "登録日",
        ]
        .iter()
        .enumerate()
        {
            sheet.write_string(0, c as u16, *h).unwrap();
        }
        for r in 1..7u32 {
            sheet.write_string(r, 0, format!("9{r:02}")).unwrap();
            sheet.write_string(r, 5, "2024/4/1").unwrap();
        }
        sheet.write_string(6, 5, "来年の春").unwrap();
        std::fs::write(
            b.root().join("data/devices.xlsx"),
            book.save_to_buffer().unwrap(),
        )
        .unwrap();
    });
    assert!(
        err.contains("data/devices.xlsx: 台帳!F7: 「来年の春」は日付として読めません。2025/4/1、2025-04-01、令和7年4月1日 のように書きます"),
        "{err}"
    );
}

#[test]
fn wrong_type() {
    let err = broken(|b| b.write("data/extra.toml", "[people.a]\nname = 3\n"));
    assert!(
        err.contains("data/extra.toml:2:8: 「people.a.name」の値の種類が違います"),
        "{err}"
    );
}

#[test]
fn unknown_key_suggests_the_nearest() {
    let err = broken(|b| b.write("data/extra.toml", "[people.a]\ntitel = \"薬剤師\"\n"));
    assert!(
        err.contains(
            "data/extra.toml:2:1: 知らないキー「people.a.titel」です。もしかして「title」ですか？"
        ),
        "{err}"
    );
    assert!(
        err.contains("2 | titel = \"薬剤師\""),
        "shows the line: {err}"
    );
}

#[test]
fn unknown_block_suggests_the_nearest() {
    let err = broken(|b| replace(b, "src/ch2/2-2.md", "```bcp contacts", "```bcp contact"));
    assert!(err.contains("src/ch2/2-2.md:"), "{err}");
    assert!(
        err.contains("知らないブロック「contact」です。もしかして「contacts」ですか？"),
        "{err}"
    );
}

#[test]
fn unknown_block_argument() {
    let err = broken(|b| {
        replace(
            b,
            "src/ch2/2-2.md",
            "```bcp contacts\n",
            "```bcp contacts\nknd = \"vendor\"\n",
        )
    });
    assert!(
        err.contains(
            "ブロック「contacts」に知らない引数「knd」があります。もしかして「kind」ですか？"
        ),
        "{err}"
    );
    let line = b_line("src/ch2/2-2.md", "```bcp contacts") + 1;
    assert!(
        err.contains(&format!("src/ch2/2-2.md:{line}:1:")),
        "points at the argument: {err}"
    );
}

fn b_line(file: &str, needle: &str) -> usize {
    let text = std::fs::read_to_string(repo().join(file)).unwrap();
    text[..text.find(needle).unwrap()].matches('\n').count() + 1
}

#[test]
fn date_that_is_not_a_date() {
    let err = broken(|b| b.write("data/extra.toml", "[[trainings]]\ndate = \"去年の秋\"\n"));
    assert!(
        err.contains("data/extra.toml:2:8: 「trainings.date」: 日付ではありません"),
        "{err}"
    );
    let err = broken(|b| b.write("data/extra.toml", "[[trainings]]\ndate = 2025-02-30\n"));
    assert!(err.contains("data/extra.toml:2:"), "{err}");
}

#[test]
fn reference_to_an_unknown_id() {
    let err = broken(|b| {
        replace(
            b,
            "data/contacts.toml",
            "system = \"receipt\"",
            "system = \"reciept\"",
        )
    });
    assert!(err.contains("data/contacts.toml:"), "{err}");
    assert!(
        err.contains("「reciept」という ID は systems にありません。もしかして「receipt」ですか？"),
        "{err}"
    );
}

#[test]
fn duplicate_id() {
    let err = broken(|b| {
        b.write(
            "data/zz-extra.toml",
            "[systems.yakureki]\nname = \"二つ目\"\n",
        )
    });
    assert!(err.contains("data/zz-extra.toml:1:1: 「systems.yakureki」は別のデータファイルですでに定義されています"), "{err}");
    let err = broken(|b| {
        b.write(
            "data/zz-extra.toml",
            "[[measures]]\nid = \"1-1\"\ngroup = \"x\"\ntext = \"y\"\n",
        )
    });
    assert!(
        err.contains("measures の id「1-1」が二度使われています"),
        "{err}"
    );
}

#[test]
fn unknown_status_and_unsafe_url() {
    let err = broken(|b| {
        b.write(
            "data/zz.toml",
            "[[links]]\ntitle = \"x\"\nurl = \"javascript:alert(1)\"\n",
        )
    });
    assert!(err.contains("data/zz.toml:3:7: url には https:// http:// mailto: tel: で始まるアドレスだけを書けます"), "{err}");
    let err = broken(|b| {
        b.write(
            "data/zz.toml",
            "[[measures]]\nid = \"9-9\"\ngroup = \"x\"\ntext = \"y\"\nstatus = \"完了済み\"\n",
        )
    });
    assert!(err.contains("status「完了済み」は使えません"), "{err}");
}

#[test]
fn unclosed_region_and_bad_inline_field() {
    let err = broken(|b| replace(b, "src/ch1/1-1.md", "<!-- /bcp:guidance -->", ""));
    assert!(
        err.contains("src/ch1/1-1.md:") && err.contains("が閉じられていません"),
        "{err}"
    );
    let err = broken(|b| {
        replace(
            b,
            "src/cover.md",
            "{bcp:organization.name",
            "{bcp:organization.nmae",
        )
    });
    assert!(err.contains("src/cover.md:1:3: 「organization.nmae」というデータはありません。もしかして「name」ですか？"), "{err}");
}
