//! Fields of the records other tables refer to: a vendor whose number the
//! contact list prints, the holder of a role, a system in scope. Each blank
//! one is reported once, at the record, with every place that shows it.

use std::collections::BTreeMap;

use indexmap::IndexMap;
use serde_json::Value;

use super::missing::joined;
use super::{Checker, Kind, field_key, is_blank, msg, needed, skipped};
use crate::blocks::{self, Shape, Table};
use crate::i18n::label;
use crate::messages;

/// (table, id) → field → (how a message names the field, places).
type Needs =
    BTreeMap<(&'static str, String), IndexMap<&'static str, (crate::i18n::Arg, Vec<String>)>>;

pub(super) fn run(c: &mut Checker) {
    let mut needs = Needs::new();
    for table in blocks::TABLES {
        let Some(place) = c.scope.table(table.key) else {
            continue;
        };
        match table.shape {
            Shape::Keyed => {
                for (id, record) in c.merged[table.key].as_object().into_iter().flatten() {
                    if skipped(table.skip, record) {
                        continue;
                    }
                    for field in table.fields {
                        if needed(field.need, record) {
                            need(
                                &mut needs,
                                table.key,
                                id,
                                field.key,
                                field_key(field.key, field.need),
                                &place,
                            );
                        }
                    }
                    shows(c, &mut needs, table, record, &place);
                }
            }
            Shape::Rows | Shape::Single => {
                let rows: Vec<Value> = match &c.merged[table.key] {
                    Value::Array(rows) => rows.clone(),
                    Value::Null => Vec::new(),
                    one => vec![one.clone()],
                };
                for row in &rows {
                    if skipped(table.skip, row) {
                        continue;
                    }
                    shows(c, &mut needs, table, row, &place);
                    for nested in table.nested {
                        for child in row[nested.key].as_array().into_iter().flatten() {
                            shows(c, &mut needs, nested.table, child, &place);
                        }
                    }
                }
            }
            Shape::Texts | Shape::Words => {}
        }
    }
    for ((table, id), fields) in needs {
        let Some(spec) = blocks::table(table) else {
            continue;
        };
        let record = c.merged[table][&id].clone();
        let Some(file) = c.plan.file_defining(table, &id) else {
            continue;
        };
        let at = file.map.start(&format!("{table}.{id}")).unwrap_or(0);
        for (key, (named, places)) in fields {
            if !is_blank(&record[key]) {
                continue;
            }
            let Some(sections) = joined(&places) else {
                continue;
            };
            let name = spec.field(key).map_or(key, |f| f.label);
            let message = msg!(
                messages::RECORD_FIELD_MISSING,
                table = table,
                id = id.as_str(),
                name = label(name),
                key = named,
                sections = sections,
            );
            // A role or a system with nobody to call comes before other gaps.
            let kind = match table {
                "roles" | "systems" => Kind::NoContact,
                _ => Kind::Missing,
            };
            c.at(kind, file, at, message);
        }
    }
}

fn need(
    needs: &mut Needs,
    table: &'static str,
    id: &str,
    key: &'static str,
    named: crate::i18n::Arg,
    place: &str,
) {
    let places = &mut needs
        .entry((table, id.to_string()))
        .or_default()
        .entry(key)
        .or_insert_with(|| (named, Vec::new()))
        .1;
    if !places.iter().any(|p| p == place) {
        places.push(place.to_string());
    }
}

/// The fields of referenced records that `row` of `table` makes the book print.
fn shows(c: &Checker, needs: &mut Needs, table: &Table, row: &Value, place: &str) {
    for field in table.fields {
        let Some(target) = field.refers else { continue };
        let ids: Vec<&str> = match &row[field.key] {
            Value::String(id) => vec![id.as_str()],
            Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
            _ => continue,
        };
        for show in field.shows {
            if show.unless.is_some_and(|u| !is_blank(&row[u])) {
                continue;
            }
            for id in &ids {
                let (mut table, mut id, mut path) = (target, id.to_string(), show.path);
                // Through a further reference: `vendor.phone` of a system.
                while let Some((first, rest)) = path.split_once('.') {
                    let Some(next) = blocks::table(table)
                        .and_then(|t| t.field(first))
                        .and_then(|f| f.refers)
                    else {
                        break;
                    };
                    let Some(next_id) = c.merged[table][&id][first].as_str() else {
                        break;
                    };
                    (table, id, path) = (next, next_id.to_string(), rest);
                }
                if !path.contains('.') {
                    let key = blocks::table(table)
                        .and_then(|t| t.field(path))
                        .map_or(path, |f| f.key);
                    need(needs, table, &id, key, key.into(), place);
                }
            }
        }
    }
}
