//! Which table a sheet holds: the names a sheet of each table may have (its
//! key, its Japanese names, its block's heading) and the headers of its
//! columns.

use unicode_normalization::UnicodeNormalization;

use crate::blocks::{self, Field, Shows, Table};

/// Japanese names of tables besides their block's heading: the first is the
/// sheet's name in an exported workbook (where the heading names no table or
/// is too long for a sheet name), the others are what people call them.
const NAMES: &[(&str, &[&str])] = &[
    (
        "organization",
        &["基本情報", "薬局の情報", "医療機関の情報", "事業所"],
    ),
    ("policies", &["基本方針"]),
    ("events", &["想定する事象", "想定事象"]),
    ("investigations", &["原因調査"]),
    (
        "network",
        &[
            "ネットワーク構成図",
            "ネットワーク構成",
            "ネットワーク",
            "構成図",
        ],
    ),
    ("flow", &["行動・対応の流れ", "対応の流れ", "資料1"]),
    ("accept", &["受け入れた指摘", "指摘の受け入れ"]),
    ("labels", &["表記", "用語"]),
    ("people", &["職員", "職員一覧", "スタッフ"]),
    ("orgs", &["関係機関", "外部機関", "関係先"]),
    ("systems", &["情報システム", "システム", "対象範囲"]),
    ("checks", &["BCP策定の確認表", "確認表", "策定の確認表"]),
    (
        "departments",
        &["部門連絡先", "部門連絡先一覧", "異常発見時の連絡先"],
    ),
    ("measures", &["事前対策", "課題管理", "事前対策と課題管理"]),
    ("trainings", &["教育・訓練", "教育体制", "訓練"]),
    ("devices", &["情報機器台帳", "機器台帳", "台帳"]),
    (
        "contacts",
        &["重要関係先連絡リスト", "連絡リスト", "重要関係先"],
    ),
    (
        "fallbacks",
        &["代替手段", "代替運用", "リスク評価・代替運用"],
    ),
    ("priorities", &["優先業務", "優先業務の選定・実施"]),
    ("backups", &["バックアップ", "バックアップ体制"]),
    ("roles", &["担当者の役割", "役割"]),
    ("steps", &["BCP作成の進め方", "作成のステップ"]),
];

/// Header labels of the id column of a keyed table (`[people.ID]`).
pub(super) const ID_LABELS: &[&str] = &["id", "キー", "記号", "識別子"];

/// Compares names as a person means them: full-width and half-width alike,
/// spaces ignored, case ignored.
pub fn normalize(s: &str) -> String {
    s.nfkc()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The tables a sheet may hold: every top-level table of the data.
pub fn sheet_tables() -> impl Iterator<Item = &'static Table> {
    blocks::TABLES.iter().copied()
}

/// The field that tells the groups of a nested table apart (`checks.id`).
pub(super) fn group_key(table: &Table) -> Option<&'static Field> {
    table.fields.iter().find(|f| f.unique)
}

/// The heading of the block that prints `table`, if any.
fn heading(table: &Table) -> Option<&'static str> {
    blocks::BLOCKS
        .iter()
        .find(|b| match b.shows {
            Shows::Table(t) | Shows::Arg(_, t) => t == table.key,
            Shows::Figure(tables) => tables.first() == Some(&table.key),
            Shows::Report | Shows::Summary => false,
        })
        .map(|b| b.heading)
}

/// The Japanese name a sheet of `table` gets (at most 31 characters, as
/// Excel allows).
pub fn sheet_name(table: &Table) -> String {
    let name = NAMES
        .iter()
        .find(|(k, _)| *k == table.key)
        .map(|(_, names)| names[0].to_string())
        .or_else(|| heading(table).map(|h| without_number(h).to_string()))
        .unwrap_or_else(|| table.key.to_string());
    let name: String = name
        .chars()
        .filter(|c| !matches!(c, ':' | '\\' | '/' | '?' | '*' | '[' | ']'))
        .collect();
    name.chars().take(31).collect()
}

/// `2.1.4 情報機器台帳` → `情報機器台帳`.
fn without_number(heading: &str) -> &str {
    match heading.split_once(' ') {
        Some((number, rest)) if number.chars().any(|c| c.is_ascii_digit()) => rest,
        _ => heading,
    }
}

/// Every name a sheet of `table` may have.
pub(super) fn names_of(t: &Table) -> Vec<String> {
    let mut names: Vec<String> = vec![t.key.to_string(), sheet_name(t)];
    if let Some(h) = heading(t) {
        names.push(h.to_string());
        names.push(without_number(h).to_string());
    }
    if let Some((_, more)) = NAMES.iter().find(|(k, _)| *k == t.key) {
        names.extend(more.iter().map(|s| s.to_string()));
    }
    names
}

/// The table a sheet (or CSV file stem) named `name` holds.
pub fn table_named(name: &str) -> Option<&'static Table> {
    let wanted = normalize(name);
    sheet_tables().find(|t| {
        names_of(t).iter().any(|n| {
            let n = normalize(n);
            n == wanted || n.chars().take(31).collect::<String>() == wanted
        })
    })
}

/// The header of `field`'s column: its printed label, told apart when two
/// fields of the table print the same label (a row's own `label` beside the
/// record it names: 「システム（表示名）」).
pub fn header(table: &Table, field: &Field) -> String {
    if table
        .fields
        .iter()
        .filter(|f| f.label == field.label)
        .count()
        < 2
    {
        return field.label.to_string();
    }
    if field.key == "label" {
        format!("{}（表示名）", field.label)
    } else {
        format!("{}（{}）", field.label, field.key)
    }
}

/// A sheet of notes, not data: its name starts with `#` or `_`, or says メモ
/// or 説明.
pub(super) fn is_note(name: &str) -> bool {
    name.starts_with(['#', '＃', '_'])
        || ["メモ", "説明", "使い方", "注意"]
            .iter()
            .any(|w| name.contains(w))
}
