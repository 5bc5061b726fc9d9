//! The engine's labels in another language: the built-in blocks print their
//! headers, marks, status words and check findings through `Labels`.

use std::collections::HashMap;
use std::path::Path;

mod common;
use common::{context, expand, repo};

use mdbook_bcp::Edition;
use mdbook_bcp::i18n::Labels;
use mdbook_bcp::plan::Plan;

fn english(pairs: &[(&str, &str)]) -> Labels {
    let map: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Labels::new("en", map)
}

/// Block `block` rendered from the data at `data_dir` (under the repository).
fn render(data_dir: &Path, edition: Edition, labels: &Labels, block: &str) -> String {
    let data = Plan::load(&repo(), data_dir).unwrap();
    expand(
        &context(&data),
        edition,
        labels,
        &format!("```bcp {block}\n```\n"),
    )
}

#[test]
fn template_labels_come_out_translated() {
    let labels = english(&[("業務内容", "Task"), ("代替手段", "Fallback | manual")]);
    let out = render(Path::new("data"), Edition::Template, &labels, "fallbacks");
    assert!(
        out.contains("\n| Task | システム | Fallback \\| manual |\n"),
        "{out}"
    );
    let source = render(
        Path::new("data"),
        Edition::Template,
        &Labels::source(),
        "fallbacks",
    );
    assert!(
        source.contains("\n| 業務内容 | システム | 代替手段 |\n"),
        "{source}"
    );
}

#[test]
fn marks_and_placeholders_are_translated_and_escaped_once() {
    let empty = tempfile::tempdir().unwrap();
    let data = Plan::load(empty.path(), Path::new("data")).unwrap();
    let json =
        mdbook_bcp::context::build(&data, &mdbook_bcp::check::check(&data, &Default::default()));
    let labels = english(&[
        ("未記入", "Not filled in"),
        ("〇〇-〇〇〇〇-〇〇〇〇", "00-0000-0000"),
        (
            "医療情報システム安全管理責任者",
            "Security manager <IT & data>",
        ),
        ("掲示用", "For posting"),
    ]);
    for (edition, expected) in [
        (
            Edition::Plan,
            "<span class=\"bcp-missing\" title=\"Not filled in\">Not filled in</span>",
        ),
        (
            Edition::Template,
            "<span class=\"bcp-ph\">Security manager &lt;IT &amp; data&gt;</span>",
        ),
    ] {
        let out = expand(&json, edition, &labels, "```bcp poster\n```\n");
        assert!(out.contains(expected), "{edition:?}: {out}");
        assert!(out.contains(">For posting<"), "{out}");
        assert!(!out.contains("&amp;amp;"), "escaped twice: {out}");
    }
}

#[test]
fn findings_and_statuses_are_translated() {
    let labels = english(&[
        ("種類", "Kind"),
        ("期限超過", "Overdue"),
        ("サポート終了", "End of support"),
        (
            "{what}は予定 {due} を過ぎていますが{status}です（{as_of} 時点）",
            "{what} was due {due} but is {status} (as of {as_of})",
        ),
        (
            "2.4 情報セキュリティの事前対策実施と課題管理",
            "2.4 measure",
        ),
        ("{section} {row}", "{section} {row}"),
        ("{id}「{text}」", "{id} “{text}”"),
        ("未着手", "not started"),
        ("完了", "Done"),
        ("⚠ 期限超過", "⚠ Overdue"),
    ]);
    let plan = Path::new("examples/sakura-pharmacy/data");
    let health = render(plan, Edition::Plan, &labels, "health");
    assert!(health.contains("| Kind | 場所 | 内容 |"), "{health}");
    assert!(
        health.contains(
            "<span style=\"white-space:nowrap\">Overdue</span> | examples/sakura-pharmacy/data/measures.toml:"
        ),
        "{health}"
    );
    assert!(
        health.contains("| 2\\.4 measure 2-3 “事業者から製造業者/サービス事業者による…” was due 2025/9/30 but is not started (as of 2025/11/1) |"),
        "{health}"
    );
    assert!(health.contains(">End of support</span>"), "{health}");
    let measures = render(plan, Edition::Plan, &labels, "measures");
    assert!(measures.contains(" | Done |"), "{measures}");
    assert!(measures.contains(">⚠ Overdue</strong>"), "{measures}");
    assert!(!measures.contains(" 完了 |\n"), "{measures}");
}
