//! The plan's tables as one workbook (`bcp export`, `bcp new --spreadsheet`):
//! a sheet per table, named and headed as [`crate::sheets`] reads them back,
//! so the workbook put in `data/` in place of the TOML tables builds the same
//! book.

use anyhow::Context;
use rust_xlsxwriter::{Color, DataValidation, ExcelDateTime, Format, Workbook, Worksheet};
use serde_json::Value;
use unicode_width::UnicodeWidthStr;

use crate::blocks::{Field, Shape, Table, Valid};
use crate::date::Date;
use crate::model::Data;
use crate::sheets::{self, Kind};

/// Values a drop-down offers besides the registry's `one_of` lists.
const CHOICES: &[(&str, &str, &[&str])] = &[("priorities", "level", &["A", "B", "C"])];

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
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xDDEBF7))
        .set_text_wrap();
    let date = Format::new().set_num_format("yyyy/m/d");
    let mut tables = Vec::new();
    for table in sheets::sheet_tables() {
        let rows = rows_of(&json, table);
        if rows.is_empty() && !blank {
            continue;
        }
        let sheet = book.add_worksheet();
        sheet
            .set_name(sheets::sheet_name(table))
            .with_context(|| format!("シート名「{}」を付けられません", table.key))?;
        write_table(sheet, table, &rows, &header, &date)
            .with_context(|| format!("{} の表を書けません", table.key))?;
        tables.push(table.key);
    }
    let bytes = book
        .save_to_buffer()
        .context("表計算ファイルを作れません")?;
    Ok(Exported { bytes, tables })
}

/// A column of a sheet: the id of a keyed record, a field, or a field of the
/// nested rows.
#[derive(Clone, Copy)]
enum Column {
    Id,
    Field(&'static Table, &'static Field),
}

fn columns(table: &'static Table) -> Vec<Column> {
    let mut out = Vec::new();
    if table.shape == Shape::Keyed {
        out.push(Column::Id);
    }
    out.extend(table.fields.iter().map(|f| Column::Field(table, f)));
    for n in table.nested {
        out.extend(n.table.fields.iter().map(|f| Column::Field(n.table, f)));
    }
    out
}

/// One printed row: its values by column (`Value::Null` for an empty cell).
fn rows_of(json: &Value, table: &'static Table) -> Vec<Vec<Value>> {
    let cols = columns(table);
    let cell = |record: &Value, item: Option<&Value>, c: &Column, id: &str| match c {
        Column::Id => Value::String(id.to_string()),
        Column::Field(t, f) if t.key == table.key => record[f.key].clone(),
        Column::Field(_, f) => item.map_or(Value::Null, |i| i[f.key].clone()),
    };
    let mut out = Vec::new();
    let records: Vec<(String, &Value)> = match table.shape {
        Shape::Keyed => json[table.key]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(id, v)| (id.clone(), v))
            .collect(),
        _ => json[table.key]
            .as_array()
            .into_iter()
            .flatten()
            .map(|v| (String::new(), v))
            .collect(),
    };
    for (id, record) in records {
        match table.nested.first() {
            None => out.push(cols.iter().map(|c| cell(record, None, c, &id)).collect()),
            Some(n) => {
                let items = record[n.key].as_array().cloned().unwrap_or_default();
                if items.is_empty() {
                    out.push(cols.iter().map(|c| cell(record, None, c, &id)).collect());
                }
                // The group's own cells on its first row only: a flat sheet
                // reads a row without them as one more item of the group.
                for (i, item) in items.iter().enumerate() {
                    out.push(
                        cols.iter()
                            .map(|c| match c {
                                Column::Field(t, _) if t.key == table.key && i > 0 => Value::Null,
                                c => cell(record, Some(item), c, &id),
                            })
                            .collect(),
                    );
                }
            }
        }
    }
    out
}

fn write_table(
    sheet: &mut Worksheet,
    table: &'static Table,
    rows: &[Vec<Value>],
    header: &Format,
    date: &Format,
) -> anyhow::Result<()> {
    let cols = columns(table);
    let last_row = rows.len() as u32 + ROOM;
    for (c, column) in cols.iter().enumerate() {
        let c = c as u16;
        let (label, kind, field) = match column {
            Column::Id => ("ID".to_string(), Kind::Text, None),
            Column::Field(t, f) => (
                sheets::header(t, f),
                sheets::kind_of(t, f.key),
                Some((t, f)),
            ),
        };
        let label = label.as_str();
        sheet.write_string_with_format(0, c, label, header)?;
        let mut width = label.width();
        for (r, row) in rows.iter().enumerate() {
            let r = r as u32 + 1;
            let value = &row[c as usize];
            let text = match (kind, value) {
                (_, Value::Null) => continue,
                (Kind::Date, Value::String(s)) if Date::parse(s).is_some() => {
                    let d = Date::parse(s).expect("checked");
                    let when = ExcelDateTime::from_ymd(d.year, d.month, d.day)?;
                    sheet.write_datetime_with_format(r, c, &when, date)?;
                    width = width.max(10);
                    continue;
                }
                (Kind::Int, Value::Number(n)) => {
                    sheet.write_number(r, c, n.as_f64().unwrap_or_default())?;
                    continue;
                }
                (_, Value::Bool(b)) => if *b { "○" } else { "×" }.to_string(),
                (_, Value::Array(items)) => items
                    .iter()
                    .map(|v| v.as_str().map_or_else(|| v.to_string(), String::from))
                    .collect::<Vec<_>>()
                    .join("、"),
                (_, Value::String(s)) => s.clone(),
                (_, other) => other.to_string(),
            };
            if text.is_empty() {
                continue;
            }
            // Always a string cell: a value such as `=HYPERLINK(…)` or
            // `+81…` is text, never a formula.
            sheet.write_string(r, c, &text)?;
            width = width.max(text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0));
        }
        sheet.set_column_width(c, (width as f64 + 2.0).clamp(6.0, 60.0))?;
        if kind == Kind::Date {
            // Rows added later are dates too.
            for r in rows.len() as u32 + 1..=last_row {
                sheet.write_blank(r, c, date)?;
            }
        }
        let choices: Option<Vec<&str>> = match field {
            Some((_, f)) if kind == Kind::Bool => {
                let _ = f;
                Some(vec!["○", "×"])
            }
            Some((t, f)) => match f.valid {
                Valid::OneOf(words) => Some(words.to_vec()),
                _ => CHOICES
                    .iter()
                    .find(|(tk, fk, _)| *tk == t.key && *fk == f.key)
                    .map(|(_, _, words)| words.to_vec()),
            },
            None => None,
        };
        if let Some(words) = choices {
            let rule = DataValidation::new()
                .allow_list_strings(&words)?
                .set_error_message(format!(
                    "{} には次のどれかを選びます: {}",
                    label,
                    words.join(" / ")
                ))?;
            sheet.add_data_validation(1, c, last_row, c, &rule)?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    if !cols.is_empty() {
        sheet.autofilter(0, 0, rows.len() as u32, cols.len() as u16 - 1)?;
    }
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
