//! How a sheet is laid out: which table it holds, where its header row is,
//! what each column holds; and the reference of layouts for
//! docs/AUTHORING.md.

use crate::blocks::{Field, Shape, Table};
use crate::diag::{Diagnostic, did_you_mean};

use super::names::{
    ID_LABELS, header, is_note, names_of, normalize, sheet_name, sheet_tables, table_named,
};
use super::read::{Cell, Grid};

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

/// What a column holds.
#[derive(Debug, Clone, Copy)]
pub(super) enum Target {
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
    pub(super) header: usize,
    pub(super) columns: Vec<(usize, Target)>,
}

impl Layout {
    /// A sheet of items: a row per field (項目 / 内容), not a column per field.
    pub(super) fn items(&self) -> Option<(usize, usize)> {
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

pub(super) fn data_rows<'a>(
    grid: &'a Grid,
    layout: &'a Layout,
) -> impl Iterator<Item = usize> + 'a {
    (layout.header + 1..grid.rows.len()).filter(move |&r| {
        layout
            .columns
            .iter()
            .any(|(c, _)| !grid.cell(r, *c).is_empty())
    })
}

/// A keyed record's id: its id column, else its name (stable when rows move),
/// else its row.
pub(super) fn record_id(grid: &Grid, layout: &Layout, row: usize) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
