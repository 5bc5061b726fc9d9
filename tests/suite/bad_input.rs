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
    assert!(err.contains("TOML の書き方に誤りがあります"), "{err}");
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
