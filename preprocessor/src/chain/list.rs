//! `stores.csv` / `stores.xlsx` at a chain's root: a row per store, for a
//! chain whose stores differ only in a few fields (name, address, phone, the
//! manager's name and phone, …).
//!
//! The header row names what each column fills: `id` (the store's id, which
//! is also its folder under `book/stores/`), a field of `[organization]` by
//! its key or printed label (`name` / `名称` / `店舗名`, `所在地` / `住所`,
//! `電話番号` / `電話`, …), the manager (`管理者`, `管理者の電話番号`, `管理者の
//! メールアドレス`: the record `people.kanri`), or any keyed record's field as
//! a dotted path (`people.tenchou.phone`, `orgs.medisys.person`). A row is
//! one more data file of its store, read before the store's folder: a store
//! in both takes the folder's values over the row's.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::blocks::{self, Field, Shape, Table};
use crate::data_file::DataFile;
use crate::diag::Diagnostic;
use crate::sheets::{self, Grid, Names, SheetText, normalize};
use crate::source_map::SourceMap;

/// The list's file names, looked for at the chain's root in this order.
pub const FILES: &[&str] = &["stores.csv", "stores.xlsx"];

/// The person the manager's columns fill (the 管理薬剤師 of the template).
pub const MANAGER: &str = "kanri";

/// Headers of the id column.
const ID_HEADERS: &[&str] = &["id", "店舗id", "店舗コード", "店舗番号"];

/// Other names of `[organization]`'s fields, besides key and label.
const ORGANIZATION_ALIASES: &[(&str, &str)] = &[
    ("店舗名", "name"),
    ("店舗", "name"),
    ("住所", "address"),
    ("電話", "phone"),
    ("メール", "email"),
];

/// Headers of the manager's fields (`people.kanri`).
const MANAGER_HEADERS: &[(&str, &str)] = &[
    ("管理者", "name"),
    ("管理者名", "name"),
    ("管理薬剤師", "name"),
    ("管理者の電話番号", "phone"),
    ("管理者の電話", "phone"),
    ("管理薬剤師の電話番号", "phone"),
    ("管理者のメールアドレス", "email"),
    ("管理者のメール", "email"),
    ("管理薬剤師のメールアドレス", "email"),
];

/// One store's row: its id and its values as one data file.
#[derive(Debug)]
pub struct Listed {
    pub id: String,
    /// Where each value is (cells); no typed records.
    pub file: DataFile,
    /// The row's values: `organization`, keyed records.
    pub table: toml::Table,
}

/// What a column fills.
#[derive(Debug, Clone)]
enum Column {
    Id,
    /// `table` (`[organization]` when `record` is `None`), its `field`.
    Field {
        table: &'static Table,
        record: Option<String>,
        field: &'static Field,
    },
}

/// The list file at `root`, if any (its path as found).
pub fn find(root: &Path) -> Option<PathBuf> {
    FILES.iter().map(|f| root.join(f)).find(|p| p.is_file())
}

/// Reads the list at `root` (none when there is no list file), resolving
/// names in reference columns against `names`. Errors name the cell.
pub fn read(root: &Path, names: &Names) -> Result<Vec<Listed>, Vec<Diagnostic>> {
    let Some(path) = find(root) else {
        return Ok(Vec::new());
    };
    let shown = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
    let grids = sheets::read(&path, &shown).map_err(|e| vec![e])?;
    // A workbook's first sheet holds the list.
    let Some(grid) = grids.into_iter().next() else {
        return Ok(Vec::new());
    };
    rows(&grid, names)
}

fn is_blank(row: &[sheets::Cell]) -> bool {
    row.iter().all(sheets::Cell::is_empty)
}

/// The stores of `grid`: the header is its first row that is not blank.
fn rows(grid: &Grid, names: &Names) -> Result<Vec<Listed>, Vec<Diagnostic>> {
    let Some(header) = grid.rows.iter().position(|r| !is_blank(r)) else {
        return Ok(Vec::new());
    };
    let mut errors = Vec::new();
    let mut columns: Vec<(usize, Column)> = Vec::new();
    for (c, cell) in grid.rows[header].iter().enumerate() {
        if cell.is_empty() {
            continue;
        }
        match column(&cell.shown()) {
            Ok(col) => {
                if let Some((first, _)) = columns.iter().find(|(_, k)| same(k, &col)) {
                    errors.push(grid.error(
                        header,
                        c,
                        format!(
                            "この列は {} 列と同じ項目です（どちらか一方にしてください）",
                            sheets::column_letters(*first)
                        ),
                    ));
                    continue;
                }
                columns.push((c, col));
            }
            Err(message) => errors.push(grid.error(header, c, message)),
        }
    }
    let Some(id_col) = columns
        .iter()
        .find(|(_, k)| matches!(k, Column::Id))
        .map(|(c, _)| *c)
    else {
        errors.push(grid.error(
            header,
            0,
            "店舗の一覧には店舗 ID の列が要ります（見出しを「id」か「店舗ID」にします。その ID が stores/ のフォルダ名と出力先 book/stores/<ID>/ になります）",
        ));
        return Err(errors);
    };
    let mut listed = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for r in header + 1..grid.rows.len() {
        if is_blank(&grid.rows[r]) {
            continue;
        }
        let id = grid.cell(r, id_col).shown();
        if id.is_empty() {
            errors.push(grid.error(r, id_col, "この行に店舗 ID がありません"));
            continue;
        }
        if !is_store_id(&id) {
            errors.push(grid.error(
                r,
                id_col,
                format!(
                    "店舗 ID「{id}」には半角の英数字・ハイフン（-）・下線（_）だけを使います（フォルダ名になります）"
                ),
            ));
            continue;
        }
        if let Some(first) = seen.insert(id.clone(), r) {
            errors.push(grid.error(
                r,
                id_col,
                format!("店舗 ID「{id}」は {} 行目にもあります", first + 1),
            ));
            continue;
        }
        match row(grid, r, header, &columns, names) {
            Ok((file, table)) => listed.push(Listed { id, file, table }),
            Err(e) => errors.extend(e),
        }
    }
    match errors.is_empty() {
        true => Ok(listed),
        false => Err(errors),
    }
}

/// A store id is a folder name everywhere: ASCII letters, digits, `-`, `_`.
pub fn is_store_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with(['.', '_'])
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn same(a: &Column, b: &Column) -> bool {
    match (a, b) {
        (Column::Id, Column::Id) => true,
        (
            Column::Field {
                table: t1,
                record: r1,
                field: f1,
            },
            Column::Field {
                table: t2,
                record: r2,
                field: f2,
            },
        ) => t1.key == t2.key && r1 == r2 && f1.key == f2.key,
        _ => false,
    }
}

/// What a header names.
fn column(header: &str) -> Result<Column, String> {
    let wanted = normalize(header);
    if ID_HEADERS.iter().any(|h| normalize(h) == wanted) {
        return Ok(Column::Id);
    }
    let organization = blocks::table("organization").expect("organization is a table");
    let people = blocks::table("people").expect("people is a table");
    let field_of = |table: &'static Table, name: &str| -> Option<&'static Field> {
        let name = normalize(name);
        table
            .fields
            .iter()
            .find(|f| normalize(f.key) == name || normalize(f.label) == name)
    };
    if let Some(field) = field_of(organization, header).or_else(|| {
        ORGANIZATION_ALIASES
            .iter()
            .find(|(h, _)| normalize(h) == wanted)
            .and_then(|(_, key)| field_of(organization, key))
    }) {
        return Ok(Column::Field {
            table: organization,
            record: None,
            field,
        });
    }
    if let Some((_, key)) = MANAGER_HEADERS.iter().find(|(h, _)| normalize(h) == wanted) {
        return Ok(Column::Field {
            table: people,
            record: Some(MANAGER.to_string()),
            field: field_of(people, key).expect("a field of people"),
        });
    }
    let parts: Vec<&str> = header.trim().split('.').collect();
    let unknown = || {
        format!(
            "「{header}」という列は分かりません。使える見出し: id（店舗ID）、[organization] の項目（名称・所在地・電話番号・メールアドレス など）、管理者・管理者の電話番号・管理者のメールアドレス（people.{MANAGER}）、または people.<ID>.phone のような「表.ID.項目」"
        )
    };
    match parts.as_slice() {
        ["organization", f] => field_of(organization, f)
            .map(|field| Column::Field {
                table: organization,
                record: None,
                field,
            })
            .ok_or_else(unknown),
        [t, id, f] => {
            let table = blocks::TABLES
                .iter()
                .copied()
                .find(|table| table.key == *t && table.shape == Shape::Keyed)
                .ok_or_else(unknown)?;
            let field = field_of(table, f).ok_or_else(unknown)?;
            Ok(Column::Field {
                table,
                record: Some(id.to_string()),
                field,
            })
        }
        _ => Err(unknown()),
    }
}

fn spanned<T>(value: T, span: Range<usize>) -> Spanned<T> {
    Spanned::new(span, value)
}

fn key(s: &str, span: Range<usize>) -> Spanned<Cow<'static, str>> {
    spanned(Cow::Owned(s.to_string()), span)
}

/// Row `r` as one data file: its text is the row on line `r + 1`, cells
/// apart by tabs (as a sheet's), so places are cells.
fn row(
    grid: &Grid,
    r: usize,
    header: usize,
    columns: &[(usize, Column)],
    names: &Names,
) -> Result<(DataFile, toml::Table), Vec<Diagnostic>> {
    let SheetText {
        source,
        places: cells,
        spans,
    } = grid.text(r..r + 1, |_, c| grid.cell(header, c).shown());
    let row_span = 0..0;
    let mut doc = DeTable::new();
    let mut errors = Vec::new();
    for (c, col) in columns {
        let Column::Field {
            table,
            record,
            field,
        } = col
        else {
            continue;
        };
        let cell = grid.cell(r, *c);
        if cell.is_empty() {
            continue;
        }
        let span = spans.get(&(r, *c)).cloned().unwrap_or(row_span.clone());
        let value = match sheets::value(cell, table, field, names) {
            Ok(v) => spanned(v, span.clone()),
            Err(message) => {
                errors.push(grid.error(r, *c, message));
                continue;
            }
        };
        let top = doc
            .entry(key(table.key, row_span.clone()))
            .or_insert_with(|| spanned(DeValue::Table(DeTable::new()), row_span.clone()));
        let DeValue::Table(top) = top.get_mut() else {
            unreachable!("a table");
        };
        let into = match record {
            None => top,
            Some(id) => {
                let rec = top
                    .entry(key(id, span.clone()))
                    .or_insert_with(|| spanned(DeValue::Table(DeTable::new()), span.clone()));
                let DeValue::Table(rec) = rec.get_mut() else {
                    unreachable!("a table");
                };
                rec
            }
        };
        into.insert(key(field.key, span), value);
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let doc = spanned(doc, 0..0);
    let map = SourceMap::of(&doc);
    let table = toml::Table::deserialize(toml::de::Deserializer::from(doc))
        .expect("a row's values are a TOML table");
    let file = DataFile {
        path: grid.file.clone(),
        source,
        data: Default::default(),
        map,
        cells,
    };
    Ok((file, table))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sheets::Cell;

    fn grid(rows: &[&[&str]]) -> Grid {
        Grid {
            file: PathBuf::from("stores.csv"),
            sheet: None,
            rows: rows
                .iter()
                .map(|r| {
                    r.iter()
                        .map(|s| match s.is_empty() {
                            true => Cell::Empty,
                            false => Cell::Text(s.to_string()),
                        })
                        .collect()
                })
                .collect(),
        }
    }

    #[test]
    fn headers_by_key_label_alias_and_path() {
        let g = grid(&[
            &[
                "店舗ID",
                "店舗名",
                "所在地",
                "電話",
                "管理者",
                "管理者の電話番号",
                "people.tenchou.name",
            ],
            &["s1", "駅前店", "東京", "03-1", "森", "03-2", "林"],
        ]);
        let rows = rows(&g, &Names::default()).unwrap();
        assert_eq!(rows.len(), 1);
        let t = &rows[0].table;
        assert_eq!(rows[0].id, "s1");
        assert_eq!(t["organization"]["name"].as_str(), Some("駅前店"));
        assert_eq!(t["organization"]["address"].as_str(), Some("東京"));
        assert_eq!(t["organization"]["phone"].as_str(), Some("03-1"));
        assert_eq!(t["people"]["kanri"]["name"].as_str(), Some("森"));
        assert_eq!(t["people"]["kanri"]["phone"].as_str(), Some("03-2"));
        assert_eq!(t["people"]["tenchou"]["name"].as_str(), Some("林"));
        let place = rows[0].file.at(
            rows[0]
                .file
                .map
                .get("organization.phone")
                .unwrap()
                .value
                .clone(),
            "x",
        );
        assert_eq!(place.cell.as_deref(), Some("D2"));
    }

    #[test]
    fn errors_name_the_cell() {
        let g = grid(&[
            &["id", "名称", "色"],
            &["s1", "A", ""],
            &["s1", "B", ""],
            &["../x", "C", ""],
            &["", "D", ""],
        ]);
        let err = rows(&g, &Names::default()).unwrap_err();
        let cells: Vec<_> = err
            .iter()
            .map(|d| d.cell.clone().unwrap_or_default())
            .collect();
        assert_eq!(cells, ["C1", "A3", "A4", "A5"], "{err:?}");
        assert!(err[0].message.contains("「色」という列は分かりません"));
        assert!(err[1].message.contains("2 行目にもあります"));
        let err = rows(&grid(&[&["名称"], &["A"]]), &Names::default()).unwrap_err();
        assert!(err[0].message.contains("店舗 ID の列が要ります"));
    }
}
