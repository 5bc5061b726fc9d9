//! Both editions build; the site lands at --dest-dir; builds are reproducible.

use super::support::*;

#[test]
fn template_edition_shows_examples_guidance_and_placeholders() {
    let book = TestBook::bundled();
    book.build(&[]);
    let contacts = book.read("book/ch2/2-2.html");
    assert!(
        contacts.contains("<td>東京都薬剤師会</td><td>総務課</td><td><a class=\"bcp-tel\" href=\"tel:0332940271\">03-3294-0271</a>（代表）</td>")
    );
    assert!(contacts.contains("<span class=\"bcp-ph\">〇〇〇社</span>"));
    assert!(contacts.contains("class=\"bcp-example\""));
    let purpose = book.read("book/ch1/1-1.html");
    assert!(
        purpose.contains("class=\"bcp-guidance\""),
        "作成のポイント is shown"
    );
    assert!(purpose.contains("【作成のポイント】"));
    assert!(book.read("book/cover.html").contains("雛形"));
    assert!(!contacts.contains("bcp-missing"));
}

#[test]
fn plan_edition_hides_guidance_and_flags_missing_values() {
    let book = TestBook::bundled();
    book.build(&["--edition", "plan"]);
    let purpose = book.read("book/ch1/1-1.html");
    assert!(!purpose.contains("【作成のポイント】"));
    assert!(!purpose.contains("【記載例】"));
    let contacts = book.read("book/ch2/2-2.html");
    assert!(contacts.contains("<span class=\"bcp-missing\" title=\"未記入\">未記入</span>"));
    assert!(
        !contacts.contains("bcp-ph"),
        "no 〇〇 placeholder in the plan edition"
    );
    assert!(!book.read("book/cover.html").contains("雛形"));
}

#[test]
fn edition_from_book_toml() {
    let book = TestBook::bundled();
    let toml = book
        .read("book.toml")
        .replace("edition = \"template\"", "edition = \"plan\"");
    book.write("book.toml", &toml);
    book.build(&[]);
    assert!(
        !book
            .read("book/ch1/1-1.html")
            .contains("【作成のポイント】")
    );
}

#[test]
fn dest_dir_and_root_are_honoured() {
    let book = TestBook::bundled();
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("site");
    book.build(&["--dest-dir", dest.to_str().unwrap()]);
    assert!(dest.join("index.html").is_file());
    assert!(!book.root().join("book").exists());
}

#[test]
fn book_toml_is_found_upwards() {
    let book = TestBook::bundled();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_bcp"))
        .arg("build")
        .current_dir(book.root().join("src/ch1"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(book.root().join("book/index.html").is_file());
}

#[test]
fn same_input_same_bytes() {
    let book = TestBook::sakura();
    book.build(&[]);
    let first = tree_digest(&book.root().join("book"));
    book.build(&[]);
    assert!(
        first == tree_digest(&book.root().join("book")),
        "two builds differ"
    );
}

#[test]
fn a_data_change_changes_every_table_that_shows_it() {
    let book = TestBook::sakura();
    let pharmacy = book.read("data/pharmacy.toml");
    let vendor_phone = "03-5555-0201";
    assert!(pharmacy.contains(vendor_phone), "fixture assumption");
    book.write(
        "data/pharmacy.toml",
        &pharmacy.replace(vendor_phone, "03-9999-0000"),
    );
    book.build(&[]);
    let contacts = book.read("book/ch2/2-2.html");
    assert!(contacts.contains("03-9999-0000"));
    assert!(!contacts.contains(vendor_phone));
}

#[test]
fn the_example_pharmacy_plan_is_complete() {
    let book = TestBook::sakura();
    book.build(&["--edition", "plan"]);
    let mut all = String::new();
    for entry in walkdir::WalkDir::new(book.root().join("book")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|x| x == "html") {
            all.push_str(&std::fs::read_to_string(entry.path()).unwrap());
        }
    }
    for placeholder in ["〇〇", "○○", "△△", "□□", "XX-XXXX", "bcp-missing", "bcp-ph"]
    {
        assert!(!all.contains(placeholder), "plan still shows {placeholder}");
    }
    // Each table shows the pharmacy's own data.
    let expect = [
        ("cover.html", "さくら調剤薬局 本町店"),
        ("ch1/1-3.html", "オンライン資格確認"),
        ("ch2/2-1.html", "管理薬剤師"),
        ("ch2/2-1.html", "192.168.10."),
        ("ch2/2-2.html", "株式会社メディシス"),
        ("ch2/2-2.html", "support@medisys.example.jp"),
        ("ch2/2-3.html", "処方箋"),
        ("ch2/2-4.html", "未着手"),
        ("ch3/3-1.html", "03-5555-"),
        (
            "appendix/1.html",
            "厚生労働省に連絡する：<a class=\"bcp-tel\" href=\"tel:0368127837\">03-6812-7837</a>",
        ),
    ];
    for (page, text) in expect {
        assert!(
            book.read(&format!("book/{page}")).contains(text),
            "{page} lacks {text}"
        );
    }
}

#[test]
fn a_book_overrides_a_builtin_template_and_adds_its_own_block() {
    let chapter = "```bcp contacts\n```\n\n```bcp staff\nshow = \"title\"\n```\n";
    let data = "[people.a]\nname = \"山田 花子\"\ntitle = \"管理薬剤師\"\n\n[[contacts]]\nperson = \"a\"\n";
    let book = TestBook::minimal(chapter, &[("d.toml", data)]);
    book.write("templates/contacts.md.j2", "{#- args: -#}\n{% for c in data.contacts %}\n- 緊急連絡: {{ c.person.name | v }}\n{% endfor %}\n");
    book.write(
        "templates/staff.md.j2",
        "{#- args: show -#}\n{% for id, p in data.people | items %}\n- {{ p[args.show] | v }}\n{% endfor %}\n",
    );
    book.build(&[]);
    let html = book.read("book/chapter.html");
    assert!(
        html.contains("緊急連絡: 山田 花子"),
        "override used: {html}"
    );
    assert!(html.contains("管理薬剤師</"), "own block used: {html}");
}

#[test]
fn an_unknown_choice_is_an_error_that_lists_the_valid_ones() {
    let book = TestBook::minimal("# 章\n", &[]);
    for (args, valid) in [
        (
            &["build", "--edition", "draft"][..],
            "[使える値: template, plan]",
        ),
        (
            &["expand", "--out", "x", "--edition", "draft"],
            "[使える値: template, plan]",
        ),
        (&["check", "--format", "xml"], "[使える値: text, json]"),
    ] {
        let out = book.bcp(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(err.contains(valid), "{args:?}: {err}");
    }
    assert!(!book.root().join("book").exists(), "nothing built");
}

#[test]
fn check_finds_the_book_upwards_from_the_current_folder() {
    let book = TestBook::minimal("# 章\n", &[]);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_bcp"))
        .args(["check", "--format", "json"])
        .current_dir(book.root().join("src"))
        .env("SOURCE_DATE_EPOCH", "1764547200")
        .output()
        .unwrap();
    assert!(out.status.code() != Some(2), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(report["findings"].is_array(), "{report}");
}
