//! Spreadsheets as data: a sheet of an .xlsx or .ods workbook, or a .csv
//! file, holds the records of one table of the plan.
//!
//! Every table of the data has a sheet. A sheet is named by the table's key
//! (`devices`) or its Japanese name (the heading of the block that prints it,
//! `情報機器台帳`); a CSV file by its file name. Its header row holds the
//! column labels the printed table shows (the registry's [`Field::label`]) or
//! the field keys; the table's [`Shape`] decides the layout: a record a row,
//! a line a row (`policies`), or 項目 / 内容, a field a row (`organization`).
//! [`reference_table`] lists them all for docs/AUTHORING.md. Each sheet
//! becomes the same records a TOML file would give ([`DataFile`]), with a
//! source map whose places are cells, so checks, context and blocks see no
//! difference.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};
use unicode_normalization::UnicodeNormalization;

use crate::blocks::{self, Field, Shape, Shows, Table};
use crate::data_file::{CellPlace, DataFile};
use crate::date::{Date, parse_date};
use crate::diag::{Diagnostic, did_you_mean};
use crate::model::Data;
use crate::source_map::SourceMap;

/// Extensions read as workbooks.
pub const WORKBOOK: &[&str] = &["xlsx", "xlsm", "xlsb", "xls", "ods"];

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
const ID_LABELS: &[&str] = &["id", "キー", "記号", "識別子"];

/// One cell's value as read.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    Date(Date),
}

impl Cell {
    pub(crate) fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The value as a person reads it in the sheet.
    pub(crate) fn shown(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_string(),
            Cell::Number(n) => number_text(*n),
            Cell::Bool(true) => "TRUE".into(),
            Cell::Bool(false) => "FALSE".into(),
            Cell::Date(d) => d.slash(),
        }
    }
}

fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

/// The cells of one sheet or CSV file; `rows[0]` is row 1.
#[derive(Debug)]
pub struct Grid {
    /// As shown in messages (relative to the book root).
    pub file: PathBuf,
    /// The sheet's name (workbooks), `None` for CSV.
    pub sheet: Option<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Grid {
    /// `台帳!F7` (workbook) or `F7` (CSV).
    pub(crate) fn cell_name(&self, row: usize, col: usize) -> String {
        match &self.sheet {
            Some(sheet) => format!("{sheet}!{}{}", column_letters(col), row + 1),
            None => format!("{}{}", column_letters(col), row + 1),
        }
    }

    pub(crate) fn cell(&self, row: usize, col: usize) -> &Cell {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .unwrap_or(&Cell::Empty)
    }

    /// A problem about the cell at (`row`, `col`), zero-based.
    pub(crate) fn error(&self, row: usize, col: usize, message: impl Into<String>) -> Diagnostic {
        let value = self.cell(row, col).shown();
        Diagnostic::in_cell(
            &self.file,
            self.cell_name(row, col),
            row + 1,
            col + 1,
            &value,
            message,
        )
    }

    /// A problem about the whole sheet.
    fn sheet_error(&self, message: impl Into<String>) -> Diagnostic {
        let mut d = Diagnostic::in_file(&self.file, 1, message);
        d.cell = self.sheet.clone();
        d
    }
}

/// `0` → `A`, `26` → `AA`.
pub fn column_letters(col: usize) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII")
}

/// Is `path` a spreadsheet this module reads?
pub fn is_sheet_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    // Excel's and LibreOffice's lock files while a workbook is open.
    if name.starts_with("~$") || name.starts_with(".~lock") {
        return false;
    }
    path.extension()
        .and_then(|x| x.to_str())
        .map(|x| x.to_ascii_lowercase())
        .is_some_and(|x| x == "csv" || WORKBOOK.contains(&x.as_str()))
}

/// Reads the sheets of a workbook or the one grid of a CSV file.
pub fn read(path: &Path, shown: &Path) -> Result<Vec<Grid>, Diagnostic> {
    let ext = path
        .extension()
        .and_then(|x| x.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if ext == "csv" {
        let bytes = std::fs::read(path)
            .map_err(|e| Diagnostic::in_file(shown, 1, format!("ファイルを読めません: {e}")))?;
        read_csv(&bytes, shown).map(|g| vec![g])
    } else {
        read_workbook(path, shown)
    }
}

fn read_workbook(path: &Path, shown: &Path) -> Result<Vec<Grid>, Diagnostic> {
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto(path).map_err(|e| {
        Diagnostic::in_file(
            shown,
            1,
            format!(
                "表計算ファイルとして読めません（{e}）。Excel（.xlsx）か LibreOffice（.ods）の形式で保存してください"
            ),
        )
    })?;
    let mut grids = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(|e| {
            Diagnostic::in_file(shown, 1, format!("シート「{name}」を読めません: {e}"))
        })?;
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut rows: Vec<Vec<Cell>> = vec![Vec::new(); top as usize];
        for row in range.rows() {
            let mut cells = vec![Cell::Empty; left as usize];
            cells.extend(row.iter().map(cell_of));
            rows.push(cells);
        }
        grids.push(Grid {
            file: shown.to_path_buf(),
            sheet: Some(name),
            rows,
        });
    }
    Ok(grids)
}

fn cell_of(data: &calamine::Data) -> Cell {
    use calamine::Data as D;
    match data {
        D::Empty | D::Error(_) => Cell::Empty,
        D::String(s) => Cell::Text(s.clone()),
        D::Int(i) => Cell::Number(*i as f64),
        D::Float(f) => Cell::Number(*f),
        D::Bool(b) => Cell::Bool(*b),
        D::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            Date::new(y, m, d).map_or(Cell::Number(dt.as_f64()), Cell::Date)
        }
        D::DateTime(dt) => Cell::Number(dt.as_f64()),
        D::DateTimeIso(s) => {
            Date::parse(s.get(..10).unwrap_or(s)).map_or_else(|| Cell::Text(s.clone()), Cell::Date)
        }
        D::DurationIso(s) => Cell::Text(s.clone()),
    }
}

/// The text of a CSV file: UTF-8 (with or without BOM), else Shift_JIS
/// (CP932, what Excel in Japan saves as "CSV").
pub fn decode_csv(bytes: &[u8]) -> Option<String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Some(text.to_string());
    }
    let (text, had_errors) = encoding_rs::SHIFT_JIS.decode_without_bom_handling(bytes);
    (!had_errors).then(|| text.into_owned())
}

fn read_csv(bytes: &[u8], shown: &Path) -> Result<Grid, Diagnostic> {
    let text = decode_csv(bytes).ok_or_else(|| {
        Diagnostic::in_file(
            shown,
            1,
            "CSV の文字コードが読めません（UTF-8 でも Shift_JIS でもありません）。Excel なら「CSV UTF-8（コンマ区切り）」で保存し直してください",
        )
    })?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(1, |p| p.line() as usize);
            Diagnostic::in_file(shown, line, format!("CSV として読めません: {e}"))
        })?;
        // Lines a multi-line cell spans are one row, as a spreadsheet shows them.
        rows.push(
            record
                .iter()
                .map(|s| {
                    if s.trim().is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(s.to_string())
                    }
                })
                .collect(),
        );
    }
    Ok(Grid {
        file: shown.to_path_buf(),
        sheet: None,
        rows,
    })
}

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
fn group_key(table: &Table) -> Option<&'static Field> {
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
fn names_of(t: &Table) -> Vec<String> {
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

/// The reference of sheets in docs/AUTHORING.md: each table's sheet name,
/// the other names read, its layout and its column headers.
pub fn reference_table() -> String {
    let mut out = String::from(
        "| table | sheet (other names read) | layout | headers |\n|---|---|---|---|\n",
    );
    for t in sheet_tables() {
        let name = sheet_name(t);
        let mut others: Vec<String> = Vec::new();
        for n in names_of(t) {
            let known = |x: &String| normalize(x) == normalize(&n);
            if n != t.key && !known(&name) && !others.iter().any(known) {
                others.push(n);
            }
        }
        let nested: Vec<String> = t.nested.iter().map(|n| format!("`{}`", n.key)).collect();
        let layout = match t.shape {
            Shape::Single if t.nested.is_empty() => "項目 / 内容, one field per row".to_string(),
            Shape::Single => format!(
                "one record: its fields on the first row, its lists ({}) in columns of their own, one item per row",
                nested.join(", ")
            ),
            Shape::Keyed => "one record per row, with an ID column".to_string(),
            Shape::Rows if t.nested.is_empty() => "one record per row".to_string(),
            Shape::Rows => format!(
                "one record per row; its nested rows ({}) beside it, the first on its row, the others on the rows below with the record's own cells left empty",
                nested.join(", ")
            ),
            Shape::Texts => "one column, one line per row".to_string(),
            Shape::Words => "項目 / 内容, one word per row (項目: the word's key)".to_string(),
        };
        let mut headers: Vec<String> = Vec::new();
        if t.shape == Shape::Keyed {
            headers.push("ID".into());
        }
        let nested = t.nested.iter().map(|n| n.table);
        let labels = std::iter::once(t)
            .chain(nested)
            .flat_map(|t| t.fields.iter().map(move |f| header(t, f)));
        if by_items(t) {
            headers.extend(ITEM_LABELS.iter().map(|s| s.to_string()));
            let items: Vec<String> = labels.collect();
            if !items.is_empty() {
                headers = vec![format!(
                    "{} (項目: {})",
                    headers.join(", "),
                    items.join(", ")
                )];
            }
        } else {
            headers.extend(labels);
        }
        let others = if others.is_empty() {
            String::new()
        } else {
            format!(" ({})", others.join(", "))
        };
        out.push_str(&format!(
            "| `{}` | {name}{others} | {layout} | {} |\n",
            t.key,
            headers.join(", ")
        ));
    }
    out
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
fn is_note(name: &str) -> bool {
    name.starts_with(['#', '＃', '_'])
        || ["メモ", "説明", "使い方", "注意"]
            .iter()
            .any(|w| name.contains(w))
}

/// What a column holds.
#[derive(Debug, Clone, Copy)]
enum Target {
    /// The record's key in a keyed table.
    Id,
    Field(&'static Field),
    /// A field of the rows of the `n`th nested table (`checks.items`).
    Nested(usize, &'static Field),
    /// 項目 of a sheet of items: which field (or word) the row gives.
    Name,
    /// 内容 of a sheet of items: the row's value.
    Value,
}

/// How one sheet is laid out: which table, where its header is, what each
/// column holds.
#[derive(Debug)]
pub struct Layout {
    pub table: &'static Table,
    header: usize,
    columns: Vec<(usize, Target)>,
}

impl Layout {
    /// A sheet of items: a row per field (項目 / 内容), not a column per field.
    fn items(&self) -> Option<(usize, usize)> {
        let col =
            |want: fn(&Target) -> bool| self.columns.iter().find(|(_, t)| want(t)).map(|(c, _)| *c);
        Some((
            col(|t| matches!(t, Target::Name))?,
            col(|t| matches!(t, Target::Value))?,
        ))
    }
}

/// Header labels of a sheet of items: the 項目 column, then the 内容 column.
pub const ITEM_LABELS: [&str; 2] = ["項目", "内容"];
const NAME_LABELS: &[&str] = &["項目", "key", "item"];
const VALUE_LABELS: &[&str] = &["内容", "value", "値"];

/// A table written as a sheet of items (項目 / 内容) rather than a row per
/// record: one record without lists inside (`organization`), or words (`labels`).
pub fn by_items(table: &Table) -> bool {
    table.shape == Shape::Words || (table.shape == Shape::Single && table.nested.is_empty())
}

/// Finds the table and the header row of `grid`; `None` for an empty sheet.
pub fn layout(grid: &Grid) -> Result<Option<Layout>, Diagnostic> {
    let name = match &grid.sheet {
        Some(s) => s.clone(),
        None => grid
            .file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
    };
    if grid.rows.iter().all(|r| r.iter().all(Cell::is_empty)) || is_note(&name) {
        return Ok(None);
    }
    let Some(table) = table_named(&name) else {
        let known: Vec<String> = sheet_tables()
            .map(|t| format!("{}（{}）", sheet_name(t), t.key))
            .collect();
        let all_names: Vec<String> = sheet_tables().flat_map(names_of).collect();
        let what = if grid.sheet.is_some() {
            "シート名"
        } else {
            "CSV のファイル名"
        };
        return Err(grid.sheet_error(format!(
            "{what}「{name}」がどの表か分かりません。{}使える名前: {}",
            did_you_mean(&name, all_names.iter().map(String::as_str)).trim_start(),
            known.join("、")
        )));
    };
    let is = |labels: &[&str], want: &str| labels.iter().any(|l| normalize(l) == want);
    let target_of = |text: &str| -> Option<Target> {
        let want = normalize(text);
        if want.is_empty() {
            return None;
        }
        if by_items(table) {
            return if is(NAME_LABELS, &want) {
                Some(Target::Name)
            } else if is(VALUE_LABELS, &want) {
                Some(Target::Value)
            } else {
                None
            };
        }
        let matches =
            |t: &Table, f: &Field| normalize(&header(t, f)) == want || normalize(f.key) == want;
        if table.shape == Shape::Keyed && is(ID_LABELS, &want) {
            return Some(Target::Id);
        }
        if let Some(f) = table.fields.iter().find(|f| matches(table, f)) {
            return Some(Target::Field(f));
        }
        table.nested.iter().enumerate().find_map(|(i, n)| {
            n.table
                .fields
                .iter()
                .find(|f| matches(n.table, f))
                .map(|f| Target::Nested(i, f))
        })
    };
    let labels: Vec<String> = if by_items(table) {
        ITEM_LABELS.iter().map(|s| s.to_string()).collect()
    } else {
        let nested = table.nested.iter().map(|n| n.table);
        std::iter::once(table)
            .chain(nested)
            .flat_map(|t| t.fields.iter().map(move |f| header(t, f)))
            .collect()
    };
    // The header is the first row with a known label: a title above it is allowed.
    let Some(header_row) = grid
        .rows
        .iter()
        .position(|r| r.iter().any(|c| target_of(&c.shown()).is_some()))
    else {
        // A misspelt header: the first cell close to a label says which.
        let near = grid.rows.iter().enumerate().find_map(|(r, row)| {
            row.iter().enumerate().find_map(|(c, cell)| {
                let text = cell.shown();
                let hint = did_you_mean(&text, labels.iter().map(String::as_str));
                (!hint.is_empty()).then_some((r, c, text, hint))
            })
        });
        return Err(match near {
            Some((r, c, text, hint)) => grid.error(
                r,
                c,
                format!(
                    "見出し「{text}」は {} の列にありません。{}使える見出し: {}",
                    table.key,
                    hint.trim_start(),
                    labels.join("、")
                ),
            ),
            None => grid.sheet_error(format!(
                "見出しの行が見つかりません。1 行目に列の見出し（{}）を書きます",
                labels.join("、")
            )),
        });
    };
    let mut columns = Vec::new();
    for (col, cell) in grid.rows[header_row].iter().enumerate() {
        let text = cell.shown();
        if text.is_empty() {
            continue;
        }
        match target_of(&text) {
            Some(target) => {
                if columns.iter().any(|(_, t)| same_target(t, &target)) {
                    return Err(grid.error(
                        header_row,
                        col,
                        format!("見出し「{text}」の列が二つあります（一つにしてください）"),
                    ));
                }
                columns.push((col, target));
            }
            None => {
                return Err(grid.error(
                    header_row,
                    col,
                    format!(
                        "見出し「{text}」は {} の列にありません。{}使える見出し: {}",
                        table.key,
                        did_you_mean(&text, labels.iter().map(String::as_str)).trim_start(),
                        labels.join("、")
                    ),
                ));
            }
        }
    }
    let layout = Layout {
        table,
        header: header_row,
        columns,
    };
    if by_items(table) && layout.items().is_none() {
        return Err(grid.sheet_error(format!(
            "{} の表は「{}」「{}」の 2 列に、1 行に一つずつ書きます（見出しの行が足りません）",
            table.key, ITEM_LABELS[0], ITEM_LABELS[1]
        )));
    }
    Ok(Some(layout))
}

fn same_target(a: &Target, b: &Target) -> bool {
    match (a, b) {
        (Target::Id, Target::Id) | (Target::Name, Target::Name) => true,
        (Target::Value, Target::Value) => true,
        (Target::Field(x), Target::Field(y)) => x.key == y.key,
        (Target::Nested(i, x), Target::Nested(j, y)) => i == j && x.key == y.key,
        _ => false,
    }
}

/// The records of a keyed table in a sheet: (id, names), for references by name.
pub fn keyed_names(grid: &Grid, layout: &Layout) -> Vec<(String, Vec<String>)> {
    if layout.table.shape != Shape::Keyed {
        return Vec::new();
    }
    data_rows(grid, layout)
        .map(|row| {
            let names = layout
                .columns
                .iter()
                .filter(
                    |(_, t)| matches!(t, Target::Field(f) if f.key == "name" || f.key == "short"),
                )
                .map(|(c, _)| grid.cell(row, *c).shown())
                .filter(|s| !s.is_empty())
                .collect();
            (record_id(grid, layout, row), names)
        })
        .collect()
}

fn data_rows<'a>(grid: &'a Grid, layout: &'a Layout) -> impl Iterator<Item = usize> + 'a {
    (layout.header + 1..grid.rows.len()).filter(move |&r| {
        layout
            .columns
            .iter()
            .any(|(c, _)| !grid.cell(r, *c).is_empty())
    })
}

/// A keyed record's id: its id column, else its name (stable when rows move),
/// else its row.
fn record_id(grid: &Grid, layout: &Layout, row: usize) -> String {
    let of = |want: fn(&Target) -> bool| {
        layout
            .columns
            .iter()
            .find(|(_, t)| want(t))
            .map(|(c, _)| grid.cell(row, *c).shown())
            .filter(|s| !s.is_empty())
    };
    of(|t| matches!(t, Target::Id))
        .or_else(|| of(|t| matches!(t, Target::Field(f) if f.key == "name")))
        .unwrap_or_else(|| format!("row{}", row + 1))
}

/// The ids and names of the keyed tables, for reference cells that hold a name.
#[derive(Debug, Default, Clone)]
pub struct Names(HashMap<String, Vec<(String, Vec<String>)>>);

impl Names {
    pub fn add(&mut self, table: &str, id: String, names: Vec<String>) {
        self.0
            .entry(table.to_string())
            .or_default()
            .push((id, names));
    }

    /// The records of a TOML file's keyed tables.
    pub fn add_file(&mut self, file: &DataFile) {
        let data = serde_json::to_value(&file.data).expect("serializable");
        for table in blocks::TABLES.iter().filter(|t| t.shape == Shape::Keyed) {
            for (id, record) in data[table.key].as_object().into_iter().flatten() {
                let names = ["name", "short"]
                    .iter()
                    .filter_map(|k| record[*k].as_str().map(String::from))
                    .collect();
                self.add(table.key, id.clone(), names);
            }
        }
    }

    /// The records of the keyed tables of a TOML table (a chain's data,
    /// before it is loaded).
    pub fn add_table(&mut self, data: &toml::Table) {
        for table in blocks::TABLES.iter().filter(|t| t.shape == Shape::Keyed) {
            let Some(records) = data.get(table.key).and_then(toml::Value::as_table) else {
                continue;
            };
            for (id, record) in records {
                let names = ["name", "short"]
                    .iter()
                    .filter_map(|k| record.get(*k)?.as_str().map(String::from))
                    .collect();
                self.add(table.key, id.clone(), names);
            }
        }
    }

    /// The id `text` means in `table`: an id as written, or the name of
    /// exactly one record.
    fn resolve(&self, table: &str, text: &str) -> Result<String, String> {
        let records = self.0.get(table).map(Vec::as_slice).unwrap_or_default();
        if records.iter().any(|(id, _)| id == text) {
            return Ok(text.to_string());
        }
        let want = normalize(text);
        let hits: Vec<&str> = records
            .iter()
            .filter(|(id, names)| {
                normalize(id) == want || names.iter().any(|n| normalize(n) == want)
            })
            .map(|(id, _)| id.as_str())
            .collect();
        match hits.as_slice() {
            [one] => Ok(one.to_string()),
            [] => {
                let known: Vec<String> = records
                    .iter()
                    .map(|(id, names)| match names.first() {
                        Some(n) if n != id => format!("{n}（{id}）"),
                        _ => id.clone(),
                    })
                    .collect();
                let all = records
                    .iter()
                    .flat_map(|(id, names)| std::iter::once(id).chain(names))
                    .map(String::as_str);
                Err(format!(
                    "「{text}」は {table} の ID にも名前にもありません。{}書けるもの: {}",
                    did_you_mean(text, all).trim_start(),
                    if known.is_empty() {
                        "（なし）".to_string()
                    } else {
                        known.join("、")
                    }
                ))
            }
            many => Err(format!(
                "「{text}」という名前は {table} に {} 件あります（{}）。どれか分かるように ID で書いてください",
                many.len(),
                many.join("、")
            )),
        }
    }
}

/// What type a field's value has in the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Date,
    Bool,
    Int,
    List,
}

/// The kind of `field` of `table` (nested in `parent`), found by asking the
/// model which value it accepts, so the registry needs no second type list.
pub fn kind_of(table: &Table, field: &str) -> Kind {
    static KINDS: OnceLock<HashMap<(String, String), Kind>> = OnceLock::new();
    let kinds = KINDS.get_or_init(|| {
        let mut kinds = HashMap::new();
        for t in blocks::TABLES {
            for f in t.fields {
                kinds.insert(
                    (t.key.to_string(), f.key.to_string()),
                    probe(t, None, f.key),
                );
            }
            for n in t.nested {
                for f in n.table.fields {
                    kinds.insert(
                        (n.table.key.to_string(), f.key.to_string()),
                        probe(n.table, Some((t, n.key)), f.key),
                    );
                }
            }
        }
        kinds
    });
    kinds
        .get(&(table.key.to_string(), field.to_string()))
        .copied()
        .unwrap_or(Kind::Text)
}

fn probe(table: &Table, parent: Option<(&Table, &str)>, field: &str) -> Kind {
    let candidates = [
        (
            Kind::Date,
            DeValue::Datetime("2025-04-01".parse().expect("a date")),
        ),
        (Kind::Bool, DeValue::Boolean(true)),
        (Kind::Int, DeValue::Integer(Default::default())),
        (Kind::List, {
            let mut a = DeArray::new();
            a.push(spanned(DeValue::String("x".into()), 0..0));
            DeValue::Array(a)
        }),
    ];
    for (kind, value) in candidates {
        let mut record = DeTable::new();
        record.insert(
            spanned(field.to_string().into(), 0..0),
            spanned(value, 0..0),
        );
        let doc = match parent {
            None => wrap(table, record),
            Some((parent, key)) => {
                let mut items = DeArray::new();
                items.push(spanned(DeValue::Table(record), 0..0));
                let mut row = DeTable::new();
                row.insert(
                    spanned(key.to_string().into(), 0..0),
                    spanned(DeValue::Array(items), 0..0),
                );
                wrap(parent, row)
            }
        };
        match Data::deserialize(toml::de::Deserializer::from(spanned(doc, 0..0))) {
            Ok(_) => return kind,
            Err(e) if e.message().starts_with("missing field") => return kind,
            Err(_) => {}
        }
    }
    Kind::Text
}

fn spanned<T>(value: T, span: Range<usize>) -> Spanned<T> {
    Spanned::new(span, value)
}

/// `{table: [record]}` or `{table: {x: record}}`.
fn wrap(table: &Table, record: DeTable<'static>) -> DeTable<'static> {
    let value = match table.shape {
        Shape::Keyed => {
            let mut t = DeTable::new();
            t.insert(
                spanned("x".to_string().into(), 0..0),
                spanned(DeValue::Table(record), 0..0),
            );
            DeValue::Table(t)
        }
        Shape::Single => DeValue::Table(record),
        _ => {
            let mut a = DeArray::new();
            a.push(spanned(DeValue::Table(record), 0..0));
            DeValue::Array(a)
        }
    };
    let mut doc = DeTable::new();
    doc.insert(
        spanned(table.key.to_string().into(), 0..0),
        spanned(value, 0..0),
    );
    doc
}

/// The sheet's records as one data file.
pub fn convert(grid: &Grid, layout: &Layout, names: &Names) -> Result<DataFile, Vec<Diagnostic>> {
    convert_raw(grid, layout, names, false).map(|(file, _)| file)
}

/// [`convert`], with `raw` giving the records as a TOML table too (what a
/// TOML file would give: a chain merges tables before loading them).
fn convert_raw(
    grid: &Grid,
    layout: &Layout,
    names: &Names,
    raw: bool,
) -> Result<(DataFile, Option<toml::Table>), Vec<Diagnostic>> {
    let table = layout.table;
    // The text a finding points into: row N of the sheet is line N.
    let mut source = String::new();
    let mut places: Vec<CellPlace> = Vec::new();
    let mut spans: HashMap<(usize, usize), Range<usize>> = HashMap::new();
    for (r, row) in grid.rows.iter().enumerate() {
        if r > 0 {
            source.push('\n');
        }
        for (c, cell) in row.iter().enumerate() {
            if c > 0 {
                source.push('\t');
            }
            let text = cell.shown().replace(['\n', '\r', '\t'], " ");
            let span = source.len()..source.len() + text.len();
            source.push_str(&text);
            if !cell.is_empty() {
                spans.insert((r, c), span.clone());
                places.push(CellPlace {
                    span,
                    name: grid.cell_name(r, c),
                    row: r + 1,
                    column: c + 1,
                    label: match layout.items() {
                        Some((name_col, _)) => grid.cell(r, name_col).shown(),
                        None => grid.cell(layout.header, c).shown(),
                    },
                    value: cell.shown(),
                });
            }
        }
    }
    let span_of = |r: usize, c: usize| spans.get(&(r, c)).cloned().unwrap_or(0..0);
    let row_span = |r: usize| {
        let start = source
            .split('\n')
            .take(r)
            .map(|l| l.len() + 1)
            .sum::<usize>();
        start..start
    };
    let mut errors = Vec::new();
    let value_of = |r: usize, c: usize, t: &Table, f: &Field| {
        let cell = grid.cell(r, c);
        if cell.is_empty() {
            return Ok(None);
        }
        match value(cell, t, f, names) {
            Ok(v) => Ok(Some(spanned(v, span_of(r, c)))),
            Err(message) => Err(grid.error(r, c, message)),
        }
    };
    let key = |s: &str, span: Range<usize>| spanned(Cow::Owned(s.to_string()), span);
    // One row's cells: the record's own fields, and an item per nested table.
    let read_row = |r: usize, errors: &mut Vec<Diagnostic>| {
        let mut record = DeTable::new();
        let mut items: Vec<DeTable<'static>> =
            table.nested.iter().map(|_| DeTable::new()).collect();
        for (c, target) in &layout.columns {
            let (t, f, into) = match target {
                Target::Field(f) => (table, *f, &mut record),
                Target::Nested(i, f) => (table.nested[*i].table, *f, &mut items[*i]),
                _ => continue,
            };
            match value_of(r, *c, t, f) {
                Ok(Some(v)) => {
                    into.insert(key(f.key, span_of(r, *c)), v);
                }
                Ok(None) => {}
                Err(e) => errors.push(e),
            }
        }
        (record, items)
    };
    let rows: Vec<usize> = data_rows(grid, layout).collect();
    let first_col = layout.columns.first().map_or(0, |(c, _)| *c);
    let mut records: Vec<(String, Range<usize>, DeTable<'static>)> = Vec::new();
    if let Some((name_col, value_col)) = layout.items() {
        // 項目 / 内容: a row per field (or word) of the one record.
        let mut record = DeTable::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        for &r in &rows {
            let name = grid.cell(r, name_col).shown();
            let field = match table.shape {
                Shape::Words => None,
                _ => match item_field(table, &name) {
                    Ok(f) => Some(f),
                    Err(message) => {
                        errors.push(grid.error(r, name_col, message));
                        continue;
                    }
                },
            };
            if grid.cell(r, value_col).is_empty() {
                continue;
            }
            let k = field.map_or_else(|| name.clone(), |f| f.key.to_string());
            if k.is_empty() {
                errors.push(grid.error(
                    r,
                    name_col,
                    format!("この行の{}がありません", ITEM_LABELS[0]),
                ));
                continue;
            }
            if let Some(first) = seen.insert(k.clone(), r) {
                errors.push(grid.error(
                    r,
                    name_col,
                    format!(
                        "{}「{name}」は {} 行目にもあります（一つにしてください）",
                        ITEM_LABELS[0],
                        first + 1
                    ),
                ));
                continue;
            }
            let v = match field {
                Some(f) => match value_of(r, value_col, table, f) {
                    Ok(Some(v)) => v,
                    Ok(None) => continue,
                    Err(e) => {
                        errors.push(e);
                        continue;
                    }
                },
                None => spanned(
                    DeValue::String(grid.cell(r, value_col).shown().into()),
                    span_of(r, value_col),
                ),
            };
            record.insert(key(&k, span_of(r, name_col)), v);
        }
        if !record.is_empty() {
            records.push((String::new(), 0..0, record));
        }
    } else if table.shape == Shape::Single {
        // One record with lists inside: its own fields once, each list in
        // columns of its own, an item a row.
        let mut record = DeTable::new();
        let mut lists: Vec<DeArray<'static>> =
            table.nested.iter().map(|_| DeArray::new()).collect();
        let mut first: HashMap<&str, usize> = HashMap::new();
        for &r in &rows {
            for (c, target) in &layout.columns {
                if let Target::Field(f) = target
                    && !grid.cell(r, *c).is_empty()
                    && let Some(at) = first.insert(f.key, r)
                {
                    errors.push(grid.error(
                        r,
                        *c,
                        format!(
                            "{}は一つだけ書きます（{} 行目に書いてあります）",
                            f.label,
                            at + 1
                        ),
                    ));
                }
            }
            let (own, items) = read_row(r, &mut errors);
            for (k, v) in own {
                if !record.contains_key(k.get_ref().as_ref()) {
                    record.insert(k, v);
                }
            }
            for (list, item) in lists.iter_mut().zip(items) {
                if !item.is_empty() {
                    list.push(spanned(DeValue::Table(item), row_span(r)));
                }
            }
        }
        for (n, list) in table.nested.iter().zip(lists) {
            if !list.is_empty() {
                record.insert(key(n.key, 0..0), spanned(DeValue::Array(list), 0..0));
            }
        }
        if !record.is_empty() {
            records.push((String::new(), 0..0, record));
        }
    } else {
        let mut seen_ids: HashMap<String, usize> = HashMap::new();
        for &r in &rows {
            let (mut record, items) = read_row(r, &mut errors);
            if table.shape == Shape::Keyed {
                let id = record_id(grid, layout, r);
                if let Some(first) = seen_ids.insert(id.clone(), r) {
                    errors.push(grid.error(
                        r,
                        first_col,
                        format!(
                            "「{id}」は {} 行目と同じ ID です（同じ人や機関を二度書いていないか、ID の列を確かめてください）",
                            first + 1
                        ),
                    ));
                    continue;
                }
                records.push((id, row_span(r), record));
                continue;
            }
            if table.nested.is_empty() {
                records.push((String::new(), row_span(r), record));
                continue;
            }
            // A flat sheet of a nested table: a row that fills its group's
            // cells starts one; a row that leaves them empty adds to the last.
            if !record.is_empty() {
                for (n, item) in table.nested.iter().zip(items) {
                    let mut list = DeArray::new();
                    if !item.is_empty() {
                        list.push(spanned(DeValue::Table(item), row_span(r)));
                    }
                    record.insert(
                        key(n.key, row_span(r)),
                        spanned(DeValue::Array(list), row_span(r)),
                    );
                }
                records.push((String::new(), row_span(r), record));
            } else if let Some((_, _, last)) = records.last_mut() {
                for (n, item) in table.nested.iter().zip(items) {
                    if item.is_empty() {
                        continue;
                    }
                    if let Some(DeValue::Array(list)) = last.get_mut(n.key).map(|v| v.get_mut()) {
                        list.push(spanned(DeValue::Table(item), row_span(r)));
                    }
                }
            } else {
                let group = group_key(table)
                    .or(table.fields.first())
                    .map_or("", |f| f.label);
                errors.push(grid.error(
                    r,
                    first_col,
                    format!("この行の{group}がありません（最初の行には{group}を書きます）"),
                ));
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let whole = 0..0;
    let value = match table.shape {
        Shape::Keyed => {
            let mut t = DeTable::new();
            for (id, span, record) in records {
                t.insert(
                    key(&id, span.clone()),
                    spanned(DeValue::Table(record), span),
                );
            }
            Some(DeValue::Table(t))
        }
        Shape::Single | Shape::Words => records.pop().map(|(_, _, r)| DeValue::Table(r)),
        Shape::Texts => Some(DeValue::Array(
            records
                .into_iter()
                .filter_map(|(_, _, mut r)| r.remove(table.key))
                .collect(),
        )),
        Shape::Rows => Some(DeValue::Array(
            records
                .into_iter()
                .map(|(_, span, record)| spanned(DeValue::Table(record), span))
                .collect(),
        )),
    };
    let mut doc = DeTable::new();
    if let Some(value) = value {
        doc.insert(key(table.key, whole.clone()), spanned(value, whole.clone()));
    }
    let doc = spanned(doc, whole);
    let map = SourceMap::of(&doc);
    let path = grid.file.clone();
    let file = DataFile {
        path,
        source,
        data: Data::default(),
        map,
        cells: places,
    };
    let table = raw.then(|| {
        toml::Table::deserialize(toml::de::Deserializer::from(doc.clone()))
            .expect("a sheet's records are a TOML table")
    });
    match Data::deserialize(toml::de::Deserializer::from(doc)) {
        Ok(data) => Ok((DataFile { data, ..file }, table)),
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            Err(vec![
                file.at(span, crate::toml_errors::schema(&file.map, None, &e)),
            ])
        }
    }
}

/// The field a 項目 cell names (its label or key), or what to say.
fn item_field(table: &'static Table, name: &str) -> Result<&'static Field, String> {
    let want = normalize(name);
    if let Some(f) = table
        .fields
        .iter()
        .find(|f| normalize(&header(table, f)) == want || normalize(f.key) == want)
    {
        return Ok(f);
    }
    let labels: Vec<String> = table.fields.iter().map(|f| header(table, f)).collect();
    Err(format!(
        "{}「{name}」は {} にありません。{}使える{}: {}",
        ITEM_LABELS[0],
        table.key,
        did_you_mean(name, labels.iter().map(String::as_str)).trim_start(),
        ITEM_LABELS[0],
        labels.join("、")
    ))
}

/// A cell as the value `field` takes.
pub(crate) fn value(
    cell: &Cell,
    table: &Table,
    field: &Field,
    names: &Names,
) -> Result<DeValue<'static>, String> {
    let kind = kind_of(table, field.key);
    let text = cell.shown();
    let reference = |text: &str| -> Result<String, String> {
        match field.refers {
            Some(target) => names.resolve(target, text),
            None => Ok(text.to_string()),
        }
    };
    Ok(match kind {
        Kind::Date => {
            let date = match cell {
                Cell::Date(d) => Some(*d),
                Cell::Number(n) if (1.0..2_958_466.0).contains(n) => {
                    // A date serial whose cell is not formatted as a date.
                    Some(Date::from_unix(((n.floor() as i64) - 25_569) * 86_400))
                }
                _ => parse_date(&text),
            };
            let date = date.ok_or_else(|| {
                format!(
                    "「{text}」は日付として読めません。2025/4/1、2025-04-01、令和7年4月1日 のように書きます"
                )
            })?;
            DeValue::Datetime(date.to_string().parse().expect("a date"))
        }
        Kind::Bool => DeValue::Boolean(match normalize(&text).as_str() {
            "true" | "yes" | "1" | "○" | "〇" | "◯" | "✓" | "✔" | "はい" | "有" | "あり"
            | "対象" => true,
            "false" | "no" | "0" | "×" | "✕" | "-" | "いいえ" | "無" | "なし" | "対象外" => {
                false
            }
            _ => {
                return Err(format!(
                    "「{text}」は はい／いいえ として読めません。○ か × を書きます（{}）",
                    field.label
                ));
            }
        }),
        Kind::Int => {
            let n = match cell {
                Cell::Number(n) if n.fract() == 0.0 && *n >= 0.0 => Some(*n as usize),
                _ => text.nfkc().collect::<String>().parse::<usize>().ok(),
            };
            match n.and_then(integer) {
                Some(v) => v,
                None => {
                    return Err(format!(
                        "「{text}」は数として読めません。0〜255 の数を書きます"
                    ));
                }
            }
        }
        Kind::List => {
            // Sentences keep their commas: one a line. Ids and numbers: 、 or , too.
            let breaks: &[char] = if field.wording {
                &['\n']
            } else {
                &['、', ',', '，', '\n']
            };
            let mut items = DeArray::new();
            for part in text.split(breaks).map(str::trim).filter(|s| !s.is_empty()) {
                items.push(spanned(DeValue::String(reference(part)?.into()), 0..0));
            }
            DeValue::Array(items)
        }
        Kind::Text => {
            if let Cell::Number(_) = cell
                && matches!(field.key, "phone" | "postal" | "fax")
            {
                return Err(format!(
                    "電話番号「{text}」が数値として入力されています（先頭の 0 が消えます）。090-1234-5678 のようにハイフンを入れるか、セルの書式を「文字列」にしてください"
                ));
            }
            DeValue::String(reference(&text)?.into())
        }
    })
}

/// A small whole number as the parser's value (the model's numbers are `u8`).
fn integer(n: usize) -> Option<DeValue<'static>> {
    static NUMBERS: OnceLock<Vec<String>> = OnceLock::new();
    let numbers = NUMBERS.get_or_init(|| (0..256).map(|n| n.to_string()).collect());
    let text: &'static str = numbers.get(n)?;
    DeValue::parse(text).ok().map(Spanned::into_inner)
}

/// Reads every sheet of the spreadsheets `paths` (path, shown), resolving
/// names against `names` (to which the sheets' own keyed records are added).
pub fn load(paths: &[(PathBuf, PathBuf)], names: &mut Names) -> (Vec<DataFile>, Vec<Diagnostic>) {
    let (files, errors) = load_raw(paths, names, false);
    (files.into_iter().map(|(f, _)| f).collect(), errors)
}

/// [`load`], each sheet with its records as a TOML table too (for a chain,
/// which merges a store's tables with the shared ones).
pub fn load_tables(
    paths: &[(PathBuf, PathBuf)],
    names: &mut Names,
) -> (Vec<(DataFile, toml::Table)>, Vec<Diagnostic>) {
    let (files, errors) = load_raw(paths, names, true);
    let files = files
        .into_iter()
        .map(|(f, t)| (f, t.unwrap_or_default()))
        .collect();
    (files, errors)
}

#[allow(
    clippy::type_complexity,
    reason = "private; the two public shapes above"
)]
fn load_raw(
    paths: &[(PathBuf, PathBuf)],
    names: &mut Names,
    raw: bool,
) -> (Vec<(DataFile, Option<toml::Table>)>, Vec<Diagnostic>) {
    let mut errors = Vec::new();
    let mut laid = Vec::new();
    for (path, shown) in paths {
        match read(path, shown) {
            Ok(grids) => {
                for grid in grids {
                    match layout(&grid) {
                        Ok(Some(l)) => laid.push((grid, l)),
                        Ok(None) => {}
                        Err(e) => errors.push(e),
                    }
                }
            }
            Err(e) => errors.push(e),
        }
    }
    for (grid, layout) in &laid {
        for (id, n) in keyed_names(grid, layout) {
            names.add(layout.table.key, id, n);
        }
    }
    let mut files = Vec::new();
    for (grid, layout) in &laid {
        match convert_raw(grid, layout, names, raw) {
            Ok(file) => files.push(file),
            Err(e) => errors.extend(e),
        }
    }
    (files, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_people_write_them() {
        let d = Date::new(2025, 4, 1);
        for text in [
            "2025-04-01",
            "2025/4/1",
            "2025.4.1",
            "2025年4月1日",
            "令和7年4月1日",
            "令和７年４月１日",
            "R7.4.1",
        ] {
            assert_eq!(parse_date(text), d, "{text}");
        }
        assert_eq!(parse_date("令和元年5月1日"), Date::new(2019, 5, 1));
        assert_eq!(parse_date("2025/13/1"), None);
        assert_eq!(parse_date("4/1"), None);
    }

    #[test]
    fn sheet_names_and_kinds() {
        assert_eq!(table_named("情報機器台帳").unwrap().key, "devices");
        assert_eq!(table_named("2.1.4 情報機器台帳").unwrap().key, "devices");
        assert_eq!(table_named("Devices").unwrap().key, "devices");
        assert_eq!(table_named("職員").unwrap().key, "people");
        assert_eq!(table_named("checks").unwrap().key, "checks");
        assert!(table_named("メモ").is_none());
        let devices = blocks::table("devices").unwrap();
        assert_eq!(kind_of(devices, "registered"), Kind::Date);
        assert_eq!(kind_of(devices, "hostname"), Kind::Text);
        let measures = blocks::table("measures").unwrap();
        assert_eq!(
            kind_of(blocks::table("systems").unwrap(), "in_scope"),
            Kind::Bool
        );
        assert_eq!(kind_of(measures, "due"), Kind::Date);
        let roles = blocks::table("roles").unwrap();
        assert_eq!(kind_of(roles, "people"), Kind::List);
        assert_eq!(kind_of(roles, "escalation"), Kind::Int);
        assert_eq!(kind_of(&blocks::checks::ITEMS, "checked"), Kind::Date);
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(27), "AB");
    }

    /// Every table of the data has a sheet: a name Excel accepts (at most 31
    /// characters) that reads back as that table, and no name of one table
    /// names another.
    #[test]
    fn every_table_has_a_sheet_name_of_its_own() {
        let mut seen: HashMap<String, &str> = HashMap::new();
        for t in blocks::TABLES {
            let name = sheet_name(t);
            assert!(name.chars().count() <= 31, "{name}");
            assert_eq!(table_named(&name).map(|x| x.key), Some(t.key), "{name}");
            for n in names_of(t) {
                if let Some(other) = seen.insert(normalize(&n), t.key) {
                    assert_eq!(other, t.key, "{n} names {other} and {}", t.key);
                }
            }
        }
        assert_eq!(table_named("基本情報").unwrap().key, "organization");
        assert_eq!(table_named("1.2 基本方針").unwrap().key, "policies");
        assert_eq!(
            table_named("2.1.5 ネットワーク・システム構成図")
                .unwrap()
                .key,
            "network"
        );
        assert!(by_items(blocks::table("organization").unwrap()));
        assert!(!by_items(blocks::table("network").unwrap()));
    }

    #[test]
    fn the_authoring_reference_lists_every_sheet_as_generated() {
        let doc =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/AUTHORING.md"))
                .unwrap();
        let table = reference_table();
        assert!(
            doc.contains(&table),
            "docs/AUTHORING.md must hold the sheet table as generated \
             (cargo run -p mdbook-bcp --example sheets_table):\n{table}"
        );
    }

    #[test]
    fn cp932_csv_is_read() {
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode("氏名,電話番号\n本田 美和,090-1\n");
        assert_eq!(
            decode_csv(&bytes).unwrap(),
            "氏名,電話番号\n本田 美和,090-1\n"
        );
        assert_eq!(decode_csv(b"\xEF\xBB\xBFa,b").unwrap(), "a,b");
    }
}
