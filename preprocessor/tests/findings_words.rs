//! Findings name places by the book's own headings and use the book's own
//! word for the organization: no 薬局 or pharmacy section number in a clinic's.

mod common;
use common::repo;

use mdbook_bcp::check::{Report, check_root};

fn messages(report: &Report) -> Vec<String> {
    report.findings.iter().map(|f| f.message.clone()).collect()
}

/// Section numbers of the 都薬版 雛形 that a clinic book does not have.
const PHARMACY_SECTIONS: &[&str] = &[
    "1.1", "1.3", "1.4", "2.1", "2.2.2", "2.2.4", "2.2.5", "2.3", "2.4", "3.1", "資料",
];

#[test]
fn the_clinic_books_findings_speak_of_a_clinic_and_its_headings() {
    let report = check_root(&repo().join("templates/clinic")).unwrap();
    let all = messages(&report);
    assert!(all.len() > 10, "{all:#?}");
    for m in &all {
        assert!(!m.contains("薬局"), "{m}");
        for s in PHARMACY_SECTIONS {
            assert!(!m.contains(s), "{s} in {m}");
        }
    }
    assert!(all.iter().any(|m| m.contains("医療機関の名称")), "{all:#?}");
    assert!(
        all.iter()
            .any(|m| m.contains("別紙１ 連絡体制図 連絡先一覧")),
        "{all:#?}"
    );
}

#[test]
fn the_pharmacy_books_findings_use_its_headings() {
    let report = check_root(&repo()).unwrap();
    let all = messages(&report);
    assert!(all.iter().any(|m| m.contains("薬局の名称")), "{all:#?}");
    assert!(
        all.iter().any(|m| m.starts_with("2.1.4 情報機器台帳")),
        "{all:#?}"
    );
    assert!(
        all.iter()
            .any(|m| m.contains("（2.1.3 担当者の役割 に表示）")),
        "{all:#?}"
    );
}

#[test]
fn a_book_of_its_own_is_named_in_its_own_words() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("src")).unwrap();
    std::fs::create_dir_all(root.join("data")).unwrap();
    std::fs::write(
        root.join("book.toml"),
        "[book]\ntitle = \"t\"\n\n[preprocessor.bcp]\nlabels = { organization = \"クリニック\" }\n",
    )
    .unwrap();
    std::fs::write(
        root.join("src/SUMMARY.md"),
        "# Summary\n\n[はじめに](intro.md)\n- [第一 連絡](renraku.md)\n",
    )
    .unwrap();
    std::fs::write(
        root.join("src/intro.md"),
        "# {bcp:organization.name ?? 〇〇クリニック} {#intro}\n",
    )
    .unwrap();
    std::fs::write(
        root.join("src/renraku.md"),
        "# 第一 連絡\n\n## 電話をかける相手\n\n```bcp contacts\n```\n",
    )
    .unwrap();
    std::fs::write(
        root.join("data/plan.toml"),
        "[organization]\nadopted = 2025-04-01\nreviewed = 2025-04-01\n\n[people.a]\nname = \"山田\"\n\n[[contacts]]\nperson = \"a\"\n",
    )
    .unwrap();
    let all = messages(&check_root(root).unwrap());
    assert!(
        all.contains(
            &"organization.name（クリニックの名称）が未記入です（はじめに に表示）".to_string()
        ),
        "{all:#?}"
    );
    assert!(
        all.contains(
            &"people.a の電話番号（phone）が未記入です（第一 連絡 電話をかける相手 に表示）"
                .to_string()
        ),
        "{all:#?}"
    );
    for m in &all {
        assert!(!m.contains("薬局"), "{m}");
        for s in PHARMACY_SECTIONS {
            assert!(!m.contains(s), "{s} in {m}");
        }
    }
}
