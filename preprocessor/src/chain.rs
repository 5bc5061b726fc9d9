//! A chain's plans: one book, shared `data/`, and one `stores/<id>/data/`
//! per store, merged per store into that store's plan.
//!
//! The merge works on TOML values, before typed deserialization, so that a
//! store's 2.4 row may carry only `id`, `status`, `owner` and dates:
//! - `organization`: the store's fields win, field by field;
//! - keyed tables (people, orgs, systems, roles, labels): by id, the store's
//!   record winning;
//! - `measures` (by `id`) and `checks` (by `id`, their `items` by position):
//!   field by field, the store's fields winning; a new id is added;
//! - any other table: the store's own when the store writes it, else the
//!   shared one.
//!
//! The merged document is then loaded as one plan ([`Plan::from_files`]); a
//! problem it finds is reported at the place in the store's (or the shared)
//! file the value came from.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use toml::{Table, Value};

use crate::data_file::DataFile;
use crate::diag::{Diagnostic, Diagnostics};
use crate::plan::{self, Plan};
use crate::sheets::Names;
use crate::source_map::SourceMap;

mod list;

pub use list::{Listed, MANAGER, is_store_id};

/// Where the stores are, under a chain book's root.
pub const STORES: &str = "stores";

/// The lists of stores a chain's root may hold (a row per store).
pub const LIST_FILES: &[&str] = list::FILES;

/// Keyed tables: merged by id, the store's record winning.
const KEYED: &[&str] = &["people", "orgs", "systems", "roles", "labels"];
/// Tables of rows carrying an `id`: merged by it, field by field.
const BY_ID: &[&str] = &["measures", "checks"];

/// True when the book at `root` is a chain (it has a `stores/` folder or a
/// list of stores, `stores.csv` / `stores.xlsx`).
pub fn is_chain(root: &Path) -> bool {
    root.join(STORES).is_dir() || list::find(root).is_some()
}

/// The ids of the stores with a folder under `stores/`, sorted.
pub fn store_ids(root: &Path) -> std::io::Result<Vec<String>> {
    let mut ids = Vec::new();
    let dir = root.join(STORES);
    if !dir.is_dir() {
        return Ok(ids);
    }
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_dir()
            && let Some(name) = entry.file_name().to_str()
            && !name.starts_with(['.', '_'])
        {
            ids.push(name.to_string());
        }
    }
    ids.sort();
    Ok(ids)
}

/// The data folder of store `id`, relative to the book root.
pub fn store_data(id: &str) -> PathBuf {
    Path::new(STORES).join(id).join("data")
}

/// One store's merged data: as a plan, and where each of its values was
/// written ([`StorePlaces`]).
#[derive(Debug)]
pub struct StorePlan {
    pub id: String,
    pub plan: Plan,
    pub places: StorePlaces,
}

impl StorePlan {
    /// The store's name (`[organization] name`), else its id.
    pub fn name(&self) -> String {
        self.plan
            .merged
            .organization
            .as_ref()
            .and_then(|o| o.name.clone())
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| self.id.clone())
    }
}

/// Where a store's merged values were written: the merged document (one
/// TOML text, the plan's only file, `stores/<id>/data (merged)`), the shared
/// and the store's own sources, and the file and path each merged row came
/// from. Moves a finding about the merged document to that file and line.
#[derive(Debug)]
pub struct StorePlaces {
    /// `stores/<id>/data (merged)`: the merged document's name.
    merged: PathBuf,
    /// The merged data, one TOML document.
    toml: String,
    /// Its source map, made when a finding is first placed.
    map: std::sync::OnceLock<SourceMap>,
    shared: Arc<Vec<Source>>,
    own: Vec<Source>,
    origins: Origins,
}

impl StorePlaces {
    /// The merged data, one TOML document.
    pub fn toml(&self) -> &str {
        &self.toml
    }

    /// Points every finding of `report` about the merged document at the
    /// shared or the store's file (or cell) its value was written in.
    pub fn place(&self, report: &mut crate::check::Report) {
        let sources: Vec<&Source> = self.shared.iter().chain(&self.own).collect();
        for f in report.findings.iter_mut().chain(report.accepted.iter_mut()) {
            let (Some(file), Some(line), Some(column)) = (&f.file, f.line, f.column) else {
                continue;
            };
            if *file != self.merged {
                continue;
            }
            let map = self.map.get_or_init(|| {
                toml::de::DeTable::parse(&self.toml)
                    .map(|t| SourceMap::of(&t))
                    .unwrap_or_default()
            });
            let d = Diagnostic {
                file: file.clone(),
                line,
                column,
                message: String::new(),
                snippet: None,
                cell: None,
            };
            let moved = place_in_sources(d, &self.toml, map, &self.origins, &sources);
            f.file = Some(moved.file);
            f.line = Some(moved.line);
            f.column = Some(moved.column);
            f.cell = moved.cell;
            if f.snippet.is_some() {
                f.snippet = moved.snippet;
            }
        }
    }
}

impl crate::PlaceFindings for StorePlaces {
    fn place(&self, report: &mut crate::check::Report) {
        StorePlaces::place(self, report);
    }
}

/// One source file of the merge (a TOML file, a sheet, a row of the list of
/// stores): where each value is written, and its values.
#[derive(Debug)]
struct Source {
    file: DataFile,
    table: Table,
}

/// The files of one side (shared or store) combined into one table; for each
/// array row of the result, the file and path it was written at.
#[derive(Default)]
struct Side {
    table: Table,
    /// (`devices[3]`, file index, `devices[1]`).
    rows: Vec<(String, usize, String)>,
}

/// A chain read once: the shared data and the list of stores, from which each
/// store's plan is merged ([`Chain::store`]).
#[derive(Debug)]
pub struct Chain {
    root: PathBuf,
    shared: Arc<Vec<Source>>,
    /// The names of the shared keyed records (for reference cells).
    names: Names,
    listed: Vec<Listed>,
    ids: Vec<String>,
}

impl Chain {
    /// Reads the shared data (`shared` under `root`) and the list of stores.
    /// Errors are those of the shared data and the list: every store's.
    pub fn load(root: &Path, shared: &Path) -> Result<Chain, Diagnostics> {
        let mut errors = Vec::new();
        let (shared, names) = read_dir(root, shared, &[], &Names::default(), &mut errors);
        let listed = match list::read(root, &names) {
            Ok(l) => l,
            Err(e) => {
                errors.extend(e);
                Vec::new()
            }
        };
        let mut ids = match store_ids(root) {
            Ok(ids) => ids,
            Err(e) => {
                errors.push(Diagnostic::in_file(
                    Path::new(STORES),
                    1,
                    format!("フォルダを読めません: {e}"),
                ));
                Vec::new()
            }
        };
        for l in &listed {
            if !ids.contains(&l.id) {
                ids.push(l.id.clone());
            }
        }
        ids.sort();
        if !errors.is_empty() {
            return Err(Diagnostics(errors));
        }
        Ok(Chain {
            root: root.to_path_buf(),
            shared: Arc::new(shared),
            names,
            listed,
            ids,
        })
    }

    /// Every store's id (folders and rows of the list), sorted.
    pub fn ids(&self) -> &[String] {
        &self.ids
    }

    /// Store `id`'s row of the list of stores, if it has one.
    pub fn listed(&self, id: &str) -> Option<&Listed> {
        self.listed.iter().find(|l| l.id == id)
    }

    /// Store `id`'s data merged with the shared data by the chain's rules.
    /// Errors name the file (so the store) and place.
    pub fn store(&self, id: &str) -> Result<StorePlan, Diagnostics> {
        let mut errors = Vec::new();
        let mut own = Vec::new();
        if let Some(row) = self.listed.iter().find(|l| l.id == id) {
            own.push(Source {
                file: DataFile {
                    path: row.file.path.clone(),
                    source: row.file.source.clone(),
                    data: Default::default(),
                    map: row.file.map.clone(),
                    cells: row.file.cells.clone(),
                },
                table: with_shared_fields(&row.table, &self.shared),
            });
        }
        let (folder, _) = read_dir(&self.root, &store_data(id), &own, &self.names, &mut errors);
        own.extend(folder);
        if !errors.is_empty() {
            return Err(Diagnostics(errors));
        }
        let sources: Vec<&Source> = self.shared.iter().chain(&own).collect();
        let first_store = self.shared.len();
        let shared_side = combine(&sources[..first_store], 0);
        let store_side = combine(&sources[first_store..], first_store);
        let (merged, origins) = merge_sides(&shared_side, &store_side);
        let text = toml::to_string(&merged).expect("a table is serializable");
        let shown = Path::new(STORES).join(id).join("data (merged)");
        let result = plan::parse_file_all(shown, text.clone())
            .map_err(Diagnostics)
            .and_then(|file| Plan::from_files(vec![file]));
        match result {
            Ok(plan) => Ok(StorePlan {
                id: id.to_string(),
                places: StorePlaces {
                    merged: Path::new(STORES).join(id).join("data (merged)"),
                    toml: text,
                    // The merged document's map, made when it was loaded.
                    map: match plan.files.first() {
                        Some(file) => std::sync::OnceLock::from(file.map.clone()),
                        None => std::sync::OnceLock::new(),
                    },
                    shared: self.shared.clone(),
                    own,
                    origins,
                },
                plan,
            }),
            Err(e) => {
                let merged_map = toml::de::DeTable::parse(&text)
                    .map(|t| SourceMap::of(&t))
                    .unwrap_or_default();
                Err(Diagnostics(
                    e.0.into_iter()
                        .map(|d| place_in_sources(d, &text, &merged_map, &origins, &sources))
                        .collect(),
                ))
            }
        }
    }
}

impl Chain {
    /// The plan check of a store's merged plan, each finding pointing at the
    /// shared or the store's file (or cell) its value was written in.
    pub fn check(
        &self,
        store: &StorePlan,
        scope: &crate::scope::Scope,
        rules: &crate::check::Rules,
    ) -> crate::check::Report {
        let mut report = crate::check::check_with(&store.plan, scope, rules);
        store.places.place(&mut report);
        report
    }
}

/// One store's check: its id, its name and its report.
#[derive(Debug)]
pub struct StoreReport {
    pub id: String,
    pub name: String,
    pub report: crate::check::Report,
}

/// The check of a whole chain: the shared data's errors (every store's, so
/// said once; no store is checked then), or each store's report.
#[derive(Debug)]
pub struct ChainReport {
    pub shared: Option<crate::check::Report>,
    pub stores: Vec<StoreReport>,
}

/// Checks every store of the chain at `root` (as `bcp check` does one plan).
/// Fails only when `book.toml` or a rules file cannot be read.
pub fn check_root(root: &Path) -> anyhow::Result<ChainReport> {
    use crate::check::{Finding, Report, Rules};
    use anyhow::Context;
    let toml = root.join("book.toml");
    let book_config = mdbook_preprocessor::config::Config::from_disk(&toml)
        .with_context(|| format!("{} を読めません", toml.display()))?;
    let config = crate::BcpConfig::from_book(&book_config)?;
    let rules = Rules::for_book(root, &config)?;
    let scope = crate::scope::Scope::of_book_dir(&root.join(&book_config.book.src), &config);
    let errors = |e: Diagnostics| {
        Report::of(
            crate::date::Date::today(),
            e.0.iter().map(Finding::from_diagnostic).collect(),
        )
    };
    let chain = match Chain::load(root, &config.data) {
        Ok(chain) => chain,
        Err(e) => {
            return Ok(ChainReport {
                shared: Some(errors(e)),
                stores: Vec::new(),
            });
        }
    };
    let stores = chain
        .ids()
        .iter()
        .map(|id| match chain.store(id) {
            Ok(store) => StoreReport {
                id: id.clone(),
                name: store.name(),
                report: chain.check(&store, &scope, &rules),
            },
            Err(e) => StoreReport {
                id: id.clone(),
                name: id.clone(),
                report: errors(e),
            },
        })
        .collect();
    Ok(ChainReport {
        shared: None,
        stores,
    })
}

/// A row's keyed records (`people.kanri` with a name and a phone) keep the
/// shared record's other fields (its title, department …).
fn with_shared_fields(row: &Table, shared: &[Source]) -> Table {
    let mut out = row.clone();
    for key in KEYED {
        let Some(Value::Table(records)) = out.get_mut(*key) else {
            continue;
        };
        for (id, record) in records.iter_mut() {
            let base = shared
                .iter()
                .rev()
                .find_map(|s| s.table.get(*key)?.get(id.as_str())?.as_table());
            if let (Some(base), Value::Table(fields)) = (base, &mut *record) {
                *fields = overlay(base, fields);
            }
        }
    }
    out
}

/// Loads the shared data (`shared` under `root`) and the store's, and merges
/// them by the chain's rules. Errors name the file (so the store) and place.
pub fn load_store(root: &Path, shared: &Path, id: &str) -> Result<StorePlan, Diagnostics> {
    Chain::load(root, shared)?.store(id)
}

/// Merges one side's tables into another's by the chain's rules (the store's
/// winning). Public for tests and tools; positions are not kept.
pub fn merge_tables(shared: &Table, store: &Table) -> Table {
    let side = |t: &Table| Side {
        table: t.clone(),
        rows: Vec::new(),
    };
    merge_sides(&side(shared), &side(store)).0
}

/// For each merged row (`measures[2]`): the (file, path) it came from, the
/// store's first.
type Origins = Vec<(String, Vec<(usize, String)>)>;

fn merge_sides(shared: &Side, store: &Side) -> (Table, Origins) {
    let mut out = Table::new();
    let mut origins: Origins = Vec::new();
    let origin = |side: &Side, row: &str| {
        side.rows
            .iter()
            .find(|(p, _, _)| p == row)
            .map(|(_, f, o)| (*f, o.clone()))
    };
    let keys: Vec<&String> = shared
        .table
        .keys()
        .chain(
            store
                .table
                .keys()
                .filter(|k| !shared.table.contains_key(*k)),
        )
        .collect();
    for key in keys {
        let (a, b) = (shared.table.get(key), store.table.get(key));
        let value = match (a, b) {
            (Some(a), None) => {
                record_rows(&mut origins, key, a, |i| origin(shared, &row_path(key, i)));
                a.clone()
            }
            (None, Some(b)) => {
                record_rows(&mut origins, key, b, |i| origin(store, &row_path(key, i)));
                b.clone()
            }
            (Some(a), Some(b)) => match (key.as_str(), a, b) {
                ("organization", Value::Table(a), Value::Table(b)) => Value::Table(overlay(a, b)),
                (k, Value::Table(a), Value::Table(b)) if KEYED.contains(&k) => {
                    let mut t = a.clone();
                    for (id, record) in b {
                        t.insert(id.clone(), record.clone());
                    }
                    Value::Table(t)
                }
                (k, Value::Array(a), Value::Array(b)) if BY_ID.contains(&k) => {
                    let mut rows: Vec<(Value, Vec<(usize, String)>)> = a
                        .iter()
                        .enumerate()
                        .map(|(i, r)| {
                            let o = origin(shared, &row_path(k, i));
                            (r.clone(), o.into_iter().collect())
                        })
                        .collect();
                    for (j, row) in b.iter().enumerate() {
                        let o = origin(store, &row_path(k, j));
                        let id = row.get("id").and_then(Value::as_str);
                        let same = rows.iter().position(|(r, _)| {
                            id.is_some() && r.get("id").and_then(Value::as_str) == id
                        });
                        match (same, row, same.map(|i| &rows[i].0)) {
                            (Some(i), Value::Table(new), Some(Value::Table(old))) => {
                                let merged = overlay_row(old, new);
                                rows[i].0 = Value::Table(merged);
                                if let Some(o) = o {
                                    rows[i].1.insert(0, o);
                                }
                            }
                            _ => rows.push((row.clone(), o.into_iter().collect())),
                        }
                    }
                    let mut array = Vec::new();
                    for (i, (row, o)) in rows.into_iter().enumerate() {
                        origins.push((row_path(k, i), o));
                        array.push(row);
                    }
                    Value::Array(array)
                }
                _ => {
                    record_rows(&mut origins, key, b, |i| origin(store, &row_path(key, i)));
                    b.clone()
                }
            },
            (None, None) => continue,
        };
        out.insert(key.clone(), value);
    }
    (out, origins)
}

fn record_rows(
    origins: &mut Origins,
    key: &str,
    value: &Value,
    origin: impl Fn(usize) -> Option<(usize, String)>,
) {
    if let Value::Array(rows) = value {
        for i in 0..rows.len() {
            origins.push((row_path(key, i), origin(i).into_iter().collect()));
        }
    }
}

fn row_path(key: &str, i: usize) -> String {
    format!("{key}[{i}]")
}

/// `a`'s fields, each replaced by `b`'s where `b` writes it.
fn overlay(a: &Table, b: &Table) -> Table {
    let mut t = a.clone();
    for (k, v) in b {
        t.insert(k.clone(), v.clone());
    }
    t
}

/// [`overlay`] for a row; a 資料3 group's `items` overlay by position.
fn overlay_row(a: &Table, b: &Table) -> Table {
    let mut t = overlay(a, b);
    if let (Some(Value::Array(old)), Some(Value::Array(new))) = (a.get("items"), b.get("items")) {
        let mut items = old.clone();
        for (i, item) in new.iter().enumerate() {
            match (items.get_mut(i), item) {
                (Some(Value::Table(o)), Value::Table(n)) => *o = overlay(o, n),
                (Some(_), _) => items[i] = item.clone(),
                (None, _) => items.push(item.clone()),
            }
        }
        t.insert("items".into(), Value::Array(items));
    }
    t
}

/// Combines the tables of several files (already checked not to repeat an
/// id): tables' keys joined, arrays concatenated.
fn combine(sources: &[&Source], first: usize) -> Side {
    let mut side = Side::default();
    for (n, source) in sources.iter().enumerate() {
        for (key, value) in &source.table {
            match (side.table.get_mut(key), value) {
                (Some(Value::Table(into)), Value::Table(from)) => {
                    for (k, v) in from {
                        into.insert(k.clone(), v.clone());
                    }
                }
                (Some(Value::Array(into)), Value::Array(from)) => {
                    for (i, v) in from.iter().enumerate() {
                        side.rows
                            .push((row_path(key, into.len()), first + n, row_path(key, i)));
                        into.push(v.clone());
                    }
                }
                _ => {
                    if let Value::Array(from) = value {
                        for i in 0..from.len() {
                            side.rows
                                .push((row_path(key, i), first + n, row_path(key, i)));
                        }
                    }
                    side.table.insert(key.clone(), value.clone());
                }
            }
        }
    }
    side
}

/// Reads and parses every `*.toml` and every spreadsheet under `root/dir`
/// (sorted; a missing folder is no data). Names in a sheet's reference cells
/// are resolved against `names`, the records of `also` and of the folder's
/// TOML files; the names of the folder's records are returned.
fn read_dir(
    root: &Path,
    dir: &Path,
    also: &[Source],
    names: &Names,
    errors: &mut Vec<Diagnostic>,
) -> (Vec<Source>, Names) {
    let folder = crate::plan::Folder::read(root, dir, errors);
    let mut out = Vec::new();
    for (shown, text) in folder.toml {
        let (de, syntax) = toml::de::DeTable::parse_recoverable(&text);
        if !syntax.is_empty() {
            errors.extend(crate::plan::syntax_errors(&shown, &text, &syntax));
            continue;
        }
        let map = SourceMap::of(&de);
        match toml::from_str::<Table>(&text) {
            Ok(table) => out.push(Source {
                file: DataFile {
                    path: shown,
                    source: text,
                    data: Default::default(),
                    map,
                    cells: Vec::new(),
                },
                table,
            }),
            Err(err) => errors.push(crate::toml_errors::syntax(&shown, &text, &err)),
        }
    }
    let mut names = names.clone();
    for source in also.iter().chain(&out) {
        names.add_table(&source.table);
    }
    if !folder.sheets.is_empty() {
        let (files, sheet_errors) = crate::sheets::load_tables(&folder.sheets, &mut names);
        errors.extend(sheet_errors);
        out.extend(files.into_iter().map(|(mut file, table)| {
            file.data = Default::default();
            Source { file, table }
        }));
    }
    (out, names)
}

/// Moves a diagnostic about the merged document to the place in the source
/// file its value came from (else leaves it where it is).
fn place_in_sources(
    d: Diagnostic,
    text: &str,
    merged: &SourceMap,
    origins: &Origins,
    sources: &[&Source],
) -> Diagnostic {
    let offset = offset_of(text, d.line, d.column);
    let Some(path) = merged.path_at(offset).map(str::to_string) else {
        return d;
    };
    let on_key = merged
        .get(&path)
        .and_then(|p| p.key.clone())
        .is_some_and(|k| k.contains(&offset));
    // Candidates: (file, path in it), the most precise first.
    let mut candidates: Vec<(usize, String)> = Vec::new();
    for (row, from) in origins {
        if path == *row || path.starts_with(&format!("{row}.")) {
            for (file, orig) in from {
                candidates.push((*file, format!("{orig}{}", &path[row.len()..])));
            }
            for (file, orig) in from {
                candidates.push((*file, orig.clone()));
            }
        }
    }
    // Keyed and single tables: the same path; the store's files first.
    for (i, _) in sources.iter().enumerate().rev() {
        candidates.push((i, path.clone()));
    }
    for (file, p) in candidates {
        let source = &sources[file].file;
        if let Some(place) = source.map.get(&p) {
            let span = match (&place.key, on_key) {
                (Some(key), true) => key.clone(),
                _ => place.value.clone(),
            };
            return source.at(span, d.message);
        }
    }
    d
}

fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let rest = &text[start.min(text.len())..];
    start
        + rest
            .chars()
            .take(column.saturating_sub(1))
            .map(char::len_utf8)
            .sum::<usize>()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Table {
        toml::from_str(s).unwrap()
    }

    #[test]
    fn organization_fields_of_the_store_win() {
        let m = merge_tables(
            &t("[organization]\nname = \"本部\"\nversion = \"1.0\"\n"),
            &t("[organization]\nname = \"駅前店\"\n"),
        );
        assert_eq!(m["organization"]["name"].as_str(), Some("駅前店"));
        assert_eq!(m["organization"]["version"].as_str(), Some("1.0"));
    }

    #[test]
    fn keyed_tables_merge_by_id_the_stores_record_winning() {
        let m = merge_tables(
            &t("[people.a]\nname = \"A\"\nphone = \"1\"\n[people.b]\nname = \"B\"\n"),
            &t("[people.a]\nname = \"A2\"\n[people.c]\nname = \"C\"\n"),
        );
        let people = m["people"].as_table().unwrap();
        assert_eq!(people.keys().collect::<Vec<_>>(), ["a", "b", "c"]);
        assert_eq!(people["a"]["name"].as_str(), Some("A2"));
        assert!(
            people["a"].get("phone").is_none(),
            "the record, not its fields"
        );
    }

    #[test]
    fn measures_merge_by_id_field_by_field() {
        let m = merge_tables(
            &t(
                "[[measures]]\nid = \"1-1\"\ngroup = \"g\"\ntext = \"t\"\nstatus = \"未着手\"\n\
                [[measures]]\nid = \"1-2\"\ngroup = \"g\"\ntext = \"u\"\n",
            ),
            &t("[[measures]]\nid = \"1-2\"\nstatus = \"完了\"\ndone = 2025-04-01\n"),
        );
        let rows = m["measures"].as_array().unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0]["status"].as_str(), Some("未着手"));
        assert_eq!(rows[1]["text"].as_str(), Some("u"));
        assert_eq!(rows[1]["status"].as_str(), Some("完了"));
        assert!(rows[1]["done"].is_datetime());
    }

    #[test]
    fn checks_merge_by_id_and_their_items_by_position() {
        let m = merge_tables(
            &t("[[checks]]\nid = \"a\"\ntitle = \"T\"\n\
                items = [{ text = \"x\" }, { text = \"y\" }]\n"),
            &t("[[checks]]\nid = \"a\"\nitems = [{}, { status = \"完了\" }]\n"),
        );
        let items = m["checks"][0]["items"].as_array().unwrap();
        assert_eq!(m["checks"][0]["title"].as_str(), Some("T"));
        assert_eq!(items[1]["text"].as_str(), Some("y"));
        assert_eq!(items[1]["status"].as_str(), Some("完了"));
        assert!(items[0].get("status").is_none());
    }

    #[test]
    fn other_tables_are_the_stores_when_it_has_rows() {
        let shared = t("[[devices]]\nid = \"共有\"\n[[contacts]]\nname = \"本部\"\n");
        let m = merge_tables(&shared, &t("[[devices]]\nid = \"店の\"\n"));
        assert_eq!(m["devices"].as_array().unwrap().len(), 1);
        assert_eq!(m["devices"][0]["id"].as_str(), Some("店の"));
        assert_eq!(m["contacts"][0]["name"].as_str(), Some("本部"));
    }

    fn book(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        dir
    }

    #[test]
    fn a_store_plan_loads_with_partial_measure_rows() {
        let dir = book(&[
            (
                "data/m.toml",
                "[people.k]\nname = \"K\"\n[[measures]]\nid = \"1-1\"\ngroup = \"g\"\ntext = \"t\"\n",
            ),
            (
                "stores/s1/data/m.toml",
                "[organization]\nname = \"S1\"\n[[measures]]\nid = \"1-1\"\nowner = \"k\"\nstatus = \"完了\"\n",
            ),
        ]);
        assert!(is_chain(dir.path()));
        assert_eq!(store_ids(dir.path()).unwrap(), ["s1"]);
        let store = load_store(dir.path(), Path::new("data"), "s1").unwrap();
        let data = &store.plan.merged;
        assert_eq!(
            data.organization.as_ref().unwrap().name.as_deref(),
            Some("S1")
        );
        assert_eq!(data.measures[0].text, "t");
        assert_eq!(
            data.measures[0]
                .status
                .as_ref()
                .map(|s| s.get_ref().as_str()),
            Some("完了")
        );
    }

    #[test]
    fn an_error_names_the_stores_file_and_place() {
        let dir = book(&[
            ("data/m.toml", "[people.k]\nname = \"K\"\n"),
            (
                "stores/s1/data/d.toml",
                "[[devices]]\nid = \"PC\"\n\n[[devices]]\nid = \"PC2\"\nnmae = \"x\"\n",
            ),
        ]);
        let err = load_store(dir.path(), Path::new("data"), "s1").unwrap_err();
        let d = err.first();
        assert_eq!(d.file, Path::new("stores/s1/data/d.toml"));
        assert_eq!((d.line, d.column), (6, 1), "{}", d.message);

        let dir = book(&[
            ("data/m.toml", "[people.k]\nname = \"K\"\n"),
            (
                "stores/s1/data/m.toml",
                "[[measures]]\nid = \"1-1\"\ngroup = \"g\"\ntext = \"t\"\nowner = \"kk\"\n",
            ),
        ]);
        let err = load_store(dir.path(), Path::new("data"), "s1").unwrap_err();
        let d = err.first();
        assert_eq!(d.file, Path::new("stores/s1/data/m.toml"));
        assert_eq!((d.line, d.column), (5, 9), "{}", d.message);

        let dir = book(&[("stores/s1/data/m.toml", "[organization\n")]);
        let err = load_store(dir.path(), Path::new("data"), "s1").unwrap_err();
        assert_eq!(err.first().file, Path::new("stores/s1/data/m.toml"));
    }

    #[test]
    fn a_list_of_stores_with_folders_the_folder_winning() {
        let dir = book(&[
            (
                "data/m.toml",
                "[organization]\nname = \"本部\"\nversion = \"1.0\"\n\
                 [people.kanri]\nname = \"本田\"\ntitle = \"管理薬剤師\"\n\
                 [systems.yakureki]\nname = \"薬歴\"\n",
            ),
            (
                "stores.csv",
                "店舗ID,店舗名,電話番号,管理者,管理者の電話番号\n\
                 s1,駅前店,03-1,森,03-2\n\
                 s2,南口店,03-3,林,03-4\n",
            ),
            (
                "stores/s1/data/m.toml",
                "[organization]\nname = \"駅前店（フォルダ）\"\n",
            ),
            (
                "stores/s3/data/devices.csv",
                "管理番号,メーカー,OS,ソフトウェア,ソフトウェアバージョン,IPアドレス,コンピュータ名,設置場所,主な利用者属性,登録日,状態,システム\n\
                 D1,NEC,Windows 11,薬歴,1,192.168.0.2,PC1,調剤室,薬剤師,2024/4/1,稼働,薬歴\n",
            ),
        ]);
        assert!(is_chain(dir.path()));
        let chain = Chain::load(dir.path(), Path::new("data")).unwrap();
        assert_eq!(chain.ids(), ["s1", "s2", "s3"]);
        let s1 = chain.store("s1").unwrap().plan.merged;
        let org = s1.organization.unwrap();
        assert_eq!(
            org.name.as_deref(),
            Some("駅前店（フォルダ）"),
            "folder wins"
        );
        assert_eq!(org.phone.as_deref(), Some("03-1"), "the row's other fields");
        assert_eq!(org.version.as_deref(), Some("1.0"), "the shared fields");
        let kanri = &s1.people["kanri"];
        assert_eq!(kanri.name.as_deref(), Some("森"));
        assert_eq!(
            kanri.title.as_deref(),
            Some("管理薬剤師"),
            "kept from shared"
        );
        let s2 = chain.store("s2").unwrap().plan.merged;
        assert_eq!(s2.organization.unwrap().name.as_deref(), Some("南口店"));
        let s3 = chain
            .store("s3")
            .map_err(|e| format!("{e:?}"))
            .unwrap()
            .plan
            .merged;
        assert_eq!(s3.devices.len(), 1);
        assert_eq!(s3.devices[0].hostname.as_deref(), Some("PC1"));
        assert_eq!(s3.organization.unwrap().name.as_deref(), Some("本部"));
    }

    #[test]
    fn errors_in_the_list_and_in_a_stores_sheet_name_the_cell() {
        let dir = book(&[
            ("data/m.toml", "[people.kanri]\nname = \"本田\"\n"),
            ("stores.csv", "id,名称,開設者\ns1,駅前店,だれか\n"),
        ]);
        let err = Chain::load(dir.path(), Path::new("data")).unwrap_err();
        let d = err.first();
        assert_eq!(d.file, Path::new("stores.csv"));
        assert_eq!(d.cell.as_deref(), Some("C2"), "{}", d.message);
        assert!(d.message.contains("だれか"), "{}", d.message);

        let dir = book(&[
            ("data/m.toml", "[people.kanri]\nname = \"本田\"\n"),
            (
                "stores/s1/data/devices.csv",
                "管理番号,メーカー,登録日\nD1,NEC,いつか\n",
            ),
        ]);
        let chain = Chain::load(dir.path(), Path::new("data")).unwrap();
        let err = chain.store("s1").unwrap_err();
        let d = err.first();
        assert_eq!(d.file, Path::new("stores/s1/data/devices.csv"));
        assert_eq!(d.cell.as_deref(), Some("C2"), "{}", d.message);
    }
}
