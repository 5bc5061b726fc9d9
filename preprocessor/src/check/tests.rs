use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use super::*;
use crate::command::check::{write_json, write_text};
use crate::i18n::Labels;
use crate::plan::parse_file;

/// The tables the 都薬版 book shows, under its headings.
fn pharmacy_scope() -> Scope {
    let tables = [
        "policies",
        "systems",
        "events",
        "roles",
        "devices",
        "contacts",
        "backups",
        "strategies",
        "priorities",
        "fallbacks",
        "measures",
        "departments",
        "investigations",
        "checks",
    ];
    let headings: BTreeMap<String, String> = tables
        .iter()
        .map(|t| (t.to_string(), Scope::default().table(t).unwrap()))
        .collect();
    Scope {
        tables: Some(headings),
        fields: [
            ("organization.name", "表紙"),
            ("organization.adopted", "表紙"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), vec![v.to_string()]))
        .collect(),
        yearly_training: true,
        organization: None,
        figures: BTreeMap::new(),
    }
}

/// A small plan with every section filled in, as of 2025-11-01.
const CLEAN: &str = r#"policies = ["患者の安全を最優先する。"]
events = ["ランサムウェア感染"]
investigations = ["ログを確認する。"]

[organization]
name = "テスト薬局"
adopted = 2025-04-01
reviewed = 2025-04-01
as_of = 2025-11-01

[people.kanri]
name = "山田 花子"
title = "管理薬剤師"
phone = "03-0000-0000"
email = "k@example.jp"

[orgs.vendor]
name = "薬歴システム株式会社"
phone = "03-0000-0001"
email = "v@example.jp"

[systems.yakureki]
name = "電子薬歴"
vendor = "vendor"

[roles.manager]
name = "医療情報システム安全管理責任者"
people = ["kanri"]
summary = "対応を統括する。"

[[devices]]
id = "001"
maker = "NEC"
os = "Windows 11 Pro 24H2"
software = "薬歴"
version = "1.0"
ip = "192.168.0.10"
hostname = "PC01"
location = "調剤室"
users = "薬剤師"
registered = 2024-04-01
status = "稼働"
system = "yakureki"

[[contacts]]
system = "yakureki"

[[contacts]]
person = "kanri"

[[trainings]]
date = 2025-09-01

[[backups]]
system = "yakureki"
frequency = "毎日"
method = "外付けHDD"
restore = "事業者が復元する"

[[strategies]]
name = "紙で継続"
trigger = "システム停止時"

[[priorities]]
level = "A"
task = "調剤"

[[fallbacks]]
task = "調剤"
system = "yakureki"
method = "紙の調剤録"

[[measures]]
id = "1-1"
group = "体制構築"
text = "責任者を設置している。"
owner = "kanri"
method = "任命した。"
due = 2025-06-30
done = 2025-06-01
status = "完了"

[[departments]]
name = "調剤部門"
person = "kanri"

[[checks]]
id = "1-1"
title = "把握"
items = [{ text = "機器を把握できているか。", status = "完了" }]
"#;

/// The bundled rules without a checklist edition (the rule families other
/// than the checklist's see the same findings as before).
fn no_checklist() -> Rules {
    Rules {
        checklist: String::new(),
        ..Rules::default()
    }
}

fn plan_of(src: &str) -> Plan {
    let file = parse_file(PathBuf::from("data/plan.toml"), src.to_string())
        .unwrap_or_else(|e| panic!("{e}"));
    Plan::from_files(vec![file]).unwrap_or_else(|e| panic!("{e}"))
}

fn run(src: &str) -> Report {
    check_with(&plan_of(src), &pharmacy_scope(), &no_checklist())
}

fn edit(from: &str, to: &str) -> String {
    assert!(CLEAN.contains(from), "fixture has no {from:?}");
    CLEAN.replacen(from, to, 1)
}

fn only(report: &Report, kind: Kind) -> Finding {
    let found: Vec<&Finding> = report.findings.iter().filter(|f| f.kind == kind).collect();
    assert_eq!(found.len(), 1, "{kind:?} in {:#?}", report.findings);
    assert_eq!(report.findings.len(), 1, "{:#?}", report.findings);
    found[0].clone()
}

/// 1-based line of the first line containing `needle` in `src`.
fn line_of(src: &str, needle: &str) -> usize {
    src.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn a_complete_current_plan_is_clean() {
    let r = run(CLEAN);
    assert!(r.findings.is_empty(), "{:#?}", r.findings);
    assert_eq!(r.errors(), 0);
    assert_eq!(r.as_of, Date::new(2025, 11, 1).unwrap());
}

#[test]
fn missing_field_of_a_referenced_record() {
    let src = edit("phone = \"03-0000-0000\"\n", "");
    let f = only(&run(&src), Kind::Missing);
    assert_eq!(f.line, Some(line_of(&src, "[people.kanri]")));
    assert!(f.message.contains("people.kanri"), "{}", f.message);
    assert!(f.message.contains("phone"), "{}", f.message);
    assert!(f.message.contains("2.2.2"), "{}", f.message);
}

#[test]
fn missing_field_of_a_row_points_at_the_row() {
    let src = edit("hostname = \"PC01\"\n", "");
    let f = only(&run(&src), Kind::Missing);
    assert_eq!(f.line, Some(line_of(&src, "[[devices]]")));
    assert!(
        f.message.contains("コンピュータ名（hostname）"),
        "{}",
        f.message
    );
}

#[test]
fn empty_section_has_no_place() {
    let src = edit(
        "[[strategies]]\nname = \"紙で継続\"\ntrigger = \"システム停止時\"\n",
        "",
    );
    let f = only(&run(&src), Kind::Missing);
    assert_eq!(f.file, None);
    assert!(f.message.contains("2.3.2"), "{}", f.message);
}

#[test]
fn placeholder_left_in_a_value() {
    let src = edit(
        "location = \"調剤室\"",
        "location = \"〇〇室\" # ○○ in a comment is fine",
    );
    let f = only(&run(&src), Kind::Placeholder);
    assert_eq!(f.line, Some(line_of(&src, "〇〇室")));
    assert_eq!(f.column, Some(13));
    assert!(f.message.contains("「location」"), "{}", f.message);
}

#[test]
fn measure_without_owner_or_due() {
    let src = edit("owner = \"kanri\"\nmethod", "method");
    let f = only(&run(&src), Kind::Unassigned);
    assert_eq!(f.line, Some(line_of(&src, "[[measures]]")));
    assert!(f.message.contains("担当者（owner）"), "{}", f.message);
    let src = edit("due = 2025-06-30\n", "");
    let f = only(&run(&src), Kind::Unassigned);
    assert_eq!(f.line, Some(line_of(&src, "[[measures]]")));
    assert!(f.message.contains("予定（due）"), "{}", f.message);
}

#[test]
fn overdue_measure_points_at_its_status() {
    let src = edit(
        "done = 2025-06-01\nstatus = \"完了\"",
        "status = \"対応中\"",
    );
    let r = run(&src);
    let f = only(&r, Kind::Overdue);
    assert_eq!(f.line, Some(line_of(&src, "status = \"対応中\"")));
    assert_eq!(f.column, Some(10));
    assert!(f.message.contains("2025/6/30"), "{}", f.message);
    assert_eq!(r.progress.measures.overdue, 1);
    assert_eq!(r.errors(), 0);
    // Not overdue: due today or later, done, or 対象外.
    let src = edit(
        "due = 2025-06-30\ndone = 2025-06-01\nstatus = \"完了\"",
        "due = 2025-11-01\nstatus = \"未着手\"",
    );
    assert!(run(&src).findings.is_empty());
    let src = edit(
        "done = 2025-06-01\nstatus = \"完了\"",
        "status = \"対象外\"",
    );
    assert!(run(&src).findings.is_empty());
}

#[test]
fn review_older_than_a_year_or_never() {
    let src = edit("reviewed = 2025-04-01", "reviewed = 2024-10-31");
    let f = only(&run(&src), Kind::Review);
    assert_eq!(f.line, Some(line_of(&src, "reviewed =")));
    let src = edit("reviewed = 2025-04-01", "reviewed = 2024-11-01");
    assert!(
        run(&src).findings.is_empty(),
        "exactly a year is still current"
    );
    let src = edit("reviewed = 2025-04-01\n", "");
    let f = only(&run(&src), Kind::Review);
    assert_eq!(f.line, Some(line_of(&src, "[organization]")));
}

#[test]
fn no_training_in_the_last_year() {
    let src = edit("date = 2025-09-01", "date = 2024-09-01");
    let f = only(&run(&src), Kind::Training);
    assert_eq!(f.line, Some(line_of(&src, "date = 2024-09-01")));
    let src = edit("[[trainings]]\ndate = 2025-09-01\n", "");
    let f = only(&run(&src), Kind::Training);
    assert_eq!(f.file, None);
}

#[test]
fn device_past_end_of_support() {
    let src = edit("Windows 11 Pro 24H2", "Win10");
    let f = only(&run(&src), Kind::EndOfSupport);
    assert_eq!(f.line, Some(line_of(&src, "os = \"Win10\"")));
    assert!(f.message.contains("2025/10/14"), "{}", f.message);
    assert!(
        f.message
            .contains("https://learn.microsoft.com/lifecycle/products/")
    );
    let src = edit("software = \"薬歴\"", "software = \"Office 2016\"");
    let f = only(&run(&src), Kind::EndOfSupport);
    assert_eq!(f.line, Some(line_of(&src, "Office 2016")));
}

#[test]
fn undefined_reference_is_an_error_finding() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("data")).unwrap();
    std::fs::write(
        dir.path().join("data/plan.toml"),
        "[[contacts]]\nperson = \"nobody\"\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("book.toml"), "[book]\n").unwrap();
    let r = check_root(dir.path()).unwrap();
    assert_eq!(r.findings.len(), 1);
    let f = &r.findings[0];
    assert_eq!((f.kind, f.severity), (Kind::Error, Severity::Error));
    assert_eq!(
        f.place(),
        format!("{}:2:10", Path::new("data/plan.toml").display())
    );
    assert_eq!(r.errors(), 1);
}

#[test]
fn json_shape() {
    let src = edit("Windows 11 Pro 24H2", "Windows 8.1");
    let mut out = Vec::new();
    write_json(&run(&src), &mut out).unwrap();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["as_of"], "2025-11-01");
    assert_eq!(v["clean"], false);
    assert_eq!(
        v["counts"],
        json!({"error": 0, "warning": 1, "notice": 0, "accepted": 0})
    );
    assert_eq!(v["progress"]["measures"]["done"], 1);
    assert_eq!(v["progress"]["checks"]["percent"], 100);
    let f = &v["findings"][0];
    assert_eq!(f["kind"], "end_of_support");
    assert_eq!(f["severity"], "warning");
    assert_eq!(f["file"], "data/plan.toml");
    assert_eq!(f["line"], line_of(&src, "Windows 8.1"));
    assert_eq!(f["column"], 1);
    assert!(f["message"].as_str().unwrap().contains("Windows 8.1"));
}

#[test]
fn text_names_place_kind_and_summary() {
    let src = edit(
        "done = 2025-06-01\nstatus = \"完了\"",
        "status = \"未着手\"",
    );
    let mut out = Vec::new();
    write_text(&run(&src), &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let line = line_of(&src, "status = \"未着手\"");
    assert!(
        text.starts_with("■ 2.4 情報セキュリティの事前対策実施と課題管理（1件）\n"),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "\ndata/plan.toml:{line}:10: 期限超過: 2.4 情報セキュリティの事前対策実施と課題管理 1-1"
        )),
        "{text}"
    );
    assert!(text.contains("1項目中 0項目完了・1項目期限超過"), "{text}");
    let mut out = Vec::new();
    write_text(&run(CLEAN), &mut out).unwrap();
    assert!(String::from_utf8(out).unwrap().contains("指摘はありません"));
}

#[test]
fn tally_counts_statuses_and_skips_na_in_percent() {
    let t = Tally::count(
        [
            (Some("完了"), false),
            (Some("完了"), false),
            (Some("対応中"), true),
            (None, false),
            (Some("対象外"), false),
        ]
        .into_iter(),
    );
    assert_eq!(
        (t.total, t.done, t.doing, t.todo, t.na, t.overdue, t.percent),
        (5, 2, 1, 1, 1, 1, 50)
    );
    assert_eq!(t.summary(), "5項目中 2項目完了・1項目期限超過");
}

#[test]
fn context_carries_the_state_for_templates() {
    let src = edit(
        "done = 2025-06-01\nstatus = \"完了\"",
        "status = \"未着手\"",
    );
    let file = parse_file(PathBuf::from("data/plan.toml"), src).unwrap();
    let plan = Plan::from_files(vec![file]).unwrap();
    let ctx = crate::context::build(&plan, &check(&plan, &pharmacy_scope()));
    assert_eq!(ctx["as_of"], "2025-11-01");
    assert_eq!(ctx["measures"][0]["overdue"], true);
    assert_eq!(ctx["progress"]["measures"]["overdue"], 1);
    assert_eq!(ctx["findings"][0]["label"], "期限超過");
    assert!(
        ctx["findings"][0]["place"]
            .as_str()
            .unwrap()
            .starts_with("data/plan.toml:")
    );
}

/// Almost every field left blank: (nearly) every message check.rs writes.
const BLANK: &str = r#"[organization]
reviewed = 2020-01-01
as_of = 2025-11-01

[people.p]
name = "〇〇 〇〇"

[orgs.o]

[systems.s]
vendor = "o"

[roles.r]
name = "責任者"

[roles.v]
name = "事業者"
kind = "orgs"

[[threats]]
[[damages]]
[[devices]]
os = "Windows 7"
[[devices]]
id = "PC-02"

[[contacts]]
system = "s"
[[contacts]]
person = "p"
[[contacts]]
org = "o"

[[trainings]]
date = 2020-01-01

[[backups]]
[[strategies]]
[[priorities]]
level = "A"
[[fallbacks]]

[[measures]]
id = "1-1"
group = "体制"
text = "責任者を設置している。"
due = 2020-01-01
status = "対応中"

[[measures]]
id = "1-2"
group = "体制"
text = "手順書を整備している。"
owner = "p"

[[departments]]

[[flow]]
phase = "初動"
call = [{ text = "警察", org = "o" }]

[[checks]]
id = "1"
title = "把握"
items = [{ text = "機器を把握できているか。" }]
"#;

#[test]
fn every_message_and_kind_is_a_listed_label() {
    let labels = crate::i18n::engine_labels();
    let mut findings = run(BLANK).findings;
    findings.extend(run("policies = []\n").findings);
    let mut kinds = std::collections::BTreeSet::new();
    let mut missing = std::collections::BTreeSet::new();
    for f in &findings {
        kinds.insert(f.kind);
        let m = Message {
            id: f.message_id.clone(),
            args: f.args.clone(),
        };
        assert_eq!(m.text(&Labels::source()), f.message);
        // Places are the book's headings: the chapters' catalogue translates them.
        let places: Vec<String> = pharmacy_scope().tables.unwrap().into_values().collect();
        for id in m.ids() {
            if id.chars().any(char::is_alphabetic)
                && !labels.contains(&id)
                && !places.iter().any(|p| p == id)
                && id != "表紙"
            {
                missing.insert(id.to_string());
            }
        }
    }
    assert!(missing.is_empty(), "not engine labels: {missing:#?}");
    assert!(findings.len() > 60, "{}", findings.len());
    for kind in [
        Kind::Missing,
        Kind::Placeholder,
        Kind::Unassigned,
        Kind::Overdue,
    ]
    .into_iter()
    .chain([Kind::Review, Kind::Training, Kind::EndOfSupport])
    {
        assert!(kinds.contains(&kind), "no {kind:?} finding");
    }
    for kind in kinds.into_iter().chain([Kind::Error]) {
        assert!(labels.contains(&kind.label()), "{kind:?}");
    }
}

#[test]
fn a_finding_reads_in_the_language_of_the_labels() {
    let src = edit(
        "done = 2025-06-01\nstatus = \"完了\"",
        "status = \"対応中\"",
    );
    let f = only(&run(&src), Kind::Overdue);
    assert_eq!(
        f.message,
        "2.4 情報セキュリティの事前対策実施と課題管理 1-1「責任者を設置している。」は予定 2025/6/30 を過ぎていますが対応中です（2025/11/1 時点）"
    );
    let map = [
        (
            "{what}は予定 {due} を過ぎていますが{status}です（{as_of} 時点）",
            "{what} was due {due} but is {status} (as of {as_of})",
        ),
        (
            "2.4 情報セキュリティの事前対策実施と課題管理",
            "2.4 measure",
        ),
        ("{id}「{text}」", "{id} “{text}”"),
        ("対応中", "in progress"),
        ("責任者を設置している。", "A manager is appointed."),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    assert_eq!(
        f.message_in(&Labels::new("en", map)),
        "2.4 measure 1-1 “A manager is appoint…” was due 2025/6/30 but is in progress (as of 2025/11/1)",
        "data wording is translated, then cut"
    );
    let plan = Plan::from_files(vec![
        parse_file(PathBuf::from("data/plan.toml"), src).unwrap(),
    ])
    .unwrap();
    let ctx = crate::context::build(&plan, &check(&plan, &pharmacy_scope()));
    let finding = &ctx["findings"][0];
    assert_eq!(finding["message_id"], f.message_id);
    assert_eq!(finding["args"]["status"], json!({"id": "対応中"}));
    assert_eq!(
        finding["args"]["what"]["args"]["row"]["args"]["text"],
        json!({"text": "責任者を設置している。", "cut": 20})
    );
}

/// One plan (a review more than a year old, a device past end of support, a
/// device without a hostname) in every valid TOML spelling: the same
/// findings, each at the key or row it is about.
#[test]
fn positions_for_every_spelling() {
    let spellings: [(&str, String); 7] = [
        (
            "tables",
            "[organization]\nas_of = 2025-11-01\nreviewed = 2020-01-01\n\n[[devices]]\nid = \"1\"\nos = \"Windows 7\"\n".into(),
        ),
        (
            "spaces in headers",
            "[ organization ]\nas_of = 2025-11-01\nreviewed = 2020-01-01\n\n[[ devices ]]\nid = \"1\"\nos = \"Windows 7\"\n".into(),
        ),
        (
            "dotted keys",
            "organization.as_of = 2025-11-01\norganization.reviewed = 2020-01-01\n\n[[devices]]\nid = \"1\"\nos = \"Windows 7\"\n".into(),
        ),
        (
            "inline tables",
            "organization = { as_of = 2025-11-01, reviewed = 2020-01-01 }\ndevices = [\n  { id = \"1\", os = \"Windows 7\" },\n]\n".into(),
        ),
        (
            "multi-line strings",
            "[organization]\nas_of = 2025-11-01\nreviewed = 2020-01-01\n\n[[devices]]\nid = \"\"\"\n1\"\"\"\nnote = '''\n二行の\n説明'''\nos = \"Windows 7\"\n".into(),
        ),
        (
            "CRLF",
            "[organization]\r\nas_of = 2025-11-01\r\nreviewed = 2020-01-01\r\n\r\n[[devices]]\r\nid = \"1\"\r\nos = \"Windows 7\"\r\n".into(),
        ),
        (
            "BOM",
            "\u{feff}[organization]\nas_of = 2025-11-01\nreviewed = 2020-01-01\n\n[[devices]]\nid = \"1\"\nos = \"Windows 7\"\n".into(),
        ),
    ];
    let scope = Scope {
        tables: Some(BTreeMap::from([(
            "devices".to_string(),
            "台帳".to_string(),
        )])),
        ..Scope::default()
    };
    for (name, src) in spellings {
        let file = parse_file(PathBuf::from("data/plan.toml"), src.clone())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let report = check(&Plan::from_files(vec![file]).unwrap(), &scope);
        let text = src.trim_start_matches('\u{feff}');
        // 1-based line and column (in characters) of the first `needle`.
        let place = |needle: &str| {
            let at = text
                .find(needle)
                .unwrap_or_else(|| panic!("{name}: {needle}"));
            let line = text[..at].matches('\n').count() + 1;
            let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            (Some(line), Some(text[start..at].chars().count() + 1))
        };
        let found = |kind: Kind| {
            let f: Vec<&Finding> = report.findings.iter().filter(|f| f.kind == kind).collect();
            assert_eq!(f.len(), 1, "{name}: {kind:?} in {:#?}", report.findings);
            (f[0].line, f[0].column)
        };
        assert_eq!(found(Kind::Review), place("reviewed"), "{name}");
        assert_eq!(found(Kind::EndOfSupport), place("os ="), "{name}");
        let row = if name == "inline tables" {
            "{ id"
        } else {
            "devices"
        };
        let row = place(row);
        let row = if name == "inline tables" {
            row
        } else {
            (row.0, Some(1))
        };
        let _ = found;
        let missing: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.kind == Kind::Missing)
            .collect();
        assert!(
            missing.iter().any(|f| f.message.contains("（hostname）")),
            "{name}"
        );
        for f in missing {
            assert_eq!(
                (f.line, f.column),
                row,
                "{name}: fields not written: at the row"
            );
        }
    }
}

/// What keeps a figure the book shows from being complete.
#[test]
fn figures_name_what_they_lack() {
    let mut scope = pharmacy_scope();
    for (figure, place) in [
        ("org_chart", "2.1.2 組織体制図"),
        ("contact_chart", "2.2.1 連絡体制図"),
        ("network", "2.1.5 構成図"),
    ] {
        scope.figures.insert(figure.to_string(), place.to_string());
    }
    scope
        .tables
        .as_mut()
        .unwrap()
        .insert("network".to_string(), "2.1.5 構成図".to_string());
    let messages = |src: &str| -> Vec<(Option<usize>, String)> {
        let file = parse_file(PathBuf::from("data/plan.toml"), src.to_string()).unwrap();
        check(&Plan::from_files(vec![file]).unwrap(), &scope)
            .findings
            .into_iter()
            .map(|f| (f.line, f.message))
            .collect()
    };
    // CLEAN has no 安全管理責任者 role, no owner and no [network].
    let found = messages(CLEAN);
    let texts: Vec<&str> = found.iter().map(|(_, m)| m.as_str()).collect();
    assert!(texts.contains(&"2.2.1 連絡体制図: 連絡の順番の元になる役割（roles.security_manager、または escalation を書いた役割）がありません"), "{texts:#?}");
    assert!(
        texts.contains(&"2.1.2 組織体制図: 開設者（organization.owner）が未記入です"),
        "{texts:#?}"
    );
    assert!(
        texts.contains(&"2.1.5 構成図（network）が一件も書かれていません"),
        "{texts:#?}"
    );

    // A chain without a deputy; a device outside every segment.
    let src = edit("[roles.manager]", "[roles.security_manager]")
        + "\n[network]\nrouter = \"UTM\"\n\n[[network.segments]]\nname = \"LAN\"\nrange = \"192.168.1.0/24\"\n";
    let src = src.replace("ip = \"192.168.0.10\"", "ip = \"10.0.0.5\"");
    let found = messages(&src);
    let deputy = found
        .iter()
        .find(|(_, m)| m.contains("代理（deputy）"))
        .unwrap_or_else(|| panic!("{found:#?}"));
    assert_eq!(deputy.0, Some(line_of(&src, "[roles.security_manager]")));
    let segment = found
        .iter()
        .find(|(_, m)| m.contains("機器 001 の所属するネットワーク"))
        .unwrap_or_else(|| panic!("{found:#?}"));
    assert_eq!(segment.0, Some(line_of(&src, "ip = \"10.0.0.5\"")));
    assert!(
        !found.iter().any(|(_, m)| m.contains("連絡の順番")),
        "{found:#?}"
    );

    // A deputy and the right address: nothing left about the figures.
    let src = src
        .replace(
            "summary = \"対応を統括する。\"",
            "summary = \"対応を統括する。\"\ndeputy = \"kanri\"",
        )
        .replace("ip = \"10.0.0.5\"", "ip = \"192.168.1.5\"");
    let found = messages(&src);
    assert!(
        !found
            .iter()
            .any(|(_, m)| m.contains("代理") || m.contains("ネットワークがわかりません")),
        "{found:#?}"
    );
}

/// The rules with the bundled editions and `edition` chosen.
fn edition(id: &str) -> Rules {
    Rules {
        checklist: id.to_string(),
        ..Rules::default()
    }
}

fn with_measure_items(items: &str) -> String {
    edit(
        "text = \"責任者を設置している。\"",
        &format!("text = \"責任者を設置している。\"\nchecklist = [{items}]"),
    )
}

#[test]
fn editions_are_data_and_a_book_chooses_one() {
    let rules = Rules::default();
    let ids: Vec<&str> = rules.editions.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["R6-pharmacy", "R7-pharmacy"], "oldest first");
    assert_eq!(
        rules.edition().unwrap().id,
        "R6-pharmacy",
        "the seed's by default"
    );
    let r7 = edition("R7-pharmacy");
    let e = r7.edition().unwrap();
    assert!(e.confirm_date && !e.complete);
    assert!(e.item("2-⑦").unwrap().text.contains("8文字以上"));
    for item in rules.editions.iter().flat_map(|e| &e.items) {
        assert!(!item.source.is_empty() && !item.text.is_empty(), "{item:?}");
    }
    let r = check_with(&plan_of(CLEAN), &pharmacy_scope(), &r7);
    let c = r.checklist.unwrap();
    assert_eq!(
        c.title,
        "令和7年度版 薬局におけるサイバーセキュリティ対策チェックリスト"
    );
    assert!(c.numbers.contains(&"2-⑨".to_string()));
}

#[test]
fn uncovered_and_unknown_items_and_the_newer_edition() {
    let src = with_measure_items("\"1-1\", \"9-9\"");
    let r = check_with(&plan_of(&src), &pharmacy_scope(), &edition("R6-pharmacy"));
    let checklist: Vec<&Finding> = r
        .findings
        .iter()
        .filter(|f| f.kind == Kind::Checklist)
        .collect();
    // 12 items in the seed's edition, one covered; one unknown number.
    assert_eq!(checklist.len(), 12, "{checklist:#?}");
    assert!(
        checklist
            .iter()
            .any(|f| f.message.contains("「9-9」は令和6年度版"))
    );
    assert!(checklist.iter().all(|f| !f.message.contains("項目 1-1「")));
    let unknown = checklist
        .iter()
        .find(|f| f.message.contains("9-9"))
        .unwrap();
    assert_eq!(unknown.line, Some(line_of(&src, "\"9-9\"")));
    let newer: Vec<&Finding> = r
        .findings
        .iter()
        .filter(|f| f.kind == Kind::ChecklistEdition)
        .collect();
    assert_eq!(newer.len(), 1);
    assert_eq!(newer[0].severity, Severity::Notice);
    assert!(
        newer[0].message.contains("R7-pharmacy"),
        "{}",
        newer[0].message
    );
    // The newest edition: no notice.
    let r = check_with(&plan_of(&src), &pharmacy_scope(), &edition("R7-pharmacy"));
    assert!(r.findings.iter().all(|f| f.kind != Kind::ChecklistEdition));
}

#[test]
fn the_2_4_table_marks_the_items_of_the_chosen_edition() {
    let src = with_measure_items("\"2-⑦\"");
    let plan = plan_of(&src);
    for (id, marked) in [("R7-pharmacy", true), ("R6-pharmacy", false)] {
        let r = check_with(&plan, &pharmacy_scope(), &edition(id));
        let ctx = crate::context::build(&plan, &r);
        assert_eq!(ctx["measures"][0]["marked"], marked, "{id}");
        assert_eq!(ctx["checklist"]["confirm_date"], id == "R7-pharmacy");
    }
}

#[test]
fn a_book_adds_its_own_edition_file() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("rules/checklists")).unwrap();
    std::fs::create_dir(root.join("data")).unwrap();
    std::fs::create_dir(root.join("src")).unwrap();
    std::fs::write(root.join("src/SUMMARY.md"), "# S\n\n- [2.4](m.md)\n").unwrap();
    std::fs::write(
        root.join("src/m.md"),
        "# 2.4 対策\n\n```bcp measures\n```\n",
    )
    .unwrap();
    std::fs::write(
        root.join("rules/checklists/R8-kai.toml"),
        "id = \"R8-kai\"\ntitle = \"令和8年度版 都薬会員向けチェックリスト\"\napplies = [\"薬局\"]\nfiscal_year = 2026\nconfirm_date = true\nsource = \"https://example.jp/r8\"\n\n[[items]]\nnumber = \"A-1\"\ntext = \"責任者を置く。\"\nsource = \"https://example.jp/r8\"\n",
    )
    .unwrap();
    std::fs::write(
        root.join("book.toml"),
        "[book]\n[preprocessor.bcp]\nchecklist = \"R6-pharmacy\"\n",
    )
    .unwrap();
    std::fs::write(root.join("data/plan.toml"), with_measure_items("\"1-1\"")).unwrap();
    let r = check_root(root).unwrap();
    let newer = r
        .findings
        .iter()
        .find(|f| f.kind == Kind::ChecklistEdition)
        .unwrap();
    assert!(
        newer.message.contains("R8-kai"),
        "the book's edition is the newest: {}",
        newer.message
    );
    std::fs::write(
        root.join("book.toml"),
        "[book]\n[preprocessor.bcp]\nchecklist = \"R8-kai\"\n",
    )
    .unwrap();
    let r = check_root(root).unwrap();
    assert_eq!(r.checklist.unwrap().numbers, ["A-1"]);
    std::fs::write(
        root.join("book.toml"),
        "[book]\n[preprocessor.bcp]\nchecklist = \"R99\"\n",
    )
    .unwrap();
    let err = check_root(root).unwrap_err().to_string();
    assert!(err.contains("R99") && err.contains("R8-kai"), "{err}");
}

#[test]
fn support_ending_within_180_days_is_a_notice_and_marks_the_row() {
    // Windows 11 24H2 Home/Pro ends 2026-10-13.
    let src = edit("as_of = 2025-11-01", "as_of = 2026-10-13")
        .replace("reviewed = 2025-04-01", "reviewed = 2026-04-01")
        .replace("date = 2025-09-01", "date = 2026-09-01");
    let r = run(&src);
    let f = only(&r, Kind::SupportEnding);
    assert_eq!(f.severity, Severity::Notice);
    assert_eq!(r.counted(), 0);
    assert_eq!(r.devices, [Some("ending")]);
    let src = edit("as_of = 2025-11-01", "as_of = 2026-10-14");
    let r = run(&src);
    // Past the date: the review and training are a year old as well.
    assert!(r.findings.iter().any(|f| f.kind == Kind::EndOfSupport));
    assert_eq!(r.devices, [Some("ended")]);
    let ctx = crate::context::build(&plan_of(&src), &r);
    assert_eq!(ctx["devices"][0]["support"], "ended");
}

#[test]
fn esu_enrolment_keeps_a_windows_10_pc_supported() {
    let src = edit(
        "os = \"Windows 11 Pro 24H2\"",
        "os = \"Win10 Pro\"\nesu = 2026-10-13",
    );
    assert!(run(&src).findings.is_empty(), "enrolled until 2026-10-13");
    let soon = src.replace("as_of = 2025-11-01", "as_of = 2026-05-01");
    let r = run(&soon);
    assert!(r.findings.iter().any(|f| f.kind == Kind::SupportEnding));
    assert!(r.findings.iter().all(|f| f.kind != Kind::EndOfSupport));
    let src = edit("os = \"Windows 11 Pro 24H2\"", "os = \"Win10 Pro\"");
    only(&run(&src), Kind::EndOfSupport);
}

fn accepting(id: &str, rest: &str) -> String {
    let src = edit("Windows 11 Pro 24H2", "Windows 8.1");
    format!("{src}\n[[accept]]\nid = \"{id}\"\n{rest}")
}

#[test]
fn finding_ids_are_stable_and_an_acceptance_moves_the_finding_apart() {
    let src = edit("Windows 11 Pro 24H2", "Windows 8.1");
    let id = only(&run(&src), Kind::EndOfSupport).id;
    assert!(id.starts_with("end_of_support-"), "{id}");
    // Another day, the same id.
    let later = src.replace("as_of = 2025-11-01", "as_of = 2025-12-01");
    let again = run(&later);
    let f = again
        .findings
        .iter()
        .find(|f| f.kind == Kind::EndOfSupport)
        .unwrap();
    assert_eq!(f.id, id);
    let r = run(&accepting(
        &id,
        "reason = \"2026年3月に入替予定\"\nuntil = 2026-03-31\n",
    ));
    assert!(r.findings.is_empty(), "{:#?}", r.findings);
    assert_eq!(r.accepted.len(), 1);
    let a = r.accepted[0].accepted.as_ref().unwrap();
    assert_eq!(a.reason, "2026年3月に入替予定");
    let mut out = Vec::new();
    write_text(&r, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains("受け入れ済み（2026/3/31 まで）: 2026年3月に入替予定"),
        "{text}"
    );
    assert!(
        text.contains("指摘はありません・受け入れ済み 1件"),
        "{text}"
    );
}

#[test]
fn expired_incomplete_or_unmatched_acceptances_are_findings() {
    let src = edit("Windows 11 Pro 24H2", "Windows 8.1");
    let id = only(&run(&src), Kind::EndOfSupport).id;
    let r = run(&accepting(
        &id,
        "reason = \"入替予定\"\nuntil = 2025-10-31\n",
    ));
    let kinds: Vec<Kind> = r.findings.iter().map(|f| f.kind).collect();
    assert_eq!(
        kinds,
        [Kind::EndOfSupport, Kind::Acceptance],
        "expired: both count"
    );
    assert!(
        r.findings[1]
            .message
            .contains("期限 2025/10/31 を過ぎています")
    );
    let r = run(&accepting(&id, "until = 2026-03-31\n"));
    assert!(
        r.findings
            .iter()
            .any(|f| f.message.contains("理由（reason）か期限（until）"))
    );
    let r = run(&accepting(
        "overdue-00000000",
        "reason = \"x\"\nuntil = 2026-03-31\n",
    ));
    let f = r
        .findings
        .iter()
        .find(|f| f.kind == Kind::Acceptance)
        .unwrap();
    assert!(
        f.message.contains("当たる指摘がありません"),
        "{}",
        f.message
    );
    assert_eq!(f.group, messages::GROUP_ACCEPT);
}

#[test]
fn findings_are_grouped_in_the_book_order_most_serious_first() {
    let src = edit("Windows 11 Pro 24H2", "Windows 8.1")
        .replace(
            "done = 2025-06-01\nstatus = \"完了\"",
            "status = \"未着手\"",
        )
        .replace("hostname = \"PC01\"\n", "");
    let r = run(&src);
    let seen: Vec<(&str, Kind)> = r
        .findings
        .iter()
        .map(|f| (f.group.as_str(), f.kind))
        .collect();
    assert_eq!(
        seen,
        [
            ("2.1.4 情報機器台帳", Kind::EndOfSupport),
            ("2.1.4 情報機器台帳", Kind::Missing),
            (
                "2.4 情報セキュリティの事前対策実施と課題管理",
                Kind::Overdue
            ),
        ]
    );
    let mut out = Vec::new();
    write_text(&r, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(text.starts_with("■ 2.1.4 情報機器台帳（2件）\n"), "{text}");
    assert!(
        text.contains(
            "指摘 3件（2.1.4 情報機器台帳 2・2.4 情報セキュリティの事前対策実施と課題管理 1）"
        ),
        "{text}"
    );
    let mut out = Vec::new();
    write_json(&r, &mut out).unwrap();
    let v: Value = serde_json::from_slice(&out).unwrap();
    for f in v["findings"].as_array().unwrap() {
        for key in [
            "id", "group", "kind", "severity", "file", "line", "column", "message",
        ] {
            assert!(!f[key].is_null(), "{key} in {f}");
        }
    }
    assert_eq!(
        v["groups"][0],
        json!({"name": "2.1.4 情報機器台帳", "count": 2})
    );
    assert_eq!(v["findings"][0]["group"], "2.1.4 情報機器台帳");
}

#[test]
fn sections_sort_as_a_book_does() {
    let mut headings = vec![
        "資料3 確認表",
        "2.10 x",
        "別紙２ 台帳",
        "2.4 y",
        messages::GROUP_PLAN,
        "1.3 z",
    ];
    headings.sort_by_key(|h| section_order(h));
    assert_eq!(
        headings,
        [
            messages::GROUP_PLAN,
            "1.3 z",
            "2.4 y",
            "2.10 x",
            "資料3 確認表",
            "別紙２ 台帳"
        ]
    );
}
