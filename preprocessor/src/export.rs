//! The plan's tables as one workbook (`bcp export`, `bcp new --spreadsheet`):
//! a sheet per table, named and headed as [`crate::sheets`] reads them back,
//! so the workbook put in `data/` in place of the TOML tables builds the same
//! book.

use anyhow::Context;
use rust_xlsxwriter::{Color, DataValidation, ExcelDateTime, Format, Workbook, Worksheet};
use serde_json::{Value, json};
use unicode_width::UnicodeWidthStr;

use crate::blocks::{Field, Nested, Shape, Table, Valid};
use crate::date::Date;
use crate::model::Data;
use crate::sheets::{self, Kind};

/// Values a drop-down offers besides the registry's `one_of` lists.
const CHOICES: &[(&str, &str, &[&str])] = &[
    ("priorities", "level", &["A", "B", "C"]),
    ("organization", "backup_wording", &["table", "summary"]),
];

/// Rows a drop-down and date format cover below the records (room to add).
const ROOM: u32 = 200;

/// What an exported workbook holds.
pub struct Exported {
    pub bytes: Vec<u8>,
    /// The keys of the tables written, in order.
    pub tables: Vec<&'static str>,
}

/// The tables of `data` that have records as a workbook; with `blank`, every
/// table a sheet can hold, empty ones too (a workbook to fill in).
pub fn workbook(data: &Data, blank: bool) -> anyhow::Result<Exported> {
    let json = serde_json::to_value(data).expect("serializable");
    let mut book = Workbook::new();
    let formats = Formats {
        header: Format::new()
            .set_bold()
            .set_background_color(Color::RGB(0xDDEBF7))
            .set_text_wrap(),
        date: Format::new().set_num_format("yyyy/m/d"),
        lines: Format::new().set_text_wrap(),
    };
    let mut tables = Vec::new();
    for table in sheets::sheet_tables() {
        let items = sheets::by_items(table);
        let rows = if items {
            Vec::new()
        } else {
            rows_of(&json, table)
        };
        let empty = if items {
            json[table.key].as_object().is_none_or(|m| m.is_empty())
        } else {
            rows.is_empty()
        };
        if empty && !blank {
            continue;
        }
        let sheet = book.add_worksheet();
        sheet
            .set_name(sheets::sheet_name(table))
            .with_context(|| format!("シート名「{}」を付けられません", table.key))?;
        if items {
            write_items(sheet, table, &json[table.key], &formats)
        } else {
            write_table(sheet, table, &rows, &formats)
        }
        .with_context(|| format!("{} の表を書けません", table.key))?;
        tables.push(table.key);
    }
    let bytes = book
        .save_to_buffer()
        .context("表計算ファイルを作れません")?;
    Ok(Exported { bytes, tables })
}

struct Formats {
    header: Format,
    date: Format,
    /// A cell of several lines (a list of sentences) shows them all.
    lines: Format,
}

/// A column of a sheet: the id of a keyed record, a field, or a field of a
/// nested table's rows.
#[derive(Clone, Copy)]
enum Column {
    Id,
    Own(&'static Field),
    Nested(&'static Nested, &'static Field),
}

fn columns(table: &'static Table) -> Vec<Column> {
    let mut out = Vec::new();
    if table.shape == Shape::Keyed {
        out.push(Column::Id);
    }
    out.extend(table.fields.iter().map(Column::Own));
    for n in table.nested {
        out.extend(n.table.fields.iter().map(|f| Column::Nested(n, f)));
    }
    out
}

/// The printed rows: their values by column (`Value::Null` for an empty cell).
fn rows_of(json: &Value, table: &'static Table) -> Vec<Vec<Value>> {
    let all = &json[table.key];
    let records: Vec<(String, Value)> = match table.shape {
        Shape::Keyed => all
            .as_object()
            .into_iter()
            .flatten()
            .map(|(id, v)| (id.clone(), v.clone()))
            .collect(),
        Shape::Single => all
            .is_object()
            .then(|| (String::new(), all.clone()))
            .into_iter()
            .collect(),
        // A line is a record whose one field is the list's own key.
        Shape::Texts => all
            .as_array()
            .into_iter()
            .flatten()
            .map(|line| (String::new(), json!({ table.key: line })))
            .collect(),
        Shape::Rows | Shape::Words => all
            .as_array()
            .into_iter()
            .flatten()
            .map(|v| (String::new(), v.clone()))
            .collect(),
    };
    let cols = columns(table);
    let mut out = Vec::new();
    for (id, record) in records {
        // The record's own cells on its first row only: a flat sheet reads a
        // row without them as more items of the nested tables.
        let height = table
            .nested
            .iter()
            .map(|n| record[n.key].as_array().map_or(0, Vec::len))
            .max()
            .unwrap_or(0)
            .max(1);
        for i in 0..height {
            out.push(
                cols.iter()
                    .map(|c| match c {
                        Column::Id if i == 0 => Value::String(id.clone()),
                        Column::Own(f) if i == 0 => record[f.key].clone(),
                        Column::Nested(n, f) => record[n.key]
                            .get(i)
                            .map_or(Value::Null, |item| item[f.key].clone()),
                        _ => Value::Null,
                    })
                    .collect(),
            );
        }
    }
    out
}

/// A sheet of items (項目 / 内容): a row per field of the record, filled or
/// not, or a row per word.
fn write_items(
    sheet: &mut Worksheet,
    table: &'static Table,
    record: &Value,
    formats: &Formats,
) -> anyhow::Result<()> {
    let entries: Vec<(String, Option<&'static Field>, Value)> = match table.shape {
        Shape::Words => record
            .as_object()
            .into_iter()
            .flatten()
            .map(|(k, v)| (k.clone(), None, v.clone()))
            .collect(),
        _ => table
            .fields
            .iter()
            .map(|f| (sheets::header(table, f), Some(f), record[f.key].clone()))
            .collect(),
    };
    let mut widths = sheets::ITEM_LABELS.map(UnicodeWidthStr::width);
    for (c, label) in sheets::ITEM_LABELS.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *label, &formats.header)?;
    }
    for (r, (name, field, value)) in entries.iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, name)?;
        widths[0] = widths[0].max(name.width());
        let kind = field.map_or(Kind::Text, |f| sheets::kind_of(table, f.key));
        widths[1] = widths[1].max(write_cell(sheet, r, 1, kind, *field, value, formats)?);
        if let Some(f) = field {
            drop_down(sheet, (r, r), 1, name, choices(table, f, kind))?;
        }
    }
    for (c, width) in widths.iter().enumerate() {
        sheet.set_column_width(c as u16, (*width as f64 + 2.0).clamp(6.0, 60.0))?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

fn write_table(
    sheet: &mut Worksheet,
    table: &'static Table,
    rows: &[Vec<Value>],
    formats: &Formats,
) -> anyhow::Result<()> {
    let cols = columns(table);
    let last_row = rows.len() as u32 + ROOM;
    for (c, column) in cols.iter().enumerate() {
        let (label, kind, field) = match column {
            Column::Id => ("ID".to_string(), Kind::Text, None),
            Column::Own(f) => (
                sheets::header(table, f),
                sheets::kind_of(table, f.key),
                Some((table, *f)),
            ),
            Column::Nested(n, f) => (
                sheets::header(n.table, f),
                sheets::kind_of(n.table, f.key),
                Some((n.table, *f)),
            ),
        };
        let c = c as u16;
        sheet.write_string_with_format(0, c, &label, &formats.header)?;
        let mut width = label.width();
        for (r, row) in rows.iter().enumerate() {
            let f = field.map(|(_, f)| f);
            width = width.max(write_cell(
                sheet,
                r as u32 + 1,
                c,
                kind,
                f,
                &row[c as usize],
                formats,
            )?);
        }
        sheet.set_column_width(c, (width as f64 + 2.0).clamp(6.0, 60.0))?;
        if kind == Kind::Date {
            // Rows added later are dates too.
            for r in rows.len() as u32 + 1..=last_row {
                sheet.write_blank(r, c, &formats.date)?;
            }
        }
        if let Some((t, f)) = field {
            drop_down(sheet, (1, last_row), c, &label, choices(t, f, kind))?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    if !cols.is_empty() {
        sheet.autofilter(0, 0, rows.len() as u32, cols.len() as u16 - 1)?;
    }
    Ok(())
}

/// Writes one value; returns its width (0 when nothing is written). An empty
/// date cell still gets the date format.
fn write_cell(
    sheet: &mut Worksheet,
    r: u32,
    c: u16,
    kind: Kind,
    field: Option<&Field>,
    value: &Value,
    formats: &Formats,
) -> anyhow::Result<usize> {
    let text = match (kind, value) {
        (Kind::Date, Value::Null) => {
            sheet.write_blank(r, c, &formats.date)?;
            return Ok(0);
        }
        (_, Value::Null) => return Ok(0),
        (Kind::Date, Value::String(s)) if Date::parse(s).is_some() => {
            let d = Date::parse(s).expect("checked");
            let when = ExcelDateTime::from_ymd(d.year, d.month, d.day)?;
            sheet.write_datetime_with_format(r, c, &when, &formats.date)?;
            return Ok(10);
        }
        (Kind::Int, Value::Number(n)) => {
            sheet.write_number(r, c, n.as_f64().unwrap_or_default())?;
            return Ok(3);
        }
        (_, Value::Bool(b)) => if *b { "○" } else { "×" }.to_string(),
        // Sentences one a line (they hold commas); ids and numbers with 、.
        (_, Value::Array(items)) => items
            .iter()
            .map(|v| v.as_str().map_or_else(|| v.to_string(), String::from))
            .collect::<Vec<_>>()
            .join(if field.is_some_and(|f| f.wording) {
                "\n"
            } else {
                "、"
            }),
        (_, Value::String(s)) => s.clone(),
        (_, other) => other.to_string(),
    };
    if text.is_empty() {
        return Ok(0);
    }
    // Always a string cell: a value such as `=HYPERLINK(…)` or `+81…` is
    // text, never a formula.
    if text.contains('\n') {
        sheet.write_string_with_format(r, c, &text, &formats.lines)?;
    } else {
        sheet.write_string(r, c, &text)?;
    }
    Ok(text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0))
}

/// The values a field's drop-down offers, if its values are fixed.
fn choices(table: &Table, field: &Field, kind: Kind) -> Option<Vec<&'static str>> {
    if kind == Kind::Bool {
        return Some(vec!["○", "×"]);
    }
    match field.valid {
        Valid::OneOf(words) => Some(words.to_vec()),
        _ => CHOICES
            .iter()
            .find(|(t, f, _)| *t == table.key && *f == field.key)
            .map(|(_, _, words)| words.to_vec()),
    }
}

/// A drop-down of `words` on rows `rows` of column `c`.
fn drop_down(
    sheet: &mut Worksheet,
    rows: (u32, u32),
    c: u16,
    label: &str,
    words: Option<Vec<&str>>,
) -> anyhow::Result<()> {
    let Some(words) = words else { return Ok(()) };
    let rule = DataValidation::new()
        .allow_list_strings(&words)?
        .set_error_message(format!(
            "{label} には次のどれかを選びます: {}",
            words.join(" / ")
        ))?;
    sheet.add_data_validation(rows.0, c, rows.1, c, &rule)?;
    Ok(())
}

/// The workbook of the book at `root`: its data folder from `book.toml`,
/// loaded as a build loads it (every data error reported).
pub fn export_root(root: &std::path::Path) -> anyhow::Result<Exported> {
    let toml = root.join("book.toml");
    let book_config = mdbook_preprocessor::config::Config::from_disk(&toml)
        .with_context(|| format!("{} を読めません", toml.display()))?;
    let config = crate::BcpConfig::from_book(&book_config)?;
    let plan = crate::plan::Plan::load(root, &config.data)?;
    workbook(&plan.merged, false)
}
