//! A laid-out sheet as records: the same data file a TOML file would give,
//! with a source map whose places are cells.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use serde::Deserialize;
use toml::de::{DeArray, DeTable, DeValue};

use crate::blocks::{Field, Shape, Table};
use crate::data_file::DataFile;
use crate::diag::{Diagnostic, did_you_mean};
use crate::model::Data;
use crate::source_map::SourceMap;

use super::layout::{ITEM_LABELS, Layout, Target, data_rows, record_id};
use super::names::{group_key, header, normalize};
use super::read::{Grid, SheetText};
use super::values::{Names, spanned, value};

/// The sheet's records as one data file.
pub fn convert(grid: &Grid, layout: &Layout, names: &Names) -> Result<DataFile, Vec<Diagnostic>> {
    convert_raw(grid, layout, names, false).map(|(file, _)| file)
}

/// [`convert`], with `raw` giving the records as a TOML table too (what a
/// TOML file would give: a chain merges tables before loading them).
pub(super) fn convert_raw(
    grid: &Grid,
    layout: &Layout,
    names: &Names,
    raw: bool,
) -> Result<(DataFile, Option<toml::Table>), Vec<Diagnostic>> {
    let table = layout.table;
    // The text a finding points into: row N of the sheet is line N.
    let SheetText {
        source,
        places,
        spans,
    } = grid.text(0..grid.rows.len(), |r, c| match layout.items() {
        Some((name_col, _)) => grid.cell(r, name_col).shown(),
        None => grid.cell(layout.header, c).shown(),
    });
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
