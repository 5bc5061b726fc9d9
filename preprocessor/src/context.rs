//! The template context: the plan's data with every reference replaced by
//! the record it names (a missing one by an empty record, so templates can
//! always write `row.system.vendor.phone`), plus the plan's state from the
//! check report: `as_of`, `progress`, `findings`, and `overdue` / `na` per
//! measure. Which fields refer to which table comes from the block registry.

use std::sync::LazyLock;

use serde_json::{Map, Value, json};

use crate::blocks::{self, Shape, Table};
use crate::check::{self, Report};
use crate::messages;
use crate::plan::Plan;

/// The context a book's templates see: [`build`], plus the revision notes
/// of the book's rules folder (`revisions`).
pub fn build_for_book(plan: &Plan, report: &Report, revisions: &[blocks::revision::Note]) -> Value {
    let mut root = build(plan, report);
    root["revisions"] = serde_json::to_value(revisions).expect("serializable");
    root
}

/// The context the templates see, for `plan` and its `report`.
pub fn build(plan: &Plan, report: &Report) -> Value {
    let mut root = serde_json::to_value(&plan.merged).expect("serializable");
    resolve(&mut root);
    let numbers: Vec<&str> = report
        .checklist
        .iter()
        .flat_map(|c| c.numbers.iter().map(String::as_str))
        .collect();
    if let Some(rows) = root["measures"].as_array_mut() {
        for (row, m) in rows.iter_mut().zip(&plan.merged.measures) {
            row["overdue"] = json!(check::is_overdue(m, report.as_of));
            let status = m.status.as_ref().map(|s| s.get_ref().as_str());
            row["na"] = json!(status == Some(messages::NOT_APPLICABLE));
            // On the checklist edition the book follows: printed in red.
            row["marked"] = json!(m.checklist.iter().any(|n| numbers.contains(&n.as_str())));
        }
    }
    if let Some(rows) = root["devices"].as_array_mut() {
        for (row, mark) in rows.iter_mut().zip(&report.devices) {
            row["support"] = json!(mark);
        }
    }
    root["as_of"] = json!(report.as_of);
    root["progress"] = json!(report.progress);
    root["checklist"] = json!(report.checklist);
    let finding = |f: &check::Finding| {
        let mut v = json!(f);
        v["label"] = json!(f.kind.label());
        v["place"] = json!(f.place());
        v["message_id"] = json!(f.message_id);
        v["args"] = json!(f.args);
        v
    };
    root["findings"] = report.findings.iter().map(finding).collect();
    root["finding_groups"] = report
        .groups()
        .iter()
        .map(|g| {
            json!({
                "name": g.name,
                "count": g.count,
                "findings": g.findings.iter().map(|f| finding(f)).collect::<Vec<_>>(),
            })
        })
        .collect();
    root["counted"] = json!(report.counted());
    root["accepted"] = report.accepted.iter().map(finding).collect();
    root
}

/// The record an id of the keyed table `table` stands for when no such
/// record is written yet: every field empty, references resolved to empty
/// records, as [`build`] shows them; the missing word of `labels` is null.
/// `None` for a table that is not keyed by id.
pub fn blank_record(table: &str) -> Option<&'static Value> {
    static BLANKS: LazyLock<Map<String, Value>> = LazyLock::new(|| {
        blocks::TABLES
            .iter()
            .filter(|t| matches!(t.shape, Shape::Keyed | Shape::Words))
            .map(|t| {
                let mut blank = (t.blank)();
                if let Some(finish) = t.finish {
                    finish(&mut blank);
                }
                (t.key.to_string(), blank)
            })
            .collect()
    });
    BLANKS.get(table)
}

/// Replaces every id by its record: keyed tables first (a system's vendor,
/// a role's people), then every other table.
fn resolve(root: &mut Value) {
    let keyed: Vec<&Table> = blocks::TABLES
        .iter()
        .copied()
        .filter(|t| t.shape == Shape::Keyed)
        .collect();
    let mut records = Map::new();
    for t in &keyed {
        records.insert(t.key.to_string(), Value::Object(with_ids(&root[t.key])));
    }
    // Keyed tables refer only to keyed tables without references of their
    // own (systems → orgs, roles → people and orgs): one pass resolves them.
    let plain = records.clone();
    for t in &keyed {
        if let Some(Value::Object(table)) = records.get_mut(t.key) {
            for record in table.values_mut() {
                resolve_record(t, record, &plain);
            }
        }
    }
    if root["organization"].is_null() {
        root["organization"] = (blocks::records::ORGANIZATION.blank)();
    }
    for t in blocks::TABLES.iter().filter(|t| t.shape != Shape::Keyed) {
        match &mut root[t.key] {
            Value::Array(rows) if t.shape == Shape::Rows => {
                for row in rows {
                    resolve_record(t, row, &records);
                    for nested in t.nested {
                        for child in row[nested.key].as_array_mut().into_iter().flatten() {
                            resolve_record(nested.table, child, &records);
                        }
                    }
                }
            }
            row @ Value::Object(_) if t.shape == Shape::Single => resolve_record(t, row, &records),
            _ => {}
        }
    }
    for (key, table) in records {
        root[key.as_str()] = table;
    }
}

/// Each record of a keyed table with its `id`.
fn with_ids(table: &Value) -> Map<String, Value> {
    table
        .as_object()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .map(|(id, mut v)| {
            if let Value::Object(map) = &mut v {
                map.insert("id".into(), json!(id));
            }
            (id, v)
        })
        .collect()
}

/// Replaces the ids in `record`'s reference fields by the records of `tables`.
fn resolve_record(table: &Table, record: &mut Value, tables: &Map<String, Value>) {
    for field in table.fields {
        let Some(target) = field.refers else { continue };
        let Some(spec) = blocks::table(target) else {
            continue;
        };
        let lookup = |id: &str| tables.get(target).and_then(|t| t.get(id)).cloned();
        let value = &mut record[field.key];
        *value = match value {
            Value::Array(ids) => Value::Array(
                ids.iter()
                    .filter_map(|id| id.as_str().and_then(lookup))
                    .collect(),
            ),
            Value::String(id) => lookup(id).unwrap_or_else(spec.blank),
            _ => (spec.blank)(),
        };
    }
    if let Some(finish) = table.finish {
        finish(record);
    }
}
