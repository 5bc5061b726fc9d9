//! `bcp check`: findings with their places, the JSON shape and the exit codes,
//! and the 「計画の状態」 page of the plan edition.

use std::process::Output;

use super::support::*;

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", stdout(out), stderr(out)))
}

/// The example pharmacy with its two open points fixed: 2-3 done, 005 replaced.
fn sakura_fixed() -> TestBook {
    let book = TestBook::sakura();
    let measures = book.read("data/measures.toml").replace(
        "due = 2025-09-30\nstatus = \"未着手\"",
        "due = 2025-09-30\ndone = 2025-09-30\nstatus = \"完了\"",
    );
    book.write("data/measures.toml", &measures);
    let devices = book
        .read("data/devices.toml")
        .replace("Windows 10 Pro 22H2", "Windows 11 Pro 24H2");
    book.write("data/devices.toml", &devices);
    book
}

/// 1-based line of the first line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn example_plan_reports_its_overdue_item_and_old_os_with_places() {
    let book = TestBook::sakura();
    let out = book.bcp(&["check"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    let measures = book.read("data/measures.toml");
    let status = line_of(
        &measures[measures.find("id = \"2-3\"").unwrap()..],
        "status =",
    ) + line_of(&measures, "id = \"2-3\"")
        - 1;
    assert!(
        text.contains(&format!(
            "data/measures.toml:{status}:10: 期限超過: 2.4 情報セキュリティの事前対策実施と課題管理 2-3"
        )),
        "{text}"
    );
    let os = line_of(&book.read("data/devices.toml"), "Windows 10 Pro 22H2");
    assert!(
        text.contains(&format!("data/devices.toml:{os}:1: サポート終了:")),
        "{text}"
    );
    assert!(
        text.contains("（2025/11/1 時点）"),
        "as_of from the data: {text}"
    );
    assert!(
        text.contains("26項目中 20項目完了・1項目期限超過"),
        "{text}"
    );
}

#[test]
fn json_output_has_the_documented_shape() {
    let book = TestBook::sakura();
    let out = book.bcp(&["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    assert_eq!(v["as_of"], "2025-11-01");
    assert_eq!(v["clean"], false);
    assert_eq!(v["counts"]["error"], 0);
    assert_eq!(v["counts"]["warning"], 2);
    assert_eq!(v["progress"]["measures"]["total"], 26);
    assert_eq!(v["progress"]["measures"]["overdue"], 1);
    let kinds: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["end_of_support", "overdue"]);
    for f in v["findings"].as_array().unwrap() {
        for key in [
            "id", "group", "severity", "file", "line", "column", "message",
        ] {
            assert!(!f[key].is_null(), "{key} in {f}");
        }
    }
}

#[test]
fn a_complete_current_plan_exits_zero() {
    let book = sakura_fixed();
    let out = book.bcp(&["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("指摘はありません"),
        "{}",
        stdout(&out)
    );
    let v = json(&book.bcp(&["check", "--format", "json"]));
    assert_eq!(v["clean"], true);
    assert_eq!(v["findings"], serde_json::json!([]));
}

#[test]
fn as_of_falls_back_to_source_date_epoch() {
    // Without organization.as_of the check is judged on SOURCE_DATE_EPOCH
    // (2025-12-01 in the harness): 2-6, 2-10, 2-12 are still before due.
    let book = sakura_fixed();
    let pharmacy = book
        .read("data/pharmacy.toml")
        .replace("as_of = 2025-11-01\n", "");
    book.write("data/pharmacy.toml", &pharmacy);
    let v = json(&book.bcp(&["check", "--format", "json"]));
    assert_eq!(v["as_of"], "2025-12-01");
    let kinds: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["kind"].as_str().unwrap())
        .collect();
    // Windows 11 23H2 Home/Pro ended 2025-11-11; no device runs it, so still clean.
    assert!(kinds.is_empty(), "{kinds:?}");
}

#[test]
fn every_kind_of_finding_from_the_cli() {
    let book = sakura_fixed();
    let edit = |file: &str, from: &str, to: &str| {
        let text = book.read(file);
        assert!(text.contains(from), "{file} has no {from:?}");
        book.write(file, &text.replacen(from, to, 1));
    };
    edit(
        "data/pharmacy.toml",
        "reviewed = 2025-10-01",
        "reviewed = 2024-09-30",
    );
    edit(
        "data/training.toml",
        "date = 2025-09-17",
        "date = 2024-09-17",
    );
    edit(
        "data/training.toml",
        "date = 2024-11-20",
        "date = 2024-10-20",
    );
    edit("data/pharmacy.toml", "phone = \"03-5555-0102\"\n", "");
    edit(
        "data/pharmacy.toml",
        "name = \"本田 美和\"",
        "name = \"〇〇 美和\"",
    );
    edit("data/measures.toml", "owner = \"daihyo\"\n", "");
    edit(
        "data/devices.toml",
        "Windows 11 IoT Enterprise LTSC 2024",
        "Win8",
    );
    let v = json(&book.bcp(&["check", "--format", "json"]));
    let mut kinds: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["kind"].as_str().unwrap())
        .collect();
    kinds.sort();
    kinds.dedup();
    assert_eq!(
        kinds,
        [
            "end_of_support",
            "missing",
            "placeholder",
            "review",
            "training",
            "unassigned"
        ],
        "{v:#}"
    );
}

#[test]
fn undefined_contact_is_an_error_exit_two() {
    let book = TestBook::sakura();
    let contacts = book.read("data/contacts.toml");
    book.write(
        "data/contacts.toml",
        &format!("{contacts}\n[[contacts]]\nperson = \"nobody\"\n"),
    );
    let out = book.bcp(&["check"]);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    let text = stdout(&out);
    let line = book.read("data/contacts.toml").lines().count();
    assert!(
        text.contains(&format!("data/contacts.toml:{line}:10: エラー:")),
        "{text}"
    );
    assert!(
        text.contains("「nobody」という ID は people にありません"),
        "{text}"
    );
    let v = json(&book.bcp(&["check", "--format", "json"]));
    assert_eq!(v["counts"]["error"], 1);
    assert_eq!(v["findings"][0]["kind"], "error");
    assert_eq!(v["findings"][0]["severity"], "error");
}

#[test]
fn no_book_is_exit_two() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_bcp"))
        .args(["check", "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("book.toml"), "{}", stderr(&out));
}

#[test]
fn check_writes_nothing() {
    let book = TestBook::sakura();
    let before = tree_digest(book.root());
    book.bcp(&["check"]);
    assert_eq!(tree_digest(book.root()), before);
}

#[test]
fn plan_edition_shows_the_state_and_flags_overdue_items() {
    let book = TestBook::sakura();
    book.build(&["--edition", "plan"]);
    let status = html_text(&book.read("book/status.html"));
    assert!(
        status.contains("26項目中 20項目完了・1項目期限超過"),
        "{status}"
    );
    assert!(status.contains("27項目中 23項目完了"), "{status}");
    assert!(status.contains("指摘は 2件です"), "{status}");
    assert!(status.contains("data/measures.toml:"), "{status}");
    assert!(status.contains("Windows 10 Pro 22H2"), "{status}");
    // The same groups as `bcp check`, each finding with its id.
    assert!(status.contains("2.1.4 情報機器台帳（1件）"), "{status}");
    assert!(status.contains("end_of_support-"), "{status}");
    let devices = html_text(&book.read("book/ch2/2-1.html"));
    assert_eq!(
        devices.matches("⚠ サポート終了").count(),
        1,
        "the 005 row is marked"
    );
    let measures = book.read("book/ch2/2-4.html");
    // The 令和7年度 edition: named under the table, with its 確認日 column.
    assert!(
        html_text(&measures)
            .contains("令和7年度版 薬局におけるサイバーセキュリティ対策チェックリストと同様の項目")
    );
    assert!(html_text(&measures).contains("確認日"));
    assert_eq!(measures.matches("⚠ 期限超過").count(), 1);
    assert!(html_text(&measures).contains("26項目中 20項目完了"));
    assert!(html_text(&book.read("book/appendix/3.html")).contains("27項目中 23項目完了"));
}

#[test]
fn template_edition_shows_only_a_note_on_the_state_page() {
    let book = TestBook::bundled();
    book.build(&[]);
    let status = html_text(&book.read("book/status.html"));
    assert!(status.contains("計画版（plan）では"), "{status}");
    assert!(!status.contains("点検結果"), "{status}");
    assert!(!html_text(&book.read("book/ch2/2-4.html")).contains("項目完了"));
}
