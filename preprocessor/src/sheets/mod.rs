//! Spreadsheets as data: a sheet of an .xlsx or .ods workbook, or a .csv
//! file, holds the records of one table of the plan.
//!
//! Every table of the data has a sheet. A sheet is named by the table's key
//! (`devices`) or its Japanese name (the heading of the block that prints it,
//! `情報機器台帳`); a CSV file by its file name. Its header row holds the
//! column labels the printed table shows (the registry's
//! [`Field::label`](crate::blocks::Field::label)) or the field keys; the
//! table's [`Shape`](crate::blocks::Shape) decides the layout: a record a
//! row, a line a row (`policies`), or 項目 / 内容, a field a row
//! (`organization`). [`reference_table`] lists them all for
//! docs/AUTHORING.md. Each sheet becomes the same records a TOML file would
//! give ([`DataFile`]), with a source map whose places are cells, so checks,
//! context and blocks see no difference.
//!
//! One step a module: `read` (a workbook or CSV file as grids of cells),
//! `names` (which table a sheet holds), `layout` (its header row and what
//! each column holds), `values` (a cell as its field's value), `records`
//! (a sheet's records as a data file).

mod layout;
mod names;
mod read;
mod records;
mod values;

use std::path::PathBuf;

use crate::data_file::DataFile;
use crate::diag::Diagnostic;

pub use layout::{ITEM_LABELS, Layout, by_items, keyed_names, layout, reference_table};
pub use names::{header, normalize, sheet_name, sheet_tables, table_named};
pub(crate) use read::SheetText;
pub use read::{Cell, Grid, WORKBOOK, column_letters, decode_csv, is_sheet_file, read};
pub use records::convert;
use records::convert_raw;
pub(crate) use values::value;
pub use values::{Kind, Names, kind_of};

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
    use std::collections::HashMap;

    use super::names::names_of;
    use super::*;
    use crate::blocks;

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
}
