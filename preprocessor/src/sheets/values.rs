//! A cell as the value its field takes in the model: the kind of each field
//! (asked of the model), and the ids that names in reference cells stand for.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};
use unicode_normalization::UnicodeNormalization;

use crate::blocks::{self, Field, Shape, Table};
use crate::data_file::DataFile;
use crate::date::{Date, parse_date};
use crate::diag::did_you_mean;
use crate::model::Data;

use super::names::normalize;
use super::read::Cell;

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

pub(super) fn spanned<T>(value: T, span: Range<usize>) -> Spanned<T> {
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
}
