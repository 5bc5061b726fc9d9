//! Missing values: fields of the rows the book shows, the organization's own
//! fields, and tables the book shows that have no rows at all.

use serde_json::Value;

use super::{Checker, Kind, field_key, is_blank, msg, needed, row_name, skipped, what};
use crate::blocks::{self, Shape, Table};
use crate::i18n::{Arg, Message, label};
use crate::messages;

pub(super) fn run(c: &mut Checker) {
    organization(c);
    let tables = blocks::TABLES
        .iter()
        .filter(|t| t.shape == Shape::Rows || !t.nested.is_empty());
    for table in tables {
        if let Some(place) = c.scope.table(table.key) {
            rows(c, table, &place);
        }
    }
    empty_tables(c);
}

fn organization(c: &mut Checker) {
    let org = c.organization_word();
    let Some(i) = c.data.iter().position(|d| !d["organization"].is_null()) else {
        c.nowhere(Kind::Missing, msg!(messages::NO_ORGANIZATION, org = org));
        return;
    };
    let file = &c.plan.files[i];
    let record = c.data[i]["organization"].clone();
    let header = file.map.start("organization").unwrap_or(0);
    for field in blocks::records::ORGANIZATION.fields {
        if !needed(field.need, &record) || !is_blank(&record[field.key]) {
            continue;
        }
        let path = format!("organization.{}", field.key);
        let places: Vec<String> = match &c.scope.tables {
            Some(_) => c.scope.fields.get(&path).cloned().unwrap_or_default(),
            None => vec![messages::COVER.to_string()],
        };
        let Some(sections) = joined(&places) else {
            continue;
        };
        let message = msg!(
            messages::ORGANIZATION_FIELD_MISSING,
            key = field.key,
            org = org.clone(),
            name = label(field.label),
            sections = sections,
        );
        c.at(Kind::Missing, file, header, message);
    }
}

/// 「2.2.2 …・資料1 …」: places joined, each a label; `None` for none.
pub(super) fn joined(places: &[String]) -> Option<Arg> {
    places
        .iter()
        .map(|p| Arg::from(label(p)))
        .reduce(|a, b| msg!(messages::AND, a = a, b = b).into())
}

fn rows(c: &mut Checker, table: &Table, place: &str) {
    let mut found = Vec::new();
    for (f, data) in c.data.iter().enumerate() {
        let map = &c.plan.files[f].map;
        for (i, (path, row)) in crate::plan::records(data, table).enumerate() {
            // A single record's own fields are the organization rule's.
            if table.shape == Shape::Rows {
                for (key, m) in row_fields(table, place, i, row, None) {
                    found.push((f, map.field_or_record(&path, key), m));
                }
            }
            for nested in table.nested {
                let children = row[nested.key].as_array().into_iter().flatten();
                for (j, child) in children.enumerate() {
                    let path = format!("{path}.{}[{j}]", nested.key);
                    for (key, m) in row_fields(nested.table, place, j, child, Some(row)) {
                        found.push((f, map.field_or_record(&path, key), m));
                    }
                }
            }
        }
    }
    for (f, offset, message) in found {
        let file = &c.plan.files[f];
        c.at(Kind::Missing, file, offset, message);
    }
}

/// The needed fields of row `i` that are blank: (key, message).
fn row_fields(
    table: &Table,
    place: &str,
    i: usize,
    row: &Value,
    parent: Option<&Value>,
) -> Vec<(&'static str, Message)> {
    if skipped(table.skip, row) {
        return Vec::new();
    }
    table
        .fields
        .iter()
        .filter(|field| needed(field.need, row) && is_blank(&row[field.key]))
        .map(|field| {
            let message = msg!(
                messages::ROW_FIELD_MISSING,
                what = what(place, row_name(table, i, row, parent)),
                name = label(field.label),
                key = field_key(field.key, field.need),
            );
            (field.key, message)
        })
        .collect()
}

fn empty_tables(c: &mut Checker) {
    for table in blocks::TABLES {
        let Some(place) = (match &c.scope.tables {
            Some(shown) => shown.get(table.key).cloned(),
            None => None,
        }) else {
            continue;
        };
        let rows = &c.merged[table.key];
        let empty = match rows {
            Value::Array(items) => items.is_empty(),
            Value::Object(records) => !records.values().any(|r| !skipped(table.skip, r)),
            _ => true,
        };
        if empty {
            c.nowhere(
                Kind::Missing,
                msg!(
                    messages::TABLE_EMPTY,
                    section = label(&place),
                    key = table.key
                ),
            );
        }
    }
}
