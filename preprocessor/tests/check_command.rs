//! `mdbook-bcp check`: the plan health check as a subcommand of the preprocessor.

use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_mdbook-bcp");

fn check(root: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("check")
        .arg("--root")
        .arg(root)
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1764547200")
        .output()
        .unwrap()
}

fn book(data: &str, data_dir: Option<&str>) -> tempfile::TempDir {
    let root = tempfile::tempdir().unwrap();
    let setting = data_dir.map_or(String::new(), |d| format!("data = \"{d}\"\n"));
    std::fs::write(
        root.path().join("book.toml"),
        format!("[book]\ntitle = \"t\"\n[preprocessor.bcp]\n{setting}"),
    )
    .unwrap();
    let dir = root.path().join(data_dir.unwrap_or("data"));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("plan.toml"), data).unwrap();
    root
}

#[test]
fn findings_exit_one_with_json_on_stdout() {
    let root = book(
        "[[devices]]\nid = \"001\"\nos = \"Windows 7\"\n",
        Some("facts"),
    );
    let out = check(root.path(), &["--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["as_of"], "2025-12-01", "SOURCE_DATE_EPOCH without as_of");
    let eos = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["kind"] == "end_of_support")
        .expect("Windows 7 reported");
    assert_eq!(eos["file"], "facts/plan.toml", "data folder from book.toml");
    assert_eq!(eos["line"], 3);
}

#[test]
fn data_error_exits_two() {
    let root = book("[organization]\nnmae = \"x\"\n", None);
    let out = check(root.path(), &[]);
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with(
            "■ データの誤り（読み込めません）（1件）\ndata/plan.toml:2:1: エラー: 知らないキー"
        ),
        "{text}"
    );
}

#[test]
fn missing_book_toml_exits_two() {
    let root = tempfile::tempdir().unwrap();
    let out = check(root.path(), &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("book.toml"));
}

#[test]
fn an_unknown_format_is_an_error_that_lists_the_valid_ones() {
    let root = book("", None);
    let out = check(root.path(), &["--format", "xml"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("[使える値: text, json]"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn a_misspelt_option_is_said_in_japanese_with_the_right_one() {
    let root = book("", None);
    let out = check(root.path(), &["--fromat", "json"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("知らない引数 '--fromat' があります"), "{err}");
    assert!(err.contains("もしかして: '--format'"), "{err}");
    assert!(!err.contains("a similar"), "{err}");
}

#[test]
fn without_root_the_book_is_found_upwards() {
    let root = book("", None);
    let sub = root.path().join("data");
    let out = Command::new(BIN)
        .args(["check", "--format", "json"])
        .current_dir(&sub)
        .env("SOURCE_DATE_EPOCH", "1764547200")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["findings"].is_array(), "{v}");
}

#[test]
fn the_summary_names_the_checklists_by_the_books_own_headings() {
    let root = book(
        "[[measures]]\nid = \"m1\"\ngroup = \"g\"\ntext = \"更新プログラムを当てる\"\nstatus = \"完了\"\n\
         [[measures]]\nid = \"m2\"\ngroup = \"g\"\ntext = \"USB を制限する\"\n",
        None,
    );
    let src = root.path().join("src");
    std::fs::create_dir_all(&src).unwrap();
    std::fs::write(
        src.join("SUMMARY.md"),
        "# Summary\n\n- [対策](measures.md)\n",
    )
    .unwrap();
    std::fs::write(
        src.join("measures.md"),
        "# 3 わが店の対策\n\n```bcp measures\n```\n",
    )
    .unwrap();
    let text = String::from_utf8(check(root.path(), &[]).stdout).unwrap();
    let summary = text.lines().last().unwrap();
    assert!(
        summary.contains("3 わが店の対策 2項目中 1項目完了（50%）"),
        "{summary}"
    );
    assert!(
        !summary.contains("2.4") && !summary.contains("資料3"),
        "{summary}"
    );
}
